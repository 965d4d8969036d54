import Foundation

/// A bounds-checked reader of little-endian binary files (instrument formats
/// such as BioLogic .mpr, Bruker .raw, Neware .ndax): every read names the
/// byte offset and what was expected when the file ends too soon.
package struct LittleEndianBytes: Sendable {
  /// The file ended (or an offset was negative) where `expected` was to be read.
  package struct Truncated: Error, Sendable {
    /// Byte offset of the failed read.
    package var offset: Int
    /// What was to be read there.
    package var expected: String
  }

  /// The bytes.
  package let bytes: [UInt8]

  /// A reader over `bytes`.
  package init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// A reader over `data`.
  package init(_ data: Data) { bytes = [UInt8](data) }

  /// The number of bytes.
  package var count: Int { bytes.count }

  /// `count` bytes from `offset`.
  package func slice(_ offset: Int, _ count: Int, _ what: String) throws(Truncated)
    -> ArraySlice<UInt8>
  {
    guard offset >= 0, count >= 0, offset <= bytes.count - count else {
      throw Truncated(offset: min(max(offset, 0), bytes.count), expected: what)
    }
    return bytes[offset..<(offset + count)]
  }

  /// An unsigned 8-bit value.
  package func u8(_ offset: Int, _ what: String) throws(Truncated) -> Int {
    Int(try slice(offset, 1, what).first ?? 0)
  }

  /// An unsigned 16-bit value.
  package func u16(_ offset: Int, _ what: String) throws(Truncated) -> Int {
    Int(try unsigned(offset, 2, what))
  }

  /// An unsigned 32-bit value.
  package func u32(_ offset: Int, _ what: String) throws(Truncated) -> Int {
    Int(try unsigned(offset, 4, what))
  }

  /// An unsigned 64-bit value.
  package func u64(_ offset: Int, _ what: String) throws(Truncated) -> UInt64 {
    try unsigned(offset, 8, what)
  }

  /// A signed 32-bit value.
  package func i32(_ offset: Int, _ what: String) throws(Truncated) -> Int {
    Int(Int32(bitPattern: UInt32(truncatingIfNeeded: try unsigned(offset, 4, what))))
  }

  /// An IEEE float32, widened.
  package func f32(_ offset: Int, _ what: String = "a float32 value") throws(Truncated) -> Double {
    Double(Float(bitPattern: UInt32(truncatingIfNeeded: try unsigned(offset, 4, what))))
  }

  /// An IEEE float64.
  package func f64(_ offset: Int, _ what: String = "a float64 value") throws(Truncated) -> Double {
    Double(bitPattern: try unsigned(offset, 8, what))
  }

  /// Text of at most `count` bytes (latin-1), cut at the first NUL and trimmed.
  package func text(_ offset: Int, _ count: Int, _ what: String) throws(Truncated) -> String {
    let s = try slice(offset, count, what)
    let end = s.firstIndex(of: 0) ?? s.endIndex
    return String(decoding: s[s.startIndex..<end].map { UInt16($0) }, as: UTF16.self)
      .trimmingCharacters(in: .whitespaces)
  }

  private func unsigned(_ offset: Int, _ size: Int, _ what: String) throws(Truncated) -> UInt64 {
    let s = try slice(offset, size, what)
    var value: UInt64 = 0
    for i in 0..<size { value |= UInt64(s[s.startIndex + i]) << (8 * UInt64(i)) }
    return value
  }
}

extension Int {
  /// `value` rounded to the nearest integer when it is finite and within
  /// ±2⁶², nil otherwise: for numbers read from files, where `Int(_:)`
  /// would trap on NaN, infinity or 1e300.
  package init?(fileValue value: Double) {
    let rounded = value.rounded()
    guard rounded.isFinite, abs(rounded) <= 4.611_686_018_427_387_9e18 else { return nil }
    self = Int(rounded)
  }
}

import ComplexModule
import Foundation
import IonicsCore

/// Zahner Thales `.ism` (binary, big-endian): a 6-byte version, a 6-byte
/// count N − 1, then N frequencies (Hz), N moduli |Z| (Ω), N phases (rad) and
/// N time stamps as 8-byte floats, N 2-byte significances, and a
/// length-prefixed date string. A sweep starts in the middle of the band,
/// runs to one end, then covers the whole band from the other end: only the
/// points between the lowest and the highest frequency are one clean sweep,
/// and only those are returned (as Zahner Analysis does).
public enum ZahnerISM {
  /// Bytes before the arrays.
  static let headerLength = 12
  /// Bytes per point in the arrays: four doubles and a 2-byte significance.
  static let bytesPerPoint = 34

  /// The number of points when `data` has the layout of an `.ism` file and
  /// its first values are plausible frequencies, moduli and phases; nil
  /// otherwise (cheap: reads at most eight points).
  public static func plausiblePointCount(_ data: Data) -> Int? {
    let bytes = LittleEndianBytes([UInt8](data.prefix(4096)))
    guard let count = try? integer48(bytes, at: 6), count >= 1, count < 10_000_000 else {
      return nil
    }
    let n = count + 1
    guard headerLength + n * bytesPerPoint + 2 <= data.count else { return nil }
    let whole = LittleEndianBytes([UInt8](data.prefix(headerLength + n * 24 + 8)))
    for k in 0..<min(n, 8) {
      guard let f = try? double(whole, at: headerLength + 8 * k),
        let modulus = try? double(whole, at: headerLength + 8 * (n + k)),
        let phase = try? double(whole, at: headerLength + 8 * (2 * n + k)),
        f > 1e-7, f < 1e9, modulus > 0, modulus < 1e20, abs(phase) <= 2 * Double.pi
      else { return nil }
    }
    return n
  }

  /// Reads the spectrum of an `.ism` file named `source`.
  public static func read(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    let bytes = LittleEndianBytes([UInt8](data))
    func fail(_ offset: Int, _ expected: String) -> ImpedanceReadError {
      .truncated(source: source, offset: offset, expected: expected)
    }
    guard let count = try? integer48(bytes, at: 6) else {
      throw fail(6, "a 6-byte point count")
    }
    guard count >= 1, headerLength + (count + 1) * bytesPerPoint <= data.count else {
      throw fail(6, "a point count the file can hold (it says \(count + 1))")
    }
    let n = count + 1
    func array(_ index: Int, _ what: String) throws -> [Double] {
      var values: [Double] = []
      values.reserveCapacity(n)
      for k in 0..<n {
        let offset = headerLength + 8 * (index * n + k)
        guard let x = try? double(bytes, at: offset) else { throw fail(offset, what) }
        values.append(x)
      }
      return values
    }
    let f = try array(0, "a frequency")
    let modulus = try array(1, "an impedance modulus")
    let phase = try array(2, "a phase")
    // Every point, not only the few the recognition looked at.
    for k in 0..<n {
      guard f[k].isFinite, f[k] > 0, modulus[k].isFinite, modulus[k] >= 0, phase[k].isFinite,
        abs(phase[k]) <= 2 * Double.pi
      else {
        throw ImpedanceReadError.inconsistent(
          source: source,
          "point \(k + 1) of \(n): frequency \(f[k]) Hz, |Z| \(modulus[k]) Ω, phase \(phase[k]) rad is not a measured point")
      }
    }
    guard let low = f.indices.min(by: { f[$0] < f[$1] }),
      let high = f.indices.max(by: { f[$0] < f[$1] })
    else { throw ImpedanceReadError.noData(source: source) }
    let range = min(low, high)...max(low, high)
    var metadata = SpectrumMetadata(source: source, format: "Zahner .ism")
    metadata.imaginaryColumn = "|Z| and phase (rad)"
    metadata.date = date(bytes, at: headerLength + n * bytesPerPoint)
    let dropped = n - range.count
    if dropped > 0 {
      metadata.notes.append(
        .note(
          "overlapOmitted",
          "\(dropped) points measured before the sweep reached the end of the band are left out (they repeat frequencies of the sweep)"
        ))
    }
    var frequencies = range.map { f[$0] }
    var impedance = range.map { Complex(length: modulus[$0], phase: phase[$0]) }
    if frequencies.first ?? 0 < frequencies.last ?? 0 {
      frequencies.reverse()
      impedance.reverse()
    }
    return [try ImpedanceSpectrum(frequencies: frequencies, impedance: impedance, metadata: metadata)]
  }

  /// A signed 6-byte big-endian integer.
  static func integer48(_ bytes: LittleEndianBytes, at offset: Int) throws -> Int {
    let raw = try bytes.slice(offset, 6, "a 6-byte integer")
    var value = 0
    for byte in raw { value = value << 8 | Int(byte) }
    return value >= 1 << 47 ? value - (1 << 48) : value
  }

  /// A big-endian IEEE double.
  static func double(_ bytes: LittleEndianBytes, at offset: Int) throws -> Double {
    let raw = try bytes.slice(offset, 8, "an 8-byte float")
    var bits: UInt64 = 0
    for byte in raw { bits = bits << 8 | UInt64(byte) }
    return Double(bitPattern: bits)
  }

  /// The measurement date: a 2-byte length and that many case-swapped ASCII
  /// characters, "ddmmyy…"; nil when absent or not a date.
  static func date(_ bytes: LittleEndianBytes, at offset: Int) -> String? {
    guard let raw = try? bytes.slice(offset, 2, "a string length") else { return nil }
    let length = Int(raw[raw.startIndex]) << 8 | Int(raw[raw.startIndex + 1])
    guard length >= 6, let text = try? bytes.slice(offset + 2, min(length, 64), "a date") else {
      return nil
    }
    let digits = text.prefix(6).map { Character(UnicodeScalar($0)) }
    guard digits.allSatisfy(\.isNumber) else { return nil }
    let s = String(digits)
    let year = Int(s.suffix(2)).map { $0 < 70 ? 2000 + $0 : 1900 + $0 } ?? 0
    return "\(year)-\(s.dropFirst(2).prefix(2))-\(s.prefix(2))"
  }
}

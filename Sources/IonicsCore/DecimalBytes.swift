import Foundation

/// Numbers read straight from the bytes of a text file, without making a
/// String: plain decimals (`-12.345`, `0,5` with a decimal comma) as the
/// digits over a power of ten, which IEEE division rounds exactly as a
/// correctly rounded conversion does (at most 15 digits); anything else
/// (exponents, more digits) through `Double(String)`.
package enum DecimalBytes {
  /// 10^k for k = 0…15, exact in binary64 (no global table to look up).
  @usableFromInline
  @inline(__always)
  static func powerOfTen(_ k: Int) -> Double {
    switch k {
    case 0: return 1
    case 1: return 10
    case 2: return 100
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    default: return 1e15
    }
  }

  /// The number in `bytes[start..<end]` (surrounding spaces and double
  /// quotes ignored), nil when it is not one. A comma is the decimal mark
  /// when `decimalComma`.
  @inlinable
  package static func parse(
    _ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, decimalComma: Bool = false
  ) -> Double? {
    var s = start
    var e = end
    while s < e, bytes[s] == 32 || bytes[s] == 34 || bytes[s] == 9 { s += 1 }
    while e > s, bytes[e - 1] == 32 || bytes[e - 1] == 34 || bytes[e - 1] == 13 || bytes[e - 1] == 9
    {
      e -= 1
    }
    guard s < e else { return nil }
    return plain(bytes, s, e, decimalComma: decimalComma) ?? general(bytes, s, e, decimalComma)
  }

  /// Digits, at most one decimal mark, an optional sign: the digits as an
  /// integer m and the count d after the mark, then m / 10^d, which is
  /// correctly rounded whenever m ≤ 2^53 and d ≤ 15 (both exact in binary64,
  /// so IEEE division rounds once, as strtod does). Anything else is nil.
  @usableFromInline
  static func plain(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, decimalComma: Bool)
    -> Double?
  {
    var i = start
    var negative = false
    if bytes[i] == 45 || bytes[i] == 43 {
      negative = bytes[i] == 45
      i += 1
    }
    let digitsStart = i
    var mantissa: UInt64 = 0
    while i < end {
      let d = bytes[i] &- 48
      guard d < 10 else { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      i += 1
    }
    let integerDigits = i - digitsStart
    var decimals = 0
    if i < end {
      let b = bytes[i]
      guard b == 46 || (decimalComma && b == 44) else { return nil }
      i += 1
      let fractionStart = i
      while i < end {
        let d = bytes[i] &- 48
        guard d < 10 else { return nil }
        mantissa = mantissa &* 10 &+ UInt64(d)
        i += 1
      }
      decimals = i - fractionStart
    }
    let digits = integerDigits + decimals
    // 19 digits cannot overflow UInt64; past 2^53 or 15 decimals, strtod decides.
    guard digits > 0, digits <= 19, decimals <= 15, mantissa <= 1 << 53 else { return nil }
    let value = Double(mantissa) / powerOfTen(decimals)
    return negative ? -value : value
  }

  @usableFromInline
  static func general(
    _ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ decimalComma: Bool
  )
    -> Double?
  {
    var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    if decimalComma, text.utf8.contains(44) { text = text.replacingOccurrences(of: ",", with: ".") }
    return Double(text)
  }
}

import Foundation
import IonicsCore

/// One value of a CIF item, as the file wrote it.
///
/// CIF keeps the spelling of numbers (`9.4363(3)`), so a value is text until
/// it is asked for as a number; `?` (unknown) and `.` (inapplicable) are
/// kept apart from the strings "?" and "." written in quotes. CIF 2.0 adds
/// lists `[ … ]` and tables `{ 'key': value … }`.
public enum CIFValue: Sendable, Hashable {
  /// Unquoted text: a number, a symbol, a label.
  case text(String)
  /// Text that was quoted or a text field: never a number or a null.
  case quoted(String)
  /// `?`: the value is unknown.
  case unknown
  /// `.`: the item does not apply.
  case inapplicable
  /// A CIF 2.0 list.
  case list([CIFValue])
  /// A CIF 2.0 table (key → value).
  case table([String: CIFValue])

  /// The text of a string value (quoted or not); nil for nulls, lists and tables.
  public var string: String? {
    switch self {
    case .text(let s), .quoted(let s): return s
    default: return nil
    }
  }

  /// Whether this is `?` or `.`.
  public var isNull: Bool { self == .unknown || self == .inapplicable }

  /// The number with its standard uncertainty: `9.4363(3)` → 9.4363 ± 0.0003,
  /// `1.2e-3(4)` → 0.0012 ± 0.0004, `-0.5` → −0.5 exact. Unquoted text only
  /// (a quoted value is a string by CIF's rules); nil when it is not a number.
  public var number: Measured? {
    guard case .text(let s) = self else { return nil }
    return CIFValue.parseNumber(s)
  }

  /// The number without its uncertainty.
  public var double: Double? { number?.value }

  /// CIF's numeric syntax: optional sign, digits with an optional decimal
  /// point, an optional exponent, and an optional standard uncertainty in
  /// parentheses after the mantissa or after the exponent; the uncertainty
  /// counts in units of the mantissa's last written digit.
  static func parseNumber(_ s: String) -> Measured? {
    if let fast = s.utf8.withContiguousStorageIfAvailable(parseDecimal), let fast {
      return fast
    }
    // Plain numbers with an exponent: only digits, sign, point and exponent
    // letters (so no "nan", "inf" or hex).
    let plain = s.utf8.allSatisfy {
      ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69
    }
    if plain, s.utf8.contains(where: { $0 >= 48 && $0 <= 57 }), let v = Double(s), v.isFinite {
      return Measured(v)
    }
    var bytes = Array(s.utf8)
    guard !bytes.isEmpty, bytes.count < 64 else { return nil }
    var uncertaintyDigits: [UInt8] = []
    // Take "(digits)" out, wherever it sits.
    if let open = bytes.firstIndex(of: UInt8(ascii: "(")) {
      guard let close = bytes.firstIndex(of: UInt8(ascii: ")")), close > open + 1 else {
        return nil
      }
      uncertaintyDigits = Array(bytes[(open + 1)..<close])
      guard uncertaintyDigits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
      bytes.removeSubrange(open...close)
    }
    var i = 0
    if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    var digits = 0
    var decimals = 0
    var seenPoint = false
    while i < bytes.count {
      let b = bytes[i]
      if b >= 48 && b <= 57 {
        digits += 1
        if seenPoint { decimals += 1 }
      } else if b == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    var exponent = 0
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      var sign = 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
        sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, expDigits < 5 {
        e = e * 10 + Int(bytes[i] - 48)
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return nil }
      exponent = sign * e
    }
    guard i == bytes.count, let value = Double(String(decoding: bytes, as: UTF8.self)),
      value.isFinite
    else { return nil }
    guard !uncertaintyDigits.isEmpty,
      let u = Double(String(decoding: uncertaintyDigits, as: UTF8.self))
    else { return Measured(value) }
    let power = decimals - exponent
    return Measured(
      value,
      standardUncertainty: power >= 0 ? u / pow(10.0, Double(power)) : u * pow(10.0, Double(-power))
    )
  }

  /// The common forms `-12.345` and `0.1234(5)` (at most 15 digits, no
  /// exponent), read without going through text: the digits as a whole
  /// number divided by a power of ten, which IEEE division rounds exactly
  /// as a decimal-to-binary conversion does. Nil for anything else.
  static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Measured? {
    var i = 0
    let n = bytes.count
    var negative = false
    if i < n, bytes[i] == 45 || bytes[i] == 43 {
      negative = bytes[i] == 45
      i += 1
    }
    var mantissa: Int64 = 0
    var digits = 0
    var decimals = 0
    var seenPoint = false
    while i < n {
      let b = bytes[i]
      if b >= 48 && b <= 57 {
        // Beyond 15 digits the number is refused below; the mantissa stops
        // growing before it could overflow.
        if digits < 16 { mantissa = mantissa * 10 + Int64(b - 48) }
        digits += 1
        if seenPoint { decimals += 1 }
      } else if b == 46 && !seenPoint {
        seenPoint = true
      } else {
        break
      }
      i += 1
    }
    guard digits > 0, digits <= 15 else { return nil }
    var su: Int64 = 0
    if i < n {
      guard bytes[i] == 40, n - i >= 3, bytes[n - 1] == 41 else { return nil }
      var k = i + 1
      while k < n - 1 {
        let b = bytes[k]
        guard b >= 48 && b <= 57, su < 1_000_000_000 else { return nil }
        su = su * 10 + Int64(b - 48)
        k += 1
      }
    }
    let scale = powersOfTen[decimals]
    let value = Double(mantissa) / scale
    return Measured(negative ? -value : value, standardUncertainty: Double(su) / scale)
  }

  private static let powersOfTen: [Double] = (0...15).map { pow(10.0, Double($0)) }
}

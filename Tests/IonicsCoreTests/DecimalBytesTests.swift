import Foundation
import IonicsCore
import Testing

@Suite("Numbers read from bytes")
struct DecimalBytesTests {
  static func parse(_ text: String, comma: Bool = false) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { DecimalBytes.parse($0, 0, bytes.count, decimalComma: comma) }
  }

  /// Bit for bit what Double(String) gives, for plain decimals, signs,
  /// quotes, spaces, exponents and long mantissas.
  @Test(arguments: [
    "0", "-0.0000", "2.9215", "15.020", "123456789.012345", "-0.1", "+7", " 3.5 ", "\"4.25\"",
    "1e-3", "6.02214076E23", "0.12345678901234567", "99999999999999.9", "3.", ".5",
  ])
  func equalsTheStandardConversion(text: String) {
    let expected = Double(text.trimmingCharacters(in: CharacterSet(charactersIn: " \"")))
    #expect(Self.parse(text)?.bitPattern == expected?.bitPattern, "\(text)")
  }

  /// Twenty thousand random decimals of 1–19 digits with 0–17 after the
  /// point (fast path and fallback alike) read bit for bit as strtod reads them.
  @Test func randomDecimalsEqualTheStandardConversion() {
    var generator = SplitMix64(seed: 20_261_202)
    for _ in 0..<20_000 {
      let count = Int.random(in: 1...19, using: &generator)
      var digits = (0..<count).map { _ in String(Int.random(in: 0...9, using: &generator)) }
        .joined()
      let point = Int.random(in: 0...min(count, 17), using: &generator)
      if point > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -point)) }
      let text = (Bool.random(using: &generator) ? "-" : "") + digits
      #expect(Self.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }

  /// Decimal commas when asked; text, empty fields and a lone point are not numbers.
  @Test func commasAndRefusals() {
    #expect(Self.parse("0,125", comma: true) == 0.125)
    #expect(Self.parse("-3,5", comma: true) == -3.5)
    for bad in ["", "  ", "abc", "1.2.3", "04/30/2024 14:33:19", ".", "-"] {
      #expect(Self.parse(bad) == nil, "\(bad)")
    }
  }
}

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

  /// Decimal commas when asked; text, empty fields and a lone point are not numbers.
  @Test func commasAndRefusals() {
    #expect(Self.parse("0,125", comma: true) == 0.125)
    #expect(Self.parse("-3,5", comma: true) == -3.5)
    for bad in ["", "  ", "abc", "1.2.3", "04/30/2024 14:33:19", ".", "-"] {
      #expect(Self.parse(bad) == nil, "\(bad)")
    }
  }
}

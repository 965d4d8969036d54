import Foundation
import Testing

@testable import Crystal

/// Inputs that the coverage-guided fuzzer (Scripts/fuzz.sh) found to crash
/// the CIF reader, reduced to what made them crash; each must now give a
/// value or a typed error.
@Suite("CIF fuzz findings")
struct CIFFuzzFindingsTests {
  /// A value with more than 18 digits before the point overflowed the
  /// 64-bit mantissa of the fast decimal path (an arithmetic trap in
  /// `cif`, found in an _atom_site_aniso_U value): it is read through the
  /// general path, as Double would read it.
  @Test func manyDigitsDoNotOverflow() throws {
    let text = String(repeating: "7", count: 52) + "0.0368"
    let value = try #require(CIFValue.text(text).number)
    #expect(abs(value.value / (Double(text) ?? 0) - 1) < 1e-15)
    let withSU = try #require(CIFValue.text(String(repeating: "9", count: 30) + ".5(3)").number)
    #expect(withSU.value > 9e29)
  }
}

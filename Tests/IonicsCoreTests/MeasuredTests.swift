import Foundation
import IonicsCore
import Testing

struct MeasuredTests {
  @Test(arguments: [
    ("9.4363(3)", 9.4363, 0.0003), ("2.775(4)", 2.775, 0.004), ("-0.0123(15)", -0.0123, 0.0015),
    ("0.707(2)", 0.707, 0.002), ("1.05e-5", 1.05e-5, 0), ("12(2)", 12, 2),
    ("1234.5(12)", 1234.5, 1.2),
    ("1.05(3)e-5", 1.05e-5, 3e-7), ("10.2986(2)", 10.2986, 0.0002), ("2.5 ± 0.1", 2.5, 0.1),
    ("2.5 +/- 0.1", 2.5, 0.1), ("+3.0(1)", 3.0, 0.1), ("5.", 5, 0), (".25(3)", 0.25, 0.03),
  ])
  func parsesCrystallographicNotation(text: String, value: Double, uncertainty: Double) throws {
    let m = try Measured(parsing: text)
    #expect(abs(m.value - value) <= 1e-15 * abs(value))
    #expect(abs(m.standardUncertainty - uncertainty) <= 1e-15 * max(uncertainty, 1e-300))
  }

  @Test(arguments: [
    "9.4363(3)", "2.775(4)", "-0.0123(15)", "0.707(2)", "1.05e-5", "12(2)", "1234.5(12)",
    "1.05(3)e-5", "17.6142(4)",
  ])
  func printsBackTheSameWay(text: String) throws {
    #expect(try Measured(parsing: text).description == text)
  }

  /// IUCr rounding: two uncertainty digits when they read 10–19, one otherwise.
  @Test func roundsUncertaintyByTheRuleOfNineteen() {
    #expect(Measured(2.78612, standardUncertainty: 0.00812).description == "2.786(8)")
    #expect(Measured(2.78612, standardUncertainty: 0.00182).description == "2.7861(18)")
    #expect(Measured(2.78612, standardUncertainty: 0.00196).description == "2.786(2)")
    #expect(Measured(1234, standardUncertainty: 25).description == "1230(30)")
    #expect(Measured(0.32, standardUncertainty: 0).description == "0.32")
  }

  @Test(arguments: [
    "", "abc", "9.43(", "9.43()", "9.43(3", "1e", "1.2.3", "--1", "(3)", "9.4363(3)x",
  ])
  func rejectsMalformedNumbers(text: String) {
    #expect(throws: MeasuredParseError.self) { try Measured(parsing: text) }
  }

  @Test func errorNamesTheColumn() {
    #expect(
      throws: MeasuredParseError.unexpectedCharacter(
        "x", column: 10, expected: "the end of the number")
    ) {
      try Measured(parsing: "9.4363(3)x")
    }
  }

  /// First-order propagation for independent inputs, checked against the
  /// closed forms: σ = d/(S·R) has relative uncertainty
  /// sqrt((u_d/d)² + (u_S/S)² + (u_R/R)²).
  @Test func conductivityUncertaintyPropagates() {
    let d = Measured(0.4, standardUncertainty: 0.002)  // cm
    let area = Measured(Double.pi * 0.36, standardUncertainty: 0.005)  // cm²
    let r = Measured(33_700, standardUncertainty: 500)  // Ω
    let sigma = d / (area * r)
    let relative =
      ((0.002 / 0.4) * (0.002 / 0.4) + pow(0.005 / (Double.pi * 0.36), 2) + pow(500.0 / 33_700, 2))
      .squareRoot()
    #expect(abs(sigma.value - 0.4 / (Double.pi * 0.36 * 33_700)) < 1e-18)
    #expect(abs(sigma.relativeUncertainty - relative) < 1e-12)
  }

  @Test func functionsPropagateWithTheirDerivatives() {
    let x = Measured(2, standardUncertainty: 0.1)
    #expect(abs(Measured.exp(x).standardUncertainty - exp(2) * 0.1) < 1e-12)
    #expect(abs(Measured.log(x).standardUncertainty - 0.05) < 1e-15)
    #expect(abs(Measured.sqrt(x).standardUncertainty - 0.1 / (2 * 2.0.squareRoot())) < 1e-15)
    #expect(abs(Measured.pow(x, 3).standardUncertainty - 3 * 4 * 0.1) < 1e-12)
    // x + x is treated as two independent measurements, by contract.
    #expect(abs((x + x).standardUncertainty - 0.1 * 2.0.squareRoot()) < 1e-15)
  }
}

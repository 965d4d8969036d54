import IonicsCore
import Testing

@testable import Workflows

/// Conversions with uncertainties, and σ ⇔ R through a geometry.
struct QuantityConversionTests {
  /// The paper's pellet: 33.68 kΩ over 12 mm × 4 mm is σ = l/(A·R) =
  /// 0.4 cm / (π·0.6² cm² · 33 680 Ω) = 1.0501e-5 S/cm; 300 Ω of R is
  /// 0.89 % of σ; the way back returns the resistance.
  @Test func pelletResistanceToConductivityAndBack() throws {
    let pellet = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let sigma = try QuantityConversion.convert(
      Measured(33_680, standardUncertainty: 300), from: "Ω", to: "S/cm", geometry: pellet)
    let expected = 0.4 / (Double.pi * 0.36 * 33_680)
    #expect(abs(sigma.value / expected - 1) < 1e-12)
    #expect(abs(sigma.standardUncertainty / sigma.value - 300.0 / 33_680) < 1e-9)
    // σ in mS/cm is 1000 times the number in S/cm; R in kΩ a thousandth of Ω.
    let inMilli = Measured(sigma.value * 1000, standardUncertainty: sigma.standardUncertainty * 1000)
    let kilo = try QuantityConversion.convert(inMilli, from: "mS/cm", to: "kΩ", geometry: pellet)
    #expect(abs(kilo.value - 33.68) < 1e-9)
    let ohm = try QuantityConversion.convert(sigma, from: "S/cm", to: "Ω", geometry: pellet)
    #expect(abs(ohm.value - 33_680) < 1e-6)
  }

  /// An offset moves the value but not the uncertainty; a scale scales both.
  @Test func offsetsAndScales() throws {
    let kelvin = try QuantityConversion.convert(
      Measured(25, standardUncertainty: 1), from: "°C", to: "K")
    #expect(abs(kelvin.value - 298.15) < 1e-12 && abs(kelvin.standardUncertainty - 1) < 1e-12)
    let kj = try QuantityConversion.convert(
      Measured(0.32, standardUncertainty: 0.01), from: "eV", to: "kJ/mol")
    #expect(abs(kj.value - 0.32 * 96.48533212) < 1e-6)
    #expect(abs(kj.standardUncertainty - 0.01 * 96.48533212) < 1e-8)
  }

  @Test func resistanceToConductivityNeedsTheSample() {
    #expect(throws: WorkflowError.self) {
      try QuantityConversion.convert(Measured(10), from: "Ω", to: "S/cm")
    }
  }
}

import IonicsCore
import Testing

struct ConstantsAndUnitsTests {
  /// CODATA 2018: F = e·N_A and R = k_B·N_A to the digits CODATA prints.
  @Test func derivedConstantsAreConsistent() {
    let c = PhysicalConstants.self
    #expect(abs(c.elementaryCharge * c.avogadro - c.faraday) < 1e-5)
    #expect(abs(c.boltzmann * c.avogadro - c.molarGas) < 1e-8)
    #expect(abs(c.boltzmann / c.elementaryCharge - c.boltzmannElectronvoltsPerKelvin) < 1e-14)
  }

  /// 0.32 eV (the paper's Ea) = 30.875 kJ/mol; 1 eV = 96.485 332 12 kJ/mol.
  @Test func electronvoltsToKilojoulesPerMole() throws {
    #expect(abs(Units.kilojoulesPerMole(fromElectronvolts: 1) - 96.48533212) < 1e-7)
    #expect(abs(Units.kilojoulesPerMole(fromElectronvolts: 0.32) - 30.87530628) < 1e-6)
    #expect(abs(try PhysicalUnit.convert(0.32, from: "eV", to: "kJ/mol") - 30.87530628) < 1e-6)
    #expect(abs(Units.electronvolts(fromKilojoulesPerMole: 96.48533212) - 1) < 1e-10)
  }

  @Test(arguments: [
    (25.0, "°C", "K", 298.15), (298.15, "K", "degC", 25), (12, "mm", "cm", 1.2),
    (50, "µm", "cm", 0.005),
    (50, "um", "mm", 0.05), (500, "mg", "g", 0.5), (117, "mAh/g", "C/g", 421.2),
    (1.05e-5, "S/cm", "mS/cm", 1.05e-2),
    (1, "S/cm", "S/m", 100), (0.05, "mA/cm2", "A/m2", 0.5), (1, "Å", "nm", 0.1),
    (212, "°F", "°C", 100),
    (1, "h", "s", 3600), (300, "MPa", "bar", 3000), (1, "mAh", "C", 3.6),
  ])
  func conversions(value: Double, from: String, to: String, expected: Double) throws {
    let converted = try PhysicalUnit.convert(value, from: from, to: to)
    #expect(abs(converted - expected) < 1e-9 * max(1, abs(expected)), "\(value) \(from) → \(to)")
  }

  @Test func incompatibleAndUnknownUnitsThrow() {
    #expect(throws: UnitError.self) { try PhysicalUnit.convert(1, from: "eV", to: "K") }
    #expect(throws: UnitError.self) { try PhysicalUnit.convert(1, from: "furlong", to: "m") }
  }
}

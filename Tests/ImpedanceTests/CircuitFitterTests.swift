import ComplexModule
import Foundation
import Impedance
import Testing

struct CircuitFitterTests {
  /// The paper's pellet: 12 mm × 4 mm, σ25 = 1.05e-5 S/cm →
  /// R_bulk = d/(σ·S) = 0.4 cm/(1.05e-5 S/cm · π·0.6² cm²) = 33 682 Ω; bulk
  /// C_eff = 7.5 pF as a CPE with α = 0.9 (Q = C^α/R^(1−α), Brug); a
  /// blocking-electrode CPE; 0.5 % noise; 3 MHz – 0.1 Hz, 10 points/decade.
  static let bulkResistance = 0.4 / (1.05e-5 * Double.pi * 0.36)
  static let bulkQ = pow(7.5e-12, 0.9) / pow(bulkResistance, 0.1)
  static let truth = [bulkResistance, bulkQ, 0.9, 2e-6, 0.8]

  static func pellet(noise: Double = 0.005, seed: UInt64 = 7) throws -> ImpedanceSpectrum {
    let grid = try CircuitSimulator.logarithmicGrid(from: 3e6, to: 0.1, pointsPerDecade: 10)
    return try CircuitSimulator.simulate(
      try Circuit("p(R1,CPE1)-CPE2"), parameters: truth, frequencies: grid, relativeNoise: noise,
      seed: seed)
  }

  @Test func gridHasTenPointsPerDecade() throws {
    let grid = try CircuitSimulator.logarithmicGrid(from: 3e6, to: 0.1, pointsPerDecade: 10)
    #expect(grid.count == 76)
    #expect(abs((grid.first ?? 0) - 3e6) < 1e-6 && abs((grid.last ?? 0) - 0.1) < 1e-12)
  }

  /// R_bulk within 1 % from the automatic guess, and χ² at the noise floor:
  /// with modulus weighting and noise σ = 0.5 % of |Z| on each part, χ²/dof ≈ σ² = 2.5e-5.
  @Test(arguments: [UInt64(7), 11, 23])
  func paperPelletFromAutomaticGuess(seed: UInt64) throws {
    let spectrum = try Self.pellet(seed: seed)
    let fit = try CircuitFitter.fit(try Circuit("p(R1,CPE1)-CPE2"), to: spectrum)
    let r = try #require(fit.parameter("R1"))
    #expect(abs(r.value / Self.bulkResistance - 1) < 0.01, "R1 = \(r.value)")
    #expect(
      fit.reducedChiSquared > 0.5 * 2.5e-5 && fit.reducedChiSquared < 1.5 * 2.5e-5,
      "χ²/dof = \(fit.reducedChiSquared)")
    #expect(fit.converged)
    // The bulk effective capacitance (Brug) comes back near 7.5 pF.
    let q = try #require(fit.parameter("CPE1_0")).value
    let alpha = try #require(fit.parameter("CPE1_1")).value
    let cEff = pow(q * pow(r.value, 1 - alpha), 1 / alpha)
    #expect(abs(cEff / 7.5e-12 - 1) < 0.05, "C_eff = \(cEff)")
  }

  /// Noise-free data are fitted exactly from the automatic guess for several
  /// circuit shapes, including two arcs reported fastest first whatever
  /// order they are written in.
  @Test(arguments: [
    ("R0-p(R1,C1)", [20.0, 500, 2e-7]),
    ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", [10.0, 5e4, 2e-10, 0.9, 3e4, 5e-8, 0.8, 1e-6, 0.85]),
    ("R0-p(R1,CPE1)-p(R2,CPE2)", [10.0, 3e4, 5e-8, 0.8, 5e4, 2e-10, 0.9]),
    ("R0-Zarc1-Zarc2", [10.0, 50, 1e-4, 0.8, 100, 0.1, 0.8]),
    ("R0-p(R1,C1)-W1", [5.0, 100, 1e-6, 20]),
    ("L0-R0-p(R1,CPE1)-Wo1", [1e-7, 0.02, 0.01, 3, 0.9, 0.05, 200]),
  ])
  func noiseFreeSpectraAreFittedExactly(circuit text: String, parameters: [Double]) throws {
    let circuit = try Circuit(text)
    let grid = try CircuitSimulator.logarithmicGrid(from: 1e6, to: 1e-2, pointsPerDecade: 10)
    let spectrum = try CircuitSimulator.simulate(circuit, parameters: parameters, frequencies: grid)
    let fit = try CircuitFitter.fit(circuit, to: spectrum)
    #expect(fit.chiSquared < 1e-12, "\(text): χ² = \(fit.chiSquared)")
    // The expected values in arc order (fastest first).
    var expected = parameters
    if text == "R0-p(R1,CPE1)-p(R2,CPE2)" { expected = [10.0, 5e4, 2e-10, 0.9, 3e4, 5e-8, 0.8] }
    for (k, p) in fit.parameters.enumerated() {
      #expect(
        abs(p.value / expected[k] - 1) < 1e-4,
        "\(text) \(p.name) = \(p.value), expected \(expected[k])")
    }
  }

  @Test func fixedValuesAndUnknownNames() throws {
    let spectrum = try Self.pellet()
    var options = CircuitFitOptions()
    options.fixedValues = ["CPE2_1": 0.8]
    let fit = try CircuitFitter.fit(try Circuit("p(R1,CPE1)-CPE2"), to: spectrum, options: options)
    #expect(fit.parameter("CPE2_1")?.value == 0.8)
    #expect(fit.parameter("CPE2_1")?.isFixed == true)
    options.fixedValues = ["R9": 1]
    #expect(throws: CircuitFitError.self) {
      try CircuitFitter.fit(try Circuit("p(R1,CPE1)-CPE2"), to: spectrum, options: options)
    }
  }

  /// An arc far below the window cannot be determined: the fit says so.
  @Test func arcOutsideTheWindowIsFlagged() throws {
    let circuit = try Circuit("R0-p(R1,C1)-p(R2,C2)")
    let grid = try CircuitSimulator.logarithmicGrid(from: 1e5, to: 10, pointsPerDecade: 10)
    // Second arc: τ = 100 s, apex 1.6 mHz, far below 10 Hz.
    let spectrum = try CircuitSimulator.simulate(
      circuit, parameters: [10, 100, 1e-6, 1e4, 1e-2], frequencies: grid, relativeNoise: 0.002)
    let fit = try CircuitFitter.fit(circuit, to: spectrum)
    #expect(fit.diagnostics.contains { $0.code == "arcApexOutsideWindow" && $0.message.contains("outside the measured") })
  }
}

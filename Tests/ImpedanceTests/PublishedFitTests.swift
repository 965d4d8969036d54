import ComplexModule
import Foundation
import Impedance
import TestSupport
import Testing

/// Fits that impedance.py and EISFitpython published for their own files
/// (values in shared/data/eis/SOURCES.md), reproduced by Ionics.
@Suite(SharedData.required)
struct PublishedFitTests {
  static func read(_ path: String) throws -> ImpedanceSpectrum {
    try #require(try ImpedanceFile.read(contentsOf: SharedData.url(path)).first)
  }

  static func expectSignificant(_ value: Double, _ published: Double, digits: Int, _ what: String) {
    // "To 3 significant digits": |value − published| ≤ half a unit in the 3rd digit.
    let unit = pow(10, floor(log10(abs(published))) - Double(digits - 1))
    #expect(
      abs(value - published) <= 0.5 * unit * 1.0001, "\(what) = \(value), published \(published)")
  }

  /// impedance.py getting-started: exampleData.csv without its inductive
  /// points, R0-p(R1,C1)-p(R2-Wo1,C2), unweighted. impedance.py 1.7.1 ends
  /// this fit at χ² = 1.94302e-5 (computed with the anchor on this file);
  /// Ionics must do no worse. From the notebook's guess the published values
  /// come back to 3 significant digits, except Wo1_0 and Wo1_1, which lie
  /// in a flat valley where impedance.py stops early: those within half of
  /// the published standard error (Ionics' χ² is the lower one).
  static let impedancePyChiSquared = 1.94302e-5

  @Test func impedancePyExampleDataFromTheNotebookGuess() throws {
    let spectrum = try Self.read("eis/impedance.py/exampleData.csv").droppingInductivePoints()
    let circuit = try Circuit("R0-p(R1,C1)-p(R2-Wo1,C2)")
    var options = CircuitFitOptions()
    options.weighting = .unity
    options.initialValues = Dictionary(
      uniqueKeysWithValues: zip(circuit.parameterNames, [0.01, 0.01, 100, 0.01, 0.05, 100, 1]))
    options.multiStartCount = 0
    let fit = try CircuitFitter.fit(circuit, to: spectrum, options: options)
    #expect(fit.pointCount == 57)
    for (name, value) in [
      ("R0", 1.65e-2), ("R1", 8.68e-3), ("C1", 3.32), ("R2", 5.39e-3), ("C2", 2.20e-1),
    ] {
      Self.expectSignificant(try #require(fit.parameter(name)).value, value, digits: 3, name)
    }
    for (name, value, sigma) in [("Wo1_0", 6.31e-2, 1.94e-3), ("Wo1_1", 2.33e2, 1.62e1)] {
      let fitted = try #require(fit.parameter(name)).value
      #expect(
        abs(fitted - value) <= 0.5 * sigma, "\(name) = \(fitted), published \(value) ± \(sigma)")
    }
    #expect(fit.chiSquared <= Self.impedancePyChiSquared)
    // Standard errors as impedance.py reports them (scaled covariance), to 2 digits.
    Self.expectSignificant(
      try #require(fit.parameter("R1")?.standardError), 1.91e-4, digits: 2, "σ(R1)")
    Self.expectSignificant(
      try #require(fit.parameter("C1")?.standardError), 1.90e-1, digits: 2, "σ(C1)")
  }

  /// From its own automatic guess and multi-start, Ionics finds a deeper
  /// minimum than the published one (χ² 1.40e-5; impedance.py itself
  /// computes the same χ² at these parameters).
  @Test func impedancePyExampleDataFromTheAutomaticGuess() throws {
    let spectrum = try Self.read("eis/impedance.py/exampleData.csv").droppingInductivePoints()
    var options = CircuitFitOptions()
    options.weighting = .unity
    let fit = try CircuitFitter.fit(
      try Circuit("R0-p(R1,C1)-p(R2-Wo1,C2)"), to: spectrum, options: options)
    #expect(fit.chiSquared < 0.75 * Self.impedancePyChiSquared, "χ² = \(fit.chiSquared)")
    Self.expectSignificant(try #require(fit.parameter("R0")).value, 1.65e-2, digits: 3, "R0")
  }

  /// impedance.py's dummy cells: R0-p(R1,C1) from the guess [100, 400, 1e-5],
  /// unweighted. Published values and standard errors; each parameter must
  /// agree to 3 significant digits or, where impedance.py stopped a little
  /// short (Circuit2 C1), within one published standard error.
  @Test(arguments: [
    ("Circuit1_EIS_1.z", [2.91e1, 4.67e1, 1.04e-5], [3.6e-2, 4.6e-2, 2.9e-8]),
    ("Circuit1_EIS_2.z", [2.91e1, 4.67e1, 1.04e-5], [3.6e-2, 4.6e-2, 2.9e-8]),
    ("Circuit2_EIS_1.z", [1.50e2, 5.02e2, 3.12e-8], [3.2e-1, 3.6e-1, 7.8e-11]),
    ("Circuit2_EIS_2.z", [1.50e2, 5.02e2, 3.12e-8], [3.2e-1, 3.6e-1, 7.8e-11]),
    ("Circuit3_EIS_1.z", [1.51e3, 4.63e3, 2.02e-8], [2.6, 3.1, 5.4e-11]),
    ("Circuit3_EIS_2.z", [1.51e3, 4.63e3, 2.02e-8], [2.6, 3.1, 5.4e-11]),
  ])
  func impedancePyDummyCells(file: String, published: [Double], sigma: [Double]) throws {
    let spectrum = try Self.read("eis/impedance.py/\(file)")
    let circuit = try Circuit("R0-p(R1,C1)")
    var options = CircuitFitOptions()
    options.weighting = .unity
    options.initialValues = ["R0": 100, "R1": 400, "C1": 1e-5]
    let fit = try CircuitFitter.fit(circuit, to: spectrum, options: options)
    for (k, name) in circuit.parameterNames.enumerated() {
      let value = try #require(fit.parameter(name)).value
      let unit = pow(10, floor(log10(published[k])) - 2)
      #expect(
        abs(value - published[k]) <= max(0.5 * unit, sigma[k]),
        "\(file) \(name) = \(value), published \(published[k]) ± \(sigma[k])")
    }
    // impedance.py 1.7.1 ends Circuit2_EIS_1 at χ² = 164.635; Ionics at 164.331.
    if file == "Circuit2_EIS_1.z" { #expect(fit.chiSquared < 164.635) }
  }

  /// EISFitpython Example 2: Example2b.txt trimmed to f ≥ 5 Hz (44 points),
  /// (R1|Q1)+(R2|Q2)+Q3 with modulus weighting. Published R1 = 4.471e4 Ω,
  /// R2 = 4.712e4 Ω, χ² = 4.311e-3 with 80 degrees of freedom.
  @Test(arguments: [false, true])
  func eisFitpythonExample2(automaticGuess: Bool) throws {
    let spectrum = try Self.read("eis/EISFitpython/Example-2/Example2b.txt").restricted(
      toFrequencies: 5...Double.infinity)
    #expect(spectrum.count == 44)
    let circuit = try Circuit("p(R1,CPE1)-p(R2,CPE2)-CPE3")
    var options = CircuitFitOptions()
    options.weighting = .modulus
    if !automaticGuess {
      options.initialValues = Dictionary(
        uniqueKeysWithValues: zip(
          circuit.parameterNames, [4.8e4, 1.3e-10, 0.8, 9.2e4, 1.3e-9, 0.9, 5.7e-7, 0.6]))
    }
    let fit = try CircuitFitter.fit(circuit, to: spectrum, options: options)
    let r1 = try #require(fit.parameter("R1")).value
    let r2 = try #require(fit.parameter("R2")).value
    #expect(abs(r1 / 4.471e4 - 1) < 0.02, "R1 = \(r1)")
    #expect(abs(r2 / 4.712e4 - 1) < 0.02, "R2 = \(r2)")
    #expect(fit.degreesOfFreedom == 80)
    // Same weighting, same minimum: χ² no worse than published (to its printed digits).
    #expect(fit.chiSquared <= 4.3115e-3, "χ² = \(fit.chiSquared)")
    #expect(abs(try #require(fit.parameter("CPE1_1")).value - 0.850) < 0.01)
  }
}

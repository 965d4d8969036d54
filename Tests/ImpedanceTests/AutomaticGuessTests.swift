import ComplexModule
import Foundation
import Impedance
import TestSupport
import Testing

/// The automatic guess and multi-start on data that were not simulated by
/// Ionics itself.
@Suite(SharedData.required)
struct AutomaticGuessTests {
  /// pyDRTtools' two-ZARC series (noise σ = 0.5 Ω): R∞ = 10 Ω, a fast ZARC
  /// of 50 Ω at τ = 1e-4 s and a slow one at τ = 0.1 s whose R grows
  /// 10, 20, 30, 50, 100, 200 Ω from 2ZARC0 to 2ZARC5 (SOURCES.md), like
  /// an arc growing through a temperature series. From the automatic guess
  /// every file must give both arcs, in time-constant order, near the truth.
  @Test(arguments: [(0, 10.0), (1, 20), (2, 30), (3, 50), (4, 100), (5, 200)])
  func twoZarcSeries(index: Int, slowResistance: Double) throws {
    let spectrum = try #require(
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/pyDRTtools/tutorial/data/2ZARC\(index).csv")
      ).first)
    let fit = try CircuitFitter.fit(try Circuit("R0-Zarc1-Zarc2"), to: spectrum)
    let p = Dictionary(uniqueKeysWithValues: fit.parameters.map { ($0.name, $0.value) })
    func value(_ name: String) -> Double { p[name] ?? .nan }
    // Noise of 0.5 Ω on a 60–260 Ω spectrum: a few ohms and percent are the resolution.
    #expect(abs(value("R0") - 10) < 1.5, "R∞ = \(value("R0"))")
    #expect(abs(value("Zarc1_0") - 50) < 2.5, "fast R = \(value("Zarc1_0"))")
    #expect(abs(value("Zarc1_1") / 1e-4 - 1) < 0.1, "fast τ = \(value("Zarc1_1"))")
    #expect(abs(value("Zarc2_0") / slowResistance - 1) < 0.08, "slow R = \(value("Zarc2_0"))")
    #expect(abs(value("Zarc2_1") / 0.1 - 1) < 0.25, "slow τ = \(value("Zarc2_1"))")
    #expect(abs(value("Zarc1_2") - 0.8) < 0.05 && abs(value("Zarc2_2") - 0.8) < 0.06, "exponents")
  }

  /// Real two-arc pellets (EISFitpython Example 2a at 25 °C and 2c at
  /// 120 °C): the automatic guess with its default multi-start must reach the
  /// same χ² as an exhaustive search of 150 starts.
  @Test(arguments: ["Example2a.txt", "Example2c.txt"])
  func realTwoArcPelletsReachTheExhaustiveMinimum(file: String) throws {
    let spectrum = try #require(
      try ImpedanceFile.read(contentsOf: SharedData.url("eis/EISFitpython/Example-2/\(file)")).first
    )
    let circuit = try Circuit("p(R1,CPE1)-p(R2,CPE2)-CPE3")
    let quick = try CircuitFitter.fit(circuit, to: spectrum)
    var exhaustive = CircuitFitOptions()
    exhaustive.multiStartCount = 150
    exhaustive.agreeingStartsToStop = 1000
    exhaustive.multiStartSpreadDecades = 2.5
    let thorough = try CircuitFitter.fit(circuit, to: spectrum, options: exhaustive)
    #expect(
      quick.chiSquared <= thorough.chiSquared * 1.001,
      "\(file): χ² \(quick.chiSquared) vs exhaustive \(thorough.chiSquared)")
    #expect(quick.converged)
    // Bulk first: the arcs come out ordered by time constant.
    let tau1 = pow(
      try #require(quick.parameter("R1")).value * (try #require(quick.parameter("CPE1_0")).value),
      1 / (try #require(quick.parameter("CPE1_1")).value))
    let tau2 = pow(
      try #require(quick.parameter("R2")).value * (try #require(quick.parameter("CPE2_0")).value),
      1 / (try #require(quick.parameter("CPE2_1")).value))
    #expect(tau1 < tau2)
  }
}

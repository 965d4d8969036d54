import ComplexModule
import Foundation
import IonicsNumerics
import TestSupport
import Testing

@testable import Impedance

@Suite("Distribution of relaxation times")
struct RelaxationTimesTests {
  static func read(_ name: String) throws -> ImpedanceSpectrum {
    try #require(
      try ImpedanceFile.read(contentsOf: SharedData.url("eis/pyDRTtools/tutorial/data/\(name).csv"))
        .first)
  }

  /// pyDRTtools' synthetic ZARC spectra (SOURCES.md): R∞ = 10 Ω, ZARCs with
  /// φ = 0.8 at τ = 1e-4 s (R = 50 Ω) and 0.1 s (R as listed), 0.5 Ω noise.
  /// Every peak within 20 % in τ, its ∫γ within 10 % of the true R, and no
  /// other peak.
  struct Case: Sendable, CustomTestStringConvertible {
    let file: String
    /// (τ in s, R in Ω) of each ZARC, by ascending τ.
    let truth: [[Double]]
    var testDescription: String { file }
  }

  static let cases: [Case] = [
    Case(file: "2ZARC0", truth: [[1e-4, 50], [0.1, 10]]),
    Case(file: "2ZARC1", truth: [[1e-4, 50], [0.1, 20]]),
    Case(file: "2ZARC2", truth: [[1e-4, 50], [0.1, 30]]),
    Case(file: "2ZARC3", truth: [[1e-4, 50], [0.1, 50]]),
    Case(file: "2ZARC4", truth: [[1e-4, 50], [0.1, 100]]),
    Case(file: "2ZARC5", truth: [[1e-4, 50], [0.1, 200]]),
    Case(file: "2ZARCs/2XZARCequal", truth: [[1e-4, 50], [0.1, 50]]),
    Case(file: "1ZARC", truth: [[0.1, 50]]),
  ]

  @Test(SharedData.required, arguments: Self.cases)
  func recoversTheZARCsOfPyDRTtoolsFiles(_ c: Case) throws {
    let drt = try RelaxationTimes.compute(Self.read(c.file))
    let truth = c.truth.map { (tau: $0[0], r: $0[1]) }
    #expect(drt.peaks.count == truth.count, "\(drt.peaks.map { ($0.tau, $0.resistance) })")
    guard drt.peaks.count == truth.count else { return }
    for (peak, expected) in zip(drt.peaks, truth) {
      #expect(abs(peak.tau / expected.tau - 1) < 0.20, "τ \(peak.tau) s vs \(expected.tau) s")
      #expect(
        abs(peak.resistance / expected.r - 1) < 0.10, "R \(peak.resistance) Ω vs \(expected.r) Ω")
      #expect(abs(peak.frequency - 1 / (2 * .pi * peak.tau)) < 1e-9 * peak.frequency)
    }
    let truePolarisation = truth.reduce(0) { $0 + $1.r }
    #expect(abs(drt.polarisationResistance / truePolarisation - 1) < 0.10)
    #expect(abs(drt.totalResistance - (truePolarisation + 10)) < 0.05 * (truePolarisation + 10))
    // The residual is the noise (σ = 0.5 Ω on each part), not misfit.
    #expect(drt.rmsResidual > 0.4 && drt.rmsResidual < 0.6)
    // The grid extends at least a decade beyond 1/(2πf) at both ends.
    let f = drt.frequencies
    #expect(drt.centres.first ?? 1 <= 1 / (2 * .pi * (f.max() ?? 1)) / 10 * 1.0001)
    #expect(drt.centres.last ?? 0 >= 1 / (2 * .pi * (f.min() ?? 1)) * 10 / 1.0001)
  }

  /// The GCV curve from one eigen-decomposition equals GCV computed the
  /// long way, m‖b − A x_λ‖²/(m − tr H)² with x_λ = (AᵀA + λP)⁻¹Aᵀb and
  /// tr H = tr((AᵀA + λP)⁻¹AᵀA), and the chosen λ is its minimum.
  @Test(SharedData.required) func gcvMatchesTheDirectFormula() throws {
    let spectrum = try Self.read("2ZARC1")
    let problem = try RelaxationTimes.Problem(spectrum: spectrum, options: DRTOptions())
    let curve = try problem.generalisedCrossValidation(range: 1e-10...1e2)
    let g = problem.design.gram()
    let atb = problem.design.transposeMultiply(problem.target)
    let p = problem.fixedColumns
    let k = problem.rbfCount
    var checked = 0
    for (lambda, score) in zip(curve.lambdas, curve.scores) where lambda >= 1e-3 && lambda <= 10 {
      var h = g
      for j in 0..<k { for i in 0..<k { h[p + i, p + j] += lambda * problem.penalty[j * k + i] } }
      let factor = try #require(Cholesky(h))
      let x = factor.solve(atb)
      let fitted = problem.design.multiply(x)
      let rss = zip(fitted, problem.target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      var trace = 0.0
      for j in 0..<(p + k) { trace += factor.solve(g.column(j))[j] }
      let m = Double(problem.design.rows)
      let direct = m * rss / ((m - trace) * (m - trace))
      #expect(abs(score / direct - 1) < 1e-6, "λ = \(lambda)")
      checked += 1
    }
    #expect(checked >= 20)
    #expect(curve.chosenScore <= (curve.scores.min() ?? 0) * (1 + 1e-12))
    #expect(!curve.atEdge)
  }

  /// A noise-free ZARC (R = 100 Ω, τ₀ = 1 ms, φ = 0.9) behind 5 Ω: one peak at
  /// τ₀, holding R; the DRT's model reproduces Z to 0.1 %.
  @Test func noiseFreeZARC() throws {
    let circuit = try Circuit("R0-Zarc1")
    let frequencies = try CircuitSimulator.logarithmicGrid(from: 1e6, to: 1e-2, pointsPerDecade: 10)
    let spectrum = try CircuitSimulator.simulate(
      circuit, parameters: [5, 100, 1e-3, 0.9], frequencies: frequencies)
    let drt = try RelaxationTimes.compute(spectrum)
    #expect(drt.peaks.count == 1)
    let peak = try #require(drt.peaks.first)
    #expect(abs(peak.tau / 1e-3 - 1) < 0.05)
    #expect(abs(peak.resistance / 100 - 1) < 0.01)
    #expect(abs(drt.seriesResistance - 5) < 0.1)
    for (z, fit) in zip(spectrum.impedance, drt.fitted) {
      #expect((z - fit).length < 1e-3 * z.length)
    }
  }

  /// The paper's blocking pellet (bulk R‖CPE, electrode CPE): no finite DC
  /// resistance, so the DRT is refused with a message that says why.
  @Test func refusesABlockingCell() throws {
    let circuit = try Circuit("R0-p(R1,CPE1)-CPE2")
    let frequencies = try CircuitSimulator.logarithmicGrid(from: 3e6, to: 0.1, pointsPerDecade: 10)
    let spectrum = try CircuitSimulator.simulate(
      circuit, parameters: [10, 33_700, 2e-11, 0.9, 2e-6, 0.85], frequencies: frequencies)
    #expect {
      try RelaxationTimes.compute(spectrum)
    } throws: { error in
      guard case DRTError.capacitiveLowFrequencyEnd(_, let n) = error else { return false }
      return abs(n - 0.85) < 0.05 && "\(error)".contains("blocking")
    }
  }
}

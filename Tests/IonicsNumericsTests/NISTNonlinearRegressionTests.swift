import Foundation
import IonicsNumerics
import Testing

/// The NIST StRD nonlinear-regression problems, solved from both of NIST's
/// starting points. Certified values are given to 11 significant digits;
/// we require at least 6 (LRE ≥ 6) for the parameters, 4 for their
/// standard deviations (which depend on the Jacobian at the solution, not
/// on the last digits of the minimum) and 6 for the residual sum of squares.
struct NISTNonlinearRegressionTests {
  static let lower = [
    "Misra1a", "Chwirut2", "Chwirut1", "Lanczos3", "Gauss1", "Gauss2", "DanWood", "Misra1b",
  ]
  static let average = [
    "Kirby2", "Hahn1", "Nelson", "MGH17", "Lanczos1", "Lanczos2", "Gauss3", "Misra1c", "Misra1d",
    "Roszman1", "ENSO",
  ]
  static let higher = [
    "MGH09", "Thurber", "BoxBOD", "Rat42", "MGH10", "Eckerle4", "Rat43", "Bennett5",
  ]

  @Test func fixtureHoldsAllTwentySevenProblems() {
    #expect(NISTProblem.all.count == 27)
    #expect(Set(NISTProblem.all.map(\.name)) == Set(Self.lower + Self.average + Self.higher))
  }

  /// Every problem from both starts except MGH10 from start 1 (see below).
  static let solvedCases: [(String, Int)] = (lower + average + higher).flatMap { name in
    [1, 2].compactMap { start in name == "MGH10" && start == 1 ? nil : (name, start) }
  }

  @Test(arguments: solvedCases)
  func certifiedValuesWithAnalyticJacobian(name: String, start: Int) throws {
    let problem = try #require(NISTProblem.named(name))
    let fit = try problem.fit(from: start == 1 ? problem.start1 : problem.start2, analytic: true)
    #expect(fit.converged, "\(name) start \(start): \(fit.convergence.rawValue)")
    // Lanczos1 is generated without noise: its residuals (~8e-14) are the
    // rounding of 13-digit data of order 1, and one rounding of the model in
    // doubles (~4e-16) is already 0.5 % of a residual. So only ~2 digits of
    // the certified RSS (1.4e-25), and of the standard deviations that scale
    // with its square root, can be reproduced in double precision.
    let noiseFree = name == "Lanczos1"
    for (k, value) in fit.values.enumerated() {
      let lre = logRelativeError(value, problem.certified[k])
      #expect(
        lre >= 6,
        "\(name) start \(start) b\(k + 1) = \(value), certified \(problem.certified[k]), LRE \(lre)"
      )
      let se = try #require(fit.parameters[k].standardError)
      let lreSE = logRelativeError(se, problem.certifiedStandardDeviations[k])
      #expect(
        lreSE >= (noiseFree ? 1.5 : 4),
        "\(name) start \(start) sd(b\(k + 1)) = \(se), certified \(problem.certifiedStandardDeviations[k])"
      )
    }
    #expect(logRelativeError(fit.chiSquared, problem.residualSumOfSquares) >= (noiseFree ? 1.5 : 6))
  }

  /// MGH10 from start 1 (b = 2, 400000, 25000) is the suite's hardest case:
  /// the iteration follows a long curved valley towards the solution but
  /// does not reach it within the iteration limit. What matters is that the
  /// result says so instead of presenting a false minimum.
  @Test func mgh10FromStartOneIsReportedAsNotConverged() throws {
    let problem = try #require(NISTProblem.named("MGH10"))
    let fit = try problem.fit(from: problem.start1, analytic: true)
    if fit.converged {
      // Should a later change solve it, it must then be right.
      for (k, value) in fit.values.enumerated() {
        #expect(logRelativeError(value, problem.certified[k]) >= 6)
      }
    } else {
      #expect(fit.convergence == .maxIterations)
      #expect(fit.chiSquared > problem.residualSumOfSquares)
    }
  }

  /// Finite differences lose about half the digits of the Jacobian; the
  /// minimum itself is still found to the certified 6 digits on the lower-
  /// and average-difficulty problems from the second (closer) start.
  @Test(arguments: lower + average)
  func certifiedValuesWithFiniteDifferenceJacobian(name: String) throws {
    let problem = try #require(NISTProblem.named(name))
    var options = LevenbergMarquardt.Options()
    options.jacobianMethod = .centralDifference
    let fit = try problem.fit(from: problem.start2, analytic: false, options: options)
    #expect(fit.converged)
    for (k, value) in fit.values.enumerated() {
      let lre = logRelativeError(value, problem.certified[k])
      #expect(
        lre >= 6, "\(name) b\(k + 1) = \(value), certified \(problem.certified[k]), LRE \(lre)")
    }
  }
}

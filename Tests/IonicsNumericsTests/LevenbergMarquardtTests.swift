import ComplexModule
import Foundation
import IonicsNumerics
import Testing

struct LevenbergMarquardtTests {
  /// Exponential decay y = A·exp(−k·t) sampled without noise: the fit must
  /// return A and k to near machine precision and report an exact fit.
  @Test func noiseFreeDecayIsRecoveredExactly() throws {
    let t = (0..<20).map { Double($0) * 0.5 }
    let y = t.map { 3.7 * exp(-0.42 * $0) }
    let fit = try LevenbergMarquardt.fitCurve(
      x: t, y: y, parameters: [FitParameter("A", 1), FitParameter("k", 1)],
      model: { x, p in p[0] * exp(-p[1] * x) })
    #expect(fit.converged)
    #expect(abs(fit.values[0] - 3.7) < 1e-10)
    #expect(abs(fit.values[1] - 0.42) < 1e-10)
    #expect(fit.chiSquared < 1e-20)
  }

  /// A parameter the data cannot feel (d multiplies c = 0, so ∂y/∂d = 0)
  /// makes the Jacobian rank deficient: it gets no standard error, and the
  /// others get the errors of the fit without it (d held), scaled by
  /// √(10/8) because the degrees of freedom still count every free parameter.
  @Test func unfeltParameterLeavesTheOthersEstimable() throws {
    let x = (0..<12).map { Double($0) * 0.5 }
    let y = x.map { 1.5 + 0.8 * $0 + 0.02 * sin(3 * $0) }
    let full = try LevenbergMarquardt.fitCurve(
      x: x, y: y,
      parameters: [
        FitParameter("a", 1), FitParameter("b", 1), FitParameter("c", 0, lowerBound: -1),
        FitParameter("d", 1),
      ],
      model: { x, p in p[0] + p[1] * x + p[2] * p[3] * 0 })
    let reduced = try LevenbergMarquardt.fitCurve(
      x: x, y: y, parameters: [FitParameter("a", 1), FitParameter("b", 1)],
      model: { x, p in p[0] + p[1] * x })
    #expect(full.jacobianRank < 4)
    for k in 0..<2 {
      let e = try #require(full.parameters[k].standardError)
      let r = try #require(reduced.parameters[k].standardError)
      #expect(abs(e / r - (10.0 / 8).squareRoot()) < 1e-6, "\(full.parameters[k].name)")
    }
    #expect(full.parameters[2].standardError == nil)
    #expect(full.parameters[3].standardError == nil)
  }

  /// A fixed parameter keeps its value, is not counted in the degrees of
  /// freedom, and has no standard error.
  @Test func fixedParameterStaysPut() throws {
    let x = (0..<10).map(Double.init)
    let y = x.map { 2 + 0.5 * $0 + 0.01 * sin($0) }
    let fit = try LevenbergMarquardt.fitCurve(
      x: x, y: y,
      parameters: [FitParameter("a", 2, isFixed: true), FitParameter("b", 1)],
      model: { x, p in p[0] + p[1] * x })
    #expect(fit.values[0] == 2)
    #expect(fit.parameters[0].standardError == nil)
    #expect(fit.degreesOfFreedom == 9)
    // With a fixed at 2, b is the least-squares slope through (0, 2): Σx(y−2)/Σx².
    let expected = zip(x, y).reduce(0) { $0 + $1.0 * ($1.1 - 2) } / x.reduce(0) { $0 + $1 * $1 }
    #expect(abs(fit.values[1] - expected) < 1e-10)
  }

  /// The unconstrained optimum of b is 0.5; with b ≤ 0.3 the fit must stop
  /// on the bound, say so, and give no standard error for b.
  @Test func upperBoundIsRespectedAndReported() throws {
    let x = (0..<10).map(Double.init)
    let y = x.map { 1 + 0.5 * $0 }
    let fit = try LevenbergMarquardt.fitCurve(
      x: x, y: y,
      parameters: [FitParameter("a", 0), FitParameter("b", 0.1, upperBound: 0.3)],
      model: { x, p in p[0] + p[1] * x })
    #expect(fit.values[1] == 0.3)
    #expect(fit.parameters[1].isAtBound)
    #expect(fit.parameters[1].standardError == nil)
    // a then minimises Σ(y − a − 0.3x)²: the mean of y − 0.3x.
    let expectedA = zip(x, y).reduce(0) { $0 + $1.1 - 0.3 * $1.0 } / Double(x.count)
    #expect(abs(fit.values[0] - expectedA) < 1e-9)
    #expect(fit.parameters[0].standardError != nil)
  }

  @Test func startOutsideBoundsIsMovedInside() throws {
    let x = [1.0, 2, 3, 4]
    let fit = try LevenbergMarquardt.fitCurve(
      x: x, y: x.map { 2 * $0 }, parameters: [FitParameter("s", -5, lowerBound: 0)],
      model: { x, p in p[0] * x })
    #expect(abs(fit.values[0] - 2) < 1e-12)
  }

  /// Parallel RC, Z = R/(1 + jωRC), sampled over 7 decades: the complex fit
  /// from a start a decade off recovers R and C, and the covariance is
  /// consistent with a linear-error check: perturbing the data by a known
  /// small noise moves the parameters by less than 5 standard errors.
  @Test func complexParallelRC() throws {
    let frequencies = (0..<50).map { pow(10, -1 + 7 * Double($0) / 49) }
    func model(_ p: [Double]) -> [Complex<Double>] {
      frequencies.map { f in
        let omega = 2 * Double.pi * f
        let denominator = Complex<Double>(1, omega * p[0] * p[1])
        return Complex<Double>(p[0], 0) / denominator
      }
    }
    let truth = [1.2e5, 3.3e-10]
    var observed = model(truth)
    // Deterministic ±0.5 % noise.
    for i in observed.indices {
      let s = 1 + 0.005 * sin(Double(i) * 1.7)
      observed[i] = Complex(observed[i].real * s, observed[i].imaginary * (2 - s))
    }
    let weights = observed.map { 1 / $0.length }
    let fit = try LevenbergMarquardt.fitComplex(
      observed: observed, weights: weights,
      parameters: [FitParameter("R", 1e4, lowerBound: 0), FitParameter("C", 1e-9, lowerBound: 0)],
      model: model)
    #expect(fit.converged)
    for k in 0..<2 {
      let se = try #require(fit.parameters[k].standardError)
      #expect(abs(fit.values[k] - truth[k]) < 5 * se, "\(fit.parameters[k].name)")
      #expect(se / fit.values[k] < 0.01)
    }
    #expect(fit.residuals.count == 100)
  }

  @Test func finiteDifferenceMatchesAnalyticOnGaussianPeak() throws {
    let x = (0..<60).map { Double($0) * 0.1 }
    let y = x.map { 5 * exp(-pow($0 - 3.1, 2) / (2 * 0.4 * 0.4)) + 0.02 * cos(7 * $0) }
    let model: (Double, [Double]) -> Double = { x, p in
      p[0] * exp(-pow(x - p[1], 2) / (2 * p[2] * p[2]))
    }
    let gradient: (Double, [Double], inout [Double]) -> Void = { x, p, g in
      let e = exp(-pow(x - p[1], 2) / (2 * p[2] * p[2]))
      g[0] = e
      g[1] = p[0] * e * (x - p[1]) / (p[2] * p[2])
      g[2] = p[0] * e * pow(x - p[1], 2) / pow(p[2], 3)
    }
    let start = [FitParameter("A", 3), FitParameter("x0", 2.5), FitParameter("w", 1)]
    let analytic = try LevenbergMarquardt.fitCurve(
      x: x, y: y, parameters: start, model: model, gradient: gradient)
    var options = LevenbergMarquardt.Options()
    options.jacobianMethod = .forwardDifference
    let numeric = try LevenbergMarquardt.fitCurve(
      x: x, y: y, parameters: start, options: options, model: model)
    for k in 0..<3 {
      #expect(abs(analytic.values[k] - numeric.values[k]) < 1e-7 * abs(analytic.values[k]))
    }
  }

  @Test func badInputThrowsTypedErrors() throws {
    #expect(throws: NumericsError.self) {
      try LevenbergMarquardt.fitCurve(
        x: [1, 2], y: [1], parameters: [FitParameter("a", 1)], model: { _, p in p[0] })
    }
    #expect(throws: NumericsError.self) {
      try LevenbergMarquardt.fitCurve(
        x: [1], y: [1], parameters: [FitParameter("a", 1), FitParameter("b", 1)],
        model: { _, p in p[0] })
    }
    #expect(throws: NumericsError.self) {
      try LevenbergMarquardt.fitCurve(
        x: [1, 2, 3], y: [1, 2, 3],
        parameters: [FitParameter("a", 1, lowerBound: 2, upperBound: 1)], model: { _, p in p[0] })
    }
    #expect(throws: NumericsError.self) {
      try LevenbergMarquardt.fitCurve(
        x: [1, 2, 3], y: [1, 2, 3], parameters: [FitParameter("a", 0)],
        model: { x, p in log(p[0]) * x })
    }
  }
}

import Foundation
import IonicsNumerics
import Testing

struct StraightLineFitTests {
  /// Weighted line with known σ: the slope's standard error from
  /// `.none` scaling must equal the textbook 1/sqrt(Σw(x − x̄_w)²), computed here by hand.
  @Test func weightedSlopeErrorMatchesClosedForm() throws {
    let x = [1.0, 2, 3, 4, 5]
    let y = [2.1, 3.9, 6.2, 7.8, 10.1]
    let sigma = [0.1, 0.2, 0.1, 0.3, 0.2]
    let fit = try StraightLineFit(x: x, y: y, sigma: sigma, covarianceScaling: .none)
    let w = sigma.map { 1 / ($0 * $0) }
    let sw = w.reduce(0, +)
    let xbar = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
    let sxx = zip(w, x).reduce(0) { $0 + $1.0 * ($1.1 - xbar) * ($1.1 - xbar) }
    #expect(abs(fit.slopeStandardError - 1 / sxx.squareRoot()) < 1e-12)
    #expect(abs(fit.interceptStandardError - (1 / sw + xbar * xbar / sxx).squareRoot()) < 1e-12)
    // Weighted normal equations solved independently by the QR solver.
    let qr = try LinearLeastSquares.solve(
      design: try Matrix(rowArrays: x.map { [1, $0] }), observations: y, weights: w,
      covarianceScaling: .none)
    #expect(abs(fit.slope - qr.coefficients[1]) < 1e-12)
    #expect(abs(fit.intercept - qr.coefficients[0]) < 1e-12)
    #expect(abs(fit.slopeStandardError - (qr.standardErrors?[1] ?? 0)) < 1e-12)
  }

  /// The band's standard error at x equals the propagated error of a + b·x.
  @Test func confidenceBandAtZeroIsInterceptError() throws {
    let fit = try StraightLineFit(x: [1, 2, 3, 4], y: [1.1, 1.9, 3.2, 3.9])
    #expect(abs(fit.standardError(at: 0) - fit.interceptStandardError) < 1e-14)
    #expect(fit.standardError(at: 2.5) < fit.standardError(at: 10))
  }
}

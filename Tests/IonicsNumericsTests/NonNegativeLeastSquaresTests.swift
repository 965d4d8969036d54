import Foundation
import IonicsNumerics
import Testing

struct NonNegativeLeastSquaresTests {
  /// A = I, b = (1, −2, 3): the answer is the positive part of b.
  @Test func identityGivesPositivePart() throws {
    let result = try NonNegativeLeastSquares.solve(Matrix.identity(3), [1, -2, 3])
    #expect(result.x == [1, 0, 3])
    #expect(abs(result.residualNorm - 2) < 1e-14)
    #expect(result.converged)
  }

  /// When the unconstrained solution is positive, NNLS must equal it.
  @Test func positiveUnconstrainedSolutionIsReturned() throws {
    let a = try Matrix(rowArrays: [[1, 0.5], [0.2, 1], [1, 1], [0.3, 0.1]])
    let truth = [2.0, 3.0]
    let b = a.multiply(truth)
    let result = try NonNegativeLeastSquares.solve(a, b)
    for k in 0..<2 { #expect(abs(result.x[k] - truth[k]) < 1e-12) }
  }

  /// Karush–Kuhn–Tucker conditions on pseudo-random problems: x ≥ 0, the
  /// gradient w = Aᵀ(b − Ax) is ≤ 0 where x = 0 and ≈ 0 where x > 0. These
  /// characterise the unique NNLS optimum, so they are an independent check.
  @Test(arguments: 0..<20)
  func karushKuhnTuckerConditionsHold(seed: Int) throws {
    var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
    func random() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    let m = 15
    let n = 8
    var a = Matrix(rows: m, columns: n)
    for i in 0..<m { for j in 0..<n { a[i, j] = random() } }
    let b = (0..<m).map { _ in random() }
    let result = try NonNegativeLeastSquares.solve(a, b)
    #expect(result.converged)
    // The normal-equation variant reaches the same optimum and residual.
    let fast = try NonNegativeLeastSquares.solve(
      gram: a.gram(), projection: a.transposeMultiply(b),
      bNormSquared: b.reduce(0) { $0 + $1 * $1 })
    #expect(fast.converged)
    for j in 0..<n { #expect(abs(fast.x[j] - result.x[j]) < 1e-10) }
    #expect(abs(fast.residualNorm - result.residualNorm) < 1e-10)
    let residual = zip(b, a.multiply(result.x)).map { $0 - $1 }
    let w = a.transposeMultiply(residual)
    for j in 0..<n {
      #expect(result.x[j] >= 0)
      if result.x[j] > 0 { #expect(abs(w[j]) < 1e-10) } else { #expect(w[j] < 1e-10) }
    }
  }
}

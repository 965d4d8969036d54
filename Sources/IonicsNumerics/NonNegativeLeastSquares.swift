/// Non-negative least squares: minimise ‖A·x − b‖ subject to x ≥ 0, by the
/// active-set algorithm of Lawson and Hanson (Solving Least Squares
/// Problems, 1974, ch. 23), the method behind DRT inversions.
public enum NonNegativeLeastSquares {
  /// The solution.
  public struct Solution: Sendable {
    /// x ≥ 0.
    public let x: [Double]
    /// ‖A·x − b‖.
    public let residualNorm: Double
    /// Outer iterations used.
    public let iterations: Int
    /// False when the iteration limit stopped the algorithm before the
    /// Karush–Kuhn–Tucker conditions held.
    public let converged: Bool
  }

  /// Solves min ‖A·x − b‖, x ≥ 0. `tolerance` is the largest gradient
  /// component (relative to ‖A‖·‖b‖) still treated as zero.
  public static func solve(
    _ a: Matrix, _ b: [Double], tolerance: Double? = nil, maxIterations: Int? = nil
  ) throws -> Solution {
    let m = a.rows
    let n = a.columns
    guard b.count == m else {
      throw NumericsError.dimensionMismatch("\(b.count) right-hand sides for \(m) rows")
    }
    guard a.elements.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else {
      throw NumericsError.nonFinite("the matrix and the right-hand side")
    }
    let maxNorm = (0..<n).map { a.columnNorm($0) }.max() ?? 0
    let tol =
      tolerance ?? (10 * Double.ulpOfOne * Double(max(m, n)) * maxNorm * max(euclideanNorm(b), 1))
    let limit = maxIterations ?? 3 * max(n, 1) + 30
    var x = Array(repeating: 0.0, count: n)
    var passive = Array(repeating: false, count: n)
    var iterations = 0
    var converged = false

    func residual(_ x: [Double]) -> [Double] { zip(b, a.multiply(x)).map { $0 - $1 } }

    /// Unconstrained least squares on the passive columns.
    func solvePassive() -> [Double] {
      let indices = (0..<n).filter { passive[$0] }
      var sub = Matrix(rows: m, columns: indices.count)
      for (k, j) in indices.enumerated() {
        for i in 0..<m { sub[i, k] = a[i, j] }
      }
      let qr = HouseholderQR(sub)
      let z = qr.solve(b, rank: qr.rank(tolerance: 1e-14))
      var full = Array(repeating: 0.0, count: n)
      for (k, j) in indices.enumerated() { full[j] = z[k] }
      return full
    }

    while iterations < limit {
      let w = a.transposeMultiply(residual(x))
      var best = -1
      var bestValue = tol
      for j in 0..<n where !passive[j] && w[j] > bestValue {
        best = j
        bestValue = w[j]
      }
      if best < 0 {
        converged = true
        break
      }
      iterations += 1
      passive[best] = true
      while true {
        let z = solvePassive()
        if (0..<n).allSatisfy({ !passive[$0] || z[$0] > 0 }) {
          x = z
          break
        }
        // Step back towards x until the first passive variable hits zero.
        var alpha = 1.0
        var blocking = -1
        for j in 0..<n where passive[j] && z[j] <= 0 {
          let denominator = x[j] - z[j]
          let candidate = denominator > 0 ? x[j] / denominator : 0
          if blocking < 0 || candidate < alpha {
            alpha = candidate
            blocking = j
          }
        }
        for j in 0..<n { x[j] += alpha * (z[j] - x[j]) }
        // The blocking variable, and any that rounding left at or below zero, leave the passive set.
        for j in 0..<n where passive[j] && (j == blocking || x[j] <= 0) {
          passive[j] = false
          x[j] = 0
        }
        if !passive.contains(true) { break }
      }
    }
    return Solution(
      x: x, residualNorm: euclideanNorm(residual(x)), iterations: iterations, converged: converged)
  }
}

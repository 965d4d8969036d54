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
    func residual(_ x: [Double]) -> [Double] { zip(b, a.multiply(x)).map { $0 - $1 } }
    let (x, iterations, converged) = activeSet(
      variables: n, tolerance: tol, maxIterations: maxIterations ?? 3 * max(n, 1) + 30,
      gradient: { a.transposeMultiply(residual($0)) },
      solvePassive: { indices in
        var sub = Matrix(rows: m, columns: indices.count)
        for (k, j) in indices.enumerated() {
          for i in 0..<m { sub[i, k] = a[i, j] }
        }
        let qr = HouseholderQR(sub)
        return qr.solve(b, rank: qr.rank(tolerance: 1e-14))
      })
    return Solution(
      x: x, residualNorm: euclideanNorm(residual(x)), iterations: iterations, converged: converged)
  }

  /// Solves the same problem from its normal equations, G = AᵀA and
  /// c = Aᵀb (the "fast NNLS" of Bro and De Jong, J. Chemometrics 11 (1997)
  /// 393): each passive-set solve is a Cholesky factorisation of a block of
  /// G instead of a QR of A's columns, much cheaper when A has many rows.
  /// Suits well-conditioned problems, such as Tikhonov-regularised ones;
  /// ``Solution/residualNorm`` is then ‖A·x − b‖ only if `bNormSquared`
  /// (‖b‖²) is given, and 0 otherwise.
  public static func solve(
    gram g: Matrix, projection c: [Double], bNormSquared: Double? = nil,
    tolerance: Double? = nil, maxIterations: Int? = nil
  ) throws -> Solution {
    let n = g.columns
    guard g.rows == n, c.count == n else {
      throw NumericsError.dimensionMismatch(
        "a \(g.rows)×\(g.columns) Gram matrix with \(c.count) projections")
    }
    guard g.elements.allSatisfy({ $0.isFinite }), c.allSatisfy({ $0.isFinite }) else {
      throw NumericsError.nonFinite("the Gram matrix and the projections")
    }
    // Scale every variable so that G has a unit diagonal: positive scaling
    // keeps x ≥ 0 and makes the gradient test independent of units.
    let scale = (0..<n).map { g[$0, $0] > 0 ? 1 / g[$0, $0].squareRoot() : 1 }
    var gs = g
    for j in 0..<n { for i in 0..<n { gs[i, j] *= scale[i] * scale[j] } }
    let cs = zip(c, scale).map { $0 * $1 }
    let cNorm = cs.reduce(0) { max($0, abs($1)) }
    let tol = tolerance ?? (10 * Double.ulpOfOne * Double(n) * cNorm)
    let (xs, iterations, converged) = activeSet(
      variables: n, tolerance: tol, maxIterations: maxIterations ?? 3 * max(n, 1) + 30,
      gradient: { x in
        var w = cs
        for j in 0..<n where x[j] != 0 {
          let xj = x[j]
          for i in 0..<n { w[i] -= gs[i, j] * xj }
        }
        return w
      },
      solvePassive: { indices in
        let k = indices.count
        var sub = Matrix(rows: k, columns: k)
        for (q, j) in indices.enumerated() {
          for (p, i) in indices.enumerated() { sub[p, q] = gs[i, j] }
        }
        var jitter = 0.0
        while true {
          var trial = sub
          if jitter > 0 { for p in 0..<k { trial[p, p] *= 1 + jitter } }
          if let factor = Cholesky(trial) { return factor.solve(indices.map { cs[$0] }) }
          jitter = jitter == 0 ? 1e-13 : jitter * 100
          if jitter > 1e-3 { return [Double](repeating: 0, count: k) }
        }
      })
    let x = zip(xs, scale).map { $0 * $1 }
    var norm = 0.0
    if let bNormSquared {
      // ‖Ax − b‖² = xᵀGx − 2cᵀx + ‖b‖².
      var quadratic = 0.0
      for j in 0..<n where x[j] != 0 {
        for i in 0..<n where x[i] != 0 { quadratic += x[i] * g[i, j] * x[j] }
      }
      let linear = zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
      norm = max(0, quadratic - 2 * linear + bNormSquared).squareRoot()
    }
    return Solution(x: x, residualNorm: norm, iterations: iterations, converged: converged)
  }

  /// The Lawson–Hanson active-set iteration, given the negative gradient
  /// Aᵀ(b − Ax) and an unconstrained solve on a set of passive columns.
  private static func activeSet(
    variables n: Int, tolerance tol: Double, maxIterations limit: Int,
    gradient: ([Double]) -> [Double], solvePassive solveOn: ([Int]) -> [Double]
  ) -> (x: [Double], iterations: Int, converged: Bool) {
    var x = Array(repeating: 0.0, count: n)
    var passive = Array(repeating: false, count: n)
    var iterations = 0
    var converged = false

    func solvePassive() -> [Double] {
      let indices = (0..<n).filter { passive[$0] }
      let z = solveOn(indices)
      var full = Array(repeating: 0.0, count: n)
      for (k, j) in indices.enumerated() { full[j] = z[k] }
      return full
    }

    while iterations < limit {
      let w = gradient(x)
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
    return (x, iterations, converged)
  }
}

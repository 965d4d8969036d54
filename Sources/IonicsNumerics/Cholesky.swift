/// Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix.
public struct Cholesky: Sendable {
  /// Order n.
  public let order: Int
  /// L, lower triangular, row-major n×n (entries above the diagonal are 0).
  public let lower: [Double]

  /// Factors the symmetric matrix `a` (only its lower triangle is read).
  /// Returns nil when a pivot is not positive (A not positive definite to
  /// working precision) or `a` is not square.
  public init?(_ a: Matrix) {
    guard a.rows == a.columns else { return nil }
    let n = a.rows
    var l = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var d = a[j, j]
      for p in 0..<j { d -= l[j * n + p] * l[j * n + p] }
      guard d > 0, d.isFinite else { return nil }
      let root = d.squareRoot()
      l[j * n + j] = root
      for i in (j + 1)..<max(n, j + 1) {
        var s = a[i, j]
        for p in 0..<j { s -= l[i * n + p] * l[j * n + p] }
        l[i * n + j] = s / root
      }
    }
    order = n
    lower = l
  }

  /// x with A·x = b.
  public func solve(_ b: [Double]) -> [Double] {
    solveUpper(solveLower(b))
  }

  /// y with L·y = b.
  public func solveLower(_ b: [Double]) -> [Double] {
    let n = order
    var y = b
    for i in 0..<n {
      var s = y[i]
      for p in 0..<i { s -= lower[i * n + p] * y[p] }
      y[i] = s / lower[i * n + i]
    }
    return y
  }

  /// x with Lᵀ·x = y.
  public func solveUpper(_ y: [Double]) -> [Double] {
    let n = order
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for p in (i + 1)..<max(n, i + 1) { s -= lower[p * n + i] * x[p] }
      x[i] = s / lower[i * n + i]
    }
    return x
  }
}

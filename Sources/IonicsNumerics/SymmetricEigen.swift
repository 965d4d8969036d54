/// Eigenvalues of a symmetric matrix, with the projections Vᵀ·c of given
/// vectors onto the eigenvectors (what a regularisation-parameter search
/// needs) and, on request, the eigenvectors themselves.
///
/// Householder reduction to tridiagonal form, then implicit symmetric QR
/// steps with Wilkinson shifts (Golub and Van Loan, Matrix Computations,
/// §8.3). Without eigenvectors this costs about (4/3)n³ flops.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues, ascending.
  public let values: [Double]
  /// Vᵀ·c for each vector c passed in, in the order of ``values``.
  public let projections: [[Double]]
  /// Eigenvectors as the columns of a matrix, in the order of ``values``;
  /// nil unless requested.
  public let vectors: Matrix?
  /// QR steps used.
  public let iterations: Int

  /// Decomposes the symmetric matrix `a` (only its lower triangle is read).
  /// Throws when `a` is not square or not finite, or the QR steps do not
  /// converge (30 steps per eigenvalue).
  public init(
    _ a: Matrix, projecting vectorsToProject: [[Double]] = [], computeVectors: Bool = false
  ) throws {
    guard a.rows == a.columns else {
      throw NumericsError.dimensionMismatch("a \(a.rows)×\(a.columns) matrix is not square")
    }
    let n = a.rows
    guard a.elements.allSatisfy({ $0.isFinite }) else {
      throw NumericsError.nonFinite("the matrix")
    }
    for c in vectorsToProject where c.count != n {
      throw NumericsError.dimensionMismatch("a vector of \(c.count) for order \(n)")
    }
    var z = vectorsToProject
    var q: [Double] = computeVectors ? Matrix.identity(n).elements : []
    var d = [Double](repeating: 0, count: n)
    var e = [Double](repeating: 0, count: max(n - 1, 0))
    Self.tridiagonalise(a, diagonal: &d, offDiagonal: &e, projections: &z, q: &q)
    var steps = 0
    try Self.implicitQR(
      diagonal: &d, offDiagonal: &e, projections: &z, q: &q, steps: &steps)
    let order = (0..<n).sorted { d[$0] < d[$1] }
    values = order.map { d[$0] }
    projections = z.map { c in order.map { c[$0] } }
    if computeVectors {
      var sorted = Matrix(rows: n, columns: n)
      for (k, j) in order.enumerated() {
        for r in 0..<n { sorted[r, k] = q[j * n + r] }
      }
      vectors = sorted
    } else {
      vectors = nil
    }
    iterations = steps
  }

  /// Qᵀ·A·Q = T by Householder reflections H = I − β·v·vᵀ; each is applied
  /// to the vectors to project (giving Qᵀc) and, when wanted, accumulated
  /// into Q (column-major, n×n).
  private static func tridiagonalise(
    _ a: Matrix, diagonal d: inout [Double], offDiagonal e: inout [Double],
    projections z: inout [[Double]], q: inout [Double]
  ) {
    let n = a.rows
    var s = a.elements  // column-major; symmetrised from the lower triangle
    for j in 0..<n {
      for i in (j + 1)..<max(n, j + 1) { s[i * n + j] = s[j * n + i] }
    }
    var v = [Double](repeating: 0, count: n)
    var p = [Double](repeating: 0, count: n)
    s.withUnsafeMutableBufferPointer { s in
      for k in 0..<max(n - 2, 0) {
        // x = A[k+1..<n, k].
        var norm2 = 0.0
        for i in (k + 1)..<n { norm2 += s[k * n + i] * s[k * n + i] }
        let norm = norm2.squareRoot()
        d[k] = s[k * n + k]
        let x0 = s[k * n + k + 1]
        if norm == 0 {
          e[k] = 0
          continue
        }
        let alpha = x0 > 0 ? -norm : norm
        for i in (k + 1)..<n { v[i] = s[k * n + i] }
        v[k + 1] -= alpha
        let vv = 2 * (norm2 - alpha * x0)
        e[k] = alpha
        guard vv > 0 else { continue }
        let beta = 2 / vv
        // p = β·S·v on the trailing block, K = β/2·vᵀp, w = p − K·v.
        var vp = 0.0
        for i in (k + 1)..<n {
          var sum = 0.0
          for j in (k + 1)..<n { sum += s[j * n + i] * v[j] }
          p[i] = beta * sum
          vp += v[i] * p[i]
        }
        let kFactor = beta / 2 * vp
        for i in (k + 1)..<n { p[i] -= kFactor * v[i] }
        // S ← S − v·wᵀ − w·vᵀ.
        for j in (k + 1)..<n {
          let vj = v[j]
          let pj = p[j]
          for i in (k + 1)..<n { s[j * n + i] -= v[i] * pj + p[i] * vj }
        }
        for index in z.indices {
          var dotVC = 0.0
          for i in (k + 1)..<n { dotVC += v[i] * z[index][i] }
          let factor = beta * dotVC
          for i in (k + 1)..<n { z[index][i] -= factor * v[i] }
        }
        if !q.isEmpty {
          // Q ← Q·H: every row r of Q gets −β(Q[r,:]·v)vᵀ.
          for r in 0..<n {
            var dotQV = 0.0
            for i in (k + 1)..<n { dotQV += q[i * n + r] * v[i] }
            let factor = beta * dotQV
            for i in (k + 1)..<n { q[i * n + r] -= factor * v[i] }
          }
        }
      }
      if n >= 2 {
        d[n - 2] = s[(n - 2) * n + n - 2]
        e[n - 2] = s[(n - 2) * n + n - 1]
      }
      if n >= 1 { d[n - 1] = s[(n - 1) * n + n - 1] }
    }
  }

  /// Diagonalises the symmetric tridiagonal (d, e) by implicit QR steps with
  /// Wilkinson shifts, applying every Givens rotation to the projections and Q.
  private static func implicitQR(
    diagonal d: inout [Double], offDiagonal e: inout [Double], projections z: inout [[Double]],
    q: inout [Double], steps: inout Int
  ) throws {
    let n = d.count
    guard n > 1 else { return }
    let limit = 30 * n
    while true {
      for i in 0..<(n - 1) where abs(e[i]) <= Double.ulpOfOne * (abs(d[i]) + abs(d[i + 1])) {
        e[i] = 0
      }
      var hi = n - 1
      while hi > 0 && e[hi - 1] == 0 { hi -= 1 }
      if hi == 0 { return }
      var lo = hi - 1
      while lo > 0 && e[lo - 1] != 0 { lo -= 1 }
      steps += 1
      guard steps <= limit else {
        throw NumericsError.notConverged("symmetric QR iteration (\(limit) steps)")
      }
      // Wilkinson shift from the trailing 2×2 block.
      let delta = (d[hi - 1] - d[hi]) / 2
      let t = e[hi - 1]
      let root = (delta * delta + t * t).squareRoot()
      let shift = d[hi] - t * t / (delta + (delta >= 0 ? root : -root))
      var x = d[lo] - shift
      var bulgeValue = e[lo]
      for k in lo..<hi {
        let r = (x * x + bulgeValue * bulgeValue).squareRoot()
        let c = r == 0 ? 1 : x / r
        let s = r == 0 ? 0 : -bulgeValue / r
        if k > lo { e[k - 1] = r }
        let a = d[k]
        let b = e[k]
        let cc = d[k + 1]
        d[k] = c * c * a - 2 * c * s * b + s * s * cc
        d[k + 1] = s * s * a + 2 * c * s * b + c * c * cc
        e[k] = c * s * (a - cc) + (c * c - s * s) * b
        if k < hi - 1 {
          bulgeValue = -s * e[k + 1]
          e[k + 1] = c * e[k + 1]
          x = e[k]
        }
        for index in z.indices {
          let zk = z[index][k]
          let zk1 = z[index][k + 1]
          z[index][k] = c * zk - s * zk1
          z[index][k + 1] = s * zk + c * zk1
        }
        if !q.isEmpty {
          for r in 0..<n {
            let qk = q[k * n + r]
            let qk1 = q[(k + 1) * n + r]
            q[k * n + r] = c * qk - s * qk1
            q[(k + 1) * n + r] = s * qk + c * qk1
          }
        }
      }
    }
  }
}

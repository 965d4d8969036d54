import Foundation

/// A symmetric positive-definite pentadiagonal linear system, solved by an
/// LDLᵀ factorisation in O(n) — the system of the Whittaker smoother and of
/// the asymmetric least-squares baselines, (W + λDᵀD) z = W y with D the
/// second-difference matrix.
public struct PentadiagonalSystem: Sendable {
  /// The diagonal, A[i][i].
  public var diagonal: [Double]
  /// The first off-diagonal, A[i][i+1] (count n − 1).
  public var first: [Double]
  /// The second off-diagonal, A[i][i+2] (count n − 2).
  public var second: [Double]

  /// A system from its three bands.
  public init(diagonal: [Double], first: [Double], second: [Double]) {
    self.diagonal = diagonal
    self.first = first
    self.second = second
  }

  /// λ DᵀD plus the diagonal `weights`, for n = `weights.count` ≥ 3.
  public static func whittaker(weights: [Double], lambda: Double) -> PentadiagonalSystem {
    let n = weights.count
    var d = [Double](repeating: 6, count: n)
    var e = [Double](repeating: -4, count: max(n - 1, 0))
    let f = [Double](repeating: lambda, count: max(n - 2, 0))
    if n >= 2 {
      d[0] = 1
      d[n - 1] = 1
      e[0] = -2
      e[n - 2] = -2
    }
    if n >= 4 {
      d[1] = 5
      d[n - 2] = 5
    } else if n == 3 {
      d[1] = 4
    }
    for i in 0..<n { d[i] = weights[i] + lambda * d[i] }
    for i in 0..<e.count { e[i] *= lambda }
    return PentadiagonalSystem(diagonal: d, first: e, second: f)
  }

  /// The solution x of A x = b, or nil when a pivot is not positive (the
  /// matrix is not positive definite) or the sizes disagree.
  public func solve(_ b: [Double]) -> [Double]? {
    let n = diagonal.count
    guard n > 0, b.count == n, first.count == max(n - 1, 0), second.count == max(n - 2, 0) else { return nil }
    var pivot = [Double](repeating: 0, count: n)
    var l1 = [Double](repeating: 0, count: n)
    var l2 = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var p = diagonal[i]
      if i >= 1 { p -= l1[i - 1] * l1[i - 1] * pivot[i - 1] }
      if i >= 2 { p -= l2[i - 2] * l2[i - 2] * pivot[i - 2] }
      guard p > 0, p.isFinite else { return nil }
      pivot[i] = p
      if i + 1 < n {
        var a = first[i]
        if i >= 1 { a -= l2[i - 1] * pivot[i - 1] * l1[i - 1] }
        l1[i] = a / p
      }
      if i + 2 < n { l2[i] = second[i] / p }
    }
    var z = b
    for i in 0..<n {
      if i >= 1 { z[i] -= l1[i - 1] * z[i - 1] }
      if i >= 2 { z[i] -= l2[i - 2] * z[i - 2] }
    }
    for i in 0..<n { z[i] /= pivot[i] }
    for i in stride(from: n - 1, through: 0, by: -1) {
      if i + 1 < n { z[i] -= l1[i] * z[i + 1] }
      if i + 2 < n { z[i] -= l2[i] * z[i + 2] }
    }
    return z
  }
}

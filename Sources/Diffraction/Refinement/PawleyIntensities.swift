import Foundation

/// The intensities of fixed peak shapes that fit a pattern best (Pawley,
/// J. Appl. Cryst. 14 (1981) 357): I minimising Σᵢ wᵢ(yᵢ − Σ_k I_k φ_k(i))²,
/// a linear problem whose normal matrix A_kl = Σᵢ wᵢ φ_k(i) φ_l(i) couples
/// only peaks that overlap. Sorted by where each peak starts, every row
/// reaches back only to the first peak still overlapping it, so the matrix
/// is stored and factorised as a skyline (a variable band). A relative ridge
/// of 10⁻⁹ on the diagonal keeps exactly coincident reflections (LaB6's
/// 300 and 221) solvable: they share their intensity evenly.
struct PawleyIntensities: Sendable {
  /// Reflection indices in the order of the rows.
  private let order: [Int]
  /// For each row, the first column it holds.
  private let first: [Int]
  /// The Cholesky factor L, row r holding columns first[r]…r.
  private var factor: [[Double]]

  /// Factorises the normal matrix of `shapes` (first index and values)
  /// with point weights `weights` (1/σ²); nil when it is not positive definite.
  init?(shapes: [(start: Int, values: [Double])], weights: [Double]) {
    let order = shapes.indices.sorted { shapes[$0].start < shapes[$1].start }
    let count = order.count
    var first = [Int](repeating: 0, count: count)
    var rows: [[Double]] = []
    rows.reserveCapacity(count)
    // Row r begins at the first peak still overlapping it. Starts rise
    // with r, so a peak that ends before one row's start ends before every
    // later one: the first column only moves forward.
    var f = 0
    for r in 0..<count {
      let a = shapes[order[r]]
      while f < r, shapes[order[f]].start + shapes[order[f]].values.count - 1 < a.start { f += 1 }
      first[r] = f
      var row = [Double](repeating: 0, count: r - f + 1)
      for c in f...r {
        let b = shapes[order[c]]
        let lo = max(a.start, b.start), hi = min(a.start + a.values.count, b.start + b.values.count)
        guard lo < hi else { continue }
        var sum = 0.0
        for i in lo..<hi { sum += weights[i] * a.values[i - a.start] * b.values[i - b.start] }
        row[c - f] = sum
      }
      rows.append(row)
    }
    // Cholesky in place, row by row: L[r][c] = (A[r][c] − Σ_k L[r][k] L[c][k]) / L[c][c].
    for r in 0..<count {
      let diagonal = rows[r][r - first[r]]
      rows[r][r - first[r]] = diagonal * (1 + 1e-9) + 1e-300
      for c in first[r]...r {
        let k0 = max(first[r], first[c])
        var sum = rows[r][c - first[r]]
        if k0 < c {
          for k in k0..<c { sum -= rows[r][k - first[r]] * rows[c][k - first[c]] }
        }
        if c == r {
          guard sum > 0, sum.isFinite else { return nil }
          rows[r][r - first[r]] = sum.squareRoot()
        } else {
          rows[r][c - first[r]] = sum / rows[c][c - first[c]]
        }
      }
    }
    self.order = order
    self.first = first
    factor = rows
  }

  /// The intensities for right-hand sides b_k = Σᵢ wᵢ φ_k(i) yᵢ, in the
  /// order of the shapes.
  func solve(_ b: [Double]) -> [Double] {
    let count = order.count
    var z = order.map { b[$0] }
    // L z' = b, then Lᵀ x = z'.
    for r in 0..<count {
      var sum = z[r]
      for c in first[r]..<r { sum -= factor[r][c - first[r]] * z[c] }
      z[r] = sum / factor[r][r - first[r]]
    }
    for r in stride(from: count - 1, through: 0, by: -1) {
      z[r] /= factor[r][r - first[r]]
      let value = z[r]
      for c in first[r]..<r { z[c] -= factor[r][c - first[r]] * value }
    }
    var out = [Double](repeating: 0, count: count)
    for (r, k) in order.enumerated() { out[k] = z[r] }
    return out
  }
}

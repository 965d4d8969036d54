import Foundation

/// QR factorisation A·P = Q·R by Householder reflections with column
/// pivoting (Businger–Golub), the rank-revealing factorisation behind
/// Ionics' least squares (Golub & Van Loan, Matrix Computations, §5.4).
///
/// Q is kept implicitly as its reflectors; ``applyQTranspose(_:)`` applies
/// Qᵀ to a vector. The diagonal of R falls in magnitude, and the
/// numerical rank is the number of diagonal entries above
/// `tolerance·|R₀₀|`.
struct HouseholderQR {
  /// R in the upper triangle, reflector vectors below the diagonal.
  private(set) var factors: Matrix
  /// Leading element of each reflector (LAPACK's tau convention: H = I − τ v vᵀ, v₀ = 1).
  private var tau: [Double]
  /// `permutation[k]` is the original column now at position k.
  let permutation: [Int]
  let rows: Int
  let columns: Int

  /// Factorises `a`; with `pivoting` false the columns keep their order.
  init(_ a: Matrix, pivoting: Bool = true) {
    var f = a
    let m = a.rows
    let n = a.columns
    let steps = min(m, n)
    var tau = Array(repeating: 0.0, count: steps)
    var perm = Array(0..<n)
    var norms = (0..<n).map { a.columnNorm($0) }
    let originalNorms = norms

    f.elements.withUnsafeMutableBufferPointer { e in
      /// Norm of column j from row `from` down, without allocating.
      func tailNorm(_ j: Int, from: Int) -> Double {
        var scale = 0.0
        var sum = 1.0
        var i = j * m + from
        let end = j * m + m
        while i < end {
          let v = abs(e[i])
          if v != 0 {
            if v > scale {
              sum = 1 + sum * (scale / v) * (scale / v)
              scale = v
            } else {
              sum += (v / scale) * (v / scale)
            }
          }
          i += 1
        }
        return scale == 0 ? 0 : scale * sum.squareRoot()
      }

      for k in 0..<steps {
        if pivoting {
          var best = k
          for j in (k + 1)..<max(n, k + 1) where norms[j] > norms[best] { best = j }
          if best != k {
            for i in 0..<m { e.swapAt(k * m + i, best * m + i) }
            perm.swapAt(k, best)
            norms.swapAt(k, best)
          }
        }
        // Reflector that zeroes column k below the diagonal.
        let diagonal = k * m + k
        let alpha = e[diagonal]
        let below = tailNorm(k, from: k + 1)
        if below == 0 {
          tau[k] = 0
        } else {
          let beta = -(alpha >= 0 ? 1.0 : -1.0) * hypot(alpha, below)
          tau[k] = (beta - alpha) / beta
          let scale = 1 / (alpha - beta)
          for i in (diagonal + 1)..<(k * m + m) { e[i] *= scale }
          e[diagonal] = beta
        }
        // Apply H_k to the remaining columns.
        if tau[k] != 0 {
          for j in (k + 1)..<max(n, k + 1) {
            let column = j * m
            var s = e[column + k]
            for i in (k + 1)..<m { s += e[k * m + i] * e[column + i] }
            s *= tau[k]
            e[column + k] -= s
            for i in (k + 1)..<m { e[column + i] -= s * e[k * m + i] }
          }
        }
        // Downdate the remaining column norms; recompute when cancellation bites.
        if pivoting {
          for j in (k + 1)..<max(n, k + 1) where norms[j] != 0 {
            let ratio = abs(e[j * m + k]) / norms[j]
            let factor = max(0, 1 - ratio * ratio)
            let updated = norms[j] * factor.squareRoot()
            if updated < 1e-6 * originalNorms[perm[j]] || factor < 1e-10 {
              norms[j] = tailNorm(j, from: k + 1)
            } else {
              norms[j] = updated
            }
          }
        }
      }
    }
    self.factors = f
    self.tau = tau
    self.permutation = perm
    self.rows = m
    self.columns = n
  }

  /// Numerical rank: diagonal entries of R larger than `tolerance·|R₀₀|`.
  func rank(tolerance: Double) -> Int {
    let steps = min(rows, columns)
    guard steps > 0 else { return 0 }
    let threshold = tolerance * abs(factors[0, 0])
    var k = 0
    while k < steps && abs(factors[k, k]) > threshold { k += 1 }
    return k
  }

  /// Qᵀ·b for a vector of length `rows`.
  func applyQTranspose(_ b: [Double]) -> [Double] {
    var y = b
    let m = rows
    factors.elements.withUnsafeBufferPointer { e in
      y.withUnsafeMutableBufferPointer { y in
        for k in 0..<min(rows, columns) where tau[k] != 0 {
          let column = k * m
          var s = y[k]
          for i in (k + 1)..<m { s += e[column + i] * y[i] }
          s *= tau[k]
          y[k] -= s
          for i in (k + 1)..<m { y[i] -= s * e[column + i] }
        }
      }
    }
    return y
  }

  /// Solves R[0..<r, 0..<r]·z = c[0..<r] by back substitution.
  func solveUpper(_ c: [Double], rank r: Int) -> [Double] {
    var z = Array(repeating: 0.0, count: r)
    for i in stride(from: r - 1, through: 0, by: -1) {
      var s = c[i]
      for j in (i + 1)..<r { s -= factors[i, j] * z[j] }
      z[i] = s / factors[i, i]
    }
    return z
  }

  /// Least-squares solution of A·x ≈ b using the leading `rank` columns
  /// (the basic solution: coefficients of dropped columns are zero).
  func solve(_ b: [Double], rank r: Int) -> [Double] {
    let qtb = applyQTranspose(b)
    let z = solveUpper(qtb, rank: r)
    var x = Array(repeating: 0.0, count: columns)
    for k in 0..<r { x[permutation[k]] = z[k] }
    return x
  }

  /// (AᵀA)⁻¹ = P·R⁻¹·R⁻ᵀ·Pᵀ for a full-rank factorisation.
  func inverseNormalMatrix() -> Matrix {
    let n = columns
    // R⁻¹ by back substitution, column by column.
    var rInv = Matrix(rows: n, columns: n)
    for j in 0..<n {
      rInv[j, j] = 1 / factors[j, j]
      for i in stride(from: j - 1, through: 0, by: -1) {
        var s = 0.0
        for k in (i + 1)...j { s += factors[i, k] * rInv[k, j] }
        rInv[i, j] = -s / factors[i, i]
      }
    }
    var c = Matrix(rows: n, columns: n)
    for a in 0..<n {
      for b in a..<n {
        var s = 0.0
        for k in b..<n { s += rInv[a, k] * rInv[b, k] }
        let pa = permutation[a]
        let pb = permutation[b]
        c[pa, pb] = s
        c[pb, pa] = s
      }
    }
    return c
  }
}

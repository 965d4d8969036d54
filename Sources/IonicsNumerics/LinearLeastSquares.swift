/// Linear least squares: the coefficients β that minimise Σ wᵢ (yᵢ − (Xβ)ᵢ)²,
/// solved by Householder QR with column pivoting so that ill-conditioned
/// designs (NIST Longley, Wampler) keep their digits and rank deficiency
/// is detected rather than hidden.
public enum LinearLeastSquares {
  /// The solution and its statistics.
  public struct Solution: Sendable {
    /// Coefficients β, one per design column; zero for columns dropped as
    /// linearly dependent (see ``rank``).
    public let coefficients: [Double]
    /// Standard errors of β: sqrt of the covariance diagonal; nil when the
    /// design is rank deficient or there are no degrees of freedom.
    public let standardErrors: [Double]?
    /// Covariance matrix of β, scaled as ``covarianceScaling`` says.
    public let covariance: Matrix?
    /// Unweighted residuals yᵢ − (Xβ)ᵢ.
    public let residuals: [Double]
    /// Σ wᵢ rᵢ² (χ² when the weights are 1/σᵢ²).
    public let residualSumOfSquares: Double
    /// sqrt(RSS/(m − rank)): the residual standard deviation.
    public let residualStandardDeviation: Double
    /// Coefficient of determination. Centred (1 − RSS/Σwᵢ(yᵢ − ȳ_w)²) when
    /// a column of the design is constant (a model with an intercept), as
    /// NIST and R report; uncentred (1 − RSS/Σwᵢyᵢ²) otherwise.
    public let rSquared: Double
    /// Numerical rank of the weighted design.
    public let rank: Int
    /// Observations minus rank.
    public let degreesOfFreedom: Int
    /// How the covariance was scaled.
    public let covarianceScaling: CovarianceScaling
  }

  /// Solves X·β ≈ y. `weights` (default all 1) are wᵢ = 1/σᵢ²; a zero
  /// weight drops the point. Columns whose pivoted R diagonal falls below
  /// `rankTolerance`·|R₀₀| (after scaling every column to unit norm) count
  /// as dependent.
  public static func solve(
    design: Matrix, observations y: [Double], weights: [Double]? = nil,
    covarianceScaling: CovarianceScaling = .residualVariance, rankTolerance: Double = 1e-13
  ) throws -> Solution {
    let m = design.rows
    let n = design.columns
    guard y.count == m else {
      throw NumericsError.dimensionMismatch("\(y.count) observations for a design with \(m) rows")
    }
    if let weights, weights.count != m {
      throw NumericsError.dimensionMismatch("\(weights.count) weights for \(m) observations")
    }
    guard design.elements.allSatisfy(\.isFinite) else {
      throw NumericsError.nonFinite("the design matrix")
    }
    guard y.allSatisfy(\.isFinite) else { throw NumericsError.nonFinite("the observations") }
    if let weights {
      guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw NumericsError.nonFinite("every weight (and ≥ 0)")
      }
    }
    guard m >= n else { throw NumericsError.tooFewObservations(observations: m, parameters: n) }

    let sqrtW = weights?.map { $0.squareRoot() } ?? Array(repeating: 1.0, count: m)
    let (qr, columnScale, rank, b, firstBeta) = factorAndSolve(
      design, y, rootWeights: sqrtW, rankTolerance: rankTolerance)
    var beta = firstBeta

    // One step of iterative refinement on the residual recovers the digits
    // that the QR of a very ill-conditioned design loses.
    let fitted = design.multiply(beta)
    let r0 = zip(b, zip(fitted, sqrtW)).map { $0 - $1.0 * $1.1 }
    var delta = qr.solve(r0, rank: rank)
    for j in 0..<n { delta[j] /= columnScale[j] }
    for j in 0..<n { beta[j] += delta[j] }

    let prediction = design.multiply(beta)
    let residuals = zip(y, prediction).map { $0 - $1 }
    let w = weights ?? Array(repeating: 1.0, count: m)
    var rss = 0.0
    for i in 0..<m { rss += w[i] * residuals[i] * residuals[i] }
    let dof = m - rank
    let sd = dof > 0 ? (rss / Double(dof)).squareRoot() : 0

    var hasIntercept = false
    for j in 0..<n {
      let col = design.column(j)
      if let first = col.first, first != 0, col.allSatisfy({ $0 == first }) { hasIntercept = true }
    }
    let sumW = w.reduce(0, +)
    let meanY = sumW > 0 ? zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sumW : 0
    var total = 0.0
    for i in 0..<m {
      let d = hasIntercept ? y[i] - meanY : y[i]
      total += w[i] * d * d
    }
    let r2 = total > 0 ? 1 - rss / total : 1

    var covariance: Matrix?
    var errors: [Double]?
    if rank == n {
      var c = qr.inverseNormalMatrix()
      let factor: Double
      switch covarianceScaling {
      case .residualVariance: factor = dof > 0 ? rss / Double(dof) : .nan
      case .none: factor = 1
      }
      for i in 0..<n {
        for j in 0..<n { c[i, j] *= factor / (columnScale[i] * columnScale[j]) }
      }
      if factor.isFinite {
        covariance = c
        errors = (0..<n).map { c[$0, $0].squareRoot() }
      }
    }
    return Solution(
      coefficients: beta, standardErrors: errors, covariance: covariance, residuals: residuals,
      residualSumOfSquares: rss, residualStandardDeviation: sd, rSquared: r2, rank: rank,
      degreesOfFreedom: dof, covarianceScaling: covarianceScaling)
  }

  /// Only the coefficients of X·β ≈ y (unweighted): the same column-scaled,
  /// pivoted QR as ``solve(design:observations:weights:covarianceScaling:rankTolerance:)``
  /// without its refinement step and statistics, for callers that solve
  /// many small, well-scaled systems (the Lin-KK test). Inputs are not
  /// checked for finiteness.
  public static func coefficients(
    design: Matrix, observations y: [Double], rankTolerance: Double = 1e-13
  ) throws -> [Double] {
    guard y.count == design.rows else {
      throw NumericsError.dimensionMismatch(
        "\(y.count) observations for a design with \(design.rows) rows")
    }
    guard design.rows >= design.columns else {
      throw NumericsError.tooFewObservations(observations: design.rows, parameters: design.columns)
    }
    let ones = Array(repeating: 1.0, count: design.rows)
    return factorAndSolve(design, y, rootWeights: ones, rankTolerance: rankTolerance).beta
  }

  /// Weighted design with unit-norm columns (scaling does not change the
  /// solution but makes the rank test and pivoting independent of units),
  /// its pivoted QR, rank, and first solution.
  static func factorAndSolve(
    _ design: Matrix, _ y: [Double], rootWeights sqrtW: [Double], rankTolerance: Double
  ) -> (qr: HouseholderQR, columnScale: [Double], rank: Int, b: [Double], beta: [Double]) {
    let m = design.rows
    let n = design.columns
    var a = design
    var columnScale = Array(repeating: 1.0, count: n)
    for j in 0..<n {
      for i in 0..<m { a[i, j] *= sqrtW[i] }
      let norm = a.columnNorm(j)
      if norm > 0 {
        columnScale[j] = norm
        for i in 0..<m { a[i, j] /= norm }
      }
    }
    let b = zip(y, sqrtW).map { $0 * $1 }
    let qr = HouseholderQR(a)
    let rank = qr.rank(tolerance: rankTolerance)
    var beta = qr.solve(b, rank: rank)
    for j in 0..<n { beta[j] /= columnScale[j] }
    return (qr, columnScale, rank, b, beta)
  }
}

/// How a fit's parameter covariance is scaled.
public enum CovarianceScaling: String, Sendable, Codable, CaseIterable {
  /// (JᵀWJ)⁻¹ · χ²/(m − n): the weights give relative precision only and the
  /// scatter of the residuals sets the scale (NIST StRD, R `lm`, scipy
  /// `curve_fit` default, impedance.py).
  case residualVariance = "residual-variance"
  /// (JᵀWJ)⁻¹: the weights are 1/σ² with σ the true standard uncertainties
  /// (scipy `absolute_sigma=True`).
  case none = "absolute"
}

/// A weighted straight-line fit y = intercept + slope·x, the workhorse of
/// Arrhenius plots, with closed-form standard errors (Bevington &
/// Robinson, Data Reduction and Error Analysis, ch. 6), computed about the
/// weighted mean of x to avoid cancellation.
public struct StraightLineFit: Sendable, Codable {
  /// Slope of y against x.
  public let slope: Double
  /// Value of y at x = 0.
  public let intercept: Double
  /// Standard error of the slope.
  public let slopeStandardError: Double
  /// Standard error of the intercept.
  public let interceptStandardError: Double
  /// Covariance of slope and intercept (negative when the data sit at x > 0).
  public let slopeInterceptCovariance: Double
  /// Coefficient of determination, 1 − RSS/Σw(y − ȳ)².
  public let rSquared: Double
  /// Residual standard deviation sqrt(RSS/(n − 2)).
  public let residualStandardDeviation: Double
  /// Σ w r² (χ² when the weights are 1/σ²).
  public let residualSumOfSquares: Double
  /// Number of points.
  public let count: Int
  /// How the standard errors were scaled.
  public let covarianceScaling: CovarianceScaling

  /// Fits a line through (x, y). With `sigma` (standard uncertainties of y)
  /// the weights are 1/σ²; otherwise all weights are 1. Standard errors
  /// are scaled by the residual variance unless `covarianceScaling` is
  /// `.none`, which trusts σ as absolute.
  public init(
    x: [Double], y: [Double], sigma: [Double]? = nil,
    covarianceScaling: CovarianceScaling = .residualVariance
  ) throws {
    let n = x.count
    guard y.count == n else {
      throw NumericsError.dimensionMismatch("\(x.count) x values and \(y.count) y values")
    }
    if let sigma, sigma.count != n {
      throw NumericsError.dimensionMismatch("\(sigma.count) uncertainties for \(n) points")
    }
    guard n >= 2 else { throw NumericsError.tooFewObservations(observations: n, parameters: 2) }
    guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
      throw NumericsError.nonFinite("every x and y")
    }
    let w: [Double]
    if let sigma {
      guard sigma.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw NumericsError.invalidParameter("every uncertainty of y must be positive and finite")
      }
      w = sigma.map { 1 / ($0 * $0) }
    } else {
      w = Array(repeating: 1, count: n)
    }
    let sw = w.reduce(0, +)
    var mx = 0.0
    var my = 0.0
    for i in 0..<n {
      mx += w[i] * x[i]
      my += w[i] * y[i]
    }
    mx /= sw
    my /= sw
    var sxx = 0.0
    var sxy = 0.0
    var syy = 0.0
    for i in 0..<n {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxx += w[i] * dx * dx
      sxy += w[i] * dx * dy
      syy += w[i] * dy * dy
    }
    guard sxx > 0 else {
      throw NumericsError.invalidParameter("all x values are equal: the slope is undefined")
    }
    let slope = sxy / sxx
    let intercept = my - slope * mx
    var rss = 0.0
    for i in 0..<n {
      let r = y[i] - intercept - slope * x[i]
      rss += w[i] * r * r
    }
    let dof = n - 2
    let variance: Double
    switch covarianceScaling {
    case .residualVariance: variance = dof > 0 ? rss / Double(dof) : .nan
    case .none: variance = 1
    }
    self.slope = slope
    self.intercept = intercept
    self.slopeStandardError = (variance / sxx).squareRoot()
    self.interceptStandardError = (variance * (1 / sw + mx * mx / sxx)).squareRoot()
    self.slopeInterceptCovariance = -mx * variance / sxx
    self.rSquared = syy > 0 ? 1 - rss / syy : 1
    self.residualStandardDeviation = dof > 0 ? (rss / Double(dof)).squareRoot() : 0
    self.residualSumOfSquares = rss
    self.count = n
    self.covarianceScaling = covarianceScaling
  }

  /// The fitted y at `x`.
  public func value(at x: Double) -> Double { intercept + slope * x }

  /// Standard error of the fitted line at `x` (the confidence band's half
  /// width at one standard deviation), including the slope–intercept covariance.
  public func standardError(at x: Double) -> Double {
    let v =
      interceptStandardError * interceptStandardError + x * x * slopeStandardError
      * slopeStandardError
      + 2 * x * slopeInterceptCovariance
    return max(0, v).squareRoot()
  }
}

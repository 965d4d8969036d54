import Foundation

/// Student's t distribution: the cumulative distribution and its quantiles,
/// for confidence intervals of fitted lines with few points.
public enum StudentT {
  /// P(T ≤ t) for ν degrees of freedom (ν > 0), from the regularised
  /// incomplete beta function: 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0.
  public static func cumulative(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, t.isFinite else { return t > 0 ? 1 : 0 }
    let tail = 0.5 * incompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The t with P(T ≤ t) = p, 0 < p < 1 (t₀.₉₇₅ for a two-sided 95 %
  /// interval), by bisection to 1e-12.
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    guard p > 0, p < 1, nu > 0 else { return .nan }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
    var lo = 0.0
    var hi = 1.0
    while cumulative(hi, degreesOfFreedom: nu) < p && hi < 1e12 { hi *= 2 }
    for _ in 0..<200 where hi - lo > 1e-12 * max(1, hi) {
      let mid = (lo + hi) / 2
      if cumulative(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }

  /// The regularised incomplete beta function I_x(a, b), by its continued
  /// fraction (modified Lentz), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)
  /// where that converges faster.
  static func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let logPowers: Double = a * log(x) + b * log(1 - x)
    let logFront = logBeta + logPowers
    if x > (a + 1) / (a + b + 2) {
      return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }
    return exp(logFront) * continuedFraction(x, a: a, b: b) / a
  }

  private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    for m in 1...300 {
      let m = Double(m)
      // Even step.
      var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      // Odd step.
      numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return result
  }
}

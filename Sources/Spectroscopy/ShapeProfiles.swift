import Foundation

/// Doniach–Šunjić profiles convolved with a Gaussian, tabulated once per
/// (α, r) in units of the Lorentzian FWHM F (u = x/F from −30 to 30, step
/// 0.005) and interpolated: the convolution has no closed form, and a fit
/// evaluates the shape at every point in every iteration.
enum ShapeProfiles {
  static let limit = 30.0
  static let step = 0.005
  struct Key: Hashable {
    var alpha: Double
    var ratio: Double
  }
  struct Table {
    var values: [Double]
    var centre: Double
    var area: Double
  }
  final class Cache: @unchecked Sendable {
    let lock = NSLock()
    var tables: [Key: Table] = [:]
  }
  static let cache = Cache()

  /// The DS profile at u (in units of F) for γ = 1/2.
  static func doniachSunjic(_ u: Double, alpha: Double) -> Double {
    let gamma = 0.5
    return cos(Double.pi * alpha / 2 + (1 - alpha) * atan(u / gamma)) / pow(gamma * gamma + u * u, (1 - alpha) / 2)
  }

  static func table(_ key: Key) -> Table {
    cache.lock.lock()
    defer { cache.lock.unlock() }
    if let t = cache.tables[key] { return t }
    let n = Int((2 * limit / step).rounded()) + 1
    let u = (0..<n).map { -limit + Double($0) * step }
    var values = u.map { doniachSunjic($0, alpha: key.alpha) }
    let sigma = key.ratio / (2 * (2 * log(2.0)).squareRoot())
    if sigma > step / 4 {
      // Gaussian kernel sampled at σ/10 (at most 0.02 F, to resolve γ = F/2).
      let h = min(sigma / 10, 0.02)
      let half = Int((5 * sigma / h).rounded(.up))
      let kernel = (-half...half).map { exp(-0.5 * pow(Double($0) * h / sigma, 2)) }
      let norm = kernel.reduce(0, +)
      values = u.map { x in
        var sum = 0.0
        for (k, weight) in kernel.enumerated() { sum += weight * doniachSunjic(x - Double(k - half) * h, alpha: key.alpha) }
        return sum / norm
      }
    }
    let centre = values[n / 2]
    var area = 0.0
    for k in 1..<n { area += 0.5 * (values[k] + values[k - 1]) * step }
    let table = Table(values: values, centre: centre, area: area / centre)
    cache.tables[key] = table
    return table
  }

  /// The profile at u = x/F, 1 at u = 0.
  static func value(alpha: Double, gaussianRatio r: Double, at u: Double) -> Double {
    let t = table(Key(alpha: min(max(alpha, 0), 0.5), ratio: min(max(r, 0), 10)))
    guard u.isFinite else { return 0 }
    if abs(u) >= limit { return doniachSunjic(u, alpha: alpha) / t.centre }
    let position = (u + limit) / step
    let i = min(Int(position), t.values.count - 2)
    let w = position - Double(i)
    return (t.values[i] * (1 - w) + t.values[i + 1] * w) / t.centre
  }

  /// The integral over |u| ≤ 30 of the profile normalised to 1 at u = 0.
  static func area(alpha: Double, gaussianRatio r: Double) -> Double {
    table(Key(alpha: min(max(alpha, 0), 0.5), ratio: min(max(r, 0), 10))).area
  }
}

import Foundation

/// Doniach–Šunjić and asymmetric Lorentzian profiles convolved with a
/// Gaussian, tabulated once per parameter set in units of the Lorentzian
/// FWHM F (u = x/F from −30 to 30, step 0.005) and interpolated: the
/// convolution has no closed form, and a fit evaluates the shape at every
/// point in every iteration.
enum ShapeProfiles {
  static let limit = 30.0
  static let step = 0.005
  /// The profile before broadening.
  enum Kind: Hashable {
    /// Doniach–Šunjić with asymmetry α (tail at negative u).
    case doniachSunjic(alpha: Double)
    /// L(u)^α for u ≥ 0 and L(u)^β for u < 0, L(u) = 1/(1 + 4u²).
    case asymmetricLorentzian(alpha: Double, beta: Double)

    func value(_ u: Double) -> Double {
      switch self {
      case .doniachSunjic(let alpha): return ShapeProfiles.doniachSunjic(u, alpha: alpha)
      case .asymmetricLorentzian(let alpha, let beta): return pow(1 / (1 + 4 * u * u), u >= 0 ? alpha : beta)
      }
    }
  }
  struct Key: Hashable {
    var kind: Kind
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
    var values = u.map { key.kind.value($0) }
    let sigma = key.ratio / (2 * (2 * log(2.0)).squareRoot())
    if sigma > step / 4 {
      // Gaussian kernel sampled at σ/10 (at most 0.02 F, to resolve γ = F/2).
      let h = min(sigma / 10, 0.02)
      let half = Int((5 * sigma / h).rounded(.up))
      let kernel = (-half...half).map { exp(-0.5 * pow(Double($0) * h / sigma, 2)) }
      let norm = kernel.reduce(0, +)
      values = u.map { x in
        var sum = 0.0
        for (k, weight) in kernel.enumerated() { sum += weight * key.kind.value(x - Double(k - half) * h) }
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

  /// The key of DS(α, r), clamped to the valid ranges.
  static func key(alpha: Double, gaussianRatio r: Double) -> Key {
    Key(kind: .doniachSunjic(alpha: min(max(alpha, 0), 0.5)), ratio: min(max(r, 0), 10))
  }

  /// The profile at u = x/F, 1 at u = 0.
  static func value(alpha: Double, gaussianRatio r: Double, at u: Double) -> Double {
    value(key(alpha: alpha, gaussianRatio: r), at: u)
  }

  /// The profile of `key` at u = x/F, 1 at u = 0.
  static func value(_ key: Key, at u: Double) -> Double {
    let t = table(key)
    guard u.isFinite else { return 0 }
    if abs(u) >= limit { return key.kind.value(u) / t.centre }
    let position = (u + limit) / step
    let i = min(Int(position), t.values.count - 2)
    let w = position - Double(i)
    return (t.values[i] * (1 - w) + t.values[i + 1] * w) / t.centre
  }

  /// The integral over |u| ≤ 30 of the profile normalised to 1 at u = 0.
  static func area(alpha: Double, gaussianRatio r: Double) -> Double {
    table(key(alpha: alpha, gaussianRatio: r)).area
  }

  /// The integral over |u| ≤ 30 of the profile of `key` normalised to 1 at u = 0.
  static func area(_ key: Key) -> Double { table(key).area }
}

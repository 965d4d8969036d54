import Foundation
import IonicsNumerics

/// A baseline under upward bands (absorbance, Kubelka–Munk, Raman): the
/// methods an IR or Raman user knows, each with its parameters stated.
public enum SpectrumBaseline: Sendable, Equatable, Codable {
  /// Asymmetric least squares (Eilers & Boelens 2005): a Whittaker smoother
  /// whose points above the curve get weight `p` and those below 1 − p.
  /// Ionics' defaults for IR grids of 1–4 cm⁻¹: λ = 10⁹, p = 0.001
  /// (pybaselines' λ = 10⁶, p = 0.01 follows bands 300 cm⁻¹ wide).
  case asymmetricLeastSquares(lambda: Double, p: Double)
  /// Asymmetrically reweighted penalised least squares (Baek et al.,
  /// Analyst 140, 250 (2015)): weights from a logistic function of the
  /// residual against the mean and spread of the negative residuals.
  /// Ionics' default λ = 10⁷ (for grids of 1–4 cm⁻¹: stiff enough to pass
  /// under an O–H stretch 300 cm⁻¹ wide; pybaselines' 10⁵ follows it).
  case arPLS(lambda: Double)
  /// The lower convex hull of the points ("rubber band").
  case rubberBand
  /// No baseline.
  case none

  /// The default: arPLS with λ = 10⁷.
  public static let standard = SpectrumBaseline.arPLS(lambda: 1e7)

  /// A short statement of the method and its parameters.
  public var summary: String {
    switch self {
    case .asymmetricLeastSquares(let lambda, let p): return "asymmetric least squares (λ = \(lambda.formatted(.number)), p = \(p))"
    case .arPLS(let lambda): return "arPLS (λ = \(lambda.formatted(.number)))"
    case .rubberBand: return "rubber band (lower convex hull)"
    case .none: return "none"
    }
  }

  /// The baseline at each point of `y` (abscissa `x`, any order).
  public func values(x: [Double], y: [Double]) throws(SpectroscopyError) -> [Double] {
    guard x.count == y.count, y.count >= 4 else {
      throw .malformed(file: "spectrum", line: 0, expected: "at least 4 points for a baseline")
    }
    switch self {
    case .none: return [Double](repeating: 0, count: y.count)
    case .rubberBand: return Self.lowerHull(x: x, y: y)
    case .asymmetricLeastSquares(let lambda, let p):
      guard lambda > 0, lambda.isFinite, p > 0, p < 1 else {
        throw .malformed(file: "baseline", line: 0, expected: "λ > 0 and 0 < p < 1 for asymmetric least squares")
      }
      var w = [Double](repeating: 1, count: y.count)
      var z = y
      for _ in 0..<20 {
        z = try Self.smooth(y, weights: w, lambda: lambda)
        let next = zip(y, z).map { $0 > $1 ? p : 1 - p }
        if next == w { break }
        w = next
      }
      return z
    case .arPLS(let lambda):
      guard lambda > 0, lambda.isFinite else {
        throw .malformed(file: "baseline", line: 0, expected: "λ > 0 for arPLS")
      }
      var w = [Double](repeating: 1, count: y.count)
      var z = y
      for _ in 0..<100 {
        z = try Self.smooth(y, weights: w, lambda: lambda)
        let d = zip(y, z).map { $0 - $1 }
        let negative = d.filter { $0 < 0 }
        guard negative.count >= 2 else { break }
        let m = negative.reduce(0, +) / Double(negative.count)
        let s = sqrt(negative.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(negative.count - 1))
        guard s > 0 else { break }
        let next = d.map { r -> Double in
          let t = 2 * (r - (2 * s - m)) / s
          return t > 700 ? 0 : 1 / (1 + exp(t))
        }
        let change = sqrt(zip(w, next).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
        let size = sqrt(w.reduce(0) { $0 + $1 * $1 })
        w = next
        if change / max(size, .leastNormalMagnitude) < 1e-3 { break }
      }
      return z
    }
  }

  /// The Whittaker smoother: minimises Σ wᵢ(yᵢ − zᵢ)² + λ Σ(Δ²zᵢ)².
  public static func smooth(_ y: [Double], weights: [Double], lambda: Double) throws(SpectroscopyError) -> [Double] {
    let system = PentadiagonalSystem.whittaker(weights: weights, lambda: lambda)
    guard let z = system.solve(zip(weights, y).map { $0 * $1 }) else {
      throw .malformed(file: "baseline", line: 0, expected: "a smoothing system that can be solved (finite data, λ > 0)")
    }
    return z
  }

  /// The lower convex hull of the points, interpolated at each x.
  static func lowerHull(x: [Double], y: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] }
    var hull: [Int] = []
    for i in order {
      while hull.count >= 2 {
        let a = hull[hull.count - 2], b = hull[hull.count - 1]
        let cross = (x[b] - x[a]) * (y[i] - y[a]) - (y[b] - y[a]) * (x[i] - x[a])
        if cross <= 0 { hull.removeLast() } else { break }
      }
      hull.append(i)
    }
    var out = [Double](repeating: 0, count: x.count)
    var k = 0
    for i in order {
      while k + 1 < hull.count - 1, x[hull[k + 1]] <= x[i] { k += 1 }
      guard hull.count > 1 else {
        out[i] = y[hull[0]]
        continue
      }
      let a = hull[k], b = hull[min(k + 1, hull.count - 1)]
      out[i] = x[b] == x[a] ? y[a] : y[a] + (y[b] - y[a]) * (x[i] - x[a]) / (x[b] - x[a])
    }
    return out
  }
}

import Foundation

/// Gauss–Legendre quadrature: n nodes xᵢ and weights wᵢ on [−1, 1] such that
/// Σ wᵢ f(xᵢ) = ∫₋₁¹ f(x) dx exactly for polynomials of degree up to 2n − 1.
/// The nodes are the roots of the Legendre polynomial Pₙ, found by Newton's
/// method from Tricomi's estimate cos(π(i − ¼)/(n + ½)); wᵢ = 2/((1 − xᵢ²)·Pₙ′(xᵢ)²).
public struct GaussLegendre: Sendable {
  /// Nodes on [−1, 1], ascending.
  public let nodes: [Double]
  /// Weights, summing to 2.
  public let weights: [Double]

  /// The rule with `count` nodes (at least 1).
  public init(count: Int) {
    let n = max(count, 1)
    guard n > 1 else {
      nodes = [0]
      weights = [2]
      return
    }
    var x = [Double](repeating: 0, count: n)
    var w = x
    for i in 0..<((n + 1) / 2) {
      var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 1.0
      for _ in 0..<100 {
        // Pₙ(z) (as p1) and Pₙ₋₁(z) (as p0) by the three-term recurrence.
        var (p0, p1) = (1.0, z)
        for k in 2...n {
          (p0, p1) = (p1, ((2 * Double(k) - 1) * z * p1 - (Double(k) - 1) * p0) / Double(k))
        }
        derivative = Double(n) * (z * p1 - p0) / (z * z - 1)
        let dz = p1 / derivative
        z -= dz
        if abs(dz) < 1e-16 { break }
      }
      x[i] = -z
      x[n - 1 - i] = z
      let weight = 2 / ((1 - z * z) * derivative * derivative)
      w[i] = weight
      w[n - 1 - i] = weight
    }
    nodes = x
    weights = w
  }

  /// ∫ f over `interval`.
  public func integrate(over interval: ClosedRange<Double>, _ f: (Double) -> Double) -> Double {
    let mid = (interval.lowerBound + interval.upperBound) / 2
    let radius = (interval.upperBound - interval.lowerBound) / 2
    var sum = 0.0
    for (x, w) in zip(nodes, weights) { sum += w * f(mid + radius * x) }
    return sum * radius
  }
}

import Foundation
import IonicsCore

/// A unit cell: a, b, c in Å and α, β, γ in degrees, each with its standard
/// uncertainty as the CIF gave it.
public struct UnitCell: Sendable, Codable, Equatable {
  /// a, Å.
  public var a: Measured
  /// b, Å.
  public var b: Measured
  /// c, Å.
  public var c: Measured
  /// α (between b and c), degrees.
  public var alpha: Measured
  /// β (between a and c), degrees.
  public var beta: Measured
  /// γ (between a and b), degrees.
  public var gamma: Measured

  /// A cell from its six parameters (Å, degrees).
  public init(
    a: Measured, b: Measured, c: Measured, alpha: Measured, beta: Measured, gamma: Measured
  ) {
    self.a = a
    self.b = b
    self.c = c
    self.alpha = alpha
    self.beta = beta
    self.gamma = gamma
  }

  /// Why these parameters describe no real cell (a length outside
  /// 0.1–10 000 Å, an angle outside 0–180°, angles whose metric tensor is
  /// not positive definite, a non-finite standard uncertainty); nil for a
  /// real cell.
  public var impossibility: String? {
    for (name, length) in [("a", a), ("b", b), ("c", c)] {
      guard length.value.isFinite, length.value >= 0.1, length.value <= 10_000 else {
        return "\(name) = \(length.value) Å (expected 0.1–10 000 Å)"
      }
    }
    for (name, angle) in [("α", alpha), ("β", beta), ("γ", gamma)] {
      guard angle.value.isFinite, angle.value > 0, angle.value < 180 else {
        return "\(name) = \(angle.value)° (expected between 0 and 180°)"
      }
    }
    for m in [a, b, c, alpha, beta, gamma] {
      guard m.standardUncertainty.isFinite, m.standardUncertainty >= 0,
        m.standardUncertainty <= abs(m.value)
      else { return "standard uncertainty \(m.standardUncertainty) of \(m.value)" }
    }
    let r = Double.pi / 180
    let (ca, cb, cg) = (cos(alpha.value * r), cos(beta.value * r), cos(gamma.value * r))
    // The metric tensor is positive definite exactly when this is positive
    // (each angle below the sum of the other two, their sum below 360°).
    let determinant = 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg
    guard determinant > 1e-6 else {
      return "α = \(alpha.value)°, β = \(beta.value)°, γ = \(gamma.value)° close no cell (1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ = \(determinant) ≤ 0)"
    }
    return nil
  }

  /// V = abc·√(1 − cos²α − cos²β − cos²γ + 2·cosα·cosβ·cosγ), Å³, with its
  /// standard uncertainty from the six parameters taken as independent
  /// (∂V/∂a = V/a, …; ∂V/∂α = abc·sinα·(cosα − cosβ·cosγ)/√…).
  public var volume: Measured {
    let r = Double.pi / 180
    let (ca, cb, cg) = (cos(alpha.value * r), cos(beta.value * r), cos(gamma.value * r))
    let root = max(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg, 0).squareRoot()
    let abc = a.value * b.value * c.value
    let v = abc * root
    guard root > 0 else { return Measured(v) }
    // Derivatives with respect to the angles in degrees.
    let dAlpha = abc * sin(alpha.value * r) * (ca - cb * cg) / root * r
    let dBeta = abc * sin(beta.value * r) * (cb - ca * cg) / root * r
    let dGamma = abc * sin(gamma.value * r) * (cg - ca * cb) / root * r
    let terms = [
      v / a.value * a.standardUncertainty, v / b.value * b.standardUncertainty,
      v / c.value * c.standardUncertainty, dAlpha * alpha.standardUncertainty,
      dBeta * beta.standardUncertainty, dGamma * gamma.standardUncertainty,
    ]
    return Measured(v, standardUncertainty: terms.reduce(0) { $0 + $1 * $1 }.squareRoot())
  }

  /// The matrix whose columns are the cell vectors in Cartesian Å, with a
  /// along x and b in the xy plane (the usual crystallographic convention).
  public var matrix: [[Double]] {
    let r = Double.pi / 180
    let (ca, cb, cg) = (cos(alpha.value * r), cos(beta.value * r), cos(gamma.value * r))
    let sg = sin(gamma.value * r)
    let cx = c.value * cb
    let cy = c.value * (ca - cb * cg) / sg
    let cz = (max(c.value * c.value - cx * cx - cy * cy, 0)).squareRoot()
    return [
      [a.value, b.value * cg, cx],
      [0, b.value * sg, cy],
      [0, 0, cz],
    ]
  }

  /// Cartesian coordinates (Å) of fractional coordinates.
  public func cartesian(_ f: SIMD3<Double>) -> SIMD3<Double> {
    let m = matrix
    return SIMD3(
      m[0][0] * f.x + m[0][1] * f.y + m[0][2] * f.z,
      m[1][0] * f.x + m[1][1] * f.y + m[1][2] * f.z,
      m[2][0] * f.x + m[2][1] * f.y + m[2][2] * f.z)
  }
}

extension UnitCell {
  /// The metric tensor G, Å²: d² = Δfᵀ·G·Δf for fractional differences.
  public var metricTensor: [[Double]] { CrystalStructure.metric(self) }

  /// The reciprocal metric tensor G* = G⁻¹, Å⁻²: 1/d² = hᵀ·G*·h.
  public var reciprocalMetricTensor: [[Double]] { CrystalStructure.invert(metricTensor) }
}

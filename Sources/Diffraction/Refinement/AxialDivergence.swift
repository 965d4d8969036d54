import Foundation
import IonicsNumerics

/// The peak asymmetry of axial divergence after Finger, Cox & Jephcoat
/// (J. Appl. Cryst. 27 (1994) 892): a reflection at 2θ is seen over a
/// range of angles 2φ between 2φ_min and 2θ (toward lower angles below 90°,
/// higher above), where cos 2φ_min = cos 2θ·√(1 + ((S + H)/L)²), with S the
/// sample's and H the detector slit's half-height and L the goniometer
/// radius. The weight of each 2φ is
/// W(2φ) ∝ overlap(h)/(h·|cos 2φ|), h = L·√(cos²2φ/cos²2θ − 1), where the
/// overlap is S + H − h above the inflection (h > |H − S|) and 2·min(S, H)
/// below it. The observed peak is the symmetric profile averaged over W.
public struct AxialDivergence: Sendable, Equatable, Codable {
  /// S/L, the sample's half-height over the goniometer radius.
  public var sampleOverRadius: Double
  /// H/L, the detector's half-height over the goniometer radius.
  public var detectorOverRadius: Double

  /// An asymmetry of S/L and H/L.
  public init(sampleOverRadius: Double, detectorOverRadius: Double) {
    self.sampleOverRadius = sampleOverRadius
    self.detectorOverRadius = detectorOverRadius
  }

  /// No asymmetry.
  public static let none = AxialDivergence(sampleOverRadius: 0, detectorOverRadius: 0)

  /// GSAS-II's single parameter SH/L = (S + H)/L, with S = H.
  public init(shOverL: Double) {
    self.init(sampleOverRadius: shOverL / 2, detectorOverRadius: shOverL / 2)
  }

  /// Gauss–Legendre rules of 0…60 nodes, made once.
  private static let rules: [GaussLegendre] = (0...60).map { GaussLegendre(count: max($0, 1)) }

  /// (S + H)/L.
  public var shOverL: Double { sampleOverRadius + detectorOverRadius }

  /// The angles 2φ − 2θ (degrees) over which a peak at `twoTheta` is spread
  /// and their weights (summing to 1), for a profile of FWHM `fwhm`
  /// (degrees): one node at 0 when the spread is below 2 % of the FWHM,
  /// else Gauss–Legendre nodes in t = √|2θ − 2φ|, which takes out the
  /// 1/√ rise of W at 2θ.
  public func nodes(twoTheta: Double, fwhm: Double) -> [(offset: Double, weight: Double)] {
    let s = max(sampleOverRadius, 0), h = max(detectorOverRadius, 0)
    guard s + h > 0, twoTheta > 0, twoTheta < 180, abs(twoTheta - 90) > 1e-6 else { return [(0, 1)] }
    let radians = twoTheta * .pi / 180
    let cos2T = cos(radians)
    let cosMin = cos2T * (1 + (s + h) * (s + h)).squareRoot()
    let phiMin = abs(cosMin) < 1 ? acos(cosMin) : (cosMin > 0 ? 0 : .pi)
    let spread = abs(radians - phiMin) * 180 / .pi
    guard spread > 0.02 * fwhm, fwhm > 0 else { return [(0, 1)] }
    let side = radians < .pi / 2 ? -1.0 : 1.0
    let count = min(max(Int((8 * spread / fwhm).rounded(.up)) + 4, 6), 60)
    let rule = Self.rules[count]
    let tMax = (spread * .pi / 180).squareRoot()
    var out: [(offset: Double, weight: Double)] = []
    out.reserveCapacity(count)
    var total = 0.0
    for (u, w) in zip(rule.nodes, rule.weights) {
      let t = tMax * (u + 1) / 2
      let phi = radians + side * t * t
      let c = cos(phi)
      let ratio = c * c / (cos2T * cos2T) - 1
      guard ratio > 0 else { continue }
      let hh = ratio.squareRoot()  // h/L
      let overlap = hh > abs(h - s) ? s + h - hh : 2 * min(s, h)
      guard overlap > 0 else { continue }
      // dφ = 2t dt: the weight in t.
      let weight = w * overlap / (hh * abs(c)) * 2 * t
      out.append(((phi - radians) * 180 / .pi, weight))
      total += weight
    }
    guard total > 0, total.isFinite else { return [(0, 1)] }
    return out.map { ($0.offset, $0.weight / total) }
  }
}

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
  /// How the average over W is computed.
  public enum Quadrature: String, Sendable, Equatable, Codable, CaseIterable {
    /// Gauss–Legendre in √|2θ − 2φ|, which integrates the 1/√ rise of W at
    /// 2θ exactly enough that the mean offset is FCJ's to 0.1 %.
    case exact
    /// As GSAS-II evaluates it (its `psvfcjo`): Gauss–Legendre in 2φ over
    /// [2φ_min, 2θ], the upper half of an N-point rule, N the first of its
    /// table sizes (2, 4, …, 30, 40, …, 120, 140, …, 300, 400) not below
    /// 300·(2θ − 2φ_min)/γ with γ the Lorentzian FWHM in centidegrees. With
    /// few nodes the 1/√ rise is under-weighted and the peak's mean moves
    /// 2–3× further from 2θ than FCJ's at the same S/L and H/L (at 2θ = 3°,
    /// (S + H)/L = 0.002: −0.92 mdeg against −0.36); for reproducing
    /// GSAS-II's cells and asymmetry parameters.
    case gsas2 = "gsas-ii"
  }

  /// S/L, the sample's half-height over the goniometer radius.
  public var sampleOverRadius: Double
  /// H/L, the detector's half-height over the goniometer radius.
  public var detectorOverRadius: Double
  /// The quadrature of the average over W.
  public var quadrature = Quadrature.exact

  /// An asymmetry of S/L and H/L.
  public init(sampleOverRadius: Double, detectorOverRadius: Double) {
    self.sampleOverRadius = sampleOverRadius
    self.detectorOverRadius = detectorOverRadius
  }

  /// No asymmetry.
  public static let none = AxialDivergence(sampleOverRadius: 0, detectorOverRadius: 0)

  /// GSAS-II's single parameter SH/L = (S + H)/L, with S = H.
  public init(shOverL: Double, quadrature: Quadrature = .exact) {
    self.init(sampleOverRadius: shOverL / 2, detectorOverRadius: shOverL / 2)
    self.quadrature = quadrature
  }

  /// Gauss–Legendre rules of 0…60 nodes, made once.
  private static let rules: [GaussLegendre] = (0...60).map { GaussLegendre(count: max($0, 1)) }

  /// (S + H)/L.
  public var shOverL: Double { sampleOverRadius + detectorOverRadius }

  /// The angles 2φ − 2θ (degrees) over which a peak at `twoTheta` is spread
  /// and their weights (summing to 1), for a profile of FWHM `fwhm`
  /// (degrees) whose Lorentzian part is `lorentzianFWHM` (degrees; the
  /// FWHM when not given): one node at 0 when the spread is below 2 % of
  /// the FWHM, else Gauss–Legendre nodes in t = √|2θ − 2φ|, which takes out
  /// the 1/√ rise of W at 2θ (or GSAS-II's nodes, with `.gsas2`).
  ///
  /// `count` holds the number of nodes (from ``nodeCount(twoTheta:fwhm:lorentzianFWHM:)``
  /// at an earlier state), so that within one least-squares run the peak
  /// is a smooth function of the parameters; nil chooses it here.
  public func nodes(twoTheta: Double, fwhm: Double, lorentzianFWHM: Double? = nil, count: Int? = nil)
    -> [(offset: Double, weight: Double)]
  {
    guard let (radians, phiMin, spread) = spread(twoTheta: twoTheta) else { return [(0, 1)] }
    let count = count ?? nodeCount(twoTheta: twoTheta, fwhm: fwhm, lorentzianFWHM: lorentzianFWHM)
    guard count > 1 else { return [(0, 1)] }
    if quadrature == .gsas2 {
      let k = Self.gsas2Sizes.firstIndex { $0 >= count } ?? (Self.gsas2Sizes.count - 1)
      return gsas2Nodes(twoTheta: radians, phiMin: phiMin, rule: Self.gsas2Rules[k])
    }
    let s = max(sampleOverRadius, 0), h = max(detectorOverRadius, 0)
    let cos2T = cos(radians)
    let side = radians < .pi / 2 ? -1.0 : 1.0
    let rule = Self.rules[min(count, Self.rules.count - 1)]
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

  /// 2θ in radians, 2φ_min in radians and the spread 2θ − 2φ_min in degrees; nil without asymmetry.
  private func spread(twoTheta: Double) -> (Double, Double, Double)? {
    let s = max(sampleOverRadius, 0), h = max(detectorOverRadius, 0)
    guard s + h > 0, twoTheta > 0, twoTheta < 180, abs(twoTheta - 90) > 1e-6 else { return nil }
    let radians = twoTheta * .pi / 180
    let cosMin = cos(radians) * (1 + (s + h) * (s + h)).squareRoot()
    let phiMin = abs(cosMin) < 1 ? acos(cosMin) : (cosMin > 0 ? 0 : .pi)
    return (radians, phiMin, abs(radians - phiMin) * 180 / .pi)
  }

  /// The number of nodes for a peak at `twoTheta` (degrees) of FWHM `fwhm`
  /// (degrees): 1 (no spread worth one) when the spread is below 2 % of the
  /// FWHM, else 8 per FWHM of spread plus 4, from 6 to 60; with
  /// ``Quadrature/gsas2`` GSAS-II's table size for 300·spread/γ.
  public func nodeCount(twoTheta: Double, fwhm: Double, lorentzianFWHM: Double? = nil) -> Int {
    guard let (_, _, spread) = spread(twoTheta: twoTheta) else { return 1 }
    if quadrature == .gsas2 {
      let gamma = 100 * (lorentzianFWHM ?? fwhm)
      let wanted = gamma > 0 ? Int(min(300 * spread / gamma, 1e6)) : Int(min(200 * spread, 1e6))
      return Self.gsas2Sizes.first { $0 >= wanted } ?? (Self.gsas2Sizes.last ?? 400)
    }
    guard spread > 0.02 * fwhm, fwhm > 0 else { return 1 }
    return min(max(Int((8 * spread / fwhm).rounded(.up)) + 4, 6), 60)
  }

  /// GSAS-II's table sizes of Gauss–Legendre rules.
  private static let gsas2Sizes = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] + Array(stride(from: 40, through: 120, by: 10))
    + Array(stride(from: 140, through: 300, by: 20)) + [400]
  private static let gsas2Rules = gsas2Sizes.map { GaussLegendre(count: $0) }

  /// The nodes of ``Quadrature/gsas2``: 2φ = 2φ_min + (2θ − 2φ_min)·u over
  /// the positive nodes u of the rule, weighted by the rule's weight times
  /// W(2φ) (`twoTheta`, `phiMin` in radians).
  private func gsas2Nodes(twoTheta: Double, phiMin: Double, rule: GaussLegendre) -> [(offset: Double, weight: Double)] {
    let s = max(sampleOverRadius, 0), h = max(detectorOverRadius, 0)
    let cos2T = cos(twoTheta)
    let sin2T = sin(twoTheta)
    // 2φ at the inflection, where h = |H − S| (2θ when S = H or one is 0).
    let inflection = min(s, h) > 0 && abs(h - s) > 0 ? acos(min(max(cos2T * (1 + (h - s) * (h - s)).squareRoot(), -1), 1)) : twoTheta
    var out: [(offset: Double, weight: Double)] = []
    var total = 0.0
    for (u, w) in zip(rule.nodes, rule.weights) where u > 0 {
      let phi = phiMin + (twoTheta - phiMin) * u
      let d = twoTheta < .pi / 4 ? sin2T * sin2T - sin(phi) * sin(phi) : cos(phi) * cos(phi) - cos2T * cos2T
      let f = d > 0 ? abs(cos2T) / d.squareRoot() : 1  // L/h
      let g = abs(phi - phiMin) > abs(inflection - phiMin) ? 2 * min(s, h) * f / cos(phi) : ((s + h) * f - 1) / cos(phi)
      out.append(((phi - twoTheta) * 180 / .pi, w * g))
      total += w * g
    }
    guard total > 0, total.isFinite else { return [(0, 1)] }
    return out.map { ($0.offset, $0.weight / total) }
  }
}

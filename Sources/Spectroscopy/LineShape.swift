import Foundation
import IonicsNumerics

/// Line shapes of photoelectron peaks, in CasaXPS's conventions where it has
/// them (GL, SGL), and Voigt and Doniach–Šunjić; `x` is
/// the distance from the peak position, eV; every shape is 1 at the
/// position.
public enum LineShape: Sendable, Equatable, Codable {
  /// Gaussian–Lorentzian product GL(m), m = 0 (Gaussian) … 100 (Lorentzian):
  /// exp(−4 ln2 (1 − m/100) x²/F²) / (1 + 4 (m/100) x²/F²). Its FWHM equals
  /// the width parameter F only at m = 0 and m = 100.
  case gaussianLorentzianProduct(mixing: Double)
  /// Gaussian–Lorentzian sum SGL(m): (1 − m/100)·exp(−4 ln2 x²/F²) +
  /// (m/100)/(1 + 4x²/F²); its FWHM is F for every m.
  case gaussianLorentzianSum(mixing: Double)
  /// Voigt V(ρ): a Gaussian of FWHM F convolved with a Lorentzian of FWHM
  /// ρF (ρ = 0 … 10), computed through the Faddeeva function. Its FWHM is
  /// ≈ 0.5346 ρF + √(0.2166 ρ²F² + F²) (Olivero & Longbothum 1977).
  case voigt(lorentzianRatio: Double)
  /// Doniach–Šunjić DS(α, r) for metals: cos(πα/2 + (1 − α) arctan(x/γ)) /
  /// (γ² + x²)^((1−α)/2) with γ = F/2 (F the Lorentzian FWHM), asymmetry α
  /// (0 … 0.5, tail towards higher binding energy), convolved with a
  /// Gaussian of FWHM rF. Its area diverges for α > 0: it is integrated
  /// over ±30 F, as programs integrate over the region.
  case doniachSunjic(asymmetry: Double, gaussianRatio: Double)
  /// Asymmetric Lorentzian AL(α, β, r): L(x)^α on the high-binding-energy
  /// side (x > 0) and L(x)^β on the low side, L(x) = 1/(1 + 4x²/F²),
  /// convolved with a Gaussian of FWHM rF. F is the FWHM of the plain
  /// Lorentzian (α = β = 1, r = 0); otherwise the shape's own FWHM is
  /// wider or narrower than F. α < 1 spreads the tail, α > 1 shortens it;
  /// the area is finite for α, β > 1/2 and is taken over ±30 F. This is the
  /// form of CasaXPS' LA(α, β, m), whose Gaussian width index m is not
  /// published: Ionics' r is a plain ratio of FWHMs, not m.
  case asymmetricLorentzian(alpha: Double, beta: Double, gaussianRatio: Double)

  /// The value at distance `x` from the position for width parameter `f`.
  public func value(_ x: Double, width f: Double) -> Double {
    let u = 4 * x * x / (f * f)
    switch self {
    case .gaussianLorentzianProduct(let m):
      let l = min(max(m, 0), 100) / 100
      return exp(-log(2.0) * (1 - l) * u) / (1 + l * u)
    case .gaussianLorentzianSum(let m):
      let l = min(max(m, 0), 100) / 100
      return (1 - l) * exp(-log(2.0) * u) + l / (1 + u)
    case .voigt(let rho):
      let (sigma, gamma) = Self.voigtWidths(f, rho)
      return Faddeeva.voigt(x, sigma: sigma, gamma: gamma) / Faddeeva.voigt(0, sigma: sigma, gamma: gamma)
    case .doniachSunjic(let alpha, let r):
      // The slow tail of DS lies at negative arguments: −x puts it at higher binding energy.
      return ShapeProfiles.value(alpha: alpha, gaussianRatio: r, at: -x / f)
    case .asymmetricLorentzian:
      return ShapeProfiles.value(profileKey, at: x / f)
    }
  }

  /// The tabulated profile of AL(α, β, r), parameters clamped to 0.2…20 and 0…10.
  var profileKey: ShapeProfiles.Key {
    guard case .asymmetricLorentzian(let a, let b, let r) = self else { return ShapeProfiles.key(alpha: 0, gaussianRatio: 0) }
    return ShapeProfiles.Key(
      kind: .asymmetricLorentzian(alpha: min(max(a, 0.2), 20), beta: min(max(b, 0.2), 20)), ratio: min(max(r, 0), 10))
  }

  /// σ and γ of V(ρ) for Gaussian FWHM `f`.
  static func voigtWidths(_ f: Double, _ rho: Double) -> (Double, Double) {
    (f / (2 * (2 * log(2.0)).squareRoot()), min(max(rho, 0), 10) * f / 2)
  }

  /// The integral over all energies for width F (height 1), eV.
  public func area(width f: Double) -> Double {
    switch self {
    case .voigt(let rho):
      let (sigma, gamma) = Self.voigtWidths(f, rho)
      return 1 / Faddeeva.voigt(0, sigma: sigma, gamma: gamma)
    case .doniachSunjic(let alpha, let r):
      return f * ShapeProfiles.area(alpha: alpha, gaussianRatio: r)
    case .asymmetricLorentzian:
      return f * ShapeProfiles.area(profileKey)
    case .gaussianLorentzianSum(let m):
      let l = min(max(m, 0), 100) / 100
      return (1 - l) * f * (Double.pi / (4 * log(2.0))).squareRoot() + l * f * Double.pi / 2
    case .gaussianLorentzianProduct:
      // Simpson's rule on ±60 F, then the Lorentzian tail beyond it
      // (∫ l/(1 + 4 (m/100) x²/F²) for |x| > 60 F, where the Gaussian factor
      // is 1 only for m = 100; elsewhere the tail is negligible).
      let half = 60 * f
      let n = 24_000
      let h = 2 * half / Double(n)
      var sum = value(-half, width: f) + value(half, width: f)
      for k in 1..<n { sum += (k % 2 == 1 ? 4 : 2) * value(-half + Double(k) * h, width: f) }
      var total = sum * h / 3
      if case .gaussianLorentzianProduct(let m) = self, m >= 100 {
        total += f * (Double.pi / 2 - atan(2 * half / f))
      }
      return total
    }
  }

  /// CasaXPS's name: "GL(30)", "SGL(30)".
  public var name: String {
    switch self {
    case .gaussianLorentzianProduct(let m): return "GL(\(formatMixing(m)))"
    case .gaussianLorentzianSum(let m): return "SGL(\(formatMixing(m)))"
    case .voigt(let rho): return "V(\(formatMixing(rho)))"
    case .doniachSunjic(let a, let r): return "DS(\(formatMixing(a)),\(formatMixing(r)))"
    case .asymmetricLorentzian(let a, let b, let r):
      return "AL(\(formatMixing(a)),\(formatMixing(b)),\(formatMixing(r)))"
    }
  }

  /// Reads "GL(30)", "SGL(30)", "V(0.5)", "DS(0.1,1)" or "AL(1.2,2,0.5)"; nil
  /// for anything else.
  public init?(_ text: String) {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
    if t.hasPrefix("AL("), t.hasSuffix(")") {
      let parts = t.dropFirst(3).dropLast().split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 3, let a = parts[0], let b = parts[1], let r = parts[2],
        a >= 0.2, a <= 20, b >= 0.2, b <= 20, r >= 0, r <= 10
      else { return nil }
      self = .asymmetricLorentzian(alpha: a, beta: b, gaussianRatio: r)
      return
    }
    if t.hasPrefix("V("), t.hasSuffix(")") {
      guard let rho = Double(t.dropFirst(2).dropLast()), rho >= 0, rho <= 10 else { return nil }
      self = .voigt(lorentzianRatio: rho)
      return
    }
    if t.hasPrefix("DS("), t.hasSuffix(")") {
      let parts = t.dropFirst(3).dropLast().split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 2, let a = parts[0], let r = parts[1], a >= 0, a <= 0.5, r >= 0, r <= 10 else { return nil }
      self = .doniachSunjic(asymmetry: a, gaussianRatio: r)
      return
    }
    let sum = t.hasPrefix("SGL(")
    guard (sum || t.hasPrefix("GL(")), t.hasSuffix(")"),
      let m = Double(t.dropFirst(sum ? 4 : 3).dropLast()), m >= 0, m <= 100
    else { return nil }
    self = sum ? .gaussianLorentzianSum(mixing: m) : .gaussianLorentzianProduct(mixing: m)
  }
}

private func formatMixing(_ m: Double) -> String {
  m == m.rounded() && abs(m) < 1e6 ? "\(Int(m))" : "\(m)"
}

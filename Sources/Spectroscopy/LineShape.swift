import Foundation

/// Line shapes of photoelectron peaks, in CasaXPS's conventions; `x` is
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
    }
  }

  /// The integral over all energies for width F (height 1), eV.
  public func area(width f: Double) -> Double {
    switch self {
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
    }
  }

  /// Reads "GL(30)" or "SGL(30)"; nil for anything else.
  public init?(_ text: String) {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
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

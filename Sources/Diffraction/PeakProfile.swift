import Foundation

/// The shape of a peak in a continuous pattern: a pseudo-Voigt,
/// η·Lorentzian + (1 − η)·Gaussian of one full width at half maximum.
public struct PeakProfile: Sendable, Equatable {
  /// How the width depends on the angle.
  public enum Width: Sendable, Equatable {
    /// One FWHM, degrees 2θ.
    case fixed(Double)
    /// Caglioti: FWHM² = U tan²θ + V tan θ + W (degrees²).
    case caglioti(u: Double, v: Double, w: Double)
  }

  /// The width rule.
  public var width: Width = .fixed(0.1)
  /// Lorentzian fraction η, 0…1.
  public var lorentzianFraction = 0.5

  /// A profile of `width` and η.
  public init(width: Width = .fixed(0.1), lorentzianFraction: Double = 0.5) {
    self.width = width
    self.lorentzianFraction = lorentzianFraction
  }

  /// FWHM at 2θ (degrees).
  public func fwhm(at twoTheta: Double) -> Double {
    switch width {
    case .fixed(let h): return h
    case .caglioti(let u, let v, let w):
      let t = tan(twoTheta * Double.pi / 360)
      return max(u * t * t + v * t + w, 1e-8).squareRoot()
    }
  }

  /// The unit-area profile of FWHM `h` at offset `x` (degrees).
  func value(_ x: Double, fwhm h: Double) -> Double {
    PowderProfile.pseudoVoigt(x, fwhm: h, eta: min(max(lorentzianFraction, 0), 1))
  }
}

extension PowderPattern {
  /// The continuous pattern on a 2θ grid from `range.lowerBound` by `step`
  /// (degrees), each peak a `profile` of area equal to its intensity,
  /// scaled so that the highest point is 100.
  public func profile(_ profile: PeakProfile, range: ClosedRange<Double>, step: Double)
    throws(DiffractionError) -> [(twoTheta: Double, intensity: Double)]
  {
    guard step > 0, (range.upperBound - range.lowerBound) / step < 5e6 else {
      throw .badInput("step \(step)° gives no grid or more than 5 million points")
    }
    let n = Int(((range.upperBound - range.lowerBound) / step).rounded(.down)) + 1
    var y = [Double](repeating: 0, count: n)
    for peak in peaks {
      let h = profile.fwhm(at: peak.twoTheta)
      // ±30 FWHM holds all but 1 % of a Lorentzian's area.
      let first = max(0, Int(((peak.twoTheta - 30 * h - range.lowerBound) / step).rounded(.down)))
      let last = min(n - 1, Int(((peak.twoTheta + 30 * h - range.lowerBound) / step).rounded(.up)))
      guard first <= last else { continue }
      for k in first...last {
        let x = range.lowerBound + Double(k) * step - peak.twoTheta
        y[k] += peak.intensity * profile.value(x, fwhm: h)
      }
    }
    let top = y.max() ?? 0
    let scale = top > 0 ? 100 / top : 0
    return y.enumerated().map { (range.lowerBound + Double($0) * step, $1 * scale) }
  }
}

import Foundation

/// The peak shape of a constant-wavelength powder pattern in GSAS's
/// convention: a Thompson–Cox–Hastings pseudo-Voigt (J. Appl. Cryst. 20
/// (1987) 79) whose Gaussian variance is σ² = U·tan²θ + V·tanθ + W
/// (centidegrees², so FWHM_G = √(8 ln2 σ²)) and whose Lorentzian FWHM is
/// γ = X/cosθ + Y·tanθ (centidegrees). The two widths combine into one FWHM
/// H and a mixing η by TCH's fifth-order expressions. Sample broadening
/// adds to the Lorentzian width; axial-divergence asymmetry is
/// ``AxialDivergence``.
public struct PowderProfile: Sendable, Equatable, Codable {
  /// U, centidegrees².
  public var u: Double
  /// V, centidegrees².
  public var v: Double
  /// W, centidegrees².
  public var w: Double
  /// X, centidegrees.
  public var x: Double
  /// Y, centidegrees.
  public var y: Double

  /// A profile.
  public init(u: Double = 0, v: Double = 0, w: Double = 10, x: Double = 0.5, y: Double = 0.5) {
    self.u = u
    self.v = v
    self.w = w
    self.x = x
    self.y = y
  }

  /// FWHM H (degrees) and Lorentzian fraction η at the Bragg angle 2θ
  /// (degrees), with `addedLorentzian` (centidegrees, from the sample) on
  /// the Lorentzian width.
  public func shape(at twoTheta: Double, addedLorentzian: Double = 0) -> (fwhm: Double, eta: Double) {
    let theta = twoTheta * .pi / 360
    let t = tan(theta)
    let variance = max(u * t * t + v * t + w, 1e-6)
    let gaussian = (8 * log(2.0) * variance).squareRoot() / 100
    let g = gaussian, l = lorentzianFWHM(at: twoTheta, addedLorentzian: addedLorentzian)
    let h5 = pow(g, 5) + 2.69269 * pow(g, 4) * l + 2.42843 * pow(g, 3) * l * l + 4.47163 * g * g * pow(l, 3)
      + 0.07842 * g * pow(l, 4) + pow(l, 5)
    let h = pow(h5, 0.2)
    let q = h > 0 ? l / h : 0
    let eta = min(max(1.36603 * q - 0.47719 * q * q + 0.11116 * q * q * q, 0), 1)
    return (h, eta)
  }

  /// The Lorentzian FWHM (degrees) at 2θ (degrees): (X/cos θ + Y tan θ +
  /// `addedLorentzian`)/100.
  public func lorentzianFWHM(at twoTheta: Double, addedLorentzian: Double = 0) -> Double {
    let theta = twoTheta * .pi / 360
    return max(x / cos(theta) + y * tan(theta) + addedLorentzian, 0) / 100
  }

  /// The unit-area pseudo-Voigt of FWHM `fwhm` and mixing `eta` at distance
  /// `delta` (degrees) from its centre, per degree.
  public static func pseudoVoigt(_ delta: Double, fwhm: Double, eta: Double) -> Double {
    let z = 2 * delta / fwhm
    let lorentzian = 2 / (Double.pi * fwhm) / (1 + z * z)
    // Beyond 3 FWHM the Gaussian is below 10⁻¹⁰ of its height: skip the exponential.
    guard z * z < 36 else { return eta * lorentzian }
    let gaussian = 0.9394372786996513 / fwhm * exp(-0.6931471805599453 * z * z)
    return eta * lorentzian + (1 - eta) * gaussian
  }
}

/// A background of Chebyshev polynomials of the first kind in 2θ mapped
/// onto [−1, 1] over the pattern's range.
public struct ChebyshevBackground: Sendable, Equatable, Codable {
  /// Coefficients b₀ … b_{n−1}, counts.
  public var coefficients: [Double]
  /// The 2θ range mapped onto [−1, 1], degrees.
  public var range: ClosedRange<Double>

  /// A background of `coefficients` over `range`.
  public init(coefficients: [Double], range: ClosedRange<Double>) {
    self.coefficients = coefficients
    self.range = range
  }

  /// The background at 2θ (degrees).
  public func value(at twoTheta: Double) -> Double {
    let span = range.upperBound - range.lowerBound
    let x = span > 0 ? 2 * (twoTheta - range.lowerBound) / span - 1 : 0
    var (previous, current) = (1.0, x)
    var sum = coefficients.first ?? 0
    for (k, b) in coefficients.enumerated().dropFirst() {
      if k == 1 {
        sum += b * x
        continue
      }
      let next = 2 * x * current - previous
      (previous, current) = (current, next)
      sum += b * next
    }
    return sum
  }
}

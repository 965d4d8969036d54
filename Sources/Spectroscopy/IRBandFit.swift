import Foundation
import IonicsNumerics

/// Bands of a baseline-corrected IR spectrum fitted with line shapes
/// (Gaussian, Lorentzian or Voigt of a fixed Lorentzian-to-Gaussian width
/// ratio) by Levenberg–Marquardt, unweighted, with standard errors scaled by
/// the residual variance: positions, FWHMs, heights and areas. Useful where
/// bands overlap (the free and hydrogen-bonded O–H stretches, a doublet of
/// C≡N stretches) and a window integral cannot separate them.
public enum IRBandFit {
  /// A band shape. Voigt's FWHM is that of its Gaussian part; its
  /// Lorentzian FWHM is `ratio` times it.
  public enum Shape: Sendable, Equatable, Codable {
    /// Gaussian: area = height · FWHM · √(π/(4 ln 2)).
    case gaussian
    /// Lorentzian: area = height · FWHM · π/2.
    case lorentzian
    /// Voigt with Lorentzian FWHM = ratio × Gaussian FWHM.
    case voigt(ratio: Double)

    var lineShape: LineShape {
      switch self {
      case .gaussian: return .voigt(lorentzianRatio: 0)
      case .lorentzian: return .gaussianLorentzianSum(mixing: 100)
      case .voigt(let r): return .voigt(lorentzianRatio: r)
      }
    }
  }

  /// One fitted band.
  public struct Band: Sendable, Equatable, Codable {
    /// Position, cm⁻¹, and its standard error.
    public var position: Double
    /// See `position`.
    public var positionError: Double?
    /// FWHM parameter, cm⁻¹ (Voigt: the Gaussian part's), and its standard error.
    public var fwhm: Double
    /// See `fwhm`.
    public var fwhmError: Double?
    /// Height above the baseline, in the ordinate's units.
    public var height: Double
    /// Area, ordinate × cm⁻¹, and its standard error (from height and width).
    public var area: Double
    /// See `area`.
    public var areaError: Double?
  }

  /// What the fit gives.
  public struct Result: Sendable {
    /// The bands in the order of the starting positions.
    public var bands: [Band]
    /// Wavenumbers of the fitted window, cm⁻¹.
    public var wavenumbers: [Double]
    /// The corrected data in the window.
    public var data: [Double]
    /// The model (sum of bands).
    public var model: [Double]
    /// Each band's curve.
    public var curves: [[Double]]
    /// Whether the minimiser converged.
    public var converged: Bool
  }

  /// Why a band fit cannot be made.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
  }

  /// Fits bands started at `positions` (cm⁻¹, width `width`) to the
  /// corrected spectrum between `low` and `high` cm⁻¹. Positions may move
  /// by ±`freedom` cm⁻¹.
  public static func fit(
    _ spectrum: ProcessedIRSpectrum, positions: [Double], shape: Shape = .gaussian, from low: Double, to high: Double,
    width: Double = 30, freedom: Double = 50
  ) throws -> Result {
    let inside = spectrum.wavenumbers.indices.filter { spectrum.wavenumbers[$0] >= low && spectrum.wavenumbers[$0] <= high }
    let x = inside.map { spectrum.wavenumbers[$0] }
    let corrected = spectrum.corrected
    let y = inside.map { corrected[$0] }
    guard !positions.isEmpty, x.count >= 3 * positions.count + 2, width > 0, width.isFinite else {
      throw Failure(description: "at least 3 points per parameter between \(low) and \(high) cm⁻¹ and a positive width")
    }
    let line = shape.lineShape
    let unitArea = line.area(width: 1)
    let top = max(y.max() ?? 1, 1e-12)
    var parameters: [FitParameter] = []
    for (k, p) in positions.enumerated() {
      let nearest = x.indices.min { abs(x[$0] - p) < abs(x[$1] - p) } ?? 0
      parameters.append(FitParameter("position\(k)", p, lowerBound: p - freedom, upperBound: p + freedom))
      parameters.append(FitParameter("fwhm\(k)", width, lowerBound: width / 20, upperBound: width * 20))
      parameters.append(FitParameter("height\(k)", max(y[nearest], top / 100), lowerBound: 0, upperBound: 10 * top))
    }
    func curves(_ p: [Double]) -> [[Double]] {
      positions.indices.map { k in x.map { p[3 * k + 2] * line.value($0 - p[3 * k], width: p[3 * k + 1]) } }
    }
    let fitted = try LevenbergMarquardt.fit(
      parameters: parameters, residualCount: x.count,
      residuals: { p, r in
        let c = curves(p)
        for i in r.indices { r[i] = c.reduce(0) { $0 + $1[i] } - y[i] }
      })
    let p = fitted.values
    let c = curves(p)
    let covariance = fitted.covariance
    let bands = positions.indices.map { k -> Band in
      let f = fitted.parameters
      var areaError: Double?
      if let covariance, let sw = f[3 * k + 1].standardError, let sh = f[3 * k + 2].standardError {
        let w = p[3 * k + 1], h = p[3 * k + 2]
        let cov = covariance[3 * k + 1, 3 * k + 2]
        areaError = unitArea * (h * h * sw * sw + w * w * sh * sh + 2 * w * h * cov).squareRoot()
      }
      return Band(
        position: p[3 * k], positionError: f[3 * k].standardError, fwhm: p[3 * k + 1], fwhmError: f[3 * k + 1].standardError,
        height: p[3 * k + 2], area: p[3 * k + 2] * p[3 * k + 1] * unitArea, areaError: areaError)
    }
    return Result(
      bands: bands, wavenumbers: x, data: y, model: x.indices.map { i in c.reduce(0) { $0 + $1[i] } }, curves: c,
      converged: fitted.converged)
  }
}

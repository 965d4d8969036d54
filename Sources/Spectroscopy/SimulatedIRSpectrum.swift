import Foundation
import IonicsCore

/// An IR spectrum made up to test the analysis: Gaussian bands in
/// absorbance on a sloping baseline, written as transmittance with
/// Gaussian noise from a fixed seed. The bundled project's Fig. S1 spectra
/// are made so.
public enum SimulatedIRSpectrum {
  /// One band: centre (cm⁻¹), full width at half maximum (cm⁻¹) and peak absorbance.
  public struct Band: Sendable {
    /// Centre, cm⁻¹.
    public var centre: Double
    /// Full width at half maximum, cm⁻¹.
    public var fwhm: Double
    /// Peak absorbance.
    public var height: Double

    /// A band.
    public init(centre: Double, fwhm: Double, height: Double) {
      self.centre = centre
      self.fwhm = fwhm
      self.height = height
    }

    /// Its integrated absorbance, cm⁻¹: height · FWHM · √(π / (4 ln 2)).
    public var area: Double { height * fwhm * (Double.pi / (4 * log(2))).squareRoot() }
  }

  /// Absorbance at each wavenumber: `offset + slope·(ν − 400)/1000` plus the bands.
  public static func absorbance(_ wavenumbers: [Double], _ bands: [Band], offset: Double = 0.02, slope: Double = 0.01) -> [Double] {
    wavenumbers.map { nu in
      bands.reduce(offset + slope * (nu - 400) / 1000) { total, b in
        let sigma = b.fwhm / (2 * (2 * log(2)).squareRoot())
        return total + b.height * exp(-0.5 * (nu - b.centre) * (nu - b.centre) / (sigma * sigma))
      }
    }
  }

  /// The spectrum as transmittance (0–1) from 4000 to 400 cm⁻¹ every
  /// `step` cm⁻¹, with noise of standard deviation `noise` in T.
  public static func transmittance(
    _ bands: [Band], title: String, step: Double = 2, noise: Double = 0.001, seed: UInt64
  ) -> OpticalSpectrum {
    let count = Int((3600 / step).rounded()) + 1
    let nu = (0..<count).map { 4000 - Double($0) * step }
    var random = SplitMix64(seed: seed)
    let t = absorbance(nu, bands).map { pow(10, -$0) + noise * random.gaussian() }
    return OpticalSpectrum(
      title: title, dataType: "INFRARED SPECTRUM", xUnits: "1/CM", yUnits: "TRANSMITTANCE", x: nu, y: t,
      origin: "JCAMP-DX 4.24")
  }
}

import Foundation

/// The correction of an ATR spectrum for the penetration depth of the
/// evanescent wave, dₚ = λ / (2π n₁ √(sin²θ − (n₂/n₁)²)) (Harrick, Internal
/// Reflection Spectroscopy, 1967): dₚ grows with the wavelength, so bands at
/// low wavenumber look too strong. The corrected absorbance is
/// A · dₚ(ν_ref)/dₚ(ν) = A · ν/ν_ref, which leaves the band at ν_ref as it is.
public struct ATRCorrection: Sendable, Equatable, Codable {
  /// Refractive index of the crystal (diamond and ZnSe 2.4, Ge 4.0).
  public var crystalIndex: Double
  /// Angle of incidence, degrees.
  public var angle: Double
  /// Refractive index of the sample (1.5 for most organics and salts).
  public var sampleIndex: Double
  /// Wavenumber whose absorbance is kept, cm⁻¹.
  public var referenceWavenumber: Double

  /// A correction; the defaults are a diamond crystal at 45°, a sample of
  /// index 1.5 and the reference 1000 cm⁻¹.
  public init(crystalIndex: Double = 2.4, angle: Double = 45, sampleIndex: Double = 1.5, referenceWavenumber: Double = 1000) {
    self.crystalIndex = crystalIndex
    self.angle = angle
    self.sampleIndex = sampleIndex
    self.referenceWavenumber = referenceWavenumber
  }

  /// The penetration depth at `wavenumber` (cm⁻¹), in µm; nil when the
  /// angle is below the critical angle (no total reflection).
  public func penetrationDepth(at wavenumber: Double) -> Double? {
    let s = sin(angle * .pi / 180)
    let ratio = sampleIndex / crystalIndex
    let root = s * s - ratio * ratio
    guard root > 0, wavenumber > 0, crystalIndex > 0 else { return nil }
    return 1e4 / wavenumber / (2 * .pi * crystalIndex * sqrt(root))
  }
}

/// How a spectrum is prepared for band analysis.
public struct IRProcessing: Sendable, Equatable, Codable {
  /// The baseline removed from the upward-band spectrum.
  public var baseline: SpectrumBaseline
  /// An ATR correction, applied to absorbance before the baseline.
  public var atr: ATRCorrection?
  /// Whether reflectance becomes Kubelka–Munk (true) or log(1/R) (false).
  public var kubelkaMunk: Bool
  /// The smallest prominence of a reported band, in multiples of the noise.
  public var minimumSignalToNoise: Double

  /// Processing with arPLS (λ = 10⁷), no ATR correction, log(1/R) for
  /// reflectance and bands of at least 10 × the noise.
  public init(
    baseline: SpectrumBaseline = .standard, atr: ATRCorrection? = nil, kubelkaMunk: Bool = false,
    minimumSignalToNoise: Double = 10
  ) {
    self.baseline = baseline
    self.atr = atr
    self.kubelkaMunk = kubelkaMunk
    self.minimumSignalToNoise = minimumSignalToNoise
  }
}

/// A spectrum with upward bands on a wavenumber axis, its baseline and the
/// baseline-corrected values: what the band analysis works on.
public struct ProcessedIRSpectrum: Sendable, Equatable {
  /// Wavenumbers, cm⁻¹, in file order.
  public var wavenumbers: [Double]
  /// The ordinate after conversion to upward bands (absorbance,
  /// Kubelka–Munk, log(1/R) or intensity) and the ATR correction.
  public var values: [Double]
  /// What `values` are.
  public var ordinate: OpticalOrdinate
  /// The baseline under `values`.
  public var baseline: [Double]
  /// `values − baseline`.
  public var corrected: [Double] { zip(values, baseline).map { $0 - $1 } }
  /// The noise of the corrected spectrum (robust, from point-to-point
  /// differences: MAD/0.6745/√2), in its units.
  public var noise: Double
  /// What was done, in order, for the record ("%T → absorbance, 12 points
  /// at T ≤ 0 set to A = 6").
  public var steps: [String]

  /// Converts, corrects and removes the baseline of `spectrum`; errors name
  /// `source` (the file).
  public init(
    _ spectrum: OpticalSpectrum, processing: IRProcessing = IRProcessing(), source: String = "spectrum"
  ) throws(SpectroscopyError) {
    guard let nu = spectrum.wavenumbers else {
      throw .unsupported(file: source, "an abscissa in '\(spectrum.xUnits)', not wavenumbers or wavelengths")
    }
    var steps: [String] = []
    var y = spectrum.y
    var ordinate = spectrum.ordinate
    switch ordinate {
    case .transmittance, .transmittancePercent:
      let scale = ordinate == .transmittancePercent ? 0.01 : 1
      var clipped = 0
      y = y.map { t in
        let fraction = t * scale
        if fraction <= 1e-6 { clipped += 1 }
        return -log10(max(fraction, 1e-6))
      }
      steps.append(
        "transmittance → absorbance, A = −log₁₀ T" + (clipped > 0 ? " (\(clipped) points at T ≤ 10⁻⁶ set to A = 6)" : ""))
      ordinate = .absorbance
    case .reflectance, .reflectancePercent:
      let scale = ordinate == .reflectancePercent ? 0.01 : 1
      if processing.kubelkaMunk {
        y = y.map { r in
          let f = min(max(r * scale, 1e-6), 1)
          return (1 - f) * (1 - f) / (2 * f)
        }
        steps.append("reflectance → Kubelka–Munk, F(R) = (1 − R)²/(2R)")
        ordinate = .kubelkaMunk
      } else {
        y = y.map { -log10(max($0 * scale, 1e-6)) }
        steps.append("reflectance → log(1/R)")
        ordinate = .logInverseReflectance
      }
    default: break
    }
    if let atr = processing.atr {
      guard let depth = atr.penetrationDepth(at: atr.referenceWavenumber) else {
        throw .malformed(
          file: "ATR correction", line: 0,
          expected: "an angle above the critical angle for crystal n = \(atr.crystalIndex) and sample n = \(atr.sampleIndex)")
      }
      y = zip(y, nu).map { $0 * $1 / atr.referenceWavenumber }
      steps.append(
        "ATR correction: A·ν/\(atr.referenceWavenumber.formatted(.number)) cm⁻¹ (crystal n = \(atr.crystalIndex), "
          + "θ = \(atr.angle)°, sample n = \(atr.sampleIndex); dₚ = \(String(format: "%.2f", depth)) µm at the reference)")
    }
    guard y.allSatisfy(\.isFinite), nu.allSatisfy(\.isFinite) else {
      throw .malformed(file: source, line: 0, expected: "finite values")
    }
    let baseline: [Double]
    do {
      baseline = try processing.baseline.values(x: nu, y: y)
    } catch .malformed(_, _, let expected) {
      throw .malformed(file: source, line: 0, expected: expected)
    } catch {
      throw error
    }
    steps.append("baseline: " + processing.baseline.summary)
    wavenumbers = nu
    values = y
    self.ordinate = ordinate
    self.baseline = baseline
    noise = Self.noise(zip(y, baseline).map { $0 - $1 })
    self.steps = steps
  }

  /// The robust noise of a curve: the median absolute deviation of its
  /// point-to-point differences, scaled to a Gaussian σ.
  public static func noise(_ y: [Double]) -> Double {
    guard y.count > 2 else { return 0 }
    var d = zip(y.dropFirst(), y).map { $0 - $1 }
    d.sort()
    let median = d[d.count / 2]
    var a = d.map { abs($0 - median) }
    a.sort()
    return a[a.count / 2] / 0.6745 / 2.0.squareRoot()
  }

  /// The integral of the corrected spectrum over [low, high] cm⁻¹ and its
  /// standard error from the noise (white noise: σ·|Δν|·√N), in the
  /// ordinate's units × cm⁻¹; nil when fewer than 2 points fall inside.
  public func area(from low: Double, to high: Double) -> (area: Double, error: Double, points: Int)? {
    let c = corrected
    let inside = wavenumbers.indices.filter { wavenumbers[$0] >= low && wavenumbers[$0] <= high }
      .sorted { wavenumbers[$0] < wavenumbers[$1] }
    guard inside.count >= 2 else { return nil }
    var area = 0.0
    for k in 1..<inside.count {
      let a = inside[k - 1], b = inside[k]
      area += 0.5 * (c[a] + c[b]) * (wavenumbers[b] - wavenumbers[a])
    }
    let step = (wavenumbers[inside[inside.count - 1]] - wavenumbers[inside[0]]) / Double(inside.count - 1)
    return (area, noise * step * Double(inside.count).squareRoot(), inside.count)
  }
}

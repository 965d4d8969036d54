import ComplexModule
import RealModule

/// A distribution of relaxation times and what it says.
public struct DRTResult: Sendable {
  /// One peak of γ.
  public struct Peak: Sendable, Codable, Equatable {
    /// τ at the maximum, s.
    public let tau: Double
    /// 1/(2πτ), Hz.
    public let frequency: Double
    /// ∫γ d ln τ over the peak, Ω: the resistance of the process.
    public let resistance: Double
    /// γ at the maximum, Ω.
    public let height: Double
    /// τ where the peak's integration starts, s.
    public let lowerTau: Double
    /// τ where it ends, s.
    public let upperTau: Double

    private enum CodingKeys: String, CodingKey {
      case tau = "tauSeconds"
      case frequency = "frequencyHz"
      case resistance = "resistanceOhm"
      case height = "heightOhm"
      case lowerTau = "lowerTauSeconds"
      case upperTau = "upperTauSeconds"
    }
  }

  /// The GCV curve and its minimum.
  public struct GCVCurve: Sendable, Codable, Equatable {
    /// λ on the search grid.
    public let lambdas: [Double]
    /// GCV(λ) on the grid.
    public let scores: [Double]
    /// The λ chosen (grid minimum refined by golden section).
    public let chosenLambda: Double
    /// GCV at the chosen λ.
    public let chosenScore: Double
    /// True when the minimum lay at an end of the searched range.
    public let atEdge: Bool
  }

  /// The settings used.
  public let options: DRTOptions
  /// The regularisation parameter used.
  public let lambda: Double
  /// The GCV search, when λ was not fixed.
  public let gcv: GCVCurve?
  /// R∞, Ω.
  public let seriesResistance: Double
  /// L, H, when included.
  public let inductance: Double?
  /// ∫γ d ln τ over the whole grid, Ω.
  public let polarisationResistance: Double
  /// ∫γ d ln τ below τ = 1/(2π f_max), Ω: not resolved by the data; it
  /// behaves as part of R∞.
  public let resistanceBelowWindow: Double
  /// ∫γ d ln τ above τ = 1/(2π f_min), Ω: beyond the lowest frequency.
  public let resistanceAboveWindow: Double
  /// τ of the RBF centres, s.
  public let centres: [Double]
  /// RBF coefficients (≥ 0), Ω.
  public let coefficients: [Double]
  /// τ of the sampled γ, s.
  public let tau: [Double]
  /// γ(ln τ), Ω.
  public let gamma: [Double]
  /// Standard deviation of γ at each τ, Ω (empty when not available).
  public let gammaStandardDeviation: [Double]
  /// Peaks with at least ``DRTOptions/peakProminence``, by ascending τ.
  public let peaks: [Peak]
  /// Frequencies, Hz.
  public let frequencies: [Double]
  /// The model's impedance, Ω.
  public let fitted: [Complex<Double>]
  /// Z′ − Z′_fit, Ω.
  public let residualsReal: [Double]
  /// Z″ − Z″_fit, Ω.
  public let residualsImaginary: [Double]

  /// R∞ + ∫γ: the DC resistance of the model, Ω.
  public var totalResistance: Double { seriesResistance + polarisationResistance }
  /// Root-mean-square residual over real and imaginary parts, Ω.
  public var rmsResidual: Double {
    let n = residualsReal.count
    guard n > 0 else { return 0 }
    let s = zip(residualsReal, residualsImaginary).reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
    return (s / Double(2 * n)).squareRoot()
  }
}

extension DRTResult: Encodable {
  private enum Keys: String, CodingKey {
    case options, lambda, gcv, seriesResistanceOhm, inductanceHenry, polarisationResistanceOhm
    case totalResistanceOhm, resistanceBelowWindowOhm, resistanceAboveWindowOhm, peaks, tauSeconds,
      gammaOhm, gammaStandardDeviationOhm, centresSeconds, coefficientsOhm
    case frequencyHz, fittedRealOhm, fittedImaginaryOhm, residualsRealOhm, residualsImaginaryOhm
    case rmsResidualOhm
  }

  /// JSON with units in the key names.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(options, forKey: .options)
    try c.encode(lambda, forKey: .lambda)
    try c.encodeIfPresent(gcv, forKey: .gcv)
    try c.encode(seriesResistance, forKey: .seriesResistanceOhm)
    try c.encodeIfPresent(inductance, forKey: .inductanceHenry)
    try c.encode(polarisationResistance, forKey: .polarisationResistanceOhm)
    try c.encode(totalResistance, forKey: .totalResistanceOhm)
    try c.encode(resistanceBelowWindow, forKey: .resistanceBelowWindowOhm)
    try c.encode(resistanceAboveWindow, forKey: .resistanceAboveWindowOhm)
    try c.encode(peaks, forKey: .peaks)
    try c.encode(tau, forKey: .tauSeconds)
    try c.encode(gamma, forKey: .gammaOhm)
    try c.encode(gammaStandardDeviation, forKey: .gammaStandardDeviationOhm)
    try c.encode(centres, forKey: .centresSeconds)
    try c.encode(coefficients, forKey: .coefficientsOhm)
    try c.encode(frequencies, forKey: .frequencyHz)
    try c.encode(fitted.map { $0.real }, forKey: .fittedRealOhm)
    try c.encode(fitted.map { $0.imaginary }, forKey: .fittedImaginaryOhm)
    try c.encode(residualsReal, forKey: .residualsRealOhm)
    try c.encode(residualsImaginary, forKey: .residualsImaginaryOhm)
    try c.encode(rmsResidual, forKey: .rmsResidualOhm)
  }
}

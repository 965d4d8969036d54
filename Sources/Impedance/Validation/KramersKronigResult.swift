import ComplexModule
import Foundation
import RealModule

/// What a Lin-KK test found: the chosen series, its residuals and a verdict.
public struct KramersKronigResult: Sendable {
  /// μ at one number of elements, for the μ(M) curve.
  public struct MuPoint: Sendable, Codable, Equatable {
    /// Number M of RC elements.
    public let elementCount: Int
    /// μ at that M.
    public let mu: Double
  }

  /// The settings used.
  public let options: KramersKronigOptions
  /// Number M of RC elements chosen (or fixed).
  public let elementCount: Int
  /// μ of the chosen series.
  public let mu: Double
  /// μ for every M tried, in order.
  public let muHistory: [MuPoint]
  /// Series resistance R₀, Ω.
  public let seriesResistance: Double
  /// Rₖ of the RC elements, Ω, in order of ``timeConstants``.
  public let resistances: [Double]
  /// τₖ of the RC elements, s.
  public let timeConstants: [Double]
  /// Series capacitance, F, when one was added (nil when 1/C came out as 0).
  public let capacitance: Double?
  /// Series inductance, H, when one was added.
  public let inductance: Double?
  /// Frequencies, Hz.
  public let frequencies: [Double]
  /// The series' impedance at each frequency, Ω.
  public let fitted: [Complex<Double>]
  /// (Z′ − Z′_fit)/|Z| in %, as impedance.py and Schönleber define them.
  public let residualsRealPercent: [Double]
  /// (Z″ − Z″_fit)/|Z| in %.
  public let residualsImaginaryPercent: [Double]

  /// The largest |residual| of the real part, %.
  public var maximumRealResidualPercent: Double {
    residualsRealPercent.map(abs).max() ?? 0
  }
  /// The largest |residual| of the imaginary part, %.
  public var maximumImaginaryResidualPercent: Double {
    residualsImaginaryPercent.map(abs).max() ?? 0
  }
  /// The band ± that holds every residual, %.
  public var residualBandPercent: Double {
    max(maximumRealResidualPercent, maximumImaginaryResidualPercent)
  }
  /// Boukamp's pseudo-χ²: Σ (ΔZ′² + ΔZ″²)/|Z|² (residuals as fractions).
  public var pseudoChiSquared: Double {
    zip(residualsRealPercent, residualsImaginaryPercent).reduce(0) {
      $0 + ($1.0 * $1.0 + $1.1 * $1.1) / 1e4
    }
  }
  /// True when every residual lies within ± ``KramersKronigOptions/thresholdPercent``.
  public var isWithinThreshold: Bool { residualBandPercent <= options.thresholdPercent }

  /// Wald–Wolfowitz runs test on the signs of the real and the imaginary
  /// residuals in frequency order: z = (runs − mean)/sd for each; strongly
  /// negative z (too few runs) means residuals that wander systematically
  /// rather than scatter as noise.
  public var runsTestZ: (real: Double, imaginary: Double) {
    (Self.runsZ(residualsRealPercent), Self.runsZ(residualsImaginaryPercent))
  }

  /// True when the residuals scatter like noise: neither part has fewer sign
  /// runs than chance allows at the one-sided 1 % level (z > −2.33).
  public var residualsAreRandom: Bool {
    let z = runsTestZ
    return z.real > -2.33 && z.imaginary > -2.33
  }

  /// The verdict: valid when the residuals stay within the threshold, or
  /// exceed it only as random scatter (a noisy but consistent spectrum).
  public var isValid: Bool { isWithinThreshold || residualsAreRandom }

  static func runsZ(_ values: [Double]) -> Double {
    let signs = values.filter { $0 != 0 }.map { $0 > 0 }
    let n = Double(signs.count)
    let positive = Double(signs.filter { $0 }.count)
    let negative = n - positive
    guard positive > 0, negative > 0, n > 2 else { return 0 }
    var runs = 1.0
    for (a, b) in zip(signs, signs.dropFirst()) where a != b { runs += 1 }
    let mean = 2 * positive * negative / n + 1
    let variance = 2 * positive * negative * (2 * positive * negative - n) / (n * n * (n - 1))
    return variance > 0 ? (runs - mean) / variance.squareRoot() : 0
  }
  /// True when the μ search ran to ``KramersKronigOptions/maximumElements``
  /// without reaching the cut-off.
  public var reachedMaximumElements: Bool {
    guard let c = options.cutoff else { return false }
    return mu > c
  }
  /// One sentence: the verdict and the band.
  public var verdict: String {
    let band = String(format: "%.3g", residualBandPercent)
    let limit = String(format: "%.3g", options.thresholdPercent)
    if isWithinThreshold {
      return "valid: every residual within ±\(band) % of |Z| (threshold ±\(limit) %)"
    }
    let z = runsTestZ
    let runs = String(format: "runs test z = %.2f (real), %.2f (imaginary)", z.real, z.imaginary)
    if residualsAreRandom {
      return "valid within noise: residuals reach ±\(band) % of |Z| (threshold ±\(limit) %) "
        + "but scatter randomly (\(runs))"
    }
    var worst = 0
    var worstValue = 0.0
    for (i, pair) in zip(residualsRealPercent, residualsImaginaryPercent).enumerated() {
      let value = max(abs(pair.0), abs(pair.1))
      if value > worstValue { (worst, worstValue) = (i, value) }
    }
    let f = String(format: "%.4g", frequencies[worst])
    return "not valid: residuals reach ±\(band) % of |Z| (threshold ±\(limit) %), "
      + "worst at \(f) Hz, and they wander systematically (\(runs)); "
      + "look for drift, nonlinearity or a cell that changed during the sweep"
  }
}

extension KramersKronigResult: Encodable {
  private enum Keys: String, CodingKey {
    case options, elementCount, mu, muHistory, seriesResistanceOhm, resistancesOhm
    case timeConstantsSeconds, capacitanceFarad, inductanceHenry, frequencyHz
    case fittedRealOhm, fittedImaginaryOhm, residualsRealPercent, residualsImaginaryPercent
    case residualBandPercent, pseudoChiSquared, isWithinThreshold, runsTestZReal
    case runsTestZImaginary, isValid, verdict
  }

  /// JSON with units in the key names; Z as real and imaginary arrays.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(options, forKey: .options)
    try c.encode(elementCount, forKey: .elementCount)
    try c.encode(mu, forKey: .mu)
    try c.encode(muHistory, forKey: .muHistory)
    try c.encode(seriesResistance, forKey: .seriesResistanceOhm)
    try c.encode(resistances, forKey: .resistancesOhm)
    try c.encode(timeConstants, forKey: .timeConstantsSeconds)
    try c.encodeIfPresent(capacitance, forKey: .capacitanceFarad)
    try c.encodeIfPresent(inductance, forKey: .inductanceHenry)
    try c.encode(frequencies, forKey: .frequencyHz)
    try c.encode(fitted.map { $0.real }, forKey: .fittedRealOhm)
    try c.encode(fitted.map { $0.imaginary }, forKey: .fittedImaginaryOhm)
    try c.encode(residualsRealPercent, forKey: .residualsRealPercent)
    try c.encode(residualsImaginaryPercent, forKey: .residualsImaginaryPercent)
    try c.encode(residualBandPercent, forKey: .residualBandPercent)
    try c.encode(pseudoChiSquared, forKey: .pseudoChiSquared)
    try c.encode(isWithinThreshold, forKey: .isWithinThreshold)
    try c.encode(runsTestZ.real, forKey: .runsTestZReal)
    try c.encode(runsTestZ.imaginary, forKey: .runsTestZImaginary)
    try c.encode(isValid, forKey: .isValid)
    try c.encode(verdict, forKey: .verdict)
  }
}

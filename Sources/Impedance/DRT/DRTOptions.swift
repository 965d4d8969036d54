/// Settings of a Tikhonov-regularised distribution of relaxation times.
/// Defaults follow pyDRTtools (Gaussian RBFs with FWHM coefficient 0.5,
/// first-derivative penalty, combined Re–Im fit, inductance included,
/// λ by generalised cross-validation), with the τ grid widened by a decade
/// at each end.
public struct DRTOptions: Sendable, Codable, Equatable {
  /// The derivative of γ whose squared norm is penalised.
  public enum Penalty: Int, Sendable, Codable, CaseIterable {
    /// ∫ (dγ/d ln τ)² d ln τ.
    case firstDerivative = 1
    /// ∫ (d²γ/d ln τ²)² d ln τ.
    case secondDerivative = 2
  }

  /// Decades by which the τ grid extends beyond 1/(2π f_max) … 1/(2π f_min)
  /// at each end (at least 1).
  public var extensionDecades = 1.0
  /// Grid points (RBF centres) per decade of τ; nil takes the data's own
  /// density of points per decade of frequency (at least 5).
  public var pointsPerDecade: Double?
  /// pyDRTtools' FWHM coefficient: each Gaussian's full width at half
  /// maximum is the grid spacing (in ln τ) divided by this.
  public var fwhmCoefficient = 0.5
  /// The penalty.
  public var penalty = Penalty.firstDerivative
  /// Fit a series inductance L ≥ 0 (for spectra with inductive points at
  /// high frequency).
  public var includeInductance = true
  /// A fixed regularisation parameter; nil chooses λ by GCV.
  public var lambda: Double?
  /// ρ of the modified GCV score m·‖r‖²/(m − ρ·tr H)² (ρ = 1 is plain GCV).
  public var gcvRho = 1.0
  /// The λ range searched by GCV.
  public var lambdaRange: ClosedRange<Double> = 1e-10...1e2
  /// Residual weighting: unity (absolute Ω, as pyDRTtools) or modulus.
  public var weighting = Weighting.unity
  /// A maximum of γ counts as a peak of its own only when it rises above
  /// the higher of the minima that separate it from its neighbours by at
  /// least this fraction of the highest γ; lesser bumps are merged into the
  /// neighbour (as scipy's prominence does for peak finding).
  public var peakProminence = 0.02
  /// …and by at least this many standard deviations of γ at its maximum
  /// (from the Gaussian approximation of the regularised fit): bumps within
  /// the noise of γ are not peaks.
  public var peakSignificance = 1.5

  /// The defaults.
  public init() {}
}

/// Settings of the linear Kramers–Kronig test (Schönleber et al.,
/// Electrochim. Acta 131 (2014) 20). The defaults are impedance.py's `linKK`
/// ones except the verdict threshold, which impedance.py does not have.
public struct KramersKronigOptions: Sendable, Codable, Equatable {
  /// Which part of the spectrum the Voigt series is fitted to.
  public enum FitKind: String, Sendable, Codable, CaseIterable {
    /// Re Z and Im Z together (Schönleber's Eq. 14).
    case complex
    /// Re Z only; L and C are then fitted to what Im Z the RC elements leave.
    case real
    /// Im Z only; the series resistance is then the |Z|⁻²-weighted mean of
    /// what Re Z the RC elements leave (Boukamp 1995, Eq. 7).
    case imaginary
  }

  /// Which part is fitted.
  public var fit = FitKind.complex
  /// The μ cut-off c: M grows from 1 until μ ≤ c. Nil fixes M at ``maximumElements``.
  public var cutoff: Double? = 0.85
  /// Largest number M of RC elements tried (or used, when ``cutoff`` is nil).
  public var maximumElements = 100
  /// Add a series capacitance, needed for a blocking electrode whose Re Z has
  /// no low-frequency limit.
  public var addCapacitance = false
  /// Add a series inductance (impedance.py always does; on by default).
  public var addInductance = true
  /// Decades by which the time-constant range 1/(2π f_max)…1/(2π f_min) is
  /// widened at both ends (0, as in impedance.py and Schönleber).
  public var extensionDecades = 0.0
  /// The verdict: the spectrum passes when every residual, in % of |Z|,
  /// lies within ± this band.
  public var thresholdPercent = 1.0

  /// The defaults.
  public init() {}
}

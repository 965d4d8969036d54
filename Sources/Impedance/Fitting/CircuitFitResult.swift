import IonicsCore
/// The outcome of fitting a circuit to a spectrum.
public struct CircuitFitResult: Sendable, Codable {
  /// One fitted parameter.
  public struct Parameter: Sendable, Codable {
    /// impedance.py-style name ("R0", "CPE1_0").
    public let name: String
    /// Unit ("Ohm", "F", "Ohm^-1 s^a", "").
    public let unit: String
    /// Best-fit value.
    public let value: Double
    /// Standard error (first order; for log-fitted parameters σ_p = p·σ_ln p).
    public let standardError: Double?
    /// Standard error in % of the value.
    public let relativeErrorPercent: Double?
    /// Held fixed by the user.
    public let isFixed: Bool
    /// Ended on a bound.
    public let isAtBound: Bool
    /// The data do not determine it: no standard error, or one above 100 % of the value.
    public let isUndetermined: Bool
  }

  /// The circuit string.
  public let circuit: String
  /// The weighting used.
  public let weighting: Weighting
  /// How χ² is defined for that weighting.
  public let chiSquaredDefinition: String
  /// Parameters in circuit order.
  public let parameters: [Parameter]
  /// Correlation matrix over all parameters (0 rows for fixed or bound
  /// ones); nil when the Jacobian is rank deficient.
  public let correlation: [[Double]]?
  /// Weighted sum of squared residuals.
  public let chiSquared: Double
  /// χ² per degree of freedom.
  public let reducedChiSquared: Double
  /// 2 × points − free parameters.
  public let degreesOfFreedom: Int
  /// Points fitted.
  public let pointCount: Int
  /// Starting values from the data (and the user's overrides), circuit order.
  public let initialGuess: [Double]
  /// Starts tried in the multi-start, the automatic guess included.
  public let startsTried: Int
  /// Which start gave the best χ² (0 = the automatic guess).
  public let bestStart: Int
  /// Levenberg–Marquardt iterations over all starts and the final polish.
  public let iterations: Int
  /// Model evaluations (residual vectors) over all starts and the final polish.
  public let evaluations: Int
  /// Why the final iteration stopped.
  public let convergence: String
  /// Whether it converged (not stopped by the iteration limit).
  public let converged: Bool
  /// Things a user should know: undetermined parameters, arcs outside the
  /// window, a fit that did not converge (codes `parameterUndetermined`,
  /// `parameterAtBound`, `arcApexOutsideWindow`, `fitNotConverged`).
  public let diagnostics: [Diagnostic]
  /// Effective capacitance, ε_r (with a geometry) and assignment of every arc.
  public let capacitances: [ArcCapacitance]
  /// Frequencies of the fitted points, Hz.
  public let frequencies: [Double]
  /// Fitted Re Z at those frequencies, Ω.
  public let fittedReal: [Double]
  /// Fitted Im Z, Ω.
  public let fittedImaginary: [Double]
  /// Residuals of the real part, data − model: (Re Z − Re Z_fit)/|Z| in %
  /// (the sign convention of every residual Ionics reports).
  public let residualsRealPercent: [Double]
  /// (Im Z − Im Z_fit)/|Z| in %.
  public let residualsImaginaryPercent: [Double]

  private enum CodingKeys: String, CodingKey {
    case circuit, weighting, chiSquaredDefinition, parameters, correlation, chiSquared
    case reducedChiSquared, degreesOfFreedom, pointCount, initialGuess, startsTried, bestStart
    case iterations, evaluations, convergence, converged, diagnostics, capacitances
    case frequencies = "frequencyHz"
    case fittedReal = "fittedRealOhm"
    case fittedImaginary = "fittedImaginaryOhm"
    case residualsRealPercent, residualsImaginaryPercent
  }

  /// The parameter called `name`.
  public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}

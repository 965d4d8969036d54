import IonicsCore

/// How ``CircuitFitter`` fits a circuit to a spectrum.
public struct CircuitFitOptions: Sendable {
  /// Residual weighting; modulus by default.
  public var weighting = Weighting.modulus
  /// Starting values by parameter name; the rest come from the data.
  public var initialValues: [String: Double] = [:]
  /// Parameters held at a value, by name.
  public var fixedValues: [String: Double] = [:]
  /// Bounds by parameter name. Positive parameters (R, C, Q, τ, …) are
  /// always > 0; exponents default to [0, 1].
  public var bounds: [String: ClosedRange<Double>] = [:]
  /// Default bounds of exponent parameters (CPE α, ZARC γ, HN α and β, La α).
  public var exponentBounds: ClosedRange<Double> = 0...1
  /// Optimise positive parameters as ln p, so that values from 1e-12 to 1e7
  /// are equally easy to move.
  public var logScalePositiveParameters = true
  /// Extra random starts around the automatic guess (log-uniform within
  /// ±`multiStartSpreadDecades` for positive parameters); 0 fits from the guess only.
  public var multiStartCount = 24
  /// Further starting points tried right after the automatic guess, each a
  /// full parameter vector in the circuit's order (the previous temperature's
  /// result in a series, say); vectors of the wrong length or with a
  /// non-positive value where one must be positive are skipped.
  public var extraStarts: [[Double]] = []
  /// Half-width of the multi-start cloud, decades.
  public var multiStartSpreadDecades = 1.5
  /// Seed of the multi-start generator: the same seed gives the same fit.
  public var seed: UInt64 = 0x10_01C5
  /// Stop the multi-start once this many starts have reached the best χ²…
  public var agreeingStartsToStop = 2
  /// …and at least this many starts (the automatic guess included) have run.
  public var minimumStarts = 2
  /// Run the starts of the multi-start on several cores at once (results do
  /// not depend on it). Off by default: for a fit of a few milliseconds the
  /// thread start-up costs more than it saves (measured), and batches are
  /// already parallel across spectra.
  public var parallelStarts = false
  /// Report identical series groups (two p(R,CPE) arcs) ordered by time
  /// constant, fastest first.
  public var ordersIdenticalArcsByTimeConstant = true
  /// Sample geometry: with it, every arc's C_eff is also given as ε_r and
  /// classified with the cell constant (without it, l/A = 1 cm⁻¹ is assumed).
  public var geometry: CellGeometry?

  /// Defaults.
  public init() {}
}

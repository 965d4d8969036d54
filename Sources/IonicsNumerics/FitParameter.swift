/// A parameter of a nonlinear fit: its starting value, bounds, and whether
/// it is held fixed.
public struct FitParameter: Sendable, Hashable, Codable {
  /// Name shown in results ("R0", "CPE1_0", "b1").
  public var name: String
  /// Starting value; the fit moves it into the bounds first.
  public var value: Double
  /// Lower bound (−∞ for none).
  public var lowerBound: Double
  /// Upper bound (+∞ for none).
  public var upperBound: Double
  /// A fixed parameter keeps its value and is not counted as free.
  public var isFixed: Bool

  /// A parameter named `name` starting at `value`.
  public init(
    _ name: String, _ value: Double, lowerBound: Double = -.infinity,
    upperBound: Double = .infinity, isFixed: Bool = false
  ) {
    self.name = name
    self.value = value
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.isFixed = isFixed
  }
}

/// A fitted parameter with its standard error.
public struct FittedParameter: Sendable, Hashable, Codable {
  /// The parameter's name.
  public let name: String
  /// Best-fit value.
  public let value: Double
  /// Standard error from the covariance; nil for fixed parameters, for
  /// parameters at a bound, and when the Jacobian is rank deficient.
  public let standardError: Double?
  /// Whether the parameter was held fixed.
  public let isFixed: Bool
  /// Whether the fit ended with the parameter on one of its bounds.
  public let isAtBound: Bool

  /// Standard error relative to |value| in percent (nil when unknown).
  public var relativeStandardErrorPercent: Double? {
    guard let standardError, value != 0 else { return nil }
    return 100 * standardError / abs(value)
  }
}

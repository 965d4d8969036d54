/// Why a numerical routine could not run on the input it was given.
public enum NumericsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Arrays or matrices whose sizes do not fit together.
  case dimensionMismatch(String)
  /// Fewer observations than free parameters.
  case tooFewObservations(observations: Int, parameters: Int)
  /// A value that must be finite was NaN or infinite.
  case nonFinite(String)
  /// A parameter's bounds or starting value are inconsistent.
  case invalidParameter(String)
  /// The model returned NaN or infinity at the starting point.
  case modelNotFiniteAtStart
  /// An iteration ran out of steps before it converged.
  case notConverged(String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .dimensionMismatch(let what): return "sizes do not fit: \(what)"
    case .tooFewObservations(let m, let n):
      return "\(m) observations cannot determine \(n) free parameters"
    case .nonFinite(let what): return "\(what) must be finite"
    case .invalidParameter(let what): return what
    case .modelNotFiniteAtStart:
      return
        "the model gives NaN or infinity at the starting parameters: choose other starting values"
    case .notConverged(let what): return "\(what) did not converge"
    }
  }
}

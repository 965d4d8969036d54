/// Why a recipe or a capacity cannot be computed from the numbers given.
public enum RecipeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A quantity that must be positive and finite was not.
  case notPositive(String, Double)
  /// A percentage outside the range that makes sense for it.
  case percentOutOfRange(String, Double, allowed: String)
  /// The salt formula holds none of the cation that the ratio is counted in.
  case saltLacksCation(salt: String, cation: String)
  /// No reagent supplies any element of the product.
  case noCommonElement(product: String)
  /// A recipe needs at least one reagent.
  case noReagents

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .notPositive(let name, let value):
      return "\(name) must be a positive number, got \(value)"
    case .percentOutOfRange(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value) %"
    case .saltLacksCation(let salt, let cation):
      return "the salt \(salt) contains no \(cation): name the cation that the ratio counts"
    case .noCommonElement(let product):
      return "no reagent supplies any element of \(product): cannot find the limiting element"
    case .noReagents:
      return "a synthesis needs at least one reagent"
    }
  }
}

/// Why a chemical formula could not be read. Columns count characters
/// from 1 in the text as given.
public enum FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text was empty or only white space.
  case empty
  /// A character that cannot stand here.
  case unexpectedCharacter(Character, column: Int, expected: String)
  /// An element symbol that is not in the periodic table.
  case unknownElement(String, column: Int)
  /// A bracket opened at `column` was never closed.
  case unclosedBracket(Character, column: Int)
  /// A closing bracket without a matching opening one, or of the wrong kind.
  case unmatchedBracket(Character, column: Int)
  /// A solvate separator (`·`, `*`, `.`) with nothing after it, or two in a row.
  case emptyPart(column: Int)
  /// A bracket group with nothing inside.
  case emptyGroup(column: Int)
  /// A count or multiplier that is zero or not a finite number.
  case invalidNumber(String, column: Int)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .empty:
      return "empty formula: expected element symbols such as Na2SO4"
    case .unexpectedCharacter(let c, let column, let expected):
      return "unexpected '\(c)' at column \(column): expected \(expected)"
    case .unknownElement(let symbol, let column):
      return "unknown element '\(symbol)' at column \(column)"
    case .unclosedBracket(let c, let column):
      return "'\(c)' at column \(column) is never closed"
    case .unmatchedBracket(let c, let column):
      return "'\(c)' at column \(column) closes no open bracket of its kind"
    case .emptyPart(let column):
      return "nothing after the separator at column \(column): expected a solvate such as 6H2O"
    case .emptyGroup(let column):
      return "empty bracket group at column \(column)"
    case .invalidNumber(let text, let column):
      return "invalid number '\(text)' at column \(column): expected a positive count"
    }
  }
}

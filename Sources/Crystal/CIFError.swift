/// Why a CIF could not be read: always the file, and for syntax the line
/// and column (from 1) and what was expected there.
public enum CIFError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text breaks CIF syntax.
  case syntax(source: String, line: Int, column: Int, String)
  /// The file holds no data block.
  case noDataBlock(source: String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .syntax(let source, let line, let column, let what):
      return "\(source), line \(line), column \(column): \(what)"
    case .noDataBlock(let source):
      return "\(source): no data block (a CIF starts its data with a data_NAME line)"
    }
  }
}

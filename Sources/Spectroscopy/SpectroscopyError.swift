import Foundation

/// Why a spectroscopy file cannot be used: the file, the line (1-based, 0
/// when none applies) and what was expected there.
public enum SpectroscopyError: Error, Equatable, CustomStringConvertible {
  /// The file breaks its format at `line`.
  case malformed(file: String, line: Int, expected: String)
  /// The file is of a kind or variant this reader does not take.
  case unsupported(file: String, String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .malformed(let file, let line, let expected):
      return line > 0 ? "\(file):\(line): expected \(expected)" : "\(file): expected \(expected)"
    case .unsupported(let file, let why): return "\(file): \(why)"
    }
  }
}

/// Errors of the workflow layer. They name parameters in the library's
/// words; the command line maps them to its option names.
public enum WorkflowError: Error, Equatable, CustomStringConvertible {
  /// A file or folder that does not exist or cannot be read.
  case unreadableFile(String)
  /// A parameter with a value it cannot take: its name, the value and what
  /// was expected.
  case invalidParameter(String, value: String, expected: String)
  /// A parameter the analysis needs that was not given.
  case missingParameter(String, why: String)
  /// A result that holds NaN or infinity where a number was expected.
  case nonFiniteResult(String)
  /// An error of reading or analysing one file: the file and what went wrong.
  case inFile(String, String)
  /// Inputs that contradict each other (two spectra at one temperature).
  case conflictingInputs([String], advice: String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .unreadableFile(let path): return "\(path): no such file or folder, or not readable"
    case .invalidParameter(let name, let value, let expected):
      return "\(name) '\(value)': expected \(expected)"
    case .missingParameter(let name, let why): return "\(name) is needed: \(why)"
    case .nonFiniteResult(let what): return "\(what) is not a finite number"
    case .inFile(let path, let message): return "\(path): \(message)"
    case .conflictingInputs(let clashes, let advice):
      return clashes.joined(separator: "\n  ") + "\n  (\(advice))"
    }
  }
}

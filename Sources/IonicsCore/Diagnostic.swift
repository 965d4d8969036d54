/// A typed message about a result: what was odd, assumed or left out, with
/// a stable code that scripts can test for and a sentence for people.
///
/// Codes are short camelCase identifiers (`parameterAtBound`, `assumedP1`,
/// `unknownColumnSkipped`); they never change once published, while the
/// message may be reworded. `source` names the file (and where known the
/// line or block) the diagnostic is about.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How much a diagnostic matters.
  public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The result could not be produced (used in batch outputs where other
    /// results still are).
    case error
    /// The result exists but may be wrong or incomplete: read it with care.
    case warning
    /// A stated assumption or a fact worth knowing; nothing is wrong.
    case note
  }

  /// How much it matters.
  public var severity: Severity
  /// The stable identifier, camelCase.
  public var code: String
  /// One sentence for people.
  public var message: String
  /// The file (and place in it) the diagnostic is about, when there is one.
  public var source: String?

  /// A diagnostic.
  public init(_ severity: Severity, _ code: String, _ message: String, source: String? = nil) {
    self.severity = severity
    self.code = code
    self.message = message
    self.source = source
  }

  /// A warning.
  public static func warning(_ code: String, _ message: String, source: String? = nil) -> Self {
    Diagnostic(.warning, code, message, source: source)
  }

  /// A note.
  public static func note(_ code: String, _ message: String, source: String? = nil) -> Self {
    Diagnostic(.note, code, message, source: source)
  }

  /// The message, as the text tables print it.
  public var description: String { message }

  /// The same diagnostic about `source` (kept when it already names one).
  public func from(_ source: String) -> Diagnostic {
    var copy = self
    if copy.source == nil { copy.source = source }
    return copy
  }
}

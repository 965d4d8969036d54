import Foundation
import IonicsCore

/// The one JSON shape every command and workflow writes: which analysis
/// and schema version, which Ionics, which inputs (with their SHA-256), the
/// results, and the typed diagnostics.
///
/// `schema` is `ionics/<command>/<version>` (for example `ionics/eis-fit/1`),
/// and each schema is published as JSON Schema under `docs/schema/`. Keys are
/// camelCase; a quantity's key ends with its unit (`resistanceOhm`,
/// `temperatureKelvin`).
public struct ResultEnvelope<Results: Encodable>: Encodable {
  /// `ionics/<command>/<version>`.
  public let schema: String
  /// The Ionics version that wrote it.
  public let ionics: String
  /// The files read, in the order given.
  public let inputs: [InputFile]
  /// The results, in the shape the schema describes.
  public let results: Results
  /// What was odd, assumed or left out, most severe first.
  public let diagnostics: [Diagnostic]

  /// An envelope for `results` of the analysis `name` (schema version `version`).
  public init(
    analysis name: String, version: Int = 1, inputs: [InputFile], results: Results,
    diagnostics: [Diagnostic]
  ) {
    self.schema = "ionics/\(name)/\(version)"
    self.ionics = IonicsVersion.current
    self.inputs = inputs
    self.results = results
    let order: [Diagnostic.Severity] = [.error, .warning, .note]
    var seen = Set<Diagnostic>()
    self.diagnostics =
      diagnostics
      .filter { seen.insert($0).inserted }
      .enumerated()
      .sorted {
        let a = order.firstIndex(of: $0.element.severity) ?? 0
        let b = order.firstIndex(of: $1.element.severity) ?? 0
        return a != b ? a < b : $0.offset < $1.offset
      }
      .map(\.element)
  }
}

/// The version of Ionics, as `ionics --version` prints it and every JSON
/// envelope records it.
public enum IonicsVersion {
  /// Semantic version of this build.
  public static let current = "0.2.0"
}

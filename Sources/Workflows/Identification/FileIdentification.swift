import Foundation
import IonicsCore

/// Recognises files from their content — never from the extension alone —
/// and names the reader that takes each one.
///
/// ```swift
/// let identity = FileIdentification.identify(data, name: "run.mpr")
/// print(identity.formatName, identity.reader?.rawValue ?? "no reader")
/// ```
public enum FileIdentification {
  /// The identity of the file `name` whose bytes are `data`, from its content
  /// only (fast: the first 16 KiB, and a container's directory).
  public static func identify(_ data: Data, name: String) -> FileIdentity {
    let probe = FileProbe(data: data, name: name)
    if data.isEmpty {
      return unrecognised(probe, "an empty file (0 bytes)")
    }
    let rules: [(FileProbe) -> FileIdentity?] = [
      containers, binaryFormats, documentation, impedanceText, cyclingText, thermalText, diffractionText,
      structureText, spectroscopyText, otherText, columnTable,
    ]
    for rule in rules {
      if let identity = rule(probe) { return identity }
    }
    return unrecognised(probe, closestLayout(probe))
  }

  /// The identity of the file at `path` (read memory-mapped).
  public static func identify(path: String) throws -> FileIdentity {
    let data = try readInput(path)
    var identity = identify(data, name: URL(fileURLWithPath: path).lastPathComponent)
    identity.file = path
    return identity
  }

  /// A recognised file.
  static func found(
    _ probe: FileProbe, _ kind: FileKind, _ format: String, _ name: String,
    instrument: String? = nil, technique: String? = nil, dialect: String? = nil,
    reader: ReaderFamily?, because evidence: String, refusal: String? = nil
  ) -> FileIdentity {
    var identity = FileIdentity(
      file: probe.name, kind: kind, format: format, formatName: name, instrument: instrument,
      technique: technique, dialect: dialect, reader: reader, evidence: evidence)
    if reader == nil {
      identity.problem = refusal ?? "Ionics has no reader for \(name) files"
    }
    return identity
  }

  /// A file no rule recognised, with what the closest layout lacks.
  static func unrecognised(_ probe: FileProbe, _ problem: String) -> FileIdentity {
    var identity = FileIdentity(
      file: probe.name, kind: .unknown, format: "unknown", formatName: "not recognised",
      reader: nil, evidence: "no known signature in the content")
    identity.outcome = .unrecognised
    identity.problem = problem
    return identity
  }
}

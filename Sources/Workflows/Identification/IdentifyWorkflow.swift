import Foundation
import IonicsCore

/// Identifies many files at once: folders are walked, every file is
/// recognised from its content and, unless only sniffing is asked for, read
/// with its reader for its key facts.
public enum IdentifyWorkflow {
  /// Every regular file under `paths` (folders walked recursively, hidden
  /// files skipped), sorted.
  public static func files(under paths: [String]) throws -> [String] {
    try filesIn(paths, recursive: true)
  }

  /// The identities of `files`, in their order; with `reading`, each
  /// recognised file is also read for its facts. Runs on all cores;
  /// `progress` is called with (done, total).
  public static func identify(
    _ files: [String], reading: Bool, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> [FileIdentity] {
    let slots = ConcurrentSlots<FileIdentity>(count: files.count)
    let counter = ProgressCounter(total: files.count, handler: progress)
    DispatchQueue.concurrentPerform(iterations: files.count) { k in
      let path = files[k]
      let name = URL(fileURLWithPath: path).lastPathComponent
      var identity: FileIdentity
      if let data = try? readInput(path) {
        identity = FileIdentification.identify(data, name: name)
        if reading { identity = FileIdentification.read(identity, data: data) }
      } else {
        identity = FileIdentity(
          file: path, kind: .unknown, format: "unreadable", formatName: "unreadable",
          reader: nil, evidence: "the file cannot be opened")
        identity.outcome = .unrecognised
        identity.problem = "cannot open the file (permissions, or not a regular file)"
      }
      identity.file = path
      slots.set(k, identity)
      counter?.advance()
    }
    return slots.values
  }
}

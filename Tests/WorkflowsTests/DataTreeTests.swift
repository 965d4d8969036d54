import Foundation
import IonicsCore
import TestSupport
import Testing
import Workflows

/// Every file of the shared data, walked as `ionics identify` walks a
/// folder: each must be named as DataTree/expected.tsv says (kind, format,
/// outcome) — read by its reader, or refused with a reason that names what
/// the file is — and no file may be missing from the table or crash.
@Suite("The whole shared-data tree", SharedData.required("cycling"))
struct DataTreeTests {
  struct Expected: Equatable, CustomStringConvertible {
    var kind: String
    var format: String
    var outcome: String
    var description: String { "\(kind) \(format) \(outcome)" }
  }

  static func expected() throws -> [String: Expected] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("DataTree/expected.tsv")
    var table: [String: Expected] = [:]
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    where !line.hasPrefix("#") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 4 else { continue }
      table[f[0]] = Expected(kind: f[1], format: f[2], outcome: f[3])
    }
    return table
  }

  static func walk() throws -> [FileIdentity] {
    let files = try IdentifyWorkflow.files(under: [SharedData.root.path])
    return IdentifyWorkflow.identify(files, reading: true)
  }

  static func relative(_ path: String) -> String {
    String(path.dropFirst(SharedData.root.path.count + 1))
  }

  @Test func everyFileIsNamedAndReadOrRefusedAsExpected() throws {
    let table = try Self.expected()
    let found = try Self.walk()
    #expect(found.count >= 300, "the walk found \(found.count) files")
    var seen: Set<String> = []
    for identity in found {
      let path = Self.relative(identity.file)
      seen.insert(path)
      let got = Expected(
        kind: identity.kind.rawValue, format: identity.format, outcome: identity.outcome.rawValue)
      guard let want = table[path] else {
        Issue.record("\(path) is not in DataTree/expected.tsv (found \(got); problem: \(identity.problem ?? "-"))")
        continue
      }
      #expect(got == want, "\(path): \(identity.problem ?? "")")
      // A refusal names what the file is (its format) and why.
      if identity.outcome != .read {
        #expect(!(identity.problem ?? "").isEmpty, "\(path) refused without a reason")
        #expect(identity.formatName != "", "\(path)")
      } else {
        #expect(identity.facts?.points ?? identity.facts?.curves ?? 0 > 0, "\(path) read without facts")
      }
    }
    let missing = Set(table.keys).subtracting(seen)
    #expect(missing.isEmpty, "listed but not found: \(missing.sorted())")
  }

  /// Sniffing alone is fast: content only, no reader runs.
  @Test func sniffingIsContentOnly() throws {
    let files = try IdentifyWorkflow.files(under: [SharedData.root.path])
    let sniffed = IdentifyWorkflow.identify(files, reading: false)
    // No file is read; only settings files carry what their header says.
    #expect(sniffed.allSatisfy { $0.outcome != .read })
    #expect(sniffed.allSatisfy { $0.facts == nil || $0.kind == .settings })
    // The same bytes under another name are the same format: the extension
    // never decides.
    let mpr = SharedData.url("eis/yadg/peis.mpr")
    let data = try Data(contentsOf: mpr)
    #expect(FileIdentification.identify(data, name: "renamed.csv").format == "biologic-mpr")
    let cif = try Data(contentsOf: SharedData.url("cif/dd_NaCl.cif"))
    #expect(FileIdentification.identify(cif, name: "structure.txt").kind == .structure)
  }
}

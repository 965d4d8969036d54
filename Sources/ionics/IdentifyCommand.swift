import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics identify`: what each file is, which reader takes it, and its key facts.
struct IdentifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "identify",
    abstract: "What each file is: instrument, technique, format, the reader that takes it, key facts.",
    usage: "ionics identify [<options>] <path> ...",
    discussion: """
      Files are recognised from their content, never from the extension alone: magic bytes, header lines, the directory of a zip or OLE container, or the words of a table's header row. Each recognised file is then read by its reader, which gives its key facts (points, spectra, cycles, range, wavelength, mass) or says why it cannot be used. A file that no reader takes is answered with the closest known layout and what it lacks. Folders are walked recursively.

      Examples:
      ionics identify data/
      ionics identify run.mpr pattern.xy --sniff-only --json
      """)

  @Argument(help: "Files or folders.")
  var paths: [String]

  @Flag(help: "Only recognise the files (fast); do not read them for their facts.")
  var sniffOnly = false

  @OptionGroup var output: OutputOptions

  func run() throws {
    let files = try withArgument("identify") { try IdentifyWorkflow.files(under: paths) }
    let identities = IdentifyWorkflow.identify(
      files, reading: !sniffOnly,
      progress: files.count >= 50 ? TerminalProgress.display("identifying files") : nil)
    let diagnostics = identities.compactMap { identity -> Diagnostic? in
      guard identity.outcome == .unrecognised else { return nil }
      return .warning("unrecognisedFile", identity.problem ?? "not recognised", source: identity.file)
    }
    try output.emit(identities, analysis: "identify", diagnostics: diagnostics) {
      print(IdentifyWorkflow.render(identities))
    }
  }
}

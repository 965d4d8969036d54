import ArgumentParser
import Foundation
import IonicsCore
import Report
import Workflows

/// `ionics report`: the paper's figures, tables and numbers from a project's manifest.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The paper's figures, tables and numbers from a project manifest (ionics.toml).",
    usage: "ionics report [<options>] <manifest>",
    discussion: """
      Runs every section the manifest asks for (structure, migration, powder pattern, TGA, conductivity series and comparisons, interface and storage spectra, full cells, symmetric cells) with the same workflows as the single commands, and writes into the report folder: report.html (one self-contained page), figures/NAME.svg and NAME.csv for every figure (PNG at 600 dpi and PDF too when rsvg-convert is installed), results.json (every number with its uncertainty) and provenance.json (every input's SHA-256, reader and dialect, every parameter). A section that fails is reported in its place and in the summary; the rest is still written, and the exit status is then 1. Sections are cached by the hashes of their inputs and parameters: a second run with nothing changed reuses them.

      Examples:
      ionics report Examples/nrascn-paper/ionics.toml
      ionics report project/ionics.toml --out paper-report --pdf
      """)

  @Argument(help: "The project manifest (ionics.toml), or its folder.")
  var manifest: String

  @Option(help: "The report folder (default: report/ beside the manifest).")
  var out: String?

  @Flag(help: "Ignore the cache: remake every section.")
  var clean = false

  @Flag(help: "Also print report.pdf with headless Chromium.")
  var pdf = false

  @Flag(help: "Write figures as SVG and CSV only (no PNG and PDF copies).")
  var svgOnly = false

  @OptionGroup var output: OutputOptions

  func run() throws {
    var path = manifest
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      path = (path as NSString).appendingPathComponent("ionics.toml")
    }
    let project = try withArgument(path) { try ProjectManifest.read(path) }
    var options = ProjectReport.OutputOptions(
      folder: out ?? (project.folder.isEmpty ? "report" : (project.folder as NSString).appendingPathComponent("report")),
      command: commandLine())
    options.clean = clean
    options.pdf = pdf
    options.convertFigures = !svgOnly
    let written = try ProjectReport.write(project, options: options)
    try emitReport(written, output: output)
  }
}

/// The JSON results of `ionics report` and `ionics demo`'s report.
struct ReportSummary: Encodable {
  let report: String
  let files: [String]
  let reusedFromCache: [String]
  let sections: [ProjectReport.SectionResults]
  let notes: [String]
}

/// Prints the summary of a written report (text or JSON); throws after
/// printing when a section failed, so that the exit status says so.
func emitReport(_ written: ProjectReport.Written, output: OutputOptions, quietText: Bool = false) throws {
  let sections = written.outcome.sections
  let summary = ReportSummary(
    report: written.reportPath, files: written.files, reusedFromCache: written.outcome.reused,
    sections: sections.map(ProjectReport.SectionResults.init), notes: written.notes)
  let diagnostics = sections.flatMap { s in
    s.diagnostics.filter { $0.severity != .note }.map { $0.source == nil ? $0.from(s.id) : $0 }
  } + written.notes.map { Diagnostic.note("conversionSkipped", $0) }
  try output.emit(
    summary, analysis: "report", inputs: ProjectReport.envelopeInputs(written.outcome.inputs),
    diagnostics: diagnostics
  ) {
    guard !quietText else { return }
    print(renderReportSummary(sections))
    print("")
    print("report: \(written.reportPath)")
    if !written.outcome.reused.isEmpty {
      print("reused from the cache: \(written.outcome.reused.joined(separator: ", "))")
    }
  }
  let failed = sections.filter { $0.failure != nil }
  if !failed.isEmpty {
    throw CommandLineError(
      description:
        "the report is written, but \(failed.count) section\(failed.count == 1 ? "" : "s") could not be made: "
        + failed.map { "\($0.figureLabel) \($0.title): \($0.failure ?? "")" }.joined(separator: "; "))
  }
}

/// The summary table of a report: each headline number with its uncertainty.
func renderReportSummary(_ sections: [ReportSection]) -> String {
  var table = TextTable("figure", "quantity", "value")
  for s in sections {
    if let failure = s.failure {
      table.add(s.figureLabel, s.title, "FAILED: \(failure)")
      continue
    }
    for v in s.values where v.headline { table.add(s.figureLabel, v.label, v.text) }
  }
  return table.rendered
}

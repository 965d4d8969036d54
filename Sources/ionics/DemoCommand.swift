import ArgumentParser
import Conductivity
import Cycling
import Foundation
import Impedance
import IonicsCore
import Migration
import Report
import Workflows

/// `ionics demo`: the paper's report from the bundled project of raw files.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "The NRASCN paper's full report from the bundled project of (simulated) raw files.",
    usage: "ionics demo [<options>]",
    discussion: """
      Runs ionics report on the bundled project Examples/nrascn-paper (raw files in instrument formats, simulated from the values that Inorg. Chem. Front. 2024, 11, 6671 publishes: a Cu Kα pattern, a NETZSCH TGA export, the pellet's spectra at 25–100 °C, two films, an interface spectrum, a storage series, the NVP cells and the symmetric cells) and prints the summary table and where the report is. Run from elsewhere, it writes the project beside the report first. With --no-report it prints instead the paper's stated numbers recomputed (formula masses and solvent loss, synthesis and yield, the PEO–NaTFSI–NRASCN recipe, the cells' arithmetic) with the analyses of its simulated measurements.

      Examples:
      ionics demo
      ionics demo --out paper-report --pdf
      """)

  @Option(help: "The report folder.")
  var out: String = "ionics-demo"

  @Flag(help: "Print the paper's stated numbers recomputed instead of writing the report.")
  var noReport = false

  @Flag(help: "Ignore the report's cache: remake every section.")
  var clean = false

  @Flag(help: "Also print report.pdf with headless Chromium.")
  var pdf = false

  @Flag(help: "Write figures as SVG and CSV only (no PNG and PDF copies).")
  var svgOnly = false

  @Option(help: "Also write the bundled project's raw files and manifest into this folder.")
  var exportProject: String?

  @Option(
    help: "Also write the simulated temperature series as CSV spectra into this folder.")
  var exportSeries: String?

  @Option(help: "Also write the hand-built NRASCN-like structure of the migration section as CIF.")
  var exportStructure: String?

  @OptionGroup var output: OutputOptions

  /// Where the bundled project is: Examples/nrascn-paper under the working folder.
  static let bundledManifest = "Examples/nrascn-paper/ionics.toml"

  func run() throws {
    if let folder = exportProject { try PaperProject.write(to: folder) }
    if let folder = exportSeries {
      try PaperDemo.export(try PaperDemo.conductivitySeries().inputs, to: folder)
    }
    if let exportStructure {
      try writeAtomically(NRASCNModel.cif, to: exportStructure)
    }
    if noReport {
      let report = try PaperDemo.makeReport(series: try PaperDemo.conductivitySeries().result)
      try output.emit(report, analysis: "demo") { print(PaperDemo.render(report)) }
      return
    }
    var manifestPath = Self.bundledManifest
    if !FileManager.default.fileExists(atPath: manifestPath) {
      let folder = (out as NSString).appendingPathComponent("project")
      try PaperProject.write(to: folder)
      manifestPath = (folder as NSString).appendingPathComponent("ionics.toml")
    }
    let project = try withArgument(manifestPath) { try ProjectManifest.read(manifestPath) }
    var options = ProjectReport.OutputOptions(folder: out, command: commandLine())
    options.clean = clean
    options.pdf = pdf
    options.convertFigures = !svgOnly
    let written = try ProjectReport.write(project, options: options)
    if !output.json {
      print("Ionics demo: H. Li et al., Inorg. Chem. Front. 2024, 11, 6671 (NRASCN), from the raw files of \((manifestPath as NSString).deletingLastPathComponent)")
      print("(every raw file is simulated from the paper's values; the report says so)")
      print("")
    }
    try emitReport(written, output: output)
  }
}

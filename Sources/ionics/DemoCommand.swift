import ArgumentParser
import Conductivity
import Cycling
import Foundation
import Impedance
import IonicsCore
import Migration
import Report
import Workflows

/// `ionics demo`: the paper's numbers, from the bundled example.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "The NRASCN paper on the bundled example: chemistry, σ(T) and Ea, cells, Na⁺ paths, TGA.",
    usage: "ionics demo [<options>]",
    discussion: """
      Works on the inputs the paper states (Inorg. Chem. Front. 2024, 11, 6671) and on simulated measurements made from its published values: formula masses and solvent loss, synthesis masses and yield, the PEO–NaTFSI–NRASCN recipe, the pellet's impedance fitted back to σ, the Arrhenius plot of six spectra at 25–100 °C with Ea in both forms, the NVP cells' rate table and retention, the symmetric cells, Na⁺ migration in an NRASCN-like framework, and the solvate's TGA. The conductivity series is written as an HTML report.
      """)

  @Option(
    name: .customLong("report"), help: "Where to write the HTML report of the conductivity series.")
  var reportPath: String = "ionics-demo-report.html"

  @Flag(help: "Do not write the HTML report.")
  var noReport = false

  @Option(
    help: "Also write the simulated temperature series as CSV spectra into this folder.")
  var exportSeries: String?

  @Option(help: "Also write the hand-built NRASCN-like structure of the migration section as CIF.")
  var exportStructure: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let series = try PaperDemo.conductivitySeries()
    if let folder = exportSeries {
      try PaperDemo.export(series.inputs, to: folder)
    }
    if let exportStructure {
      try writeAtomically(NRASCNModel.cif, to: exportStructure)
    }
    if !noReport {
      let notice =
        "These spectra are simulated by Ionics (the NRASCN pellet of the paper, 12 mm × 4 mm, Ea = 0.32 eV, σ25 = 1.05e-5 S/cm, 0.5 % noise): the report shows the pipeline, not a measurement."
      var outputs = ConductivitySeriesWorkflow.Outputs()
      outputs.reportPath = reportPath
      try ConductivitySeriesWorkflow.write(
        series.result, inputs: series.inputs, options: series.options, protecting: [],
        to: outputs, command: commandLine(), notice: notice)
    }
    let report = try PaperDemo.makeReport(
      series: series.result, reportPath: noReport ? nil : reportPath)
    try output.emit(report, analysis: "demo") { print(PaperDemo.render(report)) }
  }
}

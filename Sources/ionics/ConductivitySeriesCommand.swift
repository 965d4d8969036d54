import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows

/// `ionics conductivity series`: the paper's Fig. 3c from a folder of spectra.
struct ConductivitySeriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "series",
    abstract: "From impedance spectra at several temperatures to σ(T), Ea and σ(25 °C).",
    discussion: """
      Each spectrum is fitted with the circuit (automatic guess, multi-start, and the previous temperature's result); the bulk resistance is the arc named with --bulk or the one whose effective capacitance is in the bulk range; σ = l/(A·R_b). Arrhenius fits are given in both forms, σ = A·exp(−Ea/kB·T) and σT = A·exp(−Ea/kB·T); VTF from 5 temperatures.

      Temperatures come from the file names (NRASCN_25C.mpt, s04147-140deg.txt, pellet_298K.z), from the file headers (a Gamry thermocouple, a Novocontrol run name), or from a manifest: CSV with columns file,temperature_C (or temperature_K), or TOML with a [temperatures_C] table of "file" = 25 lines. A folder argument stands for the files in it. Without --diameter/--area and --thickness, the geometry in Novocontrol-style headers is used.

      Example:
      ionics conductivity series data/ -c "p(R1,CPE1)-CPE2" --diameter 12 \\
        --thickness 4
      ionics conductivity series data/ -c "p(R1,CPE1)-CPE2" --report report.html
      """)

  @Argument(help: "Impedance files, or folders of them.")
  var inputs: [String]

  @Option(name: .shortAndLong, help: "Circuit in impedance.py syntax, e.g. p(R1,CPE1)-CPE2.")
  var circuit: String

  @OptionGroup var sample: GeometryOptions

  @Option(help: "The element that is the bulk (R1, Zarc1); default: by capacitance.")
  var bulk: String?

  @Option(
    help:
      "Manifest naming each file's temperature: CSV (file,temperature_C) or TOML ([temperatures_C])."
  )
  var manifest: String?

  @Option(help: "Which spectrum of a file that holds several: last, first, or a number from 1.")
  var spectrum: SpectrumChoice = .last

  @OptionGroup var fitting: SpectrumFitOptions

  @Flag(help: "Arrhenius fits without the σ uncertainties as weights (ordinary least squares).")
  var unweighted = false

  @Option(help: "Write the per-temperature table as CSV to this file.")
  var csv: String?

  @OptionGroup var figure: FigureOption

  @Option(help: "Write the Nyquist + Bode plots of all spectra with their fits (SVG).")
  var spectraSVG: String?

  @Option(name: .customLong("spectra-plot"), help: .hidden)
  var spectraPlotDeprecated: String?

  @Option(help: "Write a self-contained HTML report to this file.")
  var report: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    var request = ConductivitySeriesWorkflow.Request(paths: inputs, circuit: circuit)
    request.geometry = try sample.geometry()
    request.bulkElement = bulk
    request.manifestPath = manifest
    request.spectrumChoice = spectrum
    request.trim = fitting.trim
    request.fit = try fitting.fitOptions()
    request.weightedArrhenius = !unweighted
    let outcome = try withArgument("series") { try ConductivitySeriesWorkflow.run(request) }
    var outputs = ConductivitySeriesWorkflow.Outputs()
    outputs.csvPath = csv
    outputs.arrheniusFigurePath = figure.path(deprecatedAlias: "--plot")
    outputs.spectraFigurePath = deprecated(spectraPlotDeprecated, "--spectra-plot", "--spectra-svg") ?? spectraSVG
    outputs.reportPath = report
    try ConductivitySeriesWorkflow.write(outcome, to: outputs, command: commandLine())
    try output.emit(
      outcome.result, analysis: "conductivity-series",
      inputs: try hashedInputs(outcome.readFiles, when: output.json),
      diagnostics: outcome.diagnostics
    ) { print(renderSeries(outcome.result)) }
  }
}

extension SpectrumChoice: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument {
    case "last": self = .last
    case "first": self = .first
    default:
      guard let k = Int(argument), k >= 1 else { return nil }
      self = .number(k)
    }
  }
}

import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows

/// `ionics conductivity`.
struct ConductivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conductivity",
    abstract: "Ionic conductivity: σ from R and geometry, temperature series, Arrhenius and VTF.",
    subcommands: [
      ConductivitySeriesCommand.self, ConductivityArrheniusCommand.self,
      ConductivityConvertCommand.self,
    ])
}

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

/// The command line as typed, quoted for a shell (recorded in reports).
func commandLine() -> String {
  (["ionics"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(separator: " ")
}

/// An argument as a shell would need it written.
func shellQuoted(_ s: String) -> String {
  let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
  return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The readable summary of a series.
func renderSeries(_ r: TemperatureSeries.Result) -> String {
  var lines: [String] = []
  var table = TextTable(
    "T (°C)", "file", "T from", "bulk", "R_b (Ω)", "C_eff (F)", "σ (S/cm)", "χ²/dof")
  for p in r.points {
    table.add(
      fixed(p.temperatureCelsius, 1), p.name, p.temperatureSource, p.bulkElement,
      shown(p.bulkResistance), p.bulkCapacitance.map(shown) ?? "–", shown(p.conductivity),
      significant(p.reducedChiSquared, 3))
  }
  lines.append(table.rendered)
  for p in r.points where p.grainBoundaryResistance != nil {
    lines.append(
      "\(fixed(p.temperatureCelsius, 1)) °C: grain boundary \(p.grainBoundaryElement ?? "") R = \(p.grainBoundaryResistance.map(shown) ?? "") Ω, σ total \(shown(p.totalConductivity)) S/cm"
    )
  }
  if let reason = r.points.first?.grainBoundaryReason {
    lines.append("grain boundary at \(fixed(r.points[0].temperatureCelsius, 1)) °C: \(reason)")
  }
  let missing = r.points.filter { !($0.conductivity.standardUncertainty > 0) }.map(\.name)
  if !r.arrhenius.weighted && !missing.isEmpty {
    lines.append(
      "the Arrhenius fits are unweighted: the fit gave no standard error for R_b in "
        + missing.joined(separator: ", "))
  }
  lines.append("bulk, σ = l/(A·R_b)" + (r.arrhenius.weighted ? ", weighted by 1/u(ln σ)²:" : ":"))
  lines.append(renderArrhenius([r.arrhenius, r.arrheniusSigmaT], at: [r.conductivityAt25C]))
  if let g = r.grainBoundaryArrhenius {
    lines.append("grain boundary, σ_gb = l/(A·R_gb) (apparent, with the pellet's l/A):")
    lines.append(renderArrhenius(g, at: []))
  }
  if let t = r.totalArrhenius {
    lines.append("total, σ = l/(A·(R_b + R_gb)):")
    lines.append(renderArrhenius(t, at: []))
  }
  if let vtf = r.vtf { lines.append(renderVTF(vtf, r.comparison)) }
  for p in r.points {
  }
  lines.append("fits: \(fixed(r.fitMilliseconds, 0)) ms for \(r.points.count) spectra")
  return lines.joined(separator: "\n")
}

/// Arrhenius fits and σ predictions as text.
func renderArrhenius(_ fits: [ArrheniusFit], at predictions: [ArrheniusFit.Prediction]) -> String {
  var table = TextTable("form", "Ea (eV)", "Ea (kJ/mol)", "A", "R²")
  for f in fits {
    table.add(
      f.form.equation, "\(f.activationEnergyElectronvolts)",
      "\(f.activationEnergyKilojoulesPerMole)",
      "\(f.prefactor) \(f.form == .sigma ? "S/cm" : "S·K/cm")", fixed(f.rSquared, 5))
  }
  var lines = [table.rendered]
  for p in predictions {
    lines.append(
      "σ(\(formatNumber(((p.temperatureKelvin - 273.15) * 1e6).rounded() / 1e6)) °C) = \(significant(p.conductivity, 4)) S/cm, \(formatNumber(p.level * 100)) % interval \(significant(p.lower, 4)) – \(significant(p.upper, 4)) S/cm"
        + (p.isExtrapolated ? " (extrapolated)" : ""))
  }
  return lines.joined(separator: "\n")
}

/// A VTF fit and the model comparison as text.
func renderVTF(_ vtf: VTFFit, _ comparison: ModelComparison?) -> String {
  var lines = [
    "VTF σ = A·T^(−1/2)·exp(−B/(T − T0)): A = \(vtf.prefactor) S·K^½/cm, B = \(vtf.pseudoActivationTemperature) K (B·kB = \(vtf.pseudoActivationEnergyElectronvolts) eV), T0 = \(vtf.idealGlassTemperatureKelvin) K (\(vtf.t0Note))"
  ]
  if let comparison {
    lines.append(
      "\(comparison.verdict); AICc Arrhenius \(fixed(comparison.arrheniusAICc, 2)), VTF \(fixed(comparison.vtfAICc, 2))"
    )
  }
  return lines.joined(separator: "\n")
}

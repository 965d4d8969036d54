import ArgumentParser
import Foundation
import IonicsCore
import Plots
import Thermal
import Workflows

/// `ionics tga`: read a thermogravimetric export, find its steps, match them to a formula's solvents.
struct TGACommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tga",
    abstract:
      "Thermogravimetry: read a TGA export, take DTG, find the steps and match them to the formula's solvents.",
    usage: "ionics tga [<options>] <file>",
    discussion: """
      Reads NETZSCH Proteus ASCII, Mettler Toledo STARe text, PerkinElmer Pyris text, TA Instruments Universal Analysis text (UTF-16) and TRIOS .xls exports, recognised from their contents; any other delimited text through --columns. Mass % is the mass over the header's sample mass. DTG is −d(mass %)/dT on a 1 °C grid of the first heating pass, Savitzky–Golay smoothed over --window °C (order 2); peaks count when their prominence reaches --prominence. Each peak is a step: onset and end extrapolated from the tangent at the peak, midpoint where half the step's mass is gone, and its loss. Mass gains (buoyancy, uptake) are reported. With --formula (solvates after '·'), every combination of its solvents is compared with the cumulative loss of the steps below --solvent-below. With --ms, a coupled mass spectrometer's channels are put on the TGA's time (--ms-offset seconds after its start) and each step names the channels whose signal rises to twice its baseline or more (m/z 18 H2O, 31/32 CH3OH, 44 CO2, …).

      Examples:
      ionics tga run.txt --formula "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O" --svg tga.svg
      ionics tga run.txt --ms run-ms.asc --svg tga-ms.svg
      """)

  @Argument(help: "A TGA export.")
  var file: String

  @OptionGroup var columns: ColumnsOption

  @Option(help: "Initial sample mass, mg (overrides the header; needed for a CSV in mg).")
  var sampleMass: Double?

  @Option(help: "A formula with solvates, to match the steps to (Na6[Re4As2S2(CN)12]·6H2O).")
  var formula: String?

  @Option(help: "Steps that end below this temperature count for the solvents, °C.")
  var solventBelow = 300.0

  @Option(help: "Temperatures to report the mass at, °C (repeat, or comma-separated).")
  var at: [NumberList] = [NumberList(argument: "100,200,300,400,500,600,700,800")].compactMap { $0 }

  @Option(help: "DTG smoothing window, °C.")
  var window = 21.0

  @Option(help: "Smallest DTG peak prominence, %/°C.")
  var prominence = 0.02

  @Option(
    help:
      "A coupled mass spectrometer's export (Pfeiffer Quadera .asc): the gases of each step, drawn under the DTG.")
  var ms: String?

  @Option(help: "Seconds from the TGA's start to the mass spectrometer's start.")
  var msOffset = 0.0

  @Option(help: "Write mass % and DTG against temperature as an SVG figure.")
  var svg: String?

  @Option(help: "Write the steps table as CSV.")
  var csv: String?

  @Option(help: "Write mass % and DTG on the 1 °C grid of the first heating pass as CSV.")
  var curves: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    var request = ThermogravimetryWorkflow.Request(path: file)
    request.mapping = try columns.thermogramMapping()
    request.sampleMassMilligrams = sampleMass
    request.formula = try formula.map { text in try withArgument("--formula") { try Formula(text) } }
    request.solventLimitCelsius = solventBelow
    request.reportTemperaturesCelsius = at.flattened
    request.options.dtgWindowCelsius = window
    request.options.minimumProminence = prominence
    request.massSpectrometerPath = ms
    request.massSpectrometerOffsetSeconds = msOffset
    let (run, analysis, report) = try withArgument("tga") {
      try ThermogravimetryWorkflow.run(request)
    }
    if let svg {
      try writeAtomically(
        ThermogravimetryWorkflow.figure(run, analysis, gases: report.evolvedGases).svg, to: svg,
        inputs: [file] + (ms.map { [$0] } ?? []))
    }
    if let csv { try writeAtomically(ThermogravimetryWorkflow.stepsCSV(analysis), to: csv, inputs: [file]) }
    if let curves {
      try writeAtomically(ThermogravimetryWorkflow.curvesCSV(analysis), to: curves, inputs: [file])
    }
    try output.emit(
      report, analysis: "tga",
      inputs: try hashedInputs([file] + (ms.map { [$0] } ?? []), when: output.json),
      diagnostics: report.diagnostics
    ) { print(Self.render(report)) }
  }

  static func render(_ r: ThermogravimetryReport) -> String {
    var out: [String] = []
    let m = r.metadata
    out.append("\(r.file): \(r.format), \(r.points) points")
    var facts: [String] = []
    if let s = m.sample { facts.append("sample \(s)") }
    if let mass = m.sampleMassMilligrams { facts.append("\(significant(mass, 6)) mg") }
    if let rate = m.heatingRateKelvinPerMinute { facts.append("\(fixed(rate, 1)) K/min") }
    if let a = m.atmosphere { facts.append(a) }
    if let i = m.instrument { facts.append(i) }
    if let d = m.date { facts.append(d) }
    if !facts.isEmpty { out.append(facts.joined(separator: "; ")) }
    out.append(
      "segments: "
        + r.segments.map { "\($0.kind.rawValue) \(fixed($0.rateKelvinPerMinute, 1)) K/min" }.joined(
          separator: ", "))
    var masses = TextTable("T (°C)", "mass (%)")
    for p in r.massAt {
      masses.add(fixed(p.temperatureCelsius, 0), p.massPercent.map { fixed($0, 2) } ?? "—")
    }
    out.append(masses.rendered)
    out.append(
      "DTG (−d(mass %)/dT, Savitzky–Golay \(fixed(r.options.dtgWindowCelsius, 0)) °C, order \(r.options.order)): "
        + (r.peaks.isEmpty
          ? "no peak above \(r.options.minimumProminence) %/°C"
          : r.peaks.map {
            "\(fixed($0.temperatureCelsius, 0)) °C (\(fixed($0.ratePercentPerCelsius, 3)) %/°C)"
          }
          .joined(separator: ", ")))
    var steps = TextTable(
      "step", "onset (°C)", "midpoint (°C)", "peak (°C)", "end (°C)", "loss (%)")
    for (k, s) in r.steps.enumerated() {
      steps.add(
        "\(k + 1)", fixed(s.onsetCelsius, 1), fixed(s.midpointCelsius, 1), fixed(s.peakCelsius, 1),
        fixed(s.endsetCelsius, 1), fixed(s.lossPercent, 2))
    }
    if !r.steps.isEmpty { out.append(steps.rendered) }
    out.append("residue \(fixed(r.finalPercent, 3)) % (lowest \(fixed(r.minimumPercent, 3)) %)")
    if let rate = r.maximumRate {
      out.append(
        "fastest loss \(fixed(rate.percentPerMinute, 2)) %/min at \(fixed(rate.temperatureCelsius, 1)) °C (t = \(fixed(rate.timeMinutes, 1)) min)"
      )
    }
    for g in r.gains {
      out.append(
        "mass gain +\(fixed(g.gainPercent, 2)) % from \(fixed(g.fromCelsius, 0)) °C (\(fixed(g.fromMinutes, 1)) min) to \(fixed(g.toCelsius, 0)) °C (\(fixed(g.toMinutes, 1)) min)"
      )
    }
    if let gases = r.evolvedGases {
      out.append(
        "evolved gases (signal over its baseline ≥ \(fixed(gases.minimumRatio, 0))×, offset \(fixed(gases.offsetSeconds, 0)) s):")
      for step in gases.steps {
        let list = step.releases.map { release in
          (release.massToCharge.map { "m/z \($0)" } ?? release.channel)
            + (release.assignment.map { " \($0)" } ?? "")
            + " ×\(fixed(release.ratio, 1)) at \(fixed(release.peakCelsius, 0)) °C"
        }
        out.append(
          "  step \(step.step) (\(fixed(step.fromCelsius, 0))–\(fixed(step.toCelsius, 0)) °C): "
            + (list.isEmpty ? "no channel rises" : list.joined(separator: ", ")))
      }
    }
    if let solvents = r.solvents {
      out.append(
        "solvents of \(solvents.formula) (M = \(fixed(solvents.molarMassGramsPerMole, 2)) g/mol):")
      for c in solvents.candidates {
        out.append("  \(c.solvents): \(fixed(c.predictedLossPercent, 2)) %")
      }
      if let best = solvents.best {
        out.append(
          "best match: \(best.candidate.solvents), measured \(fixed(best.measuredLossPercent, 2)) % up to \(fixed(best.upToCelsius, 0)) °C (difference \(String(format: "%+.2f", best.differencePercent)) %)"
        )
      } else {
        out.append("no step ends below the solvent limit")
      }
    }
    return out.joined(separator: "\n")
  }
}

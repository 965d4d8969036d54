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
      Reads NETZSCH Proteus ASCII, Mettler Toledo STARe text, PerkinElmer Pyris text, TA Instruments Universal Analysis text (UTF-16) and TRIOS .xls exports, recognised from their contents; any other delimited text through --columns. Mass % is the mass over the header's sample mass. DTG is −d(mass %)/dT on a 1 °C grid of the first heating pass, Savitzky–Golay smoothed over --window °C (order 2); peaks count when their prominence reaches --prominence. Each peak is a step: onset and end extrapolated from the tangent at the peak, midpoint where half the step's mass is gone, and its loss. Mass gains (buoyancy, uptake) are reported. With --formula (solvates after '·'), every combination of its solvents is compared with the cumulative loss of the steps below --solvent-below.

      Example:
      ionics tga run.txt --formula "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O" --svg tga.svg
      """)

  @Argument(help: "A TGA export.")
  var file: String

  @Option(help: "For a delimited text: the columns as time=NAME,temperature=NAME,mass=NAME.")
  var columns: String?

  @Option(help: "Initial sample mass, mg (overrides the header; needed for a CSV in mg).")
  var sampleMass: Double?

  @Option(help: "A formula with solvates, to match the steps to (Na6[Re4As2S2(CN)12]·6H2O).")
  var formula: String?

  @Option(help: "Steps that end below this temperature count for the solvents, °C.")
  var solventBelow = 300.0

  @Option(help: "Temperatures to report the mass at, °C, comma-separated.")
  var at: String = "100,200,300,400,500,600,700,800"

  @Option(help: "DTG smoothing window, °C.")
  var window = 21.0

  @Option(help: "Smallest DTG peak prominence, %/°C.")
  var prominence = 0.02

  @Option(help: "Write mass % and DTG against temperature as an SVG figure.")
  var svg: String?

  @Option(help: "Write the steps table as CSV.")
  var csv: String?

  @Option(help: "Write mass % and DTG on the 1 °C grid of the first heating pass as CSV.")
  var curves: String?

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let format: String
    let metadata: ThermogravimetricRun.Metadata
    let points: Int
    let segments: [ThermogravimetricRun.Segment]
    let notes: [String]
    let options: ThermogravimetricAnalysis.Options
    struct MassAt: Encodable {
      let temperatureCelsius: Double
      let massPercent: Double?
    }
    let massAt: [MassAt]
    let peaks: [ThermogravimetricAnalysis.Peak]
    let steps: [ThermogravimetricAnalysis.Step]
    let finalPercent: Double
    let minimumPercent: Double
    struct Rate: Encodable {
      let percentPerMinute: Double
      let minutes: Double
      let celsius: Double
    }
    let maximumRate: Rate?
    let gains: [ThermogravimetricAnalysis.Gain]
    let solvents: SolventAssignment?
    struct Curves: Encodable {
      let temperatureCelsius: [Double]
      let massPercent: [Double]
      let dtgPercentPerCelsius: [Double]
      let timeMinutes: [Double]
      let ratePercentPerMinute: [Double]
    }
    let curves: Curves
    let milliseconds: Double
  }

  func run() throws {
    let start = DispatchTime.now()
    let data = try readInput(file)
    var run: ThermogravimetricRun = try withArgument(file) {
      if let columns {
        var mapping = try ColumnMapping(parsing: columns)
        mapping.sampleMassMilligrams = sampleMass
        return try ThermogravimetricFile.read(data, mapping: mapping, source: file)
      }
      return try ThermogravimetricFile.read(data, source: file)
    }
    if let sampleMass, columns == nil, let mg = run.massMilligrams {
      guard sampleMass > 0 else {
        throw CommandLineError(description: "--sample-mass must be positive")
      }
      run.massPercent = mg.map { 100 * $0 / sampleMass }
      run.metadata.sampleMassMilligrams = sampleMass
    }
    let temperatures = try at.split(separator: ",").map { item -> Double in
      guard let t = Double(item.trimmingCharacters(in: .whitespaces)) else {
        throw CommandLineError(description: "--at '\(item)': expected temperatures in °C")
      }
      return t
    }
    guard window > 0, prominence >= 0 else {
      throw CommandLineError(description: "--window must be positive and --prominence not negative")
    }
    var options = ThermogravimetricAnalysis.Options()
    options.dtgWindowCelsius = window
    options.minimumProminence = prominence
    let analysis = ThermogravimetricAnalysis(run, options: options)
    let solvents = try formula.map { text -> SolventAssignment in
      let parsed = try withArgument("--formula") { try Formula(text) }
      return try withArgument("--formula") {
        try SolventAssignment(formula: parsed, analysis: analysis, limitCelsius: solventBelow)
      }
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    if let svg {
      let figure = ThermalPlots.thermogram(
        temperature: run.temperatureCelsius, massPercent: run.massPercent,
        dtgTemperature: analysis.temperatureGrid, dtg: analysis.dtg,
        steps: analysis.steps.map {
          (
            $0.midpointCelsius, ($0.startPercent + $0.endPercent) / 2,
            "−\(fixed($0.lossPercent, 2)) %"
          )
        }, title: run.metadata.sample.map { "TGA: \($0)" })
      try writeAtomically(figure, to: svg, inputs: [file])
    }
    if let csv {
      var text =
        "step,start_C,onset_C,midpoint_C,peak_C,endset_C,end_C,start_percent,end_percent,loss_percent\n"
      for (k, s) in analysis.steps.enumerated() {
        let values = [
          s.startCelsius, s.onsetCelsius, s.midpointCelsius, s.peakCelsius, s.endsetCelsius,
          s.endCelsius, s.startPercent, s.endPercent, s.lossPercent,
        ]
        text += "\(k + 1)," + values.map { fixed($0, 3) }.joined(separator: ",") + "\n"
      }
      try writeAtomically(text, to: csv, inputs: [file])
    }
    if let curves {
      var text = "temperature_C,mass_percent,dtg_percent_per_C\n"
      for k in analysis.temperatureGrid.indices where k < analysis.dtg.count {
        text +=
          "\(fixed(analysis.temperatureGrid[k], 2)),\(significant(analysis.massOnGrid[k], 8)),\(significant(analysis.dtg[k], 6))\n"
      }
      try writeAtomically(text, to: curves, inputs: [file])
    }
    let report = Report(
      file: file, format: run.format, metadata: run.metadata, points: run.count,
      segments: run.segments, notes: run.notes, options: options,
      massAt: temperatures.map {
        .init(temperatureCelsius: $0, massPercent: analysis.massPercent(at: $0))
      },
      peaks: analysis.peaks, steps: analysis.steps, finalPercent: analysis.finalPercent,
      minimumPercent: analysis.minimumPercent,
      maximumRate: analysis.maximumRate.map {
        .init(percentPerMinute: $0.percentPerMinute, minutes: $0.minutes, celsius: $0.celsius)
      }, gains: analysis.gains, solvents: solvents,
      curves: .init(
        temperatureCelsius: analysis.temperatureGrid, massPercent: analysis.massOnGrid,
        dtgPercentPerCelsius: analysis.dtg, timeMinutes: analysis.rateTimes,
        ratePercentPerMinute: analysis.rates), milliseconds: milliseconds)
    try output.emit(
      report, analysis: "tga", inputs: try hashedInputs([file], when: output.json)
    ) { print(Self.render(report)) }
  }

  static func render(_ r: Report) -> String {
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
    for note in r.notes { out.append("note: \(note)") }
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
        "fastest loss \(fixed(rate.percentPerMinute, 2)) %/min at \(fixed(rate.celsius, 1)) °C (t = \(fixed(rate.minutes, 1)) min)"
      )
    }
    for g in r.gains {
      out.append(
        "mass gain +\(fixed(g.gainPercent, 2)) % from \(fixed(g.fromCelsius, 0)) °C (\(fixed(g.fromMinutes, 1)) min) to \(fixed(g.toCelsius, 0)) °C (\(fixed(g.toMinutes, 1)) min)"
      )
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

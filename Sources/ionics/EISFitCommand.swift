import ArgumentParser
import Dispatch
import Foundation
import Impedance
import IonicsCore
import Plots
import Workflows

/// `ionics eis fit`.
struct EISFitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit an equivalent circuit (impedance.py syntax) to impedance spectra.",
    discussion: """
      Starting values come from the data (high-frequency intercept, arcs, low-frequency tail) followed by a seeded multi-start; positive parameters are fitted on a log scale and exponents bounded to [0, 1]. Several spectra are fitted in parallel on all cores.

      Example:
      ionics eis fit NRASCN_25C.mpt --circuit "R0-p(R1,CPE1)-CPE2" --svg fit.svg
      """)

  @Argument(help: "Impedance files (every spectrum in them is fitted).")
  var files: [String]

  @Option(name: .shortAndLong, help: "Circuit in impedance.py syntax, e.g. R0-p(R1,CPE1)-CPE2.")
  var circuit: String

  @Option(help: "A starting value as NAME=VALUE (impedance.py names: R0, CPE1_0, …); repeat.")
  var initial: [NamedValue] = []

  @Option(help: "Hold a parameter at NAME=VALUE; repeat.")
  var fix: [NamedValue] = []

  @Option(help: "Bounds as NAME=LOW:HIGH; repeat.")
  var bound: [NamedRange] = []

  @OptionGroup var fitting: SpectrumFitOptions

  @OptionGroup var sample: GeometryOptions

  @OptionGroup var figure: FigureOption

  @OptionGroup var repetitions: RepeatOption

  @OptionGroup var output: OutputOptions


  func run() throws {
    let parsed = try withArgument("--circuit") { try Circuit(circuit) }
    var options = try fitting.fitOptions()
    options.initialValues = initial.byName
    options.fixedValues = fix.byName
    options.bounds = Dictionary(bound.map { ($0.name, $0.range) }, uniquingKeysWith: { $1 })
    options.geometry = try sample.geometry()

    var spectra = try readSpectra(files)
    for i in spectra.indices { spectra[i].spectrum = try fitting.prepared(spectra[i].spectrum) }
    let reports = try withArgument("fit") {
      try CircuitFitBatch.fit(
        parsed, to: spectra, options: options, repetitions: repetitions.count,
        progress: spectra.count >= 20 ? TerminalProgress.display("fitting spectra") : nil)
    }

    if let plot = figure.path() {
      for (k, report) in reports.enumerated() {
        let spectrum = spectra[k].spectrum
        let curves = [
          ImpedancePlots.Curve(
            name: "data", frequencies: spectrum.frequencies, real: spectrum.real,
            imaginary: spectrum.imaginary, isFit: false),
          ImpedancePlots.Curve(
            name: "fit", frequencies: report.fit.frequencies, real: report.fit.fittedReal,
            imaginary: report.fit.fittedImaginary, isFit: true),
        ]
        let name =
          URL(fileURLWithPath: report.file).lastPathComponent
          + (report.spectrumIndex.map { " #\($0)" } ?? "")
        let target = reports.count == 1 ? plot : numbered(plot, k + 1)
        try writeAtomically(
          ImpedancePlots.nyquistAndBode(curves, title: name).svg, to: target, inputs: files)
      }
    }
    try output.emit(
      reports, analysis: "eis-fit", inputs: try hashedInputs(files, when: output.json),
      diagnostics: reports.flatMap { r in r.fit.diagnostics.map { $0.from(r.file) } }
    ) {
      for (k, r) in reports.enumerated() {
        if k > 0 { print() }
        print(render(r))
      }
    }
  }

  func render(_ r: CircuitFitBatch.Report) -> String {
    let f = r.fit
    var lines = [
      "\(r.file)\(r.spectrumIndex.map { " [spectrum \($0)]" } ?? ""): \(f.circuit), \(f.pointCount) points, \(f.weighting.rawValue) weighting"
    ]
    var table = TextTable("parameter", "value", "± std. error", "rel. %", "unit", "note")
    for p in f.parameters {
      var note: [String] = []
      if p.isFixed { note.append("fixed") }
      if p.isAtBound { note.append("at bound") }
      if p.isUndetermined { note.append("undetermined") }
      table.add(
        p.name, significant(p.value, 5), p.standardError.map { significant($0, 3) } ?? "–",
        p.relativeErrorPercent.map { fixed($0, 2) } ?? "–", p.unit, note.joined(separator: ", "))
    }
    lines.append(table.rendered)
    lines.append(f.chiSquaredDefinition)
    lines.append(
      "χ² = \(significant(f.chiSquared, 5)), χ²/dof = \(significant(f.reducedChiSquared, 4)) (\(f.degreesOfFreedom) degrees of freedom)"
    )
    lines.append(
      "starts tried \(f.startsTried) (best: \(f.bestStart == 0 ? "automatic guess" : "start \(f.bestStart)")), \(f.iterations) iterations, \(f.convergence); \(fixed(r.fitMilliseconds, 2)) ms"
    )
    if let c = f.correlation {
      var strong: [String] = []
      for a in 0..<c.count {
        for b in (a + 1)..<c.count where abs(c[a][b]) > 0.95 {
          strong.append("\(f.parameters[a].name)–\(f.parameters[b].name) \(fixed(c[a][b], 3))")
        }
      }
      if !strong.isEmpty { lines.append("strong correlations: " + strong.joined(separator: ", ")) }
    }
    if !f.capacitances.isEmpty {
      var arcs = TextTable("arc", "form", "R (Ω)", "C_eff (F)", "f apex (Hz)", "ε_r", "assignment")
      for a in f.capacitances {
        arcs.add(
          a.elements.joined(separator: ","), a.kind,
          a.resistance.map { withError($0, a.resistanceError) } ?? "–",
          withError(a.capacitance, a.capacitanceError),
          a.apexFrequency.map { significant($0, 3) } ?? "–",
          a.relativePermittivity.map { withError($0, a.relativePermittivityError) } ?? "–",
          a.assignment.name)
      }
      lines.append(arcs.rendered)
      for a in f.capacitances {
        lines.append("  \(a.elements.joined(separator: ",")): \(a.formula); \(a.reason)")
      }
    }
    return lines.joined(separator: "\n")
  }

}



import ArgumentParser
import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics xrd compare`: a measured pattern against the phase of a CIF.
struct XRDCompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Set a measured pattern against a structure: zero shift, scale, Rwp, phase purity.",
    usage: "ionics xrd compare [<options>] <measured> --cif <cif>",
    discussion: """
      Reads .xy/.xye/.csv/.txt columns, PANalytical .xrdml and Rigaku .ras. The background is estimated (SNIP), the zero shift and scale are fitted against the simulated pattern, and every measured peak above --minimum % is explained by a simulated one or named as unexplained.

      Example:
      ionics xrd compare NRASCN.xy --cif NRASCN.cif --radiation CuKa12 --svg fig3a.svg
      """)

  @OptionGroup var phase: MeasuredPhaseOptions

  @Option(
    help: "Peak FWHM for the simulation, degrees (default: measured from the strongest peak).")
  var fwhm: Double?

  @Option(help: "Largest zero shift searched, degrees.")
  var maximumShift = 0.5

  @Option(help: "Smallest measured peak that must be explained, % of the strongest.")
  var minimum = 2.0

  @Option(help: "Write the measured, calculated and difference curves as an SVG figure.")
  var svg: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let request = PatternComparisonWorkflow.Request(
      measuredPath: phase.measured, structurePath: try phase.singleCIF(),
      radiation: try phase.parsedRadiation())
    var r = request
    r.fwhmDegrees = fwhm
    r.maximumShiftDegrees = maximumShift
    r.minimumPercent = minimum
    let outcome = try withArgument("compare") { try PatternComparisonWorkflow.run(r) }
    if let svg { try writeAtomically(outcome.figure.svg, to: svg, inputs: phase.inputs) }
    let report = outcome.report
    try output.emit(
      report, analysis: "xrd-compare", inputs: try hashedInputs(phase.inputs, when: output.json),
      diagnostics: report.diagnostics
    ) {
      print("\(phase.measured) (\(report.measuredFormat)) against \(report.phase)")
      print(report.verdict)
      print(
        String(
          format: "FWHM %.3f°, zero shift %+.3f°, Rwp %.1f %%", report.fwhmDegrees,
          report.zeroShiftDegrees, report.rwpPercent))
      var table = TextTable("2θ (°)", "height (%)", "explained by")
      for p in report.peaks {
        table.add(
          String(format: "%.3f", p.twoThetaDegrees), String(format: "%.1f", p.relativeHeight),
          p.explainedBy ?? "— unexplained")
      }
      print(table.rendered)
      if !report.expectedButNotSeen.isEmpty {
        print(
          "expected but not seen (preferred orientation?): "
            + report.expectedButNotSeen.joined(separator: ", "))
      }
    }
  }
}

/// `ionics xrd index`: which reflections of a known cell explain given peaks.
struct XRDIndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "The hkl of a known structure that explain peaks at given 2θ.",
    usage: "ionics xrd index [<options>] <peaks> ... --cif <cif>",
    discussion: "Example: ionics xrd index --cif NRASCN.cif --radiation CuKa1 9.14 10.00 10.39")

  @Argument(help: "Peak positions, 2θ in degrees.")
  var peaks: [Double]

  @Option(help: "CIF of the structure.")
  var cif: String

  @Option(help: "Radiation (CuKa1, … or λ in Å).")
  var radiation = "CuKa1"

  @Option(help: "Largest difference in 2θ, degrees.")
  var tolerance = 0.1

  @OptionGroup var output: OutputOptions

  struct Candidate: Encodable {
    let observedDegrees: Double
    let hkl: String
    let calculatedDegrees: Double
    let dAngstrom: Double
    let intensity: Double
  }

  func run() throws {
    guard let structure = try readStructures([cif]).first?.structure else {
      throw CommandLineError(description: "\(cif): no structure")
    }
    guard let low = peaks.min(), let high = peaks.max(), low > 0, high < 180 else {
      throw CommandLineError(description: "expected peak positions between 0 and 180° 2θ")
    }
    var sim = PowderSimulation(
      radiation: try withArgument("--radiation") { try XRayRadiation(radiation) })
    sim.twoThetaRange = max(0, low - tolerance - 0.01)...min(180, high + tolerance + 0.01)
    let pattern = try withArgument(cif) { try sim.pattern(of: structure) }
    var found: [Candidate] = []
    for p in peaks {
      for c in pattern.index(p, tolerance: tolerance) {
        found.append(
          Candidate(
            observedDegrees: p, hkl: c.hklText, calculatedDegrees: c.twoTheta, dAngstrom: c.d,
            intensity: c.intensity))
      }
    }
    try output.emit(
      found, analysis: "xrd-index", inputs: try hashedInputs([cif], when: output.json, format: "CIF")
    ) {
      var table = TextTable(
        "observed 2θ (°)", "hkl", "calculated 2θ (°)", "Δ (°)", "d (Å)", "I (sim.)")
      for c in found {
        table.add(
          String(format: "%.3f", c.observedDegrees), c.hkl,
          String(format: "%.3f", c.calculatedDegrees),
          String(format: "%+.3f", c.observedDegrees - c.calculatedDegrees),
          String(format: "%.4f", c.dAngstrom),
          String(format: "%.1f", c.intensity))
      }
      print(table.rendered)
      let unexplained = peaks.filter { p in !found.contains { $0.observedDegrees == p } }
      if !unexplained.isEmpty {
        print(
          "no reflection within \(tolerance)° of "
            + unexplained.map { String(format: "%.3f°", $0) }.joined(separator: ", "))
      }
    }
  }
}

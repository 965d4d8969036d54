import ArgumentParser
import Diffraction
import Foundation
import IonicsCore
import Workflows

/// `ionics xrd refine`: a whole-pattern fit of a measured pattern.
struct XRDRefineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "refine",
    abstract: "Whole-pattern fit of a measured pattern (Le Bail): cell with s.u., zero, profile, Rwp.",
    usage: "ionics xrd refine [<options>] <measured> --cif <cif> --lebail",
    discussion: """
      Fits the cell of the CIF's phase (its lattice system's free parameters), the zero shift (2θ = 2θ_Bragg + zero), a Thompson–Cox–Hastings pseudo-Voigt profile (U, V, W in centidegrees², X, Y in centidegrees, as GSAS) and a Chebyshev background to the pattern, extracting every reflection's intensity by Le Bail's method. Gives the cell with standard uncertainties (scaled by √χ²/dof), Rwp, Rp, Rexp and the goodness of fit, and the reflection list. Pawley and Rietveld fits and axial-divergence asymmetry are not in this version.

      Example:
      ionics xrd refine LaB6.gsas --cif LaB6.cif --radiation CuKa12 --svg fit.svg
      """)

  @OptionGroup var phase: MeasuredPhaseOptions

  @Flag(help: "Le Bail fit (the only method of this version).")
  var lebail = false

  @Option(help: "Chebyshev background terms.")
  var backgroundTerms = 6

  @Flag(help: "Hold the zero shift at 0.")
  var fixZero = false

  @Option(help: "Write the fit as an SVG figure.")
  var svg: String?

  @Option(help: "Write the observed, calculated, background and difference curves as CSV.")
  var csv: String?

  @Option(help: "Write the CIF with the refined cell and its s.u.")
  var cifOut: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard (1...36).contains(backgroundTerms) else {
      throw ValidationError("--background-terms must be from 1 to 36, not \(backgroundTerms)")
    }
  }

  func run() throws {
    var request = PowderRefinementWorkflow.Request(measuredPath: phase.measured, structurePath: phase.cif)
    request.radiation = try phase.parsedRadiation()
    request.backgroundTerms = backgroundTerms
    request.refineZero = !fixZero
    let outcome = try withArgument("refine") { try PowderRefinementWorkflow.run(request) }
    if let svg { try writeAtomically(outcome.figure.svg, to: svg, inputs: phase.inputs) }
    if let csv { try writeAtomically(outcome.figure.csv, to: csv, inputs: phase.inputs) }
    if let cifOut {
      try writeAtomically(outcome.refinedStructure.cif(expandedToP1: false), to: cifOut, inputs: phase.inputs)
    }
    let report = outcome.report
    try output.emit(
      report, analysis: "xrd-refine", inputs: try hashedInputs(phase.inputs, when: output.json),
      diagnostics: report.diagnostics
    ) {
      print("\(phase.measured) against \(report.phase) (\(report.spaceGroup)), Le Bail, \(report.radiation)")
      print(
        "Rwp \(fixed(report.rwpPercent, 2)) %, Rp \(fixed(report.rpPercent, 2)) %, Rexp \(fixed(report.rexpPercent, 2)) %, GoF \(fixed(report.goodnessOfFit, 2)); \(report.cycles) cycles, \(report.points) points, \(report.reflections.count) reflections"
      )
      var table = TextTable("parameter", "value")
      for v in report.refined where !v.name.hasPrefix("B") {
        table.add(v.name, "\(Measured(v.value, standardUncertainty: v.standardUncertainty ?? 0))")
      }
      print(table.rendered)
      print("volume \(fixed(report.cell["volume"] ?? .nan, 4)) Å³")
    }
  }
}

import Diffraction
import Foundation
import IonicsCore
import Plots
import Report

extension ProjectReport {
  /// Fig. 3a as a whole-pattern fit (`[pattern] refine = "le-bail"`,
  /// `"pawley"` or `"rietveld"`, with `atoms = true` the atoms refined): the refined cell with s.u., Rwp, Rexp and GoF, the
  /// observed, calculated and difference curves with the reflection ticks.
  static func refinementSection(_ p: ProjectManifest.Pattern, _ m: ProjectManifest) throws -> ReportSection {
    guard let structure = m.structure else {
      throw WorkflowError.missingParameter("structure", why: "the pattern is fitted with the cell of [structure]")
    }
    var request = PowderRefinementWorkflow.Request(
      measuredPath: m.resolve(p.file), structurePath: m.resolve(structure.file))
    request.radiation = try p.radiation.map { try XRayRadiation($0) }
    request.instrumentPath = p.instrument.map { m.resolve($0) }
    request.method = p.refine ?? .leBail
    request.backgroundTerms = p.backgroundTerms
    request.refineAtoms = p.refineAtoms
    let outcome = try PowderRefinementWorkflow.run(request)
    let r = outcome.report
    let figure = outcome.figure.printed()
    let method = request.method.displayName
    var values = [
      ReportValue("rwpPercent", "Rwp of the whole-pattern fit", r.rwpPercent, unit: "%", headline: true),
      ReportValue("rexpPercent", "Rexp", r.rexpPercent, unit: "%"),
      ReportValue("goodnessOfFit", "goodness of fit", r.goodnessOfFit, unit: "", headline: true),
    ]
    let phase = outcome.result.phases[0]
    for v in phase.values where ["a", "b", "c", "alpha", "beta", "gamma"].contains(v.name) {
      let angle = v.name.count > 1
      values.append(
        ReportValue(
          "cell_\(v.name)", "refined \(v.name)", v.value, uncertainty: v.standardUncertainty,
          unit: angle ? "°" : "Å", headline: v.name == "a"))
    }
    values.append(ReportValue("cellVolume", "cell volume", phase.lattice.volume, unit: "Å³"))
    return ReportSection(
      id: "pattern", title: "", figureLabel: "",
      parameters: [
        "method": method, "radiation": outcome.radiation.description,
        "background terms": "\(request.backgroundTerms)",
        "instrument": r.instrument.source,
      ],
      method:
        "\(method) fit of the measured pattern with the cell of the structure (its lattice system's free parameters), the zero shift, a Thompson–Cox–Hastings profile and a Chebyshev background; s.u. scaled by the goodness of fit. A phase-pure sample leaves no peak unfitted in the difference curve.",
      values: values,
      tables: [
        ReportTable(
          name: "refined", caption: "Refined values",
          header: ["parameter", "value"],
          rows: r.refined.filter { !($0.name.hasPrefix("B") && Int($0.name.dropFirst()) != nil) }.map {
            [$0.name, "\(Measured($0.value, standardUncertainty: $0.standardUncertainty ?? 0))"]
          })
      ],
      figures: [
        ReportFigure(
          name: "fig3a-pattern",
          caption:
            "\(method) fit of the powder pattern: observed (points), calculated (line), background (dashed), reflection positions (ticks) and the difference (below).",
          alternativeText: "Intensity against 2θ: observed and calculated powder patterns, reflection ticks and their difference.",
          svg: figure.svg, csv: figure.csv)
      ], diagnostics: r.diagnostics)
  }
}

import Foundation
import IonicsCore
import Report
import Spectroscopy

extension ProjectReport {
  /// Fig. S1: two IR spectra of the sample, before and after a treatment,
  /// normalised and overlaid, with a verdict for every band window.
  static func infraredSection(_ r: ProjectManifest.InfraredComparison, _ m: ProjectManifest) throws -> ReportSection {
    let processing = IRProcessing(baseline: try IRWorkflow.baseline(named: r.baseline))
    var request = IRWorkflow.ComparisonRequest(before: m.resolve(r.before), after: m.resolve(r.after), processing: processing)
    request.normalisation = try IRWorkflow.normalisation(r.normalise)
    request.labels = (r.labelBefore, r.labelAfter)
    let outcome = try IRWorkflow.compare(request)
    let s = outcome.summary
    var values: [ReportValue] = []
    var rows: [[String]] = []
    for (k, c) in s.changes.enumerated() {
      if let lost = c.fractionLost {
        values.append(
          ReportValue(
            "band\(k + 1)FractionLost", "\(c.band.name): fraction lost", lost * 100,
            uncertainty: 100 * Self.ratioError(c), unit: "%", headline: c.verdict != .present))
      }
      rows.append([
        c.band.name, "\(Int(c.band.low))–\(Int(c.band.high))",
        "\(Measured(c.areaBefore, standardUncertainty: c.errorBefore))",
        "\(Measured(c.areaAfter, standardUncertainty: c.errorAfter))",
        c.verdict == .weakened || c.verdict == .strengthened
          ? "\(c.verdict.rawValue) by \(fixed(abs(c.fractionLost ?? 0) * 100, 0)) %" : c.verdict.rawValue,
        c.band.source,
      ])
    }
    let figure = outcome.figure.printed()
    return ReportSection(
      id: "ir", title: "", figureLabel: "",
      parameters: [
        "before": r.before, "after": r.after, "normalisation": s.normalisation,
        "baseline": s.before.steps.last ?? processing.baseline.summary,
        "detection": "window area > 5 standard errors", "change": "> 3 standard errors and 10 %",
      ],
      method:
        "Both spectra are read as written (\(s.before.format); \(s.after.format)), transmittance turned into absorbance, the \(processing.baseline.summary) baseline removed, and each normalised \(s.normalisation). For every band window of the group-frequency table (Socrates 2001; Nakamoto 2009) the corrected area is integrated with its standard error from the baseline noise: a band is detected above 5 standard errors, and a change counts above 3 standard errors and 10 %.",
      values: values,
      tables: [
        ReportTable(
          name: "bands", caption: "Band windows, areas (normalised, ×cm⁻¹) and verdicts",
          header: ["band", "window (cm⁻¹)", "area \(r.labelBefore)", "area \(r.labelAfter)", "verdict", "source"],
          rows: rows)
      ],
      figures: [
        ReportFigure(
          name: "figS1-ir",
          caption: "IR spectra of \(r.name), \(r.labelBefore) and \(r.labelAfter), normalised \(s.normalisation), with the difference below.",
          alternativeText: "Two normalised IR absorbance spectra on a wavenumber axis decreasing to the right, and their difference.",
          svg: figure.svg, csv: figure.csv)
      ])
  }

  /// The standard error of 1 − after/before, from both areas' errors.
  static func ratioError(_ c: IRBandChange) -> Double {
    let b = c.areaBefore
    guard b != 0 else { return 0 }
    return (pow(c.errorAfter / b, 2) + pow(c.areaAfter * c.errorBefore / (b * b), 2)).squareRoot()
  }
}

import Foundation
import IonicsCore
import Report
import Spectroscopy

extension ProjectReport {
  /// Fig. 5: one photoelectron region fitted, each component matched to
  /// reference binding energies.
  static func photoelectronSection(_ x: ProjectManifest.PhotoelectronRegion, _ m: ProjectManifest) throws
    -> ReportSection
  {
    guard !x.components.isEmpty else {
      throw WorkflowError.missingParameter("components", why: "the components to fit, such as [\"NaF@683.5\"]")
    }
    guard let shape = LineShape(x.shape),
      let background = XPSFit.Background(name: x.background)
    else {
      throw WorkflowError.invalidParameter("shape or background", value: "\(x.shape), \(x.background)", expected: "GL(m)/SGL(m) and a known background")
    }
    var request = XPSWorkflow.Request(path: m.resolve(x.file))
    request.region = x.region
    request.components = try x.components.map { try XPSWorkflow.component($0, shape: shape) }
    request.background = background
    request.doublets = x.doublets
    request.splittingElectronvolts = x.splitting
    request.shiftElectronvolts = x.shift
    request.chargeReference = try x.chargeReference.map(XPSWorkflow.chargeReference)
    let outcome = try XPSWorkflow.run(request)
    guard let fit = outcome.fit, let figure = outcome.figure?.printed() else {
      throw WorkflowError.missingParameter("components", why: "nothing was fitted")
    }
    let window = 0.5
    var values: [ReportValue] = []
    var rows: [[String]] = []
    for (k, c) in fit.components.enumerated() {
      let key = "component\(k + 1)"
      values.append(
        ReportValue(
          "\(key)PositionElectronvolts", "\(c.name), binding energy", c.positionElectronvolts,
          uncertainty: c.positionStandardError, unit: "eV", headline: true))
      values.append(ReportValue("\(key)AreaPercent", "\(c.name), share of the area", c.areaPercent, unit: "%"))
      values.append(ReportValue("\(key)WidthElectronvolts", "\(c.name), width", c.widthElectronvolts, uncertainty: c.widthStandardError, unit: "eV"))
      let candidates = BindingEnergyReferences.candidates(line: fit.region, electronvolts: c.positionElectronvolts, window: window)
      rows.append([
        c.name, "\(Measured(c.positionElectronvolts, standardUncertainty: c.positionStandardError ?? 0))",
        fixed(c.widthElectronvolts, 2), fixed(c.areaPercent, 1),
        candidates.isEmpty
          ? "none within ±\(formatNumber(window)) eV"
          : candidates.map { "\($0.state) (\(formatNumber($0.electronvolts)) eV; \($0.source))" }.joined(separator: "; "),
      ])
    }
    values.append(ReportValue("reducedChiSquared", "χ²/dof (Poisson weights)", fit.reducedChiSquared, unit: ""))
    var parameters = [
      "region": fit.region, "line shape": shape.name, "background": background.name,
      "charge correction (eV)": fixed(fit.shiftElectronvolts, 3), "charge correction from": fit.shiftSource,
      "components": x.components.joined(separator: "; "), "assignment window (eV)": "\(window)",
    ]
    var doubletMethod = ""
    if let d = fit.doublet {
      parameters["spin–orbit doublets"] =
        "\(d.upper) at +\(fixed(d.splittingElectronvolts, 2)) eV, area ratio \(fixed(d.areaRatio, 3)) (\(d.source))"
      doubletMethod = " Each component is a \(d.line) doublet: the \(d.upper) line follows at +\(fixed(d.splittingElectronvolts, 2)) eV with the same width and \(fixed(d.areaRatio, 3)) of the area."
    }
    return ReportSection(
      id: "xps", title: "", figureLabel: "",
      parameters: parameters,
      method:
        "Binding energy = hν − E_kin\(fit.shiftElectronvolts == 0 ? "" : ", shifted by \(fixed(fit.shiftElectronvolts, 2)) eV for charge correction (\(fit.shiftSource))"); \(shape.name) components on a \(background.name) background fitted by Levenberg–Marquardt with Poisson weights on the counts; each component is matched to reference binding energies of its line within ±\(formatNumber(window)) eV.\(doubletMethod)",
      values: values,
      tables: [
        ReportTable(
          name: "components", caption: "Components and their assignment",
          header: ["component", "BE (eV)", "width (eV)", "area (%)", "reference states within the window"], rows: rows)
      ],
      figures: [
        ReportFigure(
          name: "fig5-xps", caption: "\(fit.region) of \(x.name): data (grey), background (dashed), components and envelope, with the residual below.",
          alternativeText: "Photoelectron counts against binding energy with the fitted components and their residuals.",
          svg: figure.svg, csv: figure.csv)
      ])
  }
}

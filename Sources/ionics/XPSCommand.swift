import ArgumentParser
import Foundation
import IonicsCore
import Spectroscopy
import Workflows

extension XPSFit.Background: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }

  public static var allValueStrings: [String] { names }
}

/// `ionics xps`: the regions of an XPS file, and the peak fit of one.
struct XPSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xps",
    abstract: "XPS regions of a file, and a peak fit of one with its background.",
    usage: "ionics xps [<options>] <file>",
    discussion: """
      Lists every region of an XPS file — VAMAS (.vms, PHI MultiPak .npl; with the fit CasaXPS stored in it), PHI MultiPak .spe/.pro, SPECS Prodigy .xy, SpecsLab 2 .xml, Scienta SES .txt, CasaXPS text export, Thermo Avantage or KherveFitting .xlsx, or a two-column table (binding energy, or kinetic with hv= in the header): technique, source and photon energy, pass energy, points, binding-energy range, dwell and scans. With --component, fits one region (--region) with those components on a Shirley, active Shirley, Tougaard or linear background (or, with --background stored, the background CasaXPS stored for the region in the file, over that region) by Levenberg–Marquardt with Poisson weights on the counts, and gives each component's position, width and area with standard errors. Binding energies are hν − E_kin (the file's photon energy or --photon-energy), shifted by --shift or by --charge-reference (the main peak of a reference region of the same file, such as adventitious C 1s at 284.8 eV, fitted with one GL(30) component on a Shirley background) for charge correction.

      Examples:
      ionics xps anode.vms
      ionics xps anode.vms --region "F 1s" --component NaF@683.5 --svg f1s.svg
      """)

  @Argument(help: "XPS file (VAMAS, .xy, .txt, .xlsx, CSV).")
  var file: String

  @Option(help: "The region to fit: its number, name or label (N 1s).")
  var region: String?

  @Option(help: "A component NAME@POSITION[:WIDTH], eV (repeat).")
  var component: [String] = []

  @Option(help: "Line shape: GL(m), SGL(m) (m = 0–100), V(ρ) Voigt, DS(α,r) or AL(α,β,r) metals.")
  var shape: String = "GL(30)"

  @Option(help: "Background: shirley, active-shirley, linear, tougaard or stored.")
  var background: XPSFit.Background = .shirley

  @Flag(help: "Make each component a spin–orbit doublet of the region's level.")
  var doublets = false

  @Option(help: "Doublet splitting, eV, instead of the tabulated one.")
  var splitting: Double?

  @Option(help: "Charge correction added to every binding energy, eV.")
  var shift: Double = 0

  @Option(help: "Charge correction from a line of the file: REGION=EV (C 1s=284.8).")
  var chargeReference: String?

  @Option(help: "Photon energy, eV, when the file states none.")
  var photonEnergy: Double?

  @Flag(help: "Atomic % of every region: areas above Shirley, Scofield sensitivities.")
  var quantify = false

  @Option(help: "A sensitivity factor REGION=S that overrides Scofield's (repeat).")
  var rsf: [String] = []

  @Option(help: "Exponent of the kinetic energy in the mean free path (0: off).")
  var mfpExponent = 0.6

  @Option(help: "Exponent of the kinetic energy in the transmission (0: corrected).")
  var transmissionExponent = 0.0

  @Option(help: "Write the fit as an SVG figure.")
  var svg: String?

  @Option(help: "Write the fitted curves as CSV.")
  var csv: String?

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let regions: [XPSWorkflow.Region]
    let quantification: XPSWorkflow.Quantification?
    let fit: XPSWorkflow.Fit?
  }

  func run() throws {
    guard let lineShape = LineShape(shape) else {
      throw CommandLineError(description: "--shape '\(shape)': expected GL(m) or SGL(m) with m from 0 to 100, V(ρ) with ρ from 0 to 10, DS(α,r) with α from 0 to 0.5, or AL(α,β,r) with α and β from 0.2 to 20 and r from 0 to 10")
    }
    var request = XPSWorkflow.Request(path: file)
    request.region = region
    request.components = try component.map { text in
      try withArgument("--component") { try XPSWorkflow.component(text, shape: lineShape) }
    }
    request.background = background
    request.doublets = doublets || splitting != nil
    request.splittingElectronvolts = splitting
    request.shiftElectronvolts = shift
    if let chargeReference {
      request.chargeReference = try withArgument("--charge-reference") { try XPSWorkflow.chargeReference(chargeReference) }
    }
    request.photonEnergyElectronvolts = photonEnergy
    request.quantify = quantify
    request.meanFreePathExponent = mfpExponent
    request.transmissionExponent = transmissionExponent
    for text in rsf {
      let r = try withArgument("--rsf") { try XPSWorkflow.sensitivity(text) }
      request.sensitivities[r.region] = r.factor
    }
    let outcome = try withArgument(file) { try XPSWorkflow.run(request) }
    if (svg != nil || csv != nil) && outcome.fit == nil {
      throw CommandLineError(description: "--svg and --csv draw a fit: give the components with --component")
    }
    if let svg, let figure = outcome.figure { try writeAtomically(figure.svg, to: svg, inputs: [file]) }
    if let csv, let figure = outcome.figure { try writeAtomically(figure.csv, to: csv, inputs: [file]) }
    let report = Report(file: file, regions: outcome.regions, quantification: outcome.quantification, fit: outcome.fit)
    try output.emit(report, analysis: "xps", inputs: try hashedInputs([file], when: output.json, format: "VAMAS")) {
      var t = TextTable("#", "region", "technique", "hν (eV)", "PE (eV)", "points", "BE range (eV)", "dwell (s)", "scans")
      for r in report.regions {
        let range = r.bindingEnergyLowElectronvolts.flatMap { lo in
          r.bindingEnergyHighElectronvolts.map { "\(fixed(lo, 2))–\(fixed($0, 2))" }
        } ?? "kinetic only"
        t.add(
          "\(r.number)", r.label, r.technique, r.photonEnergyElectronvolts.map { fixed($0, 2) } ?? "–",
          r.passEnergyElectronvolts.map { formatNumber($0) } ?? "–", "\(r.points)", range,
          r.dwellSeconds.map { formatNumber($0) } ?? "–", r.scans.map { "\($0)" } ?? "–")
      }
      print(t.rendered)
      for r in report.regions {
        guard let stored = r.storedFit else { continue }
        print("")
        let backgrounds = stored.backgrounds.map { b in
          let range = b.bindingEnergyLowElectronvolts.flatMap { lo in
            b.bindingEnergyHighElectronvolts.map { " \(fixed(lo, 2))–\(fixed($0, 2)) eV" }
          } ?? ""
          return "\(b.type)\(range)"
        }
        print("\(r.label): \(stored.program)'s fit stored in the file (\(backgrounds.joined(separator: "; ")))")
        var c = TextTable("component", "shape", "BE (eV)", "FWHM (eV)", "area (counts·eV/s)", "on a bound")
        for k in stored.components {
          c.add(
            k.name, k.shape, k.positionElectronvolts.map { fixed($0, 2) } ?? "KE \(fixed(k.positionKineticElectronvolts, 2))",
            fixed(k.fwhmElectronvolts, 2), fixed(k.area, 1), k.onBound.joined(separator: ", "))
        }
        print(c.rendered)
      }
      if let q = report.quantification {
        print("")
        print("Atomic % (areas above Shirley; Scofield sensitivities; E_kin^\(formatNumber(q.meanFreePathExponent + q.transmissionExponent)))")
        var a = TextTable("region", "area", "RSF", "at.%")
        for share in q.shares {
          a.add(share.label, significant(share.area, 4), formatNumber(share.sensitivity), withError(share.atomicPercent, share.atomicPercentError))
        }
        print(a.rendered)
        for skipped in q.skipped { print("  skipped: \(skipped)") }
      }
      if let fit = report.fit {
        print("")
        if let d = fit.doublet {
          print("")
          print("\(d.line) doublets: \(d.upper) at +\(fixed(d.splittingElectronvolts, 2)) eV, area ratio \(fixed(d.areaRatio, 3)) (\(d.source == "given" ? "splitting given" : "splitting from Moulder et al. 1992"))")
        }
        print("\(fit.region): \(fit.background.name) background, shift \(fixed(fit.shiftElectronvolts, 2)) eV (\(fit.shiftSource)), χ²/dof \(significant(fit.reducedChiSquared, 3))")
        var c = TextTable("component", "shape", "BE (eV)", "width (eV)", "area", "area %")
        for k in fit.components {
          c.add(
            k.name, k.shape, withError(k.positionElectronvolts, k.positionStandardError),
            withError(k.widthElectronvolts, k.widthStandardError), withError(k.area, k.areaStandardError),
            fixed(k.areaPercent, 1))
        }
        print(c.rendered)
      }
    }
  }
}

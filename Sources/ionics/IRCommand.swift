import ArgumentParser
import Foundation
import IonicsCore
import Spectroscopy
import Workflows

/// `ionics ir`: IR spectra.
struct IRCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ir",
    abstract: "IR spectra: bands with their assignments, and two spectra compared band by band.",
    subcommands: [IRBandsCommand.self, IRCompareCommand.self],
    defaultSubcommand: IRBandsCommand.self)
}

/// How a spectrum is prepared: the options `ir bands` and `ir compare` share.
struct IRProcessingOptions: ParsableArguments {
  @Option(help: "Baseline: arpls, als, rubber-band or none.")
  var baseline = "arpls"

  @Option(help: "Stiffness λ of the baseline: 1e7 for arpls, 1e9 for als unless given.")
  var lambda: Double?

  @Option(help: "Asymmetry p of als (0–1).")
  var asymmetry = 0.001

  @Flag(help: "Correct an ATR spectrum for the penetration depth (A·ν/1000 cm⁻¹).")
  var atr = false

  @Option(help: "Refractive index of the ATR crystal (diamond, ZnSe 2.4; Ge 4.0).")
  var crystalIndex = 2.4

  @Option(help: "Angle of incidence of the ATR, degrees.")
  var angle = 45.0

  @Flag(help: "Turn reflectance into Kubelka–Munk (default: log(1/R)).")
  var kubelkaMunk = false

  @Option(help: "Smallest band prominence reported, in multiples of the noise.")
  var minSnr = 10.0

  @Option(help: "Which curve of a file holding several: its number or name (AB, ScSm).")
  var curve: String?

  @Option(help: "Ordinate of a file that states none: absorbance, transmittance, %T, reflectance.")
  var ordinate: String?

  func processing() throws -> IRProcessing {
    let method = try withArgument("--baseline") {
      try IRWorkflow.baseline(named: baseline, lambda: lambda, asymmetry: asymmetry)
    }
    guard minSnr > 0, minSnr.isFinite else {
      throw CommandLineError(description: "--min-snr \(minSnr): expected a positive number")
    }
    return IRProcessing(
      baseline: method, atr: atr ? ATRCorrection(crystalIndex: crystalIndex, angle: angle) : nil,
      kubelkaMunk: kubelkaMunk, minimumSignalToNoise: minSnr)
  }

  func request(_ path: String) throws -> IRWorkflow.Request {
    var r = IRWorkflow.Request(path: path)
    r.processing = try processing()
    r.curve = curve
    r.ordinate = ordinate
    return r
  }
}

/// `ionics ir bands`: one spectrum's bands.
struct IRBandsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bands",
    abstract: "The bands of an IR spectrum, with positions, widths, areas and assignments.",
    usage: "ionics ir [bands] [<options>] <file>",
    discussion: """
      Reads JCAMP-DX, Bruker OPUS, Thermo OMNIC .spa, PerkinElmer .sp, Galactic .spc, Agilent .asp or two-column CSV. Transmittance becomes absorbance (−log₁₀ T), reflectance log(1/R) or Kubelka–Munk; --atr corrects for the penetration depth; the baseline (arPLS by default) is removed; bands are found by prominence over the noise and assigned from a table of group frequencies (Socrates 2001; Nakamoto 2009), every candidate listed where windows overlap.

      Examples:
      ionics ir sample.spa
      ionics ir sample.0 --curve AB --baseline rubber-band --svg sample.svg
      """)

  @Argument(help: "Spectrum file.")
  var file: String

  @OptionGroup var preparation: IRProcessingOptions

  @Option(help: "Fit bands with line shapes from these positions, cm⁻¹ (3420,3590).")
  var fit: NumberList?

  @Option(help: "Window of the band fit, LOW:HIGH cm⁻¹ (default: ±300 around the bands).")
  var fitWindow: ValueRange?

  @Option(help: "Shape of the fitted bands: gaussian, lorentzian or voigt:RATIO.")
  var fitShape = "gaussian"

  @Option(help: "Write the spectrum and baseline as an SVG figure.")
  var svg: String?

  @Option(help: "Write the plotted curves as CSV.")
  var csv: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    var request = try preparation.request(file)
    if let fit {
      request.fitPositions = fit.values
      request.fitWindow = fitWindow?.range
      switch fitShape.lowercased() {
      case "gaussian": request.fitShape = .gaussian
      case "lorentzian": request.fitShape = .lorentzian
      case let v where v.hasPrefix("voigt:"):
        guard let r = Double(v.dropFirst(6)), r >= 0, r <= 10 else {
          throw CommandLineError(description: "--fit-shape '\(fitShape)': expected voigt:RATIO with RATIO from 0 to 10")
        }
        request.fitShape = .voigt(ratio: r)
      default:
        throw CommandLineError(description: "--fit-shape '\(fitShape)': expected gaussian, lorentzian or voigt:RATIO")
      }
    }
    let outcome = try IRWorkflow.run(request)
    if let svg { try writeAtomically(outcome.figure.svg, to: svg, inputs: [file]) }
    if let csv { try writeAtomically(outcome.figure.csv, to: csv, inputs: [file]) }
    let s = outcome.summary
    try output.emit(
      s, analysis: "ir", inputs: try hashedInputs([file], when: output.json, format: s.format),
      diagnostics: outcome.diagnostics
    ) {
      print("\(file): \(s.format), \(s.points) points, \(fixed(s.wavenumberLow, 1))–\(fixed(s.wavenumberHigh, 1)) cm⁻¹, \(s.ordinateRead.axisLabel.lowercased())")
      for step in s.steps { print("  " + step) }
      if !s.otherCurves.isEmpty { print("  other curves in the file: " + s.otherCurves.joined(separator: ", ")) }
      print("")
      print(IRText.bands(s.bands, ordinate: s.ordinate).rendered)
      if let fitted = s.fittedBands {
        print("")
        print("Bands fitted (\(fitShape)):")
        var t = TextTable("ν (cm⁻¹)", "FWHM (cm⁻¹)", "height", "area")
        for b in fitted {
          t.add(
            withError(b.position, b.positionError ?? 0), withError(b.fwhm, b.fwhmError ?? 0), significant(b.height, 3),
            withError(b.area, b.areaError ?? 0))
        }
        print(t.rendered)
      }
    }
  }
}

/// `ionics ir compare`: two spectra of one sample, band by band.
struct IRCompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Two IR spectra (before and after a treatment) normalised, overlaid and compared band by band.",
    discussion: """
      Both spectra are prepared alike, normalised (to the maximum, the area, or a band that the treatment leaves alone, such as 2040-2200 for the C≡N stretch of a cyanide framework), and every band window of the group-frequency table that holds a band in either spectrum gets a verdict: present, weakened (by what fraction), strengthened, absent or appeared. A band is detected when its window area exceeds 5 standard errors (from the baseline noise); a change counts when it exceeds 3 standard errors and 10 %.

      Example:
      ionics ir compare as-made.jdx dried.jdx --normalise 2040-2200 --svg s1.svg
      """)

  @Argument(help: "The spectrum before the treatment.")
  var before: String

  @Argument(help: "The spectrum after it.")
  var after: String

  @Option(help: "maximum, area, none or a band LOW:HIGH (or LOW-HIGH) in cm⁻¹.")
  var normalise = "maximum"

  @Option(help: "Legend name of the first spectrum.")
  var labelBefore = "before"

  @Option(help: "Legend name of the second spectrum.")
  var labelAfter = "after"

  @OptionGroup var preparation: IRProcessingOptions

  @Option(help: "Write the overlay and difference as an SVG figure.")
  var svg: String?

  @Option(help: "Write the plotted curves as CSV.")
  var csv: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    var request = IRWorkflow.ComparisonRequest(before: before, after: after)
    request.before = try preparation.request(before)
    request.after = try preparation.request(after)
    request.normalisation = try withArgument("--normalise") { try IRWorkflow.normalisation(normalise) }
    request.labels = (labelBefore, labelAfter)
    let outcome = try IRWorkflow.compare(request)
    if let svg { try writeAtomically(outcome.figure.svg, to: svg, inputs: [before, after]) }
    if let csv { try writeAtomically(outcome.figure.csv, to: csv, inputs: [before, after]) }
    let s = outcome.summary
    try output.emit(
      s, analysis: "ir-compare", inputs: try hashedInputs([before, after], when: output.json),
      diagnostics: outcome.diagnostics
    ) {
      print("\(labelBefore): \(before) (\(s.before.format)); \(labelAfter): \(after) (\(s.after.format))")
      print("normalised \(s.normalisation); \(s.before.steps.last ?? "")")
      print("")
      print(IRText.changes(s.changes).rendered)
    }
  }
}

/// The text tables of `ionics ir`.
enum IRText {
  static func bands(_ bands: [IRBand], ordinate: OpticalOrdinate) -> TextTable {
    var t = TextTable("ν (cm⁻¹)", "height", "FWHM (cm⁻¹)", "area", "S/N", "assignment")
    for b in bands {
      t.add(
        fixed(b.position, 1), significant(b.height, 3), b.fwhm.map { fixed($0, 1) } ?? "–", significant(b.area, 3),
        b.signalToNoise.map { fixed($0, 0) } ?? "–",
        b.assignments.isEmpty ? "–" : b.assignments.map(\.name).joined(separator: " / "))
    }
    return t
  }

  static func changes(_ changes: [IRBandChange]) -> TextTable {
    var t = TextTable("band", "window (cm⁻¹)", "area before", "area after", "verdict")
    for c in changes {
      let verdict: String
      switch c.verdict {
      case .weakened, .strengthened:
        verdict = "\(c.verdict.rawValue) by \(fixed(abs(c.fractionLost ?? 0) * 100, 0)) %"
      default: verdict = c.verdict.rawValue
      }
      t.add(
        c.band.name, "\(Int(c.band.low))–\(Int(c.band.high))", withError(c.areaBefore, c.errorBefore),
        withError(c.areaAfter, c.errorAfter), verdict)
    }
    return t
  }
}

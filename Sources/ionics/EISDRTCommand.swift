import ArgumentParser
import Dispatch
import Foundation
import Impedance
import IonicsCore
import Plots
import Workflows

/// `ionics eis drt`: the distribution of relaxation times.
struct EISDRTCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drt",
    abstract: "Distribution of relaxation times (Tikhonov + NNLS on Gaussian RBFs, λ by GCV).",
    discussion: """
      Z(ω) = R∞ + jωL + ∫ γ(ln τ)/(1 + jωτ) d ln τ with γ ≥ 0. The τ grid extends --extend decades beyond 1/(2πf) at both ends; peaks are reported as τ, f = 1/(2πτ) and R = ∫γ d ln τ over the peak. Only for spectra with a finite DC resistance (symmetric or full cells): blocking cells are refused.

      Example:
      ionics eis drt 2ZARC1.csv --svg drt.svg
      """)

  @Argument(help: "Impedance files (every spectrum in them is analysed).")
  var files: [String]

  @Option(help: "Regularisation parameter λ (default: chosen by GCV).")
  var lambda: Double?

  @Option(help: "Smallest peak prominence, as a fraction of the highest γ.")
  var prominence: Double = 0.02

  @Option(help: "Smallest peak prominence, in standard deviations of γ at the peak.")
  var significance: Double = 1.5

  @Option(help: "ρ of the modified GCV (1 = plain GCV).")
  var rho: Double = 1

  @Option(help: "Penalised derivative: 1 or 2.")
  var derivative: Int = 1

  @Option(help: "FWHM coefficient of the Gaussians (pyDRTtools' 0.5).")
  var fwhm: Double = 0.5

  @Option(help: "Decades the τ grid extends beyond the data at each end (≥ 1).")
  var extend: Double = 1

  @Option(
    name: .customLong("per-decade"), help: "RBF centres per decade (default: the data's density).")
  var perDecade: Double?

  @Flag(name: .customLong("no-inductance"), help: "Leave out the series inductance.")
  var noInductance = false

  @Option(help: "Residual weighting: unity (as pyDRTtools) or modulus.")
  var weighting: Weighting = .unity

  @OptionGroup var window: FrequencyWindowOptions

  @OptionGroup var figure: FigureOption

  @OptionGroup var repetitions: RepeatOption

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let spectrumIndex: Int?
    let pointCount: Int
    let milliseconds: Double
    let drt: DRTResult
  }

  func run() throws {
    var options = DRTOptions()
    options.lambda = lambda
    options.gcvRho = rho
    options.peakProminence = prominence
    options.peakSignificance = significance
    guard let penalty = DRTOptions.Penalty(rawValue: derivative) else {
      throw CommandLineError(description: "--derivative \(derivative): expected 1 or 2")
    }
    let w = weighting
    guard w == .unity || w == .modulus else {
      throw CommandLineError(description: "--weighting '\(weighting)': expected unity or modulus")
    }
    options.penalty = penalty
    options.weighting = w
    options.fwhmCoefficient = fwhm
    options.extensionDecades = extend
    options.pointsPerDecade = perDecade
    options.includeInductance = !noInductance
    let spectra = try readSpectra(files).map { item in
      (item.path, try window.apply(to: item.spectrum))
    }
    let reports = try spectra.map { path, spectrum in
      let (drt, ms) = try timed(repetitions.count) {
        try withArgument(path) { try RelaxationTimes.compute(spectrum, options: options) }
      }
      return Report(
        file: path, spectrumIndex: spectrum.metadata.spectrumIndex, pointCount: spectrum.count,
        milliseconds: ms, drt: drt)
    }
    if let plot = figure.path() {
      for (k, r) in reports.enumerated() {
        let d = r.drt
        let svg = ValidationPlots.relaxationTimes(
          tau: d.tau, gamma: d.gamma, peakTau: d.peaks.map(\.tau), peakGamma: d.peaks.map(\.height),
          window: 1 / (2 * .pi * (d.frequencies.max() ?? 1))...1
            / (2 * .pi * (d.frequencies.min() ?? 1)),
          gcvLambda: d.gcv?.lambdas ?? [], gcvScore: d.gcv?.scores ?? [], chosenLambda: d.lambda,
          title: title(r.file, r.spectrumIndex)).svg
        try writeAtomically(
          svg, to: reports.count == 1 ? plot : numbered(plot, k + 1), inputs: files)
      }
    }
    try output.emit(
      reports, analysis: "eis-drt", inputs: try hashedInputs(files, when: output.json)
    ) {
      for (k, r) in reports.enumerated() {
        if k > 0 { print() }
        let d = r.drt
        print(
          "\(r.file)\(r.spectrumIndex.map { " [spectrum \($0)]" } ?? ""): DRT, \(r.pointCount) points, \(d.centres.count) Gaussian RBFs, \(d.options.penalty == .firstDerivative ? "1st" : "2nd")-derivative penalty"
        )
        let how =
          d.gcv.map {
            "chosen by GCV"
              + ($0.atEdge ? " (at the edge of the searched range: treat with care)" : "")
          } ?? "fixed"
        print("  λ = \(significant(d.lambda, 3)) (\(how))")
        var line = "  R∞ = \(significant(d.seriesResistance, 5)) Ω"
        if let l = d.inductance { line += ", L = \(significant(l, 3)) H" }
        line +=
          ", ∫γ = \(significant(d.polarisationResistance, 5)) Ω, R∞ + ∫γ = \(significant(d.totalResistance, 5)) Ω"
        print(line)
        print(
          "  outside the measured window: \(significant(d.resistanceBelowWindow, 3)) Ω at τ < 1/(2π f_max), \(significant(d.resistanceAboveWindow, 3)) Ω at τ > 1/(2π f_min)"
        )
        var table = TextTable("peak", "τ (s)", "f (Hz)", "R (Ω)", "γ max (Ω)")
        for (i, p) in d.peaks.enumerated() {
          table.add(
            "\(i + 1)", significant(p.tau, 4), significant(p.frequency, 4),
            significant(p.resistance, 4),
            significant(p.height, 4))
        }
        print(table.rendered)
        print(
          "  rms residual \(significant(d.rmsResidual, 3)) Ω; \(fixed(r.milliseconds, 1)) ms")
      }
    }
  }
}

import ArgumentParser
import Dispatch
import Foundation
import Impedance
import IonicsCore
import Plots
import Workflows

/// `ionics eis kk`: the linear Kramers–Kronig test.
struct EISKramersKronigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kk",
    abstract: "Check spectra with the linear Kramers–Kronig test (Lin-KK, Schönleber 2014).",
    discussion: """
      A series of RC elements with fixed log-spaced time constants is fitted by linear least squares; the number M grows until μ ≤ c. Residuals are (Z − Z_fit)/|Z| in %; the spectrum passes when all lie within ± --threshold. Blocking electrodes need --capacitance.

      Example:
      ionics eis kk exampleData.csv --fmax 1000 --cutoff 0.5 --svg kk.svg
      """)

  @Argument(help: "Impedance files (every spectrum in them is tested).")
  var files: [String]

  @Option(help: "μ cut-off c that chooses M (0.85 as in impedance.py).")
  var cutoff: Double = 0.85

  @Option(name: .customLong("elements"), help: "Use exactly M RC elements (no μ search).")
  var elementCount: Int?

  @Option(name: .customLong("max-elements"), help: "Largest M tried.")
  var maximumElements: Int = 100

  @Option(help: "Which part of Z the test fits.")
  var fit: KramersKronigOptions.FitKind = .complex

  @Flag(help: "Add a series capacitance (blocking electrodes).")
  var capacitance = false

  @Flag(name: .customLong("no-inductance"), help: "Leave out the series inductance.")
  var noInductance = false

  @Option(help: "Widen the τ range by this many decades at both ends.")
  var extend: Double = 0

  @Option(help: "Verdict threshold: largest allowed |residual|, % of |Z|.")
  var threshold: Double = 1

  @OptionGroup var window: FrequencyWindowOptions

  @OptionGroup var figure: FigureOption

  @OptionGroup var repetitions: RepeatOption

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let spectrumIndex: Int?
    let pointCount: Int
    /// Time of one test (median over --repeat), ms.
    let milliseconds: Double
    let test: KramersKronigResult
  }

  func run() throws {
    let kind = fit
    var options = KramersKronigOptions()
    options.fit = kind
    options.cutoff = elementCount == nil ? cutoff : nil
    options.maximumElements = elementCount ?? maximumElements
    options.addCapacitance = capacitance
    options.addInductance = !noInductance
    options.extensionDecades = extend
    options.thresholdPercent = threshold
    let spectra = try readSpectra(files).map { item in
      (item.path, try window.apply(to: item.spectrum))
    }
    let reports = try spectra.map { path, spectrum in
      let (test, ms) = try timed(repetitions.count) {
        try withArgument(path) { try KramersKronig.test(spectrum, options: options) }
      }
      return Report(
        file: path, spectrumIndex: spectrum.metadata.spectrumIndex, pointCount: spectrum.count,
        milliseconds: ms, test: test)
    }
    if let plot = figure.path() {
      for (k, r) in reports.enumerated() {
        let svg = ValidationPlots.kramersKronigResiduals(
          frequencies: r.test.frequencies, realPercent: r.test.residualsRealPercent,
          imaginaryPercent: r.test.residualsImaginaryPercent,
          thresholdPercent: r.test.options.thresholdPercent,
          muHistory: r.test.muHistory.map { ($0.elementCount, $0.mu) },
          cutoff: r.test.options.cutoff, title: title(r.file, r.spectrumIndex)).svg
        try writeAtomically(
          svg, to: reports.count == 1 ? plot : numbered(plot, k + 1), inputs: files)
      }
    }
    try output.emit(
      reports, analysis: "eis-kk", inputs: try hashedInputs(files, when: output.json)
    ) {
      for (k, r) in reports.enumerated() {
        if k > 0 { print() }
        let t = r.test
        print(
          "\(r.file)\(r.spectrumIndex.map { " [spectrum \($0)]" } ?? ""): Lin-KK (\(t.options.fit.rawValue) fit), \(r.pointCount) points"
        )
        let how =
          t.options.cutoff.map {
            "μ = \(fixed(t.mu, 4)) ≤ c = \($0)" + (t.reachedMaximumElements ? " not reached" : "")
          }
          ?? "fixed"
        print("  M = \(t.elementCount) RC elements (\(how))")
        var series = "  R0 = \(significant(t.seriesResistance, 5)) Ω"
        if let l = t.inductance { series += ", L = \(significant(l, 4)) H" }
        if let c = t.capacitance { series += ", C = \(significant(c, 4)) F" }
        print(series)
        print(
          "  residuals: real within ±\(significant(t.maximumRealResidualPercent, 3)) %, imaginary within ±\(significant(t.maximumImaginaryResidualPercent, 3)) %; pseudo-χ² = \(significant(t.pseudoChiSquared, 4))"
        )
        if t.reachedMaximumElements {
          print(
            "  warning: μ stayed above c up to M = \(t.elementCount); raise --max-elements or c")
        }
        print("  \(t.verdict)")
        print("  \(fixed(r.milliseconds, 2)) ms")
      }
    }
  }
}

/// Runs `body` `count` times (at least once); its last result and the
/// median time of one run, ms.
func timed<T>(_ count: Int, _ body: () throws -> T) throws -> (T, Double) {
  guard count >= 1 else { throw CommandLineError(description: "--repeat must be at least 1") }
  var times: [Double] = []
  var last: T?
  for _ in 0..<count {
    let start = DispatchTime.now()
    last = try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
  }
  guard let last else { throw CommandLineError(description: "--repeat must be at least 1") }
  return (last, times.sorted()[times.count / 2])
}

/// "file #2" for a plot title.
func title(_ file: String, _ index: Int?) -> String {
  URL(fileURLWithPath: file).lastPathComponent + (index.map { " #\($0)" } ?? "")
}

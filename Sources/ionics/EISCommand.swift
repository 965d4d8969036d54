import ArgumentParser
import ComplexModule
import Foundation
import IonicsCore
import Impedance
import RealModule
import Workflows

/// `ionics eis`: read, simulate and fit impedance spectra.
struct EISCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eis",
    abstract:
      "Impedance spectra: read, simulate, fit circuits, Kramers–Kronig test, DRT.",
    subcommands: [
      EISReadCommand.self, EISSimulateCommand.self, EISFitCommand.self,
      EISKramersKronigCommand.self, EISDRTCommand.self,
    ])
}


/// `ionics eis read`.
struct EISReadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read",
    abstract:
      "Read impedance files and list their spectra (frequency in Hz, Z in Ω, Im Z < 0 capacitive).",
    discussion: """
      Formats are recognised from the content: BioLogic .mpt, Gamry .DTA, ZPlot/ZView .z, Autolab, Parstat, PowerSuite, VersaStudio .par, CH Instruments, Novocontrol-style text, CSV.

      Example:
      ionics eis read exampleDataBioLogic.mpt --points
      """)

  @Argument(help: "Impedance files.")
  var files: [String]

  @Flag(help: "Print every point, not only a summary.")
  var points = false

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let metadata: SpectrumMetadata
    let pointCount: Int
    let frequencyHz: [Double]
    let realOhm: [Double]
    let imaginaryOhm: [Double]
  }

  func run() throws {
    let spectra = try readSpectra(files)
    let reports = spectra.map {
      Report(
        file: $0.path, metadata: $0.spectrum.metadata, pointCount: $0.spectrum.count,
        frequencyHz: $0.spectrum.frequencies,
        realOhm: $0.spectrum.real, imaginaryOhm: $0.spectrum.imaginary)
    }
    try output.emit(
      reports, analysis: "eis-read", inputs: try hashedInputs(files, when: output.json)
    ) {
      for (i, r) in reports.enumerated() {
        if i > 0 { print() }
        let index = r.metadata.spectrumIndex.map { " [spectrum \($0)]" } ?? ""
        print(
          "\(r.file)\(index): \(r.metadata.format), \(r.pointCount) points, "
            + "\(significant(r.frequencyHz.max() ?? 0)) Hz – \(significant(r.frequencyHz.min() ?? 0)) Hz"
        )
        var facts: [String] = []
        if let t = r.metadata.technique { facts.append("technique \(t)") }
        if let a = r.metadata.amplitude { facts.append("amplitude \(a)") }
        if let d = r.metadata.device { facts.append("device \(d)") }
        if let d = r.metadata.date { facts.append("date \(d)") }
        if let c = r.metadata.imaginaryColumn { facts.append("imaginary from '\(c)'") }
        facts += r.metadata.notes.map(\.message)
        if !facts.isEmpty { print("  " + facts.joined(separator: "; ")) }
        if points {
          var table = TextTable("f (Hz)", "Re Z (Ω)", "Im Z (Ω)")
          for k in 0..<r.pointCount {
            table.add(
              significant(r.frequencyHz[k], 6), significant(r.realOhm[k], 6),
              significant(r.imaginaryOhm[k], 6))
          }
          print(table.rendered)
        }
      }
    }
  }
}

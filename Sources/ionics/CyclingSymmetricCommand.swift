import ArgumentParser
import Cycling
import Foundation
import IonicsCore
import Workflows

/// `ionics cycling symmetric`: overpotential and failure of a Na|Na cell.
struct CyclingSymmetricCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "symmetric",
    abstract:
      "Plating/stripping of a symmetric cell: overpotential, ASR, short circuit, erratic voltage.",
    usage: "ionics cycling symmetric [<options>] <file>",
    discussion: """
      Each run of one current sign is a half cycle: its peak |V|, its plateau (median |V| of the second half), its noise (median |ΔV| between records) and, with the electrode area, the area-specific resistance plateau/j. A half cycle is erratic when its noise exceeds --erratic of the plateau or its plateau jumps by half; a short circuit when the plateau falls below --short of the first ones. The cell fails at the first such half cycle.

      Example:
      ionics cycling symmetric NaNa.csv --diameter 19
      """)

  @Argument(help: "Cycler file with time, voltage and current.")
  var file: String

  @Option(help: "Electrode area, cm².")
  var area: Double?

  @Option(help: "Electrode diameter, mm (instead of --area).")
  var diameter: Double?

  @Option(help: "Noise fraction of the plateau that makes a half cycle erratic.")
  var erratic = 0.05

  @Option(help: "Fraction of the first plateaus below which the cell is shorted.")
  var short = 0.2

  @OptionGroup var columns: ColumnsOption

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let format: String
    let areaSquareCentimetres: Double?
    let analysis: SymmetricCellAnalysis
  }

  func run() throws {
    if let area, !(area > 0) {
      throw CommandLineError(description: "--area must be positive (cm²)")
    }
    if let diameter, !(diameter > 0) {
      throw CommandLineError(description: "--diameter must be positive (mm)")
    }
    let squareCentimetres = area ?? diameter.map { Double.pi * pow($0 / 20, 2) }
    let table = try readCyclerTable(file, profile: try columns.cyclerProfile())
    let a = try withArgument(file) {
      try SymmetricCellAnalysis(
        table, areaSquareCentimetres: squareCentimetres, erraticFraction: erratic,
        shortFraction: short)
    }
    let report = Report(
      file: file, format: table.format, areaSquareCentimetres: squareCentimetres, analysis: a)
    try output.emit(
      report, analysis: "cycling-symmetric", inputs: try hashedInputs([file], when: output.json)
    ) {
      print(
        "\(file): \(table.format), \(a.halfCycles.count) half cycles over \(fixed(a.durationHours, 1)) h"
      )
      if let j = a.currentDensityMilliampsPerSquareCentimetre {
        print("current density \(fixed(j, 4)) mA/cm²")
      }
      var t = TextTable(
        "start (h)", "I (mA)", "peak (mV)", "plateau (mV)", "noise (mV)", "ASR (Ω·cm²)", "flag")
      for h in a.halfCycles {
        t.add(
          fixed(h.startHours, 2), fixed(h.currentAmps * 1000, 4), fixed(h.peakVolts * 1000, 1),
          fixed(h.plateauVolts * 1000, 1), fixed(h.noiseVolts * 1000, 2),
          h.areaSpecificResistanceOhmSquareCentimetres.map { fixed($0, 0) } ?? "", h.flag)
      }
      print(t.rendered)
      print(a.verdict)
    }
  }
}

import ArgumentParser
import Cycling
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics cycling`: cycler files to capacities and efficiencies.
struct CyclingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cycling",
    abstract: "Cycler files: capacities, efficiency, rate tables, profiles, symmetric cells.",
    subcommands: [
      CyclingSummaryCommand.self, CyclingRateCommand.self, CyclingProfilesCommand.self,
      CyclingSymmetricCommand.self, CyclingSimulateCommand.self,
    ],
    defaultSubcommand: CyclingSummaryCommand.self)
}

/// `ionics cycling summary`: per-cycle capacities of a cycler file.
struct CyclingSummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Charge and discharge capacity and coulombic efficiency of every cycle.",
    usage: "ionics cycling summary [<options>] <file>",
    discussion: """
      Reads BioLogic .mpr and .mpt (GCPL, Modulo Bat), Neware .ndax and .nda, Arbin .res (through mdbtools' mdb-export) and CSV exports, Maccor text exports (MIMS backups .0xx, .txt), LAND and Battery Data Format CSV, recognised from the content. Capacities are the charge passed with positive and with negative current in each cycle (so capacities that reset per step need no care); the efficiency is Q_discharge/Q_charge of the same cycle. Cycles are the instrument's counter, or --rule charge-after-discharge (EC-Lab's rule) or discharge-after-charge (anode half cells).

      Example:
      ionics cycling summary cell.mpt --active-mass 2.1
      """)

  @Argument(help: "Cycler file (.mpr, .mpt, .ndax, .nda, .res, Maccor text, CSV).")
  var file: String

  @Option(help: "How cycles are numbered: by the instrument's counter, or a charge (discharge) after a discharge (charge) starts one.")
  var rule: CycleRule = .instrument

  @OptionGroup var activeMass: ActiveMassOption

  @OptionGroup var columns: ColumnsOption

  @Option(help: "Write capacity and coulombic efficiency against cycle number as an SVG figure.")
  var svg: String?

  @Option(help: "Write the per-cycle table as CSV.")
  var csv: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let cycleRule = rule
    let mass = try activeMass.milligrams()
    let table = try readCyclerTable(file, profile: try columns.cyclerProfile())
    let report = CyclingSummary(
      table, file: file, activeMassGrams: mass.map { $0 / 1000 }, rule: cycleRule)
    if let svg { try writeAtomically(report.figure.svg, to: svg, inputs: [file]) }
    if let csv { try writeAtomically(report.csv, to: csv, inputs: [file]) }
    try output.emit(
      report, analysis: "cycling-summary", inputs: try hashedInputs([file], when: output.json),
      diagnostics: report.diagnostics
    ) { print(Self.render(report)) }
  }

  /// The summary as text.
  static func render(_ report: CyclingSummary) -> String {
    var lines = ["\(report.file): \(report.format), \(report.records) records; \(report.cycleRule)"]
    if let m = report.activeMassMilligrams { lines.append("active mass \(fixed(m, 3)) mg") }
    let perGram = report.activeMassMilligrams != nil
    var t =
      perGram
      ? TextTable(
        "cycle", "Q charge (mAh)", "Q discharge (mAh)", "CE (%)", "charge (mAh/g)",
        "discharge (mAh/g)")
      : TextTable("cycle", "Q charge (mAh)", "Q discharge (mAh)", "CE (%)")
    for c in report.cycles {
      var row = [
        "\(c.cycle)", fixed(c.chargeMilliampHours, 6), fixed(c.dischargeMilliampHours, 6),
        c.coulombicEfficiencyPercent.map { fixed($0, 3) } ?? "",
      ]
      if perGram {
        row += [
          fixed(c.chargeMilliampHoursPerGram ?? 0, 2), fixed(c.dischargeMilliampHoursPerGram ?? 0, 2),
        ]
      }
      t.add(row: row)
    }
    lines.append(t.rendered)
    return lines.joined(separator: "\n")
  }
}

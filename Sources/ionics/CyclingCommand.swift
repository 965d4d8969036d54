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

  @Option(help: "instrument, charge-after-discharge or discharge-after-charge.")
  var rule = "instrument"

  @OptionGroup var activeMass: ActiveMassOption

  @Option(help: "A JSON column profile for a CSV Ionics does not recognise (names, units, sign).")
  var columns: String?

  @Option(help: "Write capacity and coulombic efficiency against cycle number as an SVG figure.")
  var svg: String?

  @Option(help: "Write the per-cycle table as CSV.")
  var csv: String?

  @OptionGroup var output: OutputOptions

  struct Cycle: Encodable {
    let cycle: Int
    let chargeMilliampHours: Double
    let dischargeMilliampHours: Double
    let coulombicEfficiencyPercent: Double?
    let energyEfficiencyPercent: Double?
    let meanChargeVoltageVolts: Double?
    let meanDischargeVoltageVolts: Double?
    let polarisationVolts: Double?
    let chargeMilliampHoursPerGram: Double?
    let dischargeMilliampHoursPerGram: Double?
  }

  struct Report: Encodable {
    let file: String
    let format: String
    let records: Int
    let activeMassMilligrams: Double?
    let cycleRule: String
    let efficiencyConvention: String
    let cycles: [Cycle]
    let warnings: [String]
  }

  func run() throws {
    guard let cycleRule = CycleRule(rawValue: rule) else {
      throw CommandLineError(
        description:
          "--rule \(rule): expected instrument, charge-after-discharge or discharge-after-charge")
    }
    let mass = try activeMass.milligrams()
    let table = try readCyclerTable(file, columns: columns)
    let grams = mass.map { $0 / 1000 } ?? table.activeMassGrams
    let (cycles, note, cycleWarnings) = table.cycles(cycleRule)
    let report = Report(
      file: file, format: table.format, records: table.count,
      activeMassMilligrams: grams.map { $0 * 1000 },
      cycleRule: note, efficiencyConvention: "Q_discharge / Q_charge of the same cycle",
      cycles: cycles.map { c in
        Cycle(
          cycle: c.cycle, chargeMilliampHours: c.chargeAh * 1000,
          dischargeMilliampHours: c.dischargeAh * 1000,
          coulombicEfficiencyPercent: c.coulombicEfficiency.map { $0 * 100 },
          energyEfficiencyPercent: c.energyEfficiency.map { $0 * 100 },
          meanChargeVoltageVolts: c.meanChargeVoltage, meanDischargeVoltageVolts: c.meanDischargeVoltage,
          polarisationVolts: c.polarisation,
          chargeMilliampHoursPerGram: grams.map { c.chargeAh * 1000 / $0 },
          dischargeMilliampHoursPerGram: grams.map { c.dischargeAh * 1000 / $0 })
      }, warnings: table.warnings + cycleWarnings)
    if let svg {
      let perGram = grams != nil
      try writeAtomically(
        CyclingPlots.capacityAndEfficiency(
          cycles: report.cycles.map { Double($0.cycle) },
          charge: report.cycles.map {
            perGram ? $0.chargeMilliampHoursPerGram ?? 0 : $0.chargeMilliampHours
          },
          discharge: report.cycles.map {
            perGram ? $0.dischargeMilliampHoursPerGram ?? 0 : $0.dischargeMilliampHours
          },
          efficiencyPercent: report.cycles.map(\.coulombicEfficiencyPercent),
          capacityLabel: perGram ? "capacity / mAh g⁻¹" : "capacity / mAh"),
        to: svg, inputs: [file])
    }
    if let csv {
      var text =
        "cycle,charge_mAh,discharge_mAh,coulombic_efficiency_percent,energy_efficiency_percent,mean_charge_V,mean_discharge_V,charge_mAh_per_g,discharge_mAh_per_g\n"
      func cell(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
      for c in report.cycles {
        text +=
          "\(c.cycle),\(c.chargeMilliampHours),\(c.dischargeMilliampHours),\(cell(c.coulombicEfficiencyPercent)),\(cell(c.energyEfficiencyPercent)),\(cell(c.meanChargeVoltageVolts)),\(cell(c.meanDischargeVoltageVolts)),\(cell(c.chargeMilliampHoursPerGram)),\(cell(c.dischargeMilliampHoursPerGram))\n"
      }
      try writeAtomically(text, to: csv, inputs: [file])
    }
    try output.emit(
      report, analysis: "cycling-summary", inputs: try hashedInputs([file], when: output.json)
    ) {
      print("\(file): \(report.format), \(report.records) records; \(note)")
      if let m = report.activeMassMilligrams { print("active mass \(fixed(m, 3)) mg") }
      var t =
        grams == nil
        ? TextTable("cycle", "Q charge (mAh)", "Q discharge (mAh)", "CE (%)")
        : TextTable(
          "cycle", "Q charge (mAh)", "Q discharge (mAh)", "CE (%)", "charge (mAh/g)",
          "discharge (mAh/g)")
      for c in report.cycles {
        var row = [
          "\(c.cycle)", fixed(c.chargeMilliampHours, 6), fixed(c.dischargeMilliampHours, 6),
          c.coulombicEfficiencyPercent.map { fixed($0, 3) } ?? "",
        ]
        if grams != nil {
          row += [
            fixed(c.chargeMilliampHoursPerGram ?? 0, 2),
            fixed(c.dischargeMilliampHoursPerGram ?? 0, 2),
          ]
        }
        t.add(row: row)
      }
      print(t.rendered)
      for w in report.warnings { print("warning: \(w)") }
    }
  }
}

/// A cycler file, recognised from its content or read with a JSON column profile.
func readCyclerTable(_ file: String, columns: String?) throws -> CyclerTable {
  let data = try readInput(file)
  let name = URL(fileURLWithPath: file).lastPathComponent
  guard let columns else {
    return try withArgument(file) { try CyclerFile.read(data, source: name) }
  }
  let profileData = try readInput(columns)
  let profile = try withArgument(columns) {
    try ColumnProfile.decode(profileData, source: URL(fileURLWithPath: columns).lastPathComponent)
  }
  return try withArgument(file) {
    try CapacityColumnsCSV.read(data, source: name, profile: profile)
  }
}

import Cycling
import Foundation
import IonicsCore
import Plots

/// Every cycle of a cycler file as `ionics cycling summary` reports it:
/// charge and discharge capacity (mAh, and mAh/g with an active mass),
/// coulombic and energy efficiency, mean voltages and their difference.
///
/// The coulombic efficiency is Q_discharge/Q_charge of the same cycle (a
/// cathode half cell's convention; LAND and some Neware exports write
/// Q_charge/Q_discharge, and ``efficiencyConvention`` says which is used).
public struct CyclingSummary: Encodable, Sendable {
  /// One cycle.
  public struct Cycle: Encodable, Sendable {
    /// The cycle number.
    public let cycle: Int
    /// Charge passed in charge, mAh.
    public let chargeMilliampHours: Double
    /// Charge passed in discharge, mAh.
    public let dischargeMilliampHours: Double
    /// Q_discharge/Q_charge, %.
    public let coulombicEfficiencyPercent: Double?
    /// E_discharge/E_charge, %.
    public let energyEfficiencyPercent: Double?
    /// Mean voltage of the charge, V.
    public let meanChargeVoltageVolts: Double?
    /// Mean voltage of the discharge, V.
    public let meanDischargeVoltageVolts: Double?
    /// Their difference, V.
    public let polarisationVolts: Double?
    /// Charge capacity per gram of active material, mAh/g.
    public let chargeMilliampHoursPerGram: Double?
    /// Discharge capacity per gram of active material, mAh/g.
    public let dischargeMilliampHoursPerGram: Double?
  }

  /// The file read.
  public let file: String
  /// Its format, as the reader named it.
  public let format: String
  /// Number of records.
  public let records: Int
  /// Active mass used, mg (nil: capacities in mAh only).
  public let activeMassMilligrams: Double?
  /// How cycles were numbered.
  public let cycleRule: String
  /// Which efficiency is reported.
  public let efficiencyConvention: String
  /// The cycles.
  public let cycles: [Cycle]
  /// What the reader and the cycle split noticed.
  public let diagnostics: [Diagnostic]

  /// The summary of `table` read from `file`; `activeMassGrams` overrides
  /// the file's mass.
  public init(_ table: CyclerTable, file: String, activeMassGrams: Double?, rule: CycleRule) {
    let grams = activeMassGrams ?? table.activeMassGrams
    let (cycles, note, cycleWarnings) = table.cycles(rule)
    self.file = file
    format = table.format
    records = table.count
    activeMassMilligrams = grams.map { $0 * 1000 }
    cycleRule = note
    efficiencyConvention = "Q_discharge / Q_charge of the same cycle"
    self.cycles = cycles.map { c in
      Cycle(
        cycle: c.cycle, chargeMilliampHours: c.chargeAh * 1000,
        dischargeMilliampHours: c.dischargeAh * 1000,
        coulombicEfficiencyPercent: c.coulombicEfficiency.map { $0 * 100 },
        energyEfficiencyPercent: c.energyEfficiency.map { $0 * 100 },
        meanChargeVoltageVolts: c.meanChargeVoltage,
        meanDischargeVoltageVolts: c.meanDischargeVoltage, polarisationVolts: c.polarisation,
        chargeMilliampHoursPerGram: grams.map { c.chargeAh * 1000 / $0 },
        dischargeMilliampHoursPerGram: grams.map { c.dischargeAh * 1000 / $0 })
    }
    diagnostics = (table.warnings + cycleWarnings).map { $0.from(file) }
  }

  /// The per-cycle table as CSV, units in the header.
  public var csv: String {
    var text =
      "cycle,charge_mAh,discharge_mAh,coulombic_efficiency_percent,energy_efficiency_percent,mean_charge_V,mean_discharge_V,charge_mAh_per_g,discharge_mAh_per_g\n"
    func cell(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
    for c in cycles {
      text +=
        "\(c.cycle),\(c.chargeMilliampHours),\(c.dischargeMilliampHours),\(cell(c.coulombicEfficiencyPercent)),\(cell(c.energyEfficiencyPercent)),\(cell(c.meanChargeVoltageVolts)),\(cell(c.meanDischargeVoltageVolts)),\(cell(c.chargeMilliampHoursPerGram)),\(cell(c.dischargeMilliampHoursPerGram))\n"
    }
    return text
  }

  /// Capacity and coulombic efficiency against cycle number (the paper's
  /// Fig. 4c).
  public var figure: Figure {
    let perGram = activeMassMilligrams != nil
    return CyclingPlots.capacityAndEfficiency(
      cycles: cycles.map { Double($0.cycle) },
      charge: cycles.map { perGram ? $0.chargeMilliampHoursPerGram ?? 0 : $0.chargeMilliampHours },
      discharge: cycles.map {
        perGram ? $0.dischargeMilliampHoursPerGram ?? 0 : $0.dischargeMilliampHours
      },
      efficiencyPercent: cycles.map(\.coulombicEfficiencyPercent),
      capacityLabel: perGram ? "capacity / mAh g⁻¹" : "capacity / mAh")
  }
}

/// A cycler file, recognised from its content, or read through the column
/// profile `profile`.
public func readCyclerTable(_ file: String, profile: ColumnProfile?) throws -> CyclerTable {
  let data = try readInput(file)
  let name = URL(fileURLWithPath: file).lastPathComponent
  do {
    guard let profile else { return try CyclerFile.read(data, source: name) }
    return try CapacityColumnsCSV.read(data, source: name, profile: profile)
  } catch {
    throw WorkflowError.inFile(file, "\(error)")
  }
}

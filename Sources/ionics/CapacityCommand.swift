import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics capacity`: theoretical capacity and C-rate currents.
struct CapacityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "capacity",
    abstract: "Theoretical specific capacity Q = nF/(3.6·M) and the currents of C-rates.",
    usage: "ionics capacity [<options>] <material> --electrons <electrons>",
    discussion: """
      Q in mAh/g for n electrons per formula unit. With --active-mass the currents of the given C-rates follow, with 1 C defined by --nominal (default: the theoretical value).

      Example:
      ionics capacity NVP -e 2 --nominal 117 --active-mass 2.1 --rates 0.1,0.3,1,2
      """)

  @Argument(help: "Electrode material formula or abbreviation (e.g. Na3V2(PO4)3 or NVP).")
  var material: String

  @Option(name: .shortAndLong, help: "Electrons exchanged per formula unit.")
  var electrons: Double

  @Option(help: "Specific capacity that defines 1 C, in mAh/g (default: the theoretical capacity).")
  var nominal: Double?

  @Option(help: "Active material mass in mg.")
  var activeMass: Double?

  @Option(help: "C-rates for the current table (repeat, or comma-separated).")
  var rates: [NumberList] = [NumberList(argument: "0.1,0.2,0.5,1,2")].compactMap { $0 }

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    struct RateLine: Encodable {
      let cRate: Double
      let currentMilliamps: Double
      let hours: Double
    }
    let material: String
    let formula: String
    let molarMassGramsPerMole: Double
    let electronsPerFormulaUnit: Double
    let theoreticalMilliampHoursPerGram: Double
    let nominalMilliampHoursPerGram: Double
    let activeMassMilligrams: Double?
    let nominalCapacityMilliampHours: Double?
    let rates: [RateLine]
  }

  func run() throws {
    let formula = try withArgument("material '\(material)'") {
      try Formula.resolving(material).formula
    }
    let q = try withArgument("--electrons") {
      try SpecificCapacity.theoreticalMilliampHoursPerGram(
        of: formula, electronsPerFormulaUnit: electrons)
    }
    let nominalValue = nominal ?? q
    var lines: [Report.RateLine] = []
    var capacity: Double?
    if let activeMass {
      let crate = try withArgument("--active-mass / --nominal") {
        try CRate(nominalMilliampHoursPerGram: nominalValue, activeMassGrams: activeMass / 1000)
      }
      capacity = crate.nominalCapacityMilliampHours
      let parsed = rates.flattened
      guard parsed.allSatisfy({ $0 > 0 }) else {
        throw CommandLineError(description: "--rates: C-rates must be positive")
      }
      lines = parsed.map {
        Report.RateLine(
          cRate: $0, currentMilliamps: crate.currentAmperes(atRate: $0) * 1000,
          hours: crate.hours(atRate: $0))
      }
    }
    let report = Report(
      material: material, formula: formula.text,
      molarMassGramsPerMole: formula.molarMassGramsPerMole,
      electronsPerFormulaUnit: electrons, theoreticalMilliampHoursPerGram: q,
      nominalMilliampHoursPerGram: nominalValue, activeMassMilligrams: activeMass,
      nominalCapacityMilliampHours: capacity, rates: lines)
    try output.emit(report, analysis: "capacity") {
      print("\(material) = \(formula.text), M = \(fixed(formula.molarMassGramsPerMole, 3)) g/mol")
      print("theoretical capacity (n = \(formatNumber(electrons))): \(fixed(q, 2)) mAh/g")
      if let capacity, let activeMass {
        print(
          "1 C = \(formatNumber(nominalValue)) mAh/g; \(formatNumber(activeMass)) mg active → \(significant(capacity)) mAh"
        )
        var table = TextTable("C-rate", "current (mA)", "time (h)")
        for line in lines {
          table.add(
            formatNumber(line.cRate), significant(line.currentMilliamps), significant(line.hours, 3)
          )
        }
        print(table.rendered)
      }
    }
  }
}


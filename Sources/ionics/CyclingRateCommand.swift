import ArgumentParser
import Cycling
import Foundation
import IonicsCore
import Workflows

/// `ionics cycling rate`: discharge capacity by C-rate, and retention.
struct CyclingRateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rate",
    abstract: "Rate capability: discharge capacity grouped by C-rate, with retention.",
    usage: "ionics cycling rate [<options>] <file> --one-c <one-c>",
    discussion: """
      Each cycle's C-rate is its mean discharge current over 1 C of the active mass (--one-c, mAh/g), rounded to a usual rate; consecutive cycles at one rate form a group with its mean and last discharge capacity and the fraction of --one-c. Retention is the last cycle's discharge over that of --retention-from.

      Example:
      ionics cycling rate cell.csv --active-mass 2 --one-c 117 --retention-from 26
      """)

  @Argument(help: "Cycler file.")
  var file: String

  @OptionGroup var activeMass: ActiveMassOption

  @Option(help: "Capacity of 1 C, mAh/g (NVP: 117).")
  var oneC: Double

  @Option(help: "Cycle that retention is measured against.")
  var retentionFrom: Int?

  @Option(help: "instrument, charge-after-discharge or discharge-after-charge.")
  var rule = "instrument"

  @OptionGroup var output: OutputOptions

  struct Step: Encodable {
    let cRate: Double
    let firstCycle: Int
    let lastCycle: Int
    let cycles: Int
    let meanDischargeMilliampHoursPerGram: Double
    let lastDischargeMilliampHoursPerGram: Double
    let fractionOfOneC: Double
  }

  struct Report: Encodable {
    let file: String
    let activeMassMilligrams: Double
    let oneCMilliampHoursPerGram: Double
    let steps: [Step]
    let retention: Double?
    let retentionReferenceCycle: Int?
  }

  func run() throws {
    guard let cycleRule = CycleRule(rawValue: rule) else {
      throw CommandLineError(
        description:
          "--rule \(rule): expected instrument, charge-after-discharge or discharge-after-charge")
    }
    guard oneC > 0 else { throw CommandLineError(description: "--one-c must be positive (mAh/g)") }
    let data = try readInput(file)
    let table = try withArgument(file) {
      try CyclerFile.read(data, source: URL(fileURLWithPath: file).lastPathComponent)
    }
    guard let grams = try activeMass.milligrams().map({ $0 / 1000 }) ?? table.activeMassGrams, grams > 0 else {
      throw CommandLineError(description: "\(file) states no active mass: give --active-mass (mg)")
    }
    guard table.current != nil else {
      throw CommandLineError(description: "\(file) has no current: the C-rate cannot be told")
    }
    let steps = table.rateCapability(cycleRule, activeMassGrams: grams, oneC: oneC)
    let retention = retentionFrom.flatMap { table.retention(cycleRule, reference: $0) }
    let report = Report(
      file: file, activeMassMilligrams: grams * 1000, oneCMilliampHoursPerGram: oneC,
      steps: steps.map {
        Step(
          cRate: $0.cRate, firstCycle: $0.cycles.first ?? 0, lastCycle: $0.cycles.last ?? 0,
          cycles: $0.cycles.count,
          meanDischargeMilliampHoursPerGram: $0.meanDischargeMilliampHoursPerGram,
          lastDischargeMilliampHoursPerGram: $0.lastDischargeMilliampHoursPerGram,
          fractionOfOneC: $0.fractionOfTheoretical)
      }, retention: retention, retentionReferenceCycle: retentionFrom)
    try output.emit(
      report, analysis: "cycling-rate", inputs: try hashedInputs([file], when: output.json)
    ) {
      var t = TextTable(
        "C-rate", "cycles", "mean Q_dis (mAh/g)", "last Q_dis (mAh/g)", "of 1 C (%)")
      for s in report.steps {
        t.add(
          formatNumber(s.cRate), "\(s.firstCycle)–\(s.lastCycle)",
          fixed(s.meanDischargeMilliampHoursPerGram, 1),
          fixed(s.lastDischargeMilliampHoursPerGram, 1), fixed(s.fractionOfOneC * 100, 1))
      }
      print(t.rendered)
      if let r = report.retention, let from = retentionFrom {
        print("retention \(fixed(r * 100, 1)) % of cycle \(from)")
      }
    }
  }
}

/// `ionics cycling simulate`: the paper's cell as a Battery Data Format CSV.
struct CyclingSimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Write a simulated Na | PEO–NaTFSI–NRASCN | NVP cell as a Battery Data Format CSV.",
    usage: "ionics cycling simulate [<options>] --output <output>",
    discussion: """
      Five cycles each at 0.1, 0.3, 0.5, 1 and 2 C giving the paper's 116.1, 104.9, 97.4, 86.4 and 66.4 mAh/g, then --long cycles at 0.3 C fading linearly to 100.5 mAh/g (91.8 % retention), 2.5–3.9 V, 1 C = 117 mAh/g, CE 99.9 %.

      Example:
      ionics cycling simulate --output cell.csv
      ionics cycling rate cell.csv --active-mass 2 --one-c 117 --retention-from 26
      """)

  @OptionGroup var activeMass: ActiveMassOption

  @Option(help: "Long-term cycles at 0.3 C.")
  var long = 1000

  @Option(help: "Where to write the CSV.")
  var output: String

  @Flag(
    help:
      "Write a Na|Na symmetric cell instead: 0.05 mA/cm² on a 19 mm disc, 1 h steps, 200 h at 112 mV."
  )
  var symmetric = false

  @Option(
    help: "With --symmetric: hours after which the cell turns erratic (the paper's control: 24).")
  var failAfter: Double?

  func run() throws {
    if symmetric {
      var cell = PaperExample.simulatedSymmetricCell(failing: false)
      if let failAfter {
        guard failAfter > 0 else {
          throw CommandLineError(description: "--fail-after must be positive (h)")
        }
        cell.failureHours = failAfter
      }
      let table = cell.table()
      try writeAtomically(table.batteryDataFormatCSV, to: output)
      print("\(output): \(table.count) records, \(fixed(cell.totalHours, 0)) h")
      return
    }
    let mass = try activeMass.milligrams() ?? 2.0
    guard long >= 2 else {
      throw CommandLineError(description: "--long ≥ 2 expected")
    }
    let cell = PaperExample.simulatedCell(longCycles: long, activeMassGrams: mass / 1000)
    try writeAtomically(cell.batteryDataFormatCSV, to: output)
    print("\(output): \(cell.count) records, \(25 + long) cycles")
  }
}

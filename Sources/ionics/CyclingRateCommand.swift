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

  @Option(help: "How cycles are numbered: by the instrument's counter, or a charge (discharge) after a discharge (charge) starts one.")
  var rule: CycleRule = .instrument

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
    let cycleRule = rule
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

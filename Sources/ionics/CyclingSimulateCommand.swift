import ArgumentParser
import Cycling
import Foundation
import IonicsCore
import Workflows

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

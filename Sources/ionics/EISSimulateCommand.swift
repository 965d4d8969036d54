import ArgumentParser
import Foundation
import Impedance
import Workflows

/// `ionics eis simulate`.
struct EISSimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract:
      "Simulate a circuit over a log frequency grid, optionally with seeded noise; writes CSV.",
    usage: "ionics eis simulate [<options>] <circuit>",
    discussion: """
      Parameters are given by name (impedance.py names: R0, CPE1_0, CPE1_1, …). The spectrum is written from the highest frequency down, as instruments sweep.

      Example:
      ionics eis simulate "R0-p(R1,C1)" -p R0=10 -p R1=33682 -p C1=2.5e-13
      ionics eis simulate "p(R1,C1)" -p R1=1e4 -p C1=1e-9 --fmin 0.1 --fmax 3e6
      """)

  @Argument(help: "Circuit in impedance.py syntax.")
  var circuit: String

  @Option(name: [.customShort("p"), .long], help: "A parameter as NAME=VALUE; repeat for each.")
  var parameter: [NamedValue] = []

  @Option(help: "Lowest frequency, Hz.")
  var fmin: Double = 0.1

  @Option(help: "Highest frequency, Hz.")
  var fmax: Double = 1e6

  @Option(name: .customLong("from"), help: .hidden)
  var fromDeprecated: Double?

  @Option(name: .customLong("to"), help: .hidden)
  var toDeprecated: Double?

  @Option(help: "Points per decade.")
  var pointsPerDecade: Int = 10

  @Option(help: "Relative Gaussian noise on Re and Im, as a fraction of |Z| (0.005 = 0.5 %).")
  var noise: Double = 0

  @Option(help: "Seed of the noise generator.")
  var seed: UInt64 = 1

  @Option(help: "Write the spectrum as CSV (frequency_Hz,real_Ohm,imaginary_Ohm) to this file.")
  var output: String?

  @OptionGroup var options: OutputOptions

  func run() throws {
    let parsed = try withArgument("circuit") { try Circuit(circuit) }
    let values = parameter.byName
    let missing = parsed.parameterNames.filter { values[$0] == nil }
    guard missing.isEmpty else {
      throw CommandLineError(
        description:
          "--parameter: missing \(missing.joined(separator: ", ")) (the circuit's parameters: \(parsed.parameterNames.joined(separator: ", ")))"
      )
    }
    if let unknown = values.keys.first(where: { !parsed.parameterNames.contains($0) }) {
      throw CommandLineError(
        description:
          "--parameter: \(unknown) is not a parameter of \(circuit) (\(parsed.parameterNames.joined(separator: ", ")))"
      )
    }
    let grid = try withArgument("frequency grid") {
      try CircuitSimulator.logarithmicGrid(
        from: deprecated(fromDeprecated, "--from", "--fmax") ?? fmax,
        to: deprecated(toDeprecated, "--to", "--fmin") ?? fmin, pointsPerDecade: pointsPerDecade)
    }
    guard noise >= 0, noise.isFinite else {
      throw CommandLineError(description: "--noise must be ≥ 0")
    }
    let spectrum = try withArgument("simulate") {
      try CircuitSimulator.simulate(
        parsed, parameters: parsed.parameterNames.compactMap { values[$0] }, frequencies: grid,
        relativeNoise: noise, seed: seed)
    }
    let csv = spectrumCSV(spectrum)
    if let output {
      try writeAtomically(csv, to: output)
    }
    try options.emit(
      EISReadCommand.Report(
        file: output ?? "-", metadata: spectrum.metadata, pointCount: spectrum.count,
        frequencyHz: spectrum.frequencies, realOhm: spectrum.real, imaginaryOhm: spectrum.imaginary),
      analysis: "eis-simulate"
    ) {
      if output == nil {
        print(csv, terminator: "")
      } else {
        print("wrote \(spectrum.count) points to \(output ?? "")")
      }
    }
  }
}




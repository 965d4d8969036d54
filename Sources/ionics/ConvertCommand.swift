import ArgumentParser
import IonicsCore
import Workflows

/// `ionics convert`: unit conversions of the field.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a value between units: eV ↔ kJ/mol, °C ↔ K, mAh/g ↔ C/g, S/cm ↔ mS/cm, …",
    discussion: """
      Example:
      ionics convert 0.32 eV kJ/mol

      Constants: CODATA 2018. Write °C as °C, degC or celsius (C alone is the coulomb).
      """)

  @Argument(help: "The value.")
  var value: Double

  @Argument(help: "Unit of the value.")
  var from: String

  @Argument(help: "Unit to convert to.")
  var to: String

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let value: Double
    let from: String
    let converted: Double
    let to: String
  }

  func run() throws {
    let converted = try withArgument("convert") {
      try PhysicalUnit.convert(value, from: from, to: to)
    }
    let report = Report(value: value, from: from, converted: converted, to: to)
    try output.emit(report, analysis: "convert") {
      print("\(formatNumber(value)) \(from) = \(significant(converted, 6)) \(to)")
    }
  }
}

import ArgumentParser
import Conductivity
import IonicsCore
import Workflows

/// `ionics convert`: unit conversions of the field, and σ ⇔ R for a sample.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a value between units (eV ↔ kJ/mol, °C ↔ K, …), or σ ⇔ R for a sample.",
    usage: "ionics convert <value> <from> <to> [<options>]",
    discussion: """
      A value may carry its standard uncertainty (33680(300), or 33680 ± 300), which is converted with it. Between a resistance and a conductivity the sample's geometry is needed: σ = l/(A·R), with the uncertainties of l and A propagated. Constants: CODATA 2018. Write °C as °C, degC or celsius (C alone is the coulomb).

      Examples:
      ionics convert 0.32 eV kJ/mol
      ionics convert "33680(300)" Ohm S/cm --diameter 12 --thickness 4
      ionics convert 5.43e-5 S/cm Ohm --diameter 19 --thickness 50um
      """)

  @Argument(help: "The value, with an optional uncertainty: 0.32, 33680(300), 33680 ± 300.")
  var value: String

  @Argument(help: "Unit of the value.")
  var from: String

  @Argument(help: "Unit to convert to.")
  var to: String

  @OptionGroup var sample: GeometryOptions

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let value: Measured
    let from: String
    let converted: Measured
    let to: String
    /// The sample, for a conversion between resistance and conductivity.
    let geometry: CellGeometry?
    let cellConstantPerCentimetre: Double?
  }

  func run() throws {
    let measured = try withArgument("value '\(value)'") { try Measured(parsing: value) }
    let geometry =
      QuantityConversion.needsGeometry(from: from, to: to) ? try sample.geometry() : nil
    let converted = try withArgument("convert") {
      try QuantityConversion.convert(measured, from: from, to: to, geometry: geometry)
    }
    let report = Report(
      value: measured, from: from, converted: converted, to: to, geometry: geometry,
      cellConstantPerCentimetre: geometry?.cellConstantPerCentimetre)
    try output.emit(report, analysis: "convert") {
      if let geometry = report.geometry {
        print(
          "sample: A = \(shown(geometry.area)) cm², l = \(shown(geometry.thickness * 10)) mm (l/A = \(significant(geometry.cellConstantPerCentimetre, 5)) cm⁻¹)"
        )
      }
      let shownValue = measured.standardUncertainty > 0 ? shown(measured) : formatNumber(measured.value)
      let shownResult =
        report.converted.standardUncertainty > 0
        ? shown(report.converted) : significant(report.converted.value, 6)
      print("\(shownValue) \(from) = \(shownResult) \(to)")
    }
  }
}

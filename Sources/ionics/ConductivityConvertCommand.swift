import ArgumentParser
import Conductivity
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics conductivity convert`: σ from R, or R from σ, for a sample.
struct ConductivityConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "σ ⇔ R for a sample (deprecated: use ionics convert VALUE Ohm S/cm --diameter … --thickness …).",
    usage: "ionics conductivity convert [<options>]",
    discussion: """
      Examples:
      ionics conductivity convert --resistance "33680(300)" --diameter 12 \\
        --thickness 4
      ionics conductivity convert --conductivity 5.43e-5 --diameter 19 \\
        --thickness 0.050
      """,
    shouldDisplay: false)

  @Option(help: "Resistance, Ω, with optional uncertainty ('33680(300)').")
  var resistance: String?

  @Option(help: "Conductivity, S/cm, with optional uncertainty.")
  var conductivity: String?

  @OptionGroup var sample: GeometryOptions

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let geometry: CellGeometry
    let cellConstantPerCentimetre: Double
    let resistanceOhm: Measured
    let conductivitySiemensPerCentimetre: Measured
  }

  func run() throws {
    printError(
      "warning: ionics conductivity convert is deprecated and will be removed in the next release; use ionics convert VALUE Ohm S/cm (or S/cm Ohm) with the same geometry options"
    )
    let geometry = try sample.required()
    let report: Report
    switch (resistance, conductivity) {
    case (let r?, nil):
      let value = try withArgument("--resistance") { try Measured(parsing: r) }
      guard value.value > 0 else {
        throw CommandLineError(description: "--resistance must be positive")
      }
      report = Report(
        geometry: geometry, cellConstantPerCentimetre: geometry.cellConstantPerCentimetre,
        resistanceOhm: value,
        conductivitySiemensPerCentimetre: geometry.conductivity(resistance: value))
    case (nil, let s?):
      let value = try withArgument("--conductivity") { try Measured(parsing: s) }
      guard value.value > 0 else {
        throw CommandLineError(description: "--conductivity must be positive")
      }
      report = Report(
        geometry: geometry, cellConstantPerCentimetre: geometry.cellConstantPerCentimetre,
        resistanceOhm: geometry.resistance(conductivity: value),
        conductivitySiemensPerCentimetre: value)
    default:
      throw CommandLineError(description: "give either --resistance or --conductivity")
    }
    try output.emit(report, analysis: "conductivity-convert") {
      print(
        "sample: A = \(shown(geometry.area)) cm², l = \(shown(geometry.thickness * 10)) mm (l/A = \(significant(geometry.cellConstantPerCentimetre, 5)) cm⁻¹)"
      )
      let sigma = report.conductivitySiemensPerCentimetre
      print(
        "R = \(shown(report.resistanceOhm)) Ω  ⇔  σ = \(shown(sigma)) S/cm = \(shown(sigma * 1000)) mS/cm"
      )
    }
  }
}


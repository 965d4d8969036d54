import ArgumentParser
import Conductivity
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics conductivity arrhenius`: Arrhenius (and VTF) fits of a table.
struct ConductivityArrheniusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "arrhenius",
    abstract: "Arrhenius fits (σ and σT forms) and VTF of a σ(T) or R(T) table.",
    usage: "ionics conductivity arrhenius [<options>] <table>",
    discussion: """
      The table has a header naming its columns with units: temperature (T_C, T (K)), conductivity (sigma_S_per_cm, σ (mS/cm)) or resistance (R_Ohm, R (kOhm), which needs the geometry), and optionally its standard uncertainty (sigma_err, u(σ)). Uncertainties weight the fit (weights (σ/u(σ))² on ln σ). The CSV that `ionics conductivity series --csv` writes can be read back.

      Example:
      ionics conductivity arrhenius pellet.csv --at 25 --at 60 --vtf --svg fig3c.svg
      """)

  @Argument(help: "CSV table (comma, semicolon or tab).")
  var table: String

  @OptionGroup var sample: GeometryOptions

  @Option(help: "Predict σ at this temperature, °C (repeat); 25 °C is always given.")
  var at: [Double] = []

  @Flag(help: "Ignore the uncertainty column (ordinary least squares on ln σ).")
  var unweighted = false

  @Flag(help: "Also fit VTF (T0 fitted unless --t0) and compare it with Arrhenius by AICc.")
  var vtf = false

  @Option(help: "Hold the VTF T0 at this value, K (default: fitted, below T_min − 10 K).")
  var t0: Double?

  @OptionGroup var figure: FigureOption

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let points: [ConductivityPoint]
    /// The σ and σT forms, in that order.
    let arrhenius: [ArrheniusFit]
    let predictions: [ArrheniusFit.Prediction]
    let vtf: VTFFit?
    let comparison: ModelComparison?
  }

  func run() throws {
    let parsed = try withArgument(table) {
      try ConductivityTable(parsing: readText(table), source: table)
    }
    let points = try withArgument(table) { try parsed.points(geometry: sample.geometry()) }
    let sigma = try withArgument(table) {
      try ArrheniusFit(points, form: .sigma, weighted: !unweighted)
    }
    let sigmaT = try withArgument(table) {
      try ArrheniusFit(points, form: .sigmaT, weighted: !unweighted)
    }
    var temperatures = [25.0]
    for t in at where !temperatures.contains(t) { temperatures.append(t) }
    let predictions = temperatures.map { sigma.conductivity(atKelvin: Units.kelvin(fromCelsius: $0)) }
    var vtfFit: VTFFit?
    // VTF and the comparison see the same weights as the Arrhenius fit.
    let vtfPoints =
      unweighted
      ? points.map {
        var p = $0
        p.uncertainty = 0
        return p
      } : points
    if vtf || t0 != nil {
      vtfFit = try withArgument("VTF") { try VTFFit(vtfPoints, fixedT0: t0) }
    }
    let comparison = vtfFit.map { ModelComparison(arrhenius: sigma, vtf: $0, points: vtfPoints) }
    if let plot = figure.path() {
      var curves: [ConductivityPlots.Curve] = []
      let kelvin = points.map(\.temperatureKelvin)
      let lo = (kelvin.min() ?? 298) - 5
      let hi = (kelvin.max() ?? 373) + 5
      let grid = (0...40).map { lo + (hi - lo) * Double($0) / 40 }
      curves.append(
        .init(
          name: "σ form: Ea = \(sigma.activationEnergyElectronvolts) eV", temperaturesKelvin: grid,
          conductivities: grid.map { sigma.conductivity(atKelvin: $0).conductivity }))
      if let v = vtfFit {
        let above = grid.filter { $0 > v.idealGlassTemperatureKelvin.value + 1 }
        curves.append(
          .init(
            name: "VTF: B·kB = \(v.pseudoActivationEnergyElectronvolts) eV",
            temperaturesKelvin: above, conductivities: above.map { v.conductivity(atKelvin: $0) },
            dashed: true))
      }
      let data = ConductivityPlots.DataSet(
        name: URL(fileURLWithPath: table).lastPathComponent, temperaturesKelvin: kelvin,
        conductivities: points.map(\.conductivity), uncertainties: points.map(\.uncertainty))
      try writeAtomically(
        ConductivityPlots.arrhenius([data], curves: curves).svg, to: plot, inputs: [table])
    }
    let report = Report(
      file: table, points: points, arrhenius: [sigma, sigmaT],
      predictions: predictions, vtf: vtfFit, comparison: comparison)
    try output.emit(
      report, analysis: "conductivity-arrhenius", inputs: try hashedInputs([table], when: output.json)
    ) {
      print(
        "\(table): \(points.count) temperatures, \(fixed(sigma.temperatureRangeKelvin.lowerBound - PhysicalConstants.zeroCelsiusInKelvin, 1)) – \(fixed(sigma.temperatureRangeKelvin.upperBound - PhysicalConstants.zeroCelsiusInKelvin, 1)) °C, "
          + (sigma.weighted ? "weighted by the σ uncertainties" : "unweighted (no uncertainties)"))
      print(renderArrhenius([sigma, sigmaT], at: predictions))
      if let vtfFit { print(renderVTF(vtfFit, comparison)) }
    }
  }
}

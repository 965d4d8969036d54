import Foundation
import IonicsCore

extension TemperatureSeries.Result {
  /// One row per temperature as CSV (RFC 4180 quoting), units in the
  /// column names: what a spreadsheet or Origin needs to redraw Fig. 3c.
  public var csv: String {
    let header = [
      "file", "temperature_C", "temperature_K", "temperature_source", "bulk_element",
      "R_bulk_Ohm", "R_bulk_err_Ohm", "C_bulk_F", "C_bulk_err_F", "R_gb_Ohm", "R_gb_err_Ohm",
      "sigma_S_per_cm", "sigma_err_S_per_cm", "sigma_total_S_per_cm", "sigma_total_err_S_per_cm",
      "reduced_chi_squared", "warnings",
    ]
    var lines = [header.joined(separator: ",")]
    func number(_ x: Double?) -> String {
      guard let x, x.isFinite else { return "" }
      return String(format: "%.8g", x)
    }
    for p in points {
      let cells: [String] = [
        csvField(p.name), number(p.temperatureCelsius), number(Units.kelvin(fromCelsius: p.temperatureCelsius)),
        p.temperatureSource, csvField(p.bulkElement),
        number(p.bulkResistance.value), number(p.bulkResistance.standardUncertainty),
        number(p.bulkCapacitance?.value), number(p.bulkCapacitance?.standardUncertainty),
        number(p.grainBoundaryResistance?.value),
        number(p.grainBoundaryResistance?.standardUncertainty),
        number(p.conductivity.value), number(p.conductivity.standardUncertainty),
        number(p.totalConductivity.value), number(p.totalConductivity.standardUncertainty),
        number(p.reducedChiSquared), csvField(p.diagnostics.map(\.message).joined(separator: "; ")),
      ]
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

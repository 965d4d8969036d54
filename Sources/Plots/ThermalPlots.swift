import Foundation

/// Thermogravimetric figures.
public enum ThermalPlots {
  /// Mass % (left axis) and DTG (right axis) against temperature, the way a
  /// paper's TGA figure shows them, with the steps' losses marked by their
  /// midpoints.
  public static func thermogram(
    temperature: [Double], massPercent: [Double], dtgTemperature: [Double], dtg: [Double],
    steps: [(midpoint: Double, mass: Double, label: String)] = [], title: String? = nil
  ) -> String {
    var panel = Panel(
      xAxis: Axis("temperature / °C"), yAxis: Axis("mass / %"),
      series: [
        Series("mass", x: temperature, y: massPercent, style: .line, color: "#1f4e99")
      ], title: title)
    if !steps.isEmpty {
      panel.series.append(
        Series(
          "steps (midpoints)", x: steps.map(\.midpoint), y: steps.map(\.mass),
          style: .filledMarkers, color: "#1f4e99"))
    }
    panel.rightAxis = Axis("DTG, −dm/dT / (%/°C)")
    panel.rightSeries = [Series("DTG", x: dtgTemperature, y: dtg, style: .line, color: "#b2182b")]
    panel.legendCorner = .automatic
    var figure = Figure(width: 680, height: 420)
    figure.add(panel, x: 0, y: 0, width: 680, height: 420)
    return figure.svg
  }
}

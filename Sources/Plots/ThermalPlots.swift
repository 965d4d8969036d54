import Foundation

/// Thermogravimetric figures.
public enum ThermalPlots {
  /// Mass % (left axis) and DTG (right axis) against temperature, the way a
  /// paper's TGA figure shows them, with the steps' losses marked by their
  /// midpoints.
  /// With `gases`, each signal (relative to its largest value) is drawn
  /// against temperature in a second panel below, on the same axis.
  public static func thermogram(
    gases: [(label: String, temperature: [Double], signal: [Double])] = [],
    temperature: [Double], massPercent: [Double], dtgTemperature: [Double], dtg: [Double],
    steps: [(midpoint: Double, mass: Double, label: String)] = [], title: String? = nil
  ) -> Figure {
    var panel = Panel(
      xAxis: Axis("temperature / °C"), yAxis: Axis("mass / %"),
      series: [
        Series("mass", x: temperature, y: massPercent, style: .line, color: JournalPalette.colors[0])
      ], title: title)
    if !steps.isEmpty {
      panel.series.append(
        Series(
          "steps (midpoints)", x: steps.map(\.midpoint), y: steps.map(\.mass),
          style: .filledMarkers, color: JournalPalette.colors[0]))
    }
    panel.rightAxis = Axis("DTG, −dm/dT / (%/°C)")
    panel.rightSeries = [Series("DTG", x: dtgTemperature, y: dtg, style: .line, color: JournalPalette.colors[1])]
    panel.legendCorner = .automatic
    guard !gases.isEmpty else {
      var figure = Figure(width: 680, height: 420)
      figure.add(panel, x: 0, y: 0, width: 680, height: 420)
      return figure
    }
    let palette = ["#1b7837", "#762a83", "#e08214", "#2166ac", JournalPalette.colors[1], "#4d4d4d", "#8c510a"]
    var lower = Panel(
      xAxis: panel.xAxis, yAxis: Axis("MS signal / max"),
      series: gases.enumerated().map { k, gas in
        Series(gas.label, x: gas.temperature, y: gas.signal, style: .line, color: palette[k % palette.count])
      })
    lower.legendCorner = .automatic
    var figure = Figure(width: 680, height: 700)
    figure.add(panel, x: 0, y: 0, width: 680, height: 420)
    figure.add(lower, x: 0, y: 420, width: 680, height: 280)
    return figure
  }
}

import Foundation

/// Battery-cycling figures in the style of a paper's Fig. 4: charge and
/// discharge curves, dQ/dV, and capacity with coulombic efficiency
/// against cycle number.
public enum CyclingPlots {
  /// One curve: legend text, x and y values, and whether it is a charge
  /// (solid) or a discharge (dashed) of the cycle it belongs to.
  public struct Curve: Sendable {
    /// Legend entry, e.g. "cycle 10 charge".
    public var name: String
    /// x values (capacity, or voltage for dQ/dV).
    public var x: [Double]
    /// y values (voltage, or dQ/dV).
    public var y: [Double]
    /// Index of the cycle among those drawn (sets the colour).
    public var group: Int
    /// Discharges are drawn dashed.
    public var isDischarge: Bool

    /// A curve to draw.
    public init(_ name: String, x: [Double], y: [Double], group: Int, isDischarge: Bool) {
      self.name = name
      self.x = x
      self.y = y
      self.group = group
      self.isDischarge = isDischarge
    }
  }

  static func series(_ curves: [Curve]) -> [Series] {
    curves.map {
      Series(
        $0.name, x: $0.x, y: $0.y, style: $0.isDischarge ? .dashedLine : .line,
        color: ImpedancePlots.palette[$0.group % ImpedancePlots.palette.count])
    }
  }

  /// Voltage (V) against capacity (`capacityLabel`, e.g. "capacity / mAh g⁻¹").
  public static func voltageProfiles(_ curves: [Curve], capacityLabel: String, title: String? = nil)
    -> Figure
  {
    var figure = Figure(width: 640, height: 440)
    var panel = Panel(
      xAxis: Axis(capacityLabel), yAxis: Axis("voltage / V"), series: series(curves), title: title)
    panel.legendCorner = .automatic
    figure.add(panel, x: 0, y: 0, width: 640, height: 440)
    return figure
  }

  /// dQ/dV (`unitLabel`) against voltage.
  public static func differentialCapacity(
    _ curves: [Curve], unitLabel: String, title: String? = nil
  )
    -> Figure
  {
    var figure = Figure(width: 640, height: 440)
    var panel = Panel(
      xAxis: Axis("voltage / V"), yAxis: Axis(unitLabel), series: series(curves), title: title)
    panel.legendCorner = .automatic
    figure.add(panel, x: 0, y: 0, width: 640, height: 440)
    return figure
  }

  /// Charge and discharge capacity (upper panel) and coulombic efficiency
  /// (%, lower panel) against cycle number.
  public static func capacityAndEfficiency(
    cycles: [Double], charge: [Double], discharge: [Double], efficiencyPercent: [Double?],
    capacityLabel: String, title: String? = nil
  ) -> Figure {
    var figure = Figure(width: 640, height: 560)
    var top = Panel(
      xAxis: Axis("cycle"), yAxis: Axis(capacityLabel),
      series: [
        Series("charge", x: cycles, y: charge, style: .markers, color: ImpedancePlots.palette[0]),
        Series(
          "discharge", x: cycles, y: discharge, style: .filledMarkers,
          color: ImpedancePlots.palette[1]),
      ], title: title)
    top.legendCorner = .automatic
    let points = zip(cycles, efficiencyPercent).compactMap { c, e in e.map { (c, $0) } }
    let bottom = Panel(
      xAxis: Axis("cycle"), yAxis: Axis("coulombic efficiency / %"),
      series: [
        Series(
          "Q_discharge / Q_charge", x: points.map(\.0), y: points.map(\.1), style: .markers,
          color: "black")
      ])
    figure.add(top, x: 0, y: 0, width: 640, height: 340)
    figure.add(bottom, x: 0, y: 340, width: 640, height: 220)
    return figure
  }
}

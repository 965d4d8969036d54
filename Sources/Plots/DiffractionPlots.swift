import Foundation

/// Powder diffraction figures.
public enum DiffractionPlots {
  /// One pattern of a stacked figure: its name, 2θ (degrees) and
  /// intensity (scaled to 100), drawn in `color`.
  public struct Pattern: Sendable {
    /// Legend entry.
    public var name: String
    /// 2θ, degrees.
    public var twoTheta: [Double]
    /// Intensity, 0–100.
    public var intensity: [Double]
    /// SVG colour.
    public var color: String

    /// A pattern to draw.
    public init(_ name: String, twoTheta: [Double], intensity: [Double], color: String) {
      self.name = name
      self.twoTheta = twoTheta
      self.intensity = intensity
      self.color = color
    }
  }

  /// Patterns stacked from the bottom up, each 110 units above the last, as
  /// a paper's figure compares a measured pattern with a simulated one;
  /// intensity in arbitrary units against 2θ.
  public static func stacked(_ patterns: [Pattern], radiation: String, title: String? = nil)
    -> Figure
  {
    var figure = Figure(width: 760, height: 420)
    let series = patterns.enumerated().map { k, p in
      Series(
        p.name, x: p.twoTheta, y: p.intensity.map { $0 + 110 * Double(k) }, style: .line,
        color: p.color)
    }
    let panel = Panel(
      xAxis: Axis("2θ / ° (\(radiation))"),
      yAxis: Axis("intensity / a.u.", range: 0...(110 * Double(max(patterns.count, 1)) + 5)),
      series: series, title: title)
    figure.add(panel, x: 0, y: 0, width: 760, height: 420)
    return figure
  }
}

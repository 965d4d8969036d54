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

  /// The figure of a whole-pattern fit as papers show it: observed points,
  /// the calculated pattern as a line, the background dashed, a row of
  /// tick marks at the reflection positions and the difference below;
  /// counts against 2θ.
  public static func refinement(
    twoTheta: [Double], observed: [Double], calculated: [Double], background: [Double],
    reflections: [(phase: String, twoTheta: [Double])], radiation: String, title: String? = nil
  ) -> Figure {
    let top = observed.max() ?? 1
    let bottom = min(observed.min() ?? 0, 0)
    let span = max(top - bottom, 1)
    let difference = zip(observed, calculated).map { $0 - $1 }
    let rows = Double(max(reflections.count, 1))
    let offset = bottom - (0.04 + 0.04 * rows) * span - (difference.max() ?? 0)
    let low = offset + (difference.min() ?? 0) - 0.03 * span
    var figure = Figure(width: 760, height: 440)
    // One row of tick marks per phase, below the pattern.
    let ticks = reflections.enumerated().map { k, phase in
      let row = bottom - 0.04 * Double(k + 1) * span
      return Series(
        reflections.count > 1 ? "reflections \(phase.phase)" : "reflections", x: phase.twoTheta,
        y: phase.twoTheta.map { _ in row }, style: .ticks, color: JournalPalette.colors[(2 + 2 * k) % JournalPalette.colors.count])
    }
    let panel = Panel(
      xAxis: Axis("2θ / ° (\(radiation))"),
      yAxis: Axis("intensity / counts", range: low...(top + 0.05 * span)),
      series: [
        Series("observed", x: twoTheta, y: observed, style: .markers, color: "#000000"),
        Series("calculated", x: twoTheta, y: calculated, style: .line, color: JournalPalette.colors[5]),
        Series("background", x: twoTheta, y: background, style: .dashedLine, color: "#777777"),
      ] + ticks + [
        Series("difference", x: twoTheta, y: difference.map { $0 + offset }, style: .line, color: JournalPalette.colors[1])
      ], title: title)
    figure.add(panel, x: 0, y: 0, width: 760, height: 440)
    return figure
  }
}

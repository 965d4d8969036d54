import Foundation

extension DiffractionPlots {
  /// How the intensities of a whole-pattern fit are drawn.
  public enum IntensityScale: String, Sendable, CaseIterable {
    /// Counts.
    case linear
    /// √counts (the difference as √obs − √calc): weak peaks and the
    /// background show beside strong ones.
    case squareRoot = "sqrt"
    /// log₁₀ counts, the difference in its own panel below (counts).
    case logarithmic = "log"
  }

  /// The figure of a whole-pattern fit as papers show it: observed points,
  /// the calculated pattern as a line, the background dashed, a row of
  /// tick marks per phase at the reflection positions and the difference
  /// below; counts (or √counts, or log counts) against 2θ.
  public static func refinement(
    twoTheta: [Double], observed: [Double], calculated: [Double], background: [Double],
    reflections: [(phase: String, twoTheta: [Double])], radiation: String, title: String? = nil,
    scale: IntensityScale = .linear
  ) -> Figure {
    if scale == .logarithmic {
      return logarithmic(
        twoTheta: twoTheta, observed: observed, calculated: calculated, background: background,
        reflections: reflections, radiation: radiation, title: title)
    }
    let root = scale == .squareRoot
    func shown(_ y: [Double]) -> [Double] { root ? y.map { ($0 < 0 ? -1 : 1) * abs($0).squareRoot() } : y }
    let (obs, calc, bg) = (shown(observed), shown(calculated), shown(background))
    let top = obs.max() ?? 1
    let bottom = min(obs.min() ?? 0, 0)
    let span = max(top - bottom, root ? 1e-3 : 1)
    let difference = zip(obs, calc).map { $0 - $1 }
    let rows = Double(max(reflections.count, 1))
    let offset = bottom - (0.04 + 0.04 * rows) * span - (difference.max() ?? 0)
    let low = offset + (difference.min() ?? 0) - 0.03 * span
    var figure = Figure(width: 760, height: 440)
    let panel = Panel(
      xAxis: Axis("2θ / ° (\(radiation))"),
      yAxis: Axis(root ? "√(intensity / counts)" : "intensity / counts", range: low...(top + 0.05 * span)),
      series: [
        Series("observed", x: twoTheta, y: obs, style: .markers, color: "#000000"),
        Series("calculated", x: twoTheta, y: calc, style: .line, color: JournalPalette.colors[5]),
        Series("background", x: twoTheta, y: bg, style: .dashedLine, color: "#777777"),
      ] + tickRows(reflections, rows: { bottom - 0.04 * Double($0 + 1) * span }) + [
        Series("difference", x: twoTheta, y: difference.map { $0 + offset }, style: .line, color: JournalPalette.colors[1])
      ], title: title)
    figure.add(panel, x: 0, y: 0, width: 760, height: 440)
    return figure
  }

  /// One row of tick marks per phase, at the heights `rows(k)`.
  static func tickRows(_ reflections: [(phase: String, twoTheta: [Double])], rows: (Int) -> Double) -> [Series] {
    reflections.enumerated().map { k, phase in
      Series(
        reflections.count > 1 ? "reflections \(phase.phase)" : "reflections", x: phase.twoTheta,
        y: phase.twoTheta.map { _ in rows(k) }, style: .ticks,
        color: JournalPalette.colors[(2 + 2 * k) % JournalPalette.colors.count])
    }
  }

  /// The logarithmic version: the pattern on log counts (points below one
  /// count drawn at one), the ticks beneath it, and the difference in
  /// counts in a panel of its own.
  static func logarithmic(
    twoTheta: [Double], observed: [Double], calculated: [Double], background: [Double],
    reflections: [(phase: String, twoTheta: [Double])], radiation: String, title: String?
  ) -> Figure {
    func floored(_ y: [Double]) -> [Double] { y.map { max($0, 1) } }
    let top = max(observed.max() ?? 10, 10)
    let low = max((floored(background).min() ?? 1) / pow(1.6, Double(reflections.count + 1)), 0.1)
    var figure = Figure(width: 760, height: 520)
    let pattern = Panel(
      xAxis: Axis("2θ / ° (\(radiation))"),
      yAxis: Axis("intensity / counts", scale: .logarithmic, range: low...(top * 1.5)),
      series: [
        Series("observed", x: twoTheta, y: floored(observed), style: .markers, color: "#000000"),
        Series("calculated", x: twoTheta, y: floored(calculated), style: .line, color: JournalPalette.colors[5]),
        Series("background", x: twoTheta, y: floored(background), style: .dashedLine, color: "#777777"),
      ] + tickRows(reflections, rows: { low * pow(1.6, Double($0) + 0.5) }), title: title)
    let difference = zip(observed, calculated).map { $0 - $1 }
    let reach = max(difference.map { abs($0) }.max() ?? 1, 1)
    let below = Panel(
      xAxis: Axis("2θ / ° (\(radiation))"), yAxis: Axis("obs − calc / counts", range: (-1.1 * reach)...(1.1 * reach)),
      series: [Series("difference", x: twoTheta, y: difference, style: .line, color: JournalPalette.colors[1])])
    figure.add(pattern, x: 0, y: 0, width: 760, height: 370)
    figure.add(below, x: 0, y: 370, width: 760, height: 150)
    return figure
  }
}

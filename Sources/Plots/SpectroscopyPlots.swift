import Foundation

/// Spectroscopy figures in the journal convention: a photoelectron region
/// on a binding-energy axis growing to the left, data as markers, the
/// background, each component and the envelope as lines, and the
/// normalised residual in a panel beneath.
public enum SpectroscopyPlots {
  /// One fitted component's curve (background included, as papers draw it).
  public struct Component: Sendable {
    /// Legend text ("NaF 683.52 eV").
    public var name: String
    /// Values at the region's energies.
    public var values: [Double]

    /// A component.
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  /// The fit of one region: data, background, components, envelope and residuals.
  public static func photoelectronFit(
    energies: [Double], signal: [Double], background: [Double], components: [Component], envelope: [Double],
    residuals: [Double], signalLabel: String, title: String? = nil
  ) -> Figure {
    var axis = Axis("binding energy / eV")
    axis.reversed = true
    var series = [Series("data", x: energies, y: signal, style: .markers, color: "#555555")]
    series.append(Series("background", x: energies, y: background, style: .dashedLine, color: "#777777"))
    for (k, c) in components.enumerated() {
      series.append(Series(c.name, x: energies, y: c.values, style: .line, color: JournalPalette.color(k)))
    }
    series.append(Series("envelope", x: energies, y: envelope, style: .line, color: "#000000"))
    var main = Panel(xAxis: axis, yAxis: Axis(signalLabel), series: series, title: title)
    main.legendCorner = .automatic
    let lower = Panel(
      xAxis: axis, yAxis: Axis("residual / σ"),
      series: [Series("residual", x: energies, y: residuals, style: .line, color: "#000000")])
    var figure = Figure(width: 680, height: 520)
    figure.add(main, x: 0, y: 0, width: 680, height: 390)
    figure.add(lower, x: 0, y: 390, width: 680, height: 130)
    return figure
  }
}

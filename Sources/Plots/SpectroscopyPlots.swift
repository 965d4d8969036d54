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

extension SpectroscopyPlots {
  /// An IR spectrum and its baseline on a wavenumber axis that decreases to
  /// the right (the IR convention).
  public static func infrared(
    wavenumbers: [Double], values: [Double], baseline: [Double], label: String, title: String? = nil
  ) -> Figure {
    var axis = Axis("wavenumber / cm⁻¹")
    axis.reversed = true
    let series = [
      Series("spectrum", x: wavenumbers, y: values, style: .line, color: "#000000"),
      Series("baseline", x: wavenumbers, y: baseline, style: .dashedLine, color: "#777777"),
    ]
    var panel = Panel(xAxis: axis, yAxis: Axis(label), series: series, title: title)
    panel.legendCorner = .automatic
    var figure = Figure(width: 680, height: 400)
    figure.add(panel, x: 0, y: 0, width: 680, height: 400)
    return figure
  }

  /// Two IR spectra on one scale, overlaid, with their difference (after −
  /// before) in a panel beneath.
  public static func infraredComparison(
    wavenumbers: [Double], before: [Double], after: [Double], labels: (String, String), label: String
  ) -> Figure {
    var axis = Axis("wavenumber / cm⁻¹")
    axis.reversed = true
    var main = Panel(
      xAxis: axis, yAxis: Axis(label),
      series: [
        Series(labels.0, x: wavenumbers, y: before, style: .line, color: JournalPalette.color(0)),
        Series(labels.1, x: wavenumbers, y: after, style: .line, color: JournalPalette.color(1)),
      ])
    main.legendCorner = .automatic
    var lower = Panel(
      xAxis: axis, yAxis: Axis("difference"),
      series: [
        Series("\(labels.1) − \(labels.0)", x: wavenumbers, y: zip(after, before).map { $0 - $1 }, style: .line, color: "#000000")
      ])
    lower.legendCorner = .automatic
    var figure = Figure(width: 680, height: 520)
    figure.add(main, x: 0, y: 0, width: 680, height: 370)
    figure.add(lower, x: 0, y: 370, width: 680, height: 150)
    return figure
  }
}

import Foundation
import IonicsCore

/// The Arrhenius plot of solid-state ionics (the NRASCN paper's Fig. 3c):
/// log10(σ / S cm⁻¹) against 1000/T (K⁻¹), data with ±1σ error bars, fitted
/// lines, and a °C scale along the top.
public enum ConductivityPlots {
  /// Measured conductivities.
  public struct DataSet: Sendable {
    /// Legend text.
    public var name: String
    /// Temperatures, K.
    public var temperaturesKelvin: [Double]
    /// σ, S/cm.
    public var conductivities: [Double]
    /// Standard uncertainties of σ, S/cm (0 for none).
    public var uncertainties: [Double]

    /// A data set.
    public init(
      name: String, temperaturesKelvin: [Double], conductivities: [Double],
      uncertainties: [Double]
    ) {
      self.name = name
      self.temperaturesKelvin = temperaturesKelvin
      self.conductivities = conductivities
      self.uncertainties = uncertainties
    }
  }

  /// A model curve σ(T), drawn as a line (dashed for a second model).
  public struct Curve: Sendable {
    /// Legend text, such as "σ form: Ea = 0.320(4) eV".
    public var name: String
    /// Temperatures, K.
    public var temperaturesKelvin: [Double]
    /// σ, S/cm.
    public var conductivities: [Double]
    /// Dashed rather than solid.
    public var dashed: Bool
    /// Draw in the colour of this data set (by index); nil: black for the
    /// first curve, then the palette.
    public var colorOfDataSet: Int?

    /// A curve.
    public init(
      name: String, temperaturesKelvin: [Double], conductivities: [Double], dashed: Bool = false,
      colorOfDataSet: Int? = nil
    ) {
      self.name = name
      self.temperaturesKelvin = temperaturesKelvin
      self.conductivities = conductivities
      self.dashed = dashed
      self.colorOfDataSet = colorOfDataSet
    }
  }

  /// The Arrhenius figure as SVG.
  public static func arrhenius(_ data: [DataSet], curves: [Curve], title: String? = nil)
    -> Figure
  {
    var series: [Series] = []
    var xs: [Double] = []
    var ys: [Double] = []
    for (k, set) in data.enumerated() {
      let x = set.temperaturesKelvin.map { 1000 / $0 }
      let y = set.conductivities.map { log10($0) }
      // A relative error e of σ is e/ln 10 in log10 σ.
      let errors = zip(set.conductivities, set.uncertainties).map { $1 / ($0 * log(10.0)) }
      series.append(
        Series(
          set.name, x: x, y: y, style: .markers,
          color: ImpedancePlots.palette[k % ImpedancePlots.palette.count], yErrors: errors))
      xs += x
      ys += zip(y, errors).flatMap { [$0 - $1, $0 + $1] }
    }
    for (k, curve) in curves.enumerated() {
      let x = curve.temperaturesKelvin.map { 1000 / $0 }
      let y = curve.conductivities.map { log10($0) }
      series.append(
        Series(
          curve.name, x: x, y: y, style: curve.dashed ? .dashedLine : .line,
          color: curve.colorOfDataSet.map {
            ImpedancePlots.palette[$0 % ImpedancePlots.palette.count]
          } ?? (k == 0 ? "black" : ImpedancePlots.palette[(k + 1) % ImpedancePlots.palette.count])))
      xs += x
      ys += y
    }
    let x = Axis("1000/T / K⁻¹")
    let y = Axis("log₁₀(σ / S cm⁻¹)")
    let xRange = x.automaticRange(xs)
    var panel = Panel(
      xAxis: Axis(x.label, range: xRange), yAxis: Axis(y.label, range: y.automaticRange(ys)),
      series: series, title: title, topAxis: celsiusAxis(over: xRange))
    panel.legendCorner = .automatic
    var figure = Figure(width: 560, height: 440)
    figure.add(panel, x: 0, y: 0, width: 560, height: 440)
    return figure
  }

  /// °C ticks for a 1000/T axis: steps of 5, 10, 20, 25, 50 or 100 °C, chosen
  /// so that about four to eight ticks fall inside `range`.
  static func celsiusAxis(over range: ClosedRange<Double>) -> TopAxis {
    guard range.lowerBound > 0 else { return TopAxis("T / °C", ticks: []) }
    let hottest = 1000 / range.lowerBound - PhysicalConstants.zeroCelsiusInKelvin
    let coldest = 1000 / range.upperBound - PhysicalConstants.zeroCelsiusInKelvin
    let span = hottest - coldest
    let step = [5.0, 10, 20, 25, 50, 100, 200].first { span / $0 <= 8 } ?? 500
    var ticks: [(position: Double, text: String)] = []
    var t = (coldest / step).rounded(.up) * step
    while t <= hottest + 1e-9 && ticks.count < 20 {
      ticks.append((1000 / (Units.kelvin(fromCelsius: t)), String(format: "%g", t)))
      t += step
    }
    return TopAxis("T / °C", ticks: ticks)
  }
}

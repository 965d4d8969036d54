import Foundation
import Testing

@testable import Plots

#if canImport(FoundationXML)
  import FoundationXML
#endif

struct FigureTests {
  /// The SVG parses as XML (browsers and Inkscape open it).
  @Test func svgIsWellFormedXML() throws {
    let svg = ImpedancePlots.nyquistAndBode(
      [
        .init(
          name: "data & more <x>", frequencies: [1e5, 1e3, 10, 0.1], real: [10, 60, 110, 115],
          imaginary: [-5, -50, -10, -100], isFit: false),
        .init(
          name: "fit", frequencies: [1e5, 1e3, 10, 0.1], real: [10, 60, 110, 115],
          imaginary: [-5, -50, -10, -100], isFit: true),
      ], title: "test").svg
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(svg.contains("data &amp; more &lt;x&gt;"))
  }

  /// Linear ticks step by 1, 2 or 5 × 10^k; log ticks sit on decades.
  @Test func ticks() {
    #expect(Axis("x").ticks(in: 0...10) == [0, 2, 4, 6, 8, 10])
    #expect(Axis("x").ticks(in: 0...0.9) == [0, 0.2, 0.4, 0.6, 0.8])
    #expect(Axis("f", scale: .logarithmic).ticks(in: 1e-2...1e3) == [1e-2, 1e-1, 1, 10, 100, 1000])
    #expect(Axis("x").commonExponent(for: [0, 50_000, 100_000]) == 5)
    #expect(Axis("x").tickLabel(50_000, exponent: 5).base == "0.5")
  }

  /// In a Nyquist panel one ohm has the same length on both axes: a
  /// semicircle of radius 50 Ω is drawn as a circle.
  @Test func nyquistHasEqualAxes() throws {
    let angles = (0...40).map { Double($0) * Double.pi / 40 }
    let curve = ImpedancePlots.Curve(
      name: "arc", frequencies: angles.map { _ in 1 }, real: angles.map { 50 + 50 * cos($0) },
      imaginary: angles.map { -50 * sin($0) }, isFit: false)
    let svg = ImpedancePlots.nyquistAndBode([curve]).svg
    // Circle centres of the first panel's markers.
    let pattern = try Regex(#"<circle cx="([0-9.]+)" cy="([0-9.]+)" r="3""#)
    let points = svg.matches(of: pattern).prefix(41).compactMap { m -> (Double, Double)? in
      guard let x = Double(String(m.output[1].substring ?? "")),
        let y = Double(String(m.output[2].substring ?? ""))
      else { return nil }
      return (x, y)
    }
    #expect(points.count == 41)
    let xs = points.map(\.0)
    let ys = points.map(\.1)
    let width = (xs.max() ?? 0) - (xs.min() ?? 0)
    let height = (ys.max() ?? 0) - (ys.min() ?? 0)
    // Diameter 100 Ω wide, radius 50 Ω high: width = 2 × height in pixels.
    #expect(abs(width / height - 2) < 0.01, "width \(width), height \(height)")
  }
}

struct ConductivityPlotTests {
  /// The °C scale sits where 1000/T puts it: 25 °C at 1000/298.15 K⁻¹;
  /// steps are round (25 °C over 25–100 °C).
  @Test func celsiusTicksOverInverseTemperature() {
    let axis = ConductivityPlots.celsiusAxis(over: 2.65...3.42)
    let texts = axis.ticks.map(\.text)
    #expect(texts == ["25", "50", "75", "100"] || texts == ["20", "40", "60", "80", "100"])
    for tick in axis.ticks {
      let celsius = Double(tick.text) ?? .nan
      #expect(abs(tick.position - 1000 / (celsius + 273.15)) < 1e-12)
    }
  }

  /// Error bars are drawn for each point with a non-zero uncertainty, in
  /// log10 units (u/σ/ln 10), and the figure is well-formed XML.
  @Test func arrheniusFigureHasErrorBars() throws {
    let t: [Double] = [298.15, 323.15, 348.15, 373.15]
    let sigma = t.map { 2.7 * exp(-0.32 / 8.617333262e-5 / $0) }
    let svg = ConductivityPlots.arrhenius(
      [
        .init(
          name: "σ", temperaturesKelvin: t, conductivities: sigma,
          uncertainties: [0.05 * sigma[0], 0, 0.05 * sigma[2], 0.05 * sigma[3]])
      ], curves: [.init(name: "fit", temperaturesKelvin: t, conductivities: sigma)]).svg
    let bars = svg.components(separatedBy: "<path d=\"M").count - 1
    #expect(bars == 3)
    #expect(svg.contains("T / °C") && svg.contains("1000/T / K⁻¹"))
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse())
  }

  /// A fit drawn on √counts keeps √obs − √calc as its difference; on log
  /// counts the pattern has a log axis and the difference (in counts) a
  /// panel of its own, and the SVG still parses.
  @Test func refinementOnSquareRootAndLogScales() throws {
    let x = [10.0, 10.1, 10.2], obs = [100.0, 400, 100], calc = [81.0, 400, 121], bg = [64.0, 64, 64]
    let root = DiffractionPlots.refinement(
      twoTheta: x, observed: obs, calculated: calc, background: bg, reflections: [("A", [10.1])], radiation: "CuKa1",
      scale: .squareRoot)
    let series = try #require(root.panels.first?.panel.series)
    #expect(series.first { $0.name == "observed" }?.y == [10, 20, 10])
    let difference = try #require(series.first { $0.name == "difference" }?.y)
    #expect(abs((difference[0] - difference[1]) - 1) < 1e-12 && abs((difference[2] - difference[1]) + 1) < 1e-12)
    let log = DiffractionPlots.refinement(
      twoTheta: x, observed: obs, calculated: calc, background: bg, reflections: [("A", [10.1])], radiation: "CuKa1",
      scale: .logarithmic)
    #expect(log.panels.count == 2)
    #expect(log.panels.first?.panel.yAxis.scale == .logarithmic)
    #expect(log.panels.last?.panel.series.first?.y == [19, 0, -21])
    let parser = XMLParser(data: Data(log.svg.utf8))
    #expect(parser.parse())
  }
}

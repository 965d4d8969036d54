import Foundation

/// A data series drawn in a panel.
public struct Series: Sendable {
  /// How the points are drawn.
  public enum Style: Sendable {
    /// Open circles, for measured data.
    case markers
    /// A line, for a fit or a simulation.
    case line
    /// A dashed line, for limits and guides.
    case dashedLine
    /// A line through open circles, for residuals.
    case lineWithMarkers
    /// Filled circles, for marked features such as peaks.
    case filledMarkers
    /// Short vertical bars, for the reflection positions under a powder fit.
    case ticks
  }

  /// Legend text.
  public var name: String
  /// x values, in data units.
  public var x: [Double]
  /// y values, in data units.
  public var y: [Double]
  /// Markers or line.
  public var style: Style
  /// CSS colour.
  public var color: String
  /// Standard errors of y (same units), drawn as vertical bars with caps; nil for none.
  public var yErrors: [Double]?

  /// A series named `name`, with optional vertical error bars.
  public init(
    _ name: String, x: [Double], y: [Double], style: Style, color: String,
    yErrors: [Double]? = nil
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.style = style
    self.color = color
    self.yErrors = yErrors
  }
}

/// A panel: axes, series and a legend, placed in a figure.
public struct Panel: Sendable {
  /// Horizontal axis.
  public var xAxis: Axis
  /// Vertical axis.
  public var yAxis: Axis
  /// The series, drawn in order.
  public var series: [Series]
  /// Same data length per pixel on both axes (Nyquist plots).
  public var equalAspect: Bool
  /// Panel title, shown above it (optional).
  public var title: String?
  /// A second scale along the top edge (°C over 1000/T), optional.
  public var topAxis: TopAxis?
  /// Where the legend goes.
  public var legendCorner: LegendCorner = .topRight
  /// A second vertical axis on the right (DTG beside mass %), optional.
  public var rightAxis: Axis?
  /// The series drawn against ``rightAxis``.
  public var rightSeries: [Series] = []

  /// A panel with the given axes and series.
  public init(
    xAxis: Axis, yAxis: Axis, series: [Series], equalAspect: Bool = false, title: String? = nil,
    topAxis: TopAxis? = nil
  ) {
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.equalAspect = equalAspect
    self.title = title
    self.topAxis = topAxis
  }
}

/// The corner of a panel that holds its legend.
public enum LegendCorner: Sendable {
  /// Inside the top-right corner (the default).
  case topRight
  /// Inside the top-left corner.
  case topLeft
  /// Inside the bottom-left corner.
  case bottomLeft
  /// Inside the bottom-right corner.
  case bottomRight
  /// The corner where the legend hides the fewest data points and line segments.
  case automatic
}

/// A secondary scale drawn along a panel's top edge: labelled ticks placed
/// at positions of the bottom axis (for example °C ticks at 1000/T).
public struct TopAxis: Sendable {
  /// Label with unit, "T / °C".
  public var label: String
  /// Ticks: position in bottom-axis data units, and the text shown.
  public var ticks: [(position: Double, text: String)]

  /// A top axis labelled `label`.
  public init(_ label: String, ticks: [(position: Double, text: String)]) {
    self.label = label
    self.ticks = ticks
  }
}

/// An SVG figure made of panels laid out in a grid, in the plain style of
/// a journal figure: black axes with inward ticks, sans-serif labels with
/// units, open markers for data and lines for fits.
public struct Figure: Sendable {
  /// Panels and their frames (x, y, width, height) in px.
  public var panels: [(panel: Panel, frame: (x: Double, y: Double, width: Double, height: Double))]
  /// Figure size, px.
  public var width: Double
  /// Figure size, px.
  public var height: Double
  /// The printed width, cm (a journal's 8.5 cm column or 17.8 cm page);
  /// nil leaves the size in px. The height keeps the aspect ratio.
  public var printedWidthCentimetres: Double?

  /// An empty figure of the given size.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
    self.panels = []
  }

  /// Adds `panel` in the frame (x, y, width, height).
  public mutating func add(_ panel: Panel, x: Double, y: Double, width: Double, height: Double) {
    panels.append((panel, (x, y, width, height)))
  }

  /// The SVG document.
  public var svg: String {
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" \(sizeAttributes) viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>

      """
    for (panel, frame) in panels { out += render(panel, frame) }
    out += "</svg>\n"
    return out
  }

  private func render(
    _ panel: Panel, _ frame: (x: Double, y: Double, width: Double, height: Double)
  ) -> String {
    let left = frame.x + 62
    let top = frame.y + (panel.title == nil ? 10 : 26) + (panel.topAxis == nil ? 0 : 34)
    var plotWidth = frame.width - 62 - (panel.rightAxis == nil ? 24 : 72)
    var plotHeight = frame.height - (top - frame.y) - 46
    var xRange = panel.xAxis.range ?? panel.xAxis.automaticRange(panel.series.flatMap(\.x))
    var yRange = panel.yAxis.range ?? panel.yAxis.automaticRange(panel.series.flatMap(\.y))
    if panel.equalAspect && panel.xAxis.scale == .linear && panel.yAxis.scale == .linear {
      // Widen the smaller span so that one data unit has the same length on both axes.
      let xSpan = xRange.upperBound - xRange.lowerBound
      let ySpan = yRange.upperBound - yRange.lowerBound
      if xSpan / plotWidth > ySpan / plotHeight {
        let needed = xSpan / plotWidth * plotHeight
        yRange = yRange.lowerBound...(yRange.lowerBound + needed)
      } else {
        let needed = ySpan / plotHeight * plotWidth
        xRange = xRange.lowerBound...(xRange.lowerBound + needed)
      }
    }
    plotWidth = max(plotWidth, 10)
    plotHeight = max(plotHeight, 10)
    let rightRange = panel.rightAxis.map {
      $0.range ?? $0.automaticRange(panel.rightSeries.flatMap(\.y))
    }
    func pr(_ y: Double) -> Double {
      guard let axis = panel.rightAxis, let range = rightRange else { return .nan }
      return top + plotHeight - axis.fraction(y, in: range) * plotHeight
    }
    func px(_ x: Double) -> Double {
      let f = panel.xAxis.fraction(x, in: xRange)
      return left + (panel.xAxis.reversed ? 1 - f : f) * plotWidth
    }
    func py(_ y: Double) -> Double {
      top + plotHeight - panel.yAxis.fraction(y, in: yRange) * plotHeight
    }
    func visible(_ x: Double, _ y: Double) -> Bool {
      x.isFinite && y.isFinite && (panel.xAxis.scale == .linear || x > 0)
        && (panel.yAxis.scale == .linear || y > 0)
    }

    var s = "<g>\n"
    if let title = panel.title {
      s +=
        "<text x=\"\(fmt(left))\" y=\"\(fmt(frame.y + 16))\" font-weight=\"bold\">\(escape(title))</text>\n"
    }
    s +=
      "<clipPath id=\"clip\(Int(frame.x))_\(Int(frame.y))\"><rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(plotHeight))\"/></clipPath>\n"
    // Series.
    s += "<g clip-path=\"url(#clip\(Int(frame.x))_\(Int(frame.y)))\">\n"
    let all = panel.series.map { ($0, false) } + panel.rightSeries.map { ($0, true) }
    for (series, onRightAxis) in all {
      let py = onRightAxis ? pr : py
      let points = zip(series.x, series.y).filter { visible($0.0, $0.1) && py($0.1).isFinite }
      let style = series.style
      if style == .line || style == .dashedLine || style == .lineWithMarkers {
        let path = points.map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }.joined(separator: " ")
        let dash = style == .dashedLine ? " stroke-dasharray=\"6 4\"" : ""
        let width = style == .line ? "1.6" : "1.1"
        s +=
          "<polyline fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"\(width)\"\(dash) points=\"\(path)\"/>\n"
      }
      if let errors = series.yErrors {
        for (k, (x, y)) in zip(series.x, series.y).enumerated()
        where k < errors.count && errors[k].isFinite && errors[k] > 0
          && visible(x, y - errors[k]) && visible(x, y + errors[k])
        {
          let (cx, low, high) = (px(x), py(y - errors[k]), py(y + errors[k]))
          s +=
            "<path d=\"M\(fmt(cx)),\(fmt(low))V\(fmt(high))M\(fmt(cx - 3)),\(fmt(low))H\(fmt(cx + 3))M\(fmt(cx - 3)),\(fmt(high))H\(fmt(cx + 3))\" stroke=\"\(series.color)\" stroke-width=\"1\" fill=\"none\"/>\n"
        }
      }
      if style == .ticks {
        for (x, y) in points {
          s +=
            "<path d=\"M\(fmt(px(x))),\(fmt(py(y) - 5))V\(fmt(py(y) + 5))\" stroke=\"\(series.color)\" stroke-width=\"1\"/>\n"
        }
      }
      if style == .markers || style == .lineWithMarkers || style == .filledMarkers {
        let fill =
          style == .filledMarkers ? series.color : (style == .lineWithMarkers ? "white" : "none")
        let radius = style == .filledMarkers ? "4" : "3"
        for (x, y) in points {
          s +=
            "<circle cx=\"\(fmt(px(x)))\" cy=\"\(fmt(py(y)))\" r=\"\(radius)\" fill=\"\(fill)\" stroke=\"\(series.color)\" stroke-width=\"1.2\"/>\n"
        }
      }
    }
    s += "</g>\n"
    // Frame and ticks.
    s +=
      "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(plotHeight))\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>\n"
    let xTicks = panel.xAxis.ticks(in: xRange)
    let yTicks = panel.yAxis.ticks(in: yRange)
    let xExponent = panel.xAxis.commonExponent(for: xTicks)
    let yExponent = panel.yAxis.commonExponent(for: yTicks)
    for t in xTicks {
      let x = px(t)
      s +=
        "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top + plotHeight))\" x2=\"\(fmt(x))\" y2=\"\(fmt(top + plotHeight - 5))\" stroke=\"black\"/>\n"
      s +=
        "<text x=\"\(fmt(x))\" y=\"\(fmt(top + plotHeight + 16))\" text-anchor=\"middle\">\(label(panel.xAxis.tickLabel(t, exponent: xExponent)))</text>\n"
    }
    for t in yTicks {
      let y = py(t)
      s +=
        "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y))\" x2=\"\(fmt(left + 5))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
      s +=
        "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(label(panel.yAxis.tickLabel(t, exponent: yExponent)))</text>\n"
    }
    s +=
      "<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(top + plotHeight + 36))\" text-anchor=\"middle\">\(axisLabel(panel.xAxis.label, xExponent))</text>\n"
    if let topAxis = panel.topAxis {
      for tick in topAxis.ticks where tick.position.isFinite {
        let f = panel.xAxis.fraction(tick.position, in: xRange)
        guard f >= -1e-9, f <= 1 + 1e-9 else { continue }
        let x = left + f * plotWidth
        s +=
          "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(top + 5))\" stroke=\"black\"/>\n"
        s +=
          "<text x=\"\(fmt(x))\" y=\"\(fmt(top - 6))\" text-anchor=\"middle\">\(escape(tick.text))</text>\n"
      }
      s +=
        "<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(top - 22))\" text-anchor=\"middle\">\(escape(topAxis.label))</text>\n"
    }
    let yMid = top + plotHeight / 2
    s +=
      "<text transform=\"translate(\(fmt(frame.x + 14)),\(fmt(yMid))) rotate(-90)\" text-anchor=\"middle\">\(axisLabel(panel.yAxis.label, yExponent))</text>\n"
    if let axis = panel.rightAxis, let range = rightRange {
      let ticks = axis.ticks(in: range)
      let exponent = axis.commonExponent(for: ticks)
      let edge = left + plotWidth
      for t in ticks {
        let y = pr(t)
        s +=
          "<line x1=\"\(fmt(edge))\" y1=\"\(fmt(y))\" x2=\"\(fmt(edge - 5))\" y2=\"\(fmt(y))\" stroke=\"black\"/>\n"
        s +=
          "<text x=\"\(fmt(edge + 6))\" y=\"\(fmt(y + 4))\" text-anchor=\"start\">\(label(axis.tickLabel(t, exponent: exponent)))</text>\n"
      }
      s +=
        "<text transform=\"translate(\(fmt(frame.x + frame.width - 12)),\(fmt(yMid))) rotate(90)\" text-anchor=\"middle\">\(axisLabel(axis.label, exponent))</text>\n"
    }
    // Legend: top right, or with `.automatic` the corner that hides fewest points.
    let legendSeries = panel.series + panel.rightSeries
    let longest = legendSeries.filter { !$0.name.isEmpty }.map(\.name.count).max() ?? 0
    let entries = legendSeries.filter { !$0.name.isEmpty }.count
    let boxWidth = 40 + 6.6 * Double(longest)
    let boxHeight = 16 * Double(entries) + 6
    var corner = panel.legendCorner
    if corner == .automatic {
      var drawn: [(Double, Double)] = []
      for series in panel.series {
        let points = zip(series.x, series.y).filter { visible($0.0, $0.1) }.map {
          (px($0.0), py($0.1))
        }
        drawn += points
        if series.style != .markers && series.style != .filledMarkers && series.style != .ticks {
          // Lines cover the space between their points too.
          for (a, b) in zip(points, points.dropFirst()) {
            for k in 1..<8 {
              let f = Double(k) / 8
              drawn.append((a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1)))
            }
          }
        }
      }
      func hidden(_ c: LegendCorner) -> Int {
        let x0 = c == .topRight || c == .bottomRight ? left + plotWidth - boxWidth : left
        let y0 = c == .topRight || c == .topLeft ? top : top + plotHeight - boxHeight
        return drawn.filter {
          $0.0 >= x0 && $0.0 <= x0 + boxWidth && $0.1 >= y0 && $0.1 <= y0 + boxHeight
        }.count
      }
      corner =
        [LegendCorner.topRight, .bottomLeft, .topLeft, .bottomRight].min {
          hidden($0) < hidden($1)
        } ?? .topRight
    }
    let onRight = corner == .topRight || corner == .bottomRight
    let onTop = corner == .topRight || corner == .topLeft || corner == .automatic
    var ly = onTop ? top + 14 : top + plotHeight - boxHeight + 14
    for series in legendSeries where !series.name.isEmpty {
      let lx = onRight ? left + plotWidth - 34 - 6.6 * Double(longest) : left + 10
      let style = series.style
      if style == .line || style == .dashedLine || style == .lineWithMarkers {
        let dash = style == .dashedLine ? " stroke-dasharray=\"6 4\"" : ""
        s +=
          "<line x1=\"\(fmt(lx))\" y1=\"\(fmt(ly - 4))\" x2=\"\(fmt(lx + 18))\" y2=\"\(fmt(ly - 4))\" stroke=\"\(series.color)\" stroke-width=\"1.6\"\(dash)/>\n"
      }
      if style == .markers || style == .lineWithMarkers || style == .filledMarkers {
        let fill =
          style == .filledMarkers ? series.color : (style == .lineWithMarkers ? "white" : "none")
        s +=
          "<circle cx=\"\(fmt(lx + 9))\" cy=\"\(fmt(ly - 4))\" r=\"3\" fill=\"\(fill)\" stroke=\"\(series.color)\" stroke-width=\"1.2\"/>\n"
      }
      if style == .ticks {
        s +=
          "<path d=\"M\(fmt(lx + 9)),\(fmt(ly - 9))V\(fmt(ly + 1))\" stroke=\"\(series.color)\" stroke-width=\"1\"/>\n"
      }
      s += "<text x=\"\(fmt(lx + 24))\" y=\"\(fmt(ly))\">\(escape(series.name))</text>\n"
      ly += 16
    }
    s += "</g>\n"
    return s
  }

  /// "Z′ / Ω" with a common factor: "Z′ / 10⁴ Ω" written as "Z′ / Ω (×10^4)".
  private func axisLabel(_ text: String, _ exponent: Int) -> String {
    guard exponent != 0 else { return escape(text) }
    return
      "\(escape(text)) (×10<tspan dy=\"-5\" font-size=\"9\">\(exponent)</tspan><tspan dy=\"5\">)</tspan>"
  }

  /// A tick label, with a typographic minus sign (U+2212) as papers print it.
  private func label(_ parts: (base: String, exponent: String?)) -> String {
    func minus(_ t: String) -> String { t.hasPrefix("-") ? "−" + t.dropFirst() : t }
    guard let exponent = parts.exponent else { return escape(minus(parts.base)) }
    return
      "\(escape(minus(parts.base)))<tspan dy=\"-5\" font-size=\"9\">\(escape(minus(exponent)))</tspan>"
  }
}

func fmt(_ x: Double) -> String { String(format: "%.2f", x) }

func escape(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

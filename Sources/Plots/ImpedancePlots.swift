import Foundation

/// The standard impedance figure: a Nyquist plot with equal axes (−Im Z up)
/// beside Bode plots of |Z| and −phase against log f; data as markers and
/// any fit as a line. Arrays are Hz and Ω, Im Z < 0 capacitive.
public enum ImpedancePlots {
  /// One measured spectrum or model curve.
  public struct Curve: Sendable {
    /// Legend text.
    public var name: String
    /// Frequencies, Hz.
    public var frequencies: [Double]
    /// Re Z, Ω.
    public var real: [Double]
    /// Im Z, Ω.
    public var imaginary: [Double]
    /// Data (markers) or fit (line).
    public var isFit: Bool

    /// A curve.
    public init(
      name: String, frequencies: [Double], real: [Double], imaginary: [Double], isFit: Bool
    ) {
      self.name = name
      self.frequencies = frequencies
      self.real = real
      self.imaginary = imaginary
      self.isFit = isFit
    }
  }

  static let palette = JournalPalette.colors

  /// Nyquist + Bode figure as SVG; `nyquistRange` (Ω) zooms the Nyquist plot
  /// to 0…upper on both axes, for arcs hidden behind an electrode spike.
  public static func nyquistAndBode(
    _ curves: [Curve], title: String? = nil, nyquistRange: ClosedRange<Double>? = nil
  ) -> Figure {
    var figure = Figure(width: 980, height: 420)
    func series(_ c: Curve, _ k: Int, x: [Double], y: [Double], legend: Bool = true) -> Series {
      Series(
        legend ? c.name : "", x: x, y: y, style: c.isFit ? .line : .markers,
        color: palette[k % palette.count])
    }
    var dataIndex = 0
    var colours: [Int] = []
    for c in curves {
      colours.append(dataIndex)
      if c.isFit { continue }
      dataIndex += 1
    }
    // A fit takes the colour of the data before it.
    let colourOf = curves.indices.map { i -> Int in
      curves[i].isFit ? max(0, colours[i] - 1) : colours[i]
    }
    let nyquist = Panel(
      xAxis: Axis("Z′ / Ω", range: nyquistRange), yAxis: Axis("−Z″ / Ω", range: nyquistRange),
      series: curves.indices.map {
        series(curves[$0], colourOf[$0], x: curves[$0].real, y: curves[$0].imaginary.map { -$0 })
      },
      equalAspect: true, title: title)
    figure.add(nyquist, x: 0, y: 0, width: 440, height: 420)
    let modulus = Panel(
      xAxis: Axis("f / Hz", scale: .logarithmic), yAxis: Axis("|Z| / Ω", scale: .logarithmic),
      series: curves.indices.map { i in
        let c = curves[i]
        return series(
          c, colourOf[i], x: c.frequencies,
          y: zip(c.real, c.imaginary).map { ($0 * $0 + $1 * $1).squareRoot() }, legend: false)
      })
    figure.add(modulus, x: 450, y: 0, width: 530, height: 210)
    let phase = Panel(
      xAxis: Axis("f / Hz", scale: .logarithmic), yAxis: Axis("−phase / °"),
      series: curves.indices.map { i in
        let c = curves[i]
        return series(
          c, colourOf[i], x: c.frequencies,
          y: zip(c.real, c.imaginary).map { -atan2($1, $0) * 180 / .pi }, legend: false)
      })
    figure.add(phase, x: 450, y: 210, width: 530, height: 210)
    return figure
  }
}

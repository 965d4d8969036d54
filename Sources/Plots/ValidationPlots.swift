/// Figures of the spectrum checks: Lin-KK residuals and a DRT with its peaks.
/// Plain arrays in, SVG out.
public enum ValidationPlots {
  /// Lin-KK residuals (in % of |Z|) of the real and imaginary parts against
  /// log f, with the ± threshold band dashed, over the μ(M) curve.
  public static func kramersKronigResiduals(
    frequencies: [Double], realPercent: [Double], imaginaryPercent: [Double],
    thresholdPercent: Double, muHistory: [(elementCount: Int, mu: Double)], cutoff: Double?,
    title: String? = nil
  ) -> Figure {
    var figure = Figure(width: 760, height: 560)
    let lo = frequencies.min() ?? 1
    let hi = frequencies.max() ?? 10
    let largest = (realPercent + imaginaryPercent).map { abs($0) }.max() ?? 0
    let span = max(largest, thresholdPercent) * 1.15
    let residuals = Panel(
      xAxis: Axis("f / Hz", scale: .logarithmic), yAxis: Axis("ΔZ / |Z| / %", range: -span...span),
      series: [
        Series("Δ real", x: frequencies, y: realPercent, style: .lineWithMarkers, color: JournalPalette.colors[0]),
        Series(
          "Δ imaginary", x: frequencies, y: imaginaryPercent, style: .lineWithMarkers,
          color: JournalPalette.colors[1]),
        Series(
          "± threshold", x: [lo, hi], y: [thresholdPercent, thresholdPercent], style: .dashedLine,
          color: "#555555"),
        Series(
          "", x: [lo, hi], y: [-thresholdPercent, -thresholdPercent], style: .dashedLine,
          color: "#555555"),
      ], title: title)
    figure.add(residuals, x: 0, y: 0, width: 760, height: 340)
    var muSeries = [
      Series(
        "μ", x: muHistory.map { Double($0.elementCount) }, y: muHistory.map(\.mu),
        style: .lineWithMarkers, color: JournalPalette.colors[2])
    ]
    if let cutoff, let last = muHistory.last {
      muSeries.append(
        Series(
          "cut-off c", x: [1, Double(max(last.elementCount, 2))], y: [cutoff, cutoff],
          style: .dashedLine, color: "#555555"))
    }
    let mu = Panel(xAxis: Axis("number of RC elements M"), yAxis: Axis("μ"), series: muSeries)
    figure.add(mu, x: 0, y: 340, width: 760, height: 220)
    return figure
  }

  /// γ(τ) against log τ with the peaks marked and the measured window
  /// (1/(2π f_max) … 1/(2π f_min), s) dashed, over the GCV curve against log λ.
  public static func relaxationTimes(
    tau: [Double], gamma: [Double], peakTau: [Double], peakGamma: [Double],
    window: ClosedRange<Double>,
    gcvLambda: [Double], gcvScore: [Double], chosenLambda: Double, title: String? = nil
  ) -> Figure {
    var figure = Figure(width: 760, height: 560)
    let top = (gamma.max() ?? 1) * 1.05
    let drt = Panel(
      xAxis: Axis("τ / s", scale: .logarithmic), yAxis: Axis("γ / Ω"),
      series: [
        Series("γ(ln τ)", x: tau, y: gamma, style: .line, color: JournalPalette.colors[0]),
        Series("peaks", x: peakTau, y: peakGamma, style: .filledMarkers, color: JournalPalette.colors[1]),
        Series(
          "measured window", x: [window.lowerBound, window.lowerBound], y: [0, top],
          style: .dashedLine, color: "#777777"),
        Series(
          "", x: [window.upperBound, window.upperBound], y: [0, top], style: .dashedLine,
          color: "#777777"),
      ], title: title)
    figure.add(drt, x: 0, y: 0, width: 760, height: 340)
    let chosenScore = zip(gcvLambda, gcvScore).min {
      abs($0.0 - chosenLambda) < abs($1.0 - chosenLambda)
    }?.1
    var gcv = [
      Series("GCV(λ)", x: gcvLambda, y: gcvScore, style: .lineWithMarkers, color: JournalPalette.colors[2])
    ]
    if let chosenScore {
      gcv.append(
        Series(
          "chosen λ", x: [chosenLambda], y: [chosenScore], style: .filledMarkers, color: JournalPalette.colors[1]))
    }
    let curve = Panel(
      xAxis: Axis("λ", scale: .logarithmic), yAxis: Axis("GCV score", scale: .logarithmic),
      series: gcv)
    figure.add(curve, x: 0, y: 340, width: 760, height: 220)
    return figure
  }
}

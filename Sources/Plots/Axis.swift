import Foundation

/// One axis of a panel: its label (with unit), scale and range.
public struct Axis: Sendable {
  /// Linear or logarithmic (base 10).
  public enum Scale: Sendable { case linear, logarithmic }

  /// Label with unit, as a paper writes it: "Z′ / Ω", "f / Hz".
  public var label: String
  /// Scale.
  public var scale: Scale
  /// Range shown; nil to fit the data with a margin.
  public var range: ClosedRange<Double>?
  /// Values grow to the left (binding energy, wavenumber); honoured on
  /// horizontal axes.
  public var reversed = false

  /// An axis labelled `label`.
  public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    self.range = range
  }

  /// Maps a data value to [0, 1] across `range`.
  func fraction(_ value: Double, in range: ClosedRange<Double>) -> Double {
    switch scale {
    case .linear: return (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    case .logarithmic:
      return (log10(value) - log10(range.lowerBound))
        / (log10(range.upperBound) - log10(range.lowerBound))
    }
  }

  /// A range covering `values` with a small margin (whole decades on a log axis).
  func automaticRange(_ values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
    guard let lo = finite.min(), let hi = finite.max() else {
      return scale == .linear ? 0...1 : 1...10
    }
    switch scale {
    case .linear:
      let span = hi > lo ? hi - lo : max(abs(hi), 1)
      return (lo - 0.05 * span)...(hi + 0.05 * span)
    case .logarithmic:
      return pow(10, floor(log10(lo)))...pow(10, ceil(log10(hi) + (hi == lo ? 1 : 0)))
    }
  }

  /// Tick positions: 1–2–5 steps on a linear axis, decades on a log axis.
  func ticks(in range: ClosedRange<Double>) -> [Double] {
    switch scale {
    case .linear:
      let span = range.upperBound - range.lowerBound
      guard span > 0, span.isFinite else { return [range.lowerBound] }
      let raw = span / 5
      let magnitude = pow(10, floor(log10(raw)))
      let mantissa = [1.0, 2, 5, 10].first { $0 * magnitude >= raw } ?? 10
      let step = mantissa * magnitude
      // Tick n is n·mantissa·10^k, computed from integers so that 3 × 0.2 prints as 0.6.
      let inverse = magnitude < 1 ? (1 / magnitude).rounded() : 1
      func tick(_ n: Double) -> Double { magnitude < 1 ? n * mantissa / inverse : n * step }
      var n = ceil(range.lowerBound / step)
      var ticks: [Double] = []
      while tick(n) <= range.upperBound + 1e-9 * step && ticks.count < 50 {
        ticks.append(n == 0 ? 0 : tick(n))
        n += 1
      }
      return ticks
    case .logarithmic:
      guard range.lowerBound > 0, range.upperBound.isFinite,
        range.upperBound / range.lowerBound < 1e300
      else { return [] }
      let first = Int(ceil(log10(range.lowerBound) - 1e-9))
      let last = Int(floor(log10(range.upperBound) + 1e-9))
      guard first <= last else { return [] }
      let stride = max(1, (last - first + 1) / 8)
      return Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
    }
  }

  /// The power of ten that linear tick labels are divided by (shown in the
  /// axis label as ×10^k), so that ticks read 0, 2, 4 rather than 20000, 40000.
  func commonExponent(for ticks: [Double]) -> Int {
    guard scale == .linear, let largest = ticks.map({ abs($0) }).max(), largest > 0 else {
      return 0
    }
    let e = Int(floor(log10(largest)))
    return (e >= 4 || e <= -3) ? e : 0
  }

  /// Tick label text: plain numbers (divided by 10^exponent) on a linear axis, 10^k on a log axis.
  func tickLabel(_ value: Double, exponent: Int = 0) -> (base: String, exponent: String?) {
    switch scale {
    case .linear:
      let scaled = value / pow(10, Double(exponent))
      return (abs(scaled) < 1e-12 ? "0" : String(format: "%g", (scaled * 1e6).rounded() / 1e6), nil)
    case .logarithmic:
      return ("10", "\(Int(log10(value).rounded()))")
    }
  }
}

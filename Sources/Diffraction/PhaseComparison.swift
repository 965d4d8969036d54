import Foundation

/// A measured pattern set against the pattern simulated for one phase: the
/// zero shift and scale that fit best, Rwp, which measured peaks the phase
/// explains and which it does not, and a verdict in words.
public struct PhaseComparison: Sendable {
  /// A measured peak and the simulated peak that explains it (if any).
  public struct Match: Sendable {
    /// The measured peak.
    public var measured: FoundPeak
    /// The simulated peak (2θ already shifted by the zero shift).
    public var simulated: PowderPeak?
  }

  /// Zero shift z, degrees: measured 2θ = true 2θ + z.
  public var zeroShift: Double
  /// Scale of the simulated profile (counts per unit of simulated intensity).
  public var scale: Double
  /// FWHM used for the simulated peaks, degrees.
  public var fwhm: Double
  /// Weighted-profile R factor, %, with weights 1/counts.
  public var rwp: Double
  /// Every measured peak with its explanation.
  public var matches: [Match]
  /// Simulated peaks above 5 % that no measured peak matches.
  public var missing: [PowderPeak]
  /// The background under the measurement.
  public var background: [Double]
  /// The fitted simulated profile (background included) on the measured grid.
  public var calculated: [Double]

  /// Measured peaks that the phase does not explain.
  public var unexplained: [FoundPeak] { matches.filter { $0.simulated == nil }.map(\.measured) }

  /// "pure" when every measured peak above the threshold is explained.
  public var isPure: Bool { unexplained.isEmpty }

  /// The verdict as a sentence.
  public var verdict: String {
    let shift = String(format: "%+.3f", zeroShift)
    let r = String(format: "%.1f", rwp)
    if isPure {
      return
        "pure: all \(matches.count) measured peaks are explained by the phase (zero shift \(shift)°, Rwp \(r) %)"
    }
    let list = unexplained.map { String(format: "%.2f° (%.0f %%)", $0.twoTheta, $0.relative) }
    return
      "not pure: \(unexplained.count) of \(matches.count) measured peaks are not explained by the phase, at 2θ = \(list.joined(separator: ", ")) (zero shift \(shift)°, Rwp \(r) %)"
  }

  /// Compares `measured` with `simulated`. The zero shift is searched in
  /// ±`maximumShift` degrees (a grid of 0.005°, refined by a parabola) with
  /// the scale solved by weighted least squares at each shift; the peak width
  /// is `fwhm` or, when nil, the measured width of the strongest peak.
  /// A measured peak is explained when a simulated peak of at least 0.5 %
  /// lies within `tolerance` degrees (default: the larger of 0.6 FWHM and
  /// 0.05°) after the shift.
  public init(
    measured: MeasuredPattern, simulated: PowderPattern, fwhm: Double? = nil,
    maximumShift: Double = 0.5, tolerance: Double? = nil, minimumPercent: Double = 2
  ) throws(DiffractionError) {
    let n = measured.intensity.count
    guard n >= 10 else { throw .badInput("a measured pattern needs at least 10 points") }
    let bg = measured.background()
    let width =
      fwhm ?? measured.widthOfStrongestPeak(background: bg).map { min(max($0, 0.02), 1) } ?? 0.1
    let shape = PeakProfile(width: .fixed(width), lorentzianFraction: 0.5)
    let x = measured.twoTheta
    let y = measured.intensity
    let w = y.map { 1 / max($0, 1) }
    let step = n > 1 ? (x[n - 1] - x[0]) / Double(n - 1) : 0.01
    let strong = simulated.peaks.filter { $0.intensity >= 0.01 }
    func profile(_ z: Double) -> [Double] {
      var p = [Double](repeating: 0, count: n)
      for peak in strong {
        let center = peak.twoTheta + z
        let lo = max(0, Int(((center - 20 * width - x[0]) / step).rounded(.down)))
        let hi = min(n - 1, Int(((center + 20 * width - x[0]) / step).rounded(.up)))
        guard lo <= hi else { continue }
        for i in lo...hi { p[i] += peak.intensity * shape.value(x[i] - center, fwhm: width) }
      }
      return p
    }
    // At each shift the scale and a straight-line correction to the
    // background (SNIP sits a little under noisy data) are solved by
    // weighted linear least squares.
    let mid = (x[0] + x[n - 1]) / 2
    let span = max((x[n - 1] - x[0]) / 2, 1e-9)
    func fit(_ z: Double) -> (rwp: Double, scale: Double, curve: [Double]) {
      let p = profile(z)
      var a = [[Double]](repeating: [0, 0, 0], count: 3)
      var r = [0.0, 0.0, 0.0]
      for i in 0..<n {
        let basis = [p[i], 1, (x[i] - mid) / span]
        let target = y[i] - bg[i]
        for j in 0..<3 {
          r[j] += w[i] * basis[j] * target
          for k in 0..<3 { a[j][k] += w[i] * basis[j] * basis[k] }
        }
      }
      let c = Self.solve(a, r) ?? [0, 0, 0]
      var (res, tot) = (0.0, 0.0)
      var curve = [Double](repeating: 0, count: n)
      for i in 0..<n {
        curve[i] = bg[i] + c[0] * p[i] + c[1] + c[2] * (x[i] - mid) / span
        let d = y[i] - curve[i]
        res += w[i] * d * d
        tot += w[i] * y[i] * y[i]
      }
      return (100 * (res / max(tot, 1e-300)).squareRoot(), c[0], curve)
    }
    let grid = stride(from: -maximumShift, through: maximumShift, by: 0.005).map { $0 }
    let scores = grid.map { fit($0).rwp }
    let best = scores.indices.min { scores[$0] < scores[$1] } ?? 0
    var z = grid[best]
    if best > 0, best < grid.count - 1 {
      let (a, b, c) = (scores[best - 1], scores[best], scores[best + 1])
      let d = a - 2 * b + c
      if d > 0 { z += 0.005 * 0.5 * (a - c) / d }
    }
    let final = fit(z)
    zeroShift = z
    scale = final.scale
    self.fwhm = width
    rwp = final.rwp
    background = bg
    calculated = final.curve

    let found = measured.peaks(background: bg, minimumPercent: minimumPercent)
    let reach = tolerance ?? max(0.6 * width, 0.05)
    let candidates = simulated.peaks.filter { $0.intensity >= 0.5 }
    matches = found.map { peak in
      let near = candidates.filter { abs($0.twoTheta + z - peak.twoTheta) <= reach }
      return Match(measured: peak, simulated: near.max { $0.intensity < $1.intensity })
    }
    missing = simulated.peaks.filter { sim in
      sim.intensity >= 5
        && x.first.map { sim.twoTheta + z >= $0 } == true
        && x.last.map { sim.twoTheta + z <= $0 } == true
        && !found.contains { abs($0.twoTheta - sim.twoTheta - z) <= reach }
    }
  }
}

extension PhaseComparison {
  /// The solution of a 3×3 linear system by Cramer's rule (nil when singular).
  static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    func det(_ m: [[Double]]) -> Double {
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    }
    let d = det(a)
    guard abs(d) > 1e-300 else { return nil }
    return (0..<3).map { k in
      var m = a
      for i in 0..<3 { m[i][k] = b[i] }
      return det(m) / d
    }
  }
}

extension PowderPattern {
  /// The reflections that could explain a peak at `twoTheta` (degrees):
  /// simulated peaks within `tolerance` degrees, closest first.
  public func index(_ twoTheta: Double, tolerance: Double = 0.1) -> [PowderPeak] {
    peaks.filter { abs($0.twoTheta - twoTheta) <= tolerance }
      .sorted { abs($0.twoTheta - twoTheta) < abs($1.twoTheta - twoTheta) }
  }
}

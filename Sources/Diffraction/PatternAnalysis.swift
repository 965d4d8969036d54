import Foundation

/// A peak found in a measured pattern: position (2θ, degrees), height above
/// the background (counts) and its height relative to the strongest (%).
public struct FoundPeak: Sendable, Equatable {
  /// 2θ at the top, degrees (refined by a parabola through three points).
  public var twoTheta: Double
  /// Height above the background.
  public var height: Double
  /// Height in % of the highest peak.
  public var relative: Double
}

extension MeasuredPattern {
  /// The background by SNIP (statistics-sensitive non-linear iterative
  /// peak clipping, Ryan et al. 1988, on the log-log-square-root scale) of
  /// the data smoothed over ±5 points: each point is clipped to the mean of
  /// its neighbours at ±p points for p = 1 … the number of points in
  /// `window` degrees 2θ.
  public func background(window: Double = 2.0) -> [Double] {
    let n = intensity.count
    guard n > 2, let first = twoTheta.first, let last = twoTheta.last, last > first else {
      return intensity
    }
    let step = (last - first) / Double(n - 1)
    let m = max(1, min(Int(window / step), n / 2))
    // Counting noise first smoothed over ±5 points, or the clipping follows
    // its minima and the background sits about two σ low.
    var smooth = intensity
    for i in intensity.indices {
      let lo = max(0, i - 5)
      let hi = min(n - 1, i + 5)
      smooth[i] = intensity[lo...hi].reduce(0, +) / Double(hi - lo + 1)
    }
    var v = smooth.map { log(log((max($0, 0) + 1).squareRoot() + 1) + 1) }
    var next = v
    for p in 1...m {
      for i in p..<(n - p) { next[i] = min(v[i], (v[i - p] + v[i + p]) / 2) }
      swap(&v, &next)
      next = v
    }
    return v.map {
      let e = exp(exp($0) - 1) - 1
      return e * e - 1
    }
  }

  /// Peaks standing above the background by more than three times the
  /// counting noise (√counts) and `minimumPercent` of the highest, after
  /// a five-point smoothing; maxima closer than `separation` degrees merge.
  public func peaks(
    background: [Double]? = nil, minimumPercent: Double = 1, separation: Double = 0.05
  ) -> [FoundPeak] {
    let bg = background ?? self.background()
    let n = intensity.count
    guard n >= 5, bg.count == n else { return [] }
    let net = zip(intensity, bg).map { $0 - $1 }
    var smooth = net
    for i in 2..<(n - 2) {
      smooth[i] = (net[i - 2] + net[i - 1] + net[i] + net[i + 1] + net[i + 2]) / 5
    }
    let top = smooth.max() ?? 0
    guard top > 0 else { return [] }
    var found: [FoundPeak] = []
    for i in 2..<(n - 2) where smooth[i] > smooth[i - 1] && smooth[i] >= smooth[i + 1] {
      let noise = (max(intensity[i], 1) / 5).squareRoot()
      guard smooth[i] > 3 * noise, smooth[i] >= top * minimumPercent / 100 else { continue }
      // Vertex of the parabola through the three points.
      let (a, b, c) = (smooth[i - 1], smooth[i], smooth[i + 1])
      let denominator = a - 2 * b + c
      let offset = denominator != 0 ? 0.5 * (a - c) / denominator : 0
      let step = (twoTheta[i + 1] - twoTheta[i - 1]) / 2
      let position = twoTheta[i] + max(-0.5, min(0.5, offset)) * step
      if let last = found.last, position - last.twoTheta < separation {
        if smooth[i] > last.height {
          found[found.count - 1] = FoundPeak(twoTheta: position, height: smooth[i], relative: 0)
        }
        continue
      }
      found.append(FoundPeak(twoTheta: position, height: smooth[i], relative: 0))
    }
    let highest = found.map(\.height).max() ?? 1
    return found.map {
      FoundPeak(twoTheta: $0.twoTheta, height: $0.height, relative: 100 * $0.height / highest)
    }
  }

  /// FWHM (degrees) of the highest peak above `background`, from where the
  /// net counts fall to half on either side.
  public func widthOfStrongestPeak(background bg: [Double]) -> Double? {
    let net = zip(intensity, bg).map { $0 - $1 }
    guard let top = net.indices.max(by: { net[$0] < net[$1] }), net[top] > 0 else { return nil }
    let half = net[top] / 2
    var lo = top
    while lo > 0 && net[lo] > half { lo -= 1 }
    var hi = top
    while hi < net.count - 1 && net[hi] > half { hi += 1 }
    guard lo > 0, hi < net.count - 1 else { return nil }
    func cross(_ i: Int, _ j: Int) -> Double {
      let f = (half - net[i]) / (net[j] - net[i])
      return twoTheta[i] + f * (twoTheta[j] - twoTheta[i])
    }
    return cross(hi, hi - 1) - cross(lo, lo + 1)
  }
}

import Foundation

/// Peak picking on a sampled γ(ln τ).
enum DRTPeaks {
  /// The maxima of γ that stand out: a local maximum whose prominence
  /// (its height above the higher of the two minima that separate it from
  /// its neighbours, or from the grid ends) is below `prominence` × the
  /// highest γ is merged into the neighbour across that higher minimum, the
  /// least prominent first. Each peak carries ∫γ d ln τ between the minima
  /// that bound it (the grid ends for the outermost), and τ refined by a
  /// parabola through the three highest samples.
  /// A maximum must also rise `significance` × σ_γ (at the maximum) above
  /// that minimum, when `sigma` is not empty.
  ///
  /// Only maxima inside the measured window (ln τ in `window`) are peaks,
  /// and each peak's integral stops at the window's ends: γ beyond them is
  /// not resolved by the data (at short τ it acts as part of R∞, at long τ
  /// as resistance beyond the lowest frequency).
  static func find(
    logTau y: [Double], gamma: [Double], sigma: [Double], prominence: Double,
    significance: Double, window: ClosedRange<Double>
  ) -> [DRTResult.Peak] {
    let n = gamma.count
    guard n >= 3 else { return [] }
    let inside = y.indices.filter { window.contains(y[$0]) }
    guard let first = inside.first, let last = inside.last, last > first else { return [] }
    let top = inside.map { gamma[$0] }.max() ?? 0
    guard top > 0 else { return [] }
    var maxima: [Int] = []
    if gamma[first] > gamma[first + 1] { maxima.append(first) }
    for i in (first + 1)..<last where gamma[i] > gamma[i - 1] && gamma[i] >= gamma[i + 1] {
      maxima.append(i)
    }
    if gamma[last] > gamma[last - 1] { maxima.append(last) }
    guard !maxima.isEmpty else { return [] }
    func lowest(_ range: ClosedRange<Int>) -> Int {
      var best = range.lowerBound
      for i in range where gamma[i] < gamma[best] { best = i }
      return best
    }
    // bounds[k]...bounds[k + 1] is the segment of maxima[k].
    var bounds = [first]
    for (a, b) in zip(maxima, maxima.dropFirst()) { bounds.append(lowest(a...b)) }
    bounds.append(last)
    while maxima.count > 1 {
      var weakest = -1
      var weakestProminence = Double.infinity
      var mergeLeft = false
      for (k, i) in maxima.enumerated() {
        let left = gamma[lowest(bounds[k]...i)]
        let right = gamma[lowest(i...bounds[k + 1])]
        let saddle = max(
          k == 0 ? left : gamma[bounds[k]], k == maxima.count - 1 ? right : gamma[bounds[k + 1]])
        // Prominence in units of what the peak must reach.
        let needed = max(prominence * top, sigma.count == n ? significance * sigma[i] : 0)
        let value = needed > 0 ? (gamma[i] - saddle) / needed : .infinity
        if value < weakestProminence {
          weakestProminence = value
          weakest = k
          // Merge across the higher of the two separating minima; an end
          // peak can only merge inward.
          if k == 0 {
            mergeLeft = false
          } else if k == maxima.count - 1 {
            mergeLeft = true
          } else {
            mergeLeft = gamma[bounds[k]] >= gamma[bounds[k + 1]]
          }
        }
      }
      guard weakest >= 0, weakestProminence < 1 else { break }
      // Merging into a neighbour removes the boundary between them; the
      // merged peak keeps the neighbour's maximum if it is the higher one.
      let neighbour = mergeLeft ? weakest - 1 : weakest + 1
      let keep =
        gamma[maxima[neighbour]] >= gamma[maxima[weakest]] ? maxima[neighbour] : maxima[weakest]
      let low = min(weakest, neighbour)
      maxima.replaceSubrange(low...(low + 1), with: [keep])
      bounds.remove(at: low + 1)
    }
    var peaks: [DRTResult.Peak] = []
    for (k, i) in maxima.enumerated() {
      var area = 0.0
      for j in bounds[k]..<bounds[k + 1] {
        area += 0.5 * (gamma[j] + gamma[j + 1]) * (y[j + 1] - y[j])
      }
      var logTau = y[i]
      if i > 0, i < n - 1 {
        let denominator = gamma[i - 1] - 2 * gamma[i] + gamma[i + 1]
        if denominator < 0 {
          let shift = 0.5 * (gamma[i - 1] - gamma[i + 1]) / denominator
          logTau += shift * (y[i + 1] - y[i])
        }
      }
      let tau = exp(logTau)
      peaks.append(
        DRTResult.Peak(
          tau: tau, frequency: 1 / (2 * .pi * tau), resistance: area, height: gamma[i],
          lowerTau: exp(y[bounds[k]]), upperTau: exp(y[bounds[k + 1]])))
    }
    return peaks
  }
}

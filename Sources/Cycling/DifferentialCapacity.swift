import Foundation

/// dQ/dV of a half cycle: the charge passed, as a function of voltage,
/// interpolated onto a grid of `step` volts across the half cycle's range
/// (the voltage made monotonic first, so that noise cannot fold the curve
/// back), differentiated by central differences and smoothed with a
/// centred moving average of `smoothing` grid points (odd; 1 for none).
/// Redox plateaus appear as peaks at their voltages; the area under the
/// curve is the half cycle's capacity.
public struct DifferentialCapacity: Sendable, Encodable {
  /// The cycle and direction (+1 charge, −1 discharge) of the half cycle.
  public var cycle: Int
  public var direction: Int
  /// Grid voltages, V (rising).
  public var voltage: [Double]
  /// dQ/dV, Ah/V (positive for charge and discharge alike).
  public var ampHoursPerVolt: [Double]

  /// dQ/dV of `profile`; nil when it spans less than two grid steps, or
  /// more than a million (a damaged record).
  public init?(_ profile: VoltageProfile, step: Double = 0.005, smoothing: Int = 5) {
    guard step > 0, profile.voltage.count >= 3 else { return nil }
    // Along rising voltage: charge as recorded, discharge reversed.
    var v = profile.voltage
    var q = profile.capacityAh
    if profile.direction < 0 {
      v.reverse()
      q = q.reversed().map { (profile.capacityAh.last ?? 0) - $0 }
    }
    // Monotonic voltage: a running maximum.
    for k in 1..<v.count where v[k] < v[k - 1] { v[k] = v[k - 1] }
    guard let low = v.first, let high = v.last, low.isFinite, high.isFinite,
      high - low >= 2 * step
    else { return nil }
    // A voltage range that needs more than a million grid steps is a damaged
    // record (a cell spans a few volts), not a curve to differentiate.
    let steps = ((high - low) / step).rounded(.down)
    guard steps.isFinite, steps < 1_000_000 else { return nil }
    let n = Int(steps) + 1
    let grid = (0..<n).map { low + Double($0) * step }
    // Q at each grid voltage: the last record at or below it, interpolated.
    var qGrid = [Double](repeating: 0, count: n)
    var j = 0
    for (g, x) in grid.enumerated() {
      while j + 1 < v.count, v[j + 1] <= x { j += 1 }
      if j + 1 < v.count, v[j + 1] > v[j] {
        let f = (x - v[j]) / (v[j + 1] - v[j])
        qGrid[g] = q[j] + max(0, min(1, f)) * (q[j + 1] - q[j])
      } else {
        qGrid[g] = q[j]
      }
    }
    var derivative = [Double](repeating: 0, count: n)
    for g in 0..<n {
      let a = max(g - 1, 0)
      let b = min(g + 1, n - 1)
      derivative[g] = b > a ? (qGrid[b] - qGrid[a]) / (grid[b] - grid[a]) : 0
    }
    let half = max(smoothing, 1) / 2
    var smoothed = derivative
    if half > 0 {
      for g in 0..<n {
        let lo = max(0, g - half)
        let hi = min(n - 1, g + half)
        smoothed[g] = derivative[lo...hi].reduce(0, +) / Double(hi - lo + 1)
      }
    }
    cycle = profile.cycle
    direction = profile.direction
    voltage = grid
    ampHoursPerVolt = smoothed
  }
}

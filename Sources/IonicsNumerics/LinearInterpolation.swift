/// Piecewise-linear interpolation of samples y(x) with x increasing.
public enum LinearInterpolation {
  /// y at each of `points`, on the straight line between the two samples
  /// around it; beyond the ends, on the line through the two outermost
  /// samples. A single sample gives its value everywhere; none, NaN.
  public static func values(x: [Double], y: [Double], at points: [Double]) -> [Double] {
    let n = min(x.count, y.count)
    guard n >= 2 else { return points.map { _ in n == 1 ? y[0] : .nan } }
    return points.map { p in
      // The last sample at or below p, kept within 0...n−2 (binary search).
      var low = 0
      var high = n - 1
      while high - low > 1 {
        let middle = (low + high) / 2
        if x[middle] <= p { low = middle } else { high = middle }
      }
      let span = x[low + 1] - x[low]
      let f = span > 0 ? (p - x[low]) / span : 0
      return y[low] + f * (y[low + 1] - y[low])
    }
  }
}

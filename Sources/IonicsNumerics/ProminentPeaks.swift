/// Local maxima of a sampled curve and their prominence, as scipy's
/// `find_peaks` measures it: the height of a maximum above the higher of
/// the lowest points between it and the nearest higher sample on each side
/// (or the end of the data).
public enum ProminentPeaks {
  /// One maximum.
  public struct Peak: Sendable, Equatable {
    /// Index of the maximum (the first of a flat top).
    public let index: Int
    /// Its prominence, in the curve's units.
    public let prominence: Double
    /// Index of the lowest point between it and the next higher sample on the left.
    public let leftBase: Int
    /// The same on the right.
    public let rightBase: Int
  }

  /// The maxima with prominence of at least `minimum`, in order along the data.
  public static func find(_ y: [Double], minimumProminence minimum: Double) -> [Peak] {
    let n = y.count
    guard n >= 3 else { return [] }
    var found: [Peak] = []
    var i = 1
    while i < n - 1 {
      guard y[i] > y[i - 1] else {
        i += 1
        continue
      }
      // Past a flat top.
      var j = i
      while j + 1 < n, y[j + 1] == y[i] { j += 1 }
      guard j + 1 < n, y[j + 1] < y[i] else {
        i = j + 1
        continue
      }
      var left = i
      var k = i - 1
      while k >= 0, y[k] <= y[i] {
        if y[k] < y[left] { left = k }
        k -= 1
      }
      var right = j
      k = j + 1
      while k < n, y[k] <= y[i] {
        if y[k] < y[right] { right = k }
        k += 1
      }
      let prominence = y[i] - max(y[left], y[right])
      if prominence >= minimum {
        found.append(Peak(index: i, prominence: prominence, leftBase: left, rightBase: right))
      }
      i = j + 1
    }
    return found
  }
}

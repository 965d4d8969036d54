import Foundation

/// Savitzky–Golay smoothing and differentiation of evenly spaced samples:
/// a polynomial of degree `order` fitted by least squares to each window
/// of `window` points (odd), evaluated (or differentiated) at its centre.
/// The first and last half-windows take the polynomial fitted to the first
/// and last full window, evaluated at their own positions (scipy's
/// `savgol_filter(mode="interp")`).
public enum SavitzkyGolay {
  /// The `derivative`-th derivative of the smoothed signal, per unit of the
  /// spacing `delta` (0 for the smoothed values). Nil when the window is
  /// even, shorter than order + 2 or longer than the data.
  public static func filter(
    _ y: [Double], window: Int, order: Int, derivative: Int = 0, delta: Double = 1
  ) -> [Double]? {
    let n = y.count
    guard window % 2 == 1, window >= order + 2, window <= n, derivative <= order, delta > 0
    else { return nil }
    let half = window / 2
    // Weights of the derivative at each offset of a window: rows of the
    // pseudo-inverse of the Vandermonde matrix, times k!/δᵏ.
    func weights(at position: Int) -> [Double]? {
      // Least squares on x = −half…half, evaluated at x = position.
      var normal = Matrix(rows: order + 1, columns: order + 1)
      for i in 0...order {
        for j in 0...order {
          var s = 0.0
          for x in -half...half { s += pow(Double(x), Double(i + j)) }
          normal[i, j] = s
        }
      }
      guard let factor = Cholesky(normal) else { return nil }
      // d^k/dx^k of Σ c_j x^j at `position`: Σ_j c_j · j!/(j−k)! · position^(j−k).
      var e = [Double](repeating: 0, count: order + 1)
      for j in derivative...order {
        var falling = 1.0
        for m in 0..<derivative { falling *= Double(j - m) }
        e[j] = falling * pow(Double(position), Double(j - derivative))
      }
      let v = factor.solve(e)
      let scale = pow(delta, Double(derivative))
      return (-half...half).map { x in
        var s = 0.0
        for j in 0...order { s += v[j] * pow(Double(x), Double(j)) }
        return s / scale
      }
    }
    guard let centre = weights(at: 0) else { return nil }
    var out = [Double](repeating: 0, count: n)
    for i in half..<(n - half) {
      var s = 0.0
      for k in 0..<window { s += centre[k] * y[i - half + k] }
      out[i] = s
    }
    // Edges: the first and last windows' polynomials at their own points.
    for i in 0..<half {
      guard let w = weights(at: i - half), let v = weights(at: half - i) else { return nil }
      var left = 0.0
      var right = 0.0
      for k in 0..<window {
        left += w[k] * y[k]
        right += v[k] * y[n - window + k]
      }
      out[i] = left
      out[n - 1 - i] = right
    }
    return out
  }
}

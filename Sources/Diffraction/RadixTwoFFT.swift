import Foundation

/// An in-place complex FFT of one power-of-two length, X(k) = Σ x(n)·e^(−2πi·nk/N),
/// on separate real and imaginary arrays, with the bit-reversal order and
/// twiddle factors computed once (iterative Cooley–Tukey, radix 2).
struct RadixTwoFFT: Sendable {
  let n: Int
  let reversed: [Int]
  let cosines: [Double]
  let sines: [Double]

  /// A plan for length `n` (a power of two); nil otherwise.
  init?(_ n: Int) {
    guard n >= 2, n & (n - 1) == 0 else { return nil }
    self.n = n
    var bits = 0
    while 1 << bits < n { bits += 1 }
    reversed = (0..<n).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
    cosines = (0..<(n / 2)).map { cos(-2 * Double.pi * Double($0) / Double(n)) }
    sines = (0..<(n / 2)).map { sin(-2 * Double.pi * Double($0) / Double(n)) }
  }

  /// Transforms `re`, `im` (length n) in place.
  func transform(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>)
  {
    for i in 0..<n {
      let j = reversed[i]
      if j > i {
        re.swapAt(i, j)
        im.swapAt(i, j)
      }
    }
    var size = 2
    while size <= n {
      let half = size / 2
      let step = n / size
      var start = 0
      while start < n {
        var t = 0
        for k in start..<(start + half) {
          let (wr, wi) = (cosines[t], sines[t])
          let l = k + half
          let xr = re[l] * wr - im[l] * wi
          let xi = re[l] * wi + im[l] * wr
          re[l] = re[k] - xr
          im[l] = im[k] - xi
          re[k] += xr
          im[k] += xi
          t += step
        }
        start += size
      }
      size *= 2
    }
  }
}

import Foundation

/// Complex FFTs of one length m = p·2^q (p = 1, 3 or 5) on many lanes at
/// once: the data sit row by row, x(k) of every lane in one contiguous row,
/// so that each butterfly runs over a whole row (which the compiler turns
/// into vector instructions) instead of over one line at a time.
///
/// X(K) = Σₖ x(k)·e^(−2πi·kK/m): the p interleaved subsequences are
/// transformed by iterative radix-2 Cooley–Tukey (rows read in bit-reversed
/// order, so the stages run in place) and joined by X(K) = Σᵣ e^(−2πi·rK/m)·Yᵣ(K mod 2^q).
/// Only the outputs that are asked for are joined.
struct BatchedFFT: Sendable {
  /// The length m.
  let length: Int
  /// p, the odd factor (1, 3 or 5).
  let factor: Int
  /// 2^q, the length of each radix-2 subsequence.
  let half: Int
  let reversed: [Int]
  /// cos, sin of −2π·j/2^q for j < 2^(q−1).
  let cosines: [Double]
  let sines: [Double]

  /// A plan for length `m`; nil unless m = p·2^q with p ∈ {1, 3, 5} and 2^q ≥ 2.
  init?(_ m: Int) {
    guard let p = [1, 3, 5].first(where: { m % $0 == 0 && (m / $0) & (m / $0 - 1) == 0 }),
      m / p >= 2
    else { return nil }
    length = m
    factor = p
    half = m / p
    var bits = 0
    while 1 << bits < half { bits += 1 }
    reversed = (0..<half).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
    let n = half
    cosines = (0..<max(n / 2, 1)).map { cos(-2 * Double.pi * Double($0) / Double(n)) }
    sines = (0..<max(n / 2, 1)).map { sin(-2 * Double.pi * Double($0) / Double(n)) }
  }

  /// The smallest length p·2^q ≥ `minimum` (p = 1, 3, 5; at least 16).
  static func length(atLeast minimum: Int) -> Int {
    var best = Int.max
    for p in [1, 3, 5] {
      var n = p * 16
      while n < minimum { n *= 2 }
      best = min(best, n)
    }
    return best
  }

  /// Lanes are transformed in blocks of this many, so that a block's m
  /// rows stay in the first-level cache through all the stages.
  static let block = 64

  /// Working memory: m rows of one block of lanes.
  struct Scratch {
    var re: [Double]
    var im: [Double]
    init(length: Int) {
      re = [Double](repeating: 0, count: length * BatchedFFT.block)
      im = re
    }
  }

  /// Transforms `lanes` lanes whose k-th values start at `input + k·inputStride`
  /// (an absent `imaginary` input is read as zeros) and writes, for
  /// K = `outputs[j]`, X(K) to the row starting at `output + j·outputStride`.
  func transform(
    real: UnsafePointer<Double>, imaginary: UnsafePointer<Double>?, inputStride: Int,
    lanes: Int, outputs: [Int], into outReal: UnsafeMutablePointer<Double>,
    _ outImaginary: UnsafeMutablePointer<Double>, outputStride: Int, scratch: inout Scratch
  ) {
    let (m, p, n) = (length, factor, half)
    // e^(−2πi·rK/m) of the join, per output and r ≥ 1.
    var twiddles: [SIMD2<Double>] = []
    if p > 1 {
      for bigK in outputs {
        for r in 1..<p {
          let angle = -2 * Double.pi * Double(r * bigK % m) / Double(m)
          twiddles.append(SIMD2(cos(angle), sin(angle)))
        }
      }
    }
    if twiddles.isEmpty { twiddles.append(.zero) }
    twiddles.withUnsafeBufferPointer { tw in
      guard let tw = tw.baseAddress else { return }
      scratch.re.withUnsafeMutableBufferPointer { wr in
        scratch.im.withUnsafeMutableBufferPointer { wi in
          guard let wr = wr.baseAddress, let wi = wi.baseAddress else { return }
          var first = 0
          while first < lanes {
            let width = min(BatchedFFT.block, lanes - first)
            // Subsequence r (values r, r + p, …) goes to block r, rows bit-reversed.
            for r in 0..<p {
              for j in 0..<n {
                let source = (j * p + r) * inputStride + first
                let row = (r * n + reversed[j]) * width
                (wr + row).update(from: real + source, count: width)
                if let imaginary {
                  (wi + row).update(from: imaginary + source, count: width)
                } else {
                  (wi + row).update(repeating: 0, count: width)
                }
              }
            }
            // Radix-2 stages, two at a time where they can be fused (each
            // value loaded once for both).
            var size = 2
            while size <= n {
              let fused = 2 * size <= n
              let block = fused ? 2 * size : size
              var start = 0
              while start < p * n {
                for k in 0..<(size / 2) {
                  let a = (start + k) * width
                  let b = a + size / 2 * width
                  let (c, s) = (cosines[k * (n / size)], sines[k * (n / size)])
                  if fused {
                    let (c0, s0) = (cosines[k * (n / block)], sines[k * (n / block)])
                    let (c1, s1) = (
                      cosines[(k + size / 2) * (n / block)], sines[(k + size / 2) * (n / block)]
                    )
                    let d = size * width
                    fusedButterflies(
                      wr + a, wi + a, wr + b, wi + b, wr + a + d, wi + a + d, wr + b + d,
                      wi + b + d,
                      (c, s), (c0, s0), (c1, s1), lanes: width)
                  } else {
                    butterfly(wr + a, wi + a, wr + b, wi + b, c, s, lanes: width)
                  }
                }
                start += block
              }
              size = 2 * block
            }
            for (j, bigK) in outputs.enumerated() {
              join(
                bigK % n, twiddles: tw + j * (p - 1), from: wr, wi, width: width,
                into: outReal + j * outputStride + first, outImaginary + j * outputStride + first)
            }
            first += width
          }
        }
      }
    }
  }

  /// (a, b) ← (a + w·b, a − w·b) on every lane, w = c + i·s, two lanes at a time.
  @inline(__always)
  private func butterfly(
    _ ar: UnsafeMutablePointer<Double>, _ ai: UnsafeMutablePointer<Double>,
    _ br: UnsafeMutablePointer<Double>, _ bi: UnsafeMutablePointer<Double>,
    _ c: Double, _ s: Double, lanes: Int
  ) {
    var l = 0
    let (cv, sv) = (SIMD2<Double>(repeating: c), SIMD2<Double>(repeating: s))
    while l &+ 2 <= lanes {
      let (xr, xi) = (load(br + l), load(bi + l))
      let (yr, yi) = (load(ar + l), load(ai + l))
      let tr = xr * cv - xi * sv
      let ti = xr * sv + xi * cv
      store(yr - tr, br + l)
      store(yi - ti, bi + l)
      store(yr + tr, ar + l)
      store(yi + ti, ai + l)
      l &+= 2
    }
    while l < lanes {
      let tr = br[l] * c - bi[l] * s
      let ti = br[l] * s + bi[l] * c
      (br[l], bi[l]) = (ar[l] - tr, ai[l] - ti)
      (ar[l], ai[l]) = (ar[l] + tr, ai[l] + ti)
      l &+= 1
    }
  }

  /// Two radix-2 stages at once on x0…x3 (rows k, k + s/2, k + s, k + 3s/2
  /// of a block of 2s): (x0, x1) and (x2, x3) with w, then (x0, x2) with w0
  /// and (x1, x3) with w1.
  @inline(__always)
  private func fusedButterflies(
    _ r0: UnsafeMutablePointer<Double>, _ i0: UnsafeMutablePointer<Double>,
    _ r1: UnsafeMutablePointer<Double>, _ i1: UnsafeMutablePointer<Double>,
    _ r2: UnsafeMutablePointer<Double>, _ i2: UnsafeMutablePointer<Double>,
    _ r3: UnsafeMutablePointer<Double>, _ i3: UnsafeMutablePointer<Double>,
    _ w: (Double, Double), _ w0: (Double, Double), _ w1: (Double, Double), lanes: Int
  ) {
    typealias V = SIMD2<Double>
    let (c, s) = (V(repeating: w.0), V(repeating: w.1))
    let (c0, s0) = (V(repeating: w0.0), V(repeating: w0.1))
    let (c1, s1) = (V(repeating: w1.0), V(repeating: w1.1))
    var l = 0
    while l &+ 2 <= lanes {
      var (a0r, a0i, a1r, a1i) = (load(r0 + l), load(i0 + l), load(r1 + l), load(i1 + l))
      var (a2r, a2i, a3r, a3i) = (load(r2 + l), load(i2 + l), load(r3 + l), load(i3 + l))
      var tr = a1r * c - a1i * s
      var ti = a1r * s + a1i * c
      (a1r, a1i) = (a0r - tr, a0i - ti)
      (a0r, a0i) = (a0r + tr, a0i + ti)
      tr = a3r * c - a3i * s
      ti = a3r * s + a3i * c
      (a3r, a3i) = (a2r - tr, a2i - ti)
      (a2r, a2i) = (a2r + tr, a2i + ti)
      tr = a2r * c0 - a2i * s0
      ti = a2r * s0 + a2i * c0
      store(a0r - tr, r2 + l)
      store(a0i - ti, i2 + l)
      store(a0r + tr, r0 + l)
      store(a0i + ti, i0 + l)
      tr = a3r * c1 - a3i * s1
      ti = a3r * s1 + a3i * c1
      store(a1r - tr, r3 + l)
      store(a1i - ti, i3 + l)
      store(a1r + tr, r1 + l)
      store(a1i + ti, i1 + l)
      l &+= 2
    }
    if l < lanes {
      butterfly(r0 + l, i0 + l, r1 + l, i1 + l, w.0, w.1, lanes: lanes - l)
      butterfly(r2 + l, i2 + l, r3 + l, i3 + l, w.0, w.1, lanes: lanes - l)
      butterfly(r0 + l, i0 + l, r2 + l, i2 + l, w0.0, w0.1, lanes: lanes - l)
      butterfly(r1 + l, i1 + l, r3 + l, i3 + l, w1.0, w1.1, lanes: lanes - l)
    }
  }

  /// X(K) = Y₀(k) + Σᵣ wᵣ·Yᵣ(k) on every lane (k = K mod 2^q, wᵣ from
  /// `twiddles[offset + r − 1]`), written to `outReal`, `outImaginary`.
  @inline(__always)
  private func join(
    _ k: Int, twiddles joinTwiddles: UnsafePointer<SIMD2<Double>>,
    from wr: UnsafeMutablePointer<Double>,
    _ wi: UnsafeMutablePointer<Double>, width: Int,
    into outReal: UnsafeMutablePointer<Double>, _ outImaginary: UnsafeMutablePointer<Double>
  ) {
    let (p, n) = (factor, half)
    guard p > 1 else {
      outReal.update(from: wr + k * width, count: width)
      outImaginary.update(from: wi + k * width, count: width)
      return
    }
    var l = 0
    if p == 3 {
      // The common case unrolled: X = Y₀ + w₁·Y₁ + w₂·Y₂.
      let (w1, w2) = (joinTwiddles[0], joinTwiddles[1])
      let (c1, s1) = (SIMD2(repeating: w1.x), SIMD2(repeating: w1.y))
      let (c2, s2) = (SIMD2(repeating: w2.x), SIMD2(repeating: w2.y))
      let (y0r, y0i) = (wr + k * width, wi + k * width)
      let (y1r, y1i) = (wr + (n + k) * width, wi + (n + k) * width)
      let (y2r, y2i) = (wr + (2 * n + k) * width, wi + (2 * n + k) * width)
      while l &+ 2 <= width {
        let (ar, ai) = (load(y0r + l), load(y0i + l))
        let (br, bi) = (load(y1r + l), load(y1i + l))
        let (cr, ci) = (load(y2r + l), load(y2i + l))
        store(ar + br * c1 - bi * s1 + cr * c2 - ci * s2, outReal + l)
        store(ai + br * s1 + bi * c1 + cr * s2 + ci * c2, outImaginary + l)
        l &+= 2
      }
    }
    while l &+ 2 <= width {
      var (ar, ai) = (load(wr + k * width + l), load(wi + k * width + l))
      for r in 1..<p {
        let w = joinTwiddles[r - 1]
        let row = (r * n + k) * width + l
        let (yr, yi) = (load(wr + row), load(wi + row))
        ar += yr * w.x - yi * w.y
        ai += yr * w.y + yi * w.x
      }
      store(ar, outReal + l)
      store(ai, outImaginary + l)
      l &+= 2
    }
    while l < width {
      var (ar, ai) = (wr[k * width + l], wi[k * width + l])
      for r in 1..<p {
        let w = joinTwiddles[r - 1]
        let row = (r * n + k) * width + l
        ar += wr[row] * w.x - wi[row] * w.y
        ai += wr[row] * w.y + wi[row] * w.x
      }
      outReal[l] = ar
      outImaginary[l] = ai
      l &+= 1
    }
  }

  @inline(__always)
  private func load(_ p: UnsafeMutablePointer<Double>) -> SIMD2<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
  }

  @inline(__always)
  private func store(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
  }
}

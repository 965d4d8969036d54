import Foundation
import Testing

@testable import Diffraction

@Suite("Structure-factor sums by gridding and FFT")
struct GriddedStructureFactorTests {
  /// Lengths 64, 48 = 3·16 and 80 = 5·16, three lanes each, against the
  /// plain DFT X(K) = Σ x(k)·e^(−2πi·kK/m), to rounding (1e-10 of sums near 10).
  @Test(arguments: [64, 48, 80])
  func batchedFFTEqualsTheDefinition(m: Int) throws {
    let fft = try #require(BatchedFFT(m))
    let lanes = 3
    // Row k holds x(k) of every lane.
    let re = (0..<(m * lanes)).map { sin(Double($0) * 0.37) + 0.1 * Double($0 % 5) }
    let im = (0..<(m * lanes)).map { cos(Double($0) * 1.3) }
    let outputs = [0, 1, 7, m / 2, m - 1]
    var outRe = [Double](repeating: 0, count: outputs.count * lanes)
    var outIm = outRe
    var scratch = BatchedFFT.Scratch(length: m)
    re.withUnsafeBufferPointer { r in
      im.withUnsafeBufferPointer { i in
        outRe.withUnsafeMutableBufferPointer { orr in
          outIm.withUnsafeMutableBufferPointer { oi in
            fft.transform(
              real: r.baseAddress!, imaginary: i.baseAddress!, inputStride: lanes, lanes: lanes,
              outputs: outputs, into: orr.baseAddress!, oi.baseAddress!, outputStride: lanes,
              scratch: &scratch)
          }
        }
      }
    }
    for (j, k) in outputs.enumerated() {
      for lane in 0..<lanes {
        var (sr, si) = (0.0, 0.0)
        for n in 0..<m {
          let a = -2 * Double.pi * Double(n * k) / Double(m)
          let (xr, xi) = (re[n * lanes + lane], im[n * lanes + lane])
          sr += xr * cos(a) - xi * sin(a)
          si += xr * sin(a) + xi * cos(a)
        }
        #expect(
          abs(outRe[j * lanes + lane] - sr) < 1e-10 && abs(outIm[j * lanes + lane] - si) < 1e-10)
      }
    }
  }

  /// Only p·2^q lengths with p = 1, 3, 5 have a plan.
  @Test func batchedFFTLengths() {
    #expect(BatchedFFT(56) == nil && BatchedFFT(7) == nil && BatchedFFT(96) != nil)
    #expect(BatchedFFT.length(atLeast: 187) == 192 && BatchedFFT.length(atLeast: 200) == 256)
  }

  /// 450 random points in three classes (a pair sharing one transform, one
  /// alone): sums across the box |h| ≤ 12 within
  /// 1e-8 of the largest, against Σ w·exp(2πi h·x) term by term.
  @Test func gridEqualsTheDirectSum() throws {
    var state: UInt64 = 11
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let classes = (0..<3).map { _ in
      (0..<150).map { _ in (SIMD3(next(), next(), next()), 0.5 + next()) }
    }
    let limits = SIMD3(12, 9, 12)
    var points: [SIMD3<Int>] = []
    for h in stride(from: -12, through: 12, by: 3) {
      for k in -9...9 {
        for l in [-12, -5, 0, 4, 12] { points.append(SIMD3(h, k, l)) }
      }
    }
    let grid = try #require(
      GriddedStructureFactors(classes: classes, limits: limits, at: points))
    var worst = 0.0
    var largest = 0.0
    for c in 0..<3 {
      for (p, h) in points.enumerated() {
        let v = SIMD3<Double>(h)
        var (sr, si) = (0.0, 0.0)
        for (x, w) in classes[c] {
          let a = 2 * Double.pi * (v * x).sum()
          sr += w * cos(a)
          si += w * sin(a)
        }
        let (gr, gi) = grid.sum(c, point: p)
        worst = max(worst, ((gr - sr) * (gr - sr) + (gi - si) * (gi - si)).squareRoot())
        largest = max(largest, (sr * sr + si * si).squareRoot())
      }
    }
    #expect(worst < 1e-8 * largest, "\(worst) of \(largest)")
    // The Friedel mate: F(−h) = Σ f·S(h)* for real weights.
    let f = [(2.0, 0.5), (1.0, 0.0), (3.0, -0.25)]
    let (ar, ai) = grid.structureFactor(point: 7, mate: true, classFactors: f)
    var (er, ei) = (0.0, 0.0)
    for c in 0..<3 {
      for (x, w) in classes[c] {
        let a = -2 * Double.pi * (SIMD3<Double>(points[7]) * x).sum()
        er += w * (f[c].0 * cos(a) - f[c].1 * sin(a))
        ei += w * (f[c].0 * sin(a) + f[c].1 * cos(a))
      }
    }
    #expect(abs(ar - er) < 1e-7 * largest && abs(ai - ei) < 1e-7 * largest)
  }
}

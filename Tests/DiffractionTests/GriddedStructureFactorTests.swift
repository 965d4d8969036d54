import Foundation
import Testing

@testable import Diffraction

@Suite("Structure-factor sums by gridding and FFT")
struct GriddedStructureFactorTests {
  /// The radix-2 FFT equals the plain DFT.
  @Test func fftEqualsTheDefinition() throws {
    let n = 64
    let fft = try #require(RadixTwoFFT(n))
    var re = (0..<n).map { sin(Double($0) * 0.37) + 0.1 * Double($0 % 5) }
    var im = (0..<n).map { cos(Double($0) * 1.3) }
    let (r0, i0) = (re, im)
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in fft.transform(r, i) }
    }
    for k in [0, 1, 7, 31, 32, 63] {
      var (sr, si) = (0.0, 0.0)
      for j in 0..<n {
        let a = -2 * Double.pi * Double(j * k) / Double(n)
        sr += r0[j] * cos(a) - i0[j] * sin(a)
        si += r0[j] * sin(a) + i0[j] * cos(a)
      }
      #expect(abs(re[k] - sr) < 1e-10 && abs(im[k] - si) < 1e-10)
    }
    #expect(RadixTwoFFT(48) == nil)
  }

  /// 450 random points in three classes (a pair sharing one grid, one
  /// alone): every sum in the box |h| ≤ 12 within
  /// 1e-6 of the largest, against Σ w·exp(2πi h·x) term by term.
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
    let grid = try #require(GriddedStructureFactors(classes: classes, limits: limits))
    var worst = 0.0
    var largest = 0.0
    for c in 0..<3 {
      for h in stride(from: -12, through: 12, by: 3) {
        for k in -9...9 {
          for l in [-12, -5, 0, 4, 12] {
            let v = SIMD3<Double>(Double(h), Double(k), Double(l))
            var (sr, si) = (0.0, 0.0)
            for (x, w) in classes[c] {
              let a = 2 * Double.pi * (v * x).sum()
              sr += w * cos(a)
              si += w * sin(a)
            }
            let (gr, gi) = grid.sum(c, SIMD3(h, k, l))
            worst = max(worst, ((gr - sr) * (gr - sr) + (gi - si) * (gi - si)).squareRoot())
            largest = max(largest, (sr * sr + si * si).squareRoot())
          }
        }
      }
    }
    #expect(worst < 1e-6 * largest, "\(worst) of \(largest)")
  }
}

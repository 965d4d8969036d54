import Dispatch
import Foundation
import IonicsCore

/// Σⱼ wⱼ·exp(2πi h·xⱼ) for every h in a box |hᵢ| ≤ Hᵢ at once, for large
/// cells where a sum per reflection and atom is too slow: a non-uniform FFT
/// (type 1) by Gaussian gridding. Each point is spread onto a grid of M³
/// (M the smallest power of two at least 1.9 times the box) with a periodic Gaussian of σ
/// grid steps, the grid is Fourier transformed along the three axes (only
/// the box's rows and columns kept after each pass), and the Gaussian's
/// transform σ√(2π)·e^(−2π²σ²h²/M²) per axis is divided out. With the
/// spread cut where the Gaussian falls below 10⁻⁸, the sums agree with the
/// direct ones to about 10⁻⁷ of their size (tested).
struct GriddedStructureFactors: Sendable {
  let limits: SIMD3<Int>
  /// Per class, the sums over the box: index ((hx+Hx)·Ny + hy+Hy)·Nz + hz+Hz.
  let re: [[Double]]
  let im: [[Double]]

  /// `classes[c]` lists the (fractional position, weight) of class c.
  init?(classes: [[(SIMD3<Double>, Double)]], limits: SIMD3<Int>) {
    let hMax = max(limits.x, limits.y, limits.z)
    // Oversampled at least 1.9 times (the smallest power of two that is).
    var size = 16
    while Double(size) < 1.9 * Double(2 * hMax + 1) { size *= 2 }
    let m = size
    guard let fft = RadixTwoFFT(m) else { return nil }
    self.limits = limits
    // σ (grid steps) so that aliasing and deconvolution errors stay near 1e-7.
    let folded = Double((m - hMax) * (m - hMax) - hMax * hMax)
    let a = 16.0 / max(folded / Double(hMax * hMax), 1)
    let sigma = (a / (2 * Double.pi * Double.pi)).squareRoot() / Double(max(hMax, 1)) * Double(m)
    let reach = Int((sigma * (2 * 18.5).squareRoot()).rounded(.up))
    let (nx, ny, nz) = (2 * limits.x + 1, 2 * limits.y + 1, 2 * limits.z + 1)
    let slots = ConcurrentSlots<([Double], [Double])>(count: classes.count)
    DispatchQueue.concurrentPerform(iterations: classes.count) { c in
      slots.set(
        c,
        Self.transform(
          classes[c], m: m, sigma: sigma, reach: reach, fft: fft, sizes: (nx, ny, nz),
          limits: limits))
    }
    let results = slots.values
    guard results.count == classes.count else { return nil }
    re = results.map(\.0)
    im = results.map(\.1)
  }

  /// The sum for class `c` at h (inside the box).
  func sum(_ c: Int, _ h: SIMD3<Int>) -> (Double, Double) {
    let (ny, nz) = (2 * limits.y + 1, 2 * limits.z + 1)
    let k = ((h.x + limits.x) * ny + h.y + limits.y) * nz + h.z + limits.z
    return (re[c][k], im[c][k])
  }

  static func transform(
    _ points: [(SIMD3<Double>, Double)], m: Int, sigma: Double, reach: Int, fft: RadixTwoFFT,
    sizes: (Int, Int, Int), limits: SIMD3<Int>
  ) -> ([Double], [Double]) {
    let (nx, ny, nz) = sizes
    // 1. Spread: u(g) = Σⱼ wⱼ Π_axes exp(−(g − M·xⱼ)²/(2σ²)), periodic.
    var grid = [Double](repeating: 0, count: m * m * m)
    let width = 2 * reach + 1
    var wx = [Double](repeating: 0, count: width)
    var wy = wx
    var wz = wx
    var ix = [Int](repeating: 0, count: width)
    var iy = ix
    var iz = ix
    let inv2s2 = 1 / (2 * sigma * sigma)
    grid.withUnsafeMutableBufferPointer { g in
      for (x, w) in points where w != 0 {
        let base = SIMD3<Int>(
          Int((x.x * Double(m)).rounded(.down)), Int((x.y * Double(m)).rounded(.down)),
          Int((x.z * Double(m)).rounded(.down)))
        for k in 0..<width {
          let o = Double(k - reach)
          let dx = Double(base.x) + o - x.x * Double(m)
          let dy = Double(base.y) + o - x.y * Double(m)
          let dz = Double(base.z) + o - x.z * Double(m)
          wx[k] = exp(-dx * dx * inv2s2) * w
          wy[k] = exp(-dy * dy * inv2s2)
          wz[k] = exp(-dz * dz * inv2s2)
        }
        for k in 0..<width {
          ix[k] = ((base.x + k - reach) % m + m) % m
          iy[k] = ((base.y + k - reach) % m + m) % m
          iz[k] = ((base.z + k - reach) % m + m) % m
        }
        for i in 0..<width {
          let gx = ix[i]
          for j in 0..<width {
            let wxy = wx[i] * wy[j]
            let row = (gx * m + iy[j]) * m
            for k in 0..<width { g[row + iz[k]] += wxy * wz[k] }
          }
        }
      }
    }
    // 2. FFT along z on every (x, y) line, keeping hz ∈ [−Hz, Hz] (output
    // index (−hz) mod M, as the FFT's e^(−2πi) gives the sum at −h).
    func keep(_ h: Int) -> Int { ((-h) % m + m) % m }
    var passZ = (
      re: [Double](repeating: 0, count: m * m * nz), im: [Double](repeating: 0, count: m * m * nz)
    )
    var lineRe = [Double](repeating: 0, count: m)
    var lineIm = [Double](repeating: 0, count: m)
    for xy in 0..<(m * m) {
      for k in 0..<m {
        lineRe[k] = grid[xy * m + k]
        lineIm[k] = 0
      }
      lineRe.withUnsafeMutableBufferPointer { r in
        lineIm.withUnsafeMutableBufferPointer { i in fft.transform(r, i) }
      }
      for hz in -limits.z...limits.z {
        passZ.re[xy * nz + hz + limits.z] = lineRe[keep(hz)]
        passZ.im[xy * nz + hz + limits.z] = lineIm[keep(hz)]
      }
    }
    grid = []
    // 3. Along y for every (x, hz).
    var passY = (
      re: [Double](repeating: 0, count: m * ny * nz), im: [Double](repeating: 0, count: m * ny * nz)
    )
    for x in 0..<m {
      for hz in 0..<nz {
        for y in 0..<m {
          lineRe[y] = passZ.re[(x * m + y) * nz + hz]
          lineIm[y] = passZ.im[(x * m + y) * nz + hz]
        }
        lineRe.withUnsafeMutableBufferPointer { r in
          lineIm.withUnsafeMutableBufferPointer { i in fft.transform(r, i) }
        }
        for hy in -limits.y...limits.y {
          passY.re[(x * ny + hy + limits.y) * nz + hz] = lineRe[keep(hy)]
          passY.im[(x * ny + hy + limits.y) * nz + hz] = lineIm[keep(hy)]
        }
      }
    }
    passZ = ([], [])
    // 4. Along x for every (hy, hz), then divide out the Gaussian.
    let scale = sigma * (2 * Double.pi).squareRoot()
    func gaussian(_ h: Int) -> Double {
      scale * exp(-2 * Double.pi * Double.pi * sigma * sigma * Double(h * h) / Double(m * m))
    }
    var outRe = [Double](repeating: 0, count: nx * ny * nz)
    var outIm = outRe
    for yz in 0..<(ny * nz) {
      for x in 0..<m {
        lineRe[x] = passY.re[x * ny * nz + yz]
        lineIm[x] = passY.im[x * ny * nz + yz]
      }
      lineRe.withUnsafeMutableBufferPointer { r in
        lineIm.withUnsafeMutableBufferPointer { i in fft.transform(r, i) }
      }
      let hy = yz / nz - limits.y
      let hz = yz % nz - limits.z
      let gyz = gaussian(hy) * gaussian(hz)
      for hx in -limits.x...limits.x {
        let d = gaussian(hx) * gyz
        outRe[(hx + limits.x) * ny * nz + yz] = lineRe[keep(hx)] / d
        outIm[(hx + limits.x) * ny * nz + yz] = lineIm[keep(hx)] / d
      }
    }
    return (outRe, outIm)
  }
}

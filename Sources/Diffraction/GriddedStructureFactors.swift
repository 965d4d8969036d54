import Dispatch
import Foundation
import IonicsCore
import IonicsNumerics

/// Σⱼ wⱼ·exp(2πi h·xⱼ) for every h in a box |hᵢ| ≤ Hᵢ at once, for large
/// cells where a sum per reflection and atom is too slow: a non-uniform FFT
/// of type 1 (Barnett, Magland & af Klinteberg, SIAM J. Sci. Comput. 41,
/// C479, 2019). Each point is spread onto a periodic grid of m³ (m ≥ 1.4
/// times the box, m = 2^q, 3·2^q or 5·2^q) with the "exponential of
/// semicircle" kernel φ(t) = exp(β(√(1 − (2t/w)²) − 1)) over w grid steps,
/// the grid is Fourier transformed, and the kernel's transform φ̂ (by
/// Gauss–Legendre quadrature) is divided out along each axis.
///
/// The grid is never held whole: each x-plane is spread, transformed along
/// y and z and cut to the box in turn (planes in parallel), and the last
/// pass runs along x. Two classes share one complex transform (one as the
/// real part, one as the imaginary part) and are told apart afterwards by
/// S(−h) = S(h)* for real weights, which also lets only hx ≥ 0 be kept.
/// Kernel width and β are chosen for 10⁻⁹ (tested against the direct sums).
struct GriddedStructureFactors: Sendable {
  /// The sums at the requested hkl, classes interleaved: point p, class c
  /// at p·classCount + c.
  let re: [Double]
  let im: [Double]
  let classCount: Int

  /// `classes[c]` lists the (fractional position, weight) of class c; the
  /// sums are kept at `points` (each inside the box |hᵢ| ≤ `limits`ᵢ).
  init?(classes: [[(SIMD3<Double>, Double)]], limits: SIMD3<Int>, at points: [SIMD3<Int>]) {
    let box = 2 * max(limits.x, limits.y, limits.z, 1) + 1
    let m = BatchedFFT.length(atLeast: Int((1.4 * Double(box)).rounded(.up)))
    guard let fft = BatchedFFT(m),
      points.allSatisfy({ abs($0.x) <= limits.x && abs($0.y) <= limits.y && abs($0.z) <= limits.z })
    else { return nil }
    let plan = Plan(m: m, fft: fft, limits: limits, tolerance: 1e-9)
    let (nx, ny, nz) = (2 * limits.x + 1, 2 * limits.y + 1, 2 * limits.z + 1)
    let full = nx * ny * nz
    let nc = classes.count
    classCount = nc
    var re = [Double](repeating: 0, count: nc * points.count)
    var im = re
    // Where each point sits in the box, ((hx+Hx)·nz + hz+Hz)·ny + hy+Hy;
    // −h sits at full − 1 − that.
    let boxIndex = points.map { h in
      ((h.x + limits.x) * nz + h.z + limits.z) * ny + h.y + limits.y
    }
    // Buffers shared by the transforms: the planes cut to the box, the box.
    var middle = (
      [Double](repeating: 0, count: m * ny * nz), [Double](repeating: 0, count: m * ny * nz)
    )
    var (cr, ci) = ([Double](repeating: 0, count: full), [Double](repeating: 0, count: full))
    var c = 0
    while c < classes.count {
      let second = c + 1 < classes.count ? classes[c + 1] : []
      plan.transform(classes[c], second, middle: &middle, into: &cr, &ci)
      // Real weights: S(−h) = S(h)*, so for C = A + iB:
      // A(h) = (C(h) + C(−h)*)/2, B(h) = (C(h) − C(−h)*)/(2i).
      for (point, p) in boxIndex.enumerated() {
        let q = full - 1 - p
        re[point * nc + c] = (cr[p] + cr[q]) / 2
        im[point * nc + c] = (ci[p] - ci[q]) / 2
        if c + 1 < nc {
          re[point * nc + c + 1] = (ci[p] + ci[q]) / 2
          im[point * nc + c + 1] = (cr[q] - cr[p]) / 2
        }
      }
      c += 2
    }
    self.re = re
    self.im = im
  }

  /// The sum for class `c` at point `point`.
  func sum(_ c: Int, point: Int) -> (Double, Double) {
    (re[point * classCount + c], im[point * classCount + c])
  }

  /// F = Σ_c f_c·S_c for complex class factors f_c at point `point`, or at
  /// its Friedel mate −h (`mate`), where S_c(−h) = S_c(h)*.
  func structureFactor(point: Int, mate: Bool = false, classFactors f: [(Double, Double)])
    -> (Double, Double)
  {
    var (fr, fi) = (0.0, 0.0)
    re.withUnsafeBufferPointer { re in
      im.withUnsafeBufferPointer { im in
        for c in 0..<min(classCount, f.count) {
          let (sr, si) = (re[point * classCount + c], im[point * classCount + c])
          let s = mate ? -si : si
          fr += f[c].0 * sr - f[c].1 * s
          fi += f[c].0 * s + f[c].1 * sr
        }
      }
    }
    return (fr, fi)
  }

  /// The grid, the kernel and the FFT, shared by every transform.
  struct Plan: Sendable {
    let m: Int
    /// Kernel width w (grid steps) and shape β.
    let width: Int
    let beta: Double
    let fft: BatchedFFT
    let limits: SIMD3<Int>
    /// φ̂(h) for h = −H…H, H the largest limit (index h + H).
    let kernelTransform: [Double]

    init(m: Int, fft: BatchedFFT, limits: SIMD3<Int>, tolerance: Double) {
      self.m = m
      self.fft = fft
      self.limits = limits
      let hMax = max(limits.x, limits.y, limits.z, 1)
      // The ES kernel's error falls as exp(−π·w·√(1 − 1/R)) for oversampling R;
      // β = 0.97·π·(1 − 1/(2R))·w (Barnett et al. 2019, §3).
      let ratio = Double(m) / Double(2 * hMax + 1)
      let w =
        Int((log(1 / tolerance) / (Double.pi * (1 - 1 / ratio).squareRoot())).rounded(.up)) + 1
      let beta = 0.97 * Double.pi * (1 - 1 / (2 * ratio)) * Double(w)
      width = w
      self.beta = beta
      let rule = GaussLegendre(count: 4 * w + 20)
      let halfWidth = Double(w) / 2
      kernelTransform = (-hMax...hMax).map { h in
        2
          * rule.integrate(over: 0...halfWidth) { t in
            let u = t / halfWidth
            return exp(beta * ((max(1 - u * u, 0)).squareRoot() - 1))
              * cos(2 * Double.pi * t * Double(h) / Double(m))
          }
      }
    }

    /// The kernel at w grid points from `start` for a point at grid coordinate `u`.
    func kernel(_ u: Double, start: Int, into values: UnsafeMutablePointer<Double>) {
      let halfWidth = Double(width) / 2
      for i in 0..<width {
        let t = (Double(start + i) - u) / halfWidth
        values[i] = abs(t) < 1 ? exp(beta * ((1 - t * t).squareRoot() - 1)) : 0
      }
    }

    /// Σ (a + i·b)·exp(2πi h·x) over the box, for real weights a (first list)
    /// and b (second list), with the kernel divided out; layout
    /// ((hx+Hx)·nz + hz+Hz)·ny + hy+Hy.
    /// `middle` holds m·ny·nz values (overwritten); `outRe`, `outIm` the box.
    func transform(
      _ first: [(SIMD3<Double>, Double)], _ second: [(SIMD3<Double>, Double)],
      middle: inout ([Double], [Double]), into outRe: inout [Double], _ outIm: inout [Double]
    ) {
      let points = SpreadPoints(
        first.map { ($0.0, $0.1, 0.0) } + second.map { ($0.0, 0.0, $0.1) }, plan: self)
      planes(points, into: &middle.0, &middle.1)
      alongX(middle.0, middle.1, into: &outRe, &outIm)
    }

    /// Every x-plane spread, transformed along y (lanes z), transposed and
    /// transformed along z (lanes hy): the box's [hz][hy] of plane x at row x.
    func planes(
      _ points: SpreadPoints, into middleRe: inout [Double], _ middleIm: inout [Double]
    ) {
      let (m, fft) = (m, fft)
      let (ny, nz) = (2 * limits.y + 1, 2 * limits.z + 1)
      let yOutputs = (-limits.y...limits.y).map { ((-$0) % m + m) % m }
      let zOutputs = (-limits.z...limits.z).map { ((-$0) % m + m) % m }
      let planeSize = ny * nz
      let threads = max(ProcessInfo.processInfo.activeProcessorCount, 1)
      middleRe.withUnsafeMutableBufferPointer { mr in
        middleIm.withUnsafeMutableBufferPointer { mi in
          guard let mr = mr.baseAddress, let mi = mi.baseAddress else { return }
          let (middle, middleImaginary) = (UnsafeSendable(mr), UnsafeSendable(mi))
          DispatchQueue.concurrentPerform(iterations: threads) { t in
            let plane = UnsafeMutablePointer<Double>.allocate(capacity: 2 * m * m)
            let cut = UnsafeMutablePointer<Double>.allocate(capacity: 2 * ny * m)
            let turned = UnsafeMutablePointer<Double>.allocate(capacity: 2 * ny * m)
            defer {
              plane.deallocate()
              cut.deallocate()
              turned.deallocate()
            }
            var scratch = BatchedFFT.Scratch(length: m)
            var x = t
            while x < m {
              points.spread(plane: x, m: m, into: plane, plane + m * m)
              fft.transform(
                real: plane, imaginary: plane + m * m, inputStride: m, lanes: m,
                outputs: yOutputs, into: cut, cut + ny * m, outputStride: m, scratch: &scratch)
              for hy in 0..<ny {
                for z in 0..<m {
                  turned[z * ny + hy] = cut[hy * m + z]
                  turned[ny * m + z * ny + hy] = cut[ny * m + hy * m + z]
                }
              }
              fft.transform(
                real: turned, imaginary: turned + ny * m, inputStride: ny, lanes: ny,
                outputs: zOutputs, into: middle.value + x * planeSize,
                middleImaginary.value + x * planeSize, outputStride: ny, scratch: &scratch)
              x += threads
            }
          }
        }
      }
    }

    /// The pass along x, lanes (hz, hy) in chunks, with φ̂ divided out.
    func alongX(
      _ middleRe: [Double], _ middleIm: [Double], into outRe: inout [Double],
      _ outIm: inout [Double]
    ) {
      let (m, fft, limits) = (m, fft, limits)
      let (nx, ny, nz) = (2 * limits.x + 1, 2 * limits.y + 1, 2 * limits.z + 1)
      let planeSize = ny * nz
      let xOutputs = (-limits.x...limits.x).map { ((-$0) % m + m) % m }
      let hMax = max(limits.x, limits.y, limits.z, 1)
      let phi = kernelTransform
      let chunk = 128
      let chunks = (planeSize + chunk - 1) / chunk
      let threads = max(ProcessInfo.processInfo.activeProcessorCount, 1)
      middleRe.withUnsafeBufferPointer { mr in
        middleIm.withUnsafeBufferPointer { mi in
          outRe.withUnsafeMutableBufferPointer { orr in
            outIm.withUnsafeMutableBufferPointer { oi in
              guard let mr = mr.baseAddress, let mi = mi.baseAddress,
                let orr = orr.baseAddress, let oi = oi.baseAddress
              else { return }
              let (middle, out) = (UnsafeSendable((mr, mi)), UnsafeSendable((orr, oi)))
              DispatchQueue.concurrentPerform(iterations: threads) { t in
                var scratch = BatchedFFT.Scratch(length: m)
                let input = UnsafeMutablePointer<Double>.allocate(capacity: 2 * m * chunk)
                let result = UnsafeMutablePointer<Double>.allocate(capacity: 2 * nx * chunk)
                defer {
                  input.deallocate()
                  result.deallocate()
                }
                var c = t
                while c < chunks {
                  let lane0 = c * chunk
                  let lanes = min(chunk, planeSize - lane0)
                  for x in 0..<m {
                    (input + x * lanes).update(
                      from: middle.value.0 + x * planeSize + lane0, count: lanes)
                    (input + m * lanes + x * lanes).update(
                      from: middle.value.1 + x * planeSize + lane0, count: lanes)
                  }
                  fft.transform(
                    real: input, imaginary: input + m * lanes, inputStride: lanes, lanes: lanes,
                    outputs: xOutputs, into: result, result + nx * lanes, outputStride: lanes,
                    scratch: &scratch)
                  for hx in 0..<nx {
                    let px = phi[hx - limits.x + hMax]
                    for l in 0..<lanes {
                      let lane = lane0 + l
                      let (hz, hy) = (lane / ny, lane % ny)
                      let d = px * phi[hz - limits.z + hMax] * phi[hy - limits.y + hMax]
                      out.value.0[hx * planeSize + lane] = result[hx * lanes + l] / d
                      out.value.1[hx * planeSize + lane] = result[nx * lanes + hx * lanes + l] / d
                    }
                  }
                  c += threads
                }
              }
            }
          }
        }
      }
    }
  }

  /// Points ready to spread: per point and axis the first grid index its
  /// kernel reaches and the w kernel values from there, its two weights,
  /// and the points bucketed by their first x-plane.
  struct SpreadPoints: Sendable {
    let width: Int
    let start: [Int]
    let values: [Double]
    let weights: [Double]
    let bucketStart: [Int]
    let order: [Int]

    init(_ points: [(SIMD3<Double>, Double, Double)], plan: Plan) {
      let (m, w) = (plan.m, plan.width)
      let n = points.count
      var start = [Int](repeating: 0, count: 3 * n)
      var values = [Double](repeating: 0, count: 3 * n * w)
      var weights = [Double](repeating: 0, count: 2 * n)
      var bucketStart = [Int](repeating: 0, count: m + 1)
      values.withUnsafeMutableBufferPointer { v in
        guard let v = v.baseAddress else { return }
        for (j, (x, a, b)) in points.enumerated() {
          for axis in 0..<3 {
            var f = x[axis] - x[axis].rounded(.down)
            if f >= 1 { f = 0 }
            let u = f * Double(m)
            let s = Int((u - Double(w) / 2).rounded(.up))
            start[3 * j + axis] = s
            plan.kernel(u, start: s, into: v + (3 * j + axis) * w)
          }
          weights[2 * j] = a
          weights[2 * j + 1] = b
          bucketStart[(start[3 * j] % m + m) % m + 1] += 1
        }
      }
      for i in 0..<m { bucketStart[i + 1] += bucketStart[i] }
      var order = [Int](repeating: 0, count: n)
      var fill = bucketStart
      for j in 0..<n {
        let b = (start[3 * j] % m + m) % m
        order[fill[b]] = j
        fill[b] += 1
      }
      (width, self.start, self.values, self.weights) = (w, start, values, weights)
      (self.bucketStart, self.order) = (bucketStart, order)
    }

    /// row[z0 + i] += weight·values[i] for the w values, wrapping after `run`.
    @inline(__always)
    func add(
      _ weight: Double, _ values: UnsafePointer<Double>, into row: UnsafeMutablePointer<Double>,
      from z0: Int, run: Int
    ) {
      for i in 0..<run { row[z0 + i] += weight * values[i] }
      for i in run..<width { row[i - run] += weight * values[i] }
    }

    /// Zeroes plane x ([y][z], m × m) and adds every point's kernel that reaches it.
    func spread(
      plane x: Int, m: Int, into re: UnsafeMutablePointer<Double>,
      _ im: UnsafeMutablePointer<Double>
    ) {
      let w = width
      re.update(repeating: 0, count: m * m)
      im.update(repeating: 0, count: m * m)
      values.withUnsafeBufferPointer { v in
        guard let v = v.baseAddress else { return }
        // Points whose first plane is x − w + 1 … x reach x at their value `back`.
        for back in 0..<w {
          let b = ((x - back) % m + m) % m
          for o in bucketStart[b]..<bucketStart[b + 1] {
            let j = order[o]
            let wx = v[3 * j * w + back]
            let (a, bw) = (weights[2 * j] * wx, weights[2 * j + 1] * wx)
            let vy = v + (3 * j + 1) * w
            let vz = v + (3 * j + 2) * w
            let z0 = (start[3 * j + 2] % m + m) % m
            // The z run, split where it wraps.
            let run = min(w, m - z0)
            for iy in 0..<w {
              let row = ((start[3 * j + 1] + iy) % m + m) % m * m
              if a != 0 { add(a * vy[iy], vz, into: re + row, from: z0, run: run) }
              if bw != 0 { add(bw * vy[iy], vz, into: im + row, from: z0, run: run) }
            }
          }
        }
      }
    }
  }
}

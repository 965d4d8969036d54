import Crystal
import Foundation

/// The geometric part of structure factors, Σ occ·exp(2πi h·x) over the
/// positions of each site, from tables of exp(2πi h x), exp(2πi k y) and
/// exp(2πi l z) built once per position: two complex products per atom
/// and reflection instead of a sine and a cosine. Centring and an inversion
/// centre at the origin reduce the positions first (`CentringAndInversion`).
struct StructureFactorKernel: Sendable {
  /// The centring and inversion that the sums use, when the group has them.
  let reduction: CentringAndInversion?
  /// One occupant of a position: its table column, site and occupancy,
  /// sorted by site.
  let position: [Int]
  let site: [Int]
  let occupancy: [Double]
  /// Where each site's occupants start in the arrays above (count + 1).
  let siteStart: [Int]
  let limits: SIMD3<Int>
  let count: Int
  /// β of each entry's atom, rotated to its position (6 numbers: 11 22 33
  /// 12 13 23), all zero for isotropic atoms; nil when no atom is anisotropic.
  let beta: [Double]?
  /// exp(2πi n f) for n = −limit…limit, row n + limit, column position.
  let xRe: [Double]
  let xIm: [Double]
  let yRe: [Double]
  let yIm: [Double]
  let zRe: [Double]
  let zIm: [Double]

  /// Tables for `structure` up to |h|, |k|, |l| ≤ `limits`; nil when they
  /// would need more than `memoryLimit` bytes.
  /// `anisotropic` gives β of the sites that have one (fractional basis).
  init?(
    _ structure: CrystalStructure, limits: SIMD3<Int>, anisotropic: [Int: [[Double]]] = [:],
    memoryLimit: Int = 400_000_000
  ) {
    let n = structure.positions.count
    let rows = (2 * limits.x + 1) + (2 * limits.y + 1) + (2 * limits.z + 1)
    guard n > 0, rows * n * 16 <= memoryLimit else { return nil }
    let reduction = CentringAndInversion(structure)
    self.reduction = reduction
    var entries: [(site: Int, position: Int, occupancy: Double)] = []
    for (p, pos) in structure.positions.enumerated() {
      let factor = reduction?.factor[p] ?? 1
      guard factor > 0 else { continue }
      for o in pos.occupants { entries.append((o.site, p, o.occupancy * factor)) }
    }
    entries.sort { ($0.site, $0.position) < ($1.site, $1.position) }
    position = entries.map(\.position)
    site = entries.map(\.site)
    occupancy = entries.map(\.occupancy)
    var start = [Int](repeating: 0, count: structure.sites.count + 1)
    for e in entries { start[e.site + 1] += 1 }
    for s in 0..<structure.sites.count { start[s + 1] += start[s] }
    siteStart = start
    if anisotropic.isEmpty {
      beta = nil
    } else {
      // β′ = R β Rᵀ for the image placed by x′ = R x + t.
      var flat = [Double](repeating: 0, count: 6 * entries.count)
      for (e, entry) in entries.enumerated() {
        guard let b = anisotropic[entry.site] else { continue }
        let op = structure.positions[entry.position].operation
        let r = structure.operations[op].rotation.map { $0.map(Double.init) }
        var rotated = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 {
          for j in 0..<3 {
            var sum = 0.0
            for k in 0..<3 { for l in 0..<3 { sum += r[i][k] * b[k][l] * r[j][l] } }
            rotated[i][j] = sum
          }
        }
        flat.replaceSubrange(
          (6 * e)..<(6 * e + 6),
          with: [
            rotated[0][0], rotated[1][1], rotated[2][2], rotated[0][1], rotated[0][2],
            rotated[1][2],
          ])
      }
      beta = flat
    }
    self.limits = limits
    count = n
    func table(_ limit: Int, _ coordinate: (SIMD3<Double>) -> Double) -> ([Double], [Double]) {
      var re = [Double](repeating: 0, count: (2 * limit + 1) * n)
      var im = re
      for (p, pos) in structure.positions.enumerated() {
        let angle = 2 * Double.pi * coordinate(pos.fractional)
        for m in -limit...limit {
          re[(m + limit) * n + p] = cos(Double(m) * angle)
          im[(m + limit) * n + p] = sin(Double(m) * angle)
        }
      }
      return (re, im)
    }
    (xRe, xIm) = table(limits.x, { $0.x })
    (yRe, yIm) = table(limits.y, { $0.y })
    (zRe, zIm) = table(limits.z, { $0.z })
  }

  /// F(hkl) = Σ_sites f_s · Σ occ·exp(2πi h·x), with f_s = (Re, Im) per site.
  func structureFactor(_ hkl: SIMD3<Int>, siteFactors f: [(Double, Double)]) -> (Double, Double) {
    let centring = reduction?.centringFactor(hkl) ?? 1
    guard centring != 0 else { return (0, 0) }
    let real = reduction?.inversion ?? false
    let n = count
    let ox = (hkl.x + limits.x) * n
    let oy = (hkl.y + limits.y) * n
    let oz = (hkl.z + limits.z) * n
    var re = 0.0
    var im = 0.0
    let sites = siteStart.count - 1
    xRe.withUnsafeBufferPointer { xr in
      xIm.withUnsafeBufferPointer { xi in
        yRe.withUnsafeBufferPointer { yr in
          yIm.withUnsafeBufferPointer { yi in
            zRe.withUnsafeBufferPointer { zr in
              zIm.withUnsafeBufferPointer { zi in
                position.withUnsafeBufferPointer { position in
                  occupancy.withUnsafeBufferPointer { occupancy in
                    siteStart.withUnsafeBufferPointer { siteStart in
                      f.withUnsafeBufferPointer { f in
                        for s in 0..<sites {
                          var sr = 0.0
                          var si = 0.0
                          for e in siteStart[s]..<siteStart[s + 1] {
                            let p = position[e]
                            let (ar, ai) = (xr[ox + p], xi[ox + p])
                            let (br, bi) = (yr[oy + p], yi[oy + p])
                            let (cr, ci) = (zr[oz + p], zi[oz + p])
                            let abr = ar * br - ai * bi
                            let abi = ar * bi + ai * br
                            var w = occupancy[e]
                            if let beta {
                              let q = 6 * e
                              let (h, k, l) = (Double(hkl.x), Double(hkl.y), Double(hkl.z))
                              let exponent =
                                beta[q] * h * h + beta[q + 1] * k * k + beta[q + 2] * l * l
                                + 2
                                * (beta[q + 3] * h * k + beta[q + 4] * h * l + beta[q + 5] * k * l)
                              if exponent != 0 { w *= exp(-exponent) }
                            }
                            sr += w * (abr * cr - abi * ci)
                            if !real { si += w * (abr * ci + abi * cr) }
                          }
                          let (fr, fi) = f[s]
                          re += fr * sr - fi * si
                          im += fr * si + fi * sr
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return (centring * re, centring * im)
  }
}

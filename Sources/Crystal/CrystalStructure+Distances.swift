import Foundation
import IonicsCore

/// One interatomic contact under periodic boundaries.
public struct Contact: Sendable {
  /// Index of the first position in ``CrystalStructure/positions``.
  public var from: Int
  /// Index of the second position.
  public var to: Int
  /// Lattice translation applied to the second position (cells).
  public var translation: SIMD3<Int32>
  /// Distance, Å, with the standard uncertainty propagated from the
  /// coordinates of both sites and the cell (independent s.u., as the CIF
  /// gives them; coordinates of one site used twice are correlated).
  public var distance: Measured
}

extension CrystalStructure {
  /// Metric tensor G (Å²): d² = Δfᵀ·G·Δf.
  var metric: [[Double]] {
    let r = Double.pi / 180
    let (a, b, c) = (cell.a.value, cell.b.value, cell.c.value)
    let (ca, cb, cg) = (
      cos(cell.alpha.value * r), cos(cell.beta.value * r), cos(cell.gamma.value * r)
    )
    return [
      [a * a, a * b * cg, a * c * cb], [a * b * cg, b * b, b * c * ca],
      [a * c * cb, b * c * ca, c * c],
    ]
  }

  /// Every pair of positions closer than `cutoff` (Å), each pair once (a
  /// position with its own image counts when the translation is not zero),
  /// found with a cell list on fractional bins, so large cells stay fast.
  public func contacts(within cutoff: Double) -> [Contact] {
    guard cutoff > 0, !positions.isEmpty else { return [] }
    let g = metric
    // Perpendicular widths of the cell: 1/|a*ₖ| from the inverse metric.
    let inverse = Self.invert(g)
    let widths = (0..<3).map { 1 / max(inverse[$0][$0], 1e-300).squareRoot() }
    let bins = widths.map { max(1, min(Int(($0 / cutoff).rounded(.down)), 200)) }
    let reach = (0..<3).map { Int((cutoff / (widths[$0] / Double(bins[$0]))).rounded(.up)) }
    func binIndex(_ f: SIMD3<Double>) -> (Int, Int, Int) {
      (
        min(Int(f.x * Double(bins[0])), bins[0] - 1), min(Int(f.y * Double(bins[1])), bins[1] - 1),
        min(Int(f.z * Double(bins[2])), bins[2] - 1)
      )
    }
    var members = Array(repeating: [Int](), count: bins[0] * bins[1] * bins[2])
    for (i, p) in positions.enumerated() {
      let (x, y, z) = binIndex(p.fractional)
      members[(x * bins[1] + y) * bins[2] + z].append(i)
    }
    let cutoff2 = cutoff * cutoff
    var found: [Contact] = []
    for (i, p) in positions.enumerated() {
      let (bx, by, bz) = binIndex(p.fractional)
      for dx in -reach[0]...reach[0] {
        let tx = bx + dx
        let (wx, sx) = Self.wrap(tx, bins[0])
        for dy in -reach[1]...reach[1] {
          let (wy, sy) = Self.wrap(by + dy, bins[1])
          for dz in -reach[2]...reach[2] {
            let (wz, sz) = Self.wrap(bz + dz, bins[2])
            let shift = SIMD3<Double>(Double(sx), Double(sy), Double(sz))
            for j in members[(wx * bins[1] + wy) * bins[2] + wz] {
              // Each unordered pair once: j > i, or j == i with a positive shift.
              if j < i { continue }
              if j == i {
                let positive =
                  sx > 0 || (sx == 0 && sy > 0) || (sx == 0 && sy == 0 && sz > 0)
                if !positive { continue }
              }
              let d = positions[j].fractional + shift - p.fractional
              let gd = SIMD3(
                g[0][0] * d.x + g[0][1] * d.y + g[0][2] * d.z,
                g[1][0] * d.x + g[1][1] * d.y + g[1][2] * d.z,
                g[2][0] * d.x + g[2][1] * d.y + g[2][2] * d.z)
              let d2 = (d * gd).sum()
              guard d2 <= cutoff2, d2 > 1e-8 else { continue }
              found.append(
                Contact(
                  from: i, to: j, translation: SIMD3<Int32>(Int32(sx), Int32(sy), Int32(sz)),
                  distance: Measured(d2.squareRoot())))
            }
          }
        }
      }
    }
    return found
  }

  /// The contact's distance with its standard uncertainty.
  public func withUncertainty(_ contact: Contact) -> Contact {
    var c = contact
    c.distance = distance(from: contact.from, to: contact.to, translation: contact.translation)
    return c
  }

  /// Distance between two positions (the second shifted by whole cells),
  /// with the s.u. from the sites' coordinates (through the symmetry
  /// operations that placed them) and from the cell parameters.
  public func distance(from i: Int, to j: Int, translation: SIMD3<Int32>) -> Measured {
    let g = metric
    let d = positions[j].fractional + SIMD3<Double>(translation) - positions[i].fractional
    let gd = (0..<3).map { k in g[k][0] * d.x + g[k][1] * d.y + g[k][2] * d.z }
    let length = (d.x * gd[0] + d.y * gd[1] + d.z * gd[2]).squareRoot()
    guard length > 0 else { return Measured(0) }
    // ∂d/∂f′ = ±G·Δf/d; back to the site's own coordinates through Rᵀ.
    var siteGradient: [Int: SIMD3<Double>] = [:]
    for (index, sign) in [(i, -1.0), (j, 1.0)] {
      let position = positions[index]
      let site = position.occupants[0].site
      let rotation = operations[position.operation].rotation
      var grad = SIMD3<Double>.zero
      for col in 0..<3 {
        for row in 0..<3 { grad[col] += Double(rotation[row][col]) * sign * gd[row] / length }
      }
      siteGradient[site, default: .zero] += grad
    }
    var variance = 0.0
    for (site, grad) in siteGradient {
      let s = sites[site]
      let su = SIMD3(s.x.standardUncertainty, s.y.standardUncertainty, s.z.standardUncertainty)
      variance += ((grad * su) * (grad * su)).sum()
    }
    // Cell: d(d²)/dp = Δfᵀ·(∂G/∂p)·Δf, and ∂d/∂p = that / 2d.
    let r = Double.pi / 180
    let (a, b, c) = (cell.a.value, cell.b.value, cell.c.value)
    let (al, be, ga) = (cell.alpha.value * r, cell.beta.value * r, cell.gamma.value * r)
    let (x, y, z) = (d.x, d.y, d.z)
    let dA = 2 * a * x * x + 2 * b * cos(ga) * x * y + 2 * c * cos(be) * x * z
    let dB = 2 * b * y * y + 2 * a * cos(ga) * x * y + 2 * c * cos(al) * y * z
    let dC = 2 * c * z * z + 2 * a * cos(be) * x * z + 2 * b * cos(al) * y * z
    let dAlpha = -2 * b * c * sin(al) * y * z * r
    let dBeta = -2 * a * c * sin(be) * x * z * r
    let dGamma = -2 * a * b * sin(ga) * x * y * r
    // Edges that the symmetry makes equal (an operation sends one axis onto
    // another: a = b in tetragonal and hexagonal cells, a = b = c in cubic
    // ones) are one parameter, so their derivatives add before squaring.
    var lengthTerms = [
      dA * cell.a.standardUncertainty, dB * cell.b.standardUncertainty,
      dC * cell.c.standardUncertainty,
    ]
    for (i, j) in tiedAxes {
      lengthTerms[i] += lengthTerms[j]
      lengthTerms[j] = 0
    }
    for term in lengthTerms {
      let t = term / (2 * length)
      variance += t * t
    }
    for (derivative, p) in [(dAlpha, cell.alpha), (dBeta, cell.beta), (dGamma, cell.gamma)] {
      let term = derivative / (2 * length) * p.standardUncertainty
      variance += term * term
    }
    return Measured(length, standardUncertainty: variance.squareRoot())
  }

  /// Pairs of axes (i < j, j merged into i) whose lengths the operations tie.
  var tiedAxes: [(Int, Int)] {
    var root = [0, 1, 2]
    func find(_ k: Int) -> Int { root[k] == k ? k : find(root[k]) }
    for op in operations {
      for i in 0..<3 {
        for j in 0..<3 where i != j && op.rotation[j][i] != 0 {
          let (a, b) = (find(i), find(j))
          if a != b { root[max(a, b)] = min(a, b) }
        }
      }
    }
    return (0..<3).compactMap { k in find(k) != k ? (find(k), k) : nil }
  }

  /// Index modulo n and the number of whole cells crossed.
  static func wrap(_ k: Int, _ n: Int) -> (Int, Int) {
    let m = ((k % n) + n) % n
    return (m, (k - m) / n)
  }

  /// Inverse of a 3×3 matrix (the metric tensor is positive definite).
  static func invert(_ m: [[Double]]) -> [[Double]] {
    let det =
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
      - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
      + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    guard det != 0 else { return [[0, 0, 0], [0, 0, 0], [0, 0, 0]] }
    var inv = [[Double]](repeating: [0, 0, 0], count: 3)
    for i in 0..<3 {
      for j in 0..<3 {
        let a = m[(j + 1) % 3][(i + 1) % 3] * m[(j + 2) % 3][(i + 2) % 3]
        let b = m[(j + 1) % 3][(i + 2) % 3] * m[(j + 2) % 3][(i + 1) % 3]
        inv[i][j] = (a - b) / det
      }
    }
    return inv
  }
}

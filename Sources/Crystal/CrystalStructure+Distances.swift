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
  var metric: [[Double]] { Self.metric(cell) }

  /// Metric tensor G of a cell (Å²).
  static func metric(_ cell: UnitCell) -> [[Double]] {
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
    var found: [Contact] = []
    Self.forEachContact(among: positions.map(\.fractional), cell: cell, within: cutoff) {
      i, j, shift, d in
      found.append(Contact(from: i, to: j, translation: shift, distance: Measured(d)))
    }
    return found
  }

  /// Calls `body(i, j, translation, distance)` for every pair of fractional
  /// positions closer than `cutoff` (Å) under periodic boundaries, each
  /// unordered pair once, the second position shifted by `translation` cells.
  static func forEachContact(
    among fractional: [SIMD3<Double>], cell: UnitCell, within cutoff: Double,
    _ body: (Int, Int, SIMD3<Int32>, Double) -> Void
  ) {
    guard cutoff > 0, !fractional.isEmpty else { return }
    CellList(fractional, metric: metric(cell), cutoff: cutoff)
      .forEachContact(from: 0..<fractional.count, body)
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
    distance(from: i, to: j, translation: translation, geometry: DistanceGeometry(self))
  }

  /// The same with the cell's constants computed once (`geometry`).
  func distance(
    from i: Int, to j: Int, translation: SIMD3<Int32>, geometry q: DistanceGeometry
  ) -> Measured {
    Self.distance(
      positions[i].fractional, positions[j].fractional + SIMD3<Double>(translation),
      operations: (positions[i].operation, positions[j].operation),
      sites: (positions[i].occupants[0].site, positions[j].occupants[0].site), geometry: q)
  }

  /// The distance between fractional points `a` and `b` placed by
  /// `operations` from the coordinates of `sites`, with its s.u.
  static func distance(
    _ a: SIMD3<Double>, _ b: SIMD3<Double>, operations: (Int, Int), sites: (Int, Int),
    geometry q: DistanceGeometry
  ) -> Measured {
    let d = b - a
    let gd = q.g0 * d.x + q.g1 * d.y + q.g2 * d.z
    let length = (d * gd).sum().squareRoot()
    guard length > 0 else { return Measured(0) }
    // ∂d/∂f′ = ±G·Δf/d; back to the site's own coordinates through Rᵀ; one
    // site used at both ends (an atom and its image) adds before squaring.
    let u = gd / length
    let (siteI, siteJ) = sites
    let gradI = -q.transposedRotation(operations.0, u)
    let gradJ = q.transposedRotation(operations.1, u)
    var variance = 0.0
    if siteI == siteJ {
      let t = (gradI + gradJ) * q.coordinateSU[siteI]
      variance += (t * t).sum()
    } else {
      let ti = gradI * q.coordinateSU[siteI]
      let tj = gradJ * q.coordinateSU[siteJ]
      variance += (ti * ti).sum() + (tj * tj).sum()
    }
    // Cell: d(d²)/dp = Δfᵀ·(∂G/∂p)·Δf, and ∂d/∂p = that / 2d.
    let (x, y, z) = (d.x, d.y, d.z)
    let (a, b, c) = (q.lengths.x, q.lengths.y, q.lengths.z)
    let dA = 2 * a * x * x + 2 * b * q.cosines.z * x * y + 2 * c * q.cosines.y * x * z
    let dB = 2 * b * y * y + 2 * a * q.cosines.z * x * y + 2 * c * q.cosines.x * y * z
    let dC = 2 * c * z * z + 2 * a * q.cosines.y * x * z + 2 * b * q.cosines.x * y * z
    var lengthTerms = SIMD3(dA, dB, dC) * q.lengthSU
    // Edges that the symmetry makes equal (an operation sends one axis onto
    // another: a = b in tetragonal and hexagonal cells, a = b = c in cubic
    // ones) are one parameter, so their derivatives add before squaring.
    for (k, l) in q.tiedAxes {
      lengthTerms[k] += lengthTerms[l]
      lengthTerms[l] = 0
    }
    let angleTerms =
      SIMD3(-2 * b * c * y * z, -2 * a * c * x * z, -2 * a * b * x * y) * q.sines * q.angleSU
      * (Double.pi / 180)
    let cellTerms = (lengthTerms * lengthTerms).sum() + (angleTerms * angleTerms).sum()
    variance += cellTerms / (4 * length * length)
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

/// The constants of a structure that every distance needs, computed once:
/// the metric tensor's rows, the cell's cosines, sines and s.u.s, the edges
/// tied by symmetry, the rotations, and each site's coordinate s.u.s.
struct DistanceGeometry {
  let g0: SIMD3<Double>
  let g1: SIMD3<Double>
  let g2: SIMD3<Double>
  let lengths: SIMD3<Double>
  let cosines: SIMD3<Double>
  let sines: SIMD3<Double>
  let lengthSU: SIMD3<Double>
  let angleSU: SIMD3<Double>
  let tiedAxes: [(Int, Int)]
  /// Columns of each rotation (rows of Rᵀ).
  let rotationColumns: [(SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)]
  let coordinateSU: [SIMD3<Double>]

  init(_ s: CrystalStructure) {
    let g = s.metric
    g0 = SIMD3(g[0][0], g[0][1], g[0][2])
    g1 = SIMD3(g[1][0], g[1][1], g[1][2])
    g2 = SIMD3(g[2][0], g[2][1], g[2][2])
    let cell = s.cell
    let r = Double.pi / 180
    lengths = SIMD3(cell.a.value, cell.b.value, cell.c.value)
    let angles = SIMD3(cell.alpha.value, cell.beta.value, cell.gamma.value) * r
    cosines = SIMD3(cos(angles.x), cos(angles.y), cos(angles.z))
    sines = SIMD3(sin(angles.x), sin(angles.y), sin(angles.z))
    lengthSU = SIMD3(
      cell.a.standardUncertainty, cell.b.standardUncertainty, cell.c.standardUncertainty)
    angleSU = SIMD3(
      cell.alpha.standardUncertainty, cell.beta.standardUncertainty,
      cell.gamma.standardUncertainty)
    tiedAxes = s.tiedAxes
    rotationColumns = s.operations.map { op in
      let m = op.rotation
      return (
        SIMD3(Double(m[0][0]), Double(m[1][0]), Double(m[2][0])),
        SIMD3(Double(m[0][1]), Double(m[1][1]), Double(m[2][1])),
        SIMD3(Double(m[0][2]), Double(m[1][2]), Double(m[2][2]))
      )
    }
    coordinateSU = s.sites.map {
      SIMD3($0.x.standardUncertainty, $0.y.standardUncertainty, $0.z.standardUncertainty)
    }
  }

  /// Rᵀ·u for operation `k`.
  func transposedRotation(_ k: Int, _ u: SIMD3<Double>) -> SIMD3<Double> {
    let (c0, c1, c2) = rotationColumns[k]
    return SIMD3((c0 * u).sum(), (c1 * u).sum(), (c2 * u).sum())
  }
}

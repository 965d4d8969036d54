import Crystal
import Foundation
import IonicsCore

/// A phase's atoms as a Rietveld fit moves them: each site's coordinates
/// along the directions its Wyckoff position leaves free, its U_iso (or
/// its U_ij within the site symmetry's constraints, where the CIF gives
/// them) and its occupancy, and |F|² of any reflection from them
/// (International Tables form factors, f′ + i f″ at a tabulated line,
/// exp(−8π²U s²) or exp(−h·β·h) with βᵢⱼ = 2π² aᵢ* aⱼ* Uᵢⱼ).
///
/// Sites at one place (a mixed site such as As/S) share one set of
/// coordinates and one U_iso, those of the first listed (the leader);
/// their occupancies keep their sum.
struct RefinableStructure: Sendable {
  /// One site of the asymmetric unit.
  struct Site: Sendable {
    let label: String
    /// International Tables coefficients of f₀.
    let formFactor: [Double]
    let atomicNumber: Int
    /// f′, f″ at the radiation's first line (0 where not tabulated).
    let dispersion: (Double, Double)
    /// The directions in which the site may move, fractional; direction j
    /// has 1 in coordinate `pivots[j]` and 0 in the other pivots.
    let directions: [SIMD3<Double>]
    let pivots: [Int]
    /// The symmetry images: the operations that give distinct positions.
    let images: [SymmetryOperation]
    /// The site whose coordinates and U_iso this one shares (itself when none).
    let leader: Int
    /// Anisotropic sites: the free directions of (U11, U22, U33, U12,
    /// U13, U23) under the site symmetry, each with 1 in its pivot
    /// component and 0 in the other pivots; empty for isotropic sites.
    let uDirections: [[Double]]
    let uPivots: [Int]
  }

  let sites: [Site]
  /// Current coordinates of every site, fractional.
  var coordinates: [SIMD3<Double>]
  /// Current U_iso of every site, Å².
  var uIso: [Double]
  /// Current occupancy of every site.
  var occupancy: [Double]
  /// Current U_ij of anisotropic sites (U11, U22, U33, U12, U13, U23, Å²), nil for isotropic ones.
  var uAniso: [[Double]?]
  /// a*, b*, c*, Å⁻¹ (for β from U).
  let reciprocalLengths: [Double]

  /// The sites of `structure`, with f′, f″ at `line` when tabulated.
  init(_ structure: CrystalStructure, line: String?) {
    let g = structure.cell.metricTensor
    let r = structure.cell.reciprocalMetricTensor
    let lengths = (0..<3).map { r[$0][$0].squareRoot() }
    var sites: [Site] = []
    var coordinates: [SIMD3<Double>] = []
    var uIso: [Double] = []
    var uAniso: [[Double]?] = []
    for (s, atom) in structure.sites.enumerated() {
      let x = atom.position
      let leader =
        structure.sites[..<s].firstIndex { other in
          let d = other.position - x
          return Self.isLattice(d, within: 1e-3)
        } ?? s
      var images: [SymmetryOperation] = []
      var stabiliser: [[[Int]]] = []
      let aniso = atom.uAniso.flatMap { $0.count == 6 ? $0.map(\.value) : nil }
      for op in structure.operations {
        let p = op.apply(x)
        let d = p - x
        if Self.isLattice(d, within: 1e-4) { stabiliser.append(op.rotation) }
        let seen = images.contains { other in
          let e = other.apply(x) - p
          return Self.isLattice(e, within: 1e-4)
        }
        if !seen { images.append(op) }
      }
      let (directions, pivots) = Self.freeDirections(stabiliser)
      let (uDirections, uPivots) = aniso == nil ? ([], []) : Self.freeTensorDirections(stabiliser, lengths)
      let coefficients =
        AtomicScattering.coefficients(.internationalTables, atom.element, charge: atom.oxidationState)?.values
        ?? AtomicScattering.coefficients(.internationalTables, atom.element, charge: nil)?.values ?? []
      let dispersion = line.flatMap { AtomicScattering.dispersion(atom.element, line: $0) } ?? (0, 0)
      sites.append(
        Site(
          label: atom.label, formFactor: coefficients, atomicNumber: atom.element.atomicNumber,
          dispersion: dispersion, directions: directions, pivots: pivots, images: images, leader: leader,
          uDirections: uDirections, uPivots: uPivots))
      coordinates.append(x)
      uAniso.append(aniso)
      uIso.append(aniso.map { Self.equivalent($0, lengths: lengths, metric: g) } ?? atom.uIso?.value ?? 0)
    }
    self.sites = sites
    self.coordinates = coordinates
    self.uIso = uIso
    self.uAniso = uAniso
    self.occupancy = structure.sites.map(\.occupancy.value)
    reciprocalLengths = lengths
  }

  /// U_eq = ⅓ Σᵢⱼ Uᵢⱼ aᵢ* aⱼ* (aᵢ·aⱼ), Å².
  static func equivalent(_ u: [Double], lengths: [Double], metric g: [[Double]]) -> Double {
    let m = [[u[0], u[3], u[4]], [u[3], u[1], u[5]], [u[4], u[5], u[2]]]
    var sum = 0.0
    for i in 0..<3 { for j in 0..<3 { sum += m[i][j] * lengths[i] * lengths[j] * g[i][j] } }
    return sum / 3
  }

  /// The free directions of U = (U11, U22, U33, U12, U13, U23) at a site
  /// fixed by `rotations`: each rotation R acts on U as U ↦ Q U Qᵀ with
  /// Q = D⁻¹ R D, D = diag(a*, b*, c*) (U is given on the reciprocal axes);
  /// the average of these maps projects onto the U the site allows.
  static func freeTensorDirections(_ rotations: [[[Int]]], _ lengths: [Double]) -> ([[Double]], [Int]) {
    let pairs = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)]
    var p = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    let all = rotations.isEmpty ? [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]] : rotations
    for r in all {
      let q = (0..<3).map { i in (0..<3).map { j in Double(r[i][j]) * lengths[j] / lengths[i] } }
      for (column, (k, l)) in pairs.enumerated() {
        // The image of the unit tensor E_kl (+ E_lk).
        var e = [[Double]](repeating: [0, 0, 0], count: 3)
        e[k][l] = 1
        e[l][k] = 1
        for (row, (i, j)) in pairs.enumerated() {
          var sum = 0.0
          for a in 0..<3 { for b in 0..<3 { sum += q[i][a] * e[a][b] * q[j][b] } }
          p[row][column] += sum / Double(all.count)
        }
      }
    }
    var columns = (0..<6).map { j in (0..<6).map { p[$0][j] } }
    var directions: [[Double]] = []
    var pivots: [Int] = []
    for i in 0..<6 {
      guard let c = columns.indices.max(by: { abs(columns[$0][i]) < abs(columns[$1][i]) }), abs(columns[c][i]) > 1e-6
      else { continue }
      let pivot = columns[c].map { $0 / columns[c][i] }
      columns.remove(at: c)
      for k in columns.indices { columns[k] = zip(columns[k], pivot).map { $0 - columns[k][i] * $1 } }
      for k in directions.indices { directions[k] = zip(directions[k], pivot).map { $0 - directions[k][i] * $1 } }
      directions.append(pivot)
      pivots.append(i)
    }
    return (directions, pivots)
  }

  /// Sets component `uPivots[j]` of site `s`'s U_ij to `value` (the other free components kept).
  mutating func setTensorComponent(site s: Int, direction j: Int, to value: Double) {
    guard var u = uAniso[s] else { return }
    let site = sites[s]
    let shift = value - u[site.uPivots[j]]
    for k in 0..<6 { u[k] += shift * site.uDirections[j][k] }
    uAniso[s] = u
  }

  /// Whether `d` is a lattice vector (integers within `tolerance`).
  static func isLattice(_ d: SIMD3<Double>, within tolerance: Double) -> Bool {
    let r = d - d.rounded(.toNearestOrAwayFromZero)
    return Swift.max(Swift.abs(r.x), Swift.abs(r.y), Swift.abs(r.z)) < tolerance
  }

  /// The directions a site may move in without leaving its Wyckoff
  /// position: the column space of the site-symmetry projector
  /// P = (1/|G|) Σ R over the rotations R that fix it, reduced so that each
  /// direction has 1 in its own coordinate (its pivot) and 0 in the others'.
  static func freeDirections(_ rotations: [[[Int]]]) -> ([SIMD3<Double>], [Int]) {
    guard !rotations.isEmpty else { return ([SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)], [0, 1, 2]) }
    var p = [[Double]](repeating: [0, 0, 0], count: 3)
    for r in rotations {
      for i in 0..<3 { for j in 0..<3 { p[i][j] += Double(r[i][j]) / Double(rotations.count) } }
    }
    // Gauss–Jordan on the columns of P.
    var columns = (0..<3).map { j in SIMD3(p[0][j], p[1][j], p[2][j]) }
    var directions: [SIMD3<Double>] = []
    var pivots: [Int] = []
    for i in 0..<3 {
      guard let c = columns.indices.max(by: { abs(columns[$0][i]) < abs(columns[$1][i]) }), abs(columns[c][i]) > 1e-6
      else { continue }
      let pivot = columns[c] / columns[c][i]
      columns.remove(at: c)
      for k in columns.indices { columns[k] -= columns[k][i] * pivot }
      for k in directions.indices { directions[k] -= directions[k][i] * pivot }
      directions.append(pivot)
      pivots.append(i)
    }
    return (directions, pivots)
  }

  /// Moves site `s` so that its coordinate `pivots[j]` becomes `value`
  /// (the other free coordinates kept).
  mutating func setCoordinate(site s: Int, direction j: Int, to value: Double) {
    let site = sites[s]
    let shift = value - coordinates[s][site.pivots[j]]
    coordinates[s] += shift * site.directions[j]
  }

  /// |F(hkl)|² of each reflection, electrons², with G* the reciprocal metric tensor.
  func squaredStructureFactors(_ hkls: [SIMD3<Int>], reciprocal g: [[Double]]) -> [Double] {
    let placed = sites.indices.map { s -> (Int, [SIMD3<Double>]) in
      let leader = sites[s].leader
      return (s, sites[s].images.map { $0.apply(coordinates[leader]) })
    }
    // β = 2π² D U D of every image of an anisotropic site (R β Rᵀ), as 6 numbers.
    let betas = sites.indices.map { s -> [[Double]]? in
      guard let u = uAniso[sites[s].leader] else { return nil }
      let d = reciprocalLengths
      let m = [[u[0], u[3], u[4]], [u[3], u[1], u[5]], [u[4], u[5], u[2]]]
      let beta = (0..<3).map { i in (0..<3).map { j in 2 * Double.pi * Double.pi * d[i] * d[j] * m[i][j] } }
      return sites[s].images.map { op in
        let r = op.rotation.map { $0.map(Double.init) }
        var out = [Double](repeating: 0, count: 6)
        for (n, (i, j)) in [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)].enumerated() {
          var sum = 0.0
          for k in 0..<3 { for l in 0..<3 { sum += r[i][k] * beta[k][l] * r[j][l] } }
          out[n] = sum
        }
        return out
      }
    }
    var factor = [(Double, Double)](repeating: (0, 0), count: sites.count)
    return hkls.map { hkl in
      let h = Double(hkl.x), k = Double(hkl.y), l = Double(hkl.z)
      let q = h * h * g[0][0] + k * k * g[1][1] + l * l * g[2][2] + 2 * (h * k * g[0][1] + h * l * g[0][2] + k * l * g[1][2])
      let s2 = q / 4
      for (s, site) in sites.enumerated() {
        let f0 = AtomicScattering.f0(.internationalTables, site.formFactor, atomicNumber: site.atomicNumber, s2: s2)
        let t =
          betas[s] == nil ? occupancy[s] * exp(-8 * Double.pi * Double.pi * uIso[sites[s].leader] * s2) : occupancy[s]
        factor[s] = ((f0 + site.dispersion.0) * t, site.dispersion.1 * t)
      }
      var re = 0.0, im = 0.0
      let v = SIMD3<Double>(h, k, l)
      for (s, positions) in placed {
        let (fr, fi) = factor[s]
        var c = 0.0, sn = 0.0
        if let beta = betas[s] {
          for (x, b) in zip(positions, beta) {
            let phase = 2 * Double.pi * (v * x).sum()
            let t = exp(-(h * h * b[0] + k * k * b[1] + l * l * b[2] + 2 * (h * k * b[3] + h * l * b[4] + k * l * b[5])))
            c += t * cos(phase)
            sn += t * sin(phase)
          }
        } else {
          for x in positions {
            let phase = 2 * Double.pi * (v * x).sum()
            c += cos(phase)
            sn += sin(phase)
          }
        }
        re += fr * c - fi * sn
        im += fr * sn + fi * c
      }
      return re * re + im * im
    }
  }

  /// The sites of `structure` with these coordinates, U_iso and occupancies
  /// and their s.u.: `uncertainty(site, name)` gives a parameter's s.u. by
  /// its name ("x", "y" or "z" of a free direction's pivot, "Uiso", "occ");
  /// a coordinate that follows a free one (y = x) takes its share of that
  /// one's s.u.
  func sites(of structure: CrystalStructure, uncertainty: (Int, String) -> Double?) -> [AtomSite] {
    let names = ["x", "y", "z"]
    return structure.sites.enumerated().map { s, atom in
      var out = atom
      let leader = sites[s].leader
      let c = coordinates[leader]
      let site = sites[leader]
      let su = (0..<3).map { axis -> Double in
        var sum = 0.0
        for (j, d) in site.directions.enumerated() {
          let e = (uncertainty(leader, names[site.pivots[j]]) ?? 0) * d[axis]
          sum += e * e
        }
        return sum.squareRoot()
      }
      out.x = Measured(c.x, standardUncertainty: su[0])
      out.y = Measured(c.y, standardUncertainty: su[1])
      out.z = Measured(c.z, standardUncertainty: su[2])
      if let u = uAniso[leader] {
        let labels = ["U11", "U22", "U33", "U12", "U13", "U23"]
        out.uAniso = (0..<6).map { component in
          var sum = 0.0
          for (j, d) in site.uDirections.enumerated() {
            let e = (uncertainty(leader, labels[site.uPivots[j]]) ?? 0) * d[component]
            sum += e * e
          }
          return Measured(u[component], standardUncertainty: sum.squareRoot())
        }
        out.uIso = Measured(uIso[leader])
      } else {
        out.uIso = Measured(uIso[leader], standardUncertainty: uncertainty(leader, "Uiso") ?? 0)
        out.uAniso = nil
      }
      out.occupancy = Measured(occupancy[s], standardUncertainty: uncertainty(s, "occ") ?? 0)
      return out
    }
  }

  /// The sites that share a place with `s` (its group, leader first).
  func group(of s: Int) -> [Int] {
    let leader = sites[s].leader
    return sites.indices.filter { sites[$0].leader == leader }
  }

  /// Sets site `s`'s occupancy; in a group of several sites the last one
  /// takes what keeps the group's sum at `total`.
  mutating func setOccupancy(site s: Int, to value: Double, groupTotal total: Double) {
    occupancy[s] = value
    let members = group(of: s)
    guard members.count > 1, let last = members.last, last != s else { return }
    occupancy[last] = total - members.dropLast().reduce(0) { $0 + occupancy[$1] }
  }
}

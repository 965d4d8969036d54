import Crystal
import IonicsCore

/// The free space left to the mobile ion: at each grid point the radius of
/// the largest sphere centred there that touches no framework ion, each ion
/// a hard sphere of its Shannon ionic radius (averaged over coordination
/// numbers, as bvlain does; the covalent radius for an ion Shannon does not
/// list, such as C2+ or As3−). The mobile ion itself is taken out.
public struct FreeSpace: Sendable {
  /// Free-sphere radii, Å, on the landscape's grid (negative inside an ion).
  public let grid: PeriodicGrid
  /// The radii used, "Cl-: 1.810 Å (Shannon)", one per ion.
  public let radiiUsed: [String]

  /// How far around each point framework ions are looked for, Å: a void
  /// wider than this minus the ion's radius is reported at that bound.
  public static let reach = 6.0

  /// The free space of `mobile` in `structure` on a grid of `counts` points,
  /// each framework ion with the radius of its oxidation state in `states`
  /// (by site; nil where unknown, then the covalent radius).
  public init(
    structure: CrystalStructure, mobile: MobileIon, counts: SIMD3<Int>, states: [Int?],
    parameters: BVSEParameters = .softBV
  ) {
    var fractional: [SIMD3<Double>] = []
    var radii: [Double] = []
    var used: [String: String] = [:]
    for position in structure.positions {
      // The largest occupant stands for a mixed position.
      var radius = -Double.infinity
      for (site, occupancy) in position.occupants where occupancy > 0 {
        let atom = structure.sites[site]
        guard atom.element != mobile.element else { continue }
        let q = site < states.count ? states[site] : nil
        let name =
          q.map { MobileIon(element: atom.element, charge: $0).description } ?? atom.element.symbol
        if let q, let r = Self.shannon[SIMD2(atom.element.atomicNumber, q)] {
          radius = max(radius, r)
          used[name] = "\(name): \(fixed(r, 3)) Å (Shannon)"
        } else {
          let r = parameters.covalentRadius(atom.element) ?? 0
          radius = max(radius, r)
          used[name] = "\(name): \(fixed(r, 3)) Å (covalent; not in Shannon's table)"
        }
      }
      guard radius > -.infinity else { continue }
      fractional.append(position.fractional)
      radii.append(radius)
    }
    let geometry = CellImages(structure.cell)
    let images = geometry.images(of: fractional, within: Self.reach)
    let xs = images.map { $0.position.x }
    let ys = images.map { $0.position.y }
    let zs = images.map { $0.position.z }
    let rs = images.map { radii[$0.index] }
    let reach = Self.reach
    grid = geometry.grid(counts: counts) { point in
      var free = reach
      for k in 0..<xs.count {
        let dx = xs[k] - point.x
        let dy = ys[k] - point.y
        let dz = zs[k] - point.z
        let r2 = dx * dx + dy * dy + dz * dz
        // Only an ion nearer than free + its radius can lower it.
        let bound = free + rs[k]
        guard r2 < bound * bound else { continue }
        free = r2.squareRoot() - rs[k]
      }
      return free
    }
    radiiUsed = used.keys.sorted().compactMap { used[$0] }
  }

  /// The largest sphere that can travel through the structure in 1, 2 and
  /// 3 dimensions (the free space above its radius percolates), Å, with the
  /// directions it spans; a dimension that never percolates is missing.
  public func percolationRadii(connectivity: Percolation.Connectivity = .all26) -> [(
    dimension: Int, radius: Double, directions: [SIMD3<Int>]
  )] {
    guard let negated = try? PeriodicGrid(counts: grid.counts, values: grid.values.map { -$0 })
    else { return [] }
    let result = Percolation(negated, limit: 0, connectivity: connectivity)
    return result.thresholds.map { ($0.dimension, -$0.energy, $0.directions) }
  }

  /// The narrowest point of `path`: the smallest free-sphere radius along
  /// it, Å, and its index in the path (values at the path's grid points).
  public func bottleneck(of path: MigrationPath) -> (radius: Double, index: Int)? {
    let counts = grid.counts
    var best: (radius: Double, index: Int)?
    for (k, f) in path.fractional.enumerated() {
      let i = Int((f.x * Double(counts.x)).rounded())
      let j = Int((f.y * Double(counts.y)).rounded())
      let l = Int((f.z * Double(counts.z)).rounded())
      let r = grid.values[grid.index(i, j, l)]
      if best == nil || r < best?.radius ?? 0 { best = (r, k) }
    }
    return best
  }

  /// Shannon radii by (Z, charge), Å.
  static let shannon: [SIMD2<Int>: Double] = {
    var table: [SIMD2<Int>: Double] = [:]
    for line in ShannonRadiiTable.radii.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count == 3, let z = Int(f[0]), let q = Int(f[1]), let r = Double(f[2]) else {
        continue
      }
      table[SIMD2(z, q)] = r
    }
    return table
  }()
}

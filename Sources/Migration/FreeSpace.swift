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
    let bins = ImageBins(
      positions: images.map(\.position), radii: images.map { radii[$0.index] }, width: 2)
    let reach = Self.reach
    grid = geometry.grid(counts: counts) { point in bins.freeRadius(at: point, upTo: reach) }
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

/// Ions binned in cubes of a fixed width (Å), so that the nearest surfaces
/// around a point are found by searching shells of bins outwards.
struct ImageBins: Sendable {
  private let width: Double
  private let origin: SIMD3<Double>
  private let counts: SIMD3<Int>
  /// Start of each bin's ions in the flat arrays (one more entry than bins).
  private let starts: [Int]
  private let xs: [Double]
  private let ys: [Double]
  private let zs: [Double]
  private let radii: [Double]
  private let largestRadius: Double

  init(positions: [SIMD3<Double>], radii: [Double], width: Double) {
    self.width = width
    let low = positions.reduce(SIMD3<Double>(repeating: .infinity)) { pointwiseMin($0, $1) }
    let high = positions.reduce(SIMD3<Double>(repeating: -.infinity)) { pointwiseMax($0, $1) }
    origin = positions.isEmpty ? .zero : low
    let extent = positions.isEmpty ? SIMD3<Double>(repeating: 0) : high - low
    counts = SIMD3(
      Int(extent.x / width) + 1, Int(extent.y / width) + 1, Int(extent.z / width) + 1)
    var bin = [Int](repeating: 0, count: positions.count)
    var sizes = [Int](repeating: 0, count: counts.x * counts.y * counts.z + 1)
    for (k, p) in positions.enumerated() {
      let c = SIMD3<Int>(((p - low) / width).rounded(.down))
      let b =
        (min(c.x, counts.x - 1) * counts.y + min(c.y, counts.y - 1)) * counts.z
        + min(c.z, counts.z - 1)
      bin[k] = b
      sizes[b + 1] += 1
    }
    for b in 1..<sizes.count { sizes[b] += sizes[b - 1] }
    starts = sizes
    var fill = sizes
    var order = [Int](repeating: 0, count: positions.count)
    for k in positions.indices {
      order[fill[bin[k]]] = k
      fill[bin[k]] += 1
    }
    xs = order.map { positions[$0].x }
    ys = order.map { positions[$0].y }
    zs = order.map { positions[$0].z }
    self.radii = order.map { radii[$0] }
    largestRadius = radii.max() ?? 0
  }

  /// The distance from `point` to the nearest ion surface (distance minus
  /// radius), Å, searched shell by shell until no farther bin can be
  /// nearer; at most `limit`.
  func freeRadius(at point: SIMD3<Double>, upTo limit: Double) -> Double {
    let c = SIMD3<Int>(((point - origin) / width).rounded(.down))
    var free = limit
    var shell = 0
    while true {
      // Every ion in this shell or beyond is at least (shell − 1)·width away.
      if Double(shell - 1) * width - largestRadius >= free { break }
      var any = false
      for i in (c.x - shell)...(c.x + shell) {
        guard i >= 0, i < counts.x else { continue }
        for j in (c.y - shell)...(c.y + shell) {
          guard j >= 0, j < counts.y else { continue }
          let onFaceXY = abs(i - c.x) == shell || abs(j - c.y) == shell
          for k in (c.z - shell)...(c.z + shell) {
            guard k >= 0, k < counts.z else { continue }
            guard onFaceXY || abs(k - c.z) == shell else { continue }
            any = true
            let b = (i * counts.y + j) * counts.z + k
            for n in starts[b]..<starts[b + 1] {
              let dx = xs[n] - point.x
              let dy = ys[n] - point.y
              let dz = zs[n] - point.z
              let bound = free + radii[n]
              let r2 = dx * dx + dy * dy + dz * dz
              if r2 < bound * bound { free = r2.squareRoot() - radii[n] }
            }
          }
        }
      }
      // Past every bin on all sides: nothing farther to look at.
      if !any && shell > max(counts.x, counts.y, counts.z) { break }
      shell += 1
    }
    return free
  }
}

/// The energies at which the region of a periodic landscape below a level
/// first connects across the cell in one, two and three dimensions.
///
/// Points are switched on in order of energy and joined to their six grid
/// neighbours that are already on, by a union-find that keeps, for every
/// point, the lattice translation of its image relative to its cluster's
/// root. Joining two points of the same cluster whose images differ by a
/// translation t ≠ 0 closes a loop around the torus: the cluster then
/// reaches its own copy t away, i.e. it extends along t. A cluster's
/// dimensionality is the rank of the translations it has closed; the level
/// at which some cluster first reaches rank d is the d-dimensional
/// percolation energy, and its translations name the directions.
public struct Percolation: Sendable {
  /// One dimensionality reached.
  public struct Threshold: Sendable, Equatable {
    /// 1, 2 or 3.
    public let dimension: Int
    /// The level, eV (the energy of the point whose addition connected it).
    public let energy: Double
    /// The level above the landscape's minimum, eV: the migration barrier.
    public let barrier: Double
    /// Lattice translations (in cells along a, b, c) the connected region
    /// spans at that level, as many as the dimension, each with coprime components.
    public let directions: [SIMD3<Int>]
    /// The grid point whose addition connected it (index into the grid).
    public let point: Int
  }

  /// The lowest value of the landscape, eV.
  public let minimum: Double
  /// The dimensionalities reached at or below the energy limit, in order.
  public let thresholds: [Threshold]
  /// The level up to which the landscape was examined, eV.
  public let limit: Double

  /// The threshold of `dimension`, nil when it was not reached below ``limit``.
  public func threshold(_ dimension: Int) -> Threshold? {
    thresholds.first { $0.dimension == dimension }
  }

  /// Which grid points count as neighbours.
  public enum Connectivity: String, Sendable, Codable {
    /// The six points across the faces of a grid cell (the cautious choice).
    case faces
    /// All 26 points around (faces, edges and corners), as bvlain labels regions.
    case all26
  }

  /// Analyses `grid` up to the absolute level `limit` (eV), joining points
  /// across faces or, with `.all26`, also across edges and corners.
  public init(_ grid: PeriodicGrid, limit: Double = .infinity, connectivity: Connectivity = .faces)
  {
    let n = grid.count
    let values = grid.values
    minimum = values.min() ?? 0
    self.limit = limit
    let order = values.indices.sorted { values[$0] < values[$1] }
    var clusters = ImageUnionFind(count: n)
    var found: [Threshold] = []
    var rank = 0
    let offsets = PeriodicGrid.neighbourOffsets(all26: connectivity == .all26)
    for point in order {
      let level = values[point]
      guard level <= limit else { break }
      clusters.switchOn(point)
      let p = grid.coordinates(point)
      for offset in offsets {
        // Crossing a cell face shifts the neighbour's image by one cell.
        let (neighbour, shift) = grid.neighbour(of: p, at: offset)
        guard clusters.isOn(neighbour) else { continue }
        let root = clusters.join(point, neighbour, shift: SIMD3<Int>(truncatingIfNeeded: shift))
        let r = clusters.rank(of: root)
        while rank < r {
          rank += 1
          found.append(
            Threshold(
              dimension: rank, energy: level, barrier: level - minimum,
              directions: Array(clusters.basis(of: root).prefix(rank)), point: point))
        }
      }
      if rank == 3 { break }
    }
    thresholds = found
  }
}

/// Union-find over grid points that also tracks, for each point, the lattice
/// translation of its image relative to its parent, and for each root an
/// integer basis of the translations its cluster has closed.
struct ImageUnionFind {
  private var parent: [Int32]
  private var size: [Int32]
  private var image: [SIMD3<Int32>]
  private var bases: [Int: [SIMD3<Int>]] = [:]

  init(count: Int) {
    parent = Array(repeating: -1, count: count)
    size = Array(repeating: 1, count: count)
    image = Array(repeating: .zero, count: count)
  }

  func isOn(_ x: Int) -> Bool { parent[x] >= 0 }

  mutating func switchOn(_ x: Int) { parent[x] = Int32(x) }

  /// The root of x and the translation of x's image relative to the root's,
  /// with the path compressed (two walks, nothing allocated).
  mutating func find(_ x: Int) -> (root: Int, image: SIMD3<Int32>) {
    var root = x
    var total = SIMD3<Int32>.zero
    while Int(parent[root]) != root {
      total &+= image[root]
      root = Int(parent[root])
    }
    var node = x
    var remaining = total
    while Int(parent[node]) != root && node != root {
      let next = Int(parent[node])
      let own = image[node]
      image[node] = remaining
      parent[node] = Int32(root)
      remaining &-= own
      node = next
    }
    return (root, total)
  }

  /// Joins a and b, whose images are related by image(b) = image(a) + shift;
  /// returns the root of the joined cluster.
  mutating func join(_ a: Int, _ b: Int, shift: SIMD3<Int>) -> Int {
    let (ra, ia) = find(a)
    let (rb, ib) = find(b)
    let s = SIMD3<Int32>(truncatingIfNeeded: shift)
    if ra == rb {
      // A loop: b reached again, `loop` cells away from where it sits.
      let loop = SIMD3<Int>(truncatingIfNeeded: ia &+ s &- ib)
      if loop != .zero { add(loop, to: ra) }
      return ra
    }
    // rb under ra (or the reverse), so that image(b) = image(a) + shift holds.
    var (big, small) = (ra, rb)
    var translation = ia &+ s &- ib  // image of rb relative to ra
    if size[ra] < size[rb] {
      (big, small) = (rb, ra)
      translation = SIMD3<Int32>.zero &- translation
    }
    parent[small] = Int32(big)
    image[small] = translation
    size[big] += size[small]
    if let moved = bases.removeValue(forKey: small) {
      for v in moved { add(v, to: big) }
    }
    return big
  }

  /// The number of independent translations of the cluster rooted at `root`.
  func rank(of root: Int) -> Int { bases[root]?.count ?? 0 }

  /// Its independent translations, each divided by the gcd of its components.
  func basis(of root: Int) -> [SIMD3<Int>] {
    (bases[root] ?? []).map { v in
      let g = gcd(gcd(abs(v.x), abs(v.y)), abs(v.z))
      var u = g > 0 ? v / g : v
      // A fixed sign: the first non-zero component positive.
      if let first = [u.x, u.y, u.z].first(where: { $0 != 0 }), first < 0 { u = .zero &- u }
      return u
    }
  }

  /// Adds `v` to the root's basis when it is independent of what is there.
  private mutating func add(_ v: SIMD3<Int>, to root: Int) {
    var basis = bases[root] ?? []
    guard basis.count < 3 else { return }
    let independent: Bool
    switch basis.count {
    case 0: independent = v != .zero
    case 1: independent = cross(basis[0], v) != .zero
    default: independent = determinant(basis[0], basis[1], v) != 0
    }
    if independent {
      basis.append(v)
      bases[root] = basis
    }
  }
}

func cross(_ a: SIMD3<Int>, _ b: SIMD3<Int>) -> SIMD3<Int> {
  SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

func determinant(_ a: SIMD3<Int>, _ b: SIMD3<Int>, _ c: SIMD3<Int>) -> Int {
  let w = cross(b, c)
  return a.x * w.x + a.y * w.y + a.z * w.z
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

/// Values on a periodic grid over a unit cell: `counts` points along a, b
/// and c, point (i, j, k) at fractional coordinates (i/n₀, j/n₁, k/n₂),
/// stored with k running fastest. Energies are in eV.
public struct PeriodicGrid: Sendable {
  /// Points along a, b and c.
  public let counts: SIMD3<Int>
  /// The values, index (i·n₁ + j)·n₂ + k.
  public var values: [Double]

  /// Why a grid cannot be made.
  public enum GridError: Error, Equatable, CustomStringConvertible {
    /// A count below 1, or values that do not fill the grid.
    case badShape(counts: SIMD3<Int>, values: Int)

    /// A sentence for the user.
    public var description: String {
      switch self {
      case .badShape(let counts, let values):
        return
          "a \(counts.x) × \(counts.y) × \(counts.z) grid needs \(counts.x * counts.y * counts.z) values, got \(values)"
      }
    }
  }

  /// A grid holding `values`; throws when their number is not the product of `counts`.
  public init(counts: SIMD3<Int>, values: [Double]) throws(GridError) {
    guard counts.x >= 1, counts.y >= 1, counts.z >= 1,
      values.count == counts.x * counts.y * counts.z
    else { throw .badShape(counts: counts, values: values.count) }
    self.counts = counts
    self.values = values
  }

  /// A grid of `value(fractional position)` at every point.
  public init(counts: SIMD3<Int>, value: (SIMD3<Double>) -> Double) {
    let n = SIMD3(max(counts.x, 1), max(counts.y, 1), max(counts.z, 1))
    self.counts = n
    var values: [Double] = []
    values.reserveCapacity(n.x * n.y * n.z)
    for i in 0..<n.x {
      for j in 0..<n.y {
        for k in 0..<n.z {
          values.append(
            value(SIMD3(Double(i) / Double(n.x), Double(j) / Double(n.y), Double(k) / Double(n.z))))
        }
      }
    }
    self.values = values
  }

  /// Number of points.
  public var count: Int { values.count }

  /// The index of point (i, j, k), each taken modulo its count.
  public func index(_ i: Int, _ j: Int, _ k: Int) -> Int {
    let a = ((i % counts.x) + counts.x) % counts.x
    let b = ((j % counts.y) + counts.y) % counts.y
    let c = ((k % counts.z) + counts.z) % counts.z
    return (a * counts.y + b) * counts.z + c
  }

  /// The grid coordinates (i, j, k) of `index`.
  public func coordinates(_ index: Int) -> SIMD3<Int> {
    SIMD3(index / (counts.y * counts.z), (index / counts.z) % counts.y, index % counts.z)
  }

  /// The neighbour of point `p` (grid coordinates) at `offset`: its index,
  /// and the lattice translation (cells) crossed on the way when the step
  /// leaves the cell.
  func neighbour(of p: SIMD3<Int>, at offset: SIMD3<Int>) -> (index: Int, shift: SIMD3<Int32>) {
    var q = p &+ offset
    var shift = SIMD3<Int32>.zero
    for axis in 0..<3 {
      if q[axis] < 0 {
        q[axis] += counts[axis]
        shift[axis] = -1
      } else if q[axis] >= counts[axis] {
        q[axis] -= counts[axis]
        shift[axis] = 1
      }
    }
    return ((q.x * counts.y + q.y) * counts.z + q.z, shift)
  }

  /// The offsets of a grid point's neighbours: the 6 across faces, or all 26
  /// around it (faces, edges and corners).
  static func neighbourOffsets(all26: Bool) -> [SIMD3<Int>] {
    var offsets: [SIMD3<Int>] = []
    for dx in -1...1 {
      for dy in -1...1 {
        for dz in -1...1 where (dx, dy, dz) != (0, 0, 0) {
          if all26 || abs(dx) + abs(dy) + abs(dz) == 1 { offsets.append(SIMD3(dx, dy, dz)) }
        }
      }
    }
    return offsets
  }
}

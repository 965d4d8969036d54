import Crystal
import Foundation
import HeapModule

/// The minimum-energy path of the mobile ion from the landscape's lowest
/// point to its copy one (or more) lattice translations away: among all
/// grid paths it has the lowest highest point (a minimax path), so its
/// barrier is the percolation energy along that direction.
public struct MigrationPath: Sendable {
  /// The lattice translation the path spans, cells along a, b, c.
  public let translation: SIMD3<Int>
  /// Fractional coordinates along the path, unwrapped (the last point is the
  /// first plus ``translation``).
  public let fractional: [SIMD3<Double>]
  /// Energies above the landscape's lowest point, eV.
  public let energies: [Double]
  /// Distance travelled along the path, Å, from 0.
  public let distances: [Double]

  /// The highest energy along the path, eV above the landscape's lowest point.
  public var barrier: Double { energies.max() ?? 0 }
  /// Where it is highest (index into the arrays).
  public var saddle: Int { energies.indices.max { energies[$0] < energies[$1] } ?? 0 }
  /// The path's length, Å.
  public var length: Double { distances.last ?? 0 }
}

extension BVSELandscape {
  /// The minimum-energy path along `direction` (see
  /// ``PeriodicGrid/minimaxPath(along:cell:limit:connectivity:)``).
  public func path(
    along direction: SIMD3<Int>, from point: Int? = nil, cell: UnitCell, limit: Double = 5,
    connectivity: Percolation.Connectivity = .all26
  ) -> MigrationPath? {
    grid.minimaxPath(
      along: direction, from: point, cell: cell, limit: limit, connectivity: connectivity)
  }
}

extension BVSELandscape {
  /// One path for each distinct direction the thresholds of `percolation`
  /// name, lowest dimension first, each followed from the grid point at
  /// which its direction opened.
  public func paths(
    for percolation: Percolation, cell: UnitCell, limit: Double = 5,
    connectivity: Percolation.Connectivity = .all26
  ) -> [MigrationPath] {
    var opened: [(direction: SIMD3<Int>, point: Int)] = []
    for t in percolation.thresholds {
      for d in t.directions where !opened.contains(where: { $0.direction == d }) {
        opened.append((d, t.point))
      }
    }
    return opened.compactMap {
      path(
        along: $0.direction, from: $0.point, cell: cell, limit: limit, connectivity: connectivity)
    }
  }
}

extension PeriodicGrid {
  /// The minimax path along `direction` (or any multiple of it) through
  /// the region connected to `point` (default: the lowest grid point), from
  /// the lowest point of that region to its image; nil when none exists
  /// below `limit` eV above the landscape's lowest point. Give a
  /// ``Percolation/Threshold/point`` to follow the channel that percolates
  /// there, which need not hold the landscape's lowest point. Neighbours are the 26 around a
  /// point (`.all26`) or the 6 across faces. `cell` converts to Å.
  ///
  /// A search in order of the highest energy met so far (Dijkstra with the
  /// maximum in place of the sum) grows a tree of minimax paths from the
  /// start, each point with the lattice image it was reached in. An edge
  /// that joins two points of the tree in images that differ by t ≠ 0 closes
  /// a loop along t; once the loops found span a multiple of `direction`
  /// (a combination of up to three of them), that level is the barrier. The
  /// reported path then runs from the region's lowest point to its image
  /// through the valleys below that level (``valleyPath``).
  public func minimaxPath(
    along direction: SIMD3<Int>, from point: Int? = nil, cell: UnitCell, limit: Double = 5,
    connectivity: Percolation.Connectivity = .all26
  ) -> MigrationPath? {
    let grid = self
    guard direction != .zero, let lowestPoint = values.indices.min(by: { values[$0] < values[$1] })
    else { return nil }
    let lowest = values[lowestPoint]
    let start = point.flatMap { values.indices.contains($0) ? $0 : nil } ?? lowestPoint
    let counts = grid.counts
    let offsets = PeriodicGrid.neighbourOffsets(all26: connectivity == .all26)
    var key = [Double](repeating: .infinity, count: values.count)
    var settled = [Bool](repeating: false, count: values.count)
    var image = [SIMD3<Int32>](repeating: .zero, count: values.count)
    var parent = [Int32](repeating: -1, count: values.count)
    var queue = Heap<QueueEntry>()
    key[start] = values[start]
    queue.insert(QueueEntry(key: values[start], point: start))
    // The lowest point reached: where the reported path starts.
    var bottom = start
    // Independent loops closed so far: the edge that closed each and its translation.
    var loops: [(u: Int, v: Int, translation: SIMD3<Int>)] = []
    var combination: [(loop: Int, times: Int)]?
    search: while let entry = queue.popMin() {
      let u = entry.point
      guard !settled[u], entry.key == key[u] else { continue }
      guard entry.key - lowest <= limit else { break }
      settled[u] = true
      if values[u] < values[bottom] { bottom = u }
      let p = grid.coordinates(u)
      for offset in offsets {
        let (v, shift) = grid.neighbour(of: p, at: offset)
        let reached = image[u] &+ shift
        if settled[v] {
          let t = SIMD3<Int>(truncatingIfNeeded: reached &- image[v])
          guard t != .zero, Self.isIndependent(t, of: loops.map(\.translation)) else { continue }
          loops.append((u, v, t))
          if let found = Self.combination(of: loops.map(\.translation), along: direction) {
            combination = found
            break search
          }
          continue
        }
        let candidate = max(entry.key, values[v])
        if candidate < key[v] {
          key[v] = candidate
          image[v] = reached
          parent[v] = Int32(u)
          queue.insert(QueueEntry(key: candidate, point: v))
        }
      }
    }
    guard let combination else { return nil }
    // Each loop runs out along u's branch and back along v's, shifted by
    // its translation; the path goes round the loops of the combination in
    // turn, backwards for a negative multiple.
    func branch(_ point: Int) -> [Int] {
      var chain = [point]
      while let last = chain.last, parent[last] >= 0 { chain.append(Int(parent[last])) }
      return chain
    }
    var points: [(index: Int, image: SIMD3<Int32>)] = [(start, .zero)]
    var base = SIMD3<Int32>.zero
    for (which, times) in combination {
      let loop = loops[which]
      let t = SIMD3<Int32>(truncatingIfNeeded: loop.translation)
      var round: [(index: Int, image: SIMD3<Int32>)] = branch(loop.u).reversed().map {
        ($0, image[$0])
      }
      round += branch(loop.v).map { ($0, image[$0] &+ t) }
      var step = t
      if times < 0 {
        round = round.reversed().map { ($0.index, $0.image &- t) }
        step = .zero &- t
      }
      for _ in 0..<abs(times) {
        points += round.dropFirst().map { ($0.index, $0.image &+ base) }
        base &+= step
      }
    }
    // The loops prove a path below their highest point L; the reported one
    // follows the valleys below L instead of the search tree's branches.
    let level = points.map { values[$0.index] }.max() ?? lowest
    if let valley = valleyPath(
      from: bottom, to: base, below: level, offsets: offsets, floor: 0.1)
    {
      points = valley
    }
    let n = SIMD3<Double>(Double(counts.x), Double(counts.y), Double(counts.z))
    let fractional = points.map { point -> SIMD3<Double> in
      let c = grid.coordinates(point.index)
      let onGrid = SIMD3<Double>(Double(c.x), Double(c.y), Double(c.z)) / n
      let cells = SIMD3<Double>(
        Double(point.image.x), Double(point.image.y), Double(point.image.z))
      return onGrid + cells
    }
    let m = cell.matrix
    var distances = [0.0]
    for k in fractional.indices.dropFirst() {
      let d = fractional[k] - fractional[k - 1]
      let x = m[0][0] * d.x + m[0][1] * d.y + m[0][2] * d.z
      let y = m[1][0] * d.x + m[1][1] * d.y + m[1][2] * d.z
      let z = m[2][0] * d.x + m[2][1] * d.y + m[2][2] * d.z
      distances.append(distances[k - 1] + (x * x + y * y + z * z).squareRoot())
    }
    return MigrationPath(
      translation: SIMD3<Int>(truncatingIfNeeded: base), fractional: fractional,
      energies: points.map { values[$0.index] - lowest }, distances: distances)
  }
}

extension PeriodicGrid {
  /// The path from point `start` (image 0) to its image `translation` cells
  /// away through points no higher than `level` that minimises
  /// Σ Δs·(E − E_start + `floor`), Δs in grid steps: the lowest-lying path
  /// (the integral of the energy along it), which keeps to the valley floor
  /// and crosses the saddle, with `floor` (eV) holding it from long detours
  /// through the wells.
  func valleyPath(
    from start: Int, to translation: SIMD3<Int32>, below level: Double,
    offsets: [SIMD3<Int>], floor: Double
  ) -> [(index: Int, image: SIMD3<Int32>)]? {
    // States are (point, image); images within ±8 cells.
    func state(_ index: Int, _ image: SIMD3<Int32>) -> Int? {
      let i = image &+ SIMD3(repeating: 8)
      guard i.min() >= 0, i.max() <= 16 else { return nil }
      return index * 4913 + (Int(i.x) * 17 + Int(i.y)) * 17 + Int(i.z)
    }
    func split(_ s: Int) -> (index: Int, image: SIMD3<Int32>) {
      let r = s % 4913
      let image = SIMD3<Int32>(Int32(r / 289), Int32((r / 17) % 17), Int32(r % 17))
      return (s / 4913, image &- SIMD3(repeating: 8))
    }
    guard let source = state(start, .zero), let target = state(start, translation) else {
      return nil
    }
    let weight = values.map { max($0 - values[start], 0) + floor }
    var cost: [Int: Double] = [source: 0]
    var previous: [Int: Int] = [:]
    var queue = Heap<QueueEntry>()
    queue.insert(QueueEntry(key: 0, point: source))
    while let entry = queue.popMin() {
      let s = entry.point
      guard entry.key == cost[s] else { continue }
      if s == target { break }
      let (u, image) = split(s)
      let p = coordinates(u)
      for offset in offsets {
        let (v, shift) = neighbour(of: p, at: offset)
        guard values[v] <= level, let next = state(v, image &+ shift) else { continue }
        let step = Double(offset.x * offset.x + offset.y * offset.y + offset.z * offset.z)
          .squareRoot()
        let candidate = entry.key + step * 0.5 * (weight[u] + weight[v])
        if candidate < cost[next] ?? .infinity {
          cost[next] = candidate
          previous[next] = s
          queue.insert(QueueEntry(key: candidate, point: next))
        }
      }
    }
    guard cost[target] != nil else { return nil }
    var chain = [target]
    while let last = chain.last, let before = previous[last] { chain.append(before) }
    return chain.reversed().map(split)
  }

  /// Whether `t` is independent of `basis` (at most three vectors).
  static func isIndependent(_ t: SIMD3<Int>, of basis: [SIMD3<Int>]) -> Bool {
    switch basis.count {
    case 0: return t != .zero
    case 1: return cross(basis[0], t) != .zero
    case 2: return determinant(basis[0], basis[1], t) != 0
    default: return false
    }
  }

  /// The smallest integer multiples (each within ±4) of `loops` whose sum
  /// is a non-zero multiple of `direction`, as (loop, times) pairs; nil
  /// when none is.
  static func combination(of loops: [SIMD3<Int>], along direction: SIMD3<Int>) -> [(
    loop: Int, times: Int
  )]? {
    let range = -4...4
    var best: [(loop: Int, times: Int)]?
    var bestCost = Int.max
    func visit(_ k: Int, _ sum: SIMD3<Int>, _ chosen: [(loop: Int, times: Int)], _ cost: Int) {
      if k == loops.count {
        if sum != .zero, cross(sum, direction) == .zero, cost < bestCost {
          best = chosen
          bestCost = cost
        }
        return
      }
      for m in range {
        visit(
          k + 1, sum &+ m &* loops[k], m == 0 ? chosen : chosen + [(k, m)], cost + abs(m))
      }
    }
    visit(0, .zero, [], 0)
    return best
  }
}

/// A grid point waiting in the minimax search, ordered by its key.
struct QueueEntry: Comparable {
  let key: Double
  let point: Int

  static func < (a: QueueEntry, b: QueueEntry) -> Bool {
    (a.key, a.point) < (b.key, b.point)
  }
}

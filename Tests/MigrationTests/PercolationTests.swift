import Foundation
import IonicsCore
import Testing

@testable import Migration

/// Percolation of landscapes whose thresholds follow from their formulas.
struct PercolationTests {
  static func wave(_ t: Double) -> Double { cos(2 * Double.pi * t) }

  /// E = −3 cos 2πx − 2 cos 2πy − cos 2πz: the minimum −6 at the origin; a
  /// channel along c opens at −5 + 1 = −4 (x = y = 0, over the top of the z
  /// wave); the b direction joins at −3 + 2 − 1 = −2; a at 3 − 2 − 1 = 0.
  @Test func threeWavesOpenOneDirectionAtATime() {
    let grid = PeriodicGrid(counts: SIMD3(12, 12, 12)) { p in
      -3 * Self.wave(p.x) - 2 * Self.wave(p.y) - Self.wave(p.z)
    }
    let result = Percolation(grid)
    #expect(result.minimum == -6)
    #expect(result.thresholds.map(\.dimension) == [1, 2, 3])
    #expect(abs((result.threshold(1)?.energy ?? 0) + 4) < 1e-12)
    #expect(abs((result.threshold(1)?.barrier ?? 0) - 2) < 1e-12)
    #expect(result.threshold(1)?.directions == [SIMD3(0, 0, 1)])
    #expect(abs((result.threshold(2)?.energy ?? 0) + 2) < 1e-12)
    #expect(Set(result.threshold(2)?.directions ?? []) == [SIMD3(0, 0, 1), SIMD3(0, 1, 0)])
    #expect(abs(result.threshold(3)?.energy ?? 1) < 1e-12)
    #expect(abs((result.threshold(3)?.barrier ?? 0) - 6) < 1e-12)
  }

  /// Below the limit only what opens below it is reported.
  @Test func theLimitStopsTheSearch() {
    let grid = PeriodicGrid(counts: SIMD3(12, 12, 12)) { p in
      -3 * Self.wave(p.x) - 2 * Self.wave(p.y) - Self.wave(p.z)
    }
    #expect(Percolation(grid, limit: -4.5).thresholds.isEmpty)
    #expect(Percolation(grid, limit: -3).thresholds.map(\.dimension) == [1])
  }

  /// A slab of low energy (E = −cos 2πx) is two-dimensional from its bottom,
  /// spanning b and c, and three-dimensional only over the top, +1.
  @Test func aSlabIsTwoDimensionalAtOnce() {
    let grid = PeriodicGrid(counts: SIMD3(8, 6, 5)) { p in -Self.wave(p.x) }
    let result = Percolation(grid)
    #expect(result.threshold(1)?.energy == -1)
    #expect(result.threshold(2)?.energy == -1)
    #expect(Set(result.threshold(2)?.directions ?? []) == [SIMD3(0, 1, 0), SIMD3(0, 0, 1)])
    #expect(abs((result.threshold(3)?.energy ?? 0) - 1) < 1e-12)
  }

  /// A channel along the face diagonal [1 1 0]: on the grid it is a staircase
  /// of face neighbours, so it opens one step off the valley floor, at
  /// −cos(2π/8) − ½; c joins at −1 + ½, and a − b at 1 − ½.
  @Test func aDiagonalChannelIsNamedByItsTranslation() {
    let grid = PeriodicGrid(counts: SIMD3(8, 8, 6)) { p in
      -Self.wave(p.x - p.y) - 0.5 * Self.wave(p.z)
    }
    let result = Percolation(grid)
    #expect(abs((result.threshold(1)?.energy ?? 0) - (-cos(2 * Double.pi / 8) - 0.5)) < 1e-12)
    #expect(result.threshold(1)?.directions == [SIMD3(1, 1, 0)])
    #expect(abs((result.threshold(2)?.energy ?? 0) + 0.5) < 1e-12)
    #expect(abs((result.threshold(3)?.energy ?? 0) - 0.5) < 1e-12)
  }

  /// On random 5 × 4 × 3 landscapes, the thresholds equal a brute-force
  /// search: at every level, a breadth-first walk over the points below it
  /// that records each point's image and the translations of the loops it
  /// closes, with the rank of those taken by exact integer elimination.
  @Test func randomLandscapesAgreeWithABruteForceSearch() throws {
    var generator = SplitMix64(seed: 9)
    for _ in 0..<40 {
      let counts = SIMD3(5, 4, 3)
      let values = (0..<60).map { _ in generator.nextUnit() }
      let grid = try PeriodicGrid(counts: counts, values: values)
      for connectivity in [Percolation.Connectivity.faces, .all26] {
        let fast = Percolation(grid, connectivity: connectivity)
        for dimension in 1...3 {
          let slow = Self.bruteForceThreshold(
            grid, dimension: dimension, all26: connectivity == .all26)
          #expect(
            fast.threshold(dimension)?.energy == slow, "\(connectivity), dimension \(dimension)")
        }
      }
    }
  }

  /// The lowest level at which some cluster of points at or below it spans
  /// `dimension` independent translations.
  static func bruteForceThreshold(_ grid: PeriodicGrid, dimension: Int, all26: Bool) -> Double? {
    var offsets: [SIMD3<Int>] = []
    for dx in -1...1 {
      for dy in -1...1 {
        for dz in -1...1
        where abs(dx) + abs(dy) + abs(dz) == 1 || (all26 && (dx, dy, dz) != (0, 0, 0)) {
          offsets.append(SIMD3(dx, dy, dz))
        }
      }
    }
    for level in Set(grid.values).sorted() {
      var image: [Int: SIMD3<Int>] = [:]
      for start in 0..<grid.count where grid.values[start] <= level && image[start] == nil {
        image[start] = .zero
        var queue = [start]
        var loops: [SIMD3<Int>] = []
        while let point = queue.popLast() {
          let p = grid.coordinates(point)
          for offset in offsets {
            var q = p &+ offset
            var shift = SIMD3<Int>.zero
            for axis in 0..<3 {
              let wrapped = (q[axis] + grid.counts[axis]) % grid.counts[axis]
              shift[axis] = (q[axis] - wrapped) / grid.counts[axis]
              q[axis] = wrapped
            }
            let next = grid.index(q.x, q.y, q.z)
            guard grid.values[next] <= level, let here = image[point] else { continue }
            if let there = image[next] {
              let loop = here &+ shift &- there
              if loop != .zero { loops.append(loop) }
            } else {
              image[next] = here &+ shift
              queue.append(next)
            }
          }
        }
        if rank(loops) >= dimension { return level }
      }
    }
    return nil
  }

  /// The rank of integer vectors, by fraction-free elimination.
  static func rank(_ vectors: [SIMD3<Int>]) -> Int {
    var rows = vectors.map { [$0.x, $0.y, $0.z] }
    var rank = 0
    for column in 0..<3 {
      guard let pivot = rows.indices.first(where: { $0 >= rank && rows[$0][column] != 0 }) else {
        continue
      }
      rows.swapAt(rank, pivot)
      for r in rows.indices where r != rank && rows[r][column] != 0 {
        let (a, b) = (rows[rank][column], rows[r][column])
        rows[r] = (0..<3).map { rows[r][$0] * a - rows[rank][$0] * b }
      }
      rank += 1
    }
    return rank
  }

  /// Across corners: two low columns that touch only at their corners
  /// (E = 0 where i + j is even, else 1, on a 2 × 2 × 3 grid) run along c
  /// either way, but span a and b at level 0 only when corners count.
  @Test func cornersJoinOnlyWhenAskedTo() throws {
    let values = (0..<12).map { index -> Double in
      let (i, j) = (index / 6, (index / 3) % 2)
      return (i + j) % 2 == 0 ? 0 : 1
    }
    let grid = try PeriodicGrid(counts: SIMD3(2, 2, 3), values: values)
    #expect(Percolation(grid).threshold(2)?.energy == 1)
    #expect(Percolation(grid, connectivity: .all26).threshold(3)?.energy == 0)
  }

  /// A grid must be filled; indices wrap around the cell.
  @Test func gridShapeAndIndices() throws {
    #expect(throws: PeriodicGrid.GridError.self) {
      try PeriodicGrid(counts: SIMD3(2, 2, 2), values: [1, 2, 3])
    }
    let grid = try PeriodicGrid(counts: SIMD3(2, 3, 4), values: (0..<24).map(Double.init))
    #expect(grid.index(-1, 3, 5) == grid.index(1, 0, 1))
    #expect(grid.coordinates(grid.index(1, 2, 3)) == SIMD3(1, 2, 3))
  }
}

/// Local minima of landscapes whose minima follow from their formulas.
struct LocalMinimaTests {
  /// −cos 2πx − cos 2πy − cos 2πz has one minimum, at the origin.
  @Test func oneWellHasOneMinimum() {
    let grid = PeriodicGrid(counts: SIMD3(10, 8, 6)) { p in
      -cos(2 * .pi * p.x) - cos(2 * .pi * p.y) - cos(2 * .pi * p.z)
    }
    #expect(grid.localMinima() == [0])
  }

  /// −cos 4πx − ½cos 2πy − ½cos 2πz: two equal wells at x = 0 and ½, and
  /// with −0.1 cos 2πx added the one at the origin (−2.1) is the lower; a
  /// limit between them (−2; the other is −1.9) keeps one.
  @Test func twoWellsInOrderOfDepth() {
    let grid = PeriodicGrid(counts: SIMD3(12, 6, 6)) { p in
      -cos(4 * .pi * p.x) - 0.1 * cos(2 * .pi * p.x) - 0.5 * cos(2 * .pi * p.y)
        - 0.5 * cos(2 * .pi * p.z)
    }
    let minima = grid.localMinima()
    #expect(minima.map { grid.coordinates($0) } == [SIMD3(0, 0, 0), SIMD3(6, 0, 0)])
    #expect(grid.localMinima(upTo: -2).count == 1)
  }
}

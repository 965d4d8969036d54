import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Migration

/// Minimum-energy paths on landscapes whose saddles are known.
struct MigrationPathTests {
  static func cube(_ edge: Double) -> UnitCell {
    UnitCell(
      a: Measured(edge), b: Measured(edge), c: Measured(edge), alpha: Measured(90),
      beta: Measured(90), gamma: Measured(90))
  }

  /// E = −cos 2πx − 4 cos 2πy − 4 cos 2πz: along a the saddle is at
  /// x = ½ and 2 eV up; along b and c 8 eV. The path along a runs straight
  /// on y = z = 0, one cell long (10 Å), through the saddle.
  @Test func straightChannelThroughItsSaddle() throws {
    let grid = PeriodicGrid(counts: SIMD3(20, 12, 12)) { p in
      -cos(2 * .pi * p.x) - 4 * cos(2 * .pi * p.y) - 4 * cos(2 * .pi * p.z)
    }
    let path = try #require(grid.minimaxPath(along: SIMD3(1, 0, 0), cell: Self.cube(10)))
    #expect(path.translation == SIMD3(1, 0, 0) || path.translation == SIMD3(-1, 0, 0))
    #expect(abs(path.barrier - 2) < 1e-12)
    #expect(abs(path.length - 10) < 1e-9)
    #expect(path.fractional.allSatisfy { $0.y == 0 && $0.z == 0 })
    #expect(abs(abs(path.fractional[path.saddle].x) - 0.5) < 1e-12)
    #expect(path.energies.first == 0 && path.energies.last == 0)
    // Along b the barrier is 8 eV: beyond a 5 eV limit, there is no path.
    #expect(grid.minimaxPath(along: SIMD3(0, 1, 0), cell: Self.cube(10)) == nil)
    let alongB = try #require(
      grid.minimaxPath(along: SIMD3(0, 1, 0), cell: Self.cube(10), limit: 10))
    #expect(abs(alongB.barrier - 8) < 1e-12)
  }

  /// A diagonal staircase: wells joined only along [1 1 0]; the path spans
  /// that translation (or a multiple), and its barrier is the percolation
  /// energy of the same landscape.
  @Test func diagonalChannelMatchesPercolation() throws {
    let grid = PeriodicGrid(counts: SIMD3(16, 16, 8)) { p in
      -cos(2 * .pi * (p.x - p.y)) * 3 - cos(2 * .pi * (p.x + p.y)) - 6 * cos(2 * .pi * p.z)
    }
    let percolation = Percolation(grid, limit: -10 + 5, connectivity: .all26)
    let first = try #require(percolation.threshold(1))
    let path = try #require(
      grid.minimaxPath(along: first.directions[0], cell: Self.cube(8)))
    #expect(cross(path.translation, first.directions[0]) == .zero)
    #expect(abs(path.barrier - first.barrier) < 1e-12)
  }

  /// Every path agrees with a brute-force search: on random landscapes the
  /// barrier along a is the lowest level at which the region below it,
  /// flooded from the lowest point with lattice images, closes loops whose
  /// span holds a (several loops may combine into it).
  @Test func randomLandscapesMatchBruteForce() throws {
    var random = SplitMix64(seed: 11)
    for _ in 0..<20 {
      let values = (0..<(6 * 5 * 4)).map { _ in random.nextUnit() }
      let grid = try PeriodicGrid(counts: SIMD3(6, 5, 4), values: values)
      let path = try #require(
        grid.minimaxPath(
          along: SIMD3(1, 0, 0), cell: Self.cube(6), limit: 2,
          connectivity: .faces))
      // Brute force: the lowest sorted level whose sub-level set, flooded
      // from the lowest point with images, reaches a copy along a.
      let lowest = values.min() ?? 0
      var expected = Double.infinity
      for level in values.sorted() where level >= lowest {
        if Self.reachesCopy(grid, level: level, along: SIMD3(1, 0, 0)) {
          expected = level - lowest
          break
        }
      }
      #expect(abs(path.barrier - expected) < 1e-12)
    }
  }

  /// Flood fill over points ≤ level from the lowest point, tracking images;
  /// true when the translations of the loops it closes span `axis`.
  static func reachesCopy(_ grid: PeriodicGrid, level: Double, along axis: SIMD3<Int>) -> Bool {
    let values = grid.values
    guard let start = values.indices.min(by: { values[$0] < values[$1] }) else { return false }
    var image: [Int: SIMD3<Int>] = [start: .zero]
    var stack = [start]
    var loops: [SIMD3<Int>] = []
    let n = grid.counts
    while let u = stack.popLast() {
      let p = grid.coordinates(u)
      for offset in [
        SIMD3(1, 0, 0), SIMD3(-1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, -1, 0), SIMD3(0, 0, 1),
        SIMD3(0, 0, -1),
      ] {
        let q = p &+ offset
        var shift = SIMD3<Int>.zero
        for k in 0..<3 {
          if q[k] < 0 { shift[k] = -1 } else if q[k] >= n[k] { shift[k] = 1 }
        }
        let v = grid.index(q.x, q.y, q.z)
        guard values[v] <= level, let here = image[u] else { continue }
        let reached = here &+ shift
        if let seen = image[v] {
          let t = reached &- seen
          if t != .zero { loops.append(t) }
        } else {
          image[v] = reached
          stack.append(v)
        }
      }
    }
    // axis lies in the span of the loops when adding it leaves the rank unchanged.
    func rank(_ vectors: [SIMD3<Int>]) -> Int {
      var basis: [SIMD3<Int>] = []
      for v in vectors where PeriodicGrid.isIndependent(v, of: basis) { basis.append(v) }
      return basis.count
    }
    let r = rank(loops)
    return r > 0 && rank(loops + [axis]) == r
  }
}

/// Free space and paths in rock salt against Zeo++ and bvlain
/// (../shared/data/cif/SOURCES.md).
@Suite("Rock-salt paths and free space", SharedData.required("cif"))
struct RockSaltPathTests {
  static func structure() throws -> CrystalStructure {
    let doc = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/dd_NaCl.cif")), source: "dd_NaCl.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "dd_NaCl.cif")
  }

  /// The largest sphere that travels through rock salt without its Na
  /// passes the triangular window of three Cl⁻ (r 1.81 Å): radius
  /// a/√6 − 1.81 = 0.4925 Å, Zeo++'s Df/2 (0.985/2). On the 0.1 Å grid the
  /// window's centre is missed by at most half a step's worth, so within
  /// 0.05 Å below; bvlain's bisection reports 0.442 as a lower bound.
  @Test func freeSpherePercolatesThroughTheTriangularWindow() throws {
    let structure = try Self.structure()
    let sodium = try #require(MobileIon("Na+"))
    let counts = CellImages(structure.cell).counts(spacing: 0.1)
    let space = FreeSpace(
      structure: structure, mobile: sodium, counts: counts,
      states: structure.oxidationStates() ?? [])
    #expect(space.radiiUsed == ["Cl-: 1.810 Å (Shannon)"])
    let radii = space.percolationRadii()
    #expect(radii.map(\.dimension) == [1, 2, 3])
    let window = 5.6401 / 6.0.squareRoot() - 1.81
    for r in radii {
      #expect(r.radius <= window + 1e-9 && r.radius > window - 0.05, "\(r)")
      #expect(r.radius >= 0.442)
    }
  }

  /// The Na⁺ path between neighbouring sites: barrier equal to the 3D
  /// percolation energy (cubic), through a bottleneck near the window.
  @Test func pathBarrierAndBottleneck() throws {
    let structure = try Self.structure()
    let sodium = try #require(MobileIon("Na+"))
    let landscape = try BVSELandscape(structure: structure, mobile: sodium)
    let percolation = Percolation(landscape.grid, connectivity: .all26)
    let first = try #require(percolation.threshold(1))
    let path = try #require(landscape.path(along: first.directions[0], cell: structure.cell))
    #expect(abs(path.barrier - first.barrier) < 1e-12)
    // From a Na site to its image along the translation (a lattice vector of
    // the conventional cell), site by site through tetrahedral holes: at
    // least as long as the translation, at most 1.5 times.
    let t = SIMD3<Double>(
      Double(path.translation.x), Double(path.translation.y), Double(path.translation.z))
    let span = 5.6401 * (t * t).sum().squareRoot()
    #expect(path.length >= span - 1e-9 && path.length < 1.5 * span, "\(path.length) for \(span)")
    let space = FreeSpace(
      structure: structure, mobile: sodium, counts: landscape.grid.counts,
      states: structure.oxidationStates() ?? [])
    let neck = try #require(space.bottleneck(of: path))
    #expect(neck.radius > 0.3 && neck.radius < 0.4925 + 1e-9, "\(neck)")
  }
}

import Dispatch
import Synchronization

/// A contact between two positions: indices, the lattice translation of
/// the second (cells) and the distance (Å).
struct RawContact: Sendable {
  var i: Int32
  var j: Int32
  var translation: SIMD3<Int32>
  var length: Double
}

/// Positions sorted into bins of fractional space (a cell list), so that
/// the pairs closer than a cut-off are found in time proportional to the
/// number of positions under periodic boundaries.
///
/// Bins are at least a cut-off wide along each perpendicular width of the
/// cell (half as wide where they would hold more than eight positions each,
/// which tests fewer pairs); their number is held near the number of
/// positions so that a short cut-off costs no memory.
struct CellList: Sendable {
  let fractional: [SIMD3<Double>]
  let cutoff: Double
  let g0: SIMD3<Double>
  let g1: SIMD3<Double>
  let g2: SIMD3<Double>
  let bins: (Int, Int, Int)
  let reach: (Int, Int, Int)
  /// Positions of bin b: order[start[b]..<start[b + 1]], coordinates alongside.
  let start: [Int]
  let order: [Int]
  let sorted: [SIMD3<Double>]
  /// The lexicographically positive half of the bin offsets, and zero.
  let offsets: [SIMD3<Int>]
  /// Wrapped bin and whole cells crossed for each unwrapped bin index.
  let wrapX: [(bin: Int, cells: Int)]
  let wrapY: [(bin: Int, cells: Int)]
  let wrapZ: [(bin: Int, cells: Int)]

  /// `metric` is the cell's metric tensor (Å²), `cutoff` in Å.
  init(_ fractional: [SIMD3<Double>], metric g: [[Double]], cutoff: Double) {
    self.fractional = fractional
    self.cutoff = cutoff
    g0 = SIMD3(g[0][0], g[0][1], g[0][2])
    g1 = SIMD3(g[1][0], g[1][1], g[1][2])
    g2 = SIMD3(g[2][0], g[2][1], g[2][2])
    // Perpendicular widths of the cell: 1/|a*ₖ| from the inverse metric.
    let inverse = CrystalStructure.invert(g)
    let widths = (0..<3).map { 1 / max(inverse[$0][$0], 1e-300).squareRoot() }
    var n = widths.map { max(1, min(Int(($0 / cutoff).rounded(.down)), 400)) }
    if fractional.count > 8 * n[0] * n[1] * n[2] {
      n = widths.map { max(1, min(Int((2 * $0 / cutoff).rounded(.down)), 400)) }
    }
    while n[0] * n[1] * n[2] > 4 * fractional.count + 64 { n = n.map { max(1, $0 * 3 / 4) } }
    let r = (0..<3).map { Int((cutoff / (widths[$0] / Double(n[$0]))).rounded(.up)) }
    bins = (n[0], n[1], n[2])
    reach = (r[0], r[1], r[2])
    let home = fractional.map { Self.bin($0, (n[0], n[1], n[2])) }
    var start = [Int](repeating: 0, count: n[0] * n[1] * n[2] + 1)
    for b in home { start[b + 1] += 1 }
    for b in 0..<(n[0] * n[1] * n[2]) { start[b + 1] += start[b] }
    var fill = start
    var order = [Int](repeating: 0, count: fractional.count)
    var sorted = [SIMD3<Double>](repeating: .zero, count: fractional.count)
    for (i, b) in home.enumerated() {
      order[fill[b]] = i
      sorted[fill[b]] = fractional[i]
      fill[b] += 1
    }
    self.start = start
    self.order = order
    self.sorted = sorted
    // A pair (i, j, t) is met from i at offset δ and from j at −δ, so half
    // the offsets (and the own bin for j > i) give each unordered pair and
    // translation once. Offsets are unwrapped, so a cell narrower than the
    // reach meets each image once.
    var offsets: [SIMD3<Int>] = []
    for dx in -r[0]...r[0] {
      for dy in -r[1]...r[1] {
        for dz in -r[2]...r[2]
        where dx > 0 || (dx == 0 && dy > 0) || (dx == 0 && dy == 0 && dz >= 0) {
          offsets.append(SIMD3(dx, dy, dz))
        }
      }
    }
    self.offsets = offsets
    func table(_ n: Int, _ r: Int) -> [(bin: Int, cells: Int)] {
      (-r..<(n + r)).map { CrystalStructure.wrap($0, n) }
    }
    wrapX = table(n[0], r[0])
    wrapY = table(n[1], r[1])
    wrapZ = table(n[2], r[2])
  }

  static func bin(_ f: SIMD3<Double>, _ n: (Int, Int, Int)) -> Int {
    let x = max(0, min(Int(f.x * Double(n.0)), n.0 - 1))
    let y = max(0, min(Int(f.y * Double(n.1)), n.1 - 1))
    let z = max(0, min(Int(f.z * Double(n.2)), n.2 - 1))
    return (x * n.1 + y) * n.2 + z
  }

  /// Calls `body(i, j, translation, distance)` for the contacts of the
  /// positions `range` (each unordered pair once over the whole cell).
  func forEachContact(from range: Range<Int>, _ body: (Int, Int, SIMD3<Int32>, Double) -> Void) {
    let (nx, ny, nz) = bins
    let cutoff2 = cutoff * cutoff
    order.withUnsafeBufferPointer { order in
      sorted.withUnsafeBufferPointer { sorted in
        start.withUnsafeBufferPointer { start in
          for i in range {
            let p = fractional[i]
            let bx = max(0, min(Int(p.x * Double(nx)), nx - 1))
            let by = max(0, min(Int(p.y * Double(ny)), ny - 1))
            let bz = max(0, min(Int(p.z * Double(nz)), nz - 1))
            for offset in offsets {
              let (wx, sx) = wrapX[bx + offset.x + reach.0]
              let (wy, sy) = wrapY[by + offset.y + reach.1]
              let (wz, sz) = wrapZ[bz + offset.z + reach.2]
              let own = offset == .zero
              let base = SIMD3<Double>(Double(sx), Double(sy), Double(sz)) - p
              let b = (wx * ny + wy) * nz + wz
              for k in start[b]..<start[b + 1] {
                let j = order[k]
                if own && j <= i { continue }
                let d = sorted[k] + base
                let d2 = (d * (g0 * d.x + g1 * d.y + g2 * d.z)).sum()
                guard d2 <= cutoff2, d2 > 1e-8 else { continue }
                body(i, j, SIMD3<Int32>(Int32(sx), Int32(sy), Int32(sz)), d2.squareRoot())
              }
            }
          }
        }
      }
    }
  }

  /// Every contact, found on all cores in chunks of positions and returned
  /// in the order of a single pass (so results never depend on threads).
  func contacts() -> [RawContact] {
    let n = fractional.count
    let chunks = n < 4096 ? 1 : 16
    // Expected contacts per position: half the atoms in a sphere of the
    // cut-off at the cell's mean density (V = √det G).
    let det =
      g0.x * (g1.y * g2.z - g1.z * g2.y) - g0.y * (g1.x * g2.z - g1.z * g2.x)
      + g0.z * (g1.x * g2.y - g1.y * g2.x)
    let density = Double(n) / max(det, 1e-30).squareRoot()
    let perPosition = min(2 / 3 * Double.pi * cutoff * cutoff * cutoff * density * 1.25, 1e4)
    let results = Mutex([[RawContact]](repeating: [], count: chunks))
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      var found: [RawContact] = []
      found.reserveCapacity(Int(perPosition * Double(n / chunks + 1)) + 16)
      forEachContact(from: (n * c / chunks)..<(n * (c + 1) / chunks)) { i, j, t, d in
        found.append(RawContact(i: Int32(i), j: Int32(j), translation: t, length: d))
      }
      results.withLock { $0[c] = found }
    }
    return results.withLock { $0.flatMap { $0 } }
  }
}

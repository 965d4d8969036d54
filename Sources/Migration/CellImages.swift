import Crystal
import Dispatch
import IonicsCore

/// A cell's lattice vectors and the periodic images of points near it:
/// what every grid map over the cell (site energies, free space) is built on.
struct CellImages {
  /// Lattice vectors a, b, c in Cartesian Å.
  let a: SIMD3<Double>
  let b: SIMD3<Double>
  let c: SIMD3<Double>
  /// Heights of the cell over its three face pairs, Å.
  let heights: SIMD3<Double>

  init(_ cell: UnitCell) {
    let m = cell.matrix
    a = SIMD3(m[0][0], m[1][0], m[2][0])
    b = SIMD3(m[0][1], m[1][1], m[2][1])
    c = SIMD3(m[0][2], m[1][2], m[2][2])
    let volume = abs((a * Self.cross(b, c)).sum())
    heights = SIMD3(
      volume / Self.length(Self.cross(b, c)), volume / Self.length(Self.cross(c, a)),
      volume / Self.length(Self.cross(a, b)))
  }

  static func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }

  static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
  }

  /// Cartesian position of fractional coordinates, Å.
  func cartesian(_ f: SIMD3<Double>) -> SIMD3<Double> { a * f.x + b * f.y + c * f.z }

  /// Grid points along a, b and c for a spacing (Å): ⌈length/spacing⌉ each.
  func counts(spacing: Double) -> SIMD3<Int> {
    SIMD3(
      max(1, Int((Self.length(a) / spacing).rounded(.up))),
      max(1, Int((Self.length(b) / spacing).rounded(.up))),
      max(1, Int((Self.length(c) / spacing).rounded(.up))))
  }

  /// Every image of the fractional points that lies within `cutoff` Å of the
  /// cell, as its Cartesian position and the index of the point.
  func images(of points: [SIMD3<Double>], within cutoff: Double) -> [(
    position: SIMD3<Double>, index: Int
  )] {
    let reach = SIMD3<Int>(
      Int((cutoff / heights.x).rounded(.up)), Int((cutoff / heights.y).rounded(.up)),
      Int((cutoff / heights.z).rounded(.up)))
    var images: [(position: SIMD3<Double>, index: Int)] = []
    for (k, point) in points.enumerated() {
      let f0 = point - point.rounded(.down)
      for i in -reach.x...reach.x {
        for j in -reach.y...reach.y {
          for l in -reach.z...reach.z {
            let f = f0 + SIMD3(Double(i), Double(j), Double(l))
            // How far outside the cell, along each face normal.
            let outside = SIMD3(
              max(0, -f.x, f.x - 1) * heights.x, max(0, -f.y, f.y - 1) * heights.y,
              max(0, -f.z, f.z - 1) * heights.z)
            guard Self.length(outside) <= cutoff else { continue }
            images.append((cartesian(f), k))
          }
        }
      }
    }
    return images
  }

  /// A grid of `value(Cartesian point)` over the cell, planes along a in
  /// parallel; `value` is called once per point, `planeDone` after each plane.
  func grid(
    counts: SIMD3<Int>, planeDone: (@Sendable () -> Void)? = nil,
    _ value: @Sendable (SIMD3<Double>) -> Double
  ) -> PeriodicGrid {
    let perPlane = counts.y * counts.z
    let planes = ConcurrentSlots<[Double]>(count: counts.x)
    DispatchQueue.concurrentPerform(iterations: counts.x) { i in
      var plane = [Double](repeating: 0, count: perPlane)
      for j in 0..<counts.y {
        for l in 0..<counts.z {
          let f = SIMD3(
            Double(i) / Double(counts.x), Double(j) / Double(counts.y), Double(l) / Double(counts.z)
          )
          plane[j * counts.z + l] = value(cartesian(f))
        }
      }
      planes.set(i, plane)
      planeDone?()
    }
    var all: [Double] = []
    all.reserveCapacity(counts.x * perPlane)
    for plane in planes.values { all.append(contentsOf: plane) }
    return (try? PeriodicGrid(counts: counts, values: all))
      ?? PeriodicGrid(counts: counts) { _ in .nan }
  }
}

import Dispatch
import Foundation
import IonicsCore

/// Every hkl inside the limiting sphere and a 2θ range, grouped into orbits
/// of the Laue group (the rotations of the space group and their negatives):
/// the members of an orbit share d and, without anomalous dispersion, |F|.
/// Found by one sweep of the box |hᵢ| ≤ Hᵢ (planes of h in parallel) that
/// keeps each h which is the largest member of its orbit, so that no hkl is
/// hashed or marked.
struct ReflectionOrbits: Sendable {
  /// The orbits whose representative has one h, in order of rising k, l.
  struct Slab: Sendable {
    /// One hkl per orbit: the lexicographically largest member.
    var representatives: [SIMD3<Int>] = []
    /// Members of orbit j: `members[memberStart[j]..<memberStart[j + 1]]`.
    var memberStart: [Int] = [0]
    var members: [SIMD3<Int>] = []
    /// d*² (Å⁻²) of each orbit.
    var dStarSquared: [Double] = []
    /// The number of orbits.
    var count: Int { representatives.count }
  }

  /// The slabs, h rising; kept apart so that they can be worked on in parallel.
  let slabs: [Slab]

  /// `reciprocal` is the reciprocal metric tensor (Å⁻²), `rotations` the
  /// rotation matrices of the group (h ↦ h·R), λ in Å and 2θ in degrees.
  init(
    limits: SIMD3<Int>, reciprocal: [[Double]], wavelength lambda: Double,
    twoThetaRange: ClosedRange<Double>, rotations: [[[Int]]]
  ) {
    let nx = 2 * limits.x + 1
    let sinMax = sin(min(twoThetaRange.upperBound, 179.999) * Double.pi / 360)
    let dStarMax2 = (2 * sinMax / lambda) * (2 * sinMax / lambda) * (1 + 1e-12)
    // 2θ is checked exactly only near the lower end; below it d* decides.
    let sinMin = sin(max(twoThetaRange.lowerBound, 0) * Double.pi / 360)
    let dStarMin2 = (2 * sinMin / lambda) * (2 * sinMin / lambda) * (1 - 1e-9)
    // The images h·R and −h·R without repeats, each as the columns of R:
    // (h·R)ⱼ = h · column j.
    var matrices: [[[Int]]] = []
    for r in rotations {
      let minus = r.map { $0.map { -$0 } }
      for m in [r, minus] where !matrices.contains(m) { matrices.append(m) }
    }
    let images = matrices.map { r in
      (0..<3).map { j in SIMD3(r[0][j], r[1][j], r[2][j]) }
    }.flatMap { $0 }
    // Each h is kept when it is its orbit's largest member; slabs of h in parallel.
    let (g00, g11, g22) = (reciprocal[0][0], reciprocal[1][1], reciprocal[2][2])
    let (g01, g02, g12) = (2 * reciprocal[0][1], 2 * reciprocal[0][2], 2 * reciprocal[1][2])
    let found = ConcurrentSlots<Slab>(count: nx)
    DispatchQueue.concurrentPerform(iterations: nx) { index in
      let h = index - limits.x
      var slab = Slab()
      var orbit: [SIMD3<Int>] = []
      for k in -limits.y...limits.y {
        for l in -limits.z...limits.z {
          if h == 0 && k == 0 && l == 0 { continue }
          let (x, y, z) = (Double(h), Double(k), Double(l))
          let dStar2 =
            g00 * x * x + g11 * y * y + g22 * z * z + g01 * x * y + g02 * x * z + g12 * y * z
          guard dStar2 <= dStarMax2, dStar2 >= dStarMin2 else { continue }
          let sinTheta = lambda * dStar2.squareRoot() / 2
          guard sinTheta < 1,
            dStar2 > dStarMin2 * (1 + 2e-9) && dStar2 < dStarMax2 * (1 - 2e-12)
              || twoThetaRange.contains(2 * asin(sinTheta) * 180 / Double.pi)
          else { continue }
          let hkl = SIMD3(h, k, l)
          orbit.removeAll(keepingCapacity: true)
          var largest = true
          for r in 0..<(images.count / 3) {
            let image = SIMD3(
              (hkl &* images[3 * r]).wrappedSum(), (hkl &* images[3 * r + 1]).wrappedSum(),
              (hkl &* images[3 * r + 2]).wrappedSum())
            if (image.x, image.y, image.z) > (h, k, l) {
              largest = false
              break
            }
            if !orbit.contains(image) { orbit.append(image) }
          }
          guard largest else { continue }
          slab.representatives.append(hkl)
          slab.members += orbit
          slab.memberStart.append(slab.members.count)
          slab.dStarSquared.append(dStar2)
        }
      }
      found.set(index, slab)
    }
    slabs = found.values
  }

  /// The number of orbits.
  var count: Int { slabs.reduce(0) { $0 + $1.count } }
}

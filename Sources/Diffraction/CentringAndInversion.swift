import Crystal
import Foundation

/// The part of the space group that makes structure-factor sums cheaper
/// without any approximation: the lattice centring translations T (pure
/// translations, identity included) and an inversion centre at the origin.
///
/// With G₀ = T × {1, −1}, the positions fall into G₀-orbits; one position
/// stands for its orbit, and Σ_orbit e^(2πi h·y) = (|orbit|/|G₀|)·C(h)·2cos(2π h·x)
/// with C(h) = Σ_T e^(2πi h·t), which is |T| when h·t is whole for every t
/// and 0 otherwise (without the inversion, e^(2πi h·x) replaces 2cos). So
/// F(h) = |T|·Σ_representatives w·cos(2π h·x) (real geometric sums) for the
/// allowed h, zero for the others: a quarter of the work in C2/c, an eighth in Fm-3m.
struct CentringAndInversion: Sendable {
  /// The centring translations, the zero translation first.
  let translations: [SIMD3<Double>]
  /// Whether −x is an operation (then every geometric sum is real).
  let inversion: Bool
  /// For each position: the weight multiplier of its orbit's representative
  /// (|orbit|/|G₀|, doubled with the inversion), 0 for the other members.
  let factor: [Double]

  /// Nil when the group has neither centring nor an inversion at the origin,
  /// or when some image of a position is not in the list with the same
  /// occupants (then no reduction is safe).
  init?(_ structure: CrystalStructure) {
    let identity = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    let minus = [[-1, 0, 0], [0, -1, 0], [0, 0, -1]]
    func wrapped(_ v: SIMD3<Double>) -> SIMD3<Double> {
      var w = v - v.rounded(.down)
      for i in 0..<3 where w[i] > 1 - 1e-9 { w[i] = 0 }
      return w
    }
    var translations: [SIMD3<Double>] = [.zero]
    var inversion = false
    for op in structure.operations {
      let t = wrapped(op.translation)
      if op.rotation == identity, t != .zero,
        !translations.contains(where: { Self.distance($0, t) < 1e-6 })
      {
        translations.append(t)
      }
      if op.rotation == minus, t == .zero { inversion = true }
    }
    guard translations.count > 1 || inversion else { return nil }
    let positions = structure.positions
    // Positions by a coarse grid key, to find images.
    let scale = 1000.0
    var byKey: [SIMD3<Int>: [Int]] = [:]
    for (p, pos) in positions.enumerated() {
      byKey[SIMD3<Int>((wrapped(pos.fractional) * scale).rounded(.down)), default: []].append(p)
    }
    func find(_ x: SIMD3<Double>) -> Int? {
      let key = SIMD3<Int>((x * scale).rounded(.down))
      for dx in -1...1 {
        for dy in -1...1 {
          for dz in -1...1 {
            var k = key &+ SIMD3(dx, dy, dz)
            for i in 0..<3 { k[i] = (k[i] % Int(scale) + Int(scale)) % Int(scale) }
            for p in byKey[k] ?? [] where Self.distance(wrapped(positions[p].fractional), x) < 1e-4
            {
              return p
            }
          }
        }
      }
      return nil
    }
    let group = translations.count * (inversion ? 2 : 1)
    var factor = [Double](repeating: -1, count: positions.count)
    for p in positions.indices where factor[p] < 0 {
      var orbit: [Int] = []
      for t in translations {
        for sign in inversion ? [1.0, -1.0] : [1.0] {
          let image = wrapped(sign * positions[p].fractional + t)
          guard let q = find(image), Self.sameOccupants(positions[p], positions[q]) else {
            return nil
          }
          if !orbit.contains(q) { orbit.append(q) }
        }
      }
      for q in orbit where factor[q] >= 0 { return nil }  // orbits must not overlap
      for q in orbit { factor[q] = 0 }
      factor[p] = Double(orbit.count) / Double(group) * (inversion ? 2 : 1)
    }
    self.translations = translations
    self.inversion = inversion
    self.factor = factor
  }

  /// |T| when h·t is a whole number for every centring translation, else 0.
  func centringFactor(_ h: SIMD3<Int>) -> Double {
    for t in translations {
      let phase = (SIMD3<Double>(h) * t).sum()
      if abs(phase - phase.rounded()) > 1e-6 { return 0 }
    }
    return Double(translations.count)
  }

  /// Distance between fractional points, periodic.
  static func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    var d = a - b
    d -= d.rounded(.toNearestOrAwayFromZero)
    return max(abs(d.x), abs(d.y), abs(d.z))
  }

  static func sameOccupants(_ a: CrystalStructure.Position, _ b: CrystalStructure.Position) -> Bool
  {
    a.occupants.count == b.occupants.count
      && zip(a.occupants, b.occupants).allSatisfy {
        $0.site == $1.site && abs($0.occupancy - $1.occupancy) < 1e-9
      }
  }
}

import Foundation
import IonicsCore

extension LeBailModel {
  /// Rietveld's intensities at state `s`: S·M·|F|²·Lp·exp(−B/(2d²)) with
  /// Lp = (p + (1 − p)cos²2θ)/(sin²θ cosθ), p the polarisation (0.5 when
  /// not stated: an unpolarised tube).
  func rietveldIntensities(_ s: LeBailState) -> [Double] {
    let metrics = s.lattices.map { $0.cell.reciprocalMetricTensor }
    let p = s.instrument.polarization ?? 0.5
    guard let lambda = s.instrument.radiation.components.first?.wavelength else { return intensity }
    let squared = squaredStructureFactors(s)
    return used.indices.map { k in
      let u = used[k]
      let q = Self.inverseDSquared(u.reflection.hkl, metrics[u.phase])
      let sine = lambda * q.squareRoot() / 2
      guard sine > 0, sine < 1 else { return 0 }
      let theta = asin(sine)
      let c2 = cos(2 * theta)
      let lp = (p + (1 - p) * c2 * c2) / (sine * sine * cos(theta))
      let f2 = squared[k]
      let orientation = orientationCosines[k].map { Self.marchDollase($0, r: s.orientation[u.phase]) } ?? 1
      return s.scales[u.phase] * Double(u.reflection.multiplicity) * f2 * lp * exp(-s.overallB[u.phase] * q / 2)
        * orientation
    }
  }

  /// |F|² of every reflection at state `s`: from the moving atoms where
  /// they are refined, else the CIF's (0 where there is none).
  func squaredStructureFactors(_ s: LeBailState) -> [Double] {
    var squared = used.map { $0.reflection.structureFactorSquared ?? 0 }
    for (phase, atoms) in s.structures.enumerated() {
      guard let atoms, phase < reflectionsOf.count else { continue }
      let own = reflectionsOf[phase]
      let values = atoms.squaredStructureFactors(
        own.map { used[$0].reflection.hkl }, reciprocal: s.lattices[phase].cell.reciprocalMetricTensor)
      for (k, v) in zip(own, values) { squared[k] = v }
    }
    return squared
  }

  /// March–Dollase's correction of a family (Dollase, J. Appl. Cryst. 19
  /// (1986) 267): the mean over its members of (r² cos²α + sin²α/r)^(−3/2),
  /// α the angle between the member's normal and the orientation axis
  /// (`cosines` holds cos²α); 1 at r = 1.
  static func marchDollase(_ cosines: [Double], r: Double) -> Double {
    guard !cosines.isEmpty, r > 0 else { return 1 }
    let sum = cosines.reduce(0) { $0 + pow(r * r * $1 + (1 - $1) / r, -1.5) }
    return sum / Double(cosines.count)
  }

  /// cos² of the angle to `axis` of every member h·R (and −h·R) of the
  /// family of `hkl` under `rotations` (the family is hkl alone without
  /// them), with G* the reciprocal metric tensor.
  static func orientationCosines(
    _ hkl: SIMD3<Int>, axis: SIMD3<Int>, rotations: [[[Int]]], reciprocal g: [[Double]]
  ) -> [Double] {
    func dot(_ a: SIMD3<Int>, _ b: SIMD3<Int>) -> Double {
      let u = SIMD3<Double>(a), v = SIMD3<Double>(b)
      var sum = 0.0
      for i in 0..<3 { for j in 0..<3 { sum += u[i] * g[i][j] * v[j] } }
      return sum
    }
    var members = Set<SIMD3<Int>>([hkl, 0 &- hkl])
    for r in rotations {
      // h·R for the row vector h.
      let m = SIMD3(
        hkl.x * r[0][0] + hkl.y * r[1][0] + hkl.z * r[2][0], hkl.x * r[0][1] + hkl.y * r[1][1] + hkl.z * r[2][1],
        hkl.x * r[0][2] + hkl.y * r[1][2] + hkl.z * r[2][2])
      members.insert(m)
      members.insert(0 &- m)
    }
    let axisLength = dot(axis, axis)
    return members.map { m in
      let c = dot(m, axis)
      let denominator = dot(m, m) * axisLength
      return denominator > 0 ? min(c * c / denominator, 1) : 1
    }
  }
}

import Foundation

/// One reflection hkl: d (Å), 2θ (degrees), |F| (electrons) and its
/// intensity before scaling (|F|²·Lp·PO·line weight).
public struct Reflection: Sendable {
  /// Miller indices.
  public var hkl: SIMD3<Int>
  /// d-spacing, Å.
  public var d: Double
  /// Bragg angle 2θ, degrees.
  public var twoTheta: Double
  /// |F|, electrons.
  public var structureFactor: Double
  /// Unscaled intensity.
  public var intensity: Double
  /// The X-ray line (nil for a wavelength given by number).
  public var line: String?
}

/// A peak: the reflections at one 2θ (within 10⁻⁵°), grouped into families
/// of equal |F| (symmetry-equivalent and Friedel-related hkl).
public struct PowderPeak: Sendable {
  /// One family: its representative hkl (the largest indices first), how
  /// many hkl it holds, and |F|.
  public struct Family: Sendable {
    /// Representative Miller indices.
    public var hkl: SIMD3<Int>
    /// Number of hkl in the family.
    public var multiplicity: Int
    /// |F|, electrons.
    public var structureFactor: Double
  }

  /// 2θ, degrees.
  public var twoTheta: Double
  /// d, Å.
  public var d: Double
  /// Intensity, the strongest peak 100.
  public var intensity: Double
  /// The families.
  public var families: [Family]
  /// The X-ray line.
  public var line: String?

  /// "200" or "10-1" (several families: "200, 002").
  public var hklText: String {
    families.map { f in
      [f.hkl.x, f.hkl.y, f.hkl.z].map(String.init).joined(
        separator: [f.hkl.x, f.hkl.y, f.hkl.z].contains { abs($0) > 9 } ? " " : "")
    }.joined(separator: ", ")
  }
}

/// A simulated powder pattern: the peaks and what was assumed.
public struct PowderPattern: Sendable {
  /// The X-rays.
  public var radiation: XRayRadiation
  /// Peaks by rising 2θ, intensities scaled to 100 (peaks under 0.001 dropped).
  public var peaks: [PowderPeak]
  /// The assumptions, one sentence each.
  public var assumptions: [String]

  /// The strongest `n` peaks, strongest first.
  public func strongest(_ n: Int) -> [PowderPeak] {
    Array(peaks.sorted { $0.intensity > $1.intensity }.prefix(n))
  }

  /// Reflections at one 2θ (within 10⁻⁵°, pymatgen's tolerance) become one
  /// peak; intensities are scaled so that the strongest is 100.
  static func merge(_ reflections: [Reflection]) -> [PowderPeak] {
    let sorted = reflections.sorted { $0.twoTheta < $1.twoTheta }
    var groups: [[Reflection]] = []
    for r in sorted {
      if let last = groups.last?.last, abs(r.twoTheta - last.twoTheta) < 1e-5, r.line == last.line {
        groups[groups.count - 1].append(r)
      } else {
        groups.append([r])
      }
    }
    var peaks = groups.map { group -> PowderPeak in
      var families: [PowderPeak.Family] = []
      for r in group {
        if let k = families.firstIndex(where: {
          abs($0.structureFactor - r.structureFactor) <= 1e-6 * max(r.structureFactor, 1e-12)
        }) {
          families[k].multiplicity += 1
          let a = families[k].hkl
          if (r.hkl.x, r.hkl.y, r.hkl.z) > (a.x, a.y, a.z) { families[k].hkl = r.hkl }
        } else {
          families.append(.init(hkl: r.hkl, multiplicity: 1, structureFactor: r.structureFactor))
        }
      }
      return PowderPeak(
        twoTheta: group.reduce(0) { $0 + $1.twoTheta } / Double(group.count), d: group[0].d,
        intensity: group.reduce(0) { $0 + $1.intensity }, families: families, line: group[0].line)
    }
    let maximum = peaks.map(\.intensity).max() ?? 0
    guard maximum > 0 else { return [] }
    for k in peaks.indices { peaks[k].intensity *= 100 / maximum }
    return peaks.filter { $0.intensity > 1e-3 }
  }
}

import Foundation

/// Reflections of equal |F| at one 2θ (symmetry-equivalent hkl): a
/// representative hkl, how many there are, d (Å), 2θ (degrees), |F|
/// (electrons) and their summed intensity before scaling (|F|²·Lp·PO·line weight).
public struct Reflection: Sendable {
  /// Miller indices of the representative (the largest indices first).
  public var hkl: SIMD3<Int>
  /// How many hkl this stands for.
  public var multiplicity: Int
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
    // Indices sorted by 2θ (ties in input order), so no Reflection moves.
    let twoTheta = reflections.map(\.twoTheta)
    var keyed = reflections.indices.map { (twoTheta[$0], $0) }
    keyed.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    let order = keyed.map(\.1)
    var peaks: [PowderPeak] = []
    var first = 0
    while first < order.count {
      var last = first + 1
      let line = reflections[order[first]].line
      while last < order.count, abs(twoTheta[order[last]] - twoTheta[order[last - 1]]) < 1e-5,
        reflections[order[last]].line == line
      {
        last += 1
      }
      var families: [PowderPeak.Family] = []
      var (sum2Theta, intensity) = (0.0, 0.0)
      for i in order[first..<last] {
        let r = reflections[i]
        sum2Theta += r.twoTheta
        intensity += r.intensity
        if let k = families.firstIndex(where: {
          abs($0.structureFactor - r.structureFactor) <= 1e-6 * max(r.structureFactor, 1e-12)
        }) {
          families[k].multiplicity += r.multiplicity
          let a = families[k].hkl
          if (r.hkl.x, r.hkl.y, r.hkl.z) > (a.x, a.y, a.z) { families[k].hkl = r.hkl }
        } else {
          families.append(
            .init(hkl: r.hkl, multiplicity: r.multiplicity, structureFactor: r.structureFactor))
        }
      }
      peaks.append(
        PowderPeak(
          twoTheta: sum2Theta / Double(last - first), d: reflections[order[first]].d,
          intensity: intensity, families: families, line: line))
      first = last
    }
    let maximum = peaks.map(\.intensity).max() ?? 0
    guard maximum > 0 else { return [] }
    for k in peaks.indices { peaks[k].intensity *= 100 / maximum }
    return peaks.filter { $0.intensity > 1e-3 }
  }
}

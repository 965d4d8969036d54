import Crystal
import Dispatch
import Foundation
import IonicsCore

/// How a powder pattern is computed from a structure, every assumption a
/// field: the radiation, the 2θ range, the form factors, anomalous
/// dispersion, temperature factors, the Lorentz–polarisation factor and
/// preferred orientation.
public struct PowderSimulation: Sendable {
  /// Where the temperature factors come from.
  public enum TemperatureFactors: Sendable, Equatable {
    /// U_iso (or U_eq of the U_ij) of each site; sites without either get
    /// `defaultB` (Å²).
    case fromFile(defaultB: Double)
    /// exp(−B s²) with one B (Å²) for every atom; 0 switches them off.
    case uniform(b: Double)
    /// One B (Å²) per element (pymatgen's `debye_waller_factors`).
    case perElement([String: Double])
  }

  /// The X-rays.
  public var radiation: XRayRadiation
  /// The range of 2θ, degrees.
  public var twoThetaRange: ClosedRange<Double> = 5...90
  /// The form-factor parameterisation.
  public var formFactors: FormFactorModel = .internationalTables
  /// Whether f′ + i f″ is added at the lab lines.
  public var anomalousDispersion = true
  /// The temperature factors.
  public var temperatureFactors: TemperatureFactors = .fromFile(defaultB: 0)
  /// 2θ of a monochromator crystal, degrees (0: unpolarised tube, none).
  public var monochromatorTwoTheta = 0.0
  /// March–Dollase preferred orientation: the plane normal (hkl) and r
  /// (1: none, < 1 platelets lying on the holder).
  public var preferredOrientation: (hkl: SIMD3<Int>, r: Double)?
  /// Atoms × reflections above which the sums go through the non-uniform
  /// FFT instead of one sum per reflection and atom (isotropic cells only).
  var largeCellThreshold = 200_000_000

  /// A simulation with `radiation` and the defaults above.
  public init(radiation: XRayRadiation) {
    self.radiation = radiation
  }

  /// The peak list of `structure`, intensities scaled to 100, with the
  /// assumptions written out.
  public func pattern(of structure: CrystalStructure) throws(DiffractionError) -> PowderPattern {
    guard twoThetaRange.lowerBound >= 0, twoThetaRange.upperBound <= 180,
      twoThetaRange.upperBound > twoThetaRange.lowerBound
    else { throw .badInput("2θ range \(twoThetaRange) is not within 0–180°") }
    let g = structure.cell.metricTensor
    let reciprocal = structure.cell.reciprocalMetricTensor
    var notes: [String] = []
    // Per site: form-factor coefficients, B, and per line f′, f″.
    let sites = structure.sites
    var coefficients: [[Double]] = []
    var neutralForIons: Set<String> = []
    for site in sites {
      guard
        let c = AtomicScattering.coefficients(
          formFactors, site.element, charge: site.oxidationState)
      else {
        throw .badInput("no \(formFactors.citation) form factor for \(site.element.symbol)")
      }
      if c.usedNeutral, let q = site.oxidationState {
        neutralForIons.insert("\(site.element.symbol)\(abs(q))\(q < 0 ? "-" : "+")")
      }
      coefficients.append(c.values)
    }
    notes.append("form factors: \(formFactors.citation)")
    if !neutralForIons.isEmpty {
      notes.append(
        "neutral-atom form factors for \(neutralForIons.sorted().joined(separator: ", ")) (no ion in the table)"
      )
    }
    var (b, beta, equivalentB, temperatureNote) = temperatureFactors(
      structure, reciprocal: reciprocal)
    notes.append(temperatureNote)
    let po = preferredOrientation
    notes.append(
      "Lorentz–polarisation (1 + cos²2θ·cos²2θm)/((1 + cos²2θm)·sin²θ·cos θ), 2θm = \(monochromatorTwoTheta)°"
        + (po.map {
          "; March–Dollase r = \($0.r) along (\($0.hkl.x) \($0.hkl.y) \($0.hkl.z))"
        } ?? ""))

    var reflections: [Reflection] = []
    var dispersionNote: [String] = []
    // The rotations of the group (h ↦ h·R), for orbits of equal |F|.
    let rotations = Array(Set(structure.operations.map { $0.rotation }))
    for component in radiation.components {
      let lambda = component.wavelength
      var dispersion = [(Double, Double)](repeating: (0, 0), count: sites.count)
      if anomalousDispersion {
        if let line = component.line {
          dispersion = sites.map { AtomicScattering.dispersion($0.element, line: line) ?? (0, 0) }
          dispersionNote.append(line)
        } else {
          notes.append(
            "no f′, f″ at λ = \(lambda) Å (tabulated for the lab lines only): anomalous dispersion left out"
          )
        }
      }
      let sinMax = sin(min(twoThetaRange.upperBound, 179.999) * Double.pi / 360)
      let dStarMax = 2 * sinMax / lambda
      let limits = (0..<3).map { Int((dStarMax * g[$0][$0].squareRoot()).rounded(.down)) }
      let poNormal = po.map { p -> (SIMD3<Double>, Double) in
        let n = SIMD3<Double>(p.hkl)
        return (n, (n * mul(reciprocal, n)).sum().squareRoot())
      }
      // Every hkl in the sphere and the range, grouped into orbits of the
      // point group: |F(h·R)| = |F(h)| for every rotation R of the group,
      // and −h (Friedel's mate) differs only through f″.
      let orbits = ReflectionOrbits(
        limits: SIMD3(limits[0], limits[1], limits[2]), reciprocal: reciprocal,
        wavelength: lambda, twoThetaRange: twoThetaRange, rotations: rotations)
      let large = structure.positions.count * orbits.count > largeCellThreshold && beta.isEmpty
      let kernel =
        large
        ? nil
        : StructureFactorKernel(
          structure, limits: SIMD3(limits[0], limits[1], limits[2]), anisotropic: beta)
      if kernel == nil, !large, !beta.isEmpty {
        // Without the tables the sum runs on sines and cosines, isotropically.
        for (site, value) in equivalentB { b[site] = value }
        beta = [:]
        notes.append("the cell is too large for the tables: U_eq used for the anisotropic sites")
      }
      let (coefficientTable, siteDispersion) = (coefficients, dispersion)
      // Sites that scatter alike (same form factor, f′, f″ and B) share one
      // class, so f₀ and exp(−B s²) are computed once per class.
      let atomicNumbers = sites.map(\.element.atomicNumber)
      var classList: [(site: Int, b: Double, dispersion: (Double, Double))] = []
      var siteClasses: [Int] = []
      for s in sites.indices {
        if let c = classList.firstIndex(where: {
          coefficientTable[$0.site] == coefficientTable[s]
            && atomicNumbers[$0.site] == atomicNumbers[s]
            && $0.b == b[s] && $0.dispersion == siteDispersion[s]
        }) {
          siteClasses.append(c)
        } else {
          siteClasses.append(classList.count)
          classList.append((s, b[s], siteDispersion[s]))
        }
      }
      let (classes, classOfSite) = (classList, siteClasses)
      let hasDispersion = classes.contains { $0.dispersion.1 != 0 }
      // Large cells: every class's Σ occ·exp(2πi h·x) over the whole box by
      // gridding and FFT instead of one sum per reflection and atom.
      var gridded: GriddedStructureFactors?
      if large {
        var points = [[(SIMD3<Double>, Double)]](repeating: [], count: classes.count)
        for p in structure.positions {
          for o in p.occupants { points[classOfSite[o.site]].append((p.fractional, o.occupancy)) }
        }
        gridded = GriddedStructureFactors(
          classes: points, limits: SIMD3(limits[0], limits[1], limits[2]),
          at: orbits.slabs.flatMap(\.representatives))
        if gridded != nil {
          notes.append(
            "structure factors of this large cell by a non-uniform FFT (within about 1e-9 of the direct sums)"
          )
        }
      }
      let grid = gridded
      let chunks = orbits.slabs.count
      var starts = [0]
      for slab in orbits.slabs { starts.append(starts[starts.count - 1] + slab.count) }
      let slabStart = starts
      let slots = ConcurrentSlots<[Reflection]>(count: chunks)
      // Per class, flat: form-factor coefficients, Z, B and f′, f″.
      let stride = coefficientTable.map(\.count).max() ?? 0
      var flatTable = [Double](repeating: 0, count: classes.count * stride)
      for (c, cls) in classes.enumerated() {
        for (i, v) in coefficientTable[cls.site].enumerated() { flatTable[c * stride + i] = v }
      }
      let classCoefficients = flatTable
      let classZ = classes.map { atomicNumbers[$0.site] }
      let classB = classes.map(\.b)
      let classDispersion = classes.map(\.dispersion)
      let classCount = classes.count
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        var found: [Reflection] = []
        let slab = orbits.slabs[c]
        let firstPoint = slabStart[c]
        found.reserveCapacity(slab.count)
        classCoefficients.withUnsafeBufferPointer { classTable in
          var fClass = [(Double, Double)](repeating: (0, 0), count: classes.count)
          var fSite = [(Double, Double)](repeating: (0, 0), count: grid == nil ? sites.count : 0)
          for j in 0..<slab.count {
            let key = slab.representatives[j]
            let v = SIMD3<Double>(key)
            let dStar2 = slab.dStarSquared[j]
            let sinTheta = lambda * dStar2.squareRoot() / 2
            let theta = asin(sinTheta)
            let s2 = dStar2 / 4
            // f₀ once per scatterer, the temperature factor once per B.
            for c in 0..<classCount {
              let f0 = AtomicScattering.f0(
                formFactors,
                UnsafeBufferPointer(rebasing: classTable[(c * stride)..<((c + 1) * stride)]),
                atomicNumber: classZ[c], s2: s2)
              let t = classB[c] == 0 ? 1 : exp(-classB[c] * s2)
              fClass[c] = ((f0 + classDispersion[c].0) * t, classDispersion[c].1 * t)
            }
            for s in fSite.indices { fSite[s] = fClass[classOfSite[s]] }
            func squaredF(_ v: SIMD3<Double>) -> Double {
              if let grid {
                let (re, im) = grid.structureFactor(
                  point: firstPoint + j, mate: SIMD3<Int>(v) != key, classFactors: fClass)
                return re * re + im * im
              }
              if let kernel {
                let (re, im) = kernel.structureFactor(SIMD3<Int>(v), siteFactors: fSite)
                return re * re + im * im
              }
              var re = 0.0
              var im = 0.0
              for p in structure.positions {
                let phase = 2 * Double.pi * (v * p.fractional).sum()
                let (c, sn) = (cos(phase), sin(phase))
                for o in p.occupants {
                  let (fr, fi) = fSite[o.site]
                  re += o.occupancy * (fr * c - fi * sn)
                  im += o.occupancy * (fr * sn + fi * c)
                }
              }
              return re * re + im * im
            }
            let plus = squaredF(v)
            // With f″, the images h·R keep F(h) and the images −h·R take F(−h).
            let proper = hasDispersion ? rotations.map { rotate(key, $0) } : []
            let minus = hasDispersion && !proper.contains(0 &- key) ? squaredF(-v) : plus
            let cos2t = cos(2 * theta)
            let cosM = cos(monochromatorTwoTheta * Double.pi / 180)
            let lp =
              (1 + cos2t * cos2t * cosM * cosM)
              / ((1 + cosM * cosM) * sinTheta * sinTheta * cos(theta))
            let twoTheta = 2 * theta * 180 / Double.pi
            // The members with F(h) and those with F(−h): one reflection each,
            // carrying its count and the summed intensity.
            var hkl = (key, key)
            var count = (0, 0)
            var orientationSum = (0.0, 0.0)
            for member in slab.memberStart[j]..<slab.memberStart[j + 1] {
              let m = slab.members[member]
              var orientation = 1.0
              if let (n, nLength) = poNormal, let r = po?.r, nLength > 0 {
                let mv = SIMD3<Double>(m)
                let cosAlpha = (mv * mul(reciprocal, n)).sum() / (dStar2.squareRoot() * nLength)
                let s2a = max(1 - cosAlpha * cosAlpha, 0)
                orientation = pow(r * r * cosAlpha * cosAlpha + s2a / r, -1.5)
              }
              if minus == plus || proper.contains(m) {
                if count.0 == 0 || (m.x, m.y, m.z) > (hkl.0.x, hkl.0.y, hkl.0.z) { hkl.0 = m }
                count.0 += 1
                orientationSum.0 += orientation
              } else {
                if count.1 == 0 || (m.x, m.y, m.z) > (hkl.1.x, hkl.1.y, hkl.1.z) { hkl.1 = m }
                count.1 += 1
                orientationSum.1 += orientation
              }
            }
            let d = 1 / dStar2.squareRoot()
            if count.0 > 0 {
              found.append(
                Reflection(
                  hkl: hkl.0, multiplicity: count.0, d: d, twoTheta: twoTheta,
                  structureFactor: plus.squareRoot(),
                  intensity: plus * lp * orientationSum.0 * component.weight, line: component.line))
            }
            if count.1 > 0 {
              found.append(
                Reflection(
                  hkl: hkl.1, multiplicity: count.1, d: d, twoTheta: twoTheta,
                  structureFactor: minus.squareRoot(),
                  intensity: minus * lp * orientationSum.1 * component.weight, line: component.line)
              )
            }
          }
        }
        slots.set(c, found)
      }
      reflections += slots.values.flatMap { $0 }
    }
    if anomalousDispersion, !dispersionNote.isEmpty {
      notes.append(
        "anomalous dispersion f′ + i f″ (Cromer–Liberman) at \(dispersionNote.joined(separator: ", "))"
      )
    } else if !anomalousDispersion {
      notes.append("no anomalous dispersion")
    }
    return PowderPattern(
      radiation: radiation, peaks: PowderPattern.merge(reflections), assumptions: notes)
  }

  /// B (Å²) of every site, the anisotropic tensors β (h·β·h in the
  /// exponent, fractional basis: βᵢⱼ = 2π² aᵢ* aⱼ* Uᵢⱼ) of sites that use
  /// their Uᵢⱼ (their B is then 0), and a sentence on where they came from.
  func temperatureFactors(_ s: CrystalStructure, reciprocal: [[Double]])
    -> (b: [Double], beta: [Int: [[Double]]], equivalentB: [Int: Double], note: String)
  {
    let eightPi2 = 8 * Double.pi * Double.pi
    switch temperatureFactors {
    case .uniform(let b):
      return (
        s.sites.map { _ in b }, [:], [:],
        b == 0 ? "no temperature factors" : "B = \(b) Å² for every atom"
      )
    case .perElement(let table):
      let text = table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      return (
        s.sites.map { table[$0.element.symbol] ?? 0 }, [:], [:],
        "B per element (Å²): \(text.joined(separator: ", "))"
      )
    case .fromFile(let defaultB):
      var (iso, aniso, none) = (0, 0, 0)
      var beta: [Int: [[Double]]] = [:]
      var equivalent: [Int: Double] = [:]
      let g = s.cell.metricTensor
      let lengths = (0..<3).map { reciprocal[$0][$0].squareRoot() }
      let values = s.sites.enumerated().map { k, site -> Double in
        if let u = site.uAniso, u.count == 6 {
          aniso += 1
          // U in the order 11 22 33 12 13 23.
          let m = [[u[0], u[3], u[4]], [u[3], u[1], u[5]], [u[4], u[5], u[2]]]
          beta[k] = (0..<3).map { i in
            (0..<3).map { j in 2 * Double.pi * Double.pi * lengths[i] * lengths[j] * m[i][j].value }
          }
          // U_eq, for when the tensors cannot be used.
          equivalent[k] = eightPi2 * RefinableStructure.equivalent(u.map(\.value), lengths: lengths, metric: g)
          return 0
        }
        if let u = site.uIso {
          iso += 1
          return eightPi2 * u.value
        }
        none += 1
        return defaultB
      }
      var parts: [String] = []
      if aniso > 0 { parts.append("anisotropic Uᵢⱼ of \(aniso) sites") }
      if iso > 0 { parts.append("U_iso of \(iso) sites") }
      if none > 0 { parts.append("B = \(defaultB) Å² for \(none) sites without any") }
      return (
        values, beta, equivalent,
        "temperature factors from the file: " + parts.joined(separator: ", ")
      )
    }
  }
}

/// h·R for a row vector h.
func rotate(_ h: SIMD3<Int>, _ r: [[Int]]) -> SIMD3<Int> {
  SIMD3(
    h.x * r[0][0] + h.y * r[1][0] + h.z * r[2][0], h.x * r[0][1] + h.y * r[1][1] + h.z * r[2][1],
    h.x * r[0][2] + h.y * r[1][2] + h.z * r[2][2])
}

/// The representative of h's orbit under the rotations and their negatives
/// (the Laue group): the lexicographically largest image.
func representative(_ h: SIMD3<Int>, _ rotations: [[[Int]]]) -> SIMD3<Int> {
  var best = h
  for r in rotations {
    for image in [rotate(h, r), 0 &- rotate(h, r)]
    where (image.x, image.y, image.z) > (best.x, best.y, best.z) {
      best = image
    }
  }
  return best
}

/// m·v for a 3×3 matrix.
func mul(_ m: [[Double]], _ v: SIMD3<Double>) -> SIMD3<Double> {
  SIMD3(
    m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
    m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z)
}

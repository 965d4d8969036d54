import Crystal
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
    let g = metric(structure.cell)
    let reciprocal = invert(g)
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
    let (b, temperatureNote) = temperatureB(structure, g: g, reciprocal: reciprocal)
    notes.append(temperatureNote)
    let po = preferredOrientation
    notes.append(
      "Lorentz–polarisation (1 + cos²2θ·cos²2θm)/((1 + cos²2θm)·sin²θ·cos θ), 2θm = \(monochromatorTwoTheta)°"
        + (po.map {
          "; March–Dollase r = \($0.r) along (\($0.hkl.x) \($0.hkl.y) \($0.hkl.z))"
        } ?? ""))

    var reflections: [Reflection] = []
    var dispersionNote: [String] = []
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
      for h in -limits[0]...limits[0] {
        for k in -limits[1]...limits[1] {
          for l in -limits[2]...limits[2] {
            if h == 0 && k == 0 && l == 0 { continue }
            let v = SIMD3<Double>(Double(h), Double(k), Double(l))
            let dStar2 = (v * mul(reciprocal, v)).sum()
            guard dStar2 <= dStarMax * dStarMax * (1 + 1e-12) else { continue }
            let sinTheta = lambda * dStar2.squareRoot() / 2
            guard sinTheta < 1 else { continue }
            let theta = asin(sinTheta)
            let twoTheta = 2 * theta * 180 / Double.pi
            guard twoThetaRange.contains(twoTheta) else { continue }
            let s2 = dStar2 / 4
            var fSite = [(Double, Double)](repeating: (0, 0), count: sites.count)
            for (s, site) in sites.enumerated() {
              let f0 = AtomicScattering.f0(
                formFactors, coefficients[s], atomicNumber: site.element.atomicNumber, s2: s2)
              let t = exp(-b[s] * s2)
              fSite[s] = ((f0 + dispersion[s].0) * t, dispersion[s].1 * t)
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
            let f2 = re * re + im * im
            let cos2t = cos(2 * theta)
            let cosM = cos(monochromatorTwoTheta * Double.pi / 180)
            let lp =
              (1 + cos2t * cos2t * cosM * cosM)
              / ((1 + cosM * cosM) * sinTheta * sinTheta * cos(theta))
            var orientation = 1.0
            if let (n, nLength) = poNormal, let r = po?.r, nLength > 0 {
              let cosAlpha = (v * mul(reciprocal, n)).sum() / (dStar2.squareRoot() * nLength)
              let s2a = max(1 - cosAlpha * cosAlpha, 0)
              orientation = pow(r * r * cosAlpha * cosAlpha + s2a / r, -1.5)
            }
            reflections.append(
              Reflection(
                hkl: SIMD3(h, k, l), d: 1 / dStar2.squareRoot(), twoTheta: twoTheta,
                structureFactor: f2.squareRoot(),
                intensity: f2 * lp * orientation * component.weight, line: component.line))
          }
        }
      }
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

  /// B (Å²) of every site and a sentence on where it came from.
  func temperatureB(_ s: CrystalStructure, g: [[Double]], reciprocal: [[Double]])
    -> ([Double], String)
  {
    let eightPi2 = 8 * Double.pi * Double.pi
    switch temperatureFactors {
    case .uniform(let b):
      return (
        s.sites.map { _ in b }, b == 0 ? "no temperature factors" : "B = \(b) Å² for every atom"
      )
    case .perElement(let table):
      let text = table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      return (
        s.sites.map { table[$0.element.symbol] ?? 0 },
        "B per element (Å²): \(text.joined(separator: ", "))"
      )
    case .fromFile(let defaultB):
      var (iso, aniso, none) = (0, 0, 0)
      let values = s.sites.map { site -> Double in
        if let u = site.uIso {
          iso += 1
          return eightPi2 * u.value
        }
        if let u = site.uAniso, u.count == 6 {
          aniso += 1
          // U_eq = ⅓ Σᵢⱼ Uᵢⱼ aᵢ* aⱼ* (aᵢ·aⱼ), U in the order 11 22 33 12 13 23.
          let m = [[u[0], u[3], u[4]], [u[3], u[1], u[5]], [u[4], u[5], u[2]]]
          var ueq = 0.0
          for i in 0..<3 {
            for j in 0..<3 {
              ueq +=
                m[i][j].value * reciprocal[i][i].squareRoot() * reciprocal[j][j].squareRoot()
                * g[i][j]
            }
          }
          return eightPi2 * ueq / 3
        }
        none += 1
        return defaultB
      }
      var parts: [String] = []
      if iso > 0 { parts.append("U_iso of \(iso) sites") }
      if aniso > 0 { parts.append("U_eq from the U_ij of \(aniso) sites") }
      if none > 0 { parts.append("B = \(defaultB) Å² for \(none) sites without any") }
      return (
        values, "temperature factors exp(−B s²) from the file: " + parts.joined(separator: ", ")
      )
    }
  }
}

/// G of a cell, Å².
func metric(_ cell: UnitCell) -> [[Double]] {
  let r = Double.pi / 180
  let (a, b, c) = (cell.a.value, cell.b.value, cell.c.value)
  let (ca, cb, cg) = (
    cos(cell.alpha.value * r), cos(cell.beta.value * r), cos(cell.gamma.value * r)
  )
  return [
    [a * a, a * b * cg, a * c * cb], [a * b * cg, b * b, b * c * ca],
    [a * c * cb, b * c * ca, c * c],
  ]
}

/// Inverse of a symmetric positive-definite 3×3 matrix.
func invert(_ m: [[Double]]) -> [[Double]] {
  let det =
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  var inv = [[Double]](repeating: [0, 0, 0], count: 3)
  for i in 0..<3 {
    for j in 0..<3 {
      inv[i][j] =
        (m[(j + 1) % 3][(i + 1) % 3] * m[(j + 2) % 3][(i + 2) % 3]
          - m[(j + 1) % 3][(i + 2) % 3] * m[(j + 2) % 3][(i + 1) % 3]) / det
    }
  }
  return inv
}

func mul(_ m: [[Double]], _ v: SIMD3<Double>) -> SIMD3<Double> {
  SIMD3(
    m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
    m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z)
}

import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Diffraction

/// pymatgen 2026.10.24 XRDCalculator("CuKa"), 2θ 5–90°, on the shared files:
/// the peaks as (2θ, I). Computed in a throwaway venv for this test set.
enum PymatgenPatterns {
  static let nacl: [(Double, Double)] = [
    (27.3892, 8.077), (31.7299, 100.000), (45.4868, 65.628), (53.9157, 1.946), (56.5225, 21.223),
    (66.2876, 9.318), (73.1391, 0.908), (75.3637, 24.748), (84.0754, 18.233),
  ]
  /// The same with debye_waller_factors {"Na": 1.2, "Cl": 0.9} (Å²).
  static let naclWithB: [(Double, Double)] = [
    (27.3892, 8.490), (31.7299, 100.000), (45.4868, 61.522), (53.9157, 2.020), (56.5225, 18.653),
    (66.2876, 7.682), (73.1391, 0.892), (75.3637, 19.149), (84.0754, 13.251),
  ]
  /// The ten strongest peaks, by 2θ.
  static let alluaudite: [(Double, Double)] = [
    (14.0970, 100.000), (16.1882, 48.861), (25.4098, 24.203), (29.0724, 58.408),
    (30.5884, 18.997), (31.1393, 29.015), (32.7112, 42.146), (32.8714, 96.513),
    (35.5335, 35.141), (43.2917, 27.632),
  ]
  static let zincCyanamide: [(Double, Double)] = [
    (19.1964, 73.352), (27.9855, 100.000), (28.6771, 99.986), (38.9598, 47.002),
    (40.5002, 25.000), (41.0029, 15.768), (45.6473, 35.543), (54.8015, 29.977),
    (57.8414, 18.087), (66.8949, 15.092),
  ]
}

@Suite("Powder patterns against pymatgen", SharedData.required)
struct PowderSimulationTests {
  static func structure(_ file: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    return try CrystalStructure(block: doc.blocks[0], source: file)
  }

  /// pymatgen's assumptions: weighted Cu Kα, no anomalous dispersion.
  static func pymatgenLike(_ b: PowderSimulation.TemperatureFactors) throws -> PowderSimulation {
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa"))
    sim.anomalousDispersion = false
    sim.temperatureFactors = b
    return sim
  }

  /// Every reference peak found within 0.001° and its intensity within
  /// `tolerance` × max(I, 1), or within `points` on the 0–100 scale.
  static func compare(
    _ pattern: PowderPattern, _ reference: [(Double, Double)], intensity tolerance: Double = 0,
    points: Double = 0
  ) {
    for (twoTheta, intensity) in reference {
      let peak = pattern.peaks.min { abs($0.twoTheta - twoTheta) < abs($1.twoTheta - twoTheta) }
      #expect(peak.map { abs($0.twoTheta - twoTheta) < 0.001 } == true, "2θ \(twoTheta)")
      #expect(
        peak.map {
          abs($0.intensity - intensity) <= max(tolerance * max(intensity, 1), points)
        } == true,
        "2θ \(twoTheta): \(peak?.intensity ?? .nan) against \(intensity)")
    }
  }

  /// NaCl with International Tables form factors and no temperature
  /// factors: every peak's position to 0.001° and relative intensity within
  /// 1 % of the strongest (0.2 at most: 311 is 1.98 against 1.95, 331 1.00
  /// against 0.91) of pymatgen, whose form factors are De Graef's; with
  /// De Graef's, every intensity within 0.05 % of its own value.
  @Test func rockSaltWithoutTemperatureFactors() throws {
    let s = try Self.structure("dd_NaCl.cif")
    var sim = try Self.pymatgenLike(.uniform(b: 0))
    let pattern = try sim.pattern(of: s)
    #expect(pattern.peaks.count == PymatgenPatterns.nacl.count)
    Self.compare(pattern, PymatgenPatterns.nacl, points: 0.25)
    sim.formFactors = .deGraef
    Self.compare(try sim.pattern(of: s), PymatgenPatterns.nacl, intensity: 0.0005)
    // Families and multiplicities: 200 has 6 hkl, 111 has 8, 220 has 12.
    let families = Dictionary(
      uniqueKeysWithValues: pattern.peaks.map { ($0.hklText, $0.families[0].multiplicity) })
    #expect(families["111"] == 8 && families["200"] == 6 && families["220"] == 12)
  }

  /// Temperature factors lower the high-angle peaks as pymatgen's
  /// debye_waller_factors do (same B per element): 420 at 84° falls from 18.2
  /// to 13.3.
  @Test func rockSaltWithTemperatureFactors() throws {
    let s = try Self.structure("dd_NaCl.cif")
    var sim = try Self.pymatgenLike(.perElement(["Na": 1.2, "Cl": 0.9]))
    sim.formFactors = .deGraef
    Self.compare(try sim.pattern(of: s), PymatgenPatterns.naclWithB, intensity: 0.0005)
  }

  /// The ten strongest peaks of two more structures: with pymatgen's own
  /// assumptions (De Graef form factors, no anomalous dispersion, no
  /// temperature factors) within 0.1 %; with Ionics's defaults (International
  /// Tables, f′ f″ at Cu Kα, the file's U) they differ, on purpose.
  @Test(arguments: [
    ("cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif", PymatgenPatterns.alluaudite),
    ("cod2011885_ZnNCN_zinc-cyanamide.cif", PymatgenPatterns.zincCyanamide),
  ])
  func tenStrongestPeaks(file: String, reference: [(Double, Double)]) throws {
    let s = try Self.structure(file)
    var sim = try Self.pymatgenLike(.uniform(b: 0))
    sim.formFactors = .deGraef
    let same = try sim.pattern(of: s)
    Self.compare(same, reference, intensity: 0.001)
    let ours = try PowderSimulation(radiation: try XRayRadiation("CuKa")).pattern(of: s)
    let differences = reference.map { twoTheta, intensity in
      let peak = ours.peaks.min { abs($0.twoTheta - twoTheta) < abs($1.twoTheta - twoTheta) }
      return abs((peak?.intensity ?? 0) - intensity)
    }
    #expect((differences.max() ?? 0) > 1, "the file's U and f′, f″ change intensities")
    #expect(ours.assumptions.contains { $0.contains("(Cromer–Liberman) at CuKa") })
    #expect(ours.assumptions.contains { $0.contains("from the file") })
  }
}

@Suite("Powder simulation, closed forms")
struct PowderClosedFormTests {
  /// A primitive cubic cell with one atom: every hkl has the same |F| = f₀,
  /// Bragg's law places 100 at λ/(2 sin θ) = a, and the doublet puts Kα2
  /// at half the Kα1 intensity, 2θ further by the dispersion of λ.
  @Test func braggLawAndTheDoublet() throws {
    let text = TestCIF.block(
      "c", cell: "4", symmetry: "_symmetry_space_group_name_H-M 'P m -3 m'", sites: "Cu1 0 0 0")
    let s = try CrystalStructure(
      block: try CIFParser.parse(text, source: "c").blocks[0], source: "c")
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa12"))
    sim.twoThetaRange = 20...25
    sim.temperatureFactors = .uniform(b: 0)
    let peaks = try sim.pattern(of: s).peaks
    #expect(peaks.count == 2)
    let (k1, k2) = (1.54056, 1.54439)
    #expect(abs(peaks[0].twoTheta - 2 * asin(k1 / 8) * 180 / .pi) < 1e-9)
    #expect(abs(peaks[1].twoTheta - 2 * asin(k2 / 8) * 180 / .pi) < 1e-9)
    #expect(peaks[0].families[0].multiplicity == 6 && peaks[0].hklText == "100")
    // Kα2: half the weight, |F| a shade different (f′ at its own line), Lp at its angle.
    #expect(abs(peaks[1].intensity / peaks[0].intensity - 0.5) < 0.01)
    #expect(throws: DiffractionError.self) { try XRayRadiation("ZnKa1") }
    #expect(throws: DiffractionError.self) { try XRayRadiation("-1") }
  }
}

@Suite("Peak profiles")
struct PeakProfileTests {
  /// A pseudo-Voigt has unit area and its half maximum at ±FWHM/2 for any η;
  /// Caglioti's rule with U = V = 0 is the fixed width √W.
  @Test(arguments: [0.0, 0.5, 1.0])
  func pseudoVoigt(eta: Double) {
    let p = PeakProfile(width: .fixed(0.2), lorentzianFraction: eta)
    var area = 0.0
    let dx = 1e-4
    for k in -200_000...200_000 { area += p.value(Double(k) * dx, fwhm: 0.2) * dx }
    // A Lorentzian's tails beyond ±20° hold 2γ/(π·20) of its area.
    #expect(abs(area - (1 - eta * 0.1 / (Double.pi * 20) * 2)) < 1e-4)
    #expect(abs(p.value(0.1, fwhm: 0.2) / p.value(0, fwhm: 0.2) - 0.5) < 1e-12)
    let c = PeakProfile(width: .caglioti(u: 0, v: 0, w: 0.04))
    #expect(abs(c.fwhm(at: 40) - 0.2) < 1e-12)
  }
}

@Suite("Symmetry in the structure-factor sum", SharedData.required)
struct OrbitReductionTests {
  /// The pattern computed once per orbit of the point group (with Friedel
  /// mates apart, as f″ makes them differ in I-42d), with the positions
  /// reduced by centring and the inversion centre (C2/c, I-42d, C2/c with
  /// disorder), equals the pattern of the same cell written out in P1,
  /// where every hkl and every atom is summed on its own.
  @Test(arguments: [
    "cod2011885_ZnNCN_zinc-cyanamide.cif",
    "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif",
    "cod1004001_disorder.cif",
  ])
  func orbitsEqualTheFullSum(file: String) throws {
    let s = try PowderSimulationTests.structure(file)
    let p1Text = s.cif(expandedToP1: true)
    let p1 = try CrystalStructure(
      block: try CIFParser.parse(p1Text, source: "p1").blocks[0], source: "p1")
    #expect(p1.operations.count == 1)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.temperatureFactors = .uniform(b: 1.0)
    sim.twoThetaRange = 5...70
    let a = try sim.pattern(of: s).peaks
    let b = try sim.pattern(of: p1).peaks
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      #expect(abs(x.twoTheta - y.twoTheta) < 1e-9)
      #expect(abs(x.intensity - y.intensity) < 1e-6 * max(x.intensity, 1), "\(x.hklText)")
    }
  }
}

@Suite("Large cells through the non-uniform FFT", SharedData.required)
struct LargeCellTests {
  /// The gridded sums (forced on small cells) give the pattern of the
  /// direct sums, with f′ and f″ at Cu Kα1 (so Friedel mates differ in
  /// the non-centrosymmetric ZnNCN) and isotropic B; 1e-6 of each intensity
  /// is far above the kernel's 1e-9 and far below any physical difference.
  @Test(arguments: [
    "cod2011885_ZnNCN_zinc-cyanamide.cif", "dd_NaCl.cif", "cod1004001_disorder.cif",
  ])
  func griddedEqualsDirect(file: String) throws {
    let s = try PowderSimulationTests.structure(file)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.temperatureFactors = .uniform(b: 1.5)
    let direct = try sim.pattern(of: s)
    sim.largeCellThreshold = 0
    let gridded = try sim.pattern(of: s)
    #expect(gridded.assumptions.contains { $0.contains("non-uniform FFT") })
    #expect(direct.peaks.count == gridded.peaks.count)
    for (x, y) in zip(direct.peaks, gridded.peaks) {
      #expect(abs(x.twoTheta - y.twoTheta) < 1e-12)
      #expect(abs(x.intensity - y.intensity) < 1e-6 * max(x.intensity, 1), "\(x.hklText)")
    }
  }
}

@Suite("Anisotropic displacements")
struct AnisotropicTests {
  static func atom(_ group: String, uij: String, extra: String = "") throws -> CrystalStructure {
    let aniso = """
      loop_
      _atom_site_aniso_label
      _atom_site_aniso_U_11
      _atom_site_aniso_U_22
      _atom_site_aniso_U_33
      _atom_site_aniso_U_12
      _atom_site_aniso_U_13
      _atom_site_aniso_U_23
      Cu1 \(uij)
      """
    let text = TestCIF.block(
      "a", cell: "4", symmetry: "_symmetry_space_group_name_H-M '\(group)'",
      sites: "Cu1 0.1 0.2 0.3\n\(extra)", extra: aniso)
    return try CrystalStructure(
      block: try CIFParser.parse(text, source: "a").blocks[0], source: "a")
  }

  /// One atom with U11 = 0.02, U22 = 0.01, U33 = 0.005 Å²: the 100, 010 and
  /// 001 families at one 2θ differ by exp(−2π²(Uᵢᵢ − Uⱼⱼ)/a²) in |F|, and
  /// with U11 = U22 = U33 = U the pattern is the isotropic one, B = 8π²U.
  @Test func closedForms() throws {
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.anomalousDispersion = false
    sim.twoThetaRange = 20...25
    let s = try Self.atom("P 1", uij: "0.02 0.01 0.005 0 0 0")
    let peak = try #require(try sim.pattern(of: s).peaks.first)
    let f = Dictionary(
      uniqueKeysWithValues: peak.families.map {
        ("\($0.hkl.x)\($0.hkl.y)\($0.hkl.z)", $0.structureFactor)
      })
    let ratio = try #require(f["100"]) / (try #require(f["001"]))
    #expect(abs(ratio - exp(-2 * Double.pi * Double.pi * (0.02 - 0.005) / 16)) < 1e-12)
    let ratio2 = try #require(f["010"]) / (try #require(f["001"]))
    #expect(abs(ratio2 - exp(-2 * Double.pi * Double.pi * (0.01 - 0.005) / 16)) < 1e-12)
    #expect(peak.families.count == 3 && peak.families.allSatisfy { $0.multiplicity == 2 })
    // Isotropic U written as Uᵢⱼ equals B = 8π²U.
    sim.twoThetaRange = 10...90
    let u = 0.012
    let anisotropic = try sim.pattern(of: try Self.atom("P 1", uij: "\(u) \(u) \(u) 0 0 0"))
    var iso = sim
    iso.temperatureFactors = .uniform(b: 8 * Double.pi * Double.pi * u)
    let isotropic = try iso.pattern(of: try Self.atom("P 1", uij: "0 0 0 0 0 0"))
    #expect(anisotropic.peaks.count == isotropic.peaks.count)
    for (a, b) in zip(anisotropic.peaks, isotropic.peaks) {
      #expect(abs(a.intensity - b.intensity) < 1e-9 * max(a.intensity, 1))
    }
    #expect(anisotropic.assumptions.contains { $0.contains("anisotropic Uᵢⱼ of 1 sites") })
  }

  /// Under symmetry the tensor turns with each image (β′ = R β Rᵀ): the
  /// structure factors of a P 4/m cell with an anisotropic atom, computed
  /// once per orbit from the tables, equal a plain sum over the eight images
  /// with sines and cosines.
  @Test func tensorsTurnWithTheOperations() throws {
    let s = try Self.atom("P 4/m", uij: "0.02 0.01 0.006 0.004 0.002 -0.001")
    let p1 = try CrystalStructure(
      block: try CIFParser.parse(s.cif(expandedToP1: true), source: "p1").blocks[0], source: "p1")
    #expect(p1.positions.count == s.positions.count && s.positions.count == 8)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 10...90
    let withSymmetry = try sim.pattern(of: s)
    // Direct sum: every image with its own β′, every hkl on its own.
    let beta0 = [[0.02, 0.004, 0.002], [0.004, 0.01, -0.001], [0.002, -0.001, 0.006]].map { row in
      row.map { 2 * Double.pi * Double.pi * $0 / 16 }
    }
    for peak in withSymmetry.peaks.prefix(6) {
      for family in peak.families {
        let h = SIMD3<Double>(family.hkl)
        var re = 0.0
        var im = 0.0
        for p in s.positions {
          let r = s.operations[p.operation].rotation.map { $0.map(Double.init) }
          var exponent = 0.0
          for i in 0..<3 {
            for j in 0..<3 {
              var b = 0.0
              for k in 0..<3 { for l in 0..<3 { b += r[i][k] * beta0[k][l] * r[j][l] } }
              exponent += h[i] * b * h[j]
            }
          }
          let s2 = 1 / (4 * peak.d * peak.d)
          let f0 = AtomicScattering.f0(
            .internationalTables,
            try #require(
              AtomicScattering.coefficients(.internationalTables, s.sites[0].element, charge: nil)
            ).values,
            atomicNumber: 29, s2: s2)
          let (fp, fpp) = try #require(
            AtomicScattering.dispersion(s.sites[0].element, line: "CuKa1"))
          let phase = 2 * Double.pi * (h * p.fractional).sum()
          let t = exp(-exponent)
          re += t * ((f0 + fp) * cos(phase) - fpp * sin(phase))
          im += t * ((f0 + fp) * sin(phase) + fpp * cos(phase))
        }
        let direct = (re * re + im * im).squareRoot()
        #expect(abs(direct - family.structureFactor) < 1e-9 * direct, "\(family.hkl)")
      }
    }
  }
}

@Suite("Centring and inversion in the sums")
struct CentringAndInversionTests {
  /// Rock salt (Fm-3m): four centring translations and an inversion centre;
  /// each Na and Cl position stands for the four of its orbit with weight
  /// 4/8·2 = 1, so F(hkl) = 4(f_Na ± f_Cl) for unmixed hkl and 0 for mixed ones.
  @Test func rockSalt() throws {
    let s = PhaseComparisonTests.nacl
    let r = try #require(CentringAndInversion(s))
    #expect(r.translations.count == 4 && r.inversion)
    #expect(r.factor.filter { $0 > 0 } == [1, 1])
    #expect(r.centringFactor(SIMD3(1, 0, 0)) == 0 && r.centringFactor(SIMD3(2, 0, 0)) == 4)
    #expect(r.centringFactor(SIMD3(1, 1, 1)) == 4 && r.centringFactor(SIMD3(2, 1, 0)) == 0)
  }

  /// P1 has nothing to reduce.
  @Test func primitiveWithoutInversion() throws {
    let text = TestCIF.block(
      "P1", cell: "4", symmetry: "_symmetry_space_group_name_H-M 'P 1'", sites: "Na1 0.1 0.2 0.3")
    let s = try CrystalStructure(
      block: try CIFParser.parse(text, source: "p1").blocks[0], source: "p1")
    #expect(CentringAndInversion(s) == nil)
  }
}

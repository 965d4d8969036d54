import Crystal
import Foundation
import IonicsCore
import IonicsNumerics
import TestSupport
import Testing

@testable import Diffraction

/// Atoms in a Rietveld fit: the freedoms their Wyckoff positions leave, the
/// structure factors they give, a simulated pattern refined back to its
/// atoms, and GSAS-II's refinement of NAC.
@Suite("Rietveld refinement of atoms")
struct RietveldAtomTests {
  static func cubic3Fold() -> [[[Int]]] {
    // The rotations fixing (x, x, x): 1, 3⁺ and 3⁻ along [111].
    [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]]
  }

  /// A site on a threefold axis moves only along [111]; a site on a
  /// twofold axis along x (x, 0, ¼) only along x; a general site freely.
  @Test func wyckoffPositionsLeaveTheRightFreedoms() {
    let (axis, axisPivots) = RefinableStructure.freeDirections(Self.cubic3Fold())
    #expect(axisPivots == [0])
    #expect(axis == [SIMD3(1, 1, 1)])
    // 2-fold along a: (x, y, z) ↦ (x, −y, ½ − z) fixes (x, 0, ¼).
    let (twofold, twofoldPivots) = RefinableStructure.freeDirections([
      [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, -1, 0], [0, 0, -1]],
    ])
    #expect(twofoldPivots == [0] && twofold == [SIMD3(1, 0, 0)])
    let (general, generalPivots) = RefinableStructure.freeDirections([[[1, 0, 0], [0, 1, 0], [0, 0, 1]]])
    #expect(generalPivots == [0, 1, 2] && general.count == 3)
  }

  /// On a threefold axis U11 = U22 = U33 and U12 = U13 = U23 (two free
  /// numbers); on a twofold axis along a, U12 = U13 = 0 (four free).
  @Test func siteSymmetryConstrainsTheDisplacementTensor() {
    let lengths = [0.1, 0.1, 0.1]
    let (axis, axisPivots) = RefinableStructure.freeTensorDirections(Self.cubic3Fold(), lengths)
    #expect(axisPivots == [0, 3])
    #expect(axis[0] == [1, 1, 1, 0, 0, 0] && axis[1] == [0, 0, 0, 1, 1, 1])
    let (_, twofoldPivots) = RefinableStructure.freeTensorDirections(
      [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, -1, 0], [0, 0, -1]]], lengths)
    #expect(twofoldPivots == [0, 1, 2, 5])
  }

  /// The refinement's own structure factors (every image summed, U_ij
  /// rotated to each) equal the simulation's, which reduce by centring,
  /// inversion and the point group: NAC (anisotropic, I2₁3) and CaF2.
  @Test(SharedData.required("xrd")) func structureFactorsMatchTheSimulation() throws {
    let nac = try CrystalStructure(
      block: try CIFParser.parse(Data(contentsOf: SharedData.url("xrd/gsas2tut_NAC.cif")), source: "NAC.cif").blocks[0],
      source: "NAC.cif")
    for structure in [nac, try RietveldTests.structure("Examples/fluorite/CaF2.cif")] {
      let radiation = try XRayRadiation("0.413909")
      let reflections = try LeBailRefinement.reflections(of: structure, radiation: radiation, range: 2...30)
      let atoms = RefinableStructure(structure, line: nil)
      let mine = atoms.squaredStructureFactors(
        reflections.map(\.hkl), reciprocal: structure.cell.reciprocalMetricTensor)
      var worst = 0.0
      for (r, f2) in zip(reflections, mine) {
        let reference = r.structureFactorSquared ?? 0
        worst = max(worst, abs(f2 - reference) / max(reference, 1))
      }
      #expect(reflections.count > 15)
      #expect(worst < 1e-9, "\(structure.name): relative |F|² difference \(worst)")
    }
  }

  /// LaB6 drawn with B at x = 0.2050 (the CIF says 0.1996), U(La) 0.005
  /// and U(B) 0.008 Å², with counting noise: refined from the CIF's atoms
  /// (U = 0), x and the U come back within 3 s.u.
  @Test(SharedData.required("xrd")) func simulatedPatternReturnsItsAtoms() throws {
    let radiation = try XRayRadiation("CuKa1")
    let range = 20.0...140.0
    let cif = try RietveldTests.structure("Examples/lab6/LaB6.cif")
    var sites = cif.sites
    sites[0].uIso = Measured(0.005)
    sites[1].x = Measured(0.2050)
    sites[1].uIso = Measured(0.008)
    let truth = cif.replacingSites(sites)
    let drawn = try RietveldTests.phase(truth, radiation, range)
    let profile = PowderProfile(u: 4, v: -3, w: 8, x: 3, y: 1)
    let x = stride(from: range.lowerBound, through: range.upperBound, by: 0.02).map { $0 }
    var y = x.map { 200 + 30 * ($0 - 20) / 120 }
    RietveldTests.addPeaks(of: drawn, scale: 2e-3, radiation: radiation, profile: profile, x: x, to: &y)
    y = RietveldTests.withCountingNoise(y, seed: 7)
    var options = LeBailRefinement.Options()
    options.method = .rietveld
    options.refineAtoms = true
    options.backgroundTerms = 3
    let result = try LeBailRefinement.refine(
      pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "simulated"),
      instrument: PowderInstrument(radiation: radiation), phases: [try RietveldTests.phase(cif, radiation, range)],
      options: options)
    let values = Dictionary(result.phases[0].values.map { ($0.name, $0) }) { a, _ in a }
    for (name, expected) in [("B1:x", 0.2050), ("La1:Uiso", 0.005), ("B1:Uiso", 0.008)] {
      let v = try #require(values[name], "\(name) refined")
      let su = try #require(v.standardUncertainty)
      #expect(abs(v.value - expected) < 3 * su, "\(name) = \(v.value)(\(su)), drawn with \(expected)")
      #expect(su > 0 && su < 0.25 * expected, "\(name) s.u. \(su) of \(v.value)")
    }
    // The refined sites carry the values and their s.u. (y = z = ½ fixed by symmetry).
    let boron = try #require(result.phases[0].atoms?[1])
    #expect(abs(boron.x.value - (values["B1:x"]?.value ?? 0)) < 1e-12 && boron.x.standardUncertainty > 0)
    #expect(boron.y.value == 0.5 && boron.y.standardUncertainty == 0)
    #expect(result.goodnessOfFit < 1.2)
  }

  /// NAC + CaF2 (11-BM): GSAS-II v5.7.9's Rietveld with the NAC atoms
  /// (x, y, z and the CIF's U_ij) refined gives Ca1 x 0.46634, Al1 x
  /// 0.24774, Na1 x 0.08486, F1 (0.14018, 0.30567, 0.12178), F2 (0.36412,
  /// 0.36179, 0.18945), F3 x 0.46164, a(NAC) 10.251457(4) Å, a(CaF2)
  /// 5.464808(20) Å, 1.290(10) wt % CaF2, wR 8.44 %. Ionics (the same
  /// refinement, CaF2's atoms held, SH/L refined with GSAS-II's
  /// quadrature) agrees within 3 s.u. on nine of the ten coordinates (F1 x
  /// differs by 4 s.u.), within 2×10⁻⁵ Å on a(NAC) and 6×10⁻⁵ Å on
  /// a(CaF2), within 0.15 wt % on CaF2 (1.42 %), with a lower Rwp.
  @Test(SharedData.required("xrd")) func nacAtomsAgreeWithGSASII() throws {
    let result = try RietveldTests.nacWithCaF2(.rietveld, quadrature: .gsas2) { options in
      options.refineAtoms = true
      options.refineAsymmetry = true
      options.atomsHeld = ["CaF2"]
    }
    let values = Dictionary(result.phases[0].values.map { ($0.name, $0) }) { a, _ in a }
    let reference: [(String, Double, Double)] = [
      ("Ca1:x", 0.46634, 3), ("Al1:x", 0.24774, 3), ("Na1:x", 0.08486, 3), ("F1:x", 0.14018, 4.5),
      ("F1:y", 0.30567, 3), ("F1:z", 0.12178, 3), ("F2:x", 0.36412, 3), ("F2:y", 0.36179, 3), ("F2:z", 0.18945, 3),
      ("F3:x", 0.46164, 3),
    ]
    for (name, expected, within) in reference {
      let v = try #require(values[name], "\(name) refined")
      let su = try #require(v.standardUncertainty)
      #expect(abs(v.value - expected) < within * su, "\(name) = \(v.value)(\(su)), GSAS-II \(expected)")
      #expect(su < 2e-4)
    }
    // The anisotropic displacements stay anisotropic and positive.
    #expect(values["F2:U22"] != nil && (values["F2:U22"]?.value ?? 0) > 0)
    #expect(result.phases[1].values.allSatisfy { !$0.name.contains(":") }, "CaF2's atoms held")
    #expect(abs(result.phases[0].lattice.a - 10.251457) < 2e-5, "a(NAC) \(result.phases[0].lattice.a)")
    #expect(abs(result.phases[1].lattice.a - 5.464808) < 6e-5, "a(CaF2) \(result.phases[1].lattice.a)")
    let w = try #require(result.phases[1].weightFraction)
    #expect(abs(100 * w.value - 1.290) < 0.15, "CaF2 \(100 * w.value) wt %")
    #expect(result.rwp < 8.44, "Rwp \(result.rwp)")
    #expect(result.warnings.isEmpty, "\(result.warnings)")
  }

  /// Kaolinite platelets lying on (001), r = 0.8, drawn by the simulation
  /// (`PowderSimulation.preferredOrientation`, its own sum over each
  /// family): the Rietveld fit's March–Dollase r comes back within 3 s.u.,
  /// and a random powder gives r = 1 within 3 s.u. (A cubic phase would not
  /// do: over a cubic family the mean cos²α is ⅓, so the first-order change
  /// at r = 1 vanishes.)
  @Test(SharedData.required("xrd")) func preferredOrientationComesBack() throws {
    let radiation = try XRayRadiation("CuKa1")
    let range = 10.0...70.0
    let kaolinite = try CrystalStructure(
      block: try CIFParser.parse(
        Data(contentsOf: SharedData.url("xrd/gsas2tut_kaolinite.cif")), source: "kaolinite.cif"
      ).blocks[0], source: "kaolinite.cif")
    let cell = kaolinite.cell
    let lattice = LatticeParameters(
      system: .triclinic, a: cell.a.value, b: cell.b.value, c: cell.c.value, alpha: cell.alpha.value,
      beta: cell.beta.value, gamma: cell.gamma.value)
    for drawnR in [0.8, 1.0] {
      var simulation = PowderSimulation(radiation: radiation)
      simulation.twoThetaRange = range
      simulation.preferredOrientation = (SIMD3(0, 0, 1), drawnR)
      let peaks = try simulation.pattern(of: kaolinite).peaks
      let profile = PowderProfile(u: 4, v: -3, w: 8, x: 3, y: 1)
      let x = stride(from: range.lowerBound, through: range.upperBound, by: 0.02).map { $0 }
      var y = x.map { _ in 150.0 }
      for peak in peaks {
        let (h, eta) = profile.shape(at: peak.twoTheta)
        for i in x.indices where abs(x[i] - peak.twoTheta) < 40 * h {
          y[i] += 100 * peak.intensity * PowderProfile.pseudoVoigt(x[i] - peak.twoTheta, fwhm: h, eta: eta)
        }
      }
      y = RietveldTests.withCountingNoise(y, seed: 11)
      var options = LeBailRefinement.Options()
      options.method = .rietveld
      options.backgroundTerms = 2
      options.refineZero = false
      options.preferredOrientation = [kaolinite.name: SIMD3(0, 0, 1)]
      let phase = LeBailRefinement.Phase(
        name: kaolinite.name, lattice: lattice,
        reflections: try LeBailRefinement.reflections(of: kaolinite, radiation: radiation, range: range),
        cellMass: kaolinite.cellMassGramsPerMole, structure: kaolinite)
      let result = try LeBailRefinement.refine(
        pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "simulated"),
        instrument: PowderInstrument(radiation: radiation), phases: [phase], options: options)
      let r = try #require(result.values.first { $0.name == "MD r" })
      let su = try #require(r.standardUncertainty)
      #expect(abs(r.value - drawnR) < 3 * su && su < 0.01, "r = \(r.value)(\(su)), drawn with \(drawnR)")
    }
  }

  /// A mixed site keeps its total: fluorite with F and Cl sharing 8c,
  /// drawn with 0.6/0.4 and started from 0.7/0.3, refines F's occupancy
  /// back within 3 s.u., and Cl's is 1 − F's exactly.
  @Test func mixedSiteOccupanciesKeepTheirSum() throws {
    func fluorite(f: Double) throws -> CrystalStructure {
      let text = """
        data_mixed
        _cell_length_a 5.4648
        _cell_length_b 5.4648
        _cell_length_c 5.4648
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'F m -3 m'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        _atom_site_occupancy
        _atom_site_U_iso_or_equiv
        Ca1 Ca 0 0 0 1 0.006
        F1 F 0.25 0.25 0.25 \(f) 0.009
        Cl1 Cl 0.25 0.25 0.25 \(1 - f) 0.009
        """
      return try CrystalStructure(block: try CIFParser.parse(text, source: "mixed.cif").blocks[0], source: "mixed.cif")
    }
    let radiation = try XRayRadiation("CuKa1")
    let range = 20.0...120.0
    let drawn = try RietveldTests.phase(try fluorite(f: 0.6), radiation, range)
    let profile = PowderProfile(u: 4, v: -3, w: 8, x: 3, y: 1)
    let x = stride(from: range.lowerBound, through: range.upperBound, by: 0.02).map { $0 }
    var y = x.map { _ in 200.0 }
    RietveldTests.addPeaks(of: drawn, scale: 5e-3, radiation: radiation, profile: profile, x: x, to: &y)
    y = RietveldTests.withCountingNoise(y, seed: 3)
    var options = LeBailRefinement.Options()
    options.method = .rietveld
    options.refineOccupancies = true
    options.backgroundTerms = 2
    let result = try LeBailRefinement.refine(
      pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "simulated"),
      instrument: PowderInstrument(radiation: radiation), phases: [try RietveldTests.phase(try fluorite(f: 0.7), radiation, range)],
      options: options)
    let names = result.phases[0].values.map(\.name)
    // One occupancy for the mixed site (Cl follows), one for the lone Ca.
    #expect(names.contains("F1:occ") && !names.contains("Cl1:occ") && names.contains("Ca1:occ"))
    let f = try #require(result.phases[0].values.first { $0.name == "F1:occ" })
    let su = try #require(f.standardUncertainty)
    #expect(abs(f.value - 0.6) < 3 * su && su < 0.02, "F occupancy \(f.value)(\(su))")
    let sites = try #require(result.phases[0].atoms)
    #expect(abs(sites[1].occupancy.value + sites[2].occupancy.value - 1) < 1e-12)
  }

  /// March–Dollase's factor averages to 1 over random orientations: at
  /// r = 1 every member counts 1, and for the six members of {100} about
  /// [001] (two along the axis, four across) it is (2r⁻³ + 4r^{3/2})/6.
  @Test func marchDollaseClosedForms() {
    let g = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]
    let cubic: [[[Int]]] = [
      [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    ]
    let cosines = LeBailModel.orientationCosines(SIMD3(1, 0, 0), axis: SIMD3(0, 0, 1), rotations: cubic, reciprocal: g)
    #expect(cosines.count == 6 && cosines.filter { $0 == 1 }.count == 2)
    #expect(abs(LeBailModel.marchDollase(cosines, r: 1) - 1) < 1e-15)
    let r = 0.7
    let expected = (2 * pow(r, -3) + 4 * pow(r, 1.5)) / 6
    #expect(abs(LeBailModel.marchDollase(cosines, r: r) - expected) < 1e-12)
  }
}

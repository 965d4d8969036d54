import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Diffraction

/// Le Bail fits against GSAS-II's refinements of the same files (issue:
/// GSAS-II v5.7.9 on the tutorials' data).
@Suite("Le Bail refinement", SharedData.required("xrd"))
struct LeBailRefinementTests {
  /// LaB6, Pm-3m, a from SRM 660: the bundled example CIF.
  static func structure() throws -> CrystalStructure {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Examples/lab6/LaB6.cif").standardized
    let doc = try CIFParser.parse(Data(contentsOf: url), source: "LaB6.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "LaB6.cif")
  }

  /// NIST660CBI (GSAS STD, Cu Kα1/Kα2), Le Bail with zero: GSAS-II gives
  /// a = 4.154984(16) Å, zero −0.1018(2)°, wR 9.54 %.
  @Test func lab6WithZeroAsGSASII() throws {
    let name = "gsas2tut_NIST660CBI.gsas"
    let pattern = try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
    // GSAS-II's default laboratory Cu Kα lines (defaultIparms "CuKa lab data"),
    // which its refinement of this file used: a scales with λ.
    let radiation = try XRayRadiation("1.5405,1.5443,0.5")
    let structure = try Self.structure()
    let reflections = try LeBailRefinement.reflections(
      of: structure, radiation: radiation, range: (pattern.twoTheta.first ?? 0)...(pattern.twoTheta.last ?? 0))
    let lattice = LatticeParameters(system: .cubic, a: 4.1569, b: 4.1569, c: 4.1569, alpha: 90, beta: 90, gamma: 90)
    let result = try LeBailRefinement.refine(pattern: pattern, radiation: radiation, lattice: lattice, reflections: reflections)
    let a = try #require(result.values.first { $0.name == "a" })
    #expect(abs(a.value - 4.154984) < 2e-5)
    #expect((a.standardUncertainty ?? 1) < 3e-5)
    #expect(abs(result.zero - -0.1018) < 0.002)
    #expect(result.rwp < 9.54 + 0.5 && result.rwp > 5)
    #expect(result.reflections.count == 23)
  }

  /// The analytic Jacobian columns of the peak parameters (the profile's
  /// derivatives with respect to centre, width and η, chained to each
  /// parameter) match forward differences of the whole pattern: every
  /// column of a, zero, displacement, U, V, W, X, Y and microstrain within
  /// 10⁻⁶ of its norm on the NIST660CBI pattern with a Kα doublet; with a
  /// strong FCJ asymmetry (SH/L 0.02) within 10⁻³, the drift of the
  /// asymmetry's nodes with 2θ being left out of the analytic columns.
  @Test(arguments: [(0.0, 1e-6), (0.02, 1e-3)])
  func analyticDerivativesMatchFiniteDifferences(asymmetry: Double, tolerance: Double) throws {
    let name = "gsas2tut_NIST660CBI.gsas"
    let pattern = try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
    let radiation = try XRayRadiation("1.5405,1.5443,0.5")
    let reflections = try LeBailRefinement.reflections(
      of: try Self.structure(), radiation: radiation, range: (pattern.twoTheta.first ?? 0)...(pattern.twoTheta.last ?? 0))
    var options = LeBailRefinement.Options()
    options.refineDisplacement = true
    options.refineMicrostrain = true
    var instrument = PowderInstrument(radiation: radiation)
    instrument.asymmetry = AxialDivergence(shOverL: asymmetry)
    instrument.profile = PowderProfile(u: 8, v: -16, w: 12, x: 4, y: 0.5)
    options.profileFromInstrument = true
    let phase = LeBailRefinement.Phase(
      name: "LaB6", lattice: LatticeParameters(system: .cubic, a: 4.155, b: 4.155, c: 4.155, alpha: 90, beta: 90, gamma: 90),
      reflections: reflections)
    var model = try LeBailModel(pattern: pattern, instrument: instrument, phases: [phase], options: options)
    model.state.instrument.zero = -0.1
    model.state.instrument.displacement = 20
    model.extract(model.peakShapes(model.state), model.backgroundCurve(model.state.background))
    let values = model.parameters.map { $0.get(model.state) }
    let (shapes, layout) = model.peakShapesAndLayout(model.state)
    let chosen = model.parameters.indices.filter { model.parameters[$0].movesOnlyPeakGeometry }
    #expect(chosen.count == 9)
    let steps = values.indices.map { max(abs(values[$0]), model.parameters[$0].typicalSize) * 1e-7 }
    let analytic = model.analyticColumns(
      chosen, values: values, steps: steps, start: model.state, layout: layout, intensities: model.intensity,
      rietveld: false, shapes: shapes)
    let base = model.peaksSum(shapes, model.intensity)
    for (c, k) in chosen.enumerated() {
      // Central differences of the whole pattern, on the same layout.
      var plus = values, minus = values
      plus[k] += steps[k]
      minus[k] -= steps[k]
      let up = model.peaksSum(model.peakShapes(model.apply(plus, to: model.state), layout: layout), model.intensity)
      let down = model.peaksSum(model.peakShapes(model.apply(minus, to: model.state), layout: layout), model.intensity)
      let numeric = model.x.indices.map { (up[$0] - down[$0]) / (2 * steps[k]) / model.sigma[$0] }
      let norm = numeric.reduce(0) { $0 + $1 * $1 }.squareRoot()
      let error = zip(numeric, analytic[c]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
      #expect(norm > 0 && error < tolerance * norm, "\(model.parameters[k].name): |error| \(error) of \(norm)")
    }
    #expect(base.count == model.x.count)
  }

  /// A sequence of two stages (background, cell and zero; then the
  /// profile) runs as asked, reports each stage, and ends where the
  /// default sequence does (a within 1 s.u.).
  @Test func sequenceRunsItsStages() throws {
    let name = "gsas2tut_NIST660CBI.gsas"
    let pattern = try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
    let radiation = try XRayRadiation("1.5405,1.5443,0.5")
    let reflections = try LeBailRefinement.reflections(
      of: try Self.structure(), radiation: radiation, range: (pattern.twoTheta.first ?? 0)...(pattern.twoTheta.last ?? 0))
    let lattice = LatticeParameters(system: .cubic, a: 4.1569, b: 4.1569, c: 4.1569, alpha: 90, beta: 90, gamma: 90)
    var options = LeBailRefinement.Options()
    options.sequence = [[.background, .cell, .zero], [.profile]]
    let staged = try LeBailRefinement.refine(
      pattern: pattern, radiation: radiation, lattice: lattice, reflections: reflections, options: options)
    #expect(staged.stages.count == 2)
    #expect(staged.stages.first.map { Set($0.freed).isSuperset(of: ["a", "zero", "B0"]) } == true)
    #expect(staged.stages.last?.freed.sorted() == ["U", "V", "W", "X", "Y"])
    #expect((staged.stages.first?.rwp ?? 0) > (staged.stages.last?.rwp ?? 0))
    let plain = try LeBailRefinement.refine(pattern: pattern, radiation: radiation, lattice: lattice, reflections: reflections)
    let a = try #require(staged.values.first { $0.name == "a" })
    #expect(abs(a.value - plain.lattice.a) < (a.standardUncertainty ?? 0), "a \(a.value) vs \(plain.lattice.a)")
    #expect(plain.stages.count == 4)
  }

  /// A pattern made from the model itself (cell 4.1500 Å, zero +0.05°,
  /// known profile, a sloping background, Poisson-like noise) refines back
  /// from a cell 0.05 % off (as far as the CIF's LaB6 cell is from the
  /// refined one): a and the zero within 3 s.u., and χ²/dof near 1.
  @Test func simulatedPatternRefinesBack() throws {
    let radiation = try XRayRadiation("CuKa12")
    let reflections = try LeBailRefinement.reflections(of: try Self.structure(), radiation: radiation, range: 15...100)
    var truth = LatticeParameters(system: .cubic, a: 4.15, b: 4.15, c: 4.15, alpha: 90, beta: 90, gamma: 90)
    truth.free = [4.15]
    let profile = PowderProfile(u: 5, v: -4, w: 9, x: 3, y: 1)
    let x = stride(from: 15.0, through: 100.0, by: 0.02).map { $0 }
    var random = SplitMix64(seed: 660)
    let total = radiation.components.reduce(0) { $0 + $1.weight }
    let y = x.map { t -> Double in
      var sum = 400 + 60 * (2 * (t - 15) / 85 - 1)
      for (k, r) in reflections.enumerated() {
        for line in radiation.components {
          let s = line.wavelength * truth.inverseDSquared(r.hkl).squareRoot() / 2
          guard s < 1 else { continue }
          let centre = 2 * asin(s) * 180 / .pi + 0.05
          let (h, eta) = profile.shape(at: centre)
          sum += 300 / Double(1 + k % 5) * line.weight / total * PowderProfile.pseudoVoigt(t - centre, fwhm: h, eta: eta)
        }
      }
      return max(0, (sum + sum.squareRoot() * random.gaussian()).rounded())
    }
    let pattern = MeasuredPattern(twoTheta: x, intensity: y, format: "simulated")
    let start = LatticeParameters(system: .cubic, a: 4.152, b: 4.152, c: 4.152, alpha: 90, beta: 90, gamma: 90)
    var options = LeBailRefinement.Options()
    options.backgroundTerms = 3
    let result = try LeBailRefinement.refine(
      pattern: pattern, radiation: radiation, lattice: start, reflections: reflections, options: options)
    let a = try #require(result.values.first { $0.name == "a" })
    let zero = try #require(result.values.first { $0.name == "zero" })
    #expect(abs(a.value - 4.15) < 3 * (a.standardUncertainty ?? 0), "a \(a.value) ± \(a.standardUncertainty ?? 0)")
    #expect(abs(zero.value - 0.05) < 3 * (zero.standardUncertainty ?? 0), "zero \(zero.value)")
    #expect(result.goodnessOfFit < 1.2)
  }

  /// A CIF whose cell is 6 % off the measured phase cannot be reached within
  /// the ±5 % the fit allows: the result says so instead of passing as a fit.
  @Test func wrongPhaseIsFlagged() throws {
    let radiation = try XRayRadiation("CuKa1")
    let measured = LatticeParameters(system: .cubic, a: 4.15, b: 4.15, c: 4.15, alpha: 90, beta: 90, gamma: 90)
    let reflections = (1...6).map { LeBailRefinement.Reflection(hkl: SIMD3($0 % 3 + 1, $0 / 3, 0), multiplicity: 6) }
    let profile = PowderProfile(u: 0, v: 0, w: 9, x: 3, y: 0)
    let x = stride(from: 15.0, through: 60.0, by: 0.05).map { $0 }
    let y = x.map { t -> Double in
      var sum = 200.0
      for r in reflections {
        let centre = 2 * asin(1.540593 * measured.inverseDSquared(r.hkl).squareRoot() / 2) * 180 / .pi
        let (h, eta) = profile.shape(at: centre)
        sum += 100 * PowderProfile.pseudoVoigt(t - centre, fwhm: h, eta: eta)
      }
      return sum
    }
    var options = LeBailRefinement.Options()
    options.backgroundTerms = 2
    options.cycles = 15
    let wrong = LatticeParameters(system: .cubic, a: 4.40, b: 4.40, c: 4.40, alpha: 90, beta: 90, gamma: 90)
    let result = try LeBailRefinement.refine(
      pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "test"), radiation: radiation, lattice: wrong,
      reflections: reflections, options: options)
    #expect(!result.warnings.isEmpty, "a = \(result.lattice.a), Rwp \(result.rwp)")
    let right = try LeBailRefinement.refine(
      pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "test"), radiation: radiation,
      lattice: LatticeParameters(system: .cubic, a: 4.151, b: 4.151, c: 4.151, alpha: 90, beta: 90, gamma: 90),
      reflections: reflections, options: options)
    #expect(abs(right.lattice.a - 4.15) < 1e-4 && right.warnings.filter { $0.contains("limit") }.isEmpty)
  }

  /// Absurd input gives a clear error, never a crash.
  @Test func badInputIsRefused() throws {
    let radiation = try XRayRadiation("CuKa12")
    let lattice = LatticeParameters(system: .cubic, a: 4.1569, b: 4.1569, c: 4.1569, alpha: 90, beta: 90, gamma: 90)
    let reflections = [LeBailRefinement.Reflection(hkl: SIMD3(1, 0, 0), multiplicity: 6)]
    let short = MeasuredPattern(twoTheta: [10, 11], intensity: [1, 2], format: "test")
    #expect(throws: LeBailRefinement.InputError.self) {
      try LeBailRefinement.refine(pattern: short, radiation: radiation, lattice: lattice, reflections: reflections)
    }
    let far = MeasuredPattern(
      twoTheta: (0..<100).map { 150 + 0.1 * Double($0) }, intensity: Array(repeating: 10, count: 100), format: "test")
    #expect(throws: LeBailRefinement.InputError.self) {
      try LeBailRefinement.refine(pattern: far, radiation: radiation, lattice: lattice, reflections: reflections)
    }
    #expect(throws: DiffractionError.self) { try XRayRadiation("1.54,abc") }
  }
}

/// The two GSAS-II tutorial refinements beyond NIST660CBI: LaB6 on a
/// laboratory Bragg–Brentano instrument (Kα2 ratio, microstrain, sample
/// displacement) and the NAC + CaF2 mixture at APS 11-BM (two phases,
/// Debye–Scherrer, the beamline's .prm).
@Suite("Le Bail refinement, instruments and mixtures", SharedData.required("xrd"))
struct LeBailInstrumentTests {
  /// GSAS-II's default "CuKa lab data" instrument, which the tutorial's
  /// refinement started from (X = Y = 0 held, SH/L 0.002), and its phase
  /// defaults (size 1 µm held, microstrain 1000 from where it is refined).
  static let cuKaLab = """
    #GSAS-II instrument parameter file for lab CuKa data
    Type:PXC;Bank:1
    Lam1:1.5405;Lam2:1.5443;Zero:0.0;Polariz.:0.7;Azimuth:0.0;I(L2)/I(L1):0.5
    U:2.0;V:-2.0;W:5.0;X:0.0;Y:0.0;Z:0.0;SH/L:0.002
    """

  static func lab6(displacement: Bool) throws -> LeBailRefinement.Result {
    let name = "gsas2tut_LaB6_Jan2018.raw"
    let pattern = try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
    let instrument = try PowderInstrument.read(Data(cuKaLab.utf8), source: "CuKa.instprm")
    let lattice = LatticeParameters(system: .cubic, a: 4.1569, b: 4.1569, c: 4.1569, alpha: 90, beta: 90, gamma: 90)
    let reflections = try LeBailRefinement.reflections(
      of: try LeBailRefinementTests.structure(), radiation: instrument.radiation, range: 20...70)
    var options = LeBailRefinement.Options()
    options.range = 20...70
    options.refineZero = false
    options.fixedProfileTerms = ["X", "Y"]
    options.refineMicrostrain = true
    options.refineKAlpha2Ratio = true
    options.refineDisplacement = displacement
    options.profileFromInstrument = true
    let phase = LeBailRefinement.Phase(
      name: "LaB6", lattice: lattice, reflections: reflections, broadening: SampleBroadening(size: 1, microstrain: 1000))
    return try LeBailRefinement.refine(pattern: pattern, instrument: instrument, phases: [phase], options: options)
  }

  /// GSAS-II: a = 4.156145(14) Å, wR 5.99 % with U, V, W, cell,
  /// microstrain and the Kα2 ratio.
  @Test func lab6WithMicrostrainAndKAlpha2Ratio() throws {
    let result = try Self.lab6(displacement: false)
    #expect(abs(result.lattice.a - 4.156145) < 3e-5, "a = \(result.lattice.a)")
    #expect(result.rwp < 5.99 + 0.5, "Rwp \(result.rwp)")
    let ratio = try #require(result.values.first { $0.name == "Ka2/Ka1" })
    #expect(ratio.value > 0.35 && ratio.value < 0.55)
  }

  /// Adding the sample displacement: GSAS-II gives a = 4.155553(28) Å,
  /// 17.85(53) µm, wR 5.23 %. Over 20–70° the cell and the displacement
  /// trade off (their correlation is high), so a moves by 5×10⁻⁴ Å, away
  /// from the certified 4.15689 Å: the fit does not force it back.
  @Test func lab6WithDisplacement() throws {
    let result = try Self.lab6(displacement: true)
    let shift = try #require(result.values.first { $0.name == "displacement" })
    #expect(abs(result.lattice.a - 4.155553) < 1e-4, "a = \(result.lattice.a)")
    #expect(abs(shift.value - 17.85) < 6, "displacement \(shift.value) µm")
    #expect(result.rwp < 5.23 + 0.5, "Rwp \(result.rwp)")
  }

  /// NAC with its CaF2 impurity, 2.5–32.117°, 12 background terms,
  /// Debye–Scherrer, zero held, displacement and SH/L refined, the 11-BM
  /// .prm as the start (λ 0.413909 Å). GSAS-II: a(NAC) 10.251456(4) Å,
  /// a(CaF2) 5.464717(15) Å, wR 7.66 %. The low-angle cells hang on the
  /// axial divergence: with GSAS-II's quadrature of it (and so its
  /// asymmetry, SH/L ≈ 0.002) Ionics reaches both cells within 2×10⁻⁵ Å;
  /// with the exact average SH/L settles near 0.004 and both cells lie
  /// 7×10⁻⁵ Å higher, at a lower wR still.
  @Test func nacWithCaF2() throws {
    let result = try RietveldTests.nacWithCaF2(.leBail, quadrature: .gsas2) { $0.refineAsymmetry = true }
    #expect(result.phases.count == 2)
    let nacA = result.phases[0].lattice.a, fluoriteA = result.phases[1].lattice.a
    #expect(abs(nacA - 10.251456) < 2e-5, "a(NAC) = \(nacA)")
    #expect(abs(fluoriteA - 5.464717) < 2e-5, "a(CaF2) = \(fluoriteA)")
    #expect(result.rwp < 7.66, "Rwp \(result.rwp)")
    let asymmetry = result.instrument.asymmetry.shOverL
    #expect(asymmetry > 0.0018 && asymmetry < 0.0026, "SH/L \(asymmetry)")
    #expect(result.phases[1].intensityShare > 0.005 && result.phases[1].intensityShare < 0.1)
    #expect(result.warnings.isEmpty, "\(result.warnings)")
  }
}

/// Axial divergence after Finger, Cox & Jephcoat, against its closed forms.
@Suite("Axial divergence (FCJ)")
struct AxialDivergenceTests {
  /// Below 90° the peak spreads to lower angles, down to 2φ_min with
  /// cos 2φ_min = cos 2θ·√(1 + ((S + H)/L)²); above 90° to higher angles;
  /// and the Gauss–Legendre average of a smooth function matches a brute
  /// force integral of W(2φ) over a fine grid.
  @Test func spreadAndWeightsFollowTheGeometry() {
    let fcj = AxialDivergence(sampleOverRadius: 0.01, detectorOverRadius: 0.01)
    for twoTheta in [10.0, 30.0, 150.0] {
      let nodes = fcj.nodes(twoTheta: twoTheta, fwhm: 0.01)
      let t = twoTheta * .pi / 180
      let minimum = acos(cos(t) * (1 + 0.02 * 0.02).squareRoot()) * 180 / .pi - twoTheta
      #expect(abs(nodes.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
      if twoTheta < 90 {
        #expect(nodes.allSatisfy { $0.offset <= 0 && $0.offset >= minimum })
      } else {
        #expect(nodes.allSatisfy { $0.offset >= 0 && $0.offset <= minimum })
      }
      // Brute force: W(δ) = (S + H − h)/(h·|cos δ|) on 200 000 midpoints.
      let count = 200_000
      var sum = 0.0, weighted = 0.0
      for k in 0..<count {
        let delta = t + (minimum * .pi / 180) * (Double(k) + 0.5) / Double(count)
        let h = (cos(delta) * cos(delta) / (cos(t) * cos(t)) - 1).squareRoot()
        guard h > 0, h < 0.02 else { continue }
        let w = (0.02 - h) / (h * abs(cos(delta)))
        sum += w
        weighted += w * (delta - t) * 180 / .pi
      }
      let centroid = nodes.reduce(0) { $0 + $1.offset * $1.weight }
      #expect(abs(centroid - weighted / sum) < 0.01 * abs(weighted / sum), "2θ \(twoTheta): \(centroid) vs \(weighted / sum)")
    }
    #expect(AxialDivergence.none.nodes(twoTheta: 30, fwhm: 0.1).count == 1)
  }

  /// With S = H = a/2 the weight in u = h/L is ∝ (a − u) and 2φ − 2θ ≈
  /// −u²·cot 2θ/2, so the peak's mean moves by −a²·cot 2θ/12 (radians):
  /// the exact quadrature gives that; GSAS-II's (its `psvfcjo`, compiled
  /// from its sources with gfortran and run on the same peaks: γ = 1
  /// centidegree) gives 2.5× more: −0.924, −0.568, −0.270, −0.135 mdeg at
  /// 3°, 5°, 10°, 20° for a = 0.002 and −3.680 mdeg at 3° for a = 0.004.
  @Test func meanOffsetExactlyAndAsGSASIIComputesIt() {
    let reference: [(Double, Double, Double)] = [
      (3, 0.002, -0.924), (5, 0.002, -0.568), (10, 0.002, -0.270), (20, 0.002, -0.135), (3, 0.004, -3.680),
    ]
    for (twoTheta, a, gsas) in reference {
      let closedForm = -a * a / (12 * tan(twoTheta * .pi / 180)) * 180 / .pi * 1000
      func mean(_ q: AxialDivergence.Quadrature) -> Double {
        AxialDivergence(shOverL: a, quadrature: q).nodes(twoTheta: twoTheta, fwhm: 1e-4, lorentzianFWHM: 0.01)
          .reduce(0) { $0 + $1.offset * $1.weight } * 1000
      }
      #expect(abs(mean(.exact) - closedForm) < 0.01 * abs(closedForm), "\(twoTheta)°: \(mean(.exact)) vs \(closedForm)")
      #expect(abs(mean(.gsas2) - gsas) < 0.04 * abs(gsas), "\(twoTheta)°: \(mean(.gsas2)) vs GSAS-II \(gsas)")
    }
  }

  /// A sample displacement s shifts Bragg–Brentano peaks by −2s·cosθ/R and
  /// Debye–Scherrer peaks by −s·cos2θ/R (radians).
  @Test func displacementShiftsPeaksByTheGeometry() {
    let bb = PowderInstrument.displacementShift(100, geometry: .braggBrentano, radius: 200, at: 60)
    #expect(abs(bb - -2 * 0.1 / 200 * cos(30 * Double.pi / 180) * 180 / .pi) < 1e-12)
    let ds = PowderInstrument.displacementShift(100, geometry: .debyeScherrer, radius: 200, at: 120)
    #expect(abs(ds - 0.1 / 200 * 0.5 * 180 / .pi) < 1e-12)
  }

  /// An instrument refined on a standard and saved as `.instprm` reads
  /// back to the same wavelengths, ratio, zero, profile and asymmetry.
  @Test func savedInstrumentReadsBack() throws {
    var instrument = PowderInstrument(
      radiation: try XRayRadiation("1.5405,1.5443,0.47"), zero: -0.1008,
      profile: PowderProfile(u: 8.3, v: -16.2, w: 12.1, x: 4.06, y: -0.52),
      asymmetry: AxialDivergence(shOverL: 0.0031), polarization: 0.7)
    instrument.displacement = 12
    let back = try PowderInstrument.read(Data(instrument.instprm.utf8), source: "saved.instprm")
    #expect(back.radiation.components.map(\.wavelength) == [1.5405, 1.5443])
    #expect(abs(back.radiation.components[1].weight - 0.47) < 1e-12)
    #expect(back.zero == -0.1008 && back.profile == instrument.profile && back.polarization == 0.7)
    #expect(abs(back.asymmetry.shOverL - 0.0031) < 1e-12 && back.geometry == .braggBrentano)
  }

  /// Instrument files that are not one, or whose profile is another
  /// function, are refused with the file and line.
  @Test func badInstrumentFilesAreRefused() {
    #expect(throws: DiffractionError.self) { try PowderInstrument.read(Data("hello\n".utf8), source: "x.prm") }
    let type2 = "INS   HTYPE   PXCR\nINS  1 ICONS 1.540500  1.544300  0.0000   0.0000     0.7000  0  0.500\nINS  1PRCF1     2   18   0.00100\n"
    #expect(throws: DiffractionError.self) { try PowderInstrument.read(Data(type2.utf8), source: "x.prm") }
    let noLambda = "Type:PXC\nU:1\n"
    #expect(throws: DiffractionError.self) { try PowderInstrument.read(Data(noLambda.utf8), source: "x.instprm") }
  }
}

/// Rietveld fits with the atoms held: a simulated mixture returns its
/// weight fractions, and the NAC + CaF2 pattern its CaF2 fraction.
@Suite("Rietveld refinement (atoms held)", SharedData.required("xrd"))
struct RietveldTests {
  static func structure(_ path: String) throws -> CrystalStructure {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../\(path)")
      .standardized
    let doc = try CIFParser.parse(Data(contentsOf: url), source: url.lastPathComponent)
    return try CrystalStructure(block: doc.blocks[0], source: url.lastPathComponent)
  }

  /// NAC with its CaF2 impurity, 2.5–32.117°, 12 background terms,
  /// Debye–Scherrer, zero held, displacement refined, the 11-BM .prm as the
  /// start (λ 0.413909 Å, profile type 3 with S/L = H/L = 0.0011).
  static func nacWithCaF2(
    _ method: LeBailRefinement.Method, quadrature: AxialDivergence.Quadrature = .exact,
    configure: (inout LeBailRefinement.Options) -> Void = { _ in }
  ) throws -> LeBailRefinement.Result {
    let name = "gsas2tut_11BM_NAC.fxye"
    let pattern = try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
    #expect(pattern.uncertainty?.count == pattern.twoTheta.count)
    var instrument = try PowderInstrument.read(
      Data(contentsOf: SharedData.url("xrd/gsas2tut_11bm_gsas.prm")), source: "11bm.prm")
    #expect(instrument.geometry == .debyeScherrer && instrument.polarization == 0.99)
    #expect(instrument.profile == PowderProfile(u: 1.163, v: -0.126, w: 0.063, x: 0.173, y: 0))
    instrument.asymmetry.quadrature = quadrature
    let nac = try CrystalStructure(
      block: try CIFParser.parse(Data(contentsOf: SharedData.url("xrd/gsas2tut_NAC.cif")), source: "NAC.cif").blocks[0],
      source: "NAC.cif")
    let range = 2.5...32.117
    let phases = [
      try phase(nac, instrument.radiation, range),
      try phase(structure("Examples/fluorite/CaF2.cif"), instrument.radiation, range),
    ]
    var options = LeBailRefinement.Options()
    options.method = method
    options.range = range
    options.backgroundTerms = 12
    options.refineZero = false
    options.refineDisplacement = true
    options.profileFromInstrument = true
    configure(&options)
    return try LeBailRefinement.refine(pattern: pattern, instrument: instrument, phases: phases, options: options)
  }

  /// Adds to `y` (on the 2θ grid `x`, degrees) the peaks of `phase` as a
  /// Rietveld fit models them: S·M·|F|²·Lp (an unpolarised beam) under the
  /// TCH `profile`, at the first line of `radiation`.
  static func addPeaks(
    of phase: LeBailRefinement.Phase, scale: Double, radiation: XRayRadiation, profile: PowderProfile, x: [Double],
    to y: inout [Double]
  ) {
    let g = phase.lattice.cell.reciprocalMetricTensor
    for r in phase.reflections {
      let q = LeBailModel.inverseDSquared(r.hkl, g)
      let sine = radiation.components[0].wavelength * q.squareRoot() / 2
      guard sine < 1 else { continue }
      let theta = asin(sine)
      let c2 = cos(2 * theta)
      let lp = (0.5 + 0.5 * c2 * c2) / (sine * sine * cos(theta))
      let area = scale * Double(r.multiplicity) * (r.structureFactorSquared ?? 0) * lp
      let centre = 2 * theta * 180 / .pi
      let (h, eta) = profile.shape(at: centre)
      for i in x.indices where abs(x[i] - centre) < 40 * h {
        y[i] += area * PowderProfile.pseudoVoigt(x[i] - centre, fwhm: h, eta: eta)
      }
    }
  }

  /// Counts drawn around `y` with counting noise (σ = √y), seeded.
  static func withCountingNoise(_ y: [Double], seed: UInt64) -> [Double] {
    var random = SplitMix64(seed: seed)
    return y.map { max(0, ($0 + $0.squareRoot() * random.gaussian()).rounded()) }
  }

  static func phase(_ s: CrystalStructure, _ radiation: XRayRadiation, _ range: ClosedRange<Double>) throws
    -> LeBailRefinement.Phase
  {
    LeBailRefinement.Phase(
      name: s.name,
      lattice: LatticeParameters(
        system: .cubic, a: s.cell.a.value, b: s.cell.a.value, c: s.cell.a.value, alpha: 90, beta: 90, gamma: 90),
      reflections: try LeBailRefinement.reflections(of: s, radiation: radiation, range: range),
      cellMass: s.cellMassGramsPerMole, structure: s)
  }

  /// 80 wt % LaB6 and 20 wt % CaF2: each phase's peaks drawn with scale
  /// S = c·w/(ZMV), M|F|²Lp and a known profile, plus noise. Hill and
  /// Howard's w = S·ZMV/ΣS·ZMV must return 20 % within 3 s.u.
  @Test func simulatedMixtureReturnsItsWeightFractions() throws {
    let radiation = try XRayRadiation("CuKa1")
    let range = 20.0...100.0
    let phases = try [Self.structure("Examples/lab6/LaB6.cif"), Self.structure("Examples/fluorite/CaF2.cif")].map {
      try Self.phase($0, radiation, range)
    }
    let fractions = [0.8, 0.2]
    let profile = PowderProfile(u: 4, v: -3, w: 8, x: 3, y: 1)
    let x = stride(from: range.lowerBound, through: range.upperBound, by: 0.02).map { $0 }
    var y = x.map { 300 + 40 * ($0 - 20) / 80 }
    for (p, phase) in phases.enumerated() {
      let scale = 5 * fractions[p] / ((phase.cellMass ?? 1) * phase.lattice.volume)
      Self.addPeaks(of: phase, scale: scale, radiation: radiation, profile: profile, x: x, to: &y)
    }
    y = Self.withCountingNoise(y, seed: 20)
    var options = LeBailRefinement.Options()
    options.method = .rietveld
    options.backgroundTerms = 3
    let result = try LeBailRefinement.refine(
      pattern: MeasuredPattern(twoTheta: x, intensity: y, format: "simulated"),
      instrument: PowderInstrument(radiation: radiation), phases: phases, options: options)
    let w = try #require(result.phases[1].weightFraction)
    #expect(abs(w.value - 0.2) < max(3 * w.standardUncertainty, 0.002), "CaF2 \(w)")
    #expect(w.standardUncertainty > 0 && w.standardUncertainty < 0.03)
    #expect(result.goodnessOfFit < 1.2)
    #expect(abs((result.phases[0].weightFraction?.value ?? 0) + w.value - 1) < 1e-12)
  }

  /// NAC + CaF2 (11-BM): GSAS-II's Rietveld, with the NAC atoms refined,
  /// gives 1.290(10) wt % CaF2 and wR 8.44 % (GoF 3.02); Ionics with the
  /// CIF's atoms held gives 1.40 wt % and a lower Rwp. The 0.1 wt % target
  /// waits for the atoms to be refined.
  @Test func nacCaF2WeightFraction() throws {
    let result = try Self.nacWithCaF2(.rietveld)
    let w = try #require(result.phases[1].weightFraction)
    #expect(abs(100 * w.value - 1.290) < 0.15, "CaF2 \(100 * w.value) wt %")
    #expect(result.rwp < 8.44 + 0.5, "Rwp \(result.rwp)")
    #expect(abs(result.phases[1].lattice.a - 5.464808) < 2e-4)
  }
}

import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots

/// Whole-pattern refinement of a measured powder pattern against the phases
/// of one or more CIFs (`ionics xrd refine`) by Le Bail's, Pawley's or
/// Rietveld's method (atoms held, or refined when asked): cells (symmetry-constrained), zero shift, sample
/// displacement, TCH profile with axial-divergence asymmetry, Kα2 ratio,
/// size and microstrain, and a Chebyshev background, with the reflection
/// intensities extracted.
public enum PowderRefinementWorkflow {
  /// What to refine.
  public struct Request: Sendable {
    /// The measured pattern.
    public var measuredPath: String
    /// The CIFs of the phases (one phase each: a CIF's first structure).
    public var structurePaths: [String]
    /// A GSAS `.prm` or GSAS-II `.instprm` instrument file: radiation,
    /// zero, profile and asymmetry to start from.
    public var instrumentPath: String?
    /// The radiation, when neither the file nor the instrument file states it (or to override them).
    public var radiation: XRayRadiation?
    /// The geometry (nil: the instrument file's, else Bragg–Brentano).
    public var geometry: PowderGeometry?
    /// Goniometer radius, mm (for the displacement).
    public var radius = 200.0
    /// The 2θ range fitted, degrees (nil: all of it).
    public var range: ClosedRange<Double>?
    /// Le Bail or Pawley.
    public var method = LeBailRefinement.Method.leBail
    /// Chebyshev background terms.
    public var backgroundTerms = 6
    /// Whether the zero shift is refined.
    public var refineZero = true
    /// Whether the sample displacement is refined.
    public var refineDisplacement = false
    /// Whether a capillary's offset along the beam is refined (Debye–Scherrer).
    public var refineDisplacementAlongBeam = false
    /// Whether a flat sample's transparency is refined (Bragg–Brentano).
    public var refineTransparency = false
    /// Whether the Kα2/Kα1 ratio is refined.
    public var refineKAlpha2Ratio = false
    /// Whether each phase's microstrain is refined.
    public var refineMicrostrain = false
    /// Whether each phase's crystallite size is refined.
    public var refineSize = false
    /// Whether the axial-divergence asymmetry is refined.
    public var refineAsymmetry = false
    /// How the axial-divergence average is computed (exact, or as GSAS-II does).
    public var asymmetryQuadrature = AxialDivergence.Quadrature.exact
    /// Whether each phase's overall isotropic displacement B is refined (Rietveld).
    public var refineOverallB = false
    /// Whether the atoms are refined (Rietveld): coordinates within their
    /// Wyckoff positions and U_iso.
    public var refineAtoms = false
    /// Whether the occupancies are refined (Rietveld; mixed sites keep their sum).
    public var refineOccupancies = false
    /// March–Dollase preferred orientation (Rietveld): the plane normal
    /// (hkl) of each phase named (its name or its place among the CIFs, from 1).
    public var preferredOrientation: [String: SIMD3<Int>] = [:]
    /// The refinement sequence: stages, each the groups it frees (nil: the default).
    public var sequence: [[LeBailRefinement.ParameterGroup]]?
    /// Whether every s.u. is multiplied by Bérar and Lelann's serial-correlation factor.
    public var serialCorrelationCorrection = false
    /// Phases whose atoms are held when the others' are refined: a phase's
    /// name (its CIF's data block) or its place among the CIFs, from 1.
    public var atomsHeld: [String] = []
    /// Crystallite size to start from (or hold, when not refined), µm.
    public var size: Double?
    /// Microstrain to start from (or hold, when not refined), 10⁻⁶.
    public var microstrain: Double?
    /// Profile terms held at their start ("U", "V", "W", "X", "Y").
    public var fixedProfileTerms: Set<String> = []

    /// A request for a pattern and the CIFs of its phases.
    public init(measuredPath: String, structurePaths: [String]) {
      self.measuredPath = measuredPath
      self.structurePaths = structurePaths
    }

    /// A request for a pattern and one phase.
    public init(measuredPath: String, structurePath: String) {
      self.init(measuredPath: measuredPath, structurePaths: [structurePath])
    }

    /// Every input file, for hashes.
    public var inputs: [String] { [measuredPath] + structurePaths + (instrumentPath.map { [$0] } ?? []) }
  }

  /// What `run` gives.
  public struct Outcome: Sendable {
    /// The fit.
    public let result: LeBailRefinement.Result
    /// The JSON report.
    public let report: PowderRefinementReport
    /// The radiation used (as refined: the Kα2 ratio may have moved).
    public let radiation: XRayRadiation
    /// Each CIF's structure with the refined cell and its s.u. (and the
    /// refined atoms when they were refined; else the CIF's).
    public let refinedStructures: [CrystalStructure]

    /// The first phase's refined structure.
    public var refinedStructure: CrystalStructure { refinedStructures[0] }

    /// Every phase's refined structure as one CIF, a data block per phase
    /// (named for the phase), in the order of the CIFs.
    public var refinedCIF: String { refinedStructures.map { $0.cif(expandedToP1: false) }.joined(separator: "\n") }
  }

  /// Reads the pattern, the CIFs and the instrument file, and refines.
  public static func run(_ request: Request) throws -> Outcome {
    guard !request.structurePaths.isEmpty else {
      throw WorkflowError.invalidParameter("phases", value: "none", expected: "at least one CIF")
    }
    guard (1...36).contains(request.backgroundTerms) else {
      throw WorkflowError.invalidParameter("background terms", value: "\(request.backgroundTerms)", expected: "1 to 36")
    }
    var instrument: PowderInstrument?
    if let path = request.instrumentPath {
      do {
        instrument = try PowderInstrument.read(readInput(path), source: URL(fileURLWithPath: path).lastPathComponent)
      } catch let error as DiffractionError {
        throw WorkflowError.inFile(path, error.description)
      }
    }
    let input = try MeasuredPatternInput(path: request.measuredPath, radiation: request.radiation ?? instrument?.radiation)
    var setup = instrument ?? PowderInstrument(radiation: input.radiation)
    setup.radiation = input.radiation
    if let geometry = request.geometry { setup.geometry = geometry }
    setup.radius = request.radius
    setup.asymmetry.quadrature = request.asymmetryQuadrature
    let range = request.range.map { $0.clamped(to: input.range) } ?? input.range
    var structures: [CrystalStructure] = []
    var phases: [LeBailRefinement.Phase] = []
    for path in request.structurePaths {
      guard let structure = try readStructures([path]).first?.structure else {
        throw WorkflowError.inFile(path, "no structure")
      }
      let reflections: [LeBailRefinement.Reflection]
      do {
        reflections = try LeBailRefinement.reflections(of: structure, radiation: setup.radiation, range: range)
      } catch {
        throw WorkflowError.inFile(path, "\(error)")
      }
      let name = structures.contains { $0.name == structure.name } ? "\(structure.name)-\(phases.count + 1)" : structure.name
      structures.append(structure)
      phases.append(
        LeBailRefinement.Phase(
          name: name, lattice: lattice(of: structure), reflections: reflections,
          broadening: SampleBroadening(size: request.size, microstrain: request.microstrain),
          cellMass: structure.cellMassGramsPerMole, structure: structure))
    }
    var options = LeBailRefinement.Options()
    options.method = request.method
    options.backgroundTerms = request.backgroundTerms
    options.refineZero = request.refineZero
    options.refineDisplacement = request.refineDisplacement
    options.refineDisplacementAlongBeam = request.refineDisplacementAlongBeam
    options.refineTransparency = request.refineTransparency
    options.refineKAlpha2Ratio = request.refineKAlpha2Ratio
    options.refineMicrostrain = request.refineMicrostrain
    options.refineSize = request.refineSize
    options.refineAsymmetry = request.refineAsymmetry
    options.refineOverallB = request.refineOverallB
    options.refineAtoms = request.refineAtoms
    options.refineOccupancies = request.refineOccupancies
    options.serialCorrelationCorrection = request.serialCorrelationCorrection
    options.sequence = request.sequence
    func phaseName(_ key: String, for what: String) throws -> String {
      if let k = Int(key), phases.indices.contains(k - 1) { return phases[k - 1].name }
      if phases.contains(where: { $0.name == key }) { return key }
      throw WorkflowError.invalidParameter(
        what, value: key,
        expected: "one of " + phases.map(\.name).joined(separator: ", ") + " or its place, 1–\(phases.count)")
    }
    for held in request.atomsHeld {
      options.atomsHeld.insert(try phaseName(held, for: "phase whose atoms are held"))
    }
    for (key, axis) in request.preferredOrientation {
      guard axis != SIMD3(0, 0, 0) else {
        throw WorkflowError.invalidParameter("preferred-orientation axis", value: "0 0 0", expected: "a plane normal h k l, not all 0")
      }
      options.preferredOrientation[try phaseName(key, for: "phase with preferred orientation")] = axis
    }
    options.fixedProfileTerms = request.fixedProfileTerms
    options.profileFromInstrument = instrument != nil
    options.range = range
    let result: LeBailRefinement.Result
    do {
      result = try LeBailRefinement.refine(pattern: input.pattern, instrument: setup, phases: phases, options: options)
    } catch let error as LeBailRefinement.InputError {
      throw WorkflowError.inFile(request.measuredPath, error.description)
    }
    let report = PowderRefinementReport(
      result, method: request.method, pattern: request.measuredPath, structures: structures, range: range,
      diagnostics: input.notes + result.warnings.map { .warning("fitDidNotSettle", $0, source: request.measuredPath) })
    let refined = zip(structures, result.phases).map { structure, phase in
      var s = phase.atoms.map { structure.replacingSites($0) } ?? structure
      s.cell = refinedCell(phase)
      s.name = phase.name
      return s
    }
    return Outcome(result: result, report: report, radiation: result.instrument.radiation, refinedStructures: refined)
  }

  /// The lattice a structure's space group constrains.
  static func lattice(of structure: CrystalStructure) -> LatticeParameters {
    let cell = structure.cell
    let system = LatticeParameters.system(
      crystalSystem: structure.spaceGroup?.crystalSystem ?? "triclinic", alpha: cell.alpha.value)
    return LatticeParameters(
      system: system, a: cell.a.value, b: cell.b.value, c: cell.c.value, alpha: cell.alpha.value,
      beta: cell.beta.value, gamma: cell.gamma.value)
  }

  /// The refined cell with s.u.: a parameter tied to a free one (b = a in a
  /// cubic cell) takes its s.u.; a parameter fixed by symmetry has none.
  static func refinedCell(_ phase: LeBailRefinement.PhaseResult) -> UnitCell {
    let l = phase.lattice
    let su = Dictionary(phase.values.map { ($0.name, $0.standardUncertainty ?? 0) }) { a, _ in a }
    func m(_ value: Double, _ name: String) -> Measured { Measured(value, standardUncertainty: su[name] ?? 0) }
    switch l.system {
    case .cubic:
      return UnitCell(a: m(l.a, "a"), b: m(l.b, "a"), c: m(l.c, "a"), alpha: m(90, ""), beta: m(90, ""), gamma: m(90, ""))
    case .tetragonal, .hexagonal:
      return UnitCell(a: m(l.a, "a"), b: m(l.b, "a"), c: m(l.c, "c"), alpha: m(l.alpha, ""), beta: m(l.beta, ""), gamma: m(l.gamma, ""))
    case .rhombohedral:
      return UnitCell(
        a: m(l.a, "a"), b: m(l.b, "a"), c: m(l.c, "a"), alpha: m(l.alpha, "alpha"), beta: m(l.beta, "alpha"),
        gamma: m(l.gamma, "alpha"))
    default:
      return UnitCell(
        a: m(l.a, "a"), b: m(l.b, "b"), c: m(l.c, "c"), alpha: m(l.alpha, "alpha"), beta: m(l.beta, "beta"),
        gamma: m(l.gamma, "gamma"))
    }
  }
}

extension PowderRefinementWorkflow.Outcome {
  /// Observed, calculated, background, reflection ticks (a row per phase) and difference.
  public var figure: Figure { figure(scale: .linear) }

  /// The figure on counts, √counts or log counts.
  public func figure(scale: DiffractionPlots.IntensityScale) -> Figure {
    DiffractionPlots.refinement(
      twoTheta: result.twoTheta, observed: result.observed, calculated: result.calculated,
      background: result.backgroundCurve, reflections: result.phases.map { ($0.name, $0.reflections.map(\.twoTheta)) },
      radiation: Double(radiation.name) != nil ? "λ = \(radiation.name) Å" : radiation.name, scale: scale)
  }
}

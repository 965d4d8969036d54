import Crystal
import Foundation
import IonicsCore
import IonicsNumerics

/// Whole-pattern fitting by Le Bail's method (Le Bail, Duroy & Fourquet,
/// Mater. Res. Bull. 23 (1988) 447) of one or more phases: the intensity of
/// every reflection is extracted from the observed pattern by sharing each
/// point's counts among the peaks in proportion to the calculated ones,
/// and between extractions the cells, the instrument (zero, sample
/// displacement, Kα2 ratio, profile, asymmetry), the sample broadening and
/// a Chebyshev background are refined by Levenberg–Marquardt with weights
/// 1/σ² (the file's σ, else counting statistics).
public enum LeBailRefinement {
  /// One reflection: Miller indices and multiplicity.
  public struct Reflection: Sendable, Equatable {
    /// h, k, l.
    public var hkl: SIMD3<Int>
    /// Multiplicity.
    public var multiplicity: Int
    /// |F|² of one hkl of the family, electrons² (the structure's, for a Rietveld fit).
    public var structureFactorSquared: Double?

    /// A reflection.
    public init(hkl: SIMD3<Int>, multiplicity: Int, structureFactorSquared: Double? = nil) {
      self.hkl = hkl
      self.multiplicity = multiplicity
      self.structureFactorSquared = structureFactorSquared
    }
  }

  /// A phase to fit: its cell, reflections and broadening to start from.
  public struct Phase: Sendable {
    /// The phase's name (its parameters are prefixed with it when there are several).
    public var name: String
    /// The cell to start from.
    public var lattice: LatticeParameters
    /// Miller indices and multiplicities (those outside the pattern are left out).
    public var reflections: [Reflection]
    /// Size and microstrain to start from.
    public var broadening: SampleBroadening
    /// The mass of the cell's content, g/mol (Z·M, for weight fractions).
    public var cellMass: Double?
    /// The structure, whose atoms a Rietveld fit refines when asked.
    public var structure: CrystalStructure?

    /// A phase.
    public init(
      name: String, lattice: LatticeParameters, reflections: [Reflection], broadening: SampleBroadening = .init(),
      cellMass: Double? = nil, structure: CrystalStructure? = nil
    ) {
      self.name = name
      self.lattice = lattice
      self.reflections = reflections
      self.broadening = broadening
      self.cellMass = cellMass
      self.structure = structure
    }
  }

  /// How the reflection intensities are found.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    /// Le Bail's iterative extraction between least-squares cycles.
    case leBail = "le-bail"
    /// Pawley's: the intensities are least-squares parameters, solved for
    /// at every step (linear in the intensities, so projected out of the
    /// nonlinear fit).
    case pawley
    /// Rietveld's: the intensities are the structure's, M·|F|²·Lp times a
    /// scale per phase (and an overall isotropic displacement factor when
    /// asked); with `refineAtoms` the atoms' positions and U_iso are refined too.
    case rietveld

    /// "Le Bail", "Pawley", "Rietveld".
    public var displayName: String {
      switch self {
      case .leBail: return "Le Bail"
      case .pawley: return "Pawley"
      case .rietveld: return "Rietveld"
      }
    }
  }

  /// The groups of parameters a refinement sequence frees stage by stage.
  public enum ParameterGroup: String, Sendable, Equatable, CaseIterable, Codable {
    /// Each phase's scale (Rietveld).
    case scale
    /// The Chebyshev background.
    case background
    /// The cells.
    case cell
    /// The zero shift.
    case zero
    /// Sample displacement (across and along the beam) and transparency.
    case displacement
    /// U, V, W, X, Y.
    case profile
    /// The axial-divergence SH/L.
    case asymmetry
    /// The Kα2/Kα1 ratio.
    case kAlpha2Ratio = "ka2-ratio"
    /// Size and microstrain.
    case broadening
    /// The overall B (Rietveld).
    case overallB = "overall-b"
    /// March–Dollase r (Rietveld).
    case orientation
    /// Atomic coordinates and displacements (Rietveld).
    case atoms
    /// Occupancies (Rietveld).
    case occupancies
  }

  /// What is refined and how long.
  public struct Options: Sendable, Equatable {
    /// Le Bail or Pawley.
    public var method = Method.leBail
    /// Chebyshev terms of the background.
    public var backgroundTerms = 6
    /// Whether the zero shift is refined.
    public var refineZero = true
    /// Whether the sample displacement is refined.
    public var refineDisplacement = false
    /// Whether a capillary's offset along the beam is refined (Debye–Scherrer).
    public var refineDisplacementAlongBeam = false
    /// Whether a flat sample's transparency 1/μ_eff is refined (Bragg–Brentano).
    public var refineTransparency = false
    /// Whether U, V, W, X, Y are refined (after the first cycles).
    public var refineProfile = true
    /// Profile terms held at their start ("U", "V", "W", "X", "Y").
    public var fixedProfileTerms: Set<String> = []
    /// Whether the Kα2/Kα1 ratio is refined (a radiation of two lines).
    public var refineKAlpha2Ratio = false
    /// Whether each phase's microstrain is refined (it starts at 0 when not given).
    public var refineMicrostrain = false
    /// Whether each phase's crystallite size is refined (it starts at 1 µm when not given).
    public var refineSize = false
    /// Whether the axial-divergence asymmetry (S/L = H/L) is refined.
    public var refineAsymmetry = false
    /// Whether each phase's overall isotropic displacement B (Å²) is refined (Rietveld).
    public var refineOverallB = false
    /// Whether the atoms of each phase with a structure are refined
    /// (Rietveld, last stage): their coordinates within their Wyckoff
    /// positions and their U_iso (U_eq where the CIF gives U_ij).
    public var refineAtoms = false
    /// Whether the occupancies are refined too (Rietveld; a mixed site
    /// keeps its total).
    public var refineOccupancies = false
    /// Phases (by name) whose atoms stay as their CIF gives them when the
    /// others' are refined (an impurity of known structure).
    public var atomsHeld: Set<String> = []
    /// March–Dollase preferred orientation (Rietveld): the phases (by name)
    /// whose crystallites lie with the plane normal (hkl) along the
    /// diffraction vector, each with its r refined from 1.
    public var preferredOrientation: [String: SIMD3<Int>] = [:]
    /// Whether the profile starts from the instrument's (an instrument file)
    /// rather than from the width of the strongest peak.
    public var profileFromInstrument = false
    /// The 2θ range fitted, degrees (nil: the whole pattern).
    public var range: ClosedRange<Double>?
    /// Whether every s.u. is multiplied by Bérar and Lelann's factor for
    /// the serial correlation of neighbouring residuals.
    public var serialCorrelationCorrection = false
    /// The stages, each the groups it frees (those already free stay
    /// free; a group asked for but not named joins the last stage); nil:
    /// the default sequence — scale, background, cells, zero and
    /// displacement; then W; then X; then the rest of the profile, the
    /// asymmetry, the Kα2 ratio, size, microstrain, B and orientation; then
    /// the atoms. Each stage runs at least three cycles.
    public var sequence: [[ParameterGroup]]?
    /// Whether the Jacobian columns of the cells, zero, displacement,
    /// profile and broadening come from the profile's analytic derivatives
    /// (one pass) rather than one forward difference of the whole pattern
    /// each (the last pass for the s.u. of a Le Bail or Pawley fit always
    /// uses forward differences).
    public var analyticDerivatives = true
    /// Extraction–refinement cycles at most.
    public var cycles = 40
    /// Peaks are evaluated within this many FWHM of their centre.
    public var window = 40.0

    /// Defaults.
    public init() {}
  }

  /// A refined value with its standard uncertainty.
  public struct Value: Sendable, Equatable, Codable {
    /// Name ("a", "zero", "W"; "phase:a" when there are several phases).
    public let name: String
    /// The value.
    public let value: Double
    /// Standard uncertainty (nil when fixed or not estimable).
    public let standardUncertainty: Double?
  }

  /// An extracted reflection.
  public struct Extracted: Sendable, Equatable {
    /// h, k, l.
    public let hkl: SIMD3<Int>
    /// Multiplicity.
    public let multiplicity: Int
    /// 2θ of the first radiation line, degrees (zero and displacement included).
    public let twoTheta: Double
    /// d, Å.
    public let d: Double
    /// Extracted integrated intensity (counts·degree, all lines); Rietveld:
    /// the calculated one.
    public let intensity: Double
    /// Rietveld: the intensity apportioned from the observed counts in
    /// proportion to the calculated peaks (counts·degree); nil otherwise.
    public var observedIntensity: Double? = nil
    /// Rietveld: |F_calc|, electrons, from the (refined) structure.
    public var structureFactorCalculated: Double? = nil
    /// Rietveld: |F_obs| = |F_calc|·√(I_obs/I_calc), electrons.
    public var structureFactorObserved: Double? = nil
  }

  /// One phase's outcome.
  public struct PhaseResult: Sendable {
    /// Its name.
    public let name: String
    /// The refined cell.
    public let lattice: LatticeParameters
    /// The refined broadening.
    public let broadening: SampleBroadening
    /// Its cell and broadening values with s.u. (names without the phase prefix).
    public let values: [Value]
    /// Its reflections with their extracted intensities.
    public let reflections: [Extracted]
    /// Its share of the extracted peak intensity (0–1); not a weight fraction.
    public let intensityShare: Double
    /// Rietveld: the scale S, its weight fraction by Hill & Howard
    /// (J. Appl. Cryst. 20 (1987) 467), w = S·ZMV / Σ S·ZMV, with its s.u.
    /// from the scales' covariance, and R_Bragg (%) from the intensities
    /// apportioned to its reflections; nil otherwise.
    public let weightFraction: Measured?
    /// R_Bragg, % (Rietveld).
    public let braggR: Double?
    /// R_F = Σ||F_obs| − |F_calc|| / Σ|F_obs|, % (Rietveld).
    public var structureFactorR: Double? = nil
    /// The refined sites (coordinates, U_iso and occupancies with s.u.) when
    /// the atoms were refined; nil otherwise.
    public let atoms: [AtomSite]?
  }

  /// The outcome.
  public struct Result: Sendable {
    /// Each phase.
    public let phases: [PhaseResult]
    /// The refined instrument (zero, displacement, Kα2 ratio, profile, asymmetry).
    public let instrument: PowderInstrument
    /// Every refined value with its s.u. (cells, instrument, broadening, background).
    public let values: [Value]
    /// The background.
    public let background: ChebyshevBackground
    /// 2θ of the fitted points, degrees.
    public let twoTheta: [Double]
    /// Observed counts.
    public let observed: [Double]
    /// Calculated counts (background included).
    public let calculated: [Double]
    /// The background at each point.
    public let backgroundCurve: [Double]
    /// Weighted profile R factor, %.
    public let rwp: Double
    /// Profile R factor, %.
    public let rp: Double
    /// Expected weighted R factor, %.
    public let rexp: Double
    /// Goodness of fit √(χ²/(N − P)).
    public let goodnessOfFit: Double
    /// Cycles run.
    public let cycles: Int
    /// What was assumed, stated.
    public let notes: [String]
    /// Signs that the fit did not settle (a cell or zero on its limit, the
    /// Gaussian width at zero); empty when none.
    public let warnings: [String]
    /// Pairs of refined values correlated beyond ±0.9, strongest first.
    public var correlations: [Correlation] = []
    /// The stages as they ran.
    public var stages: [Stage] = []

    /// The first phase's cell.
    public var lattice: LatticeParameters { phases.first?.lattice ?? LatticeParameters.unit }
    /// The first phase's reflections.
    public var reflections: [Extracted] { phases.first?.reflections ?? [] }
    /// The profile.
    public var profile: PowderProfile { instrument.profile }
    /// The zero shift, degrees.
    public var zero: Double { instrument.zero }
  }

  /// One stage of the sequence as it ran.
  public struct Stage: Sendable, Equatable, Codable {
    /// The parameters it freed (those of earlier stages stay free).
    public let freed: [String]
    /// Cycles run in it.
    public let cycles: Int
    /// Rwp at its end, %.
    public let rwp: Double
  }

  /// Two refined values and their correlation coefficient.
  public struct Correlation: Sendable, Equatable, Codable {
    /// One value's name.
    public let first: String
    /// The other's.
    public let second: String
    /// Their correlation, −1…1.
    public let coefficient: Double
  }

  /// Errors of the input.
  public struct InputError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
  }

  /// Refines one phase (`lattice`, `reflections`) against `pattern` measured
  /// with `radiation` on a Bragg–Brentano instrument of unknown profile.
  public static func refine(
    pattern: MeasuredPattern, radiation: XRayRadiation, lattice: LatticeParameters, reflections: [Reflection],
    options: Options = Options()
  ) throws -> Result {
    try refine(
      pattern: pattern, instrument: PowderInstrument(radiation: radiation),
      phases: [Phase(name: "phase", lattice: lattice, reflections: reflections)], options: options)
  }

  /// Refines `phases` against `pattern` measured on `instrument` (its
  /// radiation, geometry and, with `options.profileFromInstrument`, its
  /// profile and asymmetry as the start).
  public static func refine(
    pattern: MeasuredPattern, instrument start: PowderInstrument, phases: [Phase], options: Options = Options()
  ) throws -> Result {
    let model = try LeBailModel(pattern: pattern, instrument: start, phases: phases, options: options)
    return try model.run()
  }

  /// The reflections of a structure in the 2θ range of `pattern` (with a
  /// 2° margin), from the structure's symmetry: Miller indices and
  /// multiplicities of the families with a non-zero structure factor.
  public static func reflections(
    of structure: CrystalStructure, radiation: XRayRadiation, range: ClosedRange<Double>
  ) throws -> [Reflection] {
    var simulation = PowderSimulation(radiation: radiation)
    simulation.twoThetaRange = max(range.lowerBound - 2, 0.5)...min(range.upperBound + 2, 179)
    let pattern = try simulation.pattern(of: structure)
    var seen = Set<SIMD3<Int>>()
    var out: [Reflection] = []
    for peak in pattern.peaks {
      for family in peak.families where !seen.contains(family.hkl) {
        seen.insert(family.hkl)
        out.append(
          Reflection(
            hkl: family.hkl, multiplicity: family.multiplicity,
            structureFactorSquared: family.structureFactor * family.structureFactor))
      }
    }
    return out
  }
}

extension LatticeParameters {
  /// A cubic cell of 1 Å, the placeholder of an empty result.
  static let unit = LatticeParameters(system: .cubic, a: 1, b: 1, c: 1, alpha: 90, beta: 90, gamma: 90)
}

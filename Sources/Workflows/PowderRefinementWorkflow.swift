import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots

/// Whole-pattern refinement of a measured powder pattern against the phase
/// of a CIF (`ionics xrd refine`). This version fits by Le Bail's method:
/// cell (symmetry-constrained), zero shift, TCH profile and Chebyshev
/// background, with the reflection intensities extracted.
public enum PowderRefinementWorkflow {
  /// What to refine.
  public struct Request: Sendable {
    /// The measured pattern.
    public var measuredPath: String
    /// The CIF of the phase.
    public var structurePath: String
    /// The radiation, when the file states none (or a wrong one).
    public var radiation: XRayRadiation?
    /// Chebyshev background terms.
    public var backgroundTerms = 6
    /// Whether the zero shift is refined.
    public var refineZero = true

    /// A request for a pattern and a CIF.
    public init(measuredPath: String, structurePath: String) {
      self.measuredPath = measuredPath
      self.structurePath = structurePath
    }
  }

  /// What `run` gives.
  public struct Outcome: Sendable {
    /// The fit.
    public let result: LeBailRefinement.Result
    /// The JSON report.
    public let report: PowderRefinementReport
    /// The radiation used.
    public let radiation: XRayRadiation
    /// The CIF's structure with the refined cell and its s.u. (positions as in the CIF).
    public let refinedStructure: CrystalStructure
  }

  /// Reads the pattern and the CIF and refines.
  public static func run(_ request: Request) throws -> Outcome {
    let input = try MeasuredPatternInput(path: request.measuredPath, radiation: request.radiation)
    guard let structure = try readStructures([request.structurePath]).first?.structure else {
      throw WorkflowError.inFile(request.structurePath, "no structure")
    }
    guard (1...36).contains(request.backgroundTerms) else {
      throw WorkflowError.invalidParameter("background terms", value: "\(request.backgroundTerms)", expected: "1 to 36")
    }
    let cell = structure.cell
    let system = LatticeParameters.system(
      crystalSystem: structure.spaceGroup?.crystalSystem ?? "triclinic", alpha: cell.alpha.value)
    let lattice = LatticeParameters(
      system: system, a: cell.a.value, b: cell.b.value, c: cell.c.value, alpha: cell.alpha.value,
      beta: cell.beta.value, gamma: cell.gamma.value)
    let reflections: [LeBailRefinement.Reflection]
    do {
      reflections = try LeBailRefinement.reflections(of: structure, radiation: input.radiation, range: input.range)
    } catch {
      throw WorkflowError.inFile(request.structurePath, "\(error)")
    }
    var options = LeBailRefinement.Options()
    options.backgroundTerms = request.backgroundTerms
    options.refineZero = request.refineZero
    let result: LeBailRefinement.Result
    do {
      result = try LeBailRefinement.refine(
        pattern: input.pattern, radiation: input.radiation, lattice: lattice, reflections: reflections, options: options)
    } catch let error as LeBailRefinement.InputError {
      throw WorkflowError.inFile(request.measuredPath, error.description)
    }
    let report = PowderRefinementReport(
      result, pattern: request.measuredPath, phase: structure.name, spaceGroup: structure.spaceGroup?.description ?? "",
      radiation: input.radiation, range: input.range,
      diagnostics: input.notes + result.warnings.map { .warning("fitDidNotSettle", $0, source: request.measuredPath) })
    var refined = structure
    refined.cell = refinedCell(result)
    return Outcome(result: result, report: report, radiation: input.radiation, refinedStructure: refined)
  }

  /// The refined cell with s.u.: a parameter tied to a free one (b = a in a
  /// cubic cell) takes its s.u.; a parameter fixed by symmetry has none.
  static func refinedCell(_ result: LeBailRefinement.Result) -> UnitCell {
    let l = result.lattice
    let su = Dictionary(result.values.map { ($0.name, $0.standardUncertainty ?? 0) }) { a, _ in a }
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
  /// Observed, calculated, background, reflection ticks and difference.
  public var figure: Figure {
    DiffractionPlots.refinement(
      twoTheta: result.twoTheta, observed: result.observed, calculated: result.calculated,
      background: result.backgroundCurve, reflections: result.reflections.map(\.twoTheta),
      radiation: radiation.name)
  }
}

/// The JSON shape of a refinement (`ionics/xrd-refine/1`).
public struct PowderRefinementReport: Encodable, Sendable {
  /// A refined value with its standard uncertainty.
  public struct Value: Encodable, Sendable {
    /// Name ("a", "zero", "U", "B0").
    public let name: String
    /// The value (Å, degrees, centidegrees² for U V W, centidegrees for X Y, counts for B).
    public let value: Double
    /// Standard uncertainty.
    public let standardUncertainty: Double?
  }

  /// One reflection.
  public struct Reflection: Encodable, Sendable {
    /// "h k l".
    public let hkl: String
    /// Multiplicity.
    public let multiplicity: Int
    /// d, Å.
    public let dAngstrom: Double
    /// 2θ of the first line, degrees.
    public let twoThetaDegrees: Double
    /// Extracted intensity, counts·degree.
    public let intensity: Double
  }

  /// The pattern file.
  public let file: String
  /// The phase's name.
  public let phase: String
  /// Its space group.
  public let spaceGroup: String
  /// "le-bail".
  public let method: String
  /// Radiation.
  public let radiation: String
  /// 2θ range fitted, degrees.
  public let twoThetaLowDegrees: Double
  /// Upper end, degrees.
  public let twoThetaHighDegrees: Double
  /// Points fitted.
  public let points: Int
  /// Lattice system whose free parameters were refined.
  public let latticeSystem: String
  /// a, b, c (Å), α, β, γ (°) and the volume (Å³).
  public let cell: [String: Double]
  /// Every refined value with its s.u.
  public let refined: [Value]
  /// Rwp, %.
  public let rwpPercent: Double
  /// Rp, %.
  public let rpPercent: Double
  /// Rexp, %.
  public let rexpPercent: Double
  /// √(χ²/(N − P)).
  public let goodnessOfFit: Double
  /// Extraction–refinement cycles.
  public let cycles: Int
  /// The reflections.
  public let reflections: [Reflection]
  /// What was assumed.
  public let notes: [String]
  /// Notes on the input.
  public let diagnostics: [Diagnostic]

  init(
    _ r: LeBailRefinement.Result, pattern: String, phase: String, spaceGroup: String, radiation: XRayRadiation,
    range: ClosedRange<Double>, diagnostics: [Diagnostic]
  ) {
    file = pattern
    self.phase = phase
    self.spaceGroup = spaceGroup
    method = "le-bail"
    self.radiation = radiation.description
    twoThetaLowDegrees = range.lowerBound
    twoThetaHighDegrees = range.upperBound
    points = r.twoTheta.count
    latticeSystem = r.lattice.system.rawValue
    let l = r.lattice
    cell = ["a": l.a, "b": l.b, "c": l.c, "alpha": l.alpha, "beta": l.beta, "gamma": l.gamma, "volume": l.volume]
    refined = r.values.map { Value(name: $0.name, value: $0.value, standardUncertainty: $0.standardUncertainty) }
    rwpPercent = r.rwp
    rpPercent = r.rp
    rexpPercent = r.rexp
    goodnessOfFit = r.goodnessOfFit
    cycles = r.cycles
    reflections = r.reflections.map {
      Reflection(
        hkl: "\($0.hkl.x) \($0.hkl.y) \($0.hkl.z)", multiplicity: $0.multiplicity, dAngstrom: $0.d,
        twoThetaDegrees: $0.twoTheta, intensity: $0.intensity)
    }
    notes = r.notes
    self.diagnostics = diagnostics
  }
}

import Crystal
import Diffraction
import Foundation
import IonicsCore

/// The JSON shape of a refinement (`ionics/xrd-refine/1`).
public struct PowderRefinementReport: Encodable, Sendable {
  /// A refined value with its standard uncertainty.
  public struct Value: Encodable, Sendable {
    /// Name ("a", "zero", "U", "B0", "microstrain").
    public let name: String
    /// The value (Å and degrees for a cell; degrees for the zero; µm for the
    /// displacement and the size; centidegrees² for U V W, centidegrees
    /// for X Y; 10⁻⁶ for the microstrain; counts for B).
    public let value: Double
    /// Standard uncertainty.
    public let standardUncertainty: Double?

    init(_ v: LeBailRefinement.Value) {
      name = v.name
      value = v.value
      standardUncertainty = v.standardUncertainty
    }
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
    /// Extracted intensity, counts·degree (Rietveld: calculated).
    public let intensity: Double
    /// Rietveld: the intensity apportioned from the observed counts.
    public var observedIntensity: Double? = nil
    /// Rietveld: |F_calc|, electrons.
    public var fCalc: Double? = nil
    /// Rietveld: |F_obs|, electrons.
    public var fObs: Double? = nil
  }

  /// A refined site.
  public struct Atom: Encodable, Sendable {
    /// Its label.
    public let label: String
    /// Its element.
    public let element: String
    /// x, y, z (fractional) and their s.u.
    public let fractional: [Double]
    /// Standard uncertainties of x, y, z (0 where fixed by symmetry).
    public let fractionalUncertainty: [Double]
    /// Occupancy and its s.u.
    public let occupancy: Double
    /// Standard uncertainty of the occupancy.
    public let occupancyUncertainty: Double
    /// U_iso (U_eq for an anisotropic site), Å².
    public let uIso: Double?
    /// Standard uncertainty of U_iso.
    public let uIsoUncertainty: Double?
    /// U11, U22, U33, U12, U13, U23, Å², for an anisotropic site.
    public let uAniso: [Double]?
    /// Their s.u.
    public let uAnisoUncertainty: [Double]?

    init(_ site: AtomSite) {
      label = site.label
      element = site.element.symbol
      fractional = [site.x.value, site.y.value, site.z.value]
      fractionalUncertainty = [site.x.standardUncertainty, site.y.standardUncertainty, site.z.standardUncertainty]
      occupancy = site.occupancy.value
      occupancyUncertainty = site.occupancy.standardUncertainty
      uIso = site.uIso?.value
      uIsoUncertainty = site.uIso?.standardUncertainty
      uAniso = site.uAniso?.map(\.value)
      uAnisoUncertainty = site.uAniso?.map(\.standardUncertainty)
    }
  }

  /// Two refined values correlated beyond ±0.9.
  public struct Correlation: Encodable, Sendable {
    /// One value's name.
    public let first: String
    /// The other's.
    public let second: String
    /// Their correlation coefficient.
    public let coefficient: Double
  }

  /// One phase.
  public struct Phase: Encodable, Sendable {
    /// Its name.
    public let name: String
    /// Its space group.
    public let spaceGroup: String
    /// Lattice system whose free parameters were refined.
    public let latticeSystem: String
    /// a, b, c (Å), α, β, γ (°) and the volume (Å³).
    public let cell: [String: Double]
    /// Its refined values (cell, size, microstrain) with s.u.
    public let refined: [Value]
    /// Its share of the extracted intensity (0–1; not a weight fraction).
    public let intensityShare: Double
    /// Rietveld: its weight fraction (Hill–Howard, 0–1) and s.u.
    public let weightFraction: Double?
    /// Standard uncertainty of the weight fraction.
    public let weightFractionUncertainty: Double?
    /// Rietveld: R_Bragg, %.
    public let braggRPercent: Double?
    /// Rietveld: R_F, %.
    public var structureFactorRPercent: Double? = nil
    /// Rietveld with the atoms refined: the refined sites.
    public var atoms: [Atom]? = nil
    /// Its reflections.
    public let reflections: [Reflection]
  }

  /// The instrument as refined.
  public struct Instrument: Encodable, Sendable {
    /// Where its start came from (an instrument file's name, or "defaults").
    public let source: String
    /// "bragg-brentano" or "debye-scherrer".
    public let geometry: String
    /// Goniometer radius, mm.
    public let radiusMillimetres: Double
    /// Radiation with its line weights.
    public let radiation: String
    /// Polarisation fraction, when the instrument file states it.
    public let polarization: Double?
  }

  /// The pattern file.
  public let file: String
  /// "le-bail", "pawley" or "rietveld".
  public let method: String
  /// The instrument.
  public let instrument: Instrument
  /// 2θ range fitted, degrees.
  public let twoThetaLowDegrees: Double
  /// Upper end, degrees.
  public let twoThetaHighDegrees: Double
  /// Points fitted.
  public let points: Int
  /// The phases.
  public let phases: [Phase]
  /// Every refined value with its s.u. (phase values prefixed "phase:" when there are several).
  public let refined: [Value]
  /// Pairs of refined values correlated beyond ±0.9, strongest first.
  public let correlations: [Correlation]
  /// The stages of the sequence as they ran: what each freed, its cycles and its closing Rwp (%).
  public let stages: [LeBailRefinement.Stage]
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
  /// What was assumed.
  public let notes: [String]
  /// Notes on the input.
  public let diagnostics: [Diagnostic]

  init(
    _ r: LeBailRefinement.Result, method: LeBailRefinement.Method, pattern: String, structures: [CrystalStructure],
    range: ClosedRange<Double>, diagnostics: [Diagnostic]
  ) {
    file = pattern
    self.method = method.rawValue
    let i = r.instrument
    instrument = Instrument(
      source: i.source, geometry: i.geometry.rawValue, radiusMillimetres: i.radius, radiation: i.radiation.description,
      polarization: i.polarization)
    twoThetaLowDegrees = range.lowerBound
    twoThetaHighDegrees = range.upperBound
    points = r.twoTheta.count
    phases = zip(r.phases, structures).map { p, structure in
      let l = p.lattice
      var phase = Phase(
        name: p.name, spaceGroup: structure.spaceGroup?.description ?? "", latticeSystem: l.system.rawValue,
        cell: ["a": l.a, "b": l.b, "c": l.c, "alpha": l.alpha, "beta": l.beta, "gamma": l.gamma, "volume": l.volume],
        refined: p.values.map(Value.init), intensityShare: p.intensityShare,
        weightFraction: p.weightFraction?.value, weightFractionUncertainty: p.weightFraction?.standardUncertainty,
        braggRPercent: p.braggR,
        reflections: p.reflections.map {
          var reflection = Reflection(
            hkl: "\($0.hkl.x) \($0.hkl.y) \($0.hkl.z)", multiplicity: $0.multiplicity, dAngstrom: $0.d,
            twoThetaDegrees: $0.twoTheta, intensity: $0.intensity)
          reflection.observedIntensity = $0.observedIntensity
          reflection.fCalc = $0.structureFactorCalculated
          reflection.fObs = $0.structureFactorObserved
          return reflection
        })
      phase.structureFactorRPercent = p.structureFactorR
      phase.atoms = p.atoms?.map(Atom.init)
      return phase
    }
    stages = r.stages
    correlations = r.correlations.map { Correlation(first: $0.first, second: $0.second, coefficient: $0.coefficient) }
    refined = r.values.map(Value.init)
    rwpPercent = r.rwp
    rpPercent = r.rp
    rexpPercent = r.rexp
    goodnessOfFit = r.goodnessOfFit
    cycles = r.cycles
    notes = r.notes
    self.diagnostics = diagnostics
  }
}

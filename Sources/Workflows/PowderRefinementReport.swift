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
    /// Extracted intensity, counts·degree.
    public let intensity: Double
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
      return Phase(
        name: p.name, spaceGroup: structure.spaceGroup?.description ?? "", latticeSystem: l.system.rawValue,
        cell: ["a": l.a, "b": l.b, "c": l.c, "alpha": l.alpha, "beta": l.beta, "gamma": l.gamma, "volume": l.volume],
        refined: p.values.map(Value.init), intensityShare: p.intensityShare,
        weightFraction: p.weightFraction?.value, weightFractionUncertainty: p.weightFraction?.standardUncertainty,
        braggRPercent: p.braggR,
        reflections: p.reflections.map {
          Reflection(
            hkl: "\($0.hkl.x) \($0.hkl.y) \($0.hkl.z)", multiplicity: $0.multiplicity, dAngstrom: $0.d,
            twoThetaDegrees: $0.twoTheta, intensity: $0.intensity)
        })
    }
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

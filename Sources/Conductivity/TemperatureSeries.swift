import Foundation
import Impedance
import IonicsCore
import IonicsNumerics

/// A temperature series of impedance spectra turned into σ(T): every
/// spectrum fitted with the same circuit (automatic guess, multi-start, and
/// the previous temperature's result as an extra start), the bulk
/// resistance picked by name or by capacitance, σ = l/(A·R_b), and the
/// Arrhenius fits in both forms (with VTF and a model comparison when there
/// are enough temperatures).
public enum TemperatureSeries {
  /// One spectrum of the series.
  public struct Input: Sendable {
    /// File (and spectrum) it came from, for reports.
    public var name: String
    /// The spectrum.
    public var spectrum: ImpedanceSpectrum
    /// Temperature, °C.
    public var temperatureCelsius: Double
    /// Where the temperature came from (file name, header, manifest).
    public var temperatureSource: String

    /// An input.
    public init(
      name: String, spectrum: ImpedanceSpectrum, temperatureCelsius: Double,
      temperatureSource: String
    ) {
      self.name = name
      self.spectrum = spectrum
      self.temperatureCelsius = temperatureCelsius
      self.temperatureSource = temperatureSource
    }
  }

  /// How to analyse.
  public struct Options: Sendable {
    /// The circuit, impedance.py syntax.
    public var circuit: String
    /// The sample.
    public var geometry: CellGeometry
    /// The element whose resistance is the bulk ("R1", "Zarc1"); nil picks
    /// the arc whose capacitance is in the bulk range (or the fastest arc).
    public var bulkElement: String?
    /// Fit settings (the geometry is filled in).
    public var fit = CircuitFitOptions()
    /// Weight the Arrhenius fits by the σ uncertainties (false: ordinary
    /// least squares on ln σ, as scripts that ignore the fit errors do).
    public var weightedArrhenius = true
    /// Start each fit also from the previous temperature's result (the
    /// spectra are then fitted one after another, by rising temperature).
    public var chainStarts = true

    /// Options for `circuit` on `geometry`.
    public init(circuit: String, geometry: CellGeometry, bulkElement: String? = nil) {
      self.circuit = circuit
      self.geometry = geometry
      self.bulkElement = bulkElement
    }
  }

  /// One temperature's result.
  public struct Point: Sendable, Encodable {
    /// File (and spectrum).
    public let name: String
    /// Temperature, °C, and where it came from.
    public let temperatureCelsius: Double
    /// "file name", "header" or "manifest".
    public let temperatureSource: String
    /// Bulk resistance, Ω.
    public let bulkResistance: Measured
    /// The element(s) it was taken from, and why.
    public let bulkElement: String
    /// Why that element.
    public let bulkReason: String
    /// C_eff of the bulk arc, F, when it has one.
    public let bulkCapacitance: Measured?
    /// Grain-boundary resistance, Ω, when an arc is assigned to grain boundaries.
    public let grainBoundaryResistance: Measured?
    /// The element(s) of the grain-boundary arc.
    public let grainBoundaryElement: String?
    /// Why that arc is the grain boundary.
    public let grainBoundaryReason: String?
    /// The apparent grain-boundary conductivity l/(A·R_gb), S/cm (with the
    /// pellet's l/A, not the unknown grain-boundary geometry).
    public let grainBoundaryConductivity: Measured?
    /// Bulk plus grain boundary, Ω (the bulk alone without a grain-boundary arc).
    public let totalResistance: Measured
    /// σ = l/(A·R_b), S/cm.
    public let conductivity: Measured
    /// σ from the total resistance, S/cm.
    public let totalConductivity: Measured
    /// χ²/dof of the fit and its weighting's definition.
    public let reducedChiSquared: Double
    /// Fit diagnostics (arcs outside the window, poor fit, …).
    public let diagnostics: [Diagnostic]
    /// The fit.
    public let fit: CircuitFitResult

    private enum CodingKeys: String, CodingKey {
      case name, temperatureCelsius, temperatureSource
      case bulkResistance = "bulkResistanceOhm"
      case bulkElement, bulkReason
      case bulkCapacitance = "bulkCapacitanceFarad"
      case grainBoundaryResistance = "grainBoundaryResistanceOhm"
      case grainBoundaryElement, grainBoundaryReason
      case grainBoundaryConductivity = "grainBoundaryConductivitySiemensPerCentimetre"
      case totalResistance = "totalResistanceOhm"
      case conductivity = "conductivitySiemensPerCentimetre"
      case totalConductivity = "totalConductivitySiemensPerCentimetre"
      case reducedChiSquared, diagnostics, fit
    }
  }

  /// The whole series.
  public struct Result: Sendable, Encodable {
    /// Points by ascending temperature.
    public let points: [Point]
    /// σ = A·exp(−Ea/kB·T) fit.
    public let arrhenius: ArrheniusFit
    /// σT = A·exp(−Ea/kB·T) fit.
    public let arrheniusSigmaT: ArrheniusFit
    /// σ at 25 °C from the σ form, with its 95 % interval.
    public let conductivityAt25C: ArrheniusFit.Prediction
    /// Arrhenius fits (σ and σT forms) of the grain-boundary conductivity
    /// l/(A·R_gb), when every temperature has a grain-boundary arc.
    public let grainBoundaryArrhenius: [ArrheniusFit]?
    /// Arrhenius fits (σ and σT forms) of the total conductivity
    /// l/(A·(R_b + R_gb)), when every temperature has a grain-boundary arc.
    public let totalArrhenius: [ArrheniusFit]?
    /// VTF fit, when there are at least four temperatures and it converges.
    public let vtf: VTFFit?
    /// Arrhenius against VTF.
    public let comparison: ModelComparison?
    /// Time spent fitting, ms.
    public let fitMilliseconds: Double

    private enum CodingKeys: String, CodingKey {
      case points, bulkArrhenius, conductivityAt25C, grainBoundaryArrhenius, totalArrhenius, vtf
      case comparison, fitMilliseconds
    }

    /// JSON: every Arrhenius result is a list of fits, one per form
    /// (`bulkArrhenius`, `grainBoundaryArrhenius`, `totalArrhenius`).
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(points, forKey: .points)
      try c.encode([arrhenius, arrheniusSigmaT], forKey: .bulkArrhenius)
      try c.encode(conductivityAt25C, forKey: .conductivityAt25C)
      try c.encodeIfPresent(grainBoundaryArrhenius, forKey: .grainBoundaryArrhenius)
      try c.encodeIfPresent(totalArrhenius, forKey: .totalArrhenius)
      try c.encodeIfPresent(vtf, forKey: .vtf)
      try c.encodeIfPresent(comparison, forKey: .comparison)
      try c.encode(fitMilliseconds, forKey: .fitMilliseconds)
    }
  }

  /// Analyses `inputs` (at least three temperatures).
  public static func analyse(_ inputs: [Input], options: Options) throws -> Result {
    guard inputs.count >= 3 else {
      throw ConductivityError.tooFewPoints(
        needed: 3, got: inputs.count, model: "A temperature series")
    }
    let circuit = try Circuit(options.circuit)
    if let bulk = options.bulkElement,
      !circuit.elements.contains(where: { $0.label == bulk })
    {
      throw ConductivityError.bulk(
        "bulk element \(bulk): the circuit \(options.circuit) has "
          + circuit.elements.map(\.label).joined(separator: ", "))
    }
    let sorted = inputs.sorted { $0.temperatureCelsius < $1.temperatureCelsius }
    var fitOptions = options.fit
    fitOptions.geometry = options.geometry
    var points: [Point] = []
    var previous: [Double]?
    let start = Date()
    for input in sorted {
      var o = fitOptions
      if let previous, options.chainStarts { o.extraStarts = [previous] }
      let fit: CircuitFitResult
      do {
        fit = try CircuitFitter.fit(circuit, to: input.spectrum, options: o)
      } catch {
        throw ConductivityError.bulk("\(input.name): \(error)")
      }
      previous = fit.parameters.map(\.value)
      points.append(try point(input, fit: fit, circuit: circuit, options: options))
    }
    let milliseconds = Date().timeIntervalSince(start) * 1000
    let unusable = points.filter { !($0.conductivity.value > 0 && $0.conductivity.value.isFinite) }
    guard unusable.isEmpty else {
      throw ConductivityError.bulk(
        "no usable bulk resistance in "
          + unusable.map {
            "\($0.name) (R_b = \($0.bulkResistance.value) Ω from \($0.bulkElement))"
          }
          .joined(separator: ", ") + "; check the circuit, or name the bulk element")
    }
    let conductivities = points.map {
      ConductivityPoint(
        temperatureKelvin: Units.kelvin(fromCelsius: $0.temperatureCelsius), conductivity: $0.conductivity.value,
        uncertainty: $0.conductivity.standardUncertainty)
    }
    let w = options.weightedArrhenius
    let sigma = try ArrheniusFit(conductivities, form: .sigma, weighted: w)
    let sigmaT = try ArrheniusFit(conductivities, form: .sigmaT, weighted: w)
    // VTF and the model comparison see the same weights as the Arrhenius fit.
    let vtfPoints =
      w
      ? conductivities
      : conductivities.map {
        var p = $0
        p.uncertainty = 0
        return p
      }
    let vtf = vtfPoints.count >= 5 ? try? VTFFit(vtfPoints) : nil
    // Grain-boundary and total conductivities, when every temperature has both arcs.
    var grainFits: [ArrheniusFit]?
    var totalFits: [ArrheniusFit]?
    let grains = points.compactMap(\.grainBoundaryConductivity)
    if grains.count == points.count {
      let grainPoints = zip(points, grains).map { p, g in
        ConductivityPoint(
          temperatureKelvin: Units.kelvin(fromCelsius: p.temperatureCelsius), conductivity: g.value,
          uncertainty: g.standardUncertainty)
      }
      let totalPoints = points.map {
        ConductivityPoint(
          temperatureKelvin: Units.kelvin(fromCelsius: $0.temperatureCelsius),
          conductivity: $0.totalConductivity.value,
          uncertainty: $0.totalConductivity.standardUncertainty)
      }
      grainFits = try? ArrheniusForm.allCases.map {
        try ArrheniusFit(grainPoints, form: $0, weighted: w)
      }
      totalFits = try? ArrheniusForm.allCases.map {
        try ArrheniusFit(totalPoints, form: $0, weighted: w)
      }
    }
    return Result(
      points: points, arrhenius: sigma, arrheniusSigmaT: sigmaT,
      conductivityAt25C: sigma.conductivity(atKelvin: 298.15),
      grainBoundaryArrhenius: grainFits, totalArrhenius: totalFits, vtf: vtf,
      comparison: vtf.map { ModelComparison(arrhenius: sigma, vtf: $0, points: vtfPoints) },
      fitMilliseconds: milliseconds)
  }

  /// The grain-boundary arc beside `bulk`: an arc assigned to the grain
  /// boundaries, else the next slower resistive arc whose capacitance is
  /// still in the bulk range (two arcs with C_eff·l/A near 1e-11 F/cm are
  /// bulk and grain boundary, the faster being the bulk), never an
  /// electrode or surface-layer arc.
  static func grainBoundaryArc(_ arcs: [ArcCapacitance], bulk: ArcCapacitance?) -> (
    ArcCapacitance?, String?
  ) {
    guard let bulk else { return (nil, nil) }
    let others = arcs.filter { $0 != bulk && $0.capacitance > bulk.capacitance }
    if let g = others.filter({ $0.assignment == .grainBoundary }).min(by: {
      $0.capacitance < $1.capacitance
    }) {
      return (g, "its capacitance is in the grain-boundary range: \(g.reason)")
    }
    if let g = others.filter({ $0.assignment == .bulk }).min(by: {
      $0.capacitance < $1.capacitance
    }) {
      let ratio = g.capacitance / bulk.capacitance
      return (
        g,
        String(
          format:
            "the second arc, slower than the bulk with %.3g× its capacitance (C_eff·l/A = %.3g F/cm, at the grain-boundary end of the bulk range)",
          ratio, g.normalisedCapacitance)
      )
    }
    return (nil, nil)
  }

  /// The bulk (and grain-boundary) resistance of one fit, and σ.
  static func point(
    _ input: Input, fit: CircuitFitResult, circuit: Circuit, options: Options
  ) throws -> Point {
    let arcs = fit.capacitances.filter { $0.resistance != nil }
    var bulkArc: ArcCapacitance?
    var bulk: Measured
    var label: String
    var reason: String
    if let name = options.bulkElement {
      let parameterName = fit.parameter(name) != nil ? name : "\(name)_0"
      guard let p = fit.parameter(parameterName), p.unit == "Ohm" else {
        throw ConductivityError.bulk(
          "\(input.name): \(name) has no resistance; name an R or Zarc element")
      }
      bulk = Measured(p.value, standardUncertainty: p.standardError ?? 0)
      label = name
      reason = "named by the user"
      bulkArc = arcs.first { $0.elements.contains(name) }
    } else if let chosen = arcs.filter({ $0.assignment == .bulk }).min(by: {
      $0.capacitance < $1.capacitance
    }) ?? arcs.min(by: { $0.capacitance < $1.capacitance }) {
      bulkArc = chosen
      bulk = Measured(chosen.resistance ?? .nan, standardUncertainty: chosen.resistanceError ?? 0)
      label = chosen.elements.joined(separator: ",")
      reason =
        chosen.assignment == .bulk
        ? "its capacitance is in the bulk range: \(chosen.reason)"
        : "no arc in the bulk range; the fastest arc (smallest C_eff): \(chosen.reason)"
    } else {
      let resistors = circuit.elements.filter { $0.element == .resistor }
      guard resistors.count == 1, let only = resistors.first,
        let p = fit.parameter(only.label)
      else {
        throw ConductivityError.bulk(
          "\(input.name): no R‖C, R‖CPE or ZARC arc to take the bulk from; name the bulk element")
      }
      bulk = Measured(p.value, standardUncertainty: p.standardError ?? 0)
      label = only.label
      reason = "the circuit's only resistor"
    }
    let (grain, grainReason) = grainBoundaryArc(arcs, bulk: bulkArc)
    let grainR = grain.flatMap { g in
      g.resistance.map { Measured($0, standardUncertainty: g.resistanceError ?? 0) }
    }
    let total = grainR.map { bulk + $0 } ?? bulk
    var warnings = fit.diagnostics
    let rms = fit.reducedChiSquared.squareRoot() * 100
    if fit.weighting == .modulus && rms > 2 {
      warnings.append(
        .warning(
          "poorFit",
          String(
            format: "poor fit: residuals of about %.1f %% of |Z| (χ²/dof = %.2g)", rms,
            fit.reducedChiSquared)))
    }
    return Point(
      name: input.name, temperatureCelsius: input.temperatureCelsius,
      temperatureSource: input.temperatureSource, bulkResistance: bulk, bulkElement: label,
      bulkReason: reason,
      bulkCapacitance: bulkArc.map {
        Measured($0.capacitance, standardUncertainty: $0.capacitanceError ?? 0)
      }, grainBoundaryResistance: grainR,
      grainBoundaryElement: grain.map { $0.elements.joined(separator: ",") },
      grainBoundaryReason: grainReason,
      grainBoundaryConductivity: grainR.map { options.geometry.conductivity(resistance: $0) },
      totalResistance: total,
      conductivity: options.geometry.conductivity(resistance: bulk),
      totalConductivity: options.geometry.conductivity(resistance: total),
      reducedChiSquared: fit.reducedChiSquared, diagnostics: warnings, fit: fit)
  }
}

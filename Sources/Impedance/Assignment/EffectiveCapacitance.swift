import Foundation
import IonicsCore
import IonicsNumerics

/// The effective capacitance of one arc of a fitted circuit and what it says.
public struct ArcCapacitance: Sendable, Codable, Equatable {
  /// Labels of the elements that make the arc ("R1", "CPE1").
  public let elements: [String]
  /// Its form: "R‖C", "R‖CPE", "ZARC", "K", "series CPE", "series C".
  public let kind: String
  /// How C_eff was computed.
  public let formula: String
  /// The arc's resistance, Ω (nil for a series element).
  public let resistance: Double?
  /// Its standard error, Ω.
  public let resistanceError: Double?
  /// C_eff, F.
  public let capacitance: Double
  /// Its standard error, F (first-order, from the fit's covariance).
  public let capacitanceError: Double?
  /// The CPE or ZARC exponent, when there is one.
  public let exponent: Double?
  /// τ = R·C_eff, s.
  public let timeConstant: Double?
  /// 1/(2πτ), Hz.
  public let apexFrequency: Double?
  /// ε_r = C_eff·l/(ε0·A), when the geometry is known (not for series elements).
  public let relativePermittivity: Double?
  /// Its standard error, with the geometry's uncertainties.
  public let relativePermittivityError: Double?
  /// C_eff·(l/A), F/cm (C_eff itself, as for l/A = 1 cm⁻¹, without geometry).
  public let normalisedCapacitance: Double
  /// The Irvine–Sinclair–West assignment.
  public let assignment: CapacitanceAssignment
  /// Why: the normalised capacitance and the range it falls in.
  public let reason: String

  private enum CodingKeys: String, CodingKey {
    case elements, kind, formula
    case resistance = "resistanceOhm"
    case resistanceError = "resistanceStandardErrorOhm"
    case capacitance = "capacitanceFarad"
    case capacitanceError = "capacitanceStandardErrorFarad"
    case exponent
    case timeConstant = "timeConstantSeconds"
    case apexFrequency = "apexFrequencyHz"
    case relativePermittivity
    case relativePermittivityError = "relativePermittivityStandardError"
    case normalisedCapacitance = "normalisedCapacitanceFaradPerCentimetre"
    case assignment, reason
  }
}

/// Effective capacitances of the arcs of a fitted circuit: R‖C, R‖CPE by
/// the Brug formula C = (Q·R^(1−n))^(1/n), ZARC and K by τ/R, and a series
/// (blocking-electrode) CPE by Brug's C = Q^(1/n)·R_e^((1−n)/n) with R_e the
/// resistance in series with it (G. J. Brug et al., J. Electroanal. Chem.
/// 176 (1984) 275).
public enum EffectiveCapacitance {
  /// The arcs of the top-level series of `circuit` at parameter `values`;
  /// `covariance` (in the same parameter order, value space) gives the
  /// standard errors.
  public static func arcs(
    circuit: Circuit, values: [Double], covariance: Matrix?, geometry: CellGeometry?
  ) -> [ArcCapacitance] {
    let nodes: [Circuit.Node]
    if case .series(let children, _) = circuit.root {
      nodes = children
    } else {
      nodes = [circuit.root]
    }
    let labels = circuit.elements
    func label(_ range: Range<Int>) -> [String] {
      labels.filter { range.contains($0.parameterRange.lowerBound) }.map(\.label)
    }
    // DC resistance of each top-level node, for a series CPE's R_e.
    func resistance(_ node: Circuit.Node, _ v: [Double]) -> Double {
      switch node {
      case .element(let e, _, let r):
        switch e {
        case .resistor, .zarc, .timeConstantRC: return v[r.lowerBound]
        default: return 0
        }
      case .parallel(let children, _):
        for child in children {
          if case .element(.resistor, _, let r) = child { return v[r.lowerBound] }
        }
        return 0
      case .series(let children, _): return children.reduce(0) { $0 + resistance($1, v) }
      }
    }

    var arcs: [ArcCapacitance] = []
    for (index, node) in nodes.enumerated() {
      // capacitance(v) and resistance(v) as functions of the parameters.
      let kind: String
      let formula: String
      let cOf: ([Double]) -> Double
      var rIndex: Int?
      var exponentIndex: Int?
      switch node {
      case .parallel(let children, _) where children.count == 2:
        var r: Int?
        var c: (index: Int, isCPE: Bool)?
        for child in children {
          guard case .element(let e, _, let range) = child else { continue }
          if e == .resistor { r = range.lowerBound }
          if e == .capacitor { c = (range.lowerBound, false) }
          if e == .constantPhase { c = (range.lowerBound, true) }
        }
        guard let r, let c else { continue }
        rIndex = r
        if c.isCPE {
          kind = "R‖CPE"
          formula = "C = (Q·R^(1−n))^(1/n) (Brug)"
          exponentIndex = c.index + 1
          cOf = { v in
            Double.pow(v[c.index] * Double.pow(v[r], 1 - v[c.index + 1]), 1 / v[c.index + 1])
          }
        } else {
          kind = "R‖C"
          formula = "C"
          cOf = { v in v[c.index] }
        }
      case .element(let e, _, let range) where e == .zarc || e == .timeConstantRC:
        let r = range.lowerBound
        rIndex = r
        kind = e == .zarc ? "ZARC" : "K"
        formula = "C = τ/R"
        if e == .zarc { exponentIndex = r + 2 }
        cOf = { v in v[r + 1] / v[r] }
      case .element(.constantPhase, _, let range):
        let q = range.lowerBound
        exponentIndex = q + 1
        kind = "series CPE"
        let others = nodes.indices.filter { $0 != index }.map { nodes[$0] }
        let seriesR: ([Double]) -> Double = { v in others.reduce(0) { $0 + resistance($1, v) } }
        if seriesR(values) > 0 {
          formula = "C = Q^(1/n)·R_e^((1−n)/n), R_e = series resistance (Brug, blocking electrode)"
          cOf = { v in
            Double.pow(v[q], 1 / v[q + 1]) * Double.pow(seriesR(v), (1 - v[q + 1]) / v[q + 1])
          }
        } else {
          formula = "C = Q (no series resistance for Brug's formula)"
          cOf = { v in v[q] }
        }
      case .element(.capacitor, _, let range):
        let c = range.lowerBound
        kind = "series C"
        formula = "C"
        cOf = { v in v[c] }
      default:
        continue
      }
      let capacitance = cOf(values)
      guard capacitance.isFinite, capacitance > 0 else { continue }
      let cError = propagate(cOf, values: values, covariance: covariance)
      let r = rIndex.map { values[$0] }
      let rError = rIndex.flatMap { i in
        covariance.flatMap { $0.rows == values.count ? $0[i, i].squareRoot() : nil }
      }
      let tau = r.map { $0 * capacitance }
      var epsilon: Double?
      var epsilonError: Double?
      var normalised = capacitance
      if let geometry {
        normalised = capacitance * geometry.cellConstantPerCentimetre
      }
      // ε_r is a property of the material between the electrodes: not given
      // for a series (interface) element.
      if let geometry, rIndex != nil {
        let e = capacitance / geometry.vacuumCapacitanceFarads
        epsilon = e
        let relC = (cError ?? 0) / capacitance
        let relL = geometry.thicknessUncertaintyCentimetres / geometry.thicknessCentimetres
        let relA = geometry.areaUncertaintySquareCentimetres / geometry.areaSquareCentimetres
        epsilonError = e * (relC * relC + relL * relL + relA * relA).squareRoot()
      }
      let (assignment, reason) = CapacitanceAssignment.classify(
        normalisedCapacitance: normalised, relativePermittivity: epsilon,
        hasGeometry: geometry != nil)
      arcs.append(
        ArcCapacitance(
          elements: label(node.parameterRange), kind: kind, formula: formula, resistance: r,
          resistanceError: rError, capacitance: capacitance, capacitanceError: cError,
          exponent: exponentIndex.map { values[$0] }, timeConstant: tau,
          apexFrequency: tau.map { 1 / (2 * .pi * $0) }, relativePermittivity: epsilon,
          relativePermittivityError: epsilonError, normalisedCapacitance: normalised,
          assignment: assignment, reason: reason))
    }
    return arcs
  }

  /// First-order standard error of f(values): √(gᵀΣg) with g by central
  /// differences; nil without a usable covariance.
  static func propagate(
    _ f: ([Double]) -> Double, values: [Double], covariance: Matrix?
  ) -> Double? {
    guard let covariance, covariance.rows == values.count, covariance.columns == values.count
    else { return nil }
    var gradient = [Double](repeating: 0, count: values.count)
    for k in values.indices where covariance[k, k] > 0 {
      let h = 1e-6 * max(abs(values[k]), 1e-300)
      var up = values
      var down = values
      up[k] += h
      down[k] -= h
      gradient[k] = (f(up) - f(down)) / (2 * h)
    }
    var variance = 0.0
    for a in values.indices where gradient[a] != 0 {
      for b in values.indices where gradient[b] != 0 {
        variance += gradient[a] * covariance[a, b] * gradient[b]
      }
    }
    return variance.isFinite && variance >= 0 ? variance.squareRoot() : nil
  }
}

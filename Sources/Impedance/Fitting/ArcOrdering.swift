import IonicsCore
import Foundation

/// Identical series groups (two p(R,CPE) arcs, two ZARCs) are
/// interchangeable in a fit; reporting them ordered by time constant keeps
/// "bulk" (fastest) first from one temperature to the next.
enum ArcOrdering {
  /// Structure of a node without labels: "p(R,CPE)".
  static func signature(_ node: Circuit.Node) -> String {
    switch node {
    case .element(let e, _, _): return e.rawValue
    case .series(let c, _): return c.map(signature).joined(separator: "-")
    case .parallel(let c, _): return "p(" + c.map(signature).joined(separator: ",") + ")"
    }
  }

  /// Time constant τ of an arc-like node, s: R·C, (R·Q)^(1/α), or the τ of K, ZARC, HN, G.
  static func timeConstant(_ node: Circuit.Node, values: [Double]) -> Double? {
    switch node {
    case .element(let e, _, let r):
      switch e {
      case .timeConstantRC, .zarc, .havriliakNegami, .gerischer, .finiteGerischer:
        return values[r.lowerBound + 1]
      default: return nil
      }
    case .parallel(let children, _):
      guard children.count == 2 else { return nil }
      var resistance: Double?
      var capacitance: (Double, Double)?
      for child in children {
        guard case .element(let e, _, let r) = child else { return nil }
        switch e {
        case .resistor: resistance = values[r.lowerBound]
        case .capacitor: capacitance = (values[r.lowerBound], 1)
        case .constantPhase: capacitance = (values[r.lowerBound], values[r.lowerBound + 1])
        default: return nil
        }
      }
      guard let resistance, let (q, alpha) = capacitance, alpha > 0 else { return nil }
      return pow(resistance * q, 1 / alpha)
    case .series: return nil
    }
  }

  static func topLevel(_ circuit: Circuit) -> [Circuit.Node] {
    if case .series(let children, _) = circuit.root { return children }
    return [circuit.root]
  }

  /// A permutation of the parameter vector that orders identical arcs by
  /// time constant (fastest first); the identity when nothing moves.
  static func permutation(for circuit: Circuit, values: [Double]) -> [Int] {
    var permutation = Array(values.indices)
    let nodes = topLevel(circuit)
    var groups: [String: [Int]] = [:]
    for (i, node) in nodes.enumerated() where timeConstant(node, values: values) != nil {
      groups[signature(node), default: []].append(i)
    }
    for (_, members) in groups where members.count > 1 {
      let sorted = members.sorted {
        (timeConstant(nodes[$0], values: values) ?? 0)
          < (timeConstant(nodes[$1], values: values) ?? 0)
      }
      // Slot members[k] takes the parameters of node sorted[k].
      for (slot, source) in zip(members, sorted) {
        let target = nodes[slot].parameterRange
        let origin = nodes[source].parameterRange
        for (t, o) in zip(target, origin) { permutation[t] = o }
      }
    }
    return permutation
  }

  /// Warnings for arcs whose apex frequency 1/(2πτ) lies outside the measured window.
  static func apexWarnings(for circuit: Circuit, values: [Double], frequencies: [Double])
    -> [Diagnostic]
  {
    guard let fmin = frequencies.min(), let fmax = frequencies.max() else { return [] }
    var warnings: [Diagnostic] = []
    for node in topLevel(circuit) {
      guard let tau = timeConstant(node, values: values), tau > 0 else { continue }
      let apex = 1 / (2 * Double.pi * tau)
      if apex < fmin || apex > fmax {
        let label = circuit.elements.filter {
          node.parameterRange.contains($0.parameterRange.lowerBound)
        }.map(\.label).joined(separator: ",")
        warnings.append(
          .warning(
            "arcApexOutsideWindow",
            String(
              format:
                "the arc of %@ has its apex at %.3g Hz, outside the measured %.3g–%.3g Hz: its parameters are extrapolated",
              label, apex, fmin, fmax)))
      }
    }
    return warnings
  }
}

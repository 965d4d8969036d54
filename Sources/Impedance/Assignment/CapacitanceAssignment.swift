import Foundation
import IonicsCore

/// What a capacitance says about where an arc comes from, after Irvine,
/// Sinclair and West (Adv. Mater. 2 (1990) 132, Table 1): capacitances of a
/// sample with cell constant l/A = 1 cm⁻¹, i.e. C·(l/A) in F/cm.
///
/// Raw values are the stable identifiers of the JSON output
/// (`grainBoundary`); ``name`` is the phrase for tables.
public enum CapacitanceAssignment: String, Sendable, Codable, CaseIterable {
  /// Below the vacuum capacitance of the cell (ε_r < 1): stray or lead
  /// capacitance, or a wrong geometry.
  case belowVacuum
  /// Bulk, about 1e-12 F/cm (with a minor second phase near 1e-11).
  case bulk
  /// Grain boundary, 1e-11 to 1e-8 F/cm.
  case grainBoundary
  /// Surface layer, 1e-9 to 1e-7 F/cm.
  case surfaceLayer
  /// Sample–electrode interface, 1e-7 to 1e-5 F/cm.
  case electrodeInterface
  /// Electrochemical reaction, about 1e-4 F/cm.
  case electrochemicalReaction

  /// The assignment as a table names it ("grain boundary").
  public var name: String {
    switch self {
    case .belowVacuum: return "below vacuum"
    case .bulk: return "bulk"
    case .grainBoundary: return "grain boundary"
    case .surfaceLayer: return "surface layer"
    case .electrodeInterface: return "electrode interface"
    case .electrochemicalReaction: return "electrochemical reaction"
    }
  }

  /// The range of C·(l/A), F/cm, that this assignment takes here: the
  /// table's ranges, split at their overlaps.
  public var range: Range<Double> {
    switch self {
    case .belowVacuum: return 0..<0
    case .bulk: return 0..<1e-11
    case .grainBoundary: return 1e-11..<1e-8
    case .surfaceLayer: return 1e-8..<1e-7
    case .electrodeInterface: return 1e-7..<1e-5
    case .electrochemicalReaction: return 1e-5..<Double.infinity
    }
  }

  /// The table's own words for the range, for the reason printed.
  var tableRange: String {
    switch self {
    case .belowVacuum: return "below ε0 (ε_r < 1)"
    case .bulk: return "bulk ≈ 1e-12 F/cm (2e-13–1e-11)"
    case .grainBoundary: return "grain boundary 1e-11–1e-8 F/cm"
    case .surfaceLayer: return "surface layer 1e-9–1e-7 F/cm"
    case .electrodeInterface: return "sample–electrode interface 1e-7–1e-5 F/cm"
    case .electrochemicalReaction: return "electrochemical reaction ≈ 1e-4 F/cm"
    }
  }

  /// The assignment of a normalised capacitance C·(l/A) (F/cm), with ε_r
  /// when known; without a geometry the cell constant is taken as 1 cm⁻¹.
  public static func classify(
    normalisedCapacitance c: Double, relativePermittivity: Double?, hasGeometry: Bool
  ) -> (CapacitanceAssignment, String) {
    let epsilonText = relativePermittivity.map { "; ε_r = " + significant($0, 3) } ?? ""
    let basis = hasGeometry ? "C_eff·(l/A)" : "C_eff (no geometry given: l/A taken as 1 cm⁻¹)"
    if let e = relativePermittivity, e < 1 {
      return (
        .belowVacuum,
        "\(basis) = \(significant(c, 3)) F/cm is below the vacuum capacitance\(epsilonText): "
          + "stray or lead capacitance, or check the geometry"
      )
    }
    let kind =
      allCases.dropFirst().first { $0.range.contains(c) } ?? .electrochemicalReaction
    return (
      kind,
      "\(basis) = \(significant(c, 3)) F/cm: \(kind.tableRange) (Irvine, Sinclair & West 1990)"
        + epsilonText
    )
  }
}

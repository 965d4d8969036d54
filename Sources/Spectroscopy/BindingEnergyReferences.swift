import Foundation

/// Reference binding energies of the lines that matter for sodium cells
/// (the anode's solid-electrolyte interphase, the electrolyte's residues,
/// carbon and oxygen contamination), with their sources, and the matching
/// of fitted components to them within a stated window.
public enum BindingEnergyReferences {
  /// One reference line.
  public struct Reference: Sendable, Equatable, Codable {
    /// The core level ("F 1s").
    public let line: String
    /// The chemical state ("NaF").
    public let state: String
    /// Binding energy, eV (charge-corrected to C 1s 284.8 eV where the source does so).
    public let electronvolts: Double
    /// Where the value comes from.
    public let source: String
  }

  static let paper = "H. Li et al., Inorg. Chem. Front. 2024, 11, 6671 (Fig. 5)"
  static let reference = "the usual charge reference (adventitious carbon)"
  static let typical = "typical literature value: NIST SRD 20 lists entries around it; check against your own references"

  /// The table.
  public static let table: [Reference] = [
    .init(line: "F 1s", state: "NaF", electronvolts: 683.5, source: paper),
    .init(line: "F 1s", state: "C–F3 of TFSI⁻", electronvolts: 688.7, source: typical),
    .init(line: "N 1s", state: "Na3N", electronvolts: 396.7, source: paper),
    .init(line: "N 1s", state: "cyanide (C≡N)", electronvolts: 397.9, source: typical),
    .init(line: "N 1s", state: "N of TFSI⁻ (S–N–S)", electronvolts: 399.4, source: typical),
    .init(line: "C 1s", state: "adventitious C–C/C–H", electronvolts: 284.8, source: reference),
    .init(line: "C 1s", state: "C–O (ether, PEO)", electronvolts: 286.5, source: typical),
    .init(line: "C 1s", state: "carbonate (Na2CO3)", electronvolts: 289.6, source: typical),
    .init(line: "C 1s", state: "C–F3 of TFSI⁻", electronvolts: 292.8, source: typical),
    .init(line: "O 1s", state: "oxide (Na2O)", electronvolts: 529.7, source: typical),
    .init(line: "O 1s", state: "carbonate, hydroxide", electronvolts: 531.5, source: typical),
    .init(line: "O 1s", state: "C–O (PEO)", electronvolts: 532.8, source: typical),
    .init(line: "Na 1s", state: "Na compounds (NaF, Na2CO3)", electronvolts: 1071.5, source: typical),
    .init(line: "S 2p", state: "SO2 of TFSI⁻ (2p3/2)", electronvolts: 168.9, source: typical),
  ]

  /// The references of `line` within `window` eV of `electronvolts`, nearest first.
  public static func candidates(line: String, electronvolts: Double, window: Double = 0.5) -> [Reference] {
    let wanted = line.lowercased().replacingOccurrences(of: " ", with: "")
    return table.filter {
      $0.line.lowercased().replacingOccurrences(of: " ", with: "") == wanted
        && abs($0.electronvolts - electronvolts) <= window
    }.sorted { abs($0.electronvolts - electronvolts) < abs($1.electronvolts - electronvolts) }
  }
}

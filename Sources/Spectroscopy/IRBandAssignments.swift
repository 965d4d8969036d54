import Foundation

/// A characteristic IR band: the group vibration, its wavenumber window and
/// the source of the window.
public struct IRBandAssignment: Sendable, Equatable, Codable {
  /// The vibration and the compounds it marks ("O–H stretch (water, alcohols)").
  public var name: String
  /// Lower edge of the window, cm⁻¹.
  public var low: Double
  /// Upper edge of the window, cm⁻¹.
  public var high: Double
  /// Where the window comes from.
  public var source: String

  /// Whether `wavenumber` (cm⁻¹) lies in the window.
  public func contains(_ wavenumber: Double) -> Bool { wavenumber >= low && wavenumber <= high }
}

/// The group frequencies Ionics assigns bands from. Windows are those of
/// the standard tables: G. Socrates, *Infrared and Raman Characteristic
/// Group Frequencies*, 3rd ed. (Wiley, 2001), and K. Nakamoto, *Infrared and
/// Raman Spectra of Inorganic and Coordination Compounds*, 6th ed. (Wiley,
/// 2009), Parts A (water, carbonate) and B (metal cyanide complexes).
/// Overlapping windows are deliberate: a band in two of them has two
/// candidates, and both are listed.
public enum IRBandAssignments {
  static let socrates = "Socrates, Infrared and Raman Characteristic Group Frequencies, 3rd ed. (2001)"
  static let nakamotoA = "Nakamoto, Infrared and Raman Spectra of Inorganic and Coordination Compounds, 6th ed. (2009), Part A"
  static let nakamotoB = "Nakamoto, Infrared and Raman Spectra of Inorganic and Coordination Compounds, 6th ed. (2009), Part B"

  /// The table, by decreasing wavenumber.
  public static let table: [IRBandAssignment] = [
    .init(name: "free O–H stretch (isolated alcohols, gas)", low: 3580, high: 3700, source: socrates),
    .init(name: "O–H stretch, hydrogen-bonded (water, alcohols)", low: 3200, high: 3650, source: socrates),
    .init(name: "N–H stretch (amines, amides)", low: 3300, high: 3500, source: socrates),
    .init(name: "aromatic and alkene C–H stretch", low: 3000, high: 3100, source: socrates),
    .init(name: "alkyl C–H stretch", low: 2850, high: 3000, source: socrates),
    .init(name: "C≡N stretch, organic nitriles", low: 2210, high: 2260, source: socrates),
    .init(name: "C≡N stretch, metal cyanide complexes", low: 2040, high: 2200, source: nakamotoB),
    .init(name: "C=O stretch (carbonyls, esters)", low: 1650, high: 1800, source: socrates),
    .init(name: "H–O–H bend (water)", low: 1590, high: 1670, source: nakamotoA),
    .init(name: "aromatic C=C ring stretch", low: 1450, high: 1620, source: socrates),
    .init(name: "carbonate ν₃ stretch", low: 1410, high: 1510, source: nakamotoA),
    .init(name: "CH₂/CH₃ deformation", low: 1350, high: 1480, source: socrates),
    .init(name: "C–O stretch (alcohols, ethers)", low: 1000, high: 1260, source: socrates),
    .init(name: "carbonate ν₂ out-of-plane bend", low: 850, high: 890, source: nakamotoA),
    .init(name: "aromatic C–H out-of-plane bend", low: 680, high: 900, source: socrates),
  ]

  /// Every entry whose window holds `wavenumber`, in table order.
  public static func candidates(for wavenumber: Double, in table: [IRBandAssignment] = table) -> [IRBandAssignment] {
    table.filter { $0.contains(wavenumber) }
  }
}

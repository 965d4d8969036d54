extension Formula {
  /// Abbreviations the field writes for salts, polymers and electrode
  /// materials, with the formula each stands for. Some spell valid formulas
  /// too (NVP reads as N·V·P), so they are looked up only through
  /// ``resolving(_:)``, which says when it expanded one.
  public static let abbreviations: [String: String] = [
    "NaTFSI": "NaN(SO2CF3)2",
    "LiTFSI": "LiN(SO2CF3)2",
    "KTFSI": "KN(SO2CF3)2",
    "NaFSI": "NaN(SO2F)2",
    "LiFSI": "LiN(SO2F)2",
    "KFSI": "KN(SO2F)2",
    "NaOTf": "NaSO3CF3",
    "LiOTf": "LiSO3CF3",
    "NaBOB": "NaB(C2O4)2",
    "LiBOB": "LiB(C2O4)2",
    "EO": "C2H4O",
    "PEO": "C2H4O",
    "PPO": "C3H6O",
    "PVDF": "C2H2F2",
    "PAN": "C3H3N",
    "MeOH": "CH3OH",
    "EtOH": "C2H5OH",
    "MeCN": "CH3CN",
    "EC": "C3H4O3",
    "PC": "C4H6O3",
    "DMC": "C3H6O3",
    "THF": "C4H8O",
    "DMSO": "C2H6OS",
    "NVP": "Na3V2(PO4)3",
    "LLZO": "Li7La3Zr2O12",
    "LATP": "Li1.3Al0.3Ti1.7(PO4)3",
    "NZSP": "Na3Zr2Si2PO12",
    "NRASCN": "Na6[Re4As2S2(CN)12]",
  ]

  /// Reads `text` as an abbreviation from ``abbreviations`` when it is one,
  /// and as a formula otherwise. The result says which.
  public static func resolving(_ text: String) throws -> (formula: Formula, abbreviation: String?) {
    let key = text.trimmingSpaces()
    if let expansion = abbreviations[key] {
      let parsed = try Formula(expansion)
      return (parsed, key)
    }
    return (try Formula(text), nil)
  }
}

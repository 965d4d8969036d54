/// The inputs that the NRASCN paper states (H. Li et al., Inorg. Chem. Front.
/// 2024, 11, 6671; see shared/docs/PAPER.md), the bundled example that
/// `ionics demo` works on.
package enum PaperExample {
  static let solvate = "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O"
  static let compound = "Na6[Re4As2S2(CN)12]"
  /// Synthesis: reagents in mmol and the reported yield of the solvate.
  static let reagents: [(String, Double)] = [("ReI3", 0.53), ("NaCN", 3.18), ("As2S3", 0.27)]
  static let reportedYieldPercent = 20.0
  /// Composite electrolyte: PEO 0.500 g, EO/Na = 16, NaTFSI, 10 wt % NRASCN.
  static let polymerMassGrams = 0.5
  static let eoPerSodium = 16.0
  static let fillerWeightPercent = 10.0
  /// Cathode Na3V2(PO4)3, two electrons (V3+/V4+); 1 C = 117 mAh/g.
  static let cathode = "Na3V2(PO4)3"
  static let nominalMilliampHoursPerGram = 117.0
  /// Rate test, mAh/g at 0.1, 0.3, 0.5, 1 and 2 C; 99.3 % of theoretical at 0.1 C.
  static let rateCapacities: [(rate: Double, capacity: Double)] = [
    (0.1, 116.1), (0.3, 104.9), (0.5, 97.4), (1, 86.4), (2, 66.4),
  ]
  /// 1000 cycles at 0.3 C: about 109.4 → 100.5 mAh/g, "91.8 % retention".
  static let initialMilliampHoursPerGram = 109.4
  static let finalMilliampHoursPerGram = 100.5
  static let reportedRetentionPercent = 91.8
  /// Symmetric cells: 0.05 mA/cm² on 19 mm discs.
  static let currentDensityMilliampsPerSquareCentimetre = 0.05
  static let discDiameterMillimetres = 19.0
  /// Arrhenius activation energy, eV.
  static let activationEnergyElectronvolts = 0.32
  /// Blocking pellet: 12 mm diameter, 4 mm thick; σ(25 °C) = 1.05e-5 S/cm;
  /// measured 3 MHz – 0.1 Hz. The demo simulates its spectrum (bulk C_eff
  /// 7.5 pF as a CPE with α = 0.9, an electrode CPE, 0.5 % noise) and fits it.
  static let pelletDiameterMillimetres = 12.0
  static let pelletThicknessMillimetres = 4.0
  static let conductivitySiemensPerCentimetre = 1.05e-5
  static let bulkCapacitanceFarads = 7.5e-12
  /// Films (Fig. S9): 50 µm, punched to 19 mm discs; σ at 25 °C, S/cm.
  static let filmThicknessMillimetres = 0.050
  static let films: [(name: String, conductivity: Double)] = [
    ("PEO–NaTFSI–NRASCN", 5.43e-5), ("PEO–NaTFSI", 9.60e-6),
  ]
}

import Foundation
import Spectroscopy
import TestSupport
import Testing

/// The XPS exports beside VAMAS — SPECS Prodigy `.xy`, Scienta SES `.txt`,
/// CasaXPS text, Thermo Avantage and KherveFitting workbooks, and plain
/// CSV — against pynxtools-xps' reference NeXus files and the readings
/// recorded in SOURCES.md (points, first and last energy, first and last
/// signal, maximum, pass and photon energy).
@Suite("XPS exports", SharedData.required("spectroscopy"))
struct PhotoelectronExportTests {
  struct Expected: Sendable, CustomTestStringConvertible {
    var file: String
    var region: String
    var points: Int
    /// Binding energies, first and last as stored (eV).
    var first: Double
    var last: Double
    /// Signal per second where the reference gives that, else as recorded.
    var firstY: Double
    var lastY: Double
    var maximum: Double?
    var passEnergy: Double?
    var photonEnergy: Double?
    var testDescription: String { "\(file) \(region)" }
  }

  static let cases: [Expected] = [
    // pynxtools-xps reference NeXus files
    .init(file: "pynxtoolsxps_MgFe2O4_small.xy", region: "Fe2p", points: 56, first: 750, last: 695, firstY: 5913.32, lastY: 4013.83, maximum: 7613.94, passEnergy: 20, photonEnergy: 1486.61),
    .init(file: "pynxtoolsxps_MgFe2O4_small.xy", region: "Survey", points: 1351, first: 1350, last: 0, firstY: 15598.7, lastY: 181.529, maximum: 108366, passEnergy: 100, photonEnergy: 1486.61),
    .init(file: "pynxtoolsxps_Ag_0001.txt", region: "Ag3d", points: 361, first: 382, last: 364, firstY: 15.7495, lastY: 13.195, maximum: 49.1231, passEnergy: 50, photonEnergy: 520),
    .init(file: "pynxtoolsxps_vms_txt_export.txt", region: "NiO Ni2p", points: 501, first: 890, last: 840, firstY: 18049.6, lastY: 11207.6, maximum: 40286, passEnergy: nil, photonEnergy: 1486.61),
    .init(file: "pynxtoolsxps_vms_txt_export.txt", region: "Ni Survey", points: 1201, first: 1200, last: 0, firstY: 46994.5, lastY: 6364.63, maximum: 238697, passEnergy: nil, photonEnergy: 1486.61),
    .init(file: "pynxtoolsxps_FeO_analyzed_lineshapes_cols.txt", region: "FeO Fe2p", points: 1121, first: 750, last: 694, firstY: 6258.45, lastY: 1442.15, maximum: 12020.4, passEnergy: nil, photonEnergy: 1486.61),
    // SOURCES.md: own openpyxl reading of the Avantage and KherveFitting workbooks
    .init(file: "kherve_Hard_carbon_Thermo.xlsx", region: "C1s", points: 191, first: 298.08, last: 279.08, firstY: 5951.92, lastY: .nan, maximum: 144415, passEnergy: nil, photonEnergy: nil),
    .init(file: "kherve_Hard_carbon_Thermo.xlsx", region: "Na1s", points: 171, first: 1079.08, last: 1062.08, firstY: .nan, lastY: .nan, maximum: nil, passEnergy: nil, photonEnergy: nil),
    .init(file: "kherve_Hard_carbon_Thermo_Kfitting.xlsx", region: "C1s", points: 191, first: 298.08, last: 279.08, firstY: 5951.92, lastY: .nan, maximum: nil, passEnergy: nil, photonEnergy: nil),
    .init(file: "kherve_Hard_carbon_Thermo.xlsx", region: "Survey", points: 2721, first: 1350.08, last: -9.92, firstY: .nan, lastY: .nan, maximum: nil, passEnergy: nil, photonEnergy: nil),
    // SOURCES.md: text reads of the CSVs (binding, or kinetic with hν)
    .init(file: "lg4x_C1s_sample.csv", region: "", points: 351, first: 301.5, last: 266.5, firstY: 1709, lastY: 393, maximum: nil, passEnergy: nil, photonEnergy: nil),
    .init(file: "lg4x_PET_C1s.csv", region: "", points: 401, first: 299.3008, last: 279.3008, firstY: 324.2826, lastY: 117.8262, maximum: nil, passEnergy: nil, photonEnergy: nil),
    .init(file: "lg4x_111216_0459_O1s.csv", region: "", points: 126, first: 546, last: 521, firstY: 8.30239, lastY: 5.485799, maximum: nil, passEnergy: nil, photonEnergy: nil),
    .init(file: "lmfitxps_clean_Au_4f.csv", region: "", points: 294, first: 180 - 84, last: 180 - 95.9984, firstY: 9616, lastY: .nan, maximum: nil, passEnergy: nil, photonEnergy: 180),
  ]

  static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 2e-5) -> Bool {
    guard !b.isNaN else { return true }
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(abs(b), 1)
  }

  @Test(arguments: cases)
  func readsAsTheReference(_ e: Expected) throws {
    let data = try Data(contentsOf: SharedData.url("spectroscopy/xps/\(e.file)"))
    let all = try PhotoelectronFile.read(data, source: e.file)
    let s = try #require(
      e.region.isEmpty ? all.first : all.first { "\($0.sample) \($0.name)" == e.region || $0.name == e.region },
      "regions: \(all.map { "\($0.sample) \($0.name)" })")
    let be = try #require(s.bindingEnergies)
    let y = s.countsPerSecond ?? s.signal
    #expect(s.count == e.points)
    #expect(Self.close(be.first, e.first) && Self.close(be.last, e.last), "BE \(be.first ?? .nan)…\(be.last ?? .nan)")
    #expect(Self.close(y.first, e.firstY) && Self.close(y.last, e.lastY), "y \(y.first ?? .nan)…\(y.last ?? .nan)")
    if let m = e.maximum { #expect(Self.close(y.max(), m), "max \(y.max() ?? .nan)") }
    if let pe = e.passEnergy { #expect(s.passEnergy == pe) }
    if let hv = e.photonEnergy { #expect(s.photonEnergy == hv) }
  }

  /// The big Prodigy session: 28 group/region combinations, among them
  /// N 1s (361 points, 410 → 392 eV), O 1s (301, 540 → 525), C 1s (401, 320 → 300).
  @Test func prodigySessionHasEveryRegion() throws {
    let all = try PhotoelectronFile.read(
      try Data(contentsOf: SharedData.url("spectroscopy/xps/pynxtoolsxps_MgFe2O4.xy")), source: "MgFe2O4.xy")
    for (name, n, first, last) in [("N1s", 361, 410.0, 392.0), ("O1s", 301, 540, 525), ("C1s", 401, 320, 300)] {
      let s = try #require(all.first { $0.name == name })
      #expect(s.count == n && s.energies.first == first && s.energies.last == last)
      #expect(s.label == "\(name.prefix(1)) \(name.dropFirst())")
    }
    #expect(Set(all.map { "\($0.sample)|\($0.name.split(separator: " (").first ?? "")" }).count == 28)
  }

  /// CasaXPS' own FeO fit comes with the column export: four Fe 2p
  /// components at 709.05, 716.00, 722.13 and 729.89 eV (its Name/Position rows).
  @Test func casaComponentsAreKept() throws {
    let text = try String(
      contentsOf: SharedData.url("spectroscopy/xps/pynxtoolsxps_FeO_analyzed_lineshapes_cols.txt"), encoding: .utf8)
    let region = try #require(try CasaXPSTextFile.read(text, source: "FeO").first)
    #expect(region.components.map(\.position) == [709.05, 716.00, 722.13, 729.89])
    #expect(region.components.map(\.lineShape) == ["LF(0.54,10,80,100,6)", "SGL(30)", "LF(0.54,10,80,100,6)", "SGL(30)"])
  }

  /// Avantage's quantification table: sp² C at 284.53 eV with 80.23 at.%.
  @Test func avantageQuantificationIsKept() throws {
    let contents = try PhotoelectronWorkbook.read(
      try Data(contentsOf: SharedData.url("spectroscopy/xps/kherve_Hard_carbon_Thermo.xlsx")), source: "Thermo")
    let sp2 = try #require(contents.quantification.first { $0.name == "C1s sp2 C" })
    #expect(abs(sp2.bindingEnergy - 284.53) < 1e-9 && abs(sp2.atomicPercent - 80.23) < 1e-9)
    #expect(contents.quantification.count == 8)
  }

  /// Avantage's hard-carbon fits, from the same regions: Na 1s at 1071.88 eV
  /// (FWHM 2.13 eV) and the sp² C 1s component at 284.53 eV (FWHM 0.61 eV)
  /// among five. GL(30) components on a Shirley background give them within
  /// 0.06 and 0.02 eV (Avantage's "smart" background and shapes are not
  /// reproduced, so its areas and atomic % are not compared).
  @Test func avantageHardCarbonPositions() throws {
    let all = try PhotoelectronFile.read(
      try Data(contentsOf: SharedData.url("spectroscopy/xps/kherve_Hard_carbon_Thermo.xlsx")), source: "Thermo")
    func fit(_ region: String, _ starts: [(String, Double, Double)]) throws -> [XPSFit.FittedComponent] {
      let s = try #require(all.first { $0.name == region })
      let order = s.energies.indices.sorted { s.energies[$0] < s.energies[$1] }
      let components = starts.map { XPSFit.Component($0.0, position: $0.1, width: $0.2) }
      return try XPSFit.fit(
        energies: order.map { s.energies[$0] }, signal: order.map { s.signal[$0] }, components: components
      ).components
    }
    let sodium = try fit("Na1s", [("Na 1s", 1071.9, 2)])
    #expect(abs(sodium[0].positionElectronvolts - 1071.88) < 0.06, "\(sodium[0].positionElectronvolts)")
    #expect(abs(sodium[0].widthElectronvolts / 2.13 - 1) < 0.05)
    let carbon = try fit(
      "C1s",
      [("sp2", 284.53, 0.6), ("C-C", 284.83, 1.8), ("C-O-C", 286.03, 1.8), ("C=O", 288.32, 1.8), ("shake-up", 291.14, 2.6)])
    #expect(abs(carbon[0].positionElectronvolts - 284.53) < 0.02, "\(carbon[0].positionElectronvolts)")
    #expect(abs(carbon[0].widthElectronvolts - 0.61) < 0.08)
  }

  /// PHI's SnO2 depth profile: four regions × 21 sputter cycles. pynxtools-xps'
  /// reference gives each region averaged over the cycles (C 1s: 101 points,
  /// 298 → 278 eV, 2543.04 … 2527.14, maximum 3711.96; survey 1751 points,
  /// 68015.9 … 444.444), pass energies 55 and 224 eV, hν 1486.6 eV.
  @Test func phiDepthProfileAveragesAsPynxtools() throws {
    let all = try PhotoelectronFile.read(
      try Data(contentsOf: SharedData.url("spectroscopy/xps/pynxtoolsxps_SnO2_10nm_1.pro")), source: "SnO2.pro")
    #expect(all.count == 4 * 21)
    for (region, n, first, last, y0, y1, top, pe) in [
      ("C1s", 101, 298.0, 278.0, 2543.04, 2527.14, 3711.96, 55.0), ("Su1s", 1751, 1400, 0, 68015.9, 444.444, 523163, 224),
      ("Sn3d5", 101, 500, 480, 14500, 2707.14, 115275, 55),
    ] {
      let cycles = all.filter { $0.name.hasPrefix(region + " (cycle") }
      #expect(cycles.count == 21)
      let s = try #require(cycles.first)
      #expect(s.count == n && abs(s.energies[0] - first) < 1e-9 && abs(s.energies[n - 1] - last) < 1e-9)
      #expect(s.passEnergy == pe && s.photonEnergy == 1486.6)
      let mean = (0..<n).map { i in cycles.reduce(0) { $0 + $1.signal[i] } / Double(cycles.count) }
      #expect(Self.close(mean.first, y0) && Self.close(mean.last, y1) && Self.close(mean.max(), top), "\(region): \(mean[0]) … \(mean[n - 1])")
    }
  }

  /// Cut files give errors, not crashes or silent half-reads of the binary part.
  @Test func cutFilesGiveLocatedErrors() throws {
    for file in ["pynxtoolsxps_SnO2_10nm_1.pro", "kherve_Hard_carbon_Thermo.xlsx"] {
      let data = try Data(contentsOf: SharedData.url("spectroscopy/xps/\(file)"))
      for cut in [data.count / 2, data.count - 1000] {
        #expect(throws: SpectroscopyError.self, "\(file) cut at \(cut)") {
          _ = try PhotoelectronFile.read(data.prefix(cut), source: file)
        }
      }
    }
  }
}

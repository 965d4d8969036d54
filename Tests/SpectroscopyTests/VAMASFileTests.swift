import Foundation
import Spectroscopy
import TestSupport
import Testing

/// VAMAS files of five writers (SPECS Prodigy through CasaXPS, CasaXPS,
/// PHI MultiPak, a Kratos-style XPS export, Staib AES) against what the
/// independent readers vamas 0.2.0 and pynxtools-xps give (SOURCES.md).
@Suite("VAMAS files", SharedData.required("spectroscopy"))
struct VAMASFileTests {
  static func blocks(_ name: String) throws -> [VAMASFile.Block] {
    let url = SharedData.url("spectroscopy/xps/\(name)")
    return try VAMASFile.read(try Data(contentsOf: url), source: name)
  }

  struct Expected: Sendable, CustomTestStringConvertible {
    var file: String
    var block: Int
    var points: Int
    var first: Double
    var step: Double?
    var axis: PhotoelectronSpectrum.Axis
    var firstSignal: Double
    var lastSignal: Double
    var maximum: Double
    var passEnergy: Double?
    var testDescription: String { "\(file) block \(block)" }
  }

  static let cases: [Expected] = [
    .init(file: "pynxtoolsxps_regular.vms", block: 0, points: 1351, first: 136.61, step: 1, axis: .kinetic, firstSignal: 1559.87, lastSignal: 18.1529, maximum: 10836.6, passEnergy: 100),
    .init(file: "kherve_Pt4f.vms", block: 0, points: 281, first: 1396.68, step: 0.1, axis: .kinetic, firstSignal: 544.369, lastSignal: 136.04, maximum: 4433.43, passEnergy: 20),
    .init(file: "vamas_xps_eis.vms", block: 0, points: 8201, first: 1506.7, step: -0.1, axis: .kinetic, firstSignal: 52426, lastSignal: 2237, maximum: 84683, passEnergy: 50),
    .init(file: "vamas_xps_eis.vms", block: 2, points: 941, first: 1097.7, step: -0.05, axis: .kinetic, firstSignal: 14574, lastSignal: 12393, maximum: 15923, passEnergy: 20),
    .init(file: "vamas_xps_eis.vms", block: 3, points: 541, first: 1246.7, step: -0.05, axis: .kinetic, firstSignal: 9995, lastSignal: 7813, maximum: 12216, passEnergy: 20),
    .init(file: "vamas_aes_staib.vms", block: 0, points: 1100, first: 19.9893, step: 1.98367, axis: .kinetic, firstSignal: -3.42363e6, lastSignal: 46755, maximum: 99886, passEnergy: nil),
    .init(file: "lg4x_Mutlipak_vms.npl", block: 0, points: 601, first: 305, step: -0.05, axis: .binding, firstSignal: 2047.5, lastSignal: 1372.5, maximum: 6265, passEnergy: 46.95),
    .init(file: "lg4x_Mutlipak_vms.npl", block: 2, points: 501, first: 180, step: -0.05, axis: .binding, firstSignal: 528.75, lastSignal: 237.5, maximum: 2025, passEnergy: 46.95),
    .init(file: "lg4x_Mutlipak_vms.npl", block: 3, points: 401, first: 410, step: -0.05, axis: .binding, firstSignal: 2805, lastSignal: 2062.5, maximum: 3680, passEnergy: 46.95),
  ]

  /// Points, axis, first and last values and the maximum as vamas 0.2.0
  /// reads them (SOURCES.md quotes six significant figures).
  @Test(arguments: cases)
  func readsAsTheIndependentReader(_ e: Expected) throws {
    let blocks = try Self.blocks(e.file)
    let s = try #require(e.block < blocks.count ? blocks[e.block].spectrum : nil)
    #expect(s.count == e.points)
    #expect(s.recordedAxis == e.axis)
    #expect(abs((s.energies.first ?? .nan) - e.first) < 5e-5)
    if let step = e.step, s.count > 1 { #expect(abs((s.energies[1] - s.energies[0]) - step) < 5e-6) }
    #expect(s.signal.first.map { abs($0 / e.firstSignal - 1) < 1e-6 } == true)
    #expect(s.signal.last.map { abs($0 / e.lastSignal - 1) < 1e-6 } == true)
    #expect(s.signal.max().map { abs($0 / e.maximum - 1) < 1e-6 } == true)
    #expect(s.passEnergy == e.passEnergy)
  }

  @Test func blockCountsAndNames() throws {
    #expect(try Self.blocks("vamas_xps_eis.vms").count == 4)
    let npl = try Self.blocks("lg4x_Mutlipak_vms.npl")
    #expect(npl.map { "\($0.spectrum.species) \($0.spectrum.transition)" } == ["C 1s", "O 1s", "S 2p", "N 1s", "Mo 3d"])
    let pt = try #require(try Self.blocks("kherve_Pt4f.vms").first?.spectrum)
    #expect(pt.name == "Pt4f PE20" && pt.technique == "XPS" && pt.date == "2023-08-09 08:08:56")
    // Binding energy = hν − E_kin: 1486.68 − 1396.68 = 90 eV down to 62 eV.
    #expect(abs((pt.bindingEnergies?.first ?? 0) - 90) < 1e-9 && abs((pt.bindingEnergies?.last ?? 0) - 62) < 1e-9)
  }

  /// pynxtools-xps divides the counts by the 0.1 s dwell: 15598.7 counts/s
  /// at the first point; the IRREGULAR copy of the same survey carries the
  /// energies explicitly and gives the same numbers.
  @Test func regularAndIrregularGiveTheSameSurvey() throws {
    let regular = try #require(try Self.blocks("pynxtoolsxps_regular.vms").first?.spectrum)
    let irregular = try #require(try Self.blocks("pynxtoolsxps_irregular.vms").first?.spectrum)
    #expect(regular.dwellSeconds == 0.1)
    #expect(abs((regular.countsPerSecond?.first ?? 0) - 15598.7) < 1e-6)
    #expect(irregular.count == 1351)
    #expect(irregular.energies.first == 136.61 && irregular.energies.last == 1486.61)
    #expect(abs((irregular.countsPerSecond?.first ?? 0) - 15598.7) < 1e-6)
    #expect(abs((irregular.signal.last ?? 0) - 181.53) < 0.005)
    #expect(irregular.transmission?.first == 78.8103)
    let cps = try #require(regular.countsPerSecond)
    for k in stride(from: 0, to: 1351, by: 97) { #expect(abs(cps[k] / irregular.signal[k] - 1) < 1e-5) }
  }

  /// CasaXPS keeps its processing in the block comment: the Tougaard
  /// region and four Fe 2p components of FeO_analyzed.vms.
  @Test func casaProcessingIsKeptInTheComment() throws {
    let block = try #require(try Self.blocks("pynxtoolsxps_FeO_analyzed.vms").first)
    #expect(block.spectrum.count == 1121)
    #expect(block.spectrum.energies.first == 736.61 && block.spectrum.signal.first == 12516.9)
    #expect(block.comment.filter { $0.hasPrefix("CASA comp") }.count == 4)
    // pynxtools-xps: E 750 → 694 eV (binding), 6258.45 counts/s first (2 s dwell), 1442.15 last.
    let be = try #require(block.spectrum.bindingEnergies)
    #expect(abs(be[0] - 750) < 1e-9 && abs(be[be.count - 1] - 694) < 1e-9)
    #expect(abs((block.spectrum.countsPerSecond?.first ?? 0) - 6258.45) < 1e-9)
    #expect(abs((block.spectrum.countsPerSecond?.last ?? 0) - 1442.15) < 1e-2)
    #expect(block.comment.contains { $0.hasPrefix("CASA region") && $0.contains("Tougaard") })
  }

  /// Damaged files give located errors, never a crash.
  @Test func damagedFilesGiveLocatedErrors() throws {
    let original = Array(try Data(contentsOf: SharedData.url("spectroscopy/xps/kherve_Pt4f.vms")))
    var damage = ByteDamage(seed: 14976, interesting: Array("0123456789-.e\n".utf8))
    for trial in 0..<300 {
      let bytes = damage.damaged(original, trial: trial)
      do {
        _ = try VAMASFile.read(Data(bytes), source: "damaged.vms")
      } catch {
        #expect(error.description.hasPrefix("damaged.vms"))
      }
    }
    #expect(throws: SpectroscopyError.self) { try VAMASFile.read(Data(original.prefix(2000)), source: "cut.vms") }
    let huge = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\n562\n", with: "\n5620000000\n")
    #expect(throws: SpectroscopyError.self) { try VAMASFile.read(Data(huge.utf8), source: "huge.vms") }
  }
}

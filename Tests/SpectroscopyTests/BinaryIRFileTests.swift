import Foundation
import Spectroscopy
import TestSupport
import Testing

/// The binary and vendor IR formats — Bruker OPUS, Thermo OMNIC `.spa`,
/// PerkinElmer `.sp`, Galactic `.spc`, Agilent `.asp` and a headerless CSV —
/// against what brukeropus 1.4.3, spectrochempy 1.1.3, specio 0.1.0,
/// spc-spectra 0.4.0 and numpy read from the same files (SOURCES.md), and
/// against OpenSpecy's published ranges.
@Suite("Vendor IR files", SharedData.required("spectroscopy"))
struct BinaryIRFileTests {
  struct Expected: Sendable, CustomTestStringConvertible {
    var file: String
    /// Which curve of the file ("AB", "ScSm" …); nil for the first.
    var block: String?
    var points: Int
    var firstX: Double
    var lastX: Double
    var firstY: Double
    var lastY: Double
    var minimum: Double
    var maximum: Double
    var ordinate: OpticalOrdinate
    var testDescription: String { file + (block.map { " " + $0 } ?? "") }
  }

  static let cases: [Expected] = [
    // brukeropus 1.4.3 (and spectrochempy / OpenSpecy for ftir_ps.0 "a")
    .init(file: "openspecy_ftir_ps.0", block: "Bruker OPUS AB", points: 2126, firstX: 4497.54, lastX: 399.224, firstY: 0.0236172, lastY: 0.016602, minimum: 0.0129894, maximum: 0.611214, ordinate: .absorbance),
    .init(file: "openspecy_ftir_ps.0", block: "Bruker OPUS ScSm", points: 2126, firstX: 4497.54, lastX: 399.224, firstY: 0.027167, lastY: 0.00431926, minimum: 0.00431926, maximum: 0.138488, ordinate: .singleChannel),
    .init(file: "openspecy_ftir_ps.0", block: "Bruker OPUS ScSm reference", points: 2132, firstX: 4505.25, lastX: 395.367, firstY: 0.0284968, lastY: 0.00409671, minimum: 0.00389681, maximum: 0.150842, ordinate: .singleChannel),
    .init(file: "brukeropus_file.0", block: "Bruker OPUS AB", points: 4927, firstX: 9997.72, lastX: 499.404, firstY: 0.00876892, lastY: 0.0233988, minimum: -1.17677, maximum: 6, ordinate: .absorbance),
    .init(file: "waispectralio_141009_001-01_0-6.0", block: "Bruker OPUS AB", points: 1154, firstX: 12489.6, lastX: 3594.91, firstY: 0.719973, lastY: 1.26818, minimum: 0.423707, maximum: 1.31719, ordinate: .absorbance),
    .init(file: "opusreader2_test_spectra.0", block: "Bruker OPUS REFL", points: 4819, firstX: 7498.29, lastX: 599.921, firstY: 0.524343, lastY: 0.0338489, minimum: 0.0209483, maximum: 0.586116, ordinate: .reflectance),
    .init(file: "opusreader2_BF_lo_01_soil_cal.1", block: "Bruker OPUS AB", points: 1716, firstX: 3997.4, lastX: 499.675, firstY: 0.123978, lastY: 0.551766, minimum: 0.104071, maximum: 1.46685, ordinate: .absorbance),
    .init(file: "opusreader2_issue82_Opus_test.0", block: "Bruker OPUS AB", points: 1112, firstX: 12488, lastX: 3600, firstY: 0.998422, lastY: 1.99141, minimum: 0.28133, maximum: 1.99141, ordinate: .absorbance),
    // spectrochempy read_omnic; OpenSpecy: 1738 points, 649.9–3999.8, 61.51–102.88
    .init(file: "openspecy_ftir_polyethylene_reflectance_adjustment_not_working.spa", block: nil, points: 1738, firstX: 3999.81, lastX: 649.921, firstY: 100.496, lastY: 95.1897, minimum: 61.511, maximum: 102.877, ordinate: .reflectancePercent),
    // specio 0.1.0
    .init(file: "specio_spectra.sp", block: nil, points: 3301, firstX: 4000, lastX: 700, firstY: 0.0372394, lastY: 0.00417556, minimum: -0.0441946, maximum: 0.359074, ordinate: .absorbance),
    // spc-spectra 0.4.0 (a Raman spectrum)
    .init(file: "specio_spectra.spc", block: nil, points: 1911, firstX: 400.621, lastX: 3799.82, firstY: 1487, lastY: 134.08, minimum: 130.975, maximum: 4400.36, ordinate: .intensity),
    // OpenSpecy: 1798 points, 650.4–3999.4, 0.0010–0.5182
    .init(file: "openspecy_ftir_ldpe_soil.asp", block: nil, points: 1798, firstX: 3999.43, lastX: 650.42, firstY: 0.00569463, lastY: 0.027056, minimum: 0.000961721, maximum: 0.518163, ordinate: .unknown),
    // numpy.loadtxt
    .init(file: "openspecy_ftir_pva_without_header.csv", block: nil, points: 863, firstX: 674.992, lastX: 3999.81, firstY: 0.0135699, lastY: 0.0110575, minimum: 0.00386836, maximum: 0.0903078, ordinate: .unknown),
  ]

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-5 * max(abs(b), 1e-300)
  }

  @Test(arguments: cases)
  func readsAsTheIndependentReader(_ e: Expected) throws {
    let data = try Data(contentsOf: SharedData.url("spectroscopy/ir/\(e.file)"))
    let all = try OpticalSpectrumFile.read(data, source: e.file)
    let s = try #require(e.block.map { b in all.first { $0.origin == b } } ?? all.first, "blocks: \(all.map(\.origin))")
    #expect(s.x.count == e.points && s.y.count == e.points)
    #expect(Self.close(s.x.first, e.firstX) && Self.close(s.x.last, e.lastX), "x \(s.x.first ?? .nan)…\(s.x.last ?? .nan)")
    #expect(Self.close(s.y.first, e.firstY) && Self.close(s.y.last, e.lastY), "y \(s.y.first ?? .nan)…\(s.y.last ?? .nan)")
    #expect(Self.close(s.y.min(), e.minimum) && Self.close(s.y.max(), e.maximum), "y \(s.y.min() ?? .nan)…\(s.y.max() ?? .nan)")
    #expect(s.ordinate == e.ordinate, "\(s.yUnits)")
  }

  /// brukeropus names the two absorbance blocks of the soil file a and a_2;
  /// the main result (absorbance) comes before the single channels.
  @Test func opusKeepsEveryResultBlockAndPutsTheResultFirst() throws {
    let data = try Data(contentsOf: SharedData.url("spectroscopy/ir/opusreader2_BF_lo_01_soil_cal.1"))
    let all = try OPUSFile.read(data, source: "soil")
    #expect(all.filter { $0.origin == "Bruker OPUS AB" }.count == 2)
    #expect(all.first?.ordinate == .absorbance)
    #expect(all.last?.ordinate == .singleChannel)
  }

  @Test func truncatedBinariesGiveLocatedErrors() throws {
    for file in ["openspecy_ftir_ps.0", "specio_spectra.sp", "specio_spectra.spc",
                 "openspecy_ftir_polyethylene_reflectance_adjustment_not_working.spa"] {
      let data = try Data(contentsOf: SharedData.url("spectroscopy/ir/\(file)"))
      for cut in [600, data.count / 2] {
        #expect(throws: SpectroscopyError.self, "\(file) cut at \(cut)") {
          _ = try OpticalSpectrumFile.read(data.prefix(cut), source: file)
        }
      }
    }
  }
}

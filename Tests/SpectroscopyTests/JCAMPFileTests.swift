import Foundation
import Spectroscopy
import TestSupport
import Testing

/// JCAMP-DX files in every data form — the official test files (AFFN, PAC,
/// DIFDUP), Lancashire's, NIST's and OpenSpecy's — against what jcamp 1.3.2
/// reads (SOURCES.md: points, first and last X, first and last Y, extremes).
@Suite("JCAMP-DX files", SharedData.required("spectroscopy"))
struct JCAMPFileTests {
  struct Expected: Sendable, CustomTestStringConvertible {
    var file: String
    var points: Int
    var firstX: Double
    var lastX: Double
    var firstY: Double
    var lastY: Double
    var minimum: Double
    var maximum: Double
    var testDescription: String { file }
  }

  static let cases: [Expected] = [
    .init(file: "jcamp_water.jdx", points: 880, firstX: 450, lastX: 3966, firstY: 0.0060948, lastY: 0.099716, minimum: 0, maximum: 0.62833),
    .init(file: "jcamp_acetonitrile.jdx", points: 14106, firstX: 574.928, lastX: 3975.08, firstY: -7.19979e-07, lastY: 9.52528e-07, minimum: -1.50214e-06, maximum: 0.000232852),
    .init(file: "jcamp_acrylonitrile.jdx", points: 14106, firstX: 574.928, lastX: 3975.08, firstY: -2.25083e-07, lastY: 3.22307e-07, minimum: -6.4916e-07, maximum: 0.000628206),
    .init(file: "jcamp_ethanol.jdx", points: 3570, firstX: 461.563, lastX: 3807.5, firstY: 0.966, lastY: 1, minimum: 0.142, maximum: 1.024),
    .init(file: "jcamp_methanol.jdx", points: 3567, firstX: 463.438, lastX: 3806.57, firstY: 0.939, lastY: 0.9784, minimum: 0.0172, maximum: 0.998),
    .init(file: "jcamp_isopropanol_ASDF.jdx", points: 9541, firstX: 400.196, lastX: 5000.04, firstY: 0.0300519, lastY: 0.00187469, minimum: -0.0855258, maximum: 0.368917),
    .init(file: "jcamp_ethanol2.jdx", points: 1764, firstX: 599.862, lastX: 4000.36, firstY: 41.5825, lastY: 93.1096, minimum: 13.9798, maximum: 94.7245),
    .init(file: "jcamp_BRUKER1.JCM", points: 3735, firstX: 4000.66, lastX: 400.162, firstY: 91.0645, lastY: 57.6416, minimum: -0.292969, maximum: 95.8252),
    .init(file: "jcamp_BRUKER2.JCM", points: 3735, firstX: 4000.66, lastX: 400.162, firstY: 0.0405273, lastY: 0.239014, minimum: 0.0183105, maximum: 5),
    .init(file: "jcamp_PE1800.DX", points: 3301, firstX: 4000, lastX: 700, firstY: 1.016, lastY: 1.0124, minimum: 0.8631, maximum: 1.0189),
    .init(file: "jcamp_SPECFILE.DX", points: 1801, firstX: 400, lastX: 4000, firstY: 97.7372, lastY: 82.831, minimum: 0.999997, maximum: 99.9966),
    .init(file: "jcamp_LABCALC.DX", points: 3435, firstX: 249.741, lastX: 3699.74, firstY: 0.971056, lastY: 0.933492, minimum: 0, maximum: 1),
    .init(file: "jcamp_pacdec1.jdx", points: 3301, firstX: 4000, lastX: 700, firstY: 101.6, lastY: 101.24, minimum: 86.31, maximum: 101.89),
    .init(file: "jcamp_jtpolysd.jdx", points: 1844, firstX: 447.484, lastX: 4002.28, firstY: 0.983376, lastY: 0.988361, minimum: 0.343462, maximum: 1.02463),
    .init(file: "openspecy_fitr_nitrocellulose.jdx", points: 7154, firstX: 7498.99, lastX: 599.92, firstY: 0.68973, lastY: 0.0409009, minimum: 0.0106236, maximum: 0.69886),
    .init(file: "jcamp_example_compound_file.jdx", points: 2074, firstX: 11995.2, lastX: 3999.69, firstY: 0.032112, lastY: 0.52175, minimum: 0.032037, maximum: 0.529274),
  ]

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-5 * max(abs(b), 1e-300) || abs(a - b) < 1e-12
  }

  @Test(arguments: cases)
  func readsAsJcamp(_ e: Expected) throws {
    let data = try Data(contentsOf: SharedData.url("spectroscopy/ir/\(e.file)"))
    let s = try #require(try JCAMPFile.read(data, source: e.file).first)
    #expect(s.x.count == e.points && s.y.count == e.points)
    #expect(Self.close(s.x.first, e.firstX) && Self.close(s.x.last, e.lastX), "x \(s.x.first ?? .nan)…\(s.x.last ?? .nan)")
    #expect(Self.close(s.y.first, e.firstY) && Self.close(s.y.last, e.lastY), "y \(s.y.first ?? .nan)…\(s.y.last ?? .nan)")
    #expect(Self.close(s.y.min(), e.minimum) && Self.close(s.y.max(), e.maximum), "y \(s.y.min() ?? .nan)…\(s.y.max() ?? .nan)")
  }

  @Test func compoundFileGivesBothBlocksAndNTuplesAreRefused() throws {
    let compound = try JCAMPFile.read(
      try Data(contentsOf: SharedData.url("spectroscopy/ir/jcamp_example_compound_file.jdx")), source: "compound")
    #expect(compound.count == 2)
    #expect {
      try JCAMPFile.read(try Data(contentsOf: SharedData.url("spectroscopy/ir/jcamp_BRUKNTUP.DX")), source: "BRUKNTUP.DX")
    } throws: { "\($0)".contains("NTUPLES") }
  }

  /// ASDF by hand. Line 1: A0 = 10, J = +1, % = +0, T repeats the last
  /// difference once more → 10, 11, 11, 11. Lines after one that ends in a
  /// difference begin with the Y-check (the last Y again), which is
  /// dropped: A1 (11), then J %, → 12, 12; A2 (12), then j → 11; A1 (11),
  /// then B0 (20) and @ (0). YFACTOR 0.5 halves them.
  @Test func compressedFormsDecode() throws {
    let text = """
      ##TITLE=test
      ##JCAMP-DX=4.24
      ##YFACTOR=0.5
      ##FIRSTX=1
      ##LASTX=9
      ##NPOINTS=9
      ##XYDATA=(X++(Y..Y))
      1 A0J%T
      4 A1J%
      6 A2j
      7 A1 B0 @
      ##END=
      """
    let s = try #require(try JCAMPFile.read(Data(text.utf8), source: "asdf.jdx").first)
    #expect(s.y == [5, 5.5, 5.5, 5.5, 6, 6, 5.5, 10, 0])
    #expect(s.x == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    // PAC: signs separate values; an exponent is not the SQZ digit E.
    let pac = "##TITLE=p\n##FIRSTX=0\n##LASTX=3\n##NPOINTS=4\n##XYDATA=(X++(Y..Y))\n0+1.5E-03-2+3.25E+1-4\n##END="
    #expect(try JCAMPFile.read(Data(pac.utf8), source: "pac.jdx").first?.y == [1.5e-3, -2, 32.5, -4])
  }

  @Test func damagedFilesGiveLocatedErrors() throws {
    let original = Array(try Data(contentsOf: SharedData.url("spectroscopy/ir/jcamp_BRUKER1.JCM")))
    var damage = ByteDamage(seed: 4240, interesting: Array("0123456789@%JjSs#=\n".utf8))
    for trial in 0..<200 {
      do {
        _ = try JCAMPFile.read(Data(damage.damaged(original, trial: trial)), source: "damaged.jdx")
      } catch {
        #expect(error.description.hasPrefix("damaged.jdx"))
      }
    }
  }
}

import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Crystal

@Suite("Bond valence", SharedData.required)
struct BondValenceTests {
  /// A few rows in the table's own format (values of Brown's bvparm2020:
  /// Na–Cl from Brese & O'Keeffe 1991, P–O from Brown & Altermatt 1985),
  /// with an unchecked row that must not be used.
  static let rows = """
    # cation valence anion valence R0 B ref note
    Na 1   Cl -1    2.22     0.37     e   unchecked
    Na 1   Cl -1    2.15     0.37     b   ?
    P  5   O  -2    1.617    0.37     a   ?
    """

  static func structure(_ file: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    return try CrystalStructure(block: doc.blocks[0], source: file)
  }

  /// Halite: six Cl at a/2 give 6·exp((2.15 − 2.82005)/0.37) = 0.981 v.u.,
  /// the value SOURCES.md gives for Brown's R0 = 2.15, B = 0.37; the
  /// states come from a charge-balance guess (the file has none).
  @Test func haliteSodium() throws {
    let s = try Self.structure("dd_NaCl.cif")
    let states = try #require(s.oxidationStates())
    #expect(states == [1, -1])
    let table = try BondValenceTable(parsing: Self.rows, source: "rows")
    let sums = s.bondValenceSums(table: table, oxidationStates: states)
    let na = try #require(sums.first { s.sites[$0.site].element.symbol == "Na" })
    #expect(na.bonds == 6)
    #expect(abs(na.sum - 6 * exp((2.15 - 5.6401 / 2) / 0.37)) < 1e-9)
    #expect(abs(na.sum - 0.981) < 5e-4)
  }

  /// Alluaudite NaMnFe2(PO4)3: the guess gives Na+ Mn2+ Fe3+ P5+ O2−; the
  /// P2 sum equals the hand sum over the four P–O distances that pymatgen
  /// finds (1.5243, 1.5304, 1.5537, 1.5572 Å) to 0.01 v.u.
  @Test func alluauditePhosphorus() throws {
    let s = try Self.structure("cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif")
    let states = try #require(s.oxidationStates())
    let bySymbol = Dictionary(
      s.sites.indices.map { (s.sites[$0].element.symbol, states[$0]) },
      uniquingKeysWith: { a, _ in a })
    #expect(bySymbol == ["Na": 1, "Mn": 2, "Fe": 3, "P": 5, "O": -2])
    let table = try BondValenceTable(parsing: Self.rows, source: "rows")
    let sums = s.bondValenceSums(table: table, oxidationStates: states, cutoff: 3.0)
    let p2 = try #require(sums.first { s.sites[$0.site].label == "P2" })
    let hand = [1.5243, 1.5304, 1.5537, 1.5572].reduce(0) { $0 + exp((1.617 - $1) / 0.37) }
    #expect(abs(p2.sum - hand) < 0.01)
    #expect(p2.bonds == 4)
    // Na has no Na–O row here: reported, not guessed.
    let na = try #require(sums.first { s.sites[$0.site].label == "NaA1" })
    #expect(na.missing == ["Na1+–O2-"] && na.sum == 0)
  }

  /// The full table, when the user has it (IONICS_BVPARM): Na–O is Brown &
  /// Altermatt's 1.803/0.37, and the unchecked Na–Cl row is skipped.
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["IONICS_BVPARM"] != nil,
      "set IONICS_BVPARM to Brown's bvparm2020.cif to check the full table"))
  func fullTable() throws {
    let path = ProcessInfo.processInfo.environment["IONICS_BVPARM"] ?? ""
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    let table = try BondValenceTable(parsing: text, source: path)
    let na = try #require(Element(symbol: "Na"))
    let o = try #require(Element(symbol: "O"))
    let cl = try #require(Element(symbol: "Cl"))
    #expect(table.parameters(cation: na, valence: 1, anion: o, anionValence: -2)?.r0 == 1.803)
    #expect(table.parameters(cation: na, valence: 1, anion: cl, anionValence: -1)?.r0 == 2.15)
  }
}

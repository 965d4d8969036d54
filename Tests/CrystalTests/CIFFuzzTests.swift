import Foundation
import PropertyBased
import TestSupport
import Testing

@testable import Crystal

/// Mutated CIF text: the reader returns a document or throws ``CIFError``,
/// never crashes or hangs.
struct CIFFuzzTests {
  static let alphabet = Array("_;'\"#[]{}:\n\t .?0123456789()eEdataloop_save_xyzNa-+\\")

  static let cif1 = """
    data_x
    _cell_length_a 9.4363(3)
    _symmetry_space_group_name_H-M 'P -1'
    _publ_section_title
    ;
    title
    ;
    loop_
    _atom_site_label
    _atom_site_fract_x
    _atom_site_occupancy
    Re1 0.1000(1) 1
    Na1 0.4500(3) 0.5
    Na2 0.5 .

    """
  static let cif2 = """
    #\\#CIF_2.0
    data_y
    _a '''multi
    line'''
    _b [ 1 [ 2 3 ] { 'k': 4 } ]
    _cell.length_a 5.6401(2)
    loop_
    _atom_site.label
    _atom_site.fract_x
    Na1 0
    Cl1 0.5

    """

  static func check(_ seed: String, count: Int = 2000) async {
    let gen = Gen.int(in: 0..<Self.alphabet.count).array(of: 0...8).map {
      TextMutation.mutated(seed, edits: $0, alphabet: Self.alphabet)
    }
    await propertyCheck(count: count, input: gen) { text in
      do {
        let doc = try CIFParser.parse(text, source: "fuzz.cif")
        #expect(!doc.blocks.isEmpty)
        for block in doc.blocks {
          for loop in block.loops { #expect(loop.rows.allSatisfy { $0.count == loop.tags.count }) }
          _ = block.value("_cell_length_a")?.number
        }
      } catch is CIFError {
      } catch {
        Issue.record("untyped error \(error) for \(text.debugDescription)")
      }
    }
  }

  @Test func mutatedCIF11ReturnsDocumentOrTypedError() async { await Self.check(Self.cif1) }

  @Test func mutatedCIF2ReturnsDocumentOrTypedError() async { await Self.check(Self.cif2) }

  /// Real files of the shared set, mutated.
  @Test(
    SharedData.required,
    arguments: [
      "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif", "cif2_CIF2-features.cif",
      "cod7011014_occupancy-is-a-dot.cif",
    ])
  func mutatedRealFilesReturnDocumentOrTypedError(file: String) async throws {
    let text = try String(contentsOf: SharedData.url("cif/\(file)"), encoding: .utf8)
    await Self.check(text, count: 1000)
  }

  /// Random bytes, invalid UTF-8 included (read as Latin-1).
  @Test func randomBytesReturnDocumentOrTypedError() async {
    let gen = Gen.int(in: 0..<256).array(of: 0...200).map { Data($0.map { UInt8($0) }) }
    await propertyCheck(count: 2000, input: gen) { data in
      do {
        _ = try CIFParser.parse(Data("data_r\n_a ".utf8) + data, source: "random.cif")
      } catch is CIFError {
      } catch {
        Issue.record("untyped error \(error)")
      }
    }
  }
}

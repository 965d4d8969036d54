import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Crystal

@Suite("CIF reading")
struct CIFParserTests {
  /// Numbers keep their standard uncertainty, in CIF's notations.
  @Test func numbersWithUncertainties() throws {
    let cases: [(String, Double, Double)] = [
      ("9.4363(3)", 9.4363, 0.0003), ("17.6142(4)", 17.6142, 0.0004), ("2.786(8)", 2.786, 0.008),
      ("-0.0123(15)", -0.0123, 0.0015), ("12(2)", 12, 2), ("1.2e-3(4)", 1.2e-3, 0.4e-3),
      ("1.2(4)e-3", 1.2e-3, 0.4e-3), ("0.5", 0.5, 0), (".25", 0.25, 0), ("1E2", 100, 0),
    ]
    for (text, value, su) in cases {
      let m = try #require(CIFValue.text(text).number, "\(text)")
      #expect(abs(m.value - value) < 1e-12 * max(1, abs(value)), "\(text)")
      #expect(abs(m.standardUncertainty - su) < 1e-15 + 1e-9 * su, "\(text)")
    }
    for text in ["Na1", "1.2.3", "(3)", "1(a)", "e5", "-", "1e", "P -1"] {
      #expect(CIFValue.text(text).number == nil, "\(text)")
    }
    // Quoted text is a string by CIF's rules, even when it looks like a number.
    #expect(CIFValue.quoted("1.5").number == nil)
  }

  /// CIF 1.1 syntax: quotes close only before white space, text fields,
  /// comments, ? and . against '?' and '.', loops, case-insensitive tags.
  @Test func cif11Syntax() throws {
    let text = """
      # comment
      data_test
      _publ_author_name 'O'Neil, J.'
      _journal_coden_ASTM ?
      _refine_special_details .
      _quoted_null '?'
      _Cell_Length_A 5.6401(2) # trailing comment
      _publ_section_title
      ;
       A title on
       two lines
      ;
      loop_
      _atom_site_label
      _atom_site_fract_x
      Na1 0.0
      Cl1 0.5
      """
    let doc = try CIFParser.parse(text, source: "t.cif")
    #expect(doc.version == "1.1")
    let block = try #require(doc.blocks.first)
    #expect(block.name == "test")
    #expect(block.value("_publ_author_name")?.string == "O'Neil, J.")
    #expect(block.value("_journal_coden_astm") == .unknown)
    #expect(block.value("_refine_special_details") == .inapplicable)
    #expect(block.value("_quoted_null") == .quoted("?"))
    #expect(block.value("_cell_length_a")?.number == Measured(5.6401, standardUncertainty: 0.0002))
    #expect(block.value("_publ_section_title")?.string == "\n A title on\n two lines")
    #expect(block.column("_atom_site_label")?.compactMap(\.string) == ["Na1", "Cl1"])
    #expect(block.column("_atom_site_fract_x")?.compactMap(\.double) == [0, 0.5])
  }

  /// Windows and old Mac line endings read like Unix ones.
  @Test func lineEndings() throws {
    for newline in ["\r\n", "\r"] {
      let text = ["data_x", "_a 1.5(2)", "_t", ";", "text", ";", "loop_", "_b", "1", "2"]
        .joined(separator: newline)
      let block = try #require(try CIFParser.parse(text, source: "t.cif").blocks.first)
      #expect(block.value("_a")?.number == Measured(1.5, standardUncertainty: 0.2))
      #expect(block.value("_t")?.string?.trimmingCharacters(in: .whitespacesAndNewlines) == "text")
      #expect(block.column("_b")?.count == 2)
    }
  }

  /// Syntax errors name the file, line and column and what was expected.
  @Test(arguments: [
    ("data_x\n_a 'open\n", "line 2, column 4", "not closed"),
    ("data_x\n_a\n;\ntext without end\n", "line 3, column 1", "text field never ends"),
    ("data_x\nloop_\n_a\n_b\n1 2 3\n", "line 2, column 1", "last row is incomplete"),
    ("_a 1\ndata_x\n", "line 1, column 1", "before the first data_"),
    ("data_x\n_a\n_b 2\n", "line 3, column 1", "expected a value for _a"),
    ("data_x\n_a 1 2\n", "line 2, column 6", "a value without a tag"),
    ("# nothing\n", "", "no data block"),
    ("#\\#CIF_2.0\ndata_x\n_a [1 2\n", "line 3, column 4", "list never closed"),
    ("#\\#CIF_2.0\ndata_x\n_a '''never\n", "line 3, column 4", "triple-quoted string never ends"),
  ])
  func syntaxErrorsSayWhere(text: String, location: String, message: String) {
    do {
      _ = try CIFParser.parse(text, source: "bad.cif")
      Issue.record("no error for \(text.debugDescription)")
    } catch {
      let description = "\(error)"
      #expect(description.contains("bad.cif"), "\(description)")
      #expect(location.isEmpty || description.contains(location), "\(description)")
      #expect(description.contains(message), "\(description)")
    }
  }

  /// CIF 2.0: triple-quoted strings, nested lists and tables, UTF-8 block
  /// names, DDLm dotted tags matched to their CIF 1 spelling.
  @Test(SharedData.required) func cif2Files() throws {
    let features = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/cif2_CIF2-features.cif")), source: "features")
    #expect(features.version == "2.0")
    let f = try #require(features.blocks.first)
    #expect(f.value("_sq3string")?.string == "\nmultiline, triple quoted (') string\n")
    #expect(f.value("_dq3string")?.string == "\nmultiline, triple quoted (\") string\n")
    #expect(f.value("_nested_list") == .list([.list([])]))
    #expect(f.value("_nested_table") == .table(["key": .table([:])]))

    let unicode = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/cif2_CIF2-Unicode.cif")), source: "unicode")
    #expect(unicode.blocks.map(\.name) == ["pirmasis_duomenų_blokas", "antrasis_duomenų_blokas"])
    #expect(unicode.blocks[0].value("_journal_name_full")?.string == "Sąžininga")

    let ddlm = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/derived_cif2_NaCl_ddlm.cif")), source: "ddlm")
    let d = try #require(ddlm.blocks.first)
    #expect(d.value("_cell_length_a")?.number == Measured(5.6401, standardUncertainty: 0.0002))
    #expect(d.value("_space_group.name_H-M_alt")?.string == "F m -3 m")
    #expect(
      d.value("_test.cif2_list") == .list([.text("5.6401"), .text("5.6401"), .text("5.6401")]))
    #expect(d.column("_atom_site_type_symbol")?.compactMap(\.string) == ["Na", "Cl"])
  }

  /// Every CIF of the shared set reads, with its data blocks and its
  /// atom-site rows (counted by hand from the files).
  @Test(
    SharedData.required,
    arguments: [
      ("dd_NaCl.cif", 1, 2), ("synthetic_P-1_mixed-AsS_halfNa_su.cif", 1, 6),
      ("multiblock_bs5068_Ni-complexes_7blocks.cif", 7, nil),
      ("cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif", 1, 12),
      ("pmgdiff_cNa3PS4_AIMD-2x2x2.cif", 1, 128),
      ("cod1004000_W6S8-methylamine_atom-names-not-unique.cif", 1, nil),
      ("cod1004001_disorder.cif", 1, nil), ("cod1100710_Pt-en2_Au-CN2_2.cif", 1, nil),
      ("cod1100711_Pt-en2_Ag-CN2_2.cif", 1, nil), ("cod2001520_disorder-no-occupancy.cif", 1, nil),
      ("cod2011885_ZnNCN_zinc-cyanamide.cif", 1, nil),
      ("cod7011014_occupancy-is-a-dot.cif", 1, nil),
      ("large/nasiconkmc_0.3_1_Na1331Zr2048Si307P2765O12288_supercell.cif", 1, 18739),
    ] as [(String, Int, Int?)])
  func sharedFilesRead(file: String, blocks: Int, sites: Int?) throws {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    #expect(doc.blocks.count == blocks)
    for block in doc.blocks {
      #expect(
        block.column("_atom_site_label") != nil || block.column("_atom_site_type_symbol") != nil)
    }
    if let sites {
      let rows = doc.blocks[0].column("_atom_site_fract_x")?.count
      #expect(rows == sites)
    }
  }
}

import Foundation
import TestSupport
import Testing

@testable import Crystal

/// An operation as exact integers: rotation rows and the translation in
/// 1/24 of the edges, reduced to [0, 24).
private struct GemmiOperation: Hashable {
  let rotation: [Int]
  let translation: [Int]

  init(_ op: SymmetryOperation, shift: SIMD3<Double> = .zero) {
    rotation = op.rotation.flatMap { $0 }
    translation = (0..<3).map { i in
      let t = Int(((op.translation[i] + shift[i]) * 24).rounded())
      return ((t % 24) + 24) % 24
    }
  }
}

@Suite("Space groups from Hall and Hermann–Mauguin symbols")
struct SpaceGroupTests {
  /// gemmi's operations for every tabulated setting (written by
  /// Scripts/spacegroup-table.py): Hall symbol, order, centring vectors and
  /// coset representatives.
  fileprivate static let gemmiReference:
    [(hall: String, order: Int, operations: Set<GemmiOperation>)] = {
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gemmi-spacegroup-operations.txt")
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
      return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let order = Int(parts[1]) else { return nil }
        let centring = parts[2].split(separator: ";").map { vector in
          let v = vector.split(separator: ",").map { fraction -> Double in
            let pq = fraction.split(separator: "/").compactMap { Double($0) }
            return pq.count == 2 ? pq[0] / pq[1] : .nan
          }
          return SIMD3(v[0], v[1], v[2])
        }
        var all: Set<GemmiOperation> = []
        for text in parts[3].split(separator: ";") {
          guard let op = try? SymmetryOperation(parsing: String(text)) else { return nil }
          for c in centring { all.insert(GemmiOperation(op, shift: c)) }
        }
        return (parts[0], order, all)
      }
    }()

  /// Ionics's own reading of each of the 564 Hall symbols gives exactly the
  /// operations gemmi derives from it (every one, with translations).
  @Test func everyTabulatedHallSymbolGivesGemmisOperations() throws {
    #expect(Self.gemmiReference.count == SpaceGroup.settings.count)
    var mismatches: [String] = []
    for entry in Self.gemmiReference {
      let ops = try HallSymbol.operations(entry.hall)
      let ours = Set(ops.map { GemmiOperation($0) })
      if ops.count != entry.order || ours != entry.operations { mismatches.append(entry.hall) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(10))")
  }

  /// One reference setting for each of the 230 numbers, with the group
  /// orders of International Tables at the edges of each crystal system.
  @Test func everyNumberHasAReferenceSetting() throws {
    for n in 1...230 {
      let settings = try #require(SpaceGroup.settings(number: n))
      #expect(settings[0].isReferenceSetting && settings[0].number == n)
    }
    let orders = [
      1: 1, 2: 2, 14: 4, 15: 8, 62: 8, 70: 32, 139: 32, 142: 32, 148: 18, 167: 36, 194: 24,
      225: 192, 227: 192, 229: 96, 230: 96,
    ]
    for (n, order) in orders {
      #expect(SpaceGroup.settings(number: n)?[0].operations.count == order, "No. \(n)")
    }
    #expect(SpaceGroup.settings(number: 0) == nil && SpaceGroup.settings(number: 231) == nil)
  }

  /// Symbols as users write them find their setting.
  @Test(
    arguments: [
      ("P21/c", "P 1 21/c 1", 14), ("P 21/c", "P 1 21/c 1", 14), ("P2_1/c", "P 1 21/c 1", 14),
      ("P 1 21/n 1", "P 1 21/n 1", 14), ("P 21/n", "P 1 21/n 1", 14), ("C2/c", "C 1 2/c 1", 15),
      ("Pnma", "P n m a", 62), ("P 21/n 21/m 21/a", "P n m a", 62), ("Fm-3m", "F m -3 m", 225),
      ("F m 3 m", "F m -3 m", 225), ("Fm3m", "F m -3 m", 225), ("F 4/m -3 2/m", "F m -3 m", 225),
      ("Ia3d", "I a -3 d", 230), ("P4/mmm", "P 4/m m m", 123), ("P 4/m 2/m 2/m", "P 4/m m m", 123),
      ("P63/mmc", "P 63/m m c", 194), ("P 63/m 2/m 2/c", "P 63/m m c", 194),
      ("R-3m", "R -3 m:H", 166), ("R -3 m:R", "R -3 m:R", 166), ("R 3 R", "R 3:R", 146),
      ("Fd-3m", "F d -3 m:2", 227), ("F d -3 m:1", "F d -3 m:1", 227),
      ("Fd-3m S", "F d -3 m:2", 227),
      ("Cmce", "C m c a", 64), ("P-1", "P -1", 2), ("P 1", "P 1", 1), ("R -3 2/m", "R -3 m:H", 166),
      ("I 41/a m d", "I 41/a m d:2", 141), ("P 21 21 21", "P 21 21 21", 19),
    ])
  func symbolsAsWritten(written: String, setting: String, number: Int) throws {
    let found = SpaceGroup.settings(symbol: written)
    let first = try #require(found.first, "\(written)")
    #expect(first.symbol == setting && first.number == number, "\(written) → \(first)")
  }

  /// A symbol that leaves a choice open returns both settings, the
  /// reference one first; an unknown one returns none.
  @Test func openChoicesAndUnknownSymbols() {
    #expect(SpaceGroup.settings(symbol: "Fd-3m").map(\.symbol) == ["F d -3 m:2", "F d -3 m:1"])
    #expect(SpaceGroup.settings(symbol: "R3").map(\.symbol) == ["R 3:H", "R 3:R"])
    #expect(SpaceGroup.settings(symbol: "P 7/m").isEmpty)
    #expect(SpaceGroup.settings(symbol: "").isEmpty)
  }

  /// Hall symbols outside the table are interpreted as well; bad ones say why.
  @Test func hallSymbols() throws {
    let p21c = try SpaceGroup(hall: "-P 2ybc")
    #expect(p21c.number == 14 && p21c.operations.count == 4)
    #expect(p21c.operations.map(\.description).contains("-x,y+1/2,-z+1/2"))
    // P 1 21/c 1 with its origin moved by (0, 0, 1/4): not in the table.
    let shifted = try SpaceGroup(hall: "-P 2ybc (0 0 3)")
    #expect(shifted.number == nil && shifted.operations.count == 4)
    #expect(shifted.operations.map(\.description).contains("-x,-y,-z+1/2"))
    #expect(throws: SpaceGroupError.self) { try SpaceGroup(hall: "Q 2") }
    #expect(throws: SpaceGroupError.self) { try SpaceGroup(hall: "P 5") }
    #expect(throws: SpaceGroupError.self) { try SpaceGroup(hall: "P 2 (0 0") }
    #expect(throws: SpaceGroupError.self) { try SpaceGroup(hall: "P 2q") }
  }
}

@Suite("Space groups of the shared CIFs", SharedData.required)
struct SharedSpaceGroupTests {
  static let files = [
    "cod1004000_W6S8-methylamine_atom-names-not-unique.cif", "cod1004001_disorder.cif",
    "cod1100710_Pt-en2_Au-CN2_2.cif", "cod2001520_disorder-no-occupancy.cif",
    "cod2011885_ZnNCN_zinc-cyanamide.cif", "cod7011014_occupancy-is-a-dot.cif",
    "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif", "dd_NaCl.cif",
    "multiblock_bs5068_Ni-complexes_7blocks.cif", "synthetic_P-1_mixed-AsS_halfNa_su.cif",
  ]

  /// Each file's operator list is exactly the table's group for the symbol
  /// it names (one block names the short non-standard `B 21`, which is
  /// B 1 21 1); with the operator list removed, the symbol alone gives
  /// the same cell: positions, multiplicities and formula.
  @Test(arguments: files)
  func symbolAloneGivesTheListedOperations(file: String) throws {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    for block in doc.blocks {
      let listed = try CrystalStructure(block: block, source: file)
      let group = try #require(listed.spaceGroup, "\(file) \(block.name): \(listed.warnings)")
      #expect(group.operations.count == listed.operations.count)
      var bare = block
      bare.loops.removeAll { loop in
        loop.tags.contains {
          $0.lowercased().contains("symop") || $0.lowercased().contains("equiv_pos")
        }
      }
      let fromSymbol = try CrystalStructure(block: bare, source: file)
      #expect(fromSymbol.spaceGroup?.symbol == group.symbol)
      #expect(fromSymbol.positions.count == listed.positions.count, "\(file) \(block.name)")
      #expect(fromSymbol.multiplicities == listed.multiplicities)
      #expect(fromSymbol.cellFormula == listed.cellFormula)
    }
  }
}

@Suite("Settings left open by a symbol")
struct OpenSettingTests {
  static func structure(_ text: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(text.utf8), source: "test.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "test.cif")
  }

  /// Spinel MgAl₂O₄ (a = 8.0832 Å) under `symbol`, Mg, Al and O (x, x, x) where given.
  static func spinel(_ symbol: String, mg: String, al: String, x: String) throws -> CrystalStructure
  {
    try structure(
      TestCIF.block(
        "spinel", cell: "8.0832", symmetry: "_symmetry_space_group_name_H-M '\(symbol)'",
        sites: "Mg1 \(mg)\nAl1 \(al)\nO1 \(x) \(x) \(x)"))
  }

  /// Spinel MgAl₂O₄ (a = 8.0832 Å) written in either origin of Fd-3m under
  /// the bare symbol: the atoms decide (the wrong origin puts atoms on top
  /// of each other), and the cell is Mg8Al16O32 either way.
  @Test(arguments: [
    ("F d -3 m:2", "0.125 0.125 0.125", "0.5 0.5 0.5", "0.2624"),
    ("F d -3 m:1", "0 0 0", "0.625 0.625 0.625", "0.3874"),
  ])
  func spinelOriginFromTheAtoms(expected: String, mg: String, al: String, x: String) throws {
    let s = try Self.spinel("F d -3 m", mg: mg, al: al, x: x)
    #expect(s.spaceGroup?.symbol == expected)
    #expect(s.cellFormula == "Al16Mg8O32" && s.multiplicities == [8, 16, 32])
    #expect(s.warnings.contains { $0.code == "settingChosen" && $0.message.contains(expected) })
  }

  /// R-3m with one atom at the origin: three atoms in the hexagonal cell
  /// (a = b, γ = 120°), one in the rhombohedral cell (a = b = c, α = β = γ).
  @Test(arguments: [("4 4 12 90 90 120", "R -3 m:H", 3), ("5 5 5 60 60 60", "R -3 m:R", 1)])
  func rhombohedralAxesFromTheCell(cell: String, expected: String, atoms: Int) throws {
    let s = try Self.structure(
      TestCIF.block(cell: cell, symmetry: "_space_group_IT_number 166", sites: "Cu1 0 0 0"))
    #expect(s.spaceGroup?.symbol == expected && s.positions.count == atoms)
  }

  /// No symmetry at all: P1 with a loud warning; an unknown symbol is named.
  @Test func noUsableSymmetry() throws {
    let s = try Self.structure(
      TestCIF.block(
        "x", cell: "4", symmetry: "_symmetry_space_group_name_H-M 'P 7/q'", sites: "Na1 0 0 0"))
    #expect(s.operations.count == 1 && s.spaceGroup == nil)
    #expect(s.warnings.contains { $0.code == "spaceGroupSymbolUnknown" && $0.message.contains("'P 7/q'") })
    #expect(s.warnings.contains { $0.code == "assumedP1" })
  }
}

@Suite("Wyckoff positions")
struct WyckoffTests {
  /// The table holds International Tables' 1731 positions, and the general
  /// position of each group has the group's order as multiplicity.
  @Test func tableIsComplete() throws {
    let all = (1...230).compactMap { WyckoffPosition.positions(number: $0) }
    #expect(all.count == 230 && all.reduce(0) { $0 + $1.count } == 1731)
    for n in [1, 2, 14, 62, 139, 166, 194, 225, 227, 230] {
      let general = try #require(WyckoffPosition.positions(number: n)?.last)
      #expect(general.multiplicity == SpaceGroup.reference(number: n)?.operations.count)
      #expect(general.coordinates == "x,y,z")
    }
    #expect(WyckoffPosition.positions(number: 47)?.last?.letter == "α")
  }

  /// Spinel in either origin of Fd-3m: Mg 8a, Al 16d, O 32e (the letters
  /// do not depend on the origin choice; origin choice 1 goes through the
  /// change of basis x+1/8, y+1/8, z+1/8).
  @Test(arguments: [
    ("F d -3 m:2", "0.125 0.125 0.125", "0.5 0.5 0.5", "0.2624"),
    ("F d -3 m:1", "0 0 0", "0.625 0.625 0.625", "0.3874"),
  ])
  func spinel(symbol: String, mg: String, al: String, x: String) throws {
    let s = try OpenSettingTests.spinel(symbol, mg: mg, al: al, x: x)
    #expect(s.wyckoffPositions.map { $0?.description } == ["8a", "16d", "32e"])
  }

  /// R-3m with atoms at the origin and at 0,0,1/2 (hexagonal axes), the
  /// same as 1/2,1/2,1/2 in rhombohedral axes: 3a and 3b either way (the
  /// primitive cell holds one of each three).
  @Test(arguments: [("4 4 12 90 90 120", "0 0 0.5"), ("5 5 5 60 60 60", "0.5 0.5 0.5")])
  func rhombohedral(cell: String, second: String) throws {
    let s = try OpenSettingTests.structure(
      TestCIF.block(
        cell: cell, symmetry: "_space_group_IT_number 166", sites: "Cu1 0 0 0\nCu2 \(second)"))
    #expect(s.wyckoffPositions.map { $0?.description } == ["3a", "3b"])
  }
}

@Suite("Wyckoff positions of the shared CIFs", SharedData.required)
struct SharedWyckoffTests {
  /// Letters against spglib 2.8 (symprec 10⁻³) on the files it keeps in
  /// their own setting, and against the alluaudite literature (Moore 1971:
  /// A(1) 4b, A(2)′ 4e, M(1) 4e, M(2) 8f, P(1) 4e, P(2) 8f, O 8f).
  @Test(arguments: [
    ("dd_NaCl.cif", ["Na": "4a", "Cl": "4b"]),
    ("cod1100710_Pt-en2_Au-CN2_2.cif", ["Pt1": "1h", "Au1": "1g", "Au2": "1a", "C1": "2i"]),
    ("cod1100711_Pt-en2_Ag-CN2_2.cif", ["Pt1": "1h", "Ag1": "1g", "Ag2": "1a", "N4": "2i"]),
    ("synthetic_P-1_mixed-AsS_halfNa_su.cif", ["Re1": "2i", "Na1": "2i", "Na2": "1h"]),
    ("cod1004001_disorder.cif", ["W1": "8f", "C11'": "8f"]),
    (
      "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif",
      ["NaA1": "4b", "NaA2*": "4e", "MnM1": "4e", "FeM2": "8f", "P1": "4e", "P2": "8f", "O3": "8f"]
    ),
    ("cod7011014_occupancy-is-a-dot.cif", ["Fe": "4e", "Cl": "4e"]),
  ])
  func lettersAsSpglibGivesThem(file: String, expected: [String: String]) throws {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    let s = try CrystalStructure(block: doc.blocks[0], source: file)
    let letters = s.wyckoffPositions
    for (label, symbol) in expected {
      let k = try #require(s.sites.firstIndex { $0.label == label }, "\(label)")
      #expect(letters[k]?.description == symbol, "\(file) \(label)")
    }
    #expect(letters.allSatisfy { $0 != nil })
  }
}

@Suite("pymatgen JSON export", SharedData.required)
struct PymatgenExportTests {
  /// The alluaudite cell as pymatgen's Structure dictionary: the keys
  /// Structure.from_dict reads, Cartesian = fractional × lattice rows, and
  /// the cell content of the structure (pymatgen itself loads this file and
  /// StructureMatcher matches it with its own reading of the CIF; checked
  /// by hand, see the closing note of issue 6).
  @Test func alluauditeAsPymatgenDictionary() throws {
    let file = "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif"
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    let s = try CrystalStructure(block: doc.blocks[0], source: file)
    let data = try JSONEncoder().encode(s.pymatgenStructure)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["@module"] as? String == "pymatgen.core.structure")
    #expect(object["@class"] as? String == "Structure")
    let decoded = try JSONDecoder().decode(PymatgenStructure.self, from: data)
    #expect(decoded.sites.count == 80)
    let rows = decoded.lattice.matrix
    for site in decoded.sites {
      for k in 0..<3 {
        let x = (0..<3).reduce(0.0) { $0 + site.abc[$1] * rows[$1][k] }
        #expect(abs(x - site.xyz[k]) < 1e-9)
      }
    }
    let sodium = decoded.sites.flatMap(\.species).filter { $0.element == "Na" }
    #expect(abs(sodium.reduce(0) { $0 + $1.occu } - 4) < 1e-9)  // 4 × (0.47 + 0.53)
    // |a| from the first lattice row.
    #expect(abs((rows[0].reduce(0) { $0 + $1 * $1 }).squareRoot() - 12.018) < 1e-9)
  }
}

/// The COD test file of new-style space-group names (the `e` glide of the
/// 2002 International Tables: `A e m 2`, `C m c e`, … with their origin
/// choices), and settings the COD files name: every one resolves.
@Suite("COD space-group names", SharedData.required("cif/cod-messy"))
struct CODSpaceGroupNameTests {
  @Test func allSixtyNamesWithETheGlideResolve() throws {
    let text = try String(
      contentsOf: SharedData.url("cif/cod-messy/cod_sg_names_with_e.cif"), encoding: .utf8)
    let names = text.split(separator: "\n").filter { $0.hasPrefix("_space_group_name_H-M_alt") }
      .compactMap { $0.split(separator: "'").dropFirst().first.map(String.init) }
    #expect(names.count == 60)
    for name in names {
      let settings = SpaceGroup.settings(symbol: name)
      // No. 68 has two origin choices: without ":1" or ":2" both remain.
      let open = settings.first?.number == 68 && !name.contains(":")
      #expect(settings.count == (open ? 2 : 1), "\(name): \(settings.map(\.symbol))")
      #expect([39, 41, 64, 67, 68].contains(settings.first?.number ?? 0), "\(name)")
      // Every setting of one name is the same group of operations.
      #expect(Set(settings.map { $0.operations.count }).count <= 1, "\(name)")
    }
    // `C m c e` is No. 64 (formerly C m c a), `A e a a :2` No. 68.
    #expect(SpaceGroup.settings(symbol: "C m c e").first?.number == 64)
    #expect(SpaceGroup.settings(symbol: "A e a a :2").first?.number == 68)
  }

  /// `F d d d :2` is origin choice 2 of No. 70, `I 1 2/m 1` the I-centred
  /// setting of No. 12, `A -1` an A-centred setting of No. 2.
  @Test func namedSettings() throws {
    let fddd = try #require(SpaceGroup.settings(symbol: "F d d d :2").first)
    #expect(fddd.number == 70 && fddd.symbol.hasSuffix(":2"))
    #expect(SpaceGroup.settings(symbol: "I 1 2/m 1").first?.number == 12)
    let a1 = try #require(SpaceGroup.settings(symbol: "A -1").first)
    #expect(a1.number == 2 && a1.operations.count == 4)
  }
}

import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Crystal

@Suite("Crystal structures from CIF", SharedData.required)
struct CrystalStructureTests {
  static func structure(_ file: String, block: Int = 0) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    return try CrystalStructure(block: doc.blocks[block], source: file)
  }

  /// Cell contents, number of positions, volume and density against the
  /// reference values of shared/data/cif/SOURCES.md (pymatgen, printed to
  /// 3 decimals in V and 4 in ρ; atomic weights differ in the 5th digit).
  @Test(
    arguments: [
      ("dd_NaCl.cif", "Cl4Na4", 8, 179.416, 2.1636),
      (
        "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif", "Fe8Mn4Na4O48P12", 80,
        882.672, 3.5709
      ),
      // pymatgen weighs Zn at 65.409 (IUPAC 2007); IUPAC 2021 gives 65.38, so
      // the cell is 0.027 % lighter: 3.3255 × 843.24/843.47 = 3.3246.
      ("cod2011885_ZnNCN_zinc-cyanamide.cif", "C8N16Zn8", 32, 421.173, 3.3246),
      ("cod1100710_Pt-en2_Au-CN2_2.cif", "C8H16Au2N8Pt", 35, 378.528, 3.5677),
      ("cod1100711_Pt-en2_Ag-CN2_2.cif", "C8H16Ag2N8Pt", 35, 376.145, 2.8037),
      ("cod1004000_W6S8-methylamine_atom-names-not-unique.cif", "C6H30N6S8W6", 56, 619.100, 4.1464),
      ("pmgdiff_cNa3PS4_AIMD-2x2x2.cif", "Na48P16S64", 128, 2810.350, 2.1574),
    ] as [(String, String, Int, Double, Double)])
  func referenceValues(file: String, cell: String, sites: Int, volume: Double, density: Double)
    throws
  {
    let s = try Self.structure(file)
    #expect(s.cellFormula == cell)
    if file == "dd_NaCl.cif" {
      // No _cell_formula_units_Z: Z = 4 from Na4Cl4, formula NaCl.
      #expect(s.z == 4 && !s.zFromFile && s.formula == "ClNa")
    }
    #expect(s.positions.count == sites)
    #expect(abs(s.cell.volume.value - volume) < 6e-4, "V = \(s.cell.volume)")
    #expect(abs(s.density.value - density) < 2e-4, "ρ = \(s.density)")
  }

  /// The paper-like synthetic file: As and S at one position are one mixed
  /// site, the half Na counts half, Na2 on the inversion centre once;
  /// the volume carries the s.u. of the three cell edges.
  @Test func mixedSiteAndHalfSodium() throws {
    let s = try Self.structure("synthetic_P-1_mixed-AsS_halfNa_su.cif")
    #expect(s.cellFormula == "AsN2Na2Re2S")
    #expect(s.z == 1 && !s.zFromFile)  // one As per cell: no common divisor
    #expect(s.positions.count == 9)
    let mixed = s.positions.filter { $0.occupants.count == 2 }
    #expect(mixed.count == 2)
    #expect(s.multiplicities == [2, 2, 2, 2, 2, 1])
    let v = 9.4363 * 10.2986 * 17.6142
    #expect(abs(s.cell.volume.value - v) < 1e-9)
    let relative =
      ((0.0003 / 9.4363) * (0.0003 / 9.4363) + (0.0002 / 10.2986) * (0.0002 / 10.2986)
      + (0.0004 / 17.6142) * (0.0004 / 17.6142)).squareRoot()
    #expect(abs(s.cell.volume.standardUncertainty - v * relative) < 1e-9)
    #expect(s.sites[0].x == Measured(0.1, standardUncertainty: 0.0001))
    #expect(s.warnings.isEmpty)
  }

  /// Odd files read with a warning, not a refusal: occupancies written
  /// '.'; a file with only a space-group symbol reads fully; seven blocks.
  @Test func oddFilesWarn() throws {
    let dot = try Self.structure("cod7011014_occupancy-is-a-dot.cif")
    #expect(dot.warnings.contains { $0.code == "occupancyUnknown" && $0.message.contains("occupancy written as '.'") })
    #expect(dot.positions.count == 244)  // ASE's count; pymatgen drops these atoms
    // Symbol only ('F m -3 m', No. 225): the 192 operations of the table
    // give the same cell as the file with its operator list.
    let ddlm = try Self.structure("derived_cif2_NaCl_ddlm.cif")
    let full = try Self.structure("dd_NaCl.cif")
    #expect(ddlm.spaceGroup?.number == 225 && ddlm.operations.count == 192)
    #expect(ddlm.cellFormula == "Cl4Na4" && ddlm.multiplicities == [4, 4])
    #expect(abs(ddlm.density.value - full.density.value) < 1e-4 * full.density.value)
    #expect(ddlm.warnings.isEmpty)
    let doc = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/multiblock_bs5068_Ni-complexes_7blocks.cif")),
      source: "multiblock")
    let all = try doc.blocks.map { try CrystalStructure(block: $0, source: "multiblock") }
    #expect(all.count == 7)
    #expect(all.allSatisfy { $0.operations.count >= 2 && $0.warnings.isEmpty })
  }

  /// The alluaudite's aniso loop names NaA2' where the site is NaA2*: the
  /// mismatch is reported, the matched sites get their U_ij.
  @Test func anisotropicDisplacementsByLabel() throws {
    let s = try Self.structure("cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif")
    #expect(s.warnings.contains { $0.message.contains("NaA2'") })
    let na1 = try #require(s.sites.first { $0.label == "NaA1" })
    #expect(na1.uAniso?.map(\.value) == [0.043, 0.0074, 0.0273, 0.0004, -0.0231, -0.0009])
    #expect(s.sites.first { $0.label == "NaA2*" }?.uAniso == nil)
    #expect(s.sites.filter { $0.uAniso != nil }.count == 11)
  }

  /// Symmetry operations in the spellings CIFs use.
  @Test func symmetryOperations() throws {
    let cases: [(String, SIMD3<Double>)] = [
      ("x, y, z", SIMD3(0.1, 0.2, 0.3)), ("-x+1/2, y, -z+1/2", SIMD3(0.4, 0.2, 0.2)),
      ("1/2+X,1/2-Y,Z", SIMD3(0.6, 0.3, 0.3)), ("x-y, x, z+0.5", SIMD3(-0.1, 0.1, 0.8)),
      ("+y,-x,+z", SIMD3(0.2, -0.1, 0.3)),
    ]
    for (text, expected) in cases {
      let op = try SymmetryOperation(parsing: text)
      let image = op.apply(SIMD3(0.1, 0.2, 0.3))
      #expect(((image - expected) * (image - expected)).sum() < 1e-24, "\(text)")
    }
    #expect(try SymmetryOperation(parsing: "-x+1/2,y,-z+1/2").description == "-x+1/2,y,-z+1/2")
    for bad in ["x, y", "x, y, w", "x, 1/0+y, z", "x,,z"] {
      #expect(throws: SymmetryOperationError.self, "\(bad)") {
        try SymmetryOperation(parsing: bad)
      }
    }
  }

  /// Element and oxidation state from type symbols and labels.
  @Test func speciesFromSymbols() {
    let cases: [(String, String, Int?)] = [
      ("Na1+", "Na", 1), ("O2-", "O", -2), ("Fe3+", "Fe", 3), ("Re", "Re", nil),
      ("NaA2*", "Na", nil),
      ("C12", "C", nil), ("CL1", "Cl", nil), ("S+2", "S", 2), ("W1", "W", nil),
      ("D1", "H", nil), ("Dy3+", "Dy", 3), ("Ti4+", "Ti", 4),
    ]
    for (text, symbol, oxidation) in cases {
      let found = AtomSite.species(from: text)
      #expect(found?.0.symbol == symbol, "\(text)")
      #expect(found?.1 == oxidation, "\(text)")
    }
    #expect(AtomSite.species(from: "123") == nil)
  }
}

@Suite("CIF export", SharedData.required)
struct CIFExportTests {
  /// Both exports read back to the same cell content, positions and volume.
  @Test(arguments: [
    "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif",
    "synthetic_P-1_mixed-AsS_halfNa_su.cif", "cod2011885_ZnNCN_zinc-cyanamide.cif",
  ])
  func exportsReadBack(file: String) throws {
    let original = try CrystalStructureTests.structure(file)
    for p1 in [false, true] {
      let text = original.cif(expandedToP1: p1)
      let doc = try CIFParser.parse(text, source: "export.cif")
      let again = try CrystalStructure(block: doc.blocks[0], source: "export.cif")
      #expect(again.cellFormula == original.cellFormula, "P1: \(p1)")
      #expect(again.positions.count == original.positions.count, "P1: \(p1)")
      #expect(again.cell.volume == original.cell.volume)
      #expect(again.operations.count == (p1 ? 1 : original.operations.count))
      guard !p1 else { continue }
      // The asymmetric unit keeps each anisotropic site's U_ij (to its s.u.).
      for (a, b) in zip(original.sites, again.sites) {
        #expect((a.uAniso?.count ?? 0) == (b.uAniso?.count ?? 0), "\(a.label)")
        for (u, v) in zip(a.uAniso ?? [], b.uAniso ?? []) {
          #expect(abs(u.value - v.value) <= max(u.standardUncertainty, 1e-9), "\(a.label): \(u) → \(v)")
        }
      }
    }
    #expect(original.sites.contains { $0.uAniso != nil } || file != "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif")
  }
}

/// Cells that no crystal has are refused with the reason, not computed
/// with (they crashed distance searches and printed NaN volumes).
@Test(arguments: [
  ("1e308 5 5 90 90 90", "a = "), ("4.9e-324 5 5 90 90 90", "a = "),
  ("5 5 5 180 90 90", "α = 180"), ("5 5 5 120 120 130", "close no cell"),
  ("5 5 5 150 150 150", "close no cell"), ("5 5 5 179.9999 90 90", "close no cell"),
])
func impossibleCellsAreRefused(cell: String, reason: String) throws {
  let p = cell.split(separator: " ")
  let text = """
    data_bad
    _cell_length_a \(p[0])
    _cell_length_b \(p[1])
    _cell_length_c \(p[2])
    _cell_angle_alpha \(p[3])
    _cell_angle_beta \(p[4])
    _cell_angle_gamma \(p[5])
    loop_
    _atom_site_label
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    Na1 0 0 0
    """
  let document = try CIFParser.parse(Data(text.utf8), source: "bad.cif")
  let block = try #require(document.blocks.first)
  do {
    _ = try CrystalStructure(block: block, source: "bad.cif")
    Issue.record("\(cell) accepted")
  } catch let error as CrystalError {
    #expect("\(error)".contains("impossible cell") && "\(error)".contains(reason), "\(error)")
  }
}

/// A hexagonal cell (γ = 120°) and a strongly oblique triclinic one are real.
@Test func realObliqueCellsAreAccepted() {
  let hexagonal = UnitCell(
    a: Measured(3), b: Measured(3), c: Measured(5), alpha: Measured(90), beta: Measured(90),
    gamma: Measured(120))
  #expect(hexagonal.impossibility == nil)
  let triclinic = UnitCell(
    a: Measured(5), b: Measured(6), c: Measured(7), alpha: Measured(60), beta: Measured(70),
    gamma: Measured(80))
  #expect(triclinic.impossibility == nil)
}

/// A symmetry translation is a fraction of the cell: a huge one is refused
/// (it overflowed an integer conversion in the distance search).
@Test func hugeSymmetryTranslationsAreRefused() throws {
  #expect(throws: SymmetryOperationError.self) {
    try SymmetryOperation(parsing: "x+100000000000000000000000, y, z")
  }
  let half = try SymmetryOperation(parsing: "x+1/2, -y, z+7/4")
  #expect(half.translation == SIMD3(0.5, 0, 1.75))
}

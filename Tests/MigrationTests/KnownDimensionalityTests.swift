import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Migration

/// Structures of known transport dimensionality, written here from their
/// published refinements: the landscape must percolate the way the
/// literature says the ion moves, at bvlain 0.25.1's levels on the same
/// cells (0.2 Å, 10 Å, Li1+, oxidation states as written; within 0.05 eV
/// for a low barrier and 0.1 eV for a high one, the spread the grids and
/// neighbour lists give on rock salt).
struct KnownDimensionalityTests {
  static func structure(_ text: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(text.utf8), source: "test.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "test.cif")
  }

  static func percolation(_ text: String, ion: String) throws -> Percolation {
    let structure = try Self.structure(text)
    let landscape = try BVSELandscape(
      structure: structure, mobile: try #require(MobileIon(ion)))
    let minimum = try #require(landscape.grid.values.min())
    return Percolation(landscape.grid, limit: minimum + 5, connectivity: .all26)
  }

  /// Layered LiCoO2 (R-3m, hexagonal axes; Akimoto et al., J. Solid State
  /// Chem. 141 (1998) 298: a 2.8150, c 14.049 Å, O z 0.2397): Li+ moves in
  /// the Li layers, 2D in the ab plane, and never across the CoO2 slabs
  /// below 5 eV. bvlain: E1D = E2D = 3.047 eV, no 3D (the BVSE barrier of
  /// this dense layer is high; the dimensionality is the point).
  @Test func lithiumCobaltOxideIsTwoDimensional() throws {
    let cif = TestCIF.block(
      "LiCoO2", cell: "2.8150 2.8150 14.049 90 90 120",
      symmetry: "_symmetry_space_group_name_H-M 'R -3 m'",
      sites: "Li1 Li1+ 0 0 0.5\nCo1 Co3+ 0 0 0\nO1 O2- 0 0 0.2397", typeSymbols: true)
    let result = try Self.percolation(cif, ion: "Li+")
    let second = try #require(result.threshold(2))
    #expect(second.directions.allSatisfy { $0.z == 0 }, "\(second.directions)")
    let first = try #require(result.threshold(1))
    #expect(abs(second.barrier - first.barrier) < 0.05)
    #expect(abs(second.barrier - 3.047) < 0.1, "\(second.barrier)")
    #expect(result.threshold(3) == nil)
  }

  /// Olivine LiFePO4 (Pnma; Streltsov et al., Acta Cryst. B 49 (1993) 147):
  /// Li+ moves along the b-axis tunnels (1D); joining the tunnels costs
  /// far more. bvlain: E1D 0.478, E2D 3.594, E3D 3.613 eV.
  @Test func olivineIsOneDimensionalAlongB() throws {
    let cif = TestCIF.block(
      "LiFePO4", cell: "10.332 6.010 4.692 90 90 90",
      symmetry: "_symmetry_space_group_name_H-M 'P n m a'",
      sites: """
        Li1 Li1+ 0 0 0
        Fe1 Fe2+ 0.28222 0.25 0.97472
        P1 P5+ 0.09486 0.25 0.41820
        O1 O2- 0.09678 0.25 0.74279
        O2 O2- 0.45710 0.25 0.20602
        O3 O2- 0.16558 0.04646 0.28478
        """, typeSymbols: true)
    let result = try Self.percolation(cif, ion: "Li+")
    let first = try #require(result.threshold(1))
    #expect(first.directions == [SIMD3(0, 1, 0)])
    #expect(abs(first.barrier - 0.478) < 0.05, "\(first.barrier)")
    let second = try #require(result.threshold(2))
    #expect(abs(second.barrier - 3.594) < 0.1, "\(second.barrier)")
  }
}

import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Crystal

@Suite("Distances and coordination")
struct DistanceTests {
  static func structure(_ cif: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(cif, source: "test.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "test.cif")
  }

  static func cubic(a: String, sites: String, operations: [String] = ["x,y,z"]) -> String {
    """
    data_t
    _cell_length_a \(a)
    _cell_length_b \(a)
    _cell_length_c \(a)
    _cell_angle_alpha 90
    _cell_angle_beta 90
    _cell_angle_gamma 90
    loop_
    _symmetry_equiv_pos_as_xyz
    \(operations.map { "'\($0)'" }.joined(separator: "\n"))
    loop_
    _atom_site_label
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    \(sites)

    """
  }

  /// CsCl-type cell, body diagonal d = a√3/2. In P1 the three edges are
  /// independent: σ_d = √3·(a/4d)·σ_a = σ_a/2. With the threefold axis
  /// (x,y,z → y,z,x) they are one parameter: σ_d = (√3/2)·σ_a.
  @Test func distanceUncertaintyFromTheCell() throws {
    let sites = "Cs1 0 0 0\nCl1 0.5 0.5 0.5"
    let p1 = try Self.structure(Self.cubic(a: "4.000(10)", sites: sites))
    let contacts = p1.contacts(within: 3.5).map { p1.withUncertainty($0) }
    #expect(contacts.count == 8)  // the eight body diagonals
    for c in contacts {
      #expect(abs(c.distance.value - 4 * 3.0.squareRoot() / 2) < 1e-12)
      #expect(abs(c.distance.standardUncertainty - 0.005) < 1e-12)
    }
    let cubic = try Self.structure(
      Self.cubic(a: "4.000(10)", sites: sites, operations: ["x,y,z", "y,z,x", "z,x,y"]))
    let tied = cubic.withUncertainty(try #require(cubic.contacts(within: 3.5).first))
    #expect(abs(tied.distance.standardUncertainty - 3.0.squareRoot() / 2 * 0.01) < 1e-12)
  }

  /// A coordinate s.u. carries into the distance; two atoms related by the
  /// inversion share one site, so their s.u. add linearly (σ_d = 2a·σ_x).
  @Test func distanceUncertaintyFromCoordinates() throws {
    let plain = try Self.structure(Self.cubic(a: "4", sites: "Na1 0 0 0\nCl1 0.2500(10) 0 0"))
    let ab = try #require(
      plain.distances(between: plain.sites[0].element, and: plain.sites[1].element, upTo: 1.5))
    #expect(abs(ab.shortest.value - 1) < 1e-12)
    #expect(abs(ab.shortest.standardUncertainty - 0.004) < 1e-12)
    let pair = try Self.structure(
      Self.cubic(a: "4", sites: "C1 0.1000(10) 0 0", operations: ["x,y,z", "-x,-y,-z"]))
    let cc = try #require(
      pair.distances(between: pair.sites[0].element, and: pair.sites[0].element, upTo: 1))
    #expect(abs(cc.shortest.value - 0.8) < 1e-12)
    #expect(abs(cc.shortest.standardUncertainty - 2 * 4 * 0.001) < 1e-12)
  }

  /// Halite: Na is octahedral with six Cl at a/2 = 2.82005 Å, by either rule;
  /// the nearest Na–Na is a/√2.
  @Test(SharedData.required) func haliteOctahedra() throws {
    let doc = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/dd_NaCl.cif")), source: "dd_NaCl.cif")
    let s = try CrystalStructure(block: doc.blocks[0], source: "dd_NaCl.cif")
    for rule in [Coordination.Rule.cutoff(3.0), .largestGap(within: 4.5)] {
      let na = try #require(
        s.coordination(rule: rule).first {
          $0.neighbours.first != nil && s.sites[$0.site].element.symbol == "Na"
        })
      #expect(na.number == 6, "\(rule)")
      #expect(na.polyhedron == "octahedron")
      #expect(
        na.neighbours.allSatisfy {
          abs($0.distance.value - 5.6401 / 2) < 1e-9 && s.sites[$0.site].element.symbol == "Cl"
        })
    }
    let sodium = s.sites[0].element
    let nana = try #require(s.distances(between: sodium, and: sodium, upTo: 4.0))
    #expect(abs(nana.shortest.value - 5.6401 / 2.0.squareRoot()) < 1e-9)
  }

  /// The neighbour search on the 18 739-site supercell finds the same pairs
  /// as a direct search over all pairs on a sample of sites.
  @Test(SharedData.required) func cellListMatchesDirectSearch() throws {
    let doc = try CIFParser.parse(
      Data(contentsOf: SharedData.url("cif/pmgdiff_cNa3PS4_AIMD-2x2x2.cif")), source: "Na3PS4")
    let s = try CrystalStructure(block: doc.blocks[0], source: "Na3PS4")
    let cutoff = 3.6
    let fast = s.contacts(within: cutoff)
    var direct = 0
    for i in s.positions.indices {
      for j in i..<s.positions.count {
        for x in -1...1 {
          for y in -1...1 {
            for z in -1...1 {
              if i == j && !(x > 0 || (x == 0 && y > 0) || (x == 0 && y == 0 && z > 0)) { continue }
              let shift = SIMD3<Int32>(Int32(x), Int32(y), Int32(z))
              let d = s.distance(from: i, to: j, translation: shift).value
              if d <= cutoff && d > 1e-4 { direct += 1 }
            }
          }
        }
      }
    }
    #expect(fast.count == direct)
    #expect(fast.count > 0)
  }
}

@Suite("Distances against pymatgen", SharedData.required)
struct AlluauditeDistanceTests {
  /// Neighbour distances within 3.0 Å of the cation sites of the alluaudite
  /// file, from pymatgen 2026.10.24 (CifParser(…).parse_structures(
  /// primitive=False)[0], Structure.get_neighbors(site, 3.0)) in a throwaway
  /// venv, printed to 4 decimals.
  static let pymatgen: [String: [Double]] = [
    "NaA2*": [2.5257, 2.5257, 2.6929, 2.6929, 2.8687, 2.8687, 2.8878, 2.8878],
    "NaA1": [2.3201, 2.3201, 2.3325, 2.3325, 2.5810, 2.5810, 2.9796, 2.9796],
    "MnM1": [2.1753, 2.1753, 2.1914, 2.1914, 2.2464, 2.2464],
    "FeM2": [1.9254, 1.9909, 2.0287, 2.0536, 2.0564, 2.2202],
    "P1": [1.5410, 1.5410, 1.5447, 1.5447, 2.8952, 2.8952],
    "P2": [1.5243, 1.5304, 1.5537, 1.5572],
  ]

  @Test func cationNeighboursMatchPymatgen() throws {
    let file = "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif"
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    let s = try CrystalStructure(block: doc.blocks[0], source: file)
    let coordination = s.coordination(rule: .cutoff(3.0))
    for (label, reference) in Self.pymatgen {
      let c = try #require(coordination.first { s.sites[$0.site].label == label }, "\(label)")
      let ours = c.neighbours.map(\.distance.value)
      #expect(ours.count == reference.count, "\(label): \(ours)")
      for (a, b) in zip(ours, reference) { #expect(abs(a - b) < 1e-3, "\(label): \(a) vs \(b)") }
    }
    // P2 is the phosphate tetrahedron; FeM2 an octahedron.
    #expect(coordination.first { s.sites[$0.site].label == "P2" }?.polyhedron == "tetrahedron")
    #expect(coordination.first { s.sites[$0.site].label == "FeM2" }?.polyhedron == "octahedron")
  }
}

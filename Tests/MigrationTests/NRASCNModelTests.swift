import Crystal
import Foundation
import IonicsCore
import Testing

@testable import Migration

/// The hand-built NRASCN-like framework: its geometry is the paper's, and
/// the landscape of Na+ in it percolates, with the parameters and the
/// charge policy named.
struct NRASCNModelTests {
  static func structure() throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(NRASCNModel.cif.utf8), source: "NRASCN-like.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "NRASCN-like.cif")
  }

  static func distances(_ a: String, _ b: String) -> [Double] {
    let (edge, _, atoms) = NRASCNModel.built
    let first = atoms.filter {
      $0.label.hasPrefix(a) && $0.label.dropFirst(a.count).allSatisfy(\.isNumber)
    }
    let second = atoms.filter {
      $0.label.hasPrefix(b) && $0.label.dropFirst(b.count).allSatisfy(\.isNumber)
    }
    var found: [Double] = []
    for p in first {
      for q in second where p.label != q.label {
        found.append(NRASCNModel.distance(p.position, q.position, edge: edge))
      }
    }
    return found
  }

  /// Re–Re 2.786 Å, Re–(As/S) 2.42 Å as bonds (the three nearest μ3 atoms of
  /// each Re), Re–C 2.109 Å, C–N 1.15 Å; 47 atoms, Na6 Re4 As2 S2 C12 N12
  /// O3 H6; every Na has at least two N at 2.35–2.75 Å.
  @Test func geometryIsThePapers() throws {
    let atoms = NRASCNModel.built.atoms
    #expect(atoms.count == 47)
    #expect(Self.distances("Re", "Re").allSatisfy { abs($0 - 2.786) < 1e-9 })
    let reQ = (Self.distances("Re", "As") + Self.distances("Re", "S")).filter { $0 < 3 }
    #expect(reQ.count == 12)
    #expect(reQ.allSatisfy { abs($0 - 2.42) < 1e-9 })
    let reC = Self.distances("Re", "C").filter { $0 < 2.5 }
    #expect(reC.count == 12 && reC.allSatisfy { abs($0 - 2.109) < 1e-9 })
    let cn = Self.distances("C", "N").filter { $0 < 1.5 }
    #expect(cn.count == 12 && cn.allSatisfy { abs($0 - 1.15) < 1e-9 })
    let (edge, _, _) = NRASCNModel.built
    for na in atoms where na.label.hasPrefix("Na") {
      let n = atoms.filter { $0.type == "N3-" }.map {
        NRASCNModel.distance(na.position, $0.position, edge: edge)
      }
      #expect(n.filter { $0 >= 2.35 && $0 <= 2.75 }.count >= 2, "\(na.label)")
    }
    let structure = try Self.structure()
    #expect(structure.cellFormula == "C12H6As2N12Na6O3Re4S2")
  }

  /// With molecular units the cluster's μ3 As and S are silent, its twelve
  /// N and the water O attract: Na+ percolates in 1D, 2D and 3D below 1 eV,
  /// and the pairs say where they came from. With formal charges the μ3 As3−
  /// needs a Na+–As3− pair nobody has, and the error says what to do.
  @Test func percolatesWithMolecularUnits() throws {
    let structure = try Self.structure()
    let sodium = try #require(MobileIon("Na+"))
    var options = BVSELandscape.Options()
    options.spacing = 0.25
    options.charges = .molecular
    let landscape = try BVSELandscape(structure: structure, mobile: sodium, options: options)
    #expect(landscape.pairsUsed.count == 2)
    #expect(landscape.pairsUsed.contains { $0.hasPrefix("Na+–N3-") && $0.contains("derived") })
    #expect(landscape.pairsUsed.contains { $0.hasPrefix("Na+–O2-") && $0.contains("(table)") })
    let result = Percolation(landscape.grid, connectivity: .all26)
    #expect(result.thresholds.map(\.dimension) == [1, 2, 3])
    #expect(
      result.thresholds.allSatisfy { $0.barrier > 0.2 && $0.barrier < 1.0 },
      "\(result.thresholds.map(\.barrier))")
    options.charges = .formal
    #expect {
      try BVSELandscape(structure: structure, mobile: sodium, options: options)
    } throws: { error in
      "\(error)".contains("Na+–As3-") && "\(error)".contains("--charges molecular")
    }
  }

  /// The units the molecular policy finds: the 32-atom cluster and three
  /// waters; rock salt and the cubane's own image chain have none.
  @Test func unitsAreTheClusterAndTheWaters() throws {
    let structure = try Self.structure()
    let sodium = try #require(MobileIon("Na+"))
    let units = ChargePolicy.finiteUnits(
      in: structure, mobile: sodium, parameters: .softBV)
    #expect(units.map(\.members.count).sorted() == [3, 3, 3, 32])
  }
}

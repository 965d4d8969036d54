import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Migration

/// The energy terms on structures built here, where one ion is the only
/// neighbour within the cut-off, so the landscape must equal the formulas.
struct BVSETermTests {
  /// A 30 Å cubic P1 cell with `ion` at the origin and a Na+ at the centre.
  static func lonely(_ ion: String) throws -> CrystalStructure {
    let text = TestCIF.block(
      "lonely", cell: "30", symmetry: "_symmetry_space_group_name_H-M 'P 1'",
      sites: "X1 \(ion) 0 0 0\nNa1 Na1+ 0.5 0.5 0.5", typeSymbols: true)
    let doc = try CIFParser.parse(Data(text.utf8), source: "lonely.cif")
    return try CrystalStructure(block: doc.blocks[0], source: "lonely.cif")
  }

  static var sodium: MobileIon { get throws { try #require(MobileIon("Na+")) } }

  static func landscape(_ ion: String, parameters: BVSEParameters = .softBV) throws
    -> BVSELandscape
  {
    var options = BVSELandscape.Options()
    options.spacing = 0.5  // 60 points, 3 Å at i = 6
    return try BVSELandscape(
      structure: lonely(ion), mobile: try sodium, parameters: parameters, options: options)
  }

  /// A lone Cl−: ½·D0·[(exp(α(R_min − R)) − 1)² − 1] of softBV's Na+–Cl−
  /// (R_min 2.748011 Å, α 1.663894/Å, D0 0.315458 eV) at 3 Å and at 9.5 Å;
  /// nothing beyond the 10 Å cut-off.
  @Test func aLoneCounterIonGivesTheMorseCurve() throws {
    let l = try Self.landscape("Cl1-")
    #expect(l.grid.counts == SIMD3(60, 60, 60))
    func morse(_ r: Double) -> Double {
      let e = exp(1.663894 * (2.748011 - r)) - 1
      return 0.5 * 0.315458 * (e * e - 1)
    }
    #expect(abs(l.grid.values[l.grid.index(6, 0, 0)] - morse(3)) < 1e-12)
    #expect(abs(l.grid.values[l.grid.index(0, 41, 0)] - morse(9.5)) < 1e-12)
    #expect(l.grid.values[l.grid.index(0, 0, 30)] == 0)
    #expect(l.pairsUsed == ["Na+–Cl-: R_min 2.748 Å, α 1.664/Å, D0 0.315 eV (table)"])
  }

  /// A lone K+: 14.3996 eV·Å · 1·1/√(3·4) · erfc(R/(0.74·(1.66 + 2.03 Å)))/R
  /// (principal quantum numbers 3 and 4, Cordero's covalent radii) at 3 Å.
  @Test func aLoneCationGivesTheScreenedCoulombTerm() throws {
    let l = try Self.landscape("K1+")
    let expected = 14.399645 / 12.0.squareRoot() * erfc(3 / (0.74 * (1.66 + 2.03))) / 3
    #expect(abs(l.grid.values[l.grid.index(6, 0, 0)] - expected) < 1e-6 * expected)
  }

  /// A pair the table lacks (Na+ with N3−, the cyanide problem) is named
  /// when derivation is off, and derived, and said to be, when it is on.
  @Test func aMissingPairIsNamedOrDerived() throws {
    var tableOnly = BVSEParameters.softBV
    tableOnly.derivesMissingPairs = false
    #expect {
      try Self.landscape("N3-", parameters: tableOnly)
    } throws: { error in
      "\(error)".contains("Na+–N3-") && "\(error)".contains("softBV")
    }
    let derived = try Self.landscape("N3-")
    #expect(derived.pairsUsed.count == 1)
    #expect(derived.pairsUsed.allSatisfy { $0.hasPrefix("Na+–N3-") && $0.contains("derived") })
  }
}

/// Bond-valence site energies of Na+ against bvlain 0.25.1 on the shared
/// structures (values and settings in ../shared/data/cif/SOURCES.md:
/// r_cut 10 Å, 0.2 Å grid, 26-neighbour regions).
@Suite("BVSE landscapes against bvlain", SharedData.required("cif"))
struct BVSELandscapeTests {
  static func structure(_ file: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(contentsOf: SharedData.url("cif/\(file)")), source: file)
    return try CrystalStructure(block: doc.blocks[0], source: file)
  }

  static var sodium: MobileIon { get throws { try #require(MobileIon("Na+")) } }

  /// Rock salt: 3D at once, at bvlain's 0.840 eV (0.811 eV on its 0.1 Å
  /// grid) within 0.05 eV. The tolerance covers what differs by design:
  /// Ionics' periodic grid (29³ points at i/29, where bvlain's linspace
  /// repeats the cell face), every ion within 10 Å (bvlain keeps the 100
  /// nearest), and the connectivity (0.808 eV joining corners as bvlain
  /// does, 0.881 eV across faces only).
  @Test func rockSaltPercolatesInThreeDimensionsNearBvlain() throws {
    let landscape = try BVSELandscape(
      structure: Self.structure("dd_NaCl.cif"), mobile: try Self.sodium)
    for connectivity in [Percolation.Connectivity.all26, .faces] {
      let result = Percolation(landscape.grid, connectivity: connectivity)
      let barriers = result.thresholds.map(\.barrier)
      #expect(barriers.count == 3)
      #expect(barriers.allSatisfy { abs($0 - 0.840) < 0.05 }, "\(connectivity): \(barriers)")
      #expect(abs(barriers[0] - barriers[2]) < 1e-9, "cubic: 1D, 2D and 3D open together")
    }
  }

  /// Rock salt's lowest site is the Na site itself; alluaudite's two lowest
  /// fall on its Na sites (within 0.5 Å).
  @Test func lowestSitesAreTheSodiumSites() throws {
    let salt = try Self.structure("dd_NaCl.cif")
    let saltSites = try BVSELandscape(structure: salt, mobile: Self.sodium).sites(in: salt)
    #expect(saltSites.first?.crystallographicSite == "Na")
    #expect((saltSites.first?.distanceToSite ?? 1) < 0.2)
    let alluaudite = try Self.structure(
      "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif")
    let sites = try BVSELandscape(structure: alluaudite, mobile: Self.sodium).sites(in: alluaudite)
    #expect(sites.prefix(2).allSatisfy { $0.crystallographicSite == "NaA1" })
    #expect(sites.contains { $0.crystallographicSite == "NaA2*" && $0.energy < 0.5 })
  }

  /// Alluaudite NaMnFe2(PO4)3: tunnels along c at bvlain's 1.065 eV (within
  /// 0.02 eV), and no 2D or 3D network below 5 eV.
  @Test func alluauditeHasTunnelsAlongCOnly() throws {
    let landscape = try BVSELandscape(
      structure: Self.structure("cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif"),
      mobile: Self.sodium)
    let minimum = try #require(landscape.grid.values.min())
    let result = Percolation(landscape.grid, limit: minimum + 5, connectivity: .all26)
    #expect(result.thresholds.count == 1)
    #expect(abs((result.threshold(1)?.barrier ?? 0) - 1.065) < 0.02)
    #expect(result.threshold(1)?.directions == [SIMD3(0, 0, 1)])
    #expect(landscape.pairsUsed == ["Na+–O2-: R_min 2.374 Å, α 2.075/Å, D0 0.575 eV (table)"])
  }
}

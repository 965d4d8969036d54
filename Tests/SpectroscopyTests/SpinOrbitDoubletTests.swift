import Foundation
import Spectroscopy
import TestSupport
import Testing

/// Spin–orbit doublets: the occupancy ratios 2j + 1, the tabulated
/// splittings against the doublets that independent programs fitted on the
/// shared files, and the ties a doublet puts between its two lines.
@Suite("Spin–orbit doublets")
struct SpinOrbitDoubletTests {
  /// p 1:2, d 2:3, f 3:4; j = l ± ½ names; s levels have none.
  @Test func occupancyRatiosAndNames() throws {
    let p = try #require(SpinOrbitDoublets.doublet(element: "Fe", level: "2p"))
    #expect(p.areaRatio == 0.5 && p.lower == "2p3/2" && p.upper == "2p1/2" && p.splittingElectronvolts == 13.10)
    let d = try #require(SpinOrbitDoublets.doublet(element: "Mo", level: "3d"))
    #expect(abs(d.areaRatio - 2.0 / 3) < 1e-12 && d.lower == "3d5/2" && d.upper == "3d3/2")
    let f = try #require(SpinOrbitDoublets.doublet(element: "Re", level: "4f"))
    #expect(f.areaRatio == 0.75 && f.lower == "4f7/2" && f.upper == "4f5/2" && f.splittingElectronvolts == 2.43)
    #expect(SpinOrbitDoublets.doublet(element: "Na", level: "1s") == nil)
    #expect(SpinOrbitDoublets.doublet(element: "Xx", level: "2p") == nil)
    let given = try #require(SpinOrbitDoublets.doublet(element: "Xx", level: "2p", splitting: 1.5))
    #expect(given.splittingElectronvolts == 1.5 && given.source == "given")
    #expect(SpinOrbitDoublets.doublet(element: "Fe", level: "2p", splitting: -1) == nil)
  }

  /// The table against fits of real spectra: lmfitxps' Au 4f (splitting
  /// 3.6698 eV) and KherveFitting's Pt 4f (71.15 and 74.45 eV).
  @Test func splittingsAgreeWithFitsOfTheSharedFiles() throws {
    let au = try #require(SpinOrbitDoublets.doublet(element: "Au", level: "4f"))
    #expect(abs(au.splittingElectronvolts - 3.6698) < 0.01)
    let pt = try #require(SpinOrbitDoublets.doublet(element: "Pt", level: "4f"))
    #expect(abs(pt.splittingElectronvolts - (74.45 - 71.15)) < 0.05)
  }

  /// Expanding keeps a tie between the user's components (renumbered) and
  /// ties each partner to its own line.
  @Test func expansionTiesEachPartnerToItsLine() throws {
    let shape = LineShape.gaussianLorentzianSum(mixing: 30)
    var second = XPSFit.Component("oxide", shape: shape, position: 44, width: 1)
    second.sameWidthAs = 0
    let expanded = SpinOrbitDoublets.expand(
      [XPSFit.Component("metal", shape: shape, position: 40.3, width: 0.8), second],
      try #require(SpinOrbitDoublets.doublet(element: "Re", level: "4f")))
    #expect(expanded.map(\.name) == ["metal 4f7/2", "metal 4f5/2", "oxide 4f7/2", "oxide 4f5/2"])
    #expect(expanded[1].positionOffset?.component == 0 && expanded[1].positionOffset?.electronvolts == 2.43)
    #expect(expanded[2].sameWidthAs == 0 && expanded[3].sameWidthAs == 2 && expanded[3].areaRatio?.ratio == 0.75)
  }

  /// A simulated Re 4f doublet (4f7/2 at 41.9 eV) is recovered: the fit
  /// with `doublets` finds the position within 0.02 eV and the summed area
  /// within 3 %.
  @Test func simulatedDoubletIsRecovered() throws {
    let shape = LineShape.gaussianLorentzianSum(mixing: 30)
    let d = try #require(SpinOrbitDoublets.doublet(element: "Re", level: "4f"))
    let binding = stride(from: 36.0, through: 50.0, by: 0.05).map { $0 }
    let counts = SimulatedRegion.counts(
      binding, [.init(position: 41.9, width: 1.1, area: 20000), .init(position: 41.9 + 2.43, width: 1.1, area: 15000)],
      shape: shape, seed: 21)
    let components = SpinOrbitDoublets.expand([XPSFit.Component("ReS2", shape: shape, position: 41.6, width: 1)], d)
    let result = try XPSFit.fit(energies: binding, signal: counts, components: components, background: .shirley)
    #expect(abs(result.components[0].positionElectronvolts - 41.9) < 0.02)
    #expect(abs(result.components[1].positionElectronvolts - 44.33) < 0.02)
    #expect(abs((result.components[0].area + result.components[1].area) / 35000 - 1) < 0.03)
  }
}

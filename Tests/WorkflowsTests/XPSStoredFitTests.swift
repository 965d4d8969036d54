import Foundation
import Spectroscopy
import TestSupport
import Testing
import Workflows

/// A VAMAS file with CasaXPS' processing: the workflow lists CasaXPS' fit
/// beside the regions, and `--background stored` fits over CasaXPS' region
/// on CasaXPS' own U 3 Tougaard background.
@Suite("XPS fit stored by CasaXPS", SharedData.required("spectroscopy"))
struct XPSStoredFitTests {
  static let path = SharedData.url("spectroscopy/xps/pynxtoolsxps_FeO_analyzed.vms").path

  @Test func storedFitIsListedInBindingEnergies() throws {
    let outcome = try XPSWorkflow.run(XPSWorkflow.Request(path: Self.path))
    let stored = try #require(outcome.regions.first?.storedFit)
    #expect(stored.program == "CasaXPS" && stored.components.count == 4 && stored.unreadLines == 0)
    let positions = stored.components.compactMap(\.positionElectronvolts)
    for (p, expected) in zip(positions, [709.05, 716.0, 722.13, 729.89]) { #expect(abs(p - expected) < 0.005) }
    #expect(stored.components[1].onBound == ["position", "fwhm"])
    let background = try #require(stored.backgrounds.first)
    // 1486.61 − 786.7632 and 1486.61 − 737.52081.
    #expect(abs((background.bindingEnergyLowElectronvolts ?? 0) - 699.8468) < 1e-3)
    #expect(abs((background.bindingEnergyHighElectronvolts ?? 0) - 749.08919) < 1e-3)
  }

  @Test func storedBackgroundFitsOverTheStoredRegion() throws {
    var request = XPSWorkflow.Request(path: Self.path)
    request.background = .stored
    request.components = try ["main@709.05", "satellite@716", "main 1/2@722.13", "satellite 1/2@729.89"].map {
      try XPSWorkflow.component($0, shape: .gaussianLorentzianSum(mixing: 30))
    }
    let result = try #require(try XPSWorkflow.run(request).result)
    #expect(result.energies.count == 985)
    #expect((result.energies.first ?? 0) >= 699.84 && (result.energies.last ?? 0) <= 749.09)
    // The background handed to the fit is CasaXPS' (its value at the high-binding-energy end).
    #expect(abs((result.background.last ?? 0) - 12422.93) < 3)
    #expect(abs((result.background.first ?? 0) - 2947.0) < 0.01)

    var plain = XPSWorkflow.Request(path: SharedData.url("spectroscopy/xps/kherve_Pt4f.vms").path)
    plain.background = .stored
    plain.components = request.components
    #expect(throws: WorkflowError.self) { try XPSWorkflow.run(plain) }
  }
}

/// `doublets` in the workflow: KherveFitting's Pt 4f doublet (71.15 and
/// 74.45 eV) from one component and the tabulated splitting.
@Suite("XPS doublets in the workflow", SharedData.required("spectroscopy"))
struct XPSDoubletWorkflowTests {
  @Test func platinumDoubletFromOneComponent() throws {
    var request = XPSWorkflow.Request(path: SharedData.url("spectroscopy/xps/kherve_Pt4f.vms").path)
    request.components = [try XPSWorkflow.component("Pt@71.1:0.6", shape: .doniachSunjic(asymmetry: 0.1, gaussianRatio: 1))]
    request.doublets = true
    let fit = try #require(try XPSWorkflow.run(request).fit)
    #expect(fit.doublet?.line == "Pt 4f" && fit.components.map(\.name) == ["Pt 4f7/2", "Pt 4f5/2"])
    #expect(abs(fit.components[0].positionElectronvolts - 71.15) < 0.05)
    #expect(abs(fit.components[1].positionElectronvolts - 74.45) < 0.05)
    #expect(abs(fit.components[1].areaPercent - 100 * 3.0 / 7) < 0.01)

    var feo = XPSWorkflow.Request(path: SharedData.url("spectroscopy/xps/pynxtoolsxps_FeO_analyzed.vms").path)
    feo.components = request.components
    feo.doublets = true
    feo.splittingElectronvolts = 13.6
    let iron = try #require(try XPSWorkflow.run(feo).fit)
    #expect(iron.doublet?.source == "given" && iron.doublet?.splittingElectronvolts == 13.6)
  }
}

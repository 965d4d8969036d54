import Foundation
import Spectroscopy
import Testing
import Workflows

/// Charge correction from a reference line: a sample charged by +0.8 eV
/// shows adventitious C 1s at 285.6 eV and F 1s (NaF) at 684.3 eV;
/// setting C 1s to 284.8 eV puts NaF back at 683.5 eV.
@Suite("XPS charge reference")
struct XPSChargeReferenceTests {
  static func file() throws -> String {
    let hv = 1486.6
    let shape = LineShape.gaussianLorentzianProduct(mixing: 30)
    func region(_ name: String, _ species: String, _ range: ClosedRange<Double>, _ parts: [SimulatedRegion.Component], seed: UInt64)
      -> PhotoelectronSpectrum
    {
      let binding = stride(from: range.upperBound, through: range.lowerBound, by: -0.05).map { $0 }
      let counts = SimulatedRegion.counts(binding.reversed(), parts, shape: shape, seed: seed).reversed()
      return PhotoelectronSpectrum(
        name: name, sample: "charged", technique: "XPS", species: species, transition: "1s", photonEnergy: hv,
        source: "Al", passEnergy: 20, workFunction: nil, recordedAxis: .kinetic, energies: binding.map { hv - $0 },
        signal: Array(counts), signalLabel: "counts", dwellSeconds: 0.1, scans: 1, transmission: nil, date: nil)
    }
    let text = VAMASFile.text(
      [
        region("C 1s", "C", 278...294, [.init(position: 285.6, width: 1.4, area: 20000)], seed: 3),
        region("F 1s", "F", 676...692, [.init(position: 684.3, width: 1.6, area: 30000)], seed: 4),
      ], comment: ["charged by +0.8 eV (test)"])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("charged-\(UUID().uuidString).vms").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func referenceLineShiftsTheFittedRegion() throws {
    let path = try Self.file()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var request = XPSWorkflow.Request(path: path)
    request.region = "F 1s"
    request.components = [try XPSWorkflow.component("NaF@684", shape: .gaussianLorentzianProduct(mixing: 30))]
    request.chargeReference = try XPSWorkflow.chargeReference("C 1s=284.8")
    let fit = try #require(try XPSWorkflow.run(request).fit)
    #expect(abs(fit.shiftElectronvolts + 0.8) < 0.02)
    #expect(abs(fit.components[0].positionElectronvolts - 683.5) < 0.03)
    #expect(fit.shiftSource.hasPrefix("C 1s main peak at 285.6"))
    request.shiftElectronvolts = 0.1
    #expect(throws: WorkflowError.self) { _ = try XPSWorkflow.run(request) }
    #expect(throws: WorkflowError.self) { _ = try XPSWorkflow.chargeReference("C 1s") }
  }
}

import ComplexModule
import Foundation
import Impedance
import TestSupport
import Testing

/// Each .mpr against the .mpt that EC-Lab exported from it: the same
/// spectra, point for point. The .mpt prints the float32 values of the
/// .mpr with 8 significant digits, hence the 1e-6 relative tolerance.
@Suite(SharedData.required)
struct BioLogicMPRTests {
  @Test(arguments: [
    "impedance.py/exampleDataBioLogic", "yadg/peis", "yadg/peis.issue_149", "yadg/geis.issue_149",
    "yadg/geis",
    "yadg/peis.issue_225.with_ece", "yadg/peis.issue_225.no_ece", "yadg/peis.issue_225.ewe_ece",
    "yadg/vsp_peis_with",
  ])
  func mprEqualsItsMptExport(name: String) throws {
    let binary = try ImpedanceFile.read(contentsOf: SharedData.url("eis/\(name).mpr"))
    let text = try ImpedanceFile.read(contentsOf: SharedData.url("eis/\(name).mpt"))
    #expect(binary.count == text.count, "\(name): \(binary.count) vs \(text.count) spectra")
    for (b, t) in zip(binary, text) {
      #expect(b.count == t.count)
      for k in 0..<min(b.count, t.count) {
        #expect(abs(b.frequencies[k] - t.frequencies[k]) <= 1e-6 * t.frequencies[k])
        let scale = max(t.impedance[k].length, 1e-12)
        #expect((b.impedance[k] - t.impedance[k]).length <= 1e-6 * scale, "\(name) point \(k)")
      }
    }
  }

  @Test func truncatedFileNamesTheOffset() throws {
    let data = try Data(contentsOf: SharedData.url("eis/yadg/peis.mpr"))
    for cut in [30, 100, data.count / 2, data.count - 7] {
      do {
        _ = try ImpedanceFile.read(data.prefix(cut), source: "cut.mpr")
        Issue.record("a file cut at \(cut) bytes must not read")
      } catch let error as ImpedanceReadError {
        #expect(error.description.contains("cut.mpr"))
      }
    }
  }
}

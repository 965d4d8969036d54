import Foundation
import TestSupport
import Testing

@testable import Cycling

/// Real cycler files cut short, with bytes overwritten or runs removed:
/// each must read or fail with a CyclingError, never crash, and a table
/// that reads has as many values in every column as records.
@Suite("Damaged cycler files", SharedData.required)
struct CyclerFuzzTests {
  static let files = [
    ("neware/navani_test.ndax", 60), ("neware/newarenda_new_nda_file.nda", 120),
    ("neware/newarenda_TestFile.nda", 60), ("biologic/yadg_gcpl.issue_226.I.mpr", 120),
    ("biologic/yadg_gcpl.issue_211.mpt", 60), ("other/beep_test_Nova_Form-CH01-01_short.csv", 60),
    ("arbin/navani_bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx", 12),
    ("maccor/beep_PredictionDiagnostics_000151_test.052", 100),
  ]

  /// The files one after another (a crash then names its file in the dump).
  @Test func damagedFilesGiveTablesOrTypedErrors() throws {
    for (path, trials) in Self.files { try damageFile(path, trials) }
  }

  func damageFile(_ path: String, _ trials: Int) throws {
    let original = [UInt8](try Data(contentsOf: SharedData.url("cycling/\(path)")))
    var damage = ByteDamage(
      seed: 0x0DDB_1A5E_5BAD_5EED &+ UInt64(path.utf8.count),
      interesting: [0, 0xFF, 0x7F, 0x80, 0x0A, 0x2C, 0x3B, 0x2E, 0x2D, 0x55, 0x22])
    for trial in 0..<trials {
      let bytes = damage.damaged(original, trial: trial)
      do {
        let t = try CyclerFile.read(Data(bytes), source: "fuzz")
        #expect(t.voltage.count == t.count && t.chargeStep.count == t.count)
        #expect(t.current.map { $0.count == t.count } ?? true)
        #expect(t.instrumentCycle.map { $0.count == t.count } ?? true)
        _ = t.cycles(.chargeAfterDischarge)
      } catch is CyclingError {
      } catch {
        Issue.record("untyped error \(error) for \(path) trial \(trial)")
      }
    }
  }
}

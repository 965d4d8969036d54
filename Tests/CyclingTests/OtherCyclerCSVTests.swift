import Foundation
import TestSupport
import Testing

@testable import Cycling

@Suite("PEC and Novonix exports", SharedData.required)
struct OtherCyclerCSVTests {
  static func table(_ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/other/\(name)")), source: name)
  }

  /// PEC SBT0550 (32-line preamble, results block, V in mV, I in mA, Q in
  /// mAh): SOURCES.md's cycle 0 discharge 11 634.168, cycle 1 44 424.915 /
  /// 44 351.991 (CE 99.84 %), cycle 2 charge 44 258.930 mAh, to the 1e-3 printed.
  @Test func pec() throws {
    let t = try Self.table("cellpy_pec.csv")
    #expect(t.count == 16_255)
    #expect(abs(t.voltage[0] - 3.272632) < 1e-12 && t.time[0] == 1)
    let c = t.cycles().cycles
    #expect(c.count == 3)
    #expect(abs(c[0].dischargeAh * 1000 - 11_634.168) < 1e-3)
    #expect(abs(c[1].chargeAh * 1000 - 44_424.915) < 1e-3)
    #expect(abs(c[1].dischargeAh * 1000 - 44_351.991) < 1e-3)
    #expect(abs((c[1].coulombicEfficiency ?? 0) * 100 - 99.84) < 0.005)
    #expect(abs(c[2].chargeAh * 1000 - 44_258.930) < 1e-3)
  }

  /// Novonix HPC (every data line quoted whole, one capacity column that
  /// counts charge or discharge by the current's sign, time in hours):
  /// cycle 1's charge is its CC–CV step to 1.5 V (0.669 mAh, the capacity
  /// running on from CC into CV) plus the CC charge of step 3, 29.468 mAh
  /// (BEEP's summary reports that step alone).
  @Test func novonix() throws {
    let t = try Self.table("beep_test_Nova_Form-CH01-01_short.csv")
    #expect(t.count == 3_942)
    #expect(abs(t.time[1] - 0.0003111 * 3600) < 1e-9)
    let c = t.cycles().cycles
    #expect(c.count == 1)
    #expect(abs(c[0].chargeAh * 1000 - (29.467_916_1 + 0.669_253_6)) < 1e-6)
    let steps = t.halfCycles.filter { $0.direction > 0 }
    #expect(steps.count == 1)
  }
}

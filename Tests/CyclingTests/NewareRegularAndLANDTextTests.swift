import Foundation
import Testing

@testable import Cycling

/// Exports whose layout is documented but of which no real file is in the
/// shared data: Neware BTS's "regular" CSV (cycle, step and record rows
/// interleaved under three header lines) and LANDdt's CSV and TXT exports.
/// The files are written here, record by record, with capacities that
/// follow from the currents: 100 mA for 30 min is 50 mAh.
struct NewareRegularAndLANDTextTests {
  /// Two cycles of CC charge at +100 mA (1 h, 100 / 98 mAh) and CC
  /// discharge at −100 mA (54 / 52.8 min, 90 / 88 mAh), with a CV tail
  /// in cycle 1 that adds 2 mAh to the charge.
  static let neware = """
    Cycle ID,Cap_Chg(mAh),Cap_DChg(mAh),Charge/Discharge Efficiency(%)
    ,Step ID,Step Name,Step Time(h:min:s.ms),Capacity(mAh)
    ,,Record ID,Time(h:min:s.ms),Voltage(V),Current(mA),Temperature(C),Capacity(mAh),Capacitance_Chg(mAh),Capacitance_DChg(mAh),Realtime
    1,102.000,90.000,88.235
    ,1,CC_Chg,1:00:00.000,100.000
    ,,1,0:00:00.000,3.400,100.0,25,0.000,0.000,0.000,2024-05-01 10:00:00
    ,,2,0:30:00.000,3.700,100.0,25,50.000,50.000,0.000,2024-05-01 10:30:00
    ,,3,1:00:00.000,4.200,100.0,25,100.000,100.000,0.000,2024-05-01 11:00:00
    ,2,CV_Chg,0:12:00.000,2.000
    ,,4,0:06:00.000,4.200,15.0,25,1.500,1.500,0.000,2024-05-01 11:06:00
    ,,5,0:12:00.000,4.200,5.0,25,2.000,2.000,0.000,2024-05-01 11:12:00
    ,3,CC_DChg,0:54:00.000,90.000
    ,,6,0:30:00.000,3.600,-100.0,25,50.000,0.000,50.000,2024-05-01 11:42:00
    ,,7,0:54:00.000,2.500,-100.0,25,90.000,0.000,90.000,2024-05-01 12:06:00
    2,98.000,88.000,89.796
    ,4,CC_Chg,0:58:48.000,98.000
    ,,8,0:30:00.000,3.700,100.0,25,50.000,50.000,0.000,2024-05-01 12:36:00
    ,,9,0:58:48.000,4.200,100.0,25,98.000,98.000,0.000,2024-05-01 13:04:48
    ,5,CC_DChg,0:52:48.000,88.000
    ,,10,0:30:00.000,3.600,-100.0,25,50.000,0.000,50.000,2024-05-01 13:34:48
    ,,11,0:52:48.000,2.500,-100.0,25,88.000,0.000,88.000,2024-05-01 13:57:36

    """

  static func read(_ text: String, _ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(text.utf8), source: name)
  }

  /// Capacities per cycle (CC + CV summed), efficiencies, signed currents
  /// in A, and the test time as the sum of the steps' times.
  @Test func newareRegularExport() throws {
    let t = try Self.read(Self.neware, "neware-regular.csv")
    #expect(t.format.hasPrefix("Neware BTS CSV, regular export"))
    #expect(t.count == 11)
    #expect(abs((t.current?[5] ?? 0) + 0.1) < 1e-12)
    #expect(t.instrumentCycle == [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2])
    // Record 7 ends cycle 1's discharge: 1 h + 12 min + 54 min of steps.
    #expect(abs(t.time[6] - (3600 + 720 + 3240)) < 1e-9)
    #expect(abs(t.time[10] - (3600 + 720 + 3240 + 3528 + 3168)) < 1e-9)
    let c = t.cycles().cycles
    #expect(c.count == 2)
    #expect(abs(c[0].chargeAh * 1000 - 102) < 1e-9)
    #expect(abs(c[0].dischargeAh * 1000 - 90) < 1e-9)
    #expect(abs((c[0].coulombicEfficiency ?? 0) - 90.0 / 102) < 1e-12)
    #expect(abs(c[1].chargeAh * 1000 - 98) < 1e-9)
    #expect(abs(c[1].dischargeAh * 1000 - 88) < 1e-9)
  }

  /// Without the Capacitance_Chg/DChg columns, the one Capacity column is
  /// charge while the current is positive and discharge while it is negative.
  @Test func newareRegularExportWithOneCapacityColumn() throws {
    let text = Self.neware.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      // Drop Capacitance_Chg, Capacitance_DChg and Realtime (the last three fields).
      line.hasPrefix(",,")
        ? line.split(separator: ",", omittingEmptySubsequences: false)
          .dropLast(3).joined(separator: ",") : String(line)
    }.joined(separator: "\n")
    let c = try Self.read(text, "neware-regular.csv").cycles().cycles
    #expect(c.count == 2)
    #expect(abs(c[0].chargeAh * 1000 - 102) < 1e-9)
    #expect(abs(c[0].dischargeAh * 1000 - 90) < 1e-9)
    #expect(abs(c[1].dischargeAh * 1000 - 88) < 1e-9)
  }

  /// A missing record column and a bad cycle number name what and where.
  @Test func newareRegularExportErrors() throws {
    let noVoltage = Self.neware.replacingOccurrences(of: "Voltage(V)", with: "Volts")
    #expect {
      try Self.read(noVoltage, "a.csv")
    } throws: { error in
      "\(error)".contains("Voltage(V)") && "\(error)".contains("a.csv")
    }
    let badCycle = Self.neware.replacingOccurrences(of: "\n2,98.000", with: "\nx2,98.000")
    #expect {
      try Self.read(badCycle, "b.csv")
    } throws: { error in
      "\(error)".contains("line 15") && "\(error)".contains("cycle number")
    }
  }

  /// LANDdt's CSV export (one Capacity/mAh column, current in mA, time in
  /// seconds) and its TXT export (tab-separated, time as h:mm:ss): the same
  /// cycle, 100 mAh charged and 90 mAh discharged.
  @Test func landCSVAndTXTExports() throws {
    let rows: [(Int, Double, Double, Double, Int, Int)] = [
      // (record, test time s, current mA, voltage V, cycle, step); capacity from I·t
      (1, 0, 100, 3.4, 1, 1), (2, 1800, 100, 3.7, 1, 1), (3, 3600, 100, 4.2, 1, 1),
      (4, 3601, -100, 4.1, 1, 2), (5, 5400, -100, 3.6, 1, 2), (6, 6840, -100, 2.5, 1, 2),
    ]
    func capacity(_ r: (Int, Double, Double, Double, Int, Int)) -> Double {
      r.5 == 1 ? r.1 / 36 : (r.1 - 3600) / 36
    }
    var csv =
      "Record,TestTime/Sec,StepTime/Sec,Cycle-Index,Step-Index,Current/mA,Voltage/V,Capacity/mAh,SpeCap/mAh/g,Energy/mWh\n"
    var txt = "Record\tTestTime\tCycle\tStep\tCurrent/mA\tVoltage/V\tCapacity/mAh\n"
    for r in rows {
      let q = capacity(r)
      csv += "\(r.0),\(r.1),\(r.1),\(r.4),\(r.5),\(r.2),\(r.3),\(q),\(q / 0.8),0\n"
      let clock = String(
        format: "%02d:%02d:%02d", Int(r.1) / 3600, Int(r.1) % 3600 / 60, Int(r.1) % 60)
      txt += "\(r.0)\t\(clock)\t\(r.4)\t\(r.5)\t\(r.2)\t\(r.3)\t\(q)\n"
    }
    for (text, name) in [(csv, "land.csv"), (txt, "land.txt")] {
      let t = try Self.read(text, name)
      #expect(t.count == 6, "\(name)")
      #expect(abs(t.time[5] - 6840) < 1e-9, "\(name)")
      #expect(abs((t.current?[4] ?? 0) + 0.1) < 1e-12, "\(name)")
      let c = t.cycles().cycles
      #expect(c.count == 1, "\(name)")
      #expect(abs((c.first?.chargeAh ?? 0) * 1000 - 100) < 1e-9, "\(name)")
      #expect(abs((c.first?.dischargeAh ?? 0) * 1000 - (6840 - 3600) / 36) < 1e-9, "\(name)")
    }
  }
}

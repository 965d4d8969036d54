import Foundation
import TestSupport
import Testing

@testable import Cycling

@Suite("Neware .ndax and .nda against NewareNDA", SharedData.required)
struct NewareNDAXTests {
  static func table(_ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/neware/\(name)")), source: name)
  }

  /// The rows of a gzipped reference CSV (NewareNDA's own regression frames).
  static func reference(_ name: String) throws -> [[String]] {
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = [
      "-c", "gzip -dc \"$0\"", SharedData.url("cycling/neware/newarenda_reference/\(name)").path,
    ]
    let pipe = Pipe()
    gzip.standardOutput = pipe
    try gzip.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    gzip.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// SOURCES.md's per-cycle capacities (sums of step maxima of NewareNDA's
  /// decode, cycles by its rule: a new cycle at a charge after a
  /// discharge), to their printed 1e-5 mAh.
  @Test func fadingCellOfFiftyFourCycles() throws {
    let t = try Self.table("newarenda_test_2.ndax")
    #expect(t.count == 108_563)
    #expect(t.format == "Neware .ndax (ndc version 17)")
    let cycles = t.cycles(.chargeAfterDischarge).cycles
    #expect(cycles.count == 54)
    let expected = [(0.23497, 0.10059), (0.07031, 0.06099), (0.03605, 0.03309), (0.02353, 0.02222)]
    for (c, (chg, dis)) in zip(cycles, expected) {
      #expect(
        abs(c.chargeAh * 1000 - chg) < 6e-6 && abs(c.dischargeAh * 1000 - dis) < 6e-6,
        "cycle \(c.cycle)")
    }
    let last = try #require(cycles.last)
    #expect(
      abs(last.chargeAh * 1000 - 0.04597) < 6e-6 && abs(last.dischargeAh * 1000 - 0.00363) < 6e-6)
    #expect(abs((t.activeMassGrams ?? 0) - 0.00304) < 1e-9)
  }

  /// Every record's voltage equals NewareNDA's (float32 printed to nine
  /// digits) and its current too, within the float32 rounding of NewareNDA's
  /// mA column (6e-8 relative); time never goes back.
  @Test func recordsEqualTheReferenceFrame() throws {
    let t = try Self.table("newarenda_test_2.ndax")
    let rows = try Self.reference("test_2.csv.gz")
    let header = rows[0]
    let v = try #require(header.firstIndex(of: "Voltage"))
    let i = try #require(header.firstIndex(of: "Current(mA)"))
    #expect(rows.count - 1 == t.count)
    var worstVoltage = 0.0
    var worstCurrent = 0.0
    for (k, row) in rows.dropFirst().enumerated() {
      worstVoltage = max(worstVoltage, abs(t.voltage[k] - (Double(row[v]) ?? .nan)))
      let mA = (t.current?[k] ?? 0) * 1000
      worstCurrent = max(worstCurrent, abs(mA - (Double(row[i]) ?? .nan)) / max(abs(mA), 1e-9))
    }
    #expect(worstVoltage < 1e-8 && worstCurrent < 6e-8, "\(worstVoltage) V, \(worstCurrent) of I")
    #expect(zip(t.time, t.time.dropFirst()).allSatisfy { $0 <= $1 })
  }

  /// Version 5 (all in data.ndc), version 17 with few run records, and a
  /// 252 951-record CC–CV charge: SOURCES.md's capacities.
  @Test(arguments: [
    ("navani_test.ndax", 1_464, 0.59304, 0.62545),
    ("newarenda_TESTCELL0001-Test_Data_Collection_Ndc17.ndax", 80, 4.16654, 4.16653),
    ("cellpy_20260302_IFE_BTS85_2_9_8_1.ndax", 252_951, 1418.757, 0),
  ])
  func otherVersions(file: String, rows: Int, charge: Double, discharge: Double) throws {
    let t = try Self.table(file)
    #expect(t.count == rows)
    let total = t.cycles(.chargeAfterDischarge).cycles
    let chg = total.map(\.chargeAh).reduce(0, +) * 1000
    let dis = total.map(\.dischargeAh).reduce(0, +) * 1000
    let printed = charge > 100 ? 6e-4 : 6e-6
    #expect(
      abs(chg - charge) < printed && abs(dis - discharge) < printed, "\(file): \(chg) / \(dis)")
  }

  /// A cut .ndax and a zip without data.ndc: errors that name the file.
  @Test func damaged() throws {
    let data = try Data(contentsOf: SharedData.url("cycling/neware/navani_test.ndax"))
    for cut in [100, data.count / 2] {
      #expect(throws: CyclingError.self) {
        try CyclerFile.read(data.prefix(cut), source: "cut.ndax")
      }
    }
  }

  /// .nda files: BTS 9.1 (version 130) with CC, CV and discharge steps,
  /// BTS 9.0 (130) pulses, and an old version-29 file. SOURCES.md's
  /// capacities (mAh, cycles by NewareNDA's rule) and NewareNDA's voltages.
  @Test func ndaFiles() throws {
    let bts91 = try Self.table("newarenda_TestFile.nda")
    #expect(bts91.count == 6_670)
    let cycles = bts91.cycles(.chargeAfterDischarge).cycles
    let expected = [(0.0, 3790.168), (5811.024, 5806.646), (5815.090, 0)]
    #expect(cycles.count == 3)
    for (c, (chg, dis)) in zip(cycles, expected) {
      // Printed to 1e-3 mAh from NewareNDA's float32 columns (6e-8 of 5800 mAh).
      #expect(
        abs(c.chargeAh * 1000 - chg) < 1.5e-3 && abs(c.dischargeAh * 1000 - dis) < 1.5e-3,
        "cycle \(c.cycle)")
    }
    let rows = try Self.reference("TestFile.csv.gz")
    let v = try #require(rows[0].firstIndex(of: "Voltage"))
    let worst =
      zip(bts91.voltage, rows.dropFirst()).map { abs($0 - (Double($1[v]) ?? .nan)) }.max() ?? 1
    #expect(worst < 1e-8)

    let pulses = try Self.table("newarenda_2-1-6_61[07005012].nda")
    #expect(pulses.count == 15_567)
    let pulsed = pulses.cycles(.chargeAfterDischarge).cycles.map(\.dischargeAh).reduce(0, +)
    #expect(abs(pulsed * 1000 - 299.86145) < 1e-4)

    // The old file: by NewareNDA's rule its second cycle holds 0.000697 /
    // 0.007009 mAh (the step maxima of its frame); by the file's own counter
    // it is one cycle of 0.00070 / 0.00707 mAh (SOURCES.md).
    let old = try Self.table("newarenda_new_nda_file.nda")
    #expect(old.count == 439)
    let last = try #require(old.cycles(.chargeAfterDischarge).cycles.last)
    #expect(abs(last.chargeAh * 1000 - 0.000_696_528) < 1e-8)
    #expect(abs(last.dischargeAh * 1000 - 0.007_009_194) < 1e-8)
    let counted = try #require(old.cycles().cycles.last)
    #expect(
      abs(counted.chargeAh * 1000 - 0.00070) < 6e-6
        && abs(counted.dischargeAh * 1000 - 0.00707) < 6e-6)
  }
}

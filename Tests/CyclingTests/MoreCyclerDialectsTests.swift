import Foundation
import TestSupport
import Testing

@testable import Cycling

/// Cycler exports of the second collection (`cycling/more/`), each against
/// the values SOURCES.md records from the instrument's own tables or from
/// PyProBE's and battery-data-toolkit's tests on the same files.
@Suite("More cycler dialects against SOURCES.md", SharedData.required("cycling/more"))
struct MoreCyclerDialectsTests {
  static func table(_ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/more/\(name)")), source: name)
  }

  /// LAND .xlsx: the per-cycle capacities from the Record-Tab reproduce the
  /// instrument's own Cycle-Tab (mAh, as printed). LAND carries the capacity
  /// through the rest between the two discharge steps of cycle 1; counting
  /// it again would give 5.78 mAh instead of 3.03.
  @Test func landWorkbookReproducesItsCycleTable() throws {
    let t = try Self.table("cellpy_custom_data_002.xlsx")
    #expect(t.count == 16_538)
    let c = t.cycles().cycles
    #expect(c.count == 14)
    let cycleTab: [(Int, Double, Double)] = [
      (0, 2.74823, 3.03312), (1, 2.39283, 2.55267), (2, 2.22549, 2.35058), (3, 1.94575, 2.07391),
      (13, 0.96528, 0.96632),
    ]
    for (k, capC, capD) in cycleTab {
      #expect(abs(c[k].chargeAh * 1000 - capC) < 1e-5, "cycle \(k + 1) charge")
      #expect(abs(c[k].dischargeAh * 1000 - capD) < 1e-5, "cycle \(k + 1) discharge")
    }
    // LAND's Efficiency/% is CapC/CapD (90.6072 % in cycle 1); Ionics reports
    // discharge over charge, its reciprocal.
    let ours = try #require(c[0].coulombicEfficiency)
    #expect(abs(1 / ours * 100 - 90.6072) < 1e-3)
  }

  /// Neware BTS .xls (BIFF8): the Detail sheet's records reproduce the
  /// instrument's Cycle sheet (mAh).
  @Test func newareWorkbookReproducesItsCycleSheet() throws {
    let t = try Self.table("cellpy_custom_data_003.xls")
    #expect(t.count == 2_943)
    let c = t.cycles().cycles
    #expect(c.count == 14)
    let cycleSheet: [(Int, Double, Double)] = [
      (0, 0, 3.524146), (1, 3.119684, 2.833252), (2, 2.770788, 2.682884), (3, 2.617797, 2.382515),
      (13, 1.209321, 1.210669),
    ]
    for (k, charge, discharge) in cycleSheet {
      #expect(abs(c[k].chargeAh * 1000 - charge) < 2e-6, "cycle \(k + 1) charge")
      #expect(abs(c[k].dischargeAh * 1000 - discharge) < 2e-6, "cycle \(k + 1) discharge")
    }
    // 'Cycle Life(%)' = discharge / discharge of cycle 1: 34.35 % at cycle 14.
    #expect(abs(c[13].dischargeAh / c[0].dischargeAh * 100 - 34.35) < 0.01)
  }

  /// BaSyTec (`~` header, tab-separated, latin-1): PyProBE's final row,
  /// t = 70.235804 s, U 3.53285 V, and the charge passed 0.001248917 Ah.
  @Test func basytec() throws {
    let t = try Self.table("pyprobe_sample_data_basytec.txt")
    #expect(t.count == 74)
    #expect(abs((t.time.last ?? 0) - 70.235804) < 1e-6)
    #expect(abs((t.voltage.last ?? 0) - 3.53285) < 1e-5)
    #expect(abs((t.current?.last ?? 0) - 0.449602) < 1e-6)
    let charged = t.cycles().cycles.reduce(0) { $0 + $1.chargeAh }
    #expect(abs(charged - 0.001_248_916_998) < 1e-9)
  }

  /// Maccor CSV dialect (`Rec,Cycle C,…`, capacity in Ah, unsigned current):
  /// PyProBE's final row 13.06 s, 28.798 A, 3.716 V. The file's own
  /// Capacity column ends at 0.024 Ah, which Ionics reports; SOURCES.md's
  /// 0.048 Ah is PyProBE's derived column, not a value in the file.
  @Test func maccorCSV() throws {
    let t = try Self.table("pyprobe_sample_data_maccor.csv")
    #expect(abs((t.time.last ?? 0) - 13.06) < 1e-9)
    #expect(abs((t.voltage.last ?? 0) - 3.716) < 1e-9)
    #expect(abs((t.current?.last ?? 0) - 28.798) < 1e-9)
    #expect(abs(t.cycles().cycles.reduce(0) { $0 + $1.chargeAh } - 0.024) < 1e-9)
  }

  /// Maccor text with `Test (Min)`: times are minutes.
  @Test func maccorMinutes() throws {
    let t = try Self.table("bdt_maccor_example.002")
    let text = try String(
      contentsOf: SharedData.url("cycling/more/bdt_maccor_example.002"), encoding: .isoLatin1)
    let last = try #require(
      text.split(whereSeparator: \.isNewline).last?.split(separator: "\t")[3])
    #expect(abs((t.time.last ?? 0) - (Double(last) ?? .nan) * 60) < 1e-9)
  }

  /// Maccor mid-test slice from cycle 86 (BEEP tztest): max Amp-hr per cycle
  /// and state, 86 C 1.282285 / D 1.937758; 87 C 1.451990 / D 1.839455 Ah.
  /// Cycle 87 charges twice (steps 61 and 63, Amp-hr restarting): Ionics
  /// counts both, 1.4519901141 + 1.1313078698 Ah; the reference keeps the
  /// larger.
  @Test func maccorSliceFromCycle86() throws {
    let t = try Self.table("beep_PredictionDiagnostics_000109_tztest.010")
    #expect(t.count == 2_165)
    let c = t.cycles().cycles
    #expect(c.first?.cycle == 86)
    #expect(abs(c[0].chargeAh - 1.282285) < 1e-6 && abs(c[0].dischargeAh - 1.937758) < 1e-6)
    #expect(abs(c[1].chargeAh - (1.451_990_114_1 + 1.131_307_869_8)) < 1e-9)
    #expect(abs(c[1].dischargeAh - 1.839455) < 1e-6)
  }

  /// Arbin MITS Pro 8 CSV (BOM, a tab before the date): PyProBE's final row.
  @Test func arbinMitsPro8() throws {
    let t = try Self.table("pyprobe_sample_data_arbin.csv")
    #expect(abs((t.time.last ?? 0) - 301.214) < 1e-6)
    #expect(abs((t.voltage.last ?? 0) - 3.599601) < 1e-9)
    #expect(abs((t.current?.last ?? 0) - 2.650138) < 1e-9)
  }

  /// Novonix UHPC: PyProBE's final row 12 287.48004 s, 4.12864581 V.
  @Test func novonixUHPC() throws {
    let t = try Self.table("pyprobe_sample_data_novonix.csv")
    #expect(t.count == 207)
    #expect(abs((t.time.last ?? 0) - 12_287.480_04) < 1e-4)
    #expect(abs((t.voltage.last ?? 0) - 4.128_645_81) < 1e-9)
  }

  /// BatteryData raw records against the matching summary file: cycle 2
  /// ('Capacity check') charges once, 0.02187029 / 0.02173834 Ah as the
  /// summary says. Cycle 4 charges twice (steps 106→108 to 0.01112004 Ah,
  /// the capacity running on from CC into CV, then 116→118 to 0.0196421
  /// Ah); the summary's Q_chg is the largest value of the column, 0.0196421,
  /// Ionics counts both.
  @Test func batteryDataRawMatchesItsSummary() throws {
    let t = try Self.table("bdt_batterydata_p492-13-raw.csv")
    #expect(t.count == 2_021)
    let c = Dictionary(uniqueKeysWithValues: t.cycles().cycles.map { ($0.cycle, $0) })
    let two = try #require(c[2])
    let four = try #require(c[4])
    #expect(abs(two.chargeAh - 0.021_870_29) < 1e-9 && abs(two.dischargeAh - 0.021_738_34) < 1e-9)
    #expect(abs(four.chargeAh - (0.011_120_04 + 0.019_642_1)) < 1e-9)
    #expect(abs(four.dischargeAh - 0.019_620_57) < 1e-9)
  }

  /// PEC's newer dialect (45-line preamble, hh:mm:ss total time): an OCV
  /// record at 3.6825 V, 489 rows, the first two 0.998 s apart
  /// (00:00:00.002 → 00:00:01.000); the last rows, after the cell was
  /// disconnected and written twice out of time order, carry 0.012 mAh of
  /// charge in their column: no more than 0.02 mAh may be counted.
  @Test func pecNewerDialect() throws {
    let t = try Self.table("cellpy_pec_Test25205.csv")
    #expect(t.count == 489)
    #expect(abs(t.voltage[0] - 3.6824952) < 1e-9)
    #expect(abs(t.time[1] - t.time[0] - 0.998) < 1e-9)
    let c = t.cycles().cycles
    #expect(c.reduce(0) { $0 + $1.chargeAh } * 1000 < 0.02)
  }

  /// BT-Lab with absolute time stamps: time counts from the first record.
  @Test func btLabTimeStamps() throws {
    let t = try Self.table("pyprobe_Sample_data_biologic_timestamped.txt")
    #expect(t.time[0] == 0)
    #expect(abs(t.time[1] - 6.464) < 1e-6)  // 11:38:41.707 → 11:38:48.171
    #expect(t.warnings.contains { $0.code == "absoluteTimeStamps" })
  }

  /// A BioLogic table saved without its header reads like the .mpt.
  @Test func bioLogicWithoutHeader() throws {
    let t = try Self.table("pyprobe_Sample_data_biologic_no_header.mpt")
    #expect(t.count == 13)
    #expect(abs(t.voltage[0] - 2.9344745) < 1e-7)
  }

  /// PalmSens chronopotentiometry (UTF-16, odd byte count, three curves side
  /// by side): the first potential 0.806995 V at t = 0.
  @Test func palmSensCurves() throws {
    let t = try Self.table("datalab_palmsens_chronopot.csv")
    #expect(Set(t.instrumentCycle ?? []) == [1, 2, 3])
    #expect(t.time[0] == 0 && abs(t.voltage[0] - 0.806995) < 1e-9)
    #expect(t.warnings.contains { $0.code == "noCurrentColumn" })
  }

  /// The .mpr of EC-Lab 11.50 whose column ids galvani cannot decode: ids
  /// are 16-bit (438 is step time/s); 883 and 884 are unknown and skipped,
  /// named with their size.
  @Test func mprWithSixteenBitColumnIDs() throws {
    let t = try Self.table("yadg_gcpl.issue_230.mpr")
    #expect(t.count == 19_025)
    let skipped = t.warnings.filter { $0.code == "unknownColumnSkipped" }.map(\.message)
    #expect(skipped == ["skipped unknown column id 883 (8 bytes)", "skipped unknown column id 884 (8 bytes)"])
    #expect(t.voltage.allSatisfy { $0 >= 2.69 && $0 <= 4.31 })
  }

  /// CV, CA, CP and LSV: the .mpr and its .mpt give the same records.
  @Test(arguments: ["yadg_cv.issue_217", "yadg_lsv.issue_195", "yadg_ca.issue_149", "yadg_cp.issue_61", "yadg_cva.issue_202"])
  func binaryAndTextAgree(_ name: String) throws {
    let binary = try Self.table(name + ".mpr")
    let text = try Self.table(name + ".mpt")
    #expect(binary.count == text.count)
    let worst = zip(binary.voltage, text.voltage).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst < 1e-6)
    let dt = zip(binary.time, text.time).map { abs($0 - $1) }.max() ?? .infinity
    #expect(dt < 1e-3)
  }
}

/// The Maccor text dialect with `Cycle P`/`Cycle C`, `Md` (C, D, R) and
/// `TestTime` as `0d 00:00:00`, a header line with bytes that are not
/// UTF-8: written here to that layout, 1 mAh charged and 0.9 mAh discharged.
@Suite("Maccor Cycle C/Md dialect")
struct MaccorModeDialectTests {
  @Test func readsModesAndCycles() throws {
    var bytes = Array("Today's Date 01/02/2024  Date of Test:\t01/01/2024\tFilename:\tC:\\Data\\".utf8)
    bytes += [0xB5, 0xE9] + Array("cell.001\n".utf8)
    let rows = [
      "Rec\tCycle P\tCycle C\tStep\tTestTime\tStepTime\tCapacity\tEnergy\tCurrent\tVoltage\tMd\tES",
      "1\t0\t1\t1\t0d 00:00:00.00\t0d 00:00:00.00\t0\t0\t0\t3.0\tR\t0",
      "2\t0\t1\t2\t0d 00:30:00.00\t0d 00:00:00.00\t0.0005\t0\t0.002\t3.6\tC\t0",
      "3\t0\t1\t2\t0d 01:00:00.00\t0d 00:30:00.00\t0.0010\t0\t0.002\t4.0\tC\t0",
      "4\t0\t1\t3\t0d 01:30:00.00\t0d 00:00:00.00\t0.0004\t0\t0.002\t3.7\tD\t0",
      "5\t0\t1\t3\t0d 02:00:00.00\t0d 00:30:00.00\t0.0009\t0\t0.002\t3.2\tD\t0",
    ]
    bytes += Array(rows.joined(separator: "\n").utf8)
    let table = try CyclerFile.read(Data(bytes), source: "modes.001")
    #expect(table.count == 5)
    #expect(table.time.last == 7200)
    let c = table.cycles().cycles
    #expect(c.count == 1)
    #expect(abs(c[0].chargeAh - 0.001) < 1e-12 && abs(c[0].dischargeAh - 0.0009) < 1e-12)
    #expect(table.current?[3] == -0.002)
  }
}

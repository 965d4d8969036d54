import Foundation
import Testing

@testable import Cycling

/// Inputs the coverage-guided fuzzer found to trap the cycler readers,
/// reduced: each must now give a table or a typed error.
@Suite("Cycler fuzz findings")
struct CyclerFuzzFindingsTests {
  /// A cycle number "inf" (or 1e300) trapped converting it to an integer.
  @Test(arguments: ["inf", "nan", "1e300", "-1e300"])
  func nonFiniteCycleNumbers(_ value: String) throws {
    let csv = """
      Test_Time,Voltage,Current,Charge_Capacity,Discharge_Capacity,Cycle_Index
      1,3.0,0.1,0.001,0,1
      2,3.1,0.1,0.002,0,\(value)
      3,3.2,0.1,0.003,0,1
      """
    do {
      let table = try CapacityColumnsCSV.read(Data(csv.utf8), source: "cycles.csv")
      #expect(table.count == 3)
    } catch {}  // a typed error is as good as a table
  }

  /// A time "nan" is not a measurement: refused with the line, not read.
  @Test func nonFiniteTimeIsRefused() {
    let csv = "Test_Time,Voltage,Current,Charge_Capacity,Discharge_Capacity\n1,3,0.1,0,0\nnan,3,0.1,0,0\n"
    #expect(throws: CyclingError.self) {
      try CapacityColumnsCSV.read(Data(csv.utf8), source: "nan.csv")
    }
  }

  /// EC-Lab text and Maccor text with a cycle number of 1e300.
  @Test func hugeCycleNumbersInTextExports() {
    let mpt = "EC-Lab ASCII FILE\nNb header lines : 3\n\ntime/s\tEwe/V\tI/mA\tcycle number\n0\t3\t1\t1e300\n"
    #expect(throws: CyclingError.self) { try CyclerFile.read(Data(mpt.utf8), source: "a.mpt") }
    let maccor = "Today's Date 01/01/2024\nRec#\tCyc#\tStep\tTest (Sec)\tAmp-hr\tVolts\tState\n1\t1e300\t1\t0\t0\t3\tR\n"
    #expect(throws: CyclingError.self) { try CyclerFile.read(Data(maccor.utf8), source: "a.001") }
  }
}

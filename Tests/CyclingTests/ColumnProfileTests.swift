import Foundation
import Testing

@testable import Cycling

@Suite("Column profiles for unknown CSVs")
struct ColumnProfileTests {
  /// A logger's file: minutes, mV, and a current positive on discharge
  /// (sign −1), no capacity columns: 1 h at 2 mA charge then 1 h at 1 mA
  /// discharge gives 2 and 1 mAh by ∫I dt.
  @Test func integratesTheCurrent() throws {
    var text = "# logger v2\nElapsed (min);Ewe;I\n"
    for k in 0...60 { text += "\(k);\(3000 + 10 * k);-2,0\n" }
    for k in 1...60 { text += "\(60 + k);\(3600 - 10 * k);1,0\n" }
    let profile = try ColumnProfile.decode(
      Data(
        """
        {"time": {"column": "Elapsed (min)", "unit": "min"},
         "voltage": {"column": "Ewe", "unit": "mV"},
         "current": {"column": "I", "unit": "mA", "sign": -1}}
        """.utf8), source: "profile.json")
    let t = try CapacityColumnsCSV.read(Data(text.utf8), source: "log.csv", profile: profile)
    #expect(t.count == 121)
    #expect(
      t.time[1] == 60 && abs(t.voltage[1] - 3.01) < 1e-12
        && abs((t.current?[1] ?? 0) - 0.002) < 1e-15)
    let c = try #require(t.cycles(.chargeAfterDischarge).cycles.first)
    #expect(abs(c.chargeAh - 0.002) < 1e-12 && abs(c.dischargeAh - 0.001) < 1e-12)
    #expect(t.format.contains("∫I dt"))
  }

  /// Named capacity columns in µAh are used as they are.
  @Test func namedCapacities() throws {
    let text = "t,U,Qc,Qd,Cyc\n0,3.0,0,0,1\n10,3.5,50,0,1\n20,3.2,50,40,1\n"
    let profile = ColumnProfile.decodeForTests(
      #"{"time":{"column":"t"},"voltage":{"column":"U"},"chargeCapacity":{"column":"Qc","unit":"uAh"},"dischargeCapacity":{"column":"Qd","unit":"µAh"},"cycle":{"column":"Cyc"}}"#
    )
    let t = try CapacityColumnsCSV.read(
      Data(text.utf8), source: "q.csv", profile: try #require(profile))
    let c = try #require(t.cycles().cycles.first)
    #expect(abs(c.chargeAh - 50e-6) < 1e-15 && abs(c.dischargeAh - 40e-6) < 1e-15)
  }

  /// A unit that is not one: the error names the column and the units allowed.
  @Test func badUnit() throws {
    let profile = try #require(
      ColumnProfile.decodeForTests(
        #"{"time":{"column":"t","unit":"fortnight"},"voltage":{"column":"U"}}"#))
    do {
      _ = try CapacityColumnsCSV.read(Data("t,U\n1,2\n".utf8), source: "x.csv", profile: profile)
      Issue.record("accepted a fortnight")
    } catch {
      #expect(error.description.contains("fortnight") && error.description.contains("min"))
    }
    #expect(throws: CyclingError.self) {
      try ColumnProfile.decode(Data("{".utf8), source: "p.json")
    }
  }
}

extension ColumnProfile {
  static func decodeForTests(_ json: String) -> ColumnProfile? {
    try? ColumnProfile.decode(Data(json.utf8), source: "test")
  }
}

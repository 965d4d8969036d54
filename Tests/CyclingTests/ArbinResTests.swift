import Foundation
import TestSupport
import Testing

@testable import Cycling

/// Arbin .res databases read through mdb-export (mdbtools); skipped with a
/// message where mdbtools is not installed.
@Suite(
  "Arbin .res through mdbtools", SharedData.required,
  .enabled(if: ArbinResDatabase.exporter != nil, "mdb-export (mdbtools) is not installed"))
struct ArbinResTests {
  static func table(_ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/arbin/\(name)")), source: name)
  }

  /// The per-cycle capacities of SOURCES.md (maxima of the columns that
  /// restart each Cycle_Index, mdbtools 1.0.0), to their printed 1e-5 mAh.
  @Test(arguments: [
    (
      "cellpy_20160805_test001_45_cc_01.res", 10_261,
      [(1.62541, 1.75509), (1.69956, 1.56748), (1.73151, 1.58572), (1.57598, 1.51732)]
    ),
    (
      "navani_arbin_example.res", 2_150,
      [(0.48351, 0.47516), (0.47675, 0.47435), (0.47618, 0.47400), (0.47603, 0.47370)]
    ),
  ])
  func cycleCapacities(file: String, rows: Int, expected: [(Double, Double)]) throws {
    let t = try Self.table(file)
    #expect(t.count == rows)
    #expect(t.format.hasPrefix("Arbin .res"))
    let cycles = t.cycles().cycles
    for (c, (chg, dis)) in zip(cycles, expected) {
      #expect(abs(c.chargeAh * 1000 - chg) < 6e-6, "\(file) cycle \(c.cycle) charge")
      #expect(abs(c.dischargeAh * 1000 - dis) < 6e-6, "\(file) cycle \(c.cycle) discharge")
    }
  }

  /// The records come out in Data_Point order (the database stores some
  /// out of order), time never going back; the mass is Global_Table's MASS.
  @Test func orderAndMass() throws {
    let t = try Self.table("navani_arbin_example.res")
    #expect(zip(t.time, t.time.dropFirst()).allSatisfy { $0 <= $1 })
    let silicon = try Self.table("cellpy_20160805_test001_45_cc_01.res")
    #expect(abs((silicon.activeMassGrams ?? 0) - 0.000_852_837_98) < 1e-12)
  }

  /// A file that is not a database, handed to the reader, gets mdb-export's refusal.
  @Test func notADatabase() {
    #expect(throws: CyclingError.self) {
      try ArbinResDatabase.read(Data(repeating: 7, count: 4096), source: "junk.res")
    }
  }
}

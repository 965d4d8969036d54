import Foundation
import Testing

/// `ionics cycling` end to end on a hand-written EC-Lab export.
struct CyclingCommandTests {
  /// Two cycles with the mass from the header: capacities in mAh and mAh/g,
  /// the efficiency of cycle 0, and a bad --rule refused.
  @Test func summary() throws {
    let text = """
      EC-Lab ASCII FILE
      Nb header lines : 5

      Characteristic mass : 2.000 mg
      time/s\tEwe/V\tdq/mA.h\tcycle number
      0\t3.0\t0\t0
      10\t3.5\t0.2\t0
      20\t3.2\t-0.19\t0
      30\t3.6\t0.21\t1
      40\t3.1\t-0.2\t1
      """
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).mpt")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let run = try CommandLineTests.run("cycling", url.path, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(try CommandLineTests.json(run) as? [String: Any])
    let cycles = try #require(report["cycles"] as? [[String: Any]])
    #expect(cycles.count == 2)
    #expect(abs((cycles[0]["chargeMilliampHours"] as? Double ?? 0) - 0.2) < 1e-12)
    #expect(abs((cycles[0]["coulombicEfficiencyPercent"] as? Double ?? 0) - 95) < 1e-9)
    #expect(abs((cycles[1]["dischargeMilliampHoursPerGram"] as? Double ?? 0) - 100) < 1e-9)
    let bad = try CommandLineTests.run("cycling", url.path, "--rule", "sideways")
    #expect(bad.status != 0 && bad.stderr.contains("charge-after-discharge"))
  }
}

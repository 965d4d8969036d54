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

/// The simulated paper cell written as a Battery Data Format CSV and read
/// back: the paper's rate table and 91.8 % retention after the long run.
struct CyclingRateCommandTests {
  @Test func paperCellThroughAFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let made = try CommandLineTests.run(
      "cycling", "simulate", "--output", url.path, "--long", "200")
    #expect(made.status == 0, "\(made.stderr)")
    let run = try CommandLineTests.run(
      "cycling", "rate", url.path, "--mass", "2", "--one-c", "117", "--retention-from", "26",
      "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(try CommandLineTests.json(run) as? [String: Any])
    let steps = try #require(report["steps"] as? [[String: Any]])
    let means = steps.prefix(5).compactMap { $0["meanDischargeMilliampHoursPerGram"] as? Double }
    for (m, paper) in zip(means, [116.1, 104.9, 97.4, 86.4, 66.4]) {
      #expect(abs(m - paper) < 1e-6)
    }
    #expect(steps.prefix(5).compactMap { $0["cRate"] as? Double } == [0.1, 0.3, 0.5, 1, 2])
    #expect(abs((steps.last?["lastDischargeMilliampHoursPerGram"] as? Double ?? 0) - 100.5) < 1e-6)
    #expect(abs((report["retention"] as? Double ?? 0) - 0.918) < 1e-6)
  }
}

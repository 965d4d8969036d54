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
      "cycling", "rate", url.path, "--active-mass", "2", "--one-c", "117", "--retention-from", "26",
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

@Suite("ionics cycling symmetric, profiles and figures")
/// The symmetric cell and its control written by the simulator and read
/// back; profiles, dQ/dV and the capacity figure written from a simulated cell.
struct CyclingFigureCommandTests {
  static func temporary(_ ext: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).\(ext)")
  }

  @Test func symmetricCellsThroughFiles() throws {
    for (failAfter, verdict) in [
      ("0", "held for 200.0 h at 112.0 mV"), ("24", "failed after 24.0 h"),
    ] {
      let url = Self.temporary("csv")
      defer { try? FileManager.default.removeItem(at: url) }
      let made =
        failAfter == "0"
        ? try CommandLineTests.run("cycling", "simulate", "--symmetric", "--output", url.path)
        : try CommandLineTests.run(
          "cycling", "simulate", "--symmetric", "--output", url.path, "--fail-after", failAfter)
      #expect(made.status == 0, "\(made.stderr)")
      let run = try CommandLineTests.run(
        "cycling", "symmetric", url.path, "--diameter", "19", "--json")
      #expect(run.status == 0, "\(run.stderr)")
      let report = try #require(try CommandLineTests.json(run) as? [String: Any])
      let analysis = try #require(report["analysis"] as? [String: Any])
      #expect(
        (analysis["verdict"] as? String)?.hasPrefix(verdict) == true, "\(analysis["verdict"] ?? "")"
      )
      #expect(
        abs((analysis["currentDensityMilliampsPerSquareCentimetre"] as? Double ?? 0) - 0.05) < 1e-6)
    }
  }

  @Test func profilesAndFigures() throws {
    let cell = Self.temporary("csv")
    let files = ["svg", "csv", "svg", "csv", "svg", "csv"].map { Self.temporary($0) }
    defer { for u in [cell] + files { try? FileManager.default.removeItem(at: u) } }
    _ = try CommandLineTests.run("cycling", "simulate", "--output", cell.path, "--long", "20")
    let profiles = try CommandLineTests.run(
      "cycling", "profiles", cell.path, "--cycles", "1,30", "--active-mass", "2", "--svg", files[0].path,
      "--csv", files[1].path, "--dqdv-svg", files[2].path, "--dqdv-csv", files[3].path, "--json")
    #expect(profiles.status == 0, "\(profiles.stderr)")
    let report = try #require(try CommandLineTests.json(profiles) as? [String: Any])
    let curves = try #require(report["profiles"] as? [[String: Any]])
    #expect(curves.count == 4)
    // Cycle 1's discharge is the paper's 116.1 mAh/g (2 mg): 0.2322 mAh.
    let discharge = try #require(curves[1]["capacityAh"] as? [Double])
    #expect(abs((discharge.last ?? 0) - 0.0002322) < 1e-12)
    let summary = try CommandLineTests.run(
      "cycling", "summary", cell.path, "--active-mass", "2", "--svg", files[4].path, "--csv", files[5].path
    )
    #expect(summary.status == 0, "\(summary.stderr)")
    for f in files {
      let text = try String(contentsOf: f, encoding: .utf8)
      #expect(
        f.pathExtension == "svg" ? text.hasPrefix("<svg") : text.contains(","),
        "\(f.lastPathComponent)")
    }
    let bad = try CommandLineTests.run("cycling", "profiles", cell.path, "--cycles", "one")
    #expect(bad.status != 0 && bad.stderr.contains("--cycles"))
  }
}

@Suite("Inputs from pipes")
struct PipeInputTests {
  /// A cycler export piped to /dev/stdin reads as the file itself does.
  @Test func standardInput() throws {
    let cell = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: cell) }
    _ = try CommandLineTests.run("cycling", "simulate", "--output", cell.path, "--long", "10")
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = [
      "-c", "cat \"$1\" | \"$0\" cycling summary /dev/stdin --json",
      try CommandLineTests.executable().path,
      cell.path,
    ]
    let out = Pipe()
    shell.standardOutput = out
    try shell.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)
    let envelope = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let report = try #require(envelope["results"] as? [String: Any])
    #expect((report["records"] as? Int ?? 0) > 0)
    // A pipe has no stable bytes to hash: its input is listed without a SHA-256.
    let inputs = try #require(envelope["inputs"] as? [[String: Any]])
    #expect(inputs.first?["path"] as? String == "/dev/stdin")
    #expect(inputs.first?["sha256"] == nil)
  }
}

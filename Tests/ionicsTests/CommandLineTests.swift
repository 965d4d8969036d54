import Foundation
import Testing

/// End-to-end tests: run the built `ionics` executable as a user would.
struct CommandLineTests {
  struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func executable() throws -> URL {
    // swift test puts the product next to the test bundle.
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("ionics")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../.build/debug/ionics").standardized
    guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: fallback.path])
    }
    return fallback
  }

  static func run(_ arguments: String...) throws -> Run {
    try run(arguments)
  }

  static func run(_ arguments: [String], in folder: String? = nil) throws -> Run {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The `results` of a command's JSON envelope, after checking that the
  /// envelope has its five keys and a schema name of the form
  /// `ionics/<command>/<version>`.
  static func json(_ run: Run) throws -> Any {
    try envelope(run)["results"] as Any
  }

  /// The whole JSON envelope a command printed.
  static func envelope(_ run: Run) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    guard let envelope = object as? [String: Any],
      Set(envelope.keys) == ["schema", "ionics", "inputs", "results", "diagnostics"],
      let schema = envelope["schema"] as? String, schema.hasPrefix("ionics/"),
      schema.split(separator: "/").count == 3
    else {
      throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "not an Ionics JSON envelope: \(run.stdout.prefix(200))"])
    }
    return envelope
  }

  @Test func demoPrintsThePapersChemistry() throws {
    let run = try Self.run("demo", "--no-report")
    #expect(run.status == 0)
    #expect(run.stdout.contains("1541.067"))  // solvate molar mass
    #expect(run.stdout.contains("8.57"))  // solvent mass %
    #expect(run.stdout.contains("300.47"))  // mg ReI3
    #expect(run.stdout.contains("0.2150"))  // g NaTFSI
    #expect(run.stdout.contains("117.61"))  // NVP capacity
  }

  @Test func demoJSONHasTheSameNumbers() throws {
    let object = try #require(
      try Self.json(Self.run("demo", "--json", "--no-report")) as? [String: Any])
    let formulas = try #require(object["formulas"] as? [[String: Any]])
    let mass = try #require(formulas.first?["molarMassGramsPerMole"] as? Double)
    #expect(abs(mass - 1541.0673056800001) < 1e-6)
    let polymer = try #require(object["compositeElectrolyte"] as? [String: Any])
    #expect(abs((polymer["saltMassGrams"] as? Double ?? 0) - 0.2150288) < 1e-6)
    let cells = try #require(object["cells"] as? [String: Any])
    #expect(abs((cells["activationEnergyKilojoulesPerMole"] as? Double ?? 0) - 30.8753) < 1e-3)
    // The simulated pellet's bulk resistance comes back from the fit within 1 %.
    let impedance = try #require(object["impedance"] as? [String: Any])
    let simulated = try #require(impedance["simulatedBulkResistanceOhm"] as? Double)
    let fitted = try #require(impedance["fittedBulkResistanceOhm"] as? Double)
    #expect(abs(simulated - 0.4 / (1.05e-5 * Double.pi * 0.36)) < 1e-6)
    #expect(abs(fitted / simulated - 1) < 0.01)
  }

  @Test func formulaCommandTableAndJSON() throws {
    let text = try Self.run("formula", "Na3V2(PO4)3")
    #expect(text.status == 0)
    #expect(text.stdout.contains("455.762 g/mol"))
    let object = try #require(
      try Self.json(Self.run("formula", "--json", "NaTFSI")) as? [[String: Any]])
    #expect(object.first?["abbreviationFor"] as? String == "NaN(SO2CF3)2")
  }

  @Test(arguments: [
    (["formula", "Na6[Re4"], "column 4"),
    (["formula", "Xx2O"], "unknown element 'Xx'"),
    (["formula", "H2O·"], "column 4"),
    (
      ["recipe", "polymer", "--polymer-mass=-1", "--ratio", "16", "--salt", "NaTFSI"],
      "polymer mass"
    ),
    (["recipe", "polymer", "--polymer-mass", "0.5", "--ratio", "0", "--salt", "NaTFSI"], "ratio"),
    (["recipe", "synthesis", "-r", "ReI3"], "FORMULA=MMOL"),
    (["capacity", "NVP", "--electrons", "0"], "electrons"),
    (["convert", "1", "eV", "K"], "cannot convert"),
  ])
  func badInputGivesAClearErrorOnStandardError(arguments: [String], message: String) throws {
    let process = Process()
    process.executableURL = try Self.executable()
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = Pipe()
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(message), "stderr was: \(text)")
  }

  @Test func capacityCurrents() throws {
    let object = try #require(
      try Self.json(
        Self.run(
          "capacity", "NVP", "-e", "2", "--nominal", "117", "--active-mass", "2", "--rates",
          "0.1,1", "--json")) as? [String: Any])
    let rates = try #require(object["rates"] as? [[String: Any]])
    // 117 mAh/g × 2 mg = 0.234 mAh: 0.0234 mA at 0.1 C, 0.234 mA at 1 C.
    #expect(abs((rates[0]["currentMilliamps"] as? Double ?? 0) - 0.0234) < 1e-12)
    #expect(abs((rates[1]["currentMilliamps"] as? Double ?? 0) - 0.234) < 1e-12)
  }

  @Test func synthesisYieldFromMass() throws {
    let object = try #require(
      try Self.json(
        Self.run(
          "recipe", "synthesis", "-r", "ReI3=0.53", "-r", "NaCN=3.18", "-r", "As2S3=0.27",
          "--product", "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O", "--product-mass", "40.84", "--json"))
        as? [String: Any])
    let yield = try #require(object["yield"] as? [String: Any])
    #expect(abs((yield["yieldPercent"] as? Double ?? 0) - 20.0) < 0.01)
    #expect(yield["limitingElement"] as? String == "Re")
  }

  @Test func convertPrintsTheConvertedValue() throws {
    let run = try Self.run("convert", "25", "degC", "K")
    #expect(run.stdout.contains("298.15"))
  }
}

extension CommandLineTests {
  /// Simulate the paper's pellet, write it atomically, read it back, fit it
  /// with a plot: the bulk resistance returns within 1 %.
  @Test func eisSimulateFitAndPlot() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("pellet.csv").path
    let sim = try Self.run(
      "eis", "simulate", "p(R1,CPE1)-CPE2", "-p", "R1=33682", "-p", "CPE1_0=3.42e-11", "-p",
      "CPE1_1=0.9", "-p", "CPE2_0=2e-6",
      "-p", "CPE2_1=0.8", "--from", "3e6", "--to", "0.1", "--noise", "0.005", "--seed", "3",
      "--output", csv)
    #expect(sim.status == 0, "\(sim.stderr)")
    let svg = dir.appendingPathComponent("fit.svg").path
    let fit = try Self.run(
      "eis", "fit", csv, "--circuit", "p(R1,CPE1)-CPE2", "--svg", svg, "--json")
    #expect(fit.status == 0, "\(fit.stderr)")
    let reports = try #require(try Self.json(fit) as? [[String: Any]])
    let result = try #require(reports.first?["fit"] as? [String: Any])
    let parameters = try #require(result["parameters"] as? [[String: Any]])
    let r1 = try #require(parameters.first { $0["name"] as? String == "R1" }?["value"] as? Double)
    #expect(abs(r1 / 33682 - 1) < 0.01)
    #expect(FileManager.default.fileExists(atPath: svg))
    // The plot may not overwrite an input.
    let clash = try Self.run("eis", "fit", csv, "--circuit", "p(R1,CPE1)-CPE2", "--svg", csv)
    #expect(clash.status != 0 && clash.stderr.contains("refusing to overwrite"))
  }

  @Test func eisErrorsNameTheProblem() throws {
    let bad = try Self.run("eis", "fit", "/nonexistent.csv", "--circuit", "R0")
    #expect(bad.status != 0 && bad.stderr.contains("/nonexistent.csv"))
    let circuit = try Self.run("eis", "simulate", "R0-p(R1,C1", "-p", "R0=1")
    #expect(circuit.status != 0 && circuit.stderr.contains("column 11"))
    let missing = try Self.run("eis", "simulate", "R0-C1", "-p", "R0=1")
    #expect(missing.status != 0 && missing.stderr.contains("missing C1"))
  }
}

extension CommandLineTests {
  /// The spectrum checks from the command line on a simulated pellet
  /// (blocking, 0.5 % noise): kk passes with --capacitance and writes its
  /// plot, drt refuses with the reason, fit with the geometry assigns the bulk.
  @Test func eisKramersKronigDRTAndAssignment() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("pellet.csv").path
    let sim = try Self.run(
      "eis", "simulate", "p(R1,CPE1)-CPE2", "-p", "R1=33682", "-p", "CPE1_0=3.42e-11", "-p",
      "CPE1_1=0.9", "-p", "CPE2_0=2e-6", "-p", "CPE2_1=0.8", "--from", "3e6", "--to", "0.1",
      "--noise", "0.005", "--seed", "3", "--output", csv)
    #expect(sim.status == 0, "\(sim.stderr)")
    let svg = dir.appendingPathComponent("kk.svg").path
    let kk = try Self.run("eis", "kk", csv, "--capacitance", "--svg", svg, "--json")
    #expect(kk.status == 0, "\(kk.stderr)")
    let kkReports = try #require(try Self.json(kk) as? [[String: Any]])
    let test = try #require(kkReports.first?["test"] as? [String: Any])
    #expect(test["isValid"] as? Bool == true)
    #expect(FileManager.default.fileExists(atPath: svg))

    let drt = try Self.run("eis", "drt", csv)
    #expect(drt.status != 0 && drt.stderr.contains("blocking cell"))

    let fit = try Self.run(
      "eis", "fit", csv, "--circuit", "p(R1,CPE1)-CPE2", "--diameter", "12", "--thickness",
      "4.00(2)")
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("bulk") && fit.stdout.contains("electrode interface"))
    let noThickness = try Self.run("eis", "fit", csv, "--circuit", "R0", "--diameter", "12")
    #expect(noThickness.status != 0 && noThickness.stderr.contains("--thickness"))
  }

  /// DRT of a simulated two-ZARC symmetric-cell-like spectrum: two peaks in
  /// the text output and in the JSON, and the plot written.
  @Test func eisDRTOnTwoArcs() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("cell.csv").path
    let sim = try Self.run(
      "eis", "simulate", "R0-Zarc1-Zarc2", "-p", "R0=20", "-p", "Zarc1_0=400", "-p",
      "Zarc1_1=1e-5", "-p", "Zarc1_2=0.85", "-p", "Zarc2_0=3712", "-p", "Zarc2_1=0.05", "-p",
      "Zarc2_2=0.8", "--from", "1e6", "--to", "0.01", "--noise", "0.002", "--output", csv)
    #expect(sim.status == 0, "\(sim.stderr)")
    let svg = dir.appendingPathComponent("drt.svg").path
    let drt = try Self.run("eis", "drt", csv, "--svg", svg, "--json")
    #expect(drt.status == 0, "\(drt.stderr)")
    let reports = try #require(try Self.json(drt) as? [[String: Any]])
    let result = try #require(reports.first?["drt"] as? [String: Any])
    let peaks = try #require(result["peaks"] as? [[String: Any]])
    #expect(peaks.count == 2)
    let resistances = peaks.compactMap { $0["resistanceOhm"] as? Double }
    #expect(abs((resistances.last ?? 0) / 3712 - 1) < 0.1)
    #expect(FileManager.default.fileExists(atPath: svg))
  }
}

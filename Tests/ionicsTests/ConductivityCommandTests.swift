import Foundation
import Testing

/// `ionics conductivity` and the demo's temperature series, run as a user would.
struct ConductivityCommandTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Examples/pellet-series").standardized

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-conductivity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The bundled example folder (temperatures in the file names) gives the
  /// paper's Ea and σ(25 °C) in both forms, and writes the CSV, the plots and
  /// a self-contained HTML report.
  @Test func seriesFromTheExampleFolder() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let report = out.appendingPathComponent("pellet.html").path
    let run = try CommandLineTests.run(
      "conductivity", "series", Self.examples.path, "--circuit", "p(R1,CPE1)-CPE2", "--diameter",
      "12.00(2)", "--thickness", "4.00(1)", "--report", report, "--csv",
      out.appendingPathComponent("series.csv").path, "--plot",
      out.appendingPathComponent("arrhenius.svg").path, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    // --plot is the old spelling of --svg: it still works, with a warning.
    #expect(run.stderr.contains("--plot is deprecated"))
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.count == 6)
    #expect(points.allSatisfy { $0["temperatureSource"] as? String == "file name" })
    let bulk = try #require(object["bulkArrhenius"] as? [[String: Any]])
    #expect(bulk.map { $0["form"] as? String } == ["sigma", "sigmaT"])
    let sigma = try #require(bulk.first)
    let ea = try #require(sigma["activationEnergyElectronvolts"] as? [String: Any])
    #expect(abs((ea["value"] as? Double ?? 0) - 0.32) < 0.01)
    #expect(sigma["form"] as? String == "sigma")
    let at25 = try #require(object["conductivityAt25C"] as? [String: Any])
    #expect(abs((at25["conductivitySiemensPerCentimetre"] as? Double ?? 0) / 1.05e-5 - 1) < 0.03)
    #expect(at25["isExtrapolated"] as? Bool == false)
    let html = try String(contentsOfFile: report, encoding: .utf8)
    #expect(html.contains("σT = A·exp(−Ea/kB·T)") && html.contains("<svg"))
    #expect(html.contains("conductivity series"))  // the command is in the report
    #expect(!html.contains("src=\"http"))  // nothing external
    let csv = try String(
      contentsOfFile: out.appendingPathComponent("series.csv").path, encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 7)

    // The CSV reads back into `conductivity arrhenius` with the same Ea.
    let again = try CommandLineTests.run(
      "conductivity", "arrhenius", out.appendingPathComponent("series.csv").path, "--at", "60",
      "--json")
    #expect(again.status == 0, "\(again.stderr)")
    let refit = try #require(try CommandLineTests.json(again) as? [String: Any])
    let refitEa = try #require(
      (refit["arrhenius"] as? [[String: Any]])?.first?["activationEnergyElectronvolts"]
        as? [String: Any])
    #expect(abs((refitEa["value"] as? Double ?? 0) - (ea["value"] as? Double ?? 1)) < 1e-6)
    #expect((refit["predictions"] as? [Any])?.count == 2)
  }

  /// A file without a temperature is named in the error, with the way out;
  /// an output path that is an input is refused.
  @Test func missingTemperaturesAndProtectedInputs() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["NRASCN_pellet_25C.csv", "NRASCN_pellet_40C.csv", "NRASCN_pellet_55C.csv"] {
      try FileManager.default.copyItem(
        at: Self.examples.appendingPathComponent(name),
        to: folder.appendingPathComponent(name))
    }
    try FileManager.default.copyItem(
      at: Self.examples.appendingPathComponent("NRASCN_pellet_70C.csv"),
      to: folder.appendingPathComponent("pellet_hot.csv"))
    let run = try CommandLineTests.run(
      "conductivity", "series", folder.path, "--circuit", "p(R1,CPE1)-CPE2", "--diameter", "12",
      "--thickness", "4")
    #expect(run.status != 0)
    #expect(run.stderr.contains("pellet_hot.csv: no temperature"), "\(run.stderr)")
    #expect(run.stderr.contains("manifest"))

    let manifest = folder.appendingPathComponent("temperatures.csv")
    try "file,temperature_C\npellet_hot.csv,70\n".write(
      to: manifest, atomically: true, encoding: .utf8)
    let fixed = try CommandLineTests.run(
      "conductivity", "series", folder.path, "--manifest", manifest.path, "--circuit",
      "p(R1,CPE1)-CPE2", "--diameter", "12", "--thickness", "4", "--csv", manifest.path)
    #expect(fixed.status != 0)
    #expect(fixed.stderr.contains("refusing to overwrite an input"), "\(fixed.stderr)")
    let good = try CommandLineTests.run(
      "conductivity", "series", folder.path, "--manifest", manifest.path, "--circuit",
      "p(R1,CPE1)-CPE2", "--diameter", "12", "--thickness", "4")
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("manifest"))
    // The same temperature from a TOML manifest; the CSV one goes, as a
    // manifest that is not --manifest is read as a spectrum (and refused).
    try FileManager.default.removeItem(at: manifest)
    let toml = folder.appendingPathComponent("temperatures.toml")
    try "[temperatures_C]\n\"pellet_hot.csv\" = 70\n".write(
      to: toml, atomically: true, encoding: .utf8)
    let fromToml = try CommandLineTests.run(
      "conductivity", "series", folder.path, "--manifest", toml.path, "--circuit",
      "p(R1,CPE1)-CPE2", "--diameter", "12", "--thickness", "4", "--json")
    #expect(fromToml.status == 0, "\(fromToml.stderr)")
    let object = try #require(try CommandLineTests.json(fromToml) as? [String: Any])
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.map { $0["temperatureCelsius"] as? Double } == [25, 40, 55, 70])
  }

  /// The paper's conductivities, both ways: 1.05e-5 S/cm on the 12 mm × 4 mm
  /// pellet is 33.68 kΩ; 5.43e-5 S/cm on a 50 µm film on a 19 mm disc is 32.48 Ω.
  @Test func convertThePapersNumbers() throws {
    let pellet = try #require(
      try CommandLineTests.json(
        CommandLineTests.run(
          "conductivity", "convert", "--conductivity", "1.05e-5", "--diameter", "12",
          "--thickness", "4", "--json")) as? [String: Any])
    let r = try #require((pellet["resistanceOhm"] as? [String: Any])?["value"] as? Double)
    #expect(abs(r - 33683.6) < 0.1)
    let film = try #require(
      try CommandLineTests.json(
        CommandLineTests.run(
          "conductivity", "convert", "--resistance", "32.48", "--diameter", "19", "--thickness",
          "0.050", "--json")) as? [String: Any])
    let sigma = try #require(
      (film["conductivitySiemensPerCentimetre"] as? [String: Any])?["value"] as? Double)
    #expect(abs(sigma / 5.43e-5 - 1) < 1e-3)
    // Units as the field writes them: 50 µm is 0.050 mm, 19 mm is 1.9 cm.
    let withUnits = try #require(
      try CommandLineTests.json(
        CommandLineTests.run(
          "conductivity", "convert", "--resistance", "32.48", "--diameter", "1.9cm",
          "--thickness", "50 µm", "--json")) as? [String: Any])
    let sigmaUnits = try #require(
      (withUnits["conductivitySiemensPerCentimetre"] as? [String: Any])?["value"] as? Double)
    #expect(abs(sigmaUnits / sigma - 1) < 1e-12)
    let bad = try CommandLineTests.run("conductivity", "convert", "--resistance", "5")
    #expect(bad.status != 0 && bad.stderr.contains("--thickness"))
  }

  /// The demo recomputes the series (`--no-report`): its JSON holds Ea and
  /// σ(25 °C) close to the paper's, and the bundled example files are
  /// exactly what it simulates. Without `--no-report` it writes the bundled
  /// project's report where it is told, which says the data are simulated.
  @Test func demoWritesTheSeriesReport() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let exported = out.appendingPathComponent("series").path
    let run = try CommandLineTests.run("demo", "--json", "--no-report", "--export-series", exported)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let c = try #require(object["conductivity"] as? [String: Any])
    let ea = try #require(
      (c["bulkArrhenius"] as? [[String: Any]])?.first?["activationEnergyElectronvolts"]
        as? [String: Any])
    #expect(abs((ea["value"] as? Double ?? 0) - 0.32) < 0.01)
    let sigmaT = try #require(
      (c["bulkArrhenius"] as? [[String: Any]])?.last?["activationEnergyElectronvolts"]
        as? [String: Any])
    let shift = (sigmaT["value"] as? Double ?? 0) - (ea["value"] as? Double ?? 0)
    #expect(shift > 0.025 && shift < 0.033)
    let at25 = try #require(c["conductivityAt25C"] as? [String: Any])
    #expect(abs((at25["conductivitySiemensPerCentimetre"] as? Double ?? 0) / 1.05e-5 - 1) < 0.03)
    // The paper's films, 50 µm on 19 mm discs: 5.43e-5 S/cm is 32.48 Ω, 9.60e-6 S/cm is 183.7 Ω.
    let films = try #require(c["films"] as? [[String: Any]])
    #expect(abs((films.first?["resistanceOhm"] as? Double ?? 0) - 32.48) < 0.01)
    #expect(abs((films.last?["resistanceOhm"] as? Double ?? 0) - 183.70) < 0.01)
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.examples.path)
    where name.hasSuffix(".csv") {
      let bundled = try Data(contentsOf: Self.examples.appendingPathComponent(name))
      let made = try Data(contentsOf: URL(fileURLWithPath: exported).appendingPathComponent(name))
      #expect(bundled == made, "Examples/pellet-series/\(name) differs from the demo's simulation")
    }
    // The report, run from a folder without Examples/: the project is written beside it.
    let folder = out.appendingPathComponent("report").path
    let report = try CommandLineTests.run(
      ["demo", "--json", "--svg-only", "--out", folder], in: out.path)
    #expect(report.status == 0, "\(report.stderr)")
    let summary = try #require(try CommandLineTests.json(report) as? [String: Any])
    #expect(summary["report"] as? String == "\(folder)/report.html")
    let sections = try #require(summary["sections"] as? [[String: Any]])
    let sigma = sections.first { $0["id"] as? String == "conductivity" }
      .flatMap { ($0["values"] as? [[String: Any]])?.first { $0["key"] as? String == "conductivityAt25CSiemensPerCentimetre" } }
    #expect(abs((sigma?["value"] as? Double ?? 0) / 1.05e-5 - 1) < 0.03)
    let html = try String(contentsOfFile: "\(folder)/report.html", encoding: .utf8)
    #expect(html.contains("simulated by Ionics"))
    #expect(FileManager.default.fileExists(atPath: "\(folder)/project/ionics.toml"))
  }
}

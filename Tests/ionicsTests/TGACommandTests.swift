import Foundation
import TestSupport
import Testing

/// `ionics tga` as a user runs it.
struct TGACommandTests {
  /// A NETZSCH file written here: one 20 % step at 200 °C (w = 15 °C) over
  /// a 10.0 mg sample of Na6[Re4As2S2(CN)12]·…-like solvate whose solvents
  /// are 20 % of its mass; decimal commas.
  static func netzsch() -> String {
    var text = """
      #EXPORTTYPE:DATA SINGLE
      #FORMAT:NETZSCH5
      #DECIMAL:COMMA
      #SAMPLE:test
      #SAMPLE MASS /mg:10,00
      #SEG. 1:30°C/10,0(K/min)/500°C

      ##Temp./°C;Time/min;Mass/%

      """
    var t = 30.0
    while t <= 500 {
      let m = 100 - 20 / (1 + exp(-(t - 200) / 15))
      text += String(format: "%.3f;%.4f;%.5f\n", t, (t - 30) / 10, m).replacingOccurrences(
        of: ".", with: ",")
      t += 0.5
    }
    return text
  }

  @Test func stepsJSONCSVAndFigure() throws {
    let folder = try ConductivityCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("run.txt")
    try Self.netzsch().write(to: file, atomically: true, encoding: .utf8)
    let csv = folder.appendingPathComponent("steps.csv").path
    let svg = folder.appendingPathComponent("tga.svg").path
    // CaSO4·2H2O: water is 20.93 % of its mass.
    let run = try CommandLineTests.run(
      "tga", file.path, "--json", "--csv", csv, "--svg", svg, "--formula", "CaSO4·2H2O",
      "--at", "100,250")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    #expect(object["format"] as? String == "NETZSCH Proteus ASCII")
    let steps = try #require(object["steps"] as? [[String: Any]])
    #expect(steps.count == 1)
    #expect(abs((steps.first?["peakCelsius"] as? Double ?? 0) - 200) <= 1)
    #expect(abs((steps.first?["onsetCelsius"] as? Double ?? 0) - 170) < 1.5)
    #expect(abs((steps.first?["lossPercent"] as? Double ?? 0) - 20) < 0.3)
    let solvents = try #require(object["solvents"] as? [String: Any])
    let best = try #require(solvents["best"] as? [String: Any])
    #expect(abs((best["differencePercent"] as? Double ?? 9) - (20 - 20.93)) < 0.3)
    let massAt = try #require(object["massAt"] as? [[String: Any]])
    let expected = 100 - 20 / (1 + exp(100.0 / 15))  // the logistic at 100 °C
    #expect(abs((massAt.first?["massPercent"] as? Double ?? 0) - expected) < 0.005)
    let curves = try #require(object["curves"] as? [String: Any])
    let dtg = try #require(curves["dtgPercentPerCelsius"] as? [Double])
    let grid = try #require(curves["temperatureCelsius"] as? [Double])
    #expect(dtg.count == grid.count && grid.first == 30)
    // The DTG of the logistic peaks at 20/(4·15) %/°C at 200 °C (2.4 % lower
    // after the 21 °C Savitzky–Golay smoothing of a step this narrow).
    if let top = dtg.indices.max(by: { dtg[$0] < dtg[$1] }) {
      #expect(abs(grid[top] - 200) <= 1)
      #expect(abs(dtg[top] / (20.0 / 60) - 1) < 0.03)
    }
    let table = try String(contentsOfFile: csv, encoding: .utf8)
    #expect(table.hasPrefix("step,start_C,onset_C"))
    #expect(table.split(separator: "\n").count == 2)
    let figure = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(figure.contains("mass / %") && figure.contains("DTG"))
    // The text output names the match.
    let text = try CommandLineTests.run("tga", file.path, "--formula", "CaSO4·2H2O")
    #expect(text.stdout.contains("best match: 2 H2O"))
  }

  @Test func badInputIsNamed() throws {
    let folder = try ConductivityCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("run.txt")
    try "just some text\n".write(to: file, atomically: true, encoding: .utf8)
    let unknown = try CommandLineTests.run("tga", file.path)
    #expect(unknown.status != 0 && unknown.stderr.contains("--columns"))
    let csv = folder.appendingPathComponent("run.csv")
    try "t (min),T,mass (mg)\n0,25,5\n1,35,4.9\n".write(to: csv, atomically: true, encoding: .utf8)
    let mapped = try CommandLineTests.run(
      "tga", csv.path, "--columns", "time=t,temperature=T,mass=mass", "--sample-mass", "5", "--json"
    )
    #expect(mapped.status == 0, "\(mapped.stderr)")
    // The same columns as a JSON profile, the syntax `cycling --columns` takes too.
    let profile = folder.appendingPathComponent("columns.json")
    try #"{"time": {"column": "t"}, "temperature": {"column": "T"}, "mass": {"column": "mass"}}"#
      .write(to: profile, atomically: true, encoding: .utf8)
    let fromProfile = try CommandLineTests.run(
      "tga", csv.path, "--columns", profile.path, "--sample-mass", "5", "--json")
    #expect(fromProfile.status == 0, "\(fromProfile.stderr)")
    let inline = try CommandLineTests.json(mapped) as? [String: Any]
    let profiled = try CommandLineTests.json(fromProfile) as? [String: Any]
    #expect(inline?["finalPercent"] as? Double == profiled?["finalPercent"] as? Double)
    let badColumns = try CommandLineTests.run("tga", csv.path, "--columns", "time=t")
    #expect(badColumns.status != 0 && badColumns.stderr.contains("--columns"))
    try Self.netzsch().write(to: file, atomically: true, encoding: .utf8)
    let noSolvates = try CommandLineTests.run("tga", file.path, "--formula", "NaCl")
    #expect(noSolvates.status != 0 && noSolvates.stderr.contains("solvate"))
    let badAt = try CommandLineTests.run("tga", file.path, "--at", "100,hot")
    #expect(badAt.status != 0 && badAt.stderr.contains("--at"))
    let over = try CommandLineTests.run("tga", file.path, "--csv", file.path)
    #expect(over.status != 0 && over.stderr.contains("refusing to overwrite"))
  }

  /// The demo's TGA section matches the simulated solvate to both solvents.
  @Test func demoThermogravimetry() throws {
    let run = try CommandLineTests.run("demo", "--json", "--no-report")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let t = try #require(object["thermogravimetry"] as? [String: Any])
    #expect(t["bestMatch"] as? String == "0.75 CH3OH + 6 H2O")
    #expect(abs((t["measuredSolventLossPercent"] as? Double ?? 0) - 8.57) < 0.1)
  }
}

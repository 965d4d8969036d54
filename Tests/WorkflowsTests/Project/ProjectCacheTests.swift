import Foundation
import Report
import Testing
import Workflows

/// Re-running a report is incremental, and one failing section does not
/// stop the others.
struct ProjectCacheTests {
  /// A small project made of bundled files: the pellet series, the
  /// interface spectrum and a symmetric cell.
  static func project() throws -> URL {
    let source = BundledProject.repository.appendingPathComponent("Examples/nrascn-paper")
    let url = try BundledProject.temporaryFolder("cache")
    for path in [
      "eis/pellet/NRASCN_pellet_25C.csv", "eis/pellet/NRASCN_pellet_55C.csv", "eis/pellet/NRASCN_pellet_85C.csv",
      "eis/interface/NVP-NRASCN-Na_60C.csv", "symmetric/Na_PEO-NaTFSI_Na.csv",
    ] {
      let target = url.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: source.appendingPathComponent(path), to: target)
    }
    try """
      [conductivity]
      files = ["eis/pellet/*.csv"]
      circuit = "p(R1,CPE1)-CPE2"
      diameter = 12
      thickness = 4
      [[interface]]
      file = "eis/interface/NVP-NRASCN-Na_60C.csv"
      circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"
      [[symmetric]]
      file = "symmetric/Na_PEO-NaTFSI_Na.csv"
      area = 2.835
      """.write(to: url.appendingPathComponent("ionics.toml"), atomically: true, encoding: .utf8)
    return url
  }

  static func report(_ url: URL, clean: Bool = false) throws -> ProjectReport.Written {
    let manifest = try ProjectManifest.read(url.appendingPathComponent("ionics.toml").path)
    var options = ProjectReport.OutputOptions(folder: url.appendingPathComponent("report").path, command: "test")
    options.convertFigures = false
    options.clean = clean
    return try ProjectReport.write(manifest, options: options)
  }

  @Test func unchangedSectionsAreReusedAndAChangedFileRecomputesOnlyItsSection() throws {
    let url = try Self.project()
    let first = try Self.report(url)
    #expect(first.outcome.reused.isEmpty)
    let second = try Self.report(url)
    #expect(second.outcome.reused.sorted() == ["conductivity", "interface-1", "symmetric-1"])
    #expect(second.outcome.sections == first.outcome.sections)
    // A changed spectrum (one point scaled by 1 %) remakes the interface section only.
    let path = url.appendingPathComponent("eis/interface/NVP-NRASCN-Na_60C.csv")
    var lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
    var cells = lines[10].split(separator: ",").map(String.init)
    cells[1] = "\((Double(cells[1]) ?? 0) * 1.01)"
    lines[10] = cells.joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
    let third = try Self.report(url)
    #expect(third.outcome.reused.sorted() == ["conductivity", "symmetric-1"])
    #expect(try Self.report(url, clean: true).outcome.reused.isEmpty)
  }

  @Test func aBrokenFileFailsOnlyItsSection() throws {
    let url = try Self.project()
    try Data("not a cycler file at all\n1;2\n".utf8).write(to: url.appendingPathComponent("symmetric/Na_PEO-NaTFSI_Na.csv"))
    let written = try Self.report(url)
    let failed = written.outcome.sections.filter { $0.failure != nil }.map(\.id)
    #expect(failed == ["symmetric-1"])
    let html = try String(contentsOfFile: written.reportPath, encoding: .utf8)
    #expect(html.contains("This section could not be made"))
    #expect(html.contains("not made (see its section)"))
    #expect(written.outcome.sections.first { $0.id == "conductivity" }?.values.isEmpty == false)
  }
}

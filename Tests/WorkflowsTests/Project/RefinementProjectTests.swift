import Diffraction
import Foundation
import IonicsCore
import Report
import TestSupport
import Testing
import Workflows

/// Fig. 3a as a whole-pattern fit: `[pattern] refine = "le-bail"` in a
/// manifest gives the same cell as `ionics xrd refine` on the same files,
/// with its s.u., and the figure with reflection ticks.
@Suite("A project with a whole-pattern fit", SharedData.required("xrd"))
struct RefinementProjectTests {
  static func project(_ pattern: String) throws -> (URL, String) {
    let url = try BundledProject.temporaryFolder("refine-project")
    try FileManager.default.createDirectory(at: url.appendingPathComponent("xrd"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: SharedData.url("xrd/gsas2tut_NIST660CBI.gsas"), to: url.appendingPathComponent("xrd/LaB6.gsas"))
    try FileManager.default.copyItem(
      at: BundledProject.repository.appendingPathComponent("Examples/lab6/LaB6.cif"),
      to: url.appendingPathComponent("LaB6.cif"))
    let manifest = """
      [project]
      title = "LaB6"
      [structure]
      file = "LaB6.cif"
      [pattern]
      file = "xrd/LaB6.gsas"
      radiation = "1.5405,1.5443,0.5"
      \(pattern)
      """
    let path = url.appendingPathComponent("ionics.toml").path
    try manifest.write(toFile: path, atomically: true, encoding: .utf8)
    return (url, path)
  }

  @Test func reportCellEqualsTheCommand() throws {
    let (url, path) = try Self.project("refine = \"le-bail\"")
    var options = ProjectReport.OutputOptions(folder: url.appendingPathComponent("report").path, command: "test")
    options.convertFigures = false
    let written = try ProjectReport.write(try ProjectManifest.read(path), options: options)
    let section = try #require(written.outcome.sections.first { $0.id == "pattern" })
    #expect(section.failure == nil, "\(section.failure ?? "")")
    var request = PowderRefinementWorkflow.Request(
      measuredPath: url.appendingPathComponent("xrd/LaB6.gsas").path,
      structurePath: url.appendingPathComponent("LaB6.cif").path)
    request.radiation = try XRayRadiation("1.5405,1.5443,0.5")
    let outcome = try PowderRefinementWorkflow.run(request)
    let a = try #require(section.values.first { $0.key == "cell_a" })
    #expect(a.value == outcome.result.lattice.a && (a.uncertainty ?? 0) > 0)
    #expect(abs(a.value - 4.154984) < 2e-5)
    #expect(section.values.first { $0.key == "rwpPercent" }?.value == outcome.report.rwpPercent)
    #expect(section.figures.first?.svg.contains("reflections") == true)
  }

  /// A method the fit does not know is an error that names the key.
  @Test func unknownMethodIsRefused() throws {
    let (_, path) = try Self.project("refine = \"guess\"")
    #expect(throws: (any Error).self) { try ProjectManifest.read(path) }
    do {
      _ = try ProjectManifest.read(path)
    } catch {
      #expect("\(error)".contains("refine"))
    }
  }

  /// `atoms = true` is read with a Rietveld fit and refused without one.
  @Test func atomsNeedRietveld() throws {
    let (_, good) = try Self.project("refine = \"rietveld\"\natoms = true")
    #expect(try ProjectManifest.read(good).pattern?.refineAtoms == true)
    let (_, bad) = try Self.project("refine = \"le-bail\"\natoms = true")
    #expect {
      try ProjectManifest.read(bad)
    } throws: { error in
      "\(error)".contains("atoms") && "\(error)".contains("rietveld")
    }
  }
}

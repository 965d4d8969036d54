import Crystal
import Cycling
import Diffraction
import Foundation
import Impedance
import IonicsCore
import Report
import TestSupport
import Testing
import Workflows

/// A project of real instrument files from ../shared/data: the NAC
/// (Na2Ca3Al2F14) 11-BM pattern with its CIF, a NETZSCH TGA, an
/// EISFitpython spectrum, BioLogic and LAND cycler files, and a BioLogic GCPL
/// run around 0 V standing in for a symmetric cell (the shared data holds no
/// real one). `ionics init` groups the copied files; the report's numbers
/// equal the single workflows' and SOURCES.md's.
@Suite("A project of real files", SharedData.required("xrd"), SharedData.required("cycling"))
struct RealFilesProjectTests {
  static let files: [(shared: String, project: String)] = [
    ("xrd/gsas2tut_NAC.cif", "structure/NAC.cif"),
    ("xrd/gsas2tut_11BM_NAC.fxye", "xrd/11BM_NAC.fxye"),
    ("tga/pytga_netzsch2_example_file.txt", "tga/netzsch2.txt"),
    ("eis/EISFitpython/Example-2/Example2b.txt", "eis/LAGP/Example2b.txt"),
    ("cycling/biologic/yadg_gcpl.issue_175.mpr", "cells/gcpl_175.mpr"),
    ("cycling/land/bdf_SINTEF__LiGrR2032__2024-04-30__25degC__Landt.csv", "cells/SINTEF_Landt.csv"),
    ("cycling/biologic/yadg_gcpl.issue_211.mpr", "symmetric/gcpl_211.mpr"),
  ]

  static let manifest = """
    [project]
    title = "Real files"
    [structure]
    file = "structure/NAC.cif"
    [pattern]
    file = "xrd/11BM_NAC.fxye"
    radiation = "0.413909"
    [tga]
    file = "tga/netzsch2.txt"
    [[interface]]
    name = "LAGP (EISFitpython Example 2)"
    file = "eis/LAGP/Example2b.txt"
    circuit = "p(R1,CPE1)-p(R2,CPE2)-CPE3"
    element = "R2"
    fmin = 5
    [[cell]]
    name = "BioLogic GCPL"
    file = "cells/gcpl_175.mpr"
    one-c = 150
    [[cell]]
    name = "LAND Li-graphite"
    file = "cells/SINTEF_Landt.csv"
    active-mass = 10
    one-c = 372
    comparison = true
    [[symmetric]]
    name = "GCPL around 0 V"
    file = "symmetric/gcpl_211.mpr"
    area = 1
    """

  static let project: Result<(URL, ProjectReport.Written), Error> = Result {
    let url = try BundledProject.temporaryFolder("real-project")
    for (shared, local) in files {
      let target = url.appendingPathComponent(local)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: SharedData.url(shared), to: target)
    }
    let path = url.appendingPathComponent("ionics.toml").path
    try manifest.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ProjectReport.OutputOptions(folder: url.appendingPathComponent("report").path, command: "test")
    options.convertFigures = false
    return (url, try ProjectReport.write(try ProjectManifest.read(path), options: options))
  }

  static func value(_ id: String, _ key: String) throws -> Double {
    let (_, written) = try project.get()
    guard let v = written.outcome.sections.first(where: { $0.id == id })?.values.first(where: { $0.key == key }) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSDebugDescriptionErrorKey: "no \(key) in \(id)"])
    }
    return v.value
  }

  @Test func initGroupsTheRealFiles() throws {
    let (url, _) = try Self.project.get()
    let outcome = try ProjectInit.make(folder: url.path)
    let groups = Dictionary(grouping: outcome.assigned, by: \.section).mapValues { $0.flatMap(\.files).sorted() }
    #expect(groups["structure"] == ["structure/NAC.cif"])
    #expect(groups["pattern"] == ["xrd/11BM_NAC.fxye"])
    #expect(groups["tga"] == ["tga/netzsch2.txt"])
    #expect(groups["interface"] == ["eis/LAGP/Example2b.txt"])
    #expect(groups["cell"] == ["cells/SINTEF_Landt.csv", "cells/gcpl_175.mpr"])
    #expect(groups["symmetric"] == ["symmetric/gcpl_211.mpr"])
    // The .mpr states its active mass; the LAND export does not.
    #expect(outcome.manifest.contains("# active mass: 3.42 mg, from the file"))
    #expect(outcome.manifest.contains("# active-mass = 2   # PLACEHOLDER"))
  }

  @Test func everySectionIsMade() throws {
    let (_, written) = try Self.project.get()
    #expect(written.outcome.sections.map(\.id) == ["structure", "pattern", "tga", "interface-1", "cells", "symmetric-1"])
    for s in written.outcome.sections { #expect(s.failure == nil, "\(s.id): \(s.failure ?? "")") }
  }

  /// SOURCES.md: pymatgen gives V = 1077.275 Å³ and ρ = 2.9975 g/cm³ for NAC.
  @Test func structureMatchesPymatgen() throws {
    #expect(abs(try Self.value("structure", "volumeCubicAngstrom") - 1077.275) < 0.01)
    #expect(abs(try Self.value("structure", "densityGramsPerCubicCentimetre") - 2.9975) < 0.001)
  }

  /// SOURCES.md: the run ends at 25.541 % (a single DTG peak at 359 °C).
  @Test func thermogravimetryMatchesTheReference() throws {
    #expect(abs(try Self.value("tga", "residuePercent") - 25.541) < 0.01)
    #expect(abs(try Self.value("tga", "step1LossPercent") - (99.9 - 25.6)) < 3)
  }

  /// The same R2 as `ionics eis fit --fmin 5`, and EISFitpython's published
  /// R2 = 4.712e4 ± 5.5e2 Ω on the same trimmed spectrum.
  @Test func interfaceEqualsTheFitAndEISFitpython() throws {
    let (url, _) = try Self.project.get()
    let spectrum = try SpectrumTrim(minimumFrequencyHertz: 5).apply(
      to: try #require(try readSpectra([url.appendingPathComponent("eis/LAGP/Example2b.txt").path]).last?.spectrum))
    let fit = try CircuitFitter.fit(try Circuit("p(R1,CPE1)-p(R2,CPE2)-CPE3"), to: spectrum)
    let r2 = try Self.value("interface-1", "interfaceResistanceOhm")
    #expect(r2 == fit.parameter("R2")?.value)
    #expect(abs(r2 - 4.712e4) < 5.5e2)
    #expect(abs(try Self.value("interface-1", "parameterR1") - 4.471e4) < 2.72e2)
  }

  /// The cells: the rate steps of `ionics cycling rate`; the LAND cell's
  /// last cycle (cycle 2: 0.0013 Ah, SOURCES.md) over its 10 mg.
  @Test func cellsEqualTheSingleCommands() throws {
    let (url, _) = try Self.project.get()
    let table = try readCyclerTable(url.appendingPathComponent("cells/gcpl_175.mpr").path, profile: nil)
    let grams = try #require(table.activeMassGrams)
    #expect(abs(grams - 0.00342) < 1e-8)
    let steps = table.rateCapability(.instrument, activeMassGrams: grams, oneC: 150)
    let first = try #require(steps.first)
    let key = "dischargeAt\(formatNumber(first.cRate).replacingOccurrences(of: ".", with: "p"))CMilliampHoursPerGram"
    #expect(try Self.value("cells", key) == first.meanDischargeMilliampHoursPerGram)
    #expect(abs(try Self.value("cells", "comparison1FinalDischargeMilliampHoursPerGram") - 130) < 6)
  }

  /// The symmetric-cell section gives what `ionics cycling symmetric` gives.
  @Test func symmetricEqualsTheSingleCommand() throws {
    let (url, _) = try Self.project.get()
    let table = try readCyclerTable(url.appendingPathComponent("symmetric/gcpl_211.mpr").path, profile: nil)
    let analysis = try SymmetricCellAnalysis(table, areaSquareCentimetres: 1)
    #expect(try Self.value("symmetric-1", "overpotentialMillivolts") == 1000 * analysis.meanPlateauVolts)
    #expect(try Self.value("symmetric-1", "durationHours") == analysis.durationHours)
  }

  /// Fig. 3a: the same Rwp and unexplained peaks as `ionics xrd compare`.
  @Test func patternEqualsTheComparison() throws {
    let (url, _) = try Self.project.get()
    let outcome = try PatternComparisonWorkflow.run(
      .init(
        measuredPath: url.appendingPathComponent("xrd/11BM_NAC.fxye").path,
        structurePath: url.appendingPathComponent("structure/NAC.cif").path, radiation: try XRayRadiation("0.413909")))
    #expect(try Self.value("pattern", "rwpPercent") == outcome.report.rwpPercent)
    #expect(
      try Self.value("pattern", "unexplainedPeaks") == Double(outcome.report.peaks.filter { $0.explainedBy == nil }.count))
  }
}

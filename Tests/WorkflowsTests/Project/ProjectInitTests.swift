import Foundation
import Testing
import Workflows

/// `ionics init` groups a folder's raw files into the paper's analyses.
struct ProjectInitTests {
  @Test func bundledRawFilesAreGroupedByTechniqueAndSample() throws {
    let url = try BundledProject.temporaryFolder("init")
    for (path, contents) in try PaperProject.files() where path != "ionics.toml" {
      let target = url.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try contents.write(to: target, atomically: true, encoding: .utf8)
    }
    let outcome = try ProjectInit.make(folder: url.path)
    let groups = Dictionary(grouping: outcome.assigned, by: \.section).mapValues { $0.map(\.files) }
    #expect(groups["structure"] == [["structure/NRASCN-like.cif"]])
    #expect(groups["pattern"] == [["xrd/NRASCN-like_CuKa.xy"]])
    #expect(groups["tga"] == [["tga/NRASCN-solvate_10Kmin.txt"]])
    #expect(groups["conductivity"]?.first?.count == 6)
    #expect(groups["conductivity"]?.first?.allSatisfy { $0.hasPrefix("eis/pellet/") } == true)
    #expect(groups["comparison"]?.count == 2)
    #expect(groups["interface"] == [["eis/interface/NVP-NRASCN-Na_60C.csv"]])
    #expect(groups["storage"]?.first?.count == 5)
    #expect(groups["cell"]?.count == 2)
    #expect(groups["symmetric"]?.count == 2)
    #expect(groups["xps"] == [["xps/Na-anode_200-cycles_F1s_N1s.vms"]])
    #expect(outcome.manifest.contains("region = \"F 1s\"") && outcome.manifest.contains("region = \"N 1s\""))
    #expect(outcome.unused.isEmpty)
    // What no file states is a marked placeholder: geometry of three series,
    // circuits, the storage element, masses and 1 C of two cells, areas…
    #expect(outcome.manifest.contains("# diameter = 12   # PLACEHOLDER"))
    #expect(outcome.manifest.contains("# one-c = 117   # PLACEHOLDER"))
    #expect(outcome.manifest.contains("radiation = \"CuKa\"   # PLACEHOLDER: the file states no wavelength"))
    // The manifest it writes is valid and names only existing files.
    let path = url.appendingPathComponent("ionics.toml").path
    try outcome.manifest.write(toFile: path, atomically: true, encoding: .utf8)
    let manifest = try ProjectManifest.read(path)
    #expect(manifest.comparisons.count == 2 && manifest.cells.count == 2 && manifest.symmetricCells.count == 2)
    #expect(manifest.guesses.contains { $0.section == "storage" && $0.key == "element" })
  }
}

import Foundation
import Testing
import Workflows

/// The manifest: every table and key checked, each error naming its line.
struct ProjectManifestTests {
  static func folder(_ files: [String: String]) throws -> URL {
    let url = try BundledProject.temporaryFolder("manifest")
    for (path, contents) in files {
      let target = url.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try contents.write(to: target, atomically: true, encoding: .utf8)
    }
    return url
  }

  static func error(_ text: String, files: [String: String] = [:]) throws -> ProjectManifestError? {
    let url = try folder(files.merging(["ionics.toml": text]) { $1 })
    do {
      _ = try ProjectManifest.read(url.appendingPathComponent("ionics.toml").path)
      return nil
    } catch let error as ProjectManifestError {
      return error
    }
  }

  @Test func unknownKeyIsNamedWithItsLine() throws {
    let e = try Self.error("[project]\ntitle = \"x\"\n\n[pattern]\nfile = \"a.xy\"\nwavelenght = 1.54\n", files: ["a.xy": "1 2\n"])
    #expect(e?.line == 6)
    #expect(e?.message.contains("unknown key 'wavelenght'") == true)
    #expect(e?.message.contains("radiation") == true)
  }

  @Test func unknownTableAndMissingFileAreNamed() throws {
    let table = try Self.error("[project]\ntitle = \"x\"\n[impedance]\nfile = \"a\"\n")
    #expect(table?.line == 3 && table?.message.contains("unknown table [impedance]") == true)
    let missing = try Self.error("[tga]\n# comment\nfile = \"tga/run.txt\"\n")
    #expect(missing?.line == 3 && missing?.message.contains("'tga/run.txt' does not exist") == true)
    let glob = try Self.error("[conductivity]\nfiles = [\"eis/*.csv\"]\ncircuit = \"R1\"\n")
    #expect(glob?.line == 2 && glob?.message.contains("matches no file") == true)
  }

  @Test func valuesOutOfRangeAreRefused() throws {
    let files = ["eis/a_25C.csv": "1,2,3\n"]
    let negative = try Self.error(
      "[conductivity]\nfiles = [\"eis/*.csv\"]\ncircuit = \"R1\"\ndiameter = -12\nthickness = 1\n", files: files)
    #expect(negative?.line == 4 && negative?.message.contains("positive number (mm)") == true)
    let repeated = try Self.error("[interface]\nfile = \"eis/a_25C.csv\"\ncircuit = \"R1\"\n", files: files)
    #expect(repeated?.message.contains("[[interface]]") == true)
    let cycle = try Self.error("[[cell]]\nfile = \"eis/a_25C.csv\"\nretention-from = 0\n", files: files)
    #expect(cycle?.line == 3)
    let broken = try Self.error("[project]\ntitle = \n")
    #expect(broken?.line == 2 && broken?.message.contains("not valid TOML") == true)
  }

  @Test func photoelectronDoubletsAndBackgroundsAreChecked() throws {
    let files = ["xps/a.vms": "VAMAS\n"]
    let doublets = try Self.error("[[xps]]\nfile = \"xps/a.vms\"\ndoublets = \"yes\"\n", files: files)
    #expect(doublets?.line == 3 && doublets?.message.contains("'doublets' must be true or false") == true)
    let splitting = try Self.error("[[xps]]\nfile = \"xps/a.vms\"\nsplitting = -2\n", files: files)
    #expect(splitting?.line == 3)
    let background = try Self.error("[[xps]]\nfile = \"xps/a.vms\"\nbackground = \"casa\"\n", files: files)
    #expect(background?.line == 3 && background?.message.contains("stored") == true)
    let url = try Self.folder(files.merging(["ionics.toml": "[[xps]]\nfile = \"xps/a.vms\"\nsplitting = 2.43\nbackground = \"stored\"\n"]) { $1 })
    let m = try ProjectManifest.read(url.appendingPathComponent("ionics.toml").path)
    #expect(m.photoelectronRegions.first?.doublets == true && m.photoelectronRegions.first?.splitting == 2.43)
  }

  @Test func globsAndPlaceholdersAreResolved() throws {
    let url = try Self.folder([
      "eis/s_25C.csv": "", "eis/s_40C.csv": "", "eis/notes.txt": "",
      "ionics.toml": """
        [conductivity]
        files = ["eis/s_*C.csv"]
        circuit = "p(R1,CPE1)-CPE2"   # PLACEHOLDER: a guess
        [[interface]]
        file = "eis/s_25C.csv"
        circuit = "R0-p(R1,CPE1)"   # PLACEHOLDER: a guess
        """,
    ])
    let m = try ProjectManifest.read(url.appendingPathComponent("ionics.toml").path)
    let files = try ProjectFiles.expand(m.conductivity?.files ?? [], in: m).map { ($0 as NSString).lastPathComponent }
    #expect(files == ["s_25C.csv", "s_40C.csv"])
    #expect(m.guesses == [.init(section: "conductivity", key: "circuit", line: 3), .init(section: "interface-1", key: "circuit", line: 6)])
  }
}

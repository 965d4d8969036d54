import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics init`: a first project manifest for a folder of raw files.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Writes FOLDER/ionics.toml: the folder's files grouped into the paper's analyses.",
    usage: "ionics init [<options>] <folder>",
    discussion: """
      Every file is recognised from its content (as ionics identify does) and grouped by technique and sample: the structure, the powder pattern, the TGA run (with a mass-spectrometer export), temperature series of spectra (one per folder), single interface spectra, storage series (hours in the names), full cells and symmetric cells. Values a file states are used (geometry in a Novocontrol header, active mass, wavelength); what no file can say is a line marked PLACEHOLDER to check or fill in. An existing manifest is kept unless --force is given. Then run ionics report on it.

      Examples:
      ionics init my-project/
      ionics init my-project/ --force
      """)

  @Argument(help: "The project folder.")
  var folder: String

  @Flag(help: "Replace an existing ionics.toml.")
  var force = false

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    struct Group: Encodable {
      let section: String
      let files: [String]
    }
    struct Unused: Encodable {
      let file: String
      let why: String
    }
    let manifest: String
    let placeholders: Int
    let sections: [Group]
    let unused: [Unused]
  }

  func run() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw CommandLineError(description: "\(folder): not a folder")
    }
    let target = (folder as NSString).appendingPathComponent("ionics.toml")
    if FileManager.default.fileExists(atPath: target) && !force {
      throw CommandLineError(description: "\(target) exists: it is kept (give --force to replace it)")
    }
    let outcome = try withArgument(folder) { try ProjectInit.make(folder: folder) }
    try writeAtomically(outcome.manifest, to: target)
    let report = Report(
      manifest: target, placeholders: outcome.placeholders,
      sections: outcome.assigned.map { .init(section: $0.section, files: $0.files) },
      unused: outcome.unused.map { .init(file: $0.file, why: $0.why) })
    try output.emit(report, analysis: "init") {
      var table = TextTable("section", "files")
      for group in report.sections {
        table.add(group.section, group.files.count == 1 ? group.files[0] : "\(group.files.count) files")
      }
      print(table.rendered)
      if !report.unused.isEmpty {
        print("\(report.unused.count) file\(report.unused.count == 1 ? "" : "s") left out (ionics identify tells why)")
      }
      print("wrote \(target): \(report.placeholders) PLACEHOLDER line\(report.placeholders == 1 ? "" : "s") to check; then: ionics report \(target)")
    }
  }
}

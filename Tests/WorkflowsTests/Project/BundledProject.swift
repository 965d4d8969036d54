import Foundation
import Report
import Workflows

/// The bundled project `Examples/nrascn-paper`, reported once for all the
/// tests that read its numbers (the migration section alone takes seconds
/// in a debug build).
enum BundledProject {
  /// The repository's root.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../..").standardized

  /// The bundled manifest.
  static var manifestPath: String { repository.appendingPathComponent("Examples/nrascn-paper/ionics.toml").path }

  /// A fresh temporary folder.
  static func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The report of the bundled project, written into a temporary folder
  /// (figures not converted: the tests check the SVG and CSV).
  static let written: Result<ProjectReport.Written, Error> = Result {
    let manifest = try ProjectManifest.read(manifestPath)
    var options = ProjectReport.OutputOptions(
      folder: try temporaryFolder("bundled-report").path, command: "ionics report (test)")
    options.convertFigures = false
    return try ProjectReport.write(manifest, options: options)
  }

  /// The section `id` of the bundled report.
  static func section(_ id: String) throws -> ReportSection {
    guard let s = try written.get().outcome.sections.first(where: { $0.id == id }) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSDebugDescriptionErrorKey: "no section \(id)"])
    }
    return s
  }

  /// The value `key` of section `id`.
  static func value(_ id: String, _ key: String) throws -> ReportValue {
    guard let v = try section(id).values.first(where: { $0.key == key }) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSDebugDescriptionErrorKey: "no value \(key) in \(id)"])
    }
    return v
  }
}

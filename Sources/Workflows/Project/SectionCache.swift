import Foundation
import Report

/// The report's cache: one JSON file per section (`<id>.json` in the cache
/// folder) holding the key it was made under and the section. A section is
/// reused only when its key (inputs' hashes, parameters, Ionics' version)
/// is the same; a damaged or foreign file is ignored, never trusted.
enum SectionCache {
  private struct Entry: Codable {
    let key: String
    let section: ReportSection
  }

  static func load(_ id: String, key: String, from folder: String) -> ReportSection? {
    let path = (folder as NSString).appendingPathComponent("\(id).json")
    guard let data = FileManager.default.contents(atPath: path),
      let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key,
      entry.section.id == id
    else { return nil }
    return entry.section
  }

  /// Stores `section`; a cache that cannot be written only costs time next run.
  static func store(_ section: ReportSection, key: String, in folder: String) {
    guard let data = try? JSONEncoder().encode(Entry(key: key, section: section)) else { return }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? writeAtomically(data, to: (folder as NSString).appendingPathComponent("\(section.id).json"))
  }
}

import Foundation
import Testing

/// The shared reference data, found through IONICS_DATA (default ../shared/data
/// beside the repository); tests that need it skip with a message when it is absent.
enum SharedData {
  static let root: URL = {
    if let path = ProcessInfo.processInfo.environment["IONICS_DATA"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../shared/data").standardized
  }()

  static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent("cif").path)
  }

  /// The trait that skips a test when the data are missing, with the reason printed.
  static let required = Testing.ConditionTrait.enabled(
    if: isAvailable, "shared reference data not found at \(root.path): set IONICS_DATA")

  static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

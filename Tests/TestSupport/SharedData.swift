import Foundation
import Testing

/// The shared reference data, found through IONICS_DATA (default
/// ../shared/data beside the repository); tests that need it skip with a
/// message when it is absent.
public enum SharedData {
  /// The folder of the shared data.
  public static let root: URL = {
    if let path = ProcessInfo.processInfo.environment["IONICS_DATA"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../shared/data").standardized
  }()

  /// Whether `folder` (e.g. "cif") of the shared data is present.
  public static func isAvailable(_ folder: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path)
  }

  /// The trait that skips a test when `folder` is missing, with the reason printed.
  public static func required(_ folder: String) -> Testing.ConditionTrait {
    .enabled(
      if: isAvailable(folder),
      "shared reference data not found at \(root.path)/\(folder): set IONICS_DATA")
  }

  /// A file of the shared data.
  public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

import TestSupport
import Testing

extension SharedData {
  /// Skips a suite when the shared cycling files are absent.
  static let required = SharedData.required("cycling")
}

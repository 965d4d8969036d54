import TestSupport
import Testing

extension SharedData {
  /// Skips a suite when the shared eis files are absent.
  static let required = SharedData.required("eis")
}

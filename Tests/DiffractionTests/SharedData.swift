import TestSupport
import Testing

extension SharedData {
  /// Skips a suite when the shared cif files are absent.
  static let required = SharedData.required("cif")
}

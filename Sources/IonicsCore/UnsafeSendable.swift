/// A value (a pointer or buffer) handed to concurrent work that reads it,
/// or writes disjoint parts of it; the caller guarantees the discipline.
package struct UnsafeSendable<T>: @unchecked Sendable {
  /// The wrapped value.
  package let value: T
  /// Wraps `value`.
  package init(_ value: T) { self.value = value }
}

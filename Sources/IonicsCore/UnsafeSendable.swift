/// A value (a pointer or buffer) handed to concurrent work that reads it,
/// or writes disjoint parts of it; the caller guarantees the discipline.
public struct UnsafeSendable<T>: @unchecked Sendable {
  /// The wrapped value.
  public let value: T
  /// Wraps `value`.
  public init(_ value: T) { self.value = value }
}

import Foundation

/// Results of work run concurrently (`DispatchQueue.concurrentPerform`), one
/// slot per task, written and read behind a lock so the order of the
/// results is the order of the tasks, whatever order they finish in.
public final class ConcurrentSlots<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  /// `count` empty slots.
  public init(count: Int) { storage = Array(repeating: nil, count: max(count, 0)) }

  /// Fills slot `index`.
  public func set(_ index: Int, _ value: Value?) {
    lock.lock()
    defer { lock.unlock() }
    storage[index] = value
  }

  /// The value in slot `index`, nil while empty.
  public func value(_ index: Int) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    return storage[index]
  }

  /// The filled slots in task order.
  public var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return storage.compactMap { $0 }
  }
}

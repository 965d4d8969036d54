import Synchronization

/// Results of work run concurrently (`DispatchQueue.concurrentPerform`), one
/// slot per task, written and read behind a `Mutex` so the order of the
/// results is the order of the tasks, whatever order they finish in.
package final class ConcurrentSlots<Value: Sendable>: Sendable {
  private let storage: Mutex<[Value?]>

  /// `count` empty slots.
  package init(count: Int) { storage = Mutex(Array(repeating: nil, count: max(count, 0))) }

  /// Fills slot `index`.
  package func set(_ index: Int, _ value: Value?) {
    storage.withLock { $0[index] = value }
  }

  /// The value in slot `index`, nil while empty.
  package func value(_ index: Int) -> Value? {
    storage.withLock { $0[index] }
  }

  /// The filled slots in task order.
  package var values: [Value] {
    storage.withLock { $0.compactMap { $0 } }
  }
}

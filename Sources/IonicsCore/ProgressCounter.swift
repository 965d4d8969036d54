import Synchronization

/// Counts finished items of long work done on several threads and passes
/// (done, total) to a handler after each: how the workflows report progress
/// (fits of many spectra, the planes of a BVSE grid) without printing.
package final class ProgressCounter: Sendable {
  private let total: Int
  private let done = Mutex(0)
  private let handler: @Sendable (_ done: Int, _ total: Int) -> Void

  /// A counter of `total` items; nil when there is no handler.
  package init?(total: Int, handler: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
    guard let handler else { return nil }
    self.total = total
    self.handler = handler
  }

  /// Marks one more item as done.
  package func advance() {
    let count = done.withLock { value -> Int in
      value += 1
      return value
    }
    handler(count, total)
  }
}

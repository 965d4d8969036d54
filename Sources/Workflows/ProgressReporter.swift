import Synchronization

/// Counts finished items of a long piece of work and passes the count to a
/// handler, from whichever thread finished the item. The workflows take one
/// optionally; the command line shows it on a terminal.
public final class ProgressReporter: Sendable {
  /// What is being done ("fitting spectra").
  public let activity: String
  /// How many items there are.
  public let total: Int
  private let done = Mutex(0)
  private let handler: @Sendable (_ activity: String, _ done: Int, _ total: Int) -> Void

  /// A reporter of `total` items that calls `handler` after each.
  public init(
    _ activity: String, total: Int,
    handler: @escaping @Sendable (_ activity: String, _ done: Int, _ total: Int) -> Void
  ) {
    self.activity = activity
    self.total = total
    self.handler = handler
  }

  /// Marks one more item as done.
  public func advance() {
    let count = done.withLock { value -> Int in
      value += 1
      return value
    }
    handler(activity, count, total)
  }
}

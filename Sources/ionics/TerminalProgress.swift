import Foundation
import Synchronization
import Workflows

/// Progress on standard error while it is a terminal: one line rewritten
/// in place, at most ten times a second, cleared at the end. Nothing is
/// written when stderr is a file or a pipe, so logs and JSON stay clean.
enum TerminalProgress {
  /// A handler that shows `activity: done/total`, or nil when stderr is not
  /// a terminal.
  static func display(_ activity: String) -> (@Sendable (_ done: Int, _ total: Int) -> Void)? {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    let lastShown = LastShown()
    return { done, total in
      let now = DispatchTime.now().uptimeNanoseconds
      guard lastShown.claim(now, done: done, final: done == total) else { return }
      let line =
        done == total
        ? "\r\u{1B}[2K" : "\r\(activity): \(done)/\(total) (\(100 * done / max(total, 1)) %)"
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  /// When the line was last written, and the count it showed.
  final class LastShown: Sendable {
    private let state = Mutex<(nanoseconds: UInt64, done: Int)>((0, 0))

    /// True for the final count, or when 0.1 s have passed since the last
    /// line and the count has grown (workers finish out of order).
    func claim(_ now: UInt64, done: Int, final: Bool) -> Bool {
      state.withLock { last in
        guard final || (now &- last.nanoseconds >= 100_000_000 && done > last.done) else {
          return false
        }
        last = (now, max(done, last.done))
        return true
      }
    }
  }
}

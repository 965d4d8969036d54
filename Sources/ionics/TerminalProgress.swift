import Foundation
import Synchronization
import Workflows

/// Progress on standard error while it is a terminal: one line rewritten
/// in place, at most ten times a second, cleared at the end. Nothing is
/// written when stderr is a file or a pipe, so logs and JSON stay clean.
enum TerminalProgress {
  /// A reporter for `total` items, or nil when stderr is not a terminal or
  /// the work is too small to be worth showing.
  static func reporter(_ activity: String, total: Int) -> ProgressReporter? {
    guard total >= 20, isatty(STDERR_FILENO) == 1 else { return nil }
    let lastShown = LastShown()
    return ProgressReporter(activity, total: total) { activity, done, total in
      let now = DispatchTime.now().uptimeNanoseconds
      guard done == total || lastShown.claim(now) else { return }
      let line =
        done == total
        ? "\r\u{1B}[2K" : "\r\(activity): \(done)/\(total) (\(100 * done / max(total, 1)) %)"
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  /// When the line was last written.
  final class LastShown: Sendable {
    private let nanoseconds = Mutex<UInt64>(0)

    /// True when 0.1 s have passed since the last claim (and records now).
    func claim(_ now: UInt64) -> Bool {
      nanoseconds.withLock { last in
        guard now &- last >= 100_000_000 else { return false }
        last = now
        return true
      }
    }
  }
}

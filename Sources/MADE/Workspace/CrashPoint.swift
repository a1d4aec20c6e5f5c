import Foundation

/// Named moments between two steps that must survive a crash, where a fault test can make
/// `made` die at once (SIGKILL, as a power cut or the OOM killer would), and the next run must
/// repair what was left.
///
/// `MADE_CRASH_AT=<point>` dies the first time the point is reached, `<point>:<n>` the n-th
/// time. Unset (always, outside tests) it costs one comparison per point. `NightlyFaultTests`
/// kills a run at every point in turn.
public enum CrashPoint: String, CaseIterable, Sendable {
  /// A file's rows are written, its transaction not yet committed.
  case loadBeforeCommit = "load-before-commit"
  /// A file's outcome is committed (loaded, duplicate or quarantined); it is still in the inbox.
  case fileCommitted = "file-committed"
  /// Where the file goes is recorded; it is still in the inbox.
  case filingTargetRecorded = "filing-target-recorded"
  /// The file left the inbox for its staging name beside its target; not yet renamed.
  case fileStaged = "file-staged"
  /// The file is in archive/ or quarantine/ (its reason note not yet written); the warehouse
  /// still says filing is unfinished.
  case fileMoved = "file-moved"
  /// Records past retention are deleted; their archive folders are not yet.
  case purgeCommitted = "purge-committed"
  /// Indicator values are written, their transaction not yet committed.
  case aggregateBeforeCommit = "aggregate-before-commit"
  /// A pack is written; the others are not yet.
  case packWritten = "pack-written"
  /// Every pack is written; the warehouse does not yet know.
  case packsWritten = "packs-written"
  /// Everything is done but the run report.
  case beforeRunReport = "before-run-report"

  /// Dies here if `MADE_CRASH_AT` names this point (and this is the n-th time it is reached).
  public func reach() {
    guard let target = Self.target, target.point == self else { return }
    Self.lock.lock()
    Self.reached += 1
    let count = Self.reached
    Self.lock.unlock()
    guard count == target.time else { return }
    // Say why, in case the variable was left set somewhere it should not be.
    FileHandle.standardError.write(
      Data("made: MADE_CRASH_AT=\(rawValue):\(count) is set (a fault test): killed here\n".utf8))
    kill(getpid(), SIGKILL)
  }

  private static let target: (point: CrashPoint, time: Int)? = {
    guard let value = ProcessInfo.processInfo.environment["MADE_CRASH_AT"] else { return nil }
    let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
    guard let point = parts.first.flatMap(CrashPoint.init(rawValue:)) else { return nil }
    return (point, parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
  }()

  private static let lock = NSLock()
  nonisolated(unsafe) private static var reached = 0  // guarded by `lock`
}

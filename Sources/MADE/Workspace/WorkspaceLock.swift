import Foundation

/// An exclusive lock on a workspace (`<workspace>/.made.lock`), held by one process at a time.
///
/// `flock(2)` on an open file: the kernel releases it when the process exits or dies, so a
/// killed run never leaves a stale lock. The file says who holds it (pid, start time), for the
/// message the next run prints.
public final class WorkspaceLock {
  /// Another process holds the lock: exit 4 (docs/design.md § "Exit codes").
  public struct Busy: Error, CustomStringConvertible {
    public let path: String
    /// "pid 1234 started 2025-04-01T02:00:00Z (made nightly)", as the holder wrote it.
    public let holder: String
    public var description: String {
      "\(path) is locked by another MADE run (\(holder)); it is still working. Wait for it to "
        + "finish, or check `ps -p <pid>`; the lock is released when that process ends."
    }
  }

  private let descriptor: Int32

  /// Takes the lock or throws `Busy` at once (never waits).
  public init(workspace: Workspace, command: String) throws {
    // Not a workspace at all: say so (loadConfig explains) rather than fail on the lock file.
    if !FileManager.default.fileExists(atPath: workspace.configURL.path) {
      _ = try workspace.loadConfig()
    }
    let path = workspace.root.appendingPathComponent(".made.lock").path
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      let code = errno
      if AccessProblem.accessErrors.contains(code) {
        // A read-only mount, or another user's workspace: every writer stops here.
        throw AccessProblem(path: path, writing: true, errno: code, workspace: workspace)
      }
      throw ConfigurationError(
        "cannot open \(path): \(String(cString: strerror(errno))); is the workspace writable?")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let busy = errno == EWOULDBLOCK
      var bytes = [UInt8](repeating: 0, count: 512)
      let count = pread(descriptor, &bytes, bytes.count, 0)
      close(descriptor)
      guard busy else {
        throw ConfigurationError("cannot lock \(path): \(String(cString: strerror(errno)))")
      }
      let holder = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      throw Busy(path: path, holder: holder.isEmpty ? "holder unknown" : holder)
    }
    self.descriptor = descriptor
    let note = "pid \(getpid()) started \(Clock.nowISO()) (made \(command))\n"
    _ = ftruncate(descriptor, 0)
    _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  deinit {
    _ = ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}

import Foundation

/// `made check FILE`: everything `made ingest` does to a delivery (feed identified by its
/// header, every row cast and checked, rejects with their reasons and lines, geography,
/// pseudonymisation), without keeping anything.
///
/// It runs the ingest itself, unchanged, on a scratch copy of the workspace: its settings, key
/// and feed schemas, and a copy of the warehouse taken with SQLite's online backup from a
/// read-only connection (so the warehouse is only read, and a duplicate or a resend is
/// recognised as ingest would). The copy, in a private `.made-check-<pid>-…` folder of the
/// workspace, is deleted afterwards, or by the next check when a killed one left it. The
/// price is the copy: a warehouse of several GB takes seconds to copy.
public struct DeliveryCheck: Sendable {
  /// What ingest would have done with the file.
  public var outcome: FileOutcome
  /// Its rejected rows (and warnings), by line.
  public var rejects: [RejectReport.Row]

  /// Rejected rows by reason, most first: (reason, rows, their lines).
  public var rejectsByReason: [(reason: String, rows: Int, lines: [Int])] {
    var byReason: [String: [Int]] = [:]
    for row in rejects where !row.isWarning { byReason[row.reason, default: []].append(row.line) }
    return byReason.map { ($0.key, $0.value.count, $0.value.sorted()) }
      .sorted { ($1.rows, $0.reason) < ($0.rows, $1.reason) }
  }

  /// The partner's receipt: what was accepted and what was rejected, by reason, with lines
  /// (`outcome,reason,rows,lines`; lines joined by spaces, the first 200 of each reason).
  public var receiptCSV: String {
    var lines = ["outcome,reason,rows,lines"]
    let status = outcome.status == .loaded ? "accepted" : outcome.status.rawValue
    lines.append(
      "\(status),\(PackWriter.text(outcome.reason?.rawValue ?? "")),\(outcome.rowsLoaded),")
    for (reason, rows, numbers) in rejectsByReason {
      let shown = numbers.prefix(200).map(String.init).joined(separator: " ")
      lines.append(
        "rejected,\(PackWriter.text(reason)),\(rows),\(shown)\(numbers.count > 200 ? " …" : "")")
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}

extension DeliveryCheck {
  static let scratchPrefix = ".made-check-"

  /// A new private folder for a check's copy: inside the workspace (the same disk and the
  /// same privacy as the warehouse and key it copies), else, for a workspace this user may
  /// only read, in the temporary folder. Copies that a killed check left behind (their
  /// process is gone) are removed first.
  static func scratchFolder(for workspace: Workspace) throws -> URL {
    let manager = FileManager.default
    let parents = [workspace.root, manager.temporaryDirectory]
    for parent in parents {
      for name in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
      where name.hasPrefix(scratchPrefix) {
        let pid = name.dropFirst(scratchPrefix.count).split(separator: "-").first.flatMap {
          Int32($0)
        }
        if let pid, kill(pid, 0) != 0, errno == ESRCH {
          try? manager.removeItem(at: parent.appendingPathComponent(name))
        }
      }
    }
    let name = "\(scratchPrefix)\(getpid())-\(UUID().uuidString)"
    let parent = access(workspace.root.path, W_OK) == 0 ? workspace.root : parents[1]
    let scratch = parent.appendingPathComponent(name)
    try WorkspaceBackup.prepareEmpty(scratch, for: "a check")
    return scratch
  }
}

extension Pipeline {
  /// What ingesting `path` (as `feed`, or the feed its header names) would do; the workspace
  /// is left as it was.
  public func check(path: String, feed: String?) throws -> DeliveryCheck {
    let scratch = try DeliveryCheck.scratchFolder(for: workspace)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let copy = Workspace(root: scratch)
    try SQLiteConnection(path: workspace.warehouseURL.path, readOnly: true)
      .backUp(to: copy.warehouseURL.path)
    chmod(copy.warehouseURL.path, 0o600)
    // The key only if this workspace has one this user can read: without it ingest says what
    // cannot load, and so does the check (a new key would pseudonymise differently).
    for (from, to) in try WorkspaceBackup.copied(workspace, key: .ifReadable)
    where !to.hasPrefix("packs/") {
      try WorkspaceBackup.copy(from, to: scratch.appendingPathComponent(to))
    }
    for folder in [copy.inbox, copy.archive, copy.quarantine, copy.packs]
      + (try catalog().names).map({ copy.inbox.appendingPathComponent($0) })
    {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    var pipeline = try Pipeline(workspace: copy)
    pipeline.progress = progress
    let absolute = URL(fileURLWithPath: path).path
    guard let outcome = try pipeline.ingest(paths: [absolute], feed: feed).first else {
      throw UsageError("\(path): nothing to check")
    }
    let rejects = try outcome.fileID.map { try RejectReport.rows(fileID: $0, in: copy) } ?? []
    // The copy's file id names nothing in the workspace.
    var checked = outcome
    checked.fileID = nil
    return DeliveryCheck(outcome: checked, rejects: rejects)
  }
}

import Foundation

/// `made check FILE`: everything `made ingest` does to a delivery (feed identified by its
/// header, every row cast and checked, rejects with their reasons and lines, geography,
/// pseudonymisation), without keeping anything.
///
/// It runs the ingest itself, unchanged, on a scratch copy of the workspace: its settings, key
/// and feed schemas, and a copy of the warehouse taken with SQLite's online backup from a
/// read-only connection (so the warehouse is only read, and a duplicate or a resend is
/// recognised as ingest would). The copy is deleted afterwards. The price is the copy: a
/// warehouse of several GB takes seconds to copy.
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

extension Pipeline {
  /// What ingesting `path` (as `feed`, or the feed its header names) would do; the workspace
  /// is left as it was.
  public func check(path: String, feed: String?) throws -> DeliveryCheck {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-check-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    try WorkspaceBackup.prepareEmpty(scratch, for: "a check")
    let copy = Workspace(root: scratch)
    try SQLiteConnection(path: workspace.warehouseURL.path, readOnly: true)
      .backUp(to: copy.warehouseURL.path)
    for (from, to) in try WorkspaceBackup.copied(workspace) where !to.hasPrefix("packs/") {
      try WorkspaceBackup.copy(from, to: scratch.appendingPathComponent(to))
    }
    try copy.create(feeds: try catalog().names)
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

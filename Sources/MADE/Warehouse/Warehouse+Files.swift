/// The `files` and `rejects` tables: lineage of every delivery.
extension Warehouse {
  /// A file already loaded with these bytes, if any.
  func loadedFile(sha256: String) throws -> Int64? {
    try connection.scalar(
      "SELECT file_id FROM files WHERE sha256 = ? AND status = 'loaded' ORDER BY file_id LIMIT 1",
      [.text(sha256)]
    )
    .flatMap { if case .integer(let id) = $0 { return id } else { return nil } }
  }

  /// True when a loaded file has exactly this many bytes (then hashing first is worth it).
  func hasLoadedFile(ofSize bytes: Int) throws -> Bool {
    try connection.scalar(
      "SELECT 1 FROM files WHERE bytes = ? AND status = 'loaded' LIMIT 1", [.integer(Int64(bytes))]
    ) != nil
  }

  struct FileRow {
    var runID: Int64
    var feed: String?
    var originalName: String
    var sha256: String
    var bytes: Int
    var compression: FileCompression
    var encoding: String?
    var status: FileStatus
    var reason: String?
    var message: String?
    var duplicateOf: Int64?
    /// For a delivery taken from the inbox, where it sits (relative to the workspace) until it
    /// is filed in archive/ or quarantine/.
    var inboxPath: String?
  }

  /// Records a file that did not load (duplicate or quarantined): one row, nothing else.
  @discardableResult
  func recordFile(_ row: FileRow) throws -> Int64 {
    try connection.execute(
      """
      INSERT INTO files (run_id, feed, original_name, sha256, bytes, compression, encoding,
        status, reason, message, duplicate_of, received_at, inbox_path)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(row.runID), SQLValue(row.feed), .text(row.originalName), .text(row.sha256),
        .integer(Int64(row.bytes)), .text(row.compression.rawValue), SQLValue(row.encoding),
        .text(row.status.rawValue), SQLValue(row.reason), SQLValue(row.message),
        row.duplicateOf.map { .integer($0) } ?? .null, .text(Clock.nowISO()),
        SQLValue(row.inboxPath),
      ])
    let fileID = connection.lastInsertRowID
    if row.status != .loaded {
      try audit(
        action: "ingest",
        detail: "file \(fileID) \(row.originalName): \(row.status.rawValue)"
          + (row.reason.map { " (\($0))" } ?? ""), rows: 0)
    }
    return fileID
  }

  /// Sets the SHA-256 of a file being loaded, known only once it has been read through.
  func setDigest(_ sha256: String, fileID: Int64) throws {
    try connection.execute(
      "UPDATE files SET sha256 = ? WHERE file_id = ?", [.text(sha256), .integer(fileID)])
  }

  /// The SHA-256 (hex) of a delivered file.
  func sha256(fileID: Int64) throws -> String? {
    try connection.scalar("SELECT sha256 FROM files WHERE file_id = ?", [.integer(fileID)])?.string
  }

  /// A delivery committed from the inbox whose filing in archive/ or quarantine/ has not
  /// finished: MADE stopped between the commit and the move. `outcome.path` is left empty.
  struct UnfinishedFiling {
    var outcome: FileOutcome
    var sha256: String
    var inboxPath: String
    var filedPath: String?
  }

  func unfinishedFilings() throws -> [UnfinishedFiling] {
    try connection.rows(
      """
      SELECT file_id, feed, sha256, status, reason, message, rows_read, rows_loaded,
        rows_rejected, inbox_path, filed_path
      FROM files WHERE inbox_path IS NOT NULL ORDER BY file_id
      """
    ).map { row in
      var outcome = FileOutcome(
        path: "", feed: try row.optionalText("feed"),
        status: try row.value("status", as: FileOutcome.Status.self),
        reason: try row.optionalText("reason").flatMap(ReasonCode.init(rawValue:)),
        message: try row.optionalText("message"), fileID: try row.int64("file_id"))
      outcome.rowsRead = try row.int("rows_read")
      outcome.rowsLoaded = try row.int("rows_loaded")
      outcome.rowsRejected = try row.int("rows_rejected")
      return UnfinishedFiling(
        outcome: outcome, sha256: try row.text("sha256"), inboxPath: try row.text("inbox_path"),
        filedPath: try row.optionalText("filed_path"))
    }
  }

  /// Records where a delivery is about to be filed (relative to the workspace), before it moves.
  func recordFilingTarget(_ filedPath: String, fileID: Int64) throws {
    try connection.execute(
      "UPDATE files SET filed_path = ? WHERE file_id = ?", [.text(filedPath), .integer(fileID)])
  }

  /// The delivery left the inbox without being filed (replaced or removed by hand after its
  /// commit, before its move): it is recorded as neither in the inbox nor filed.
  func abandonFiling(fileID: Int64) throws {
    try connection.execute(
      "UPDATE files SET inbox_path = NULL, filed_path = NULL WHERE file_id = ?",
      [.integer(fileID)])
  }

  /// The delivery is filed: it is no longer in the inbox.
  func finishFiling(fileID: Int64) throws {
    try connection.execute(
      "UPDATE files SET inbox_path = NULL WHERE file_id = ?", [.integer(fileID)])
  }
}

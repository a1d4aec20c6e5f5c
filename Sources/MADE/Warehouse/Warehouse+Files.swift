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
    var compression: String
    var encoding: String?
    var status: String
    var reason: String?
    var message: String?
    var duplicateOf: Int64?
  }

  /// Records a file that did not load (duplicate or quarantined): one row, nothing else.
  @discardableResult
  func recordFile(_ row: FileRow) throws -> Int64 {
    try connection.execute(
      """
      INSERT INTO files (run_id, feed, original_name, sha256, bytes, compression, encoding,
        status, reason, message, duplicate_of, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(row.runID), SQLValue(row.feed), .text(row.originalName), .text(row.sha256),
        .integer(Int64(row.bytes)), .text(row.compression), SQLValue(row.encoding),
        .text(row.status), SQLValue(row.reason), SQLValue(row.message),
        row.duplicateOf.map { .integer($0) } ?? .null, .text(Clock.nowISO()),
      ])
    let fileID = connection.lastInsertRowID
    if row.status != "loaded" {
      try audit(
        action: "ingest",
        detail: "file \(fileID) \(row.originalName): \(row.status)"
          + (row.reason.map { " (\($0))" } ?? ""), rows: 0)
    }
    return fileID
  }

  /// Sets the SHA-256 of a file being loaded, known only once it has been read through.
  func setDigest(_ sha256: String, fileID: Int64) throws {
    try connection.execute(
      "UPDATE files SET sha256 = ? WHERE file_id = ?", [.text(sha256), .integer(fileID)])
  }

  /// The rejects of a file as compact lines ("line 3, Victim Age: type-error"), in order.
  public func rejectLines(fileID: Int64) throws -> [String] {
    try connection.rows(
      "SELECT line, field, reason FROM rejects WHERE file_id = ? ORDER BY line, reject_id",
      [.integer(fileID)]
    ).map { row in
      let field = row[1].string.map { ", \($0)" } ?? ""
      return "line \(row[0]): \(row[2])".replacingOccurrences(
        of: "line \(row[0]):", with: "line \(row[0])\(field):")
    }
  }

  /// Rejected rows of the given files, by reason code.
  func rejectCounts(fileIDs: [Int64]) throws -> [String: Int] {
    guard !fileIDs.isEmpty else { return [:] }
    var counts: [String: Int] = [:]
    for row in try connection.rows(
      """
      SELECT reason, count(*) FROM rejects
      WHERE file_id IN (\(fileIDs.map { _ in "?" }.joined(separator: ", "))) GROUP BY reason
      """, fileIDs.map { .integer($0) })
    {
      if let reason = row[0].string { counts[reason] = row[1].int ?? 0 }
    }
    return counts
  }

  /// The SHA-256 (hex) of a delivered file.
  func sha256(fileID: Int64) throws -> String? {
    try connection.scalar("SELECT sha256 FROM files WHERE file_id = ?", [.integer(fileID)])?.string
  }
}

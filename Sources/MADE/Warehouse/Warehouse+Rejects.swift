/// The `rejects` and `row_warnings` tables: the rows of a delivery that were not loaded, or
/// were loaded with a warning, for `made rejects`, `made status` and the run report.
extension Warehouse {
  /// Rejected rows of the given files, by reason code.
  ///
  /// Counted file by file along the `(file_id, reason)` index: a `GROUP BY reason` over many
  /// files sorted every reject in memory (311 MB for 4.4M rejects, `scripts/faults-large`).
  func rejectCounts(fileIDs: [Int64]) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for fileID in fileIDs {
      for row in try connection.rows(
        "SELECT reason, count(*) AS rows FROM rejects WHERE file_id = ? GROUP BY reason",
        [.integer(fileID)])
      {
        counts[try row.text("reason"), default: 0] += try row.int("rows")
      }
    }
    return counts
  }

  /// Rejected rows of every file ever, by feed and reason code, in that order; in index order,
  /// so memory does not grow with the number of rejects.
  func rejectCountsByFeed() throws -> [(feed: String, reason: String, rows: Int)] {
    var feedOfFile: [Int64: String] = [:]
    for row in try connection.rows("SELECT file_id, feed FROM files WHERE rows_rejected > 0") {
      feedOfFile[try row.int64("file_id")] = try row.optionalText("feed") ?? ""
    }
    var counts: [String: [String: Int]] = [:]
    for row in try connection.rows(
      "SELECT file_id, reason, count(*) AS rows FROM rejects GROUP BY file_id, reason")
    {
      let feed = feedOfFile[try row.int64("file_id")] ?? ""
      counts[feed, default: [:]][try row.text("reason"), default: 0] += try row.int("rows")
    }
    return counts.sorted { $0.key < $1.key }.flatMap { feed, reasons in
      reasons.sorted { $0.key < $1.key }.map { (feed, $0.key, $0.value) }
    }
  }

  /// The files with rejected rows or rows loaded with a warning, latest first.
  func filesWithRejects() throws -> [RejectReport.FileSummary] {
    try connection.fetchAll(
      RejectReport.FileSummary.self,
      """
      SELECT file_id, original_name, coalesce(feed, '') AS feed, received_at, rows_read,
        rows_rejected, rows_repeated_key
      FROM files WHERE rows_rejected > 0 OR rows_repeated_key > 0 ORDER BY file_id DESC
      """)
  }

  /// True when the warehouse recorded a file with this id.
  func hasFile(fileID: Int64) throws -> Bool {
    try connection.scalar("SELECT 1 FROM files WHERE file_id = ?", [.integer(fileID)]) != nil
  }

  /// The rejected rows of one file and its rows loaded with a warning, by line.
  func rejectedRows(fileID: Int64) throws -> [RejectReport.Row] {
    try connection.fetchAll(
      RejectReport.Row.self,
      """
      SELECT line, coalesce(field, '') AS field, reason, message, 0 AS is_warning,
        reject_id AS id
      FROM rejects WHERE file_id = ?1
      UNION ALL
      SELECT line, coalesce(field, ''), reason, message, 1, warning_id
      FROM row_warnings WHERE file_id = ?1
      ORDER BY line, is_warning, id
      """, [.integer(fileID)])
  }
}

extension RejectReport.FileSummary: RowDecodable {
  init(row: SQLRow) throws {
    self.init(
      fileID: try row.int64("file_id"), name: try row.text("original_name"),
      feed: try row.text("feed"), receivedAt: try row.text("received_at"),
      rowsRead: try row.int("rows_read"), rowsRejected: try row.int("rows_rejected"),
      rowsRepeatedKey: try row.int("rows_repeated_key"))
  }
}

extension RejectReport.Row: RowDecodable {
  init(row: SQLRow) throws {
    let isWarning = try row.bool("is_warning")
    self.init(
      line: try row.int("line"), column: try row.text("field"), reason: try row.text("reason"),
      message: (isWarning ? RejectReport.warningPrefix : "") + (try row.text("message")),
      isWarning: isWarning)
  }
}

/// Reads for `made status`: per-feed totals, the latest files of a kind, the last runs.
extension Warehouse {
  /// One line per feed with loaded files: files, last delivery, records, rejects.
  func feedLines() throws -> [StatusReport.FeedLine] {
    try connection.rows(
      """
      SELECT f.feed, count(*) AS files_loaded, max(f.received_at) AS last_delivery,
        sum(f.rows_rejected) AS rejects, t.table_name, sum(f.rows_repeated_key) AS repeated_key
      FROM files f LEFT JOIN feed_tables t ON t.feed = f.feed
      WHERE f.status = 'loaded' GROUP BY f.feed ORDER BY f.feed
      """
    ).map { row in
      let records = try row.optionalText("table_name").map {
        try connection.integer("SELECT count(*) FROM \($0)")
      }
      return StatusReport.FeedLine(
        feed: try row.optionalText("feed") ?? "?", filesLoaded: try row.int("files_loaded"),
        lastDelivery: try row.optionalText("last_delivery"), records: records ?? 0,
        rejects: try row.int("rejects"), rowsRepeatedKey: try row.int("repeated_key"))
    }
  }

  /// A column of `files` that `made status` shows beside a file's name.
  enum FileDetail: String {
    case reason
    case ignoredColumns = "ignored_columns"
    case message
  }

  /// The ten latest files of a status with their detail, newest first. Loaded files are
  /// listed only when they have the detail (most have none).
  func latestFiles(_ status: FileStatus, with detail: FileDetail) throws -> [(
    name: String, detail: String, receivedAt: String
  )] {
    let onlyWithDetail = status == .loaded ? "AND \(detail.rawValue) IS NOT NULL" : ""
    return try connection.rows(
      """
      SELECT original_name, \(detail.rawValue) AS detail, received_at FROM files
      WHERE status = ? \(onlyWithDetail) ORDER BY file_id DESC LIMIT 10
      """, [.text(status.rawValue)]
    ).map {
      (
        try $0.text("original_name"), try $0.optionalText("detail") ?? "",
        try $0.text("received_at")
      )
    }
  }

  /// The five latest runs, newest first.
  func lastRuns() throws -> [(command: String, status: String, at: String)] {
    try connection.rows(
      "SELECT command, status, started_at FROM runs ORDER BY run_id DESC LIMIT 5"
    ).map {
      (
        try $0.text("command"), try $0.value("status", as: RunStatus.self).rawValue,
        try $0.text("started_at")
      )
    }
  }

  /// When the feed last delivered a file (loaded or a duplicate of one), if ever.
  func lastDelivery(feed: String) throws -> String? {
    try connection.scalar(
      "SELECT max(received_at) FROM files WHERE feed = ? AND status IN ('loaded', 'duplicate')",
      [.text(feed)])?.string
  }
}

/// Deletes records past their feed's retention window (`made purge`).
extension Warehouse {
  /// What one feed's purge deleted.
  public struct PurgeResult: Sendable, Equatable {
    public var feed: String
    public var table: String
    /// Records of months before this one (yyyy-mm) were deleted.
    public var beforeMonth: String
    public var records: Int
    public var history: Int
  }

  /// Deletes, in one transaction, every record and superseded version of months before each
  /// feed's cutoff, records each in `purges` and `audit_log`, and makes the next aggregation
  /// count those tables again.
  func purge(cutoffs: [(feed: String, beforeMonth: String)], runID: Int64, dryRun: Bool) throws
    -> [PurgeResult]
  {
    try connection.transaction {
      var results: [PurgeResult] = []
      for (feed, beforeMonth) in cutoffs {
        guard
          let table = try connection.scalar(
            "SELECT table_name FROM feed_tables WHERE feed = ?", [.text(feed)])?.string
        else { continue }
        let count = { (name: String) in
          try self.connection.integer(
            "SELECT count(*) FROM \(name) WHERE period_month < ?", [.text(beforeMonth)])
        }
        let result = PurgeResult(
          feed: feed, table: table, beforeMonth: beforeMonth, records: try count(table),
          history: try count("\(table)_history"))
        guard result.records + result.history > 0 else { continue }
        results.append(result)
        guard !dryRun else { continue }
        try connection.execute(
          "DELETE FROM \(table) WHERE period_month < ?", [.text(beforeMonth)])
        try connection.execute(
          "DELETE FROM \(table)_history WHERE period_month < ?", [.text(beforeMonth)])
        try connection.execute(
          """
          INSERT INTO purges (run_id, at, feed, table_name, before_month, records_deleted,
            history_deleted) VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .integer(runID), .text(Clock.nowISO()), .text(feed), .text(table), .text(beforeMonth),
            .integer(Int64(result.records)), .integer(Int64(result.history)),
          ])
        try audit(
          action: "purge",
          detail: "\(table): records of months before \(beforeMonth) (retention); "
            + "\(result.history) superseded versions too",
          rows: result.records)
        // The next aggregation counts this table afresh.
        try connection.execute(
          "DELETE FROM aggregation_state WHERE name IN (?, ?)",
          [.text("file:\(table)"), .text("months:\(table)")])
      }
      return results
    }
  }

  /// Records and superseded versions purged from a table so far.
  func purged(table: String) throws -> (records: Int, history: Int) {
    let rows = try connection.rows(
      """
      SELECT coalesce(sum(records_deleted), 0) AS records, coalesce(sum(history_deleted), 0)
        AS history
      FROM purges WHERE table_name = ?
      """, [.text(table)])
    guard let row = rows.first else { return (0, 0) }
    return (try row.int("records"), try row.int("history"))
  }
}

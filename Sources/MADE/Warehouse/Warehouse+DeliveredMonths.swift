/// `file_months`: which months each loaded delivery holds records for. See `DeliveredMonths`
/// for how they decide the months a feed covers.
extension Warehouse {
  /// One file's records in one month.
  struct FileMonth: Sendable, Equatable {
    var fileID: Int64
    var month: String
    var records: Int
  }

  /// Records the months of the records `fileID` just loaded into `table` (inside the file's
  /// transaction, so they commit or roll back with it).
  func recordDeliveredMonths(fileID: Int64, table: String) throws {
    try connection.execute(Self.deliveredMonthsSQL(table: table), [.integer(fileID)])
  }

  /// Counts file ?1's records by month along `<table>_by_file_month`, which gives them in
  /// month order: no sort, so memory does not grow with the file.
  static func deliveredMonthsSQL(table: String) -> String {
    """
    INSERT INTO file_months (file_id, period_month, records)
    SELECT ?1, period_month, count(*) FROM \(table)
    WHERE file_id = ?1 AND period_month IS NOT NULL GROUP BY period_month
    """
  }

  /// The months every loaded delivery of the feed that owns `table` holds records for.
  /// Months a purge has since emptied (before the latest cutoff) no longer count, unless
  /// `includingPurged`: the ledger itself is never deleted.
  func deliveredMonths(table: String, includingPurged: Bool = false) throws -> [FileMonth] {
    let purgedBefore =
      includingPurged
      ? ""
      : try connection.scalar(
        "SELECT max(before_month) FROM purges WHERE table_name = ?", [.text(table)])?.string ?? ""
    return try connection.rows(
      """
      SELECT m.file_id, m.period_month, m.records FROM file_months m
      JOIN files f USING (file_id) JOIN feed_tables t ON t.feed = f.feed
      WHERE t.table_name = ? AND f.status = 'loaded' AND m.period_month >= ?
      """, [.text(table), .text(purgedBefore)]
    ).map { row in
      FileMonth(
        fileID: try row.int64("file_id"), month: try row.text("period_month"),
        records: try row.int("records"))
    }
  }

  /// Fills `file_months` for a warehouse loaded before it existed, from the records as they
  /// stand: each record counts for the file that last delivered it. Run once, by the migration.
  func backfillDeliveredMonths() throws {
    for row in try connection.rows("SELECT table_name FROM feed_tables") {
      let table = try row.text("table_name")
      guard try tableExists(table) else { continue }
      try connection.execute(
        """
        INSERT OR IGNORE INTO file_months (file_id, period_month, records)
        SELECT file_id, period_month, count(*) FROM \(table)
        WHERE period_month IS NOT NULL GROUP BY file_id, period_month
        """)
    }
  }
}

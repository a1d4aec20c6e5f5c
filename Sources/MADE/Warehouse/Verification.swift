/// `made verify`: SQLite's own integrity checks, then lineage and reconciliation checks that
/// prove nothing was lost or double-counted.
public struct Verification {
  public struct Finding: CustomStringConvertible, Sendable {
    public var check: String
    public var passed: Bool
    public var detail: String
    public var description: String { "\(passed ? "ok  " : "FAIL") \(check): \(detail)" }
  }

  let warehouse: Warehouse
  /// The feeds (by default the built-in ones): which record tables are termly, how fields
  /// compare.
  let feeds: FeedCatalog?

  init(warehouse: Warehouse, feeds: FeedCatalog? = nil) {
    self.warehouse = warehouse
    self.feeds = feeds
  }

  public func run() throws -> [Finding] {
    var findings: [Finding] = []
    let integrity = try warehouse.connection.rows("PRAGMA integrity_check").map {
      try $0.text("integrity_check")
    }
    findings.append(
      Finding(
        check: "integrity", passed: integrity == ["ok"],
        detail: integrity.prefix(3).joined(separator: "; ")))
    let foreignKeys = try warehouse.connection.rows("PRAGMA foreign_key_check")
    findings.append(
      Finding(
        check: "foreign keys", passed: foreignKeys.isEmpty,
        detail: foreignKeys.isEmpty ? "no broken references" : "\(foreignKeys.count) broken"))
    let badCounts =
      try warehouse.scalar(
        "SELECT count(*) FROM files WHERE rows_read <> rows_loaded + rows_rejected")?.int ?? 0
    findings.append(
      Finding(
        check: "rows read = loaded + rejected", passed: badCounts == 0,
        detail: badCounts == 0 ? "every file balances" : "\(badCounts) files do not balance"))
    let rejectMismatch =
      try warehouse.scalar(
        """
        SELECT count(*) FROM files f
        WHERE f.rows_rejected <> (SELECT count(*) FROM rejects r WHERE r.file_id = f.file_id)
        """)?.int ?? 0
    findings.append(
      Finding(
        check: "rejects recorded", passed: rejectMismatch == 0,
        detail: rejectMismatch == 0
          ? "every rejected row is in rejects" : "\(rejectMismatch) files disagree with rejects"))
    let repeatMismatch =
      try warehouse.scalar(
        """
        SELECT count(*) FROM files f
        WHERE f.rows_repeated_key <> (
          SELECT count(*) FROM row_warnings w WHERE w.file_id = f.file_id AND w.reason = ?)
          OR (f.status <> 'loaded' AND f.rows_repeated_key <> 0)
        """, [.text(RepeatedKeys.warningCode)])?.int ?? 0
    findings.append(
      Finding(
        check: "repeated keys recorded", passed: repeatMismatch == 0,
        detail: repeatMismatch == 0
          ? "every row kept with a repeated key is in row_warnings"
          : "\(repeatMismatch) files disagree with row_warnings"))
    let strays =
      try warehouse.scalar(
        "SELECT count(*) FROM rejects r JOIN files f USING (file_id) WHERE f.status <> 'loaded'"
      )?.int ?? 0
    findings.append(
      Finding(
        check: "nothing from unloaded files", passed: strays == 0,
        detail: strays == 0 ? "no rows from duplicate or quarantined files" : "\(strays) rows"))
    findings.append(try tablesClaimedOnce())
    for (feed, table) in try warehouse.feedTables()
    where SchemaNames.isIdentifier(table) {  // else the claims finding fails; never SQL
      let records = try warehouse.scalar("SELECT count(*) FROM \(table)")?.int ?? 0
      let purged = try warehouse.purged(table: table)
      let inserted =
        try warehouse.scalar(
          """
          SELECT coalesce(sum(rows_inserted - rows_replaced), 0) FROM files
          WHERE feed = ? AND status = 'loaded'
          """, [.text(feed)])?.int ?? 0
      findings.append(
        Finding(
          check: "\(table) reconciles", passed: records == inserted - purged.records,
          detail: "\(records) records, \(inserted) inserted less replaced by loaded files, "
            + "\(purged.records) purged"))
      let history = try warehouse.scalar("SELECT count(*) FROM \(table)_history")?.int ?? 0
      let updated =
        try warehouse.scalar(
          """
          SELECT coalesce(sum(rows_updated + rows_replaced), 0) FROM files
          WHERE feed = ? AND status = 'loaded'
          """, [.text(feed)])?.int ?? 0
      findings.append(
        Finding(
          check: "\(table)_history reconciles", passed: history == updated - purged.history,
          detail: "\(history) superseded versions, \(updated) updates by loaded files, "
            + "\(purged.history) purged"))
      let orphans =
        try warehouse.scalar(
          """
          SELECT count(*) FROM \(table) t JOIN files f USING (file_id) WHERE f.status <> 'loaded'
          """)?.int ?? 0
      findings.append(
        Finding(
          check: "\(table) lineage", passed: orphans == 0,
          detail: orphans == 0
            ? "every record comes from a loaded file" : "\(orphans) records from unloaded files"))
    }
    findings.append(try periodsDelivered())
    if let feeds { findings.append(try normalisedKeyFinding(feeds: feeds)) }
    return findings
  }
}

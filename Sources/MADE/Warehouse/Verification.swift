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
    findings.append(
      try countFinding(
        "rows read = loaded + rejected",
        counting: "SELECT count(*) FROM files WHERE rows_read <> rows_loaded + rows_rejected",
        none: "every file balances", some: { "\($0) files do not balance" }))
    findings.append(
      try countFinding(
        "rejects recorded",
        counting: """
          SELECT count(*) FROM files f
          WHERE f.rows_rejected <> (SELECT count(*) FROM rejects r WHERE r.file_id = f.file_id)
          """,
        none: "every rejected row is in rejects", some: { "\($0) files disagree with rejects" }))
    findings.append(
      try countFinding(
        "repeated keys recorded",
        counting: """
          SELECT count(*) FROM files f
          WHERE f.rows_repeated_key <> (
            SELECT count(*) FROM row_warnings w WHERE w.file_id = f.file_id AND w.reason = ?)
            OR (f.status <> 'loaded' AND f.rows_repeated_key <> 0)
          """, [.text(RepeatedKeys.warningCode)],
        none: "every row kept with a repeated key is in row_warnings",
        some: { "\($0) files disagree with row_warnings" }))
    findings.append(
      try countFinding(
        "nothing from unloaded files",
        counting:
          "SELECT count(*) FROM rejects r JOIN files f USING (file_id) WHERE f.status <> 'loaded'",
        none: "no rows from duplicate or quarantined files", some: { "\($0) rows" }))
    findings.append(try tablesClaimedOnce())
    for (feed, table) in try warehouse.feedTables()
    where SchemaNames.isIdentifier(table) {  // else the claims finding fails; never SQL
      findings += try reconciliation(feed: feed, table: table)
      findings.append(
        try countFinding(
          "\(table) lineage",
          counting: """
            SELECT count(*) FROM \(table) t JOIN files f USING (file_id) WHERE f.status <> 'loaded'
            """,
          none: "every record comes from a loaded file",
          some: { "\($0) records from unloaded files" }))
    }
    findings.append(try periodsDelivered())
    if let feeds { findings.append(try normalisedKeyFinding(feeds: feeds)) }
    return findings
  }

  /// A check that passes when a query counts nothing: `none` says so, `some` describes the
  /// count otherwise.
  private func countFinding(
    _ check: String, counting sql: String, _ arguments: [SQLValue] = [], none: String,
    some: (Int) -> String
  ) throws -> Finding {
    let count = try warehouse.connection.integer(sql, arguments)
    return Finding(check: check, passed: count == 0, detail: count == 0 ? none : some(count))
  }

  /// "<table> reconciles" and "<table>_history reconciles": what each holds equals what the
  /// feed's loaded files say they added, less what purges deleted.
  private func reconciliation(feed: String, table: String) throws -> [Finding] {
    let loaded = try warehouse.connection.rows(
      """
      SELECT coalesce(sum(rows_inserted - rows_replaced), 0) AS inserted,
        coalesce(sum(rows_updated + rows_replaced), 0) AS updated
      FROM files WHERE feed = ? AND status = 'loaded'
      """, [.text(feed)])
    let purged = try warehouse.purged(table: table)
    let tables = [
      (
        table, "records", try loaded.first?.int("inserted") ?? 0, "inserted less replaced",
        purged.records
      ),
      (
        "\(table)_history", "superseded versions", try loaded.first?.int("updated") ?? 0,
        "updates", purged.history
      ),
    ]
    return try tables.map { name, held, added, how, purgedCount in
      let count = try warehouse.connection.integer("SELECT count(*) FROM \(name)")
      return Finding(
        check: "\(name) reconciles", passed: count == added - purgedCount,
        detail: "\(count) \(held), \(added) \(how) by loaded files, \(purgedCount) purged")
    }
  }
}

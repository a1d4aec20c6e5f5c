import Foundation

/// `made verify`: SQLite's own integrity checks, then lineage and reconciliation checks that
/// prove nothing was lost or double-counted.
public struct Verification {
  public struct Finding: CustomStringConvertible, Sendable {
    public var check: String
    public var passed: Bool
    public var detail: String
    public var description: String { "\(passed ? "ok  " : "FAIL") \(check): \(detail)" }

    /// A check that passes when it found no problem: `none` says what passing means; else the
    /// problems, joined, then `consequence` (what they would cause), if any.
    init(check: String, problems: [String], none: String, consequence: String? = nil) {
      self.init(
        check: check, passed: problems.isEmpty,
        detail: problems.isEmpty
          ? none : problems.joined(separator: "; ") + (consequence.map { " (\($0))" } ?? ""))
    }

    init(check: String, passed: Bool, detail: String) {
      self.check = check
      self.passed = passed
      self.detail = detail
    }
  }

  let warehouse: Warehouse
  /// The feeds (by default the built-in ones): which record tables are termly, how fields
  /// compare.
  let feeds: FeedCatalog?
  /// The workspace's `packs/`, to check against `pack_files` (nil: not checked).
  let packs: URL?

  init(warehouse: Warehouse, feeds: FeedCatalog? = nil, packs: URL? = nil) {
    self.warehouse = warehouse
    self.feeds = feeds
    self.packs = packs
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
    for (check, sql, arguments, none, some) in Self.fileChecks {
      findings.append(try countFinding(check, counting: sql, arguments, none: none, some: some))
    }
    findings.append(try tablesClaimedOnce())
    for (feed, table) in try warehouse.feedTables()
    where SchemaNames.isIdentifier(table) {  // else the claims finding fails; never SQL
      findings += try reconciliation(feed: feed, table: table)
      findings.append(
        try countFinding(
          "\(table) lineage",
          counting:
            "SELECT count(*) FROM \(table) t JOIN files f USING (file_id) WHERE f.status <> 'loaded'",
          none: "every record comes from a loaded file", some: "records from unloaded files"))
    }
    findings.append(try periodsDelivered())
    findings.append(try viewsFinding())
    findings.append(try boundariesFinding())
    if let feeds {
      findings.append(try normalisedKeyFinding(feeds: feeds))
      findings.append(try keyLayoutFinding(feeds: feeds))
    }
    if let packs { findings.append(try packFilesFinding(in: packs)) }
    return findings
  }

  /// Checks of the `files` lineage that pass when their query counts nothing: the check, the
  /// query and its arguments, what passing means, and what the count is of otherwise.
  static let fileChecks: [(String, String, [SQLValue], String, String)] = [
    (
      "rows read = loaded + rejected",
      "SELECT count(*) FROM files WHERE rows_read <> rows_loaded + rows_rejected", [],
      "every file balances", "files do not balance"
    ),
    (
      "rejects recorded",
      """
      SELECT count(*) FROM files f
      WHERE f.rows_rejected <> (SELECT count(*) FROM rejects r WHERE r.file_id = f.file_id)
      """, [], "every rejected row is in rejects", "files disagree with rejects"
    ),
    (
      "repeated keys recorded",
      """
      SELECT count(*) FROM files f
      WHERE f.rows_repeated_key <> (
        SELECT count(*) FROM row_warnings w WHERE w.file_id = f.file_id AND w.reason = ?)
        OR (f.status <> 'loaded' AND f.rows_repeated_key <> 0)
      """, [.text(RepeatedKeys.warningCode)],
      "every row kept with a repeated key is in row_warnings", "files disagree with row_warnings"
    ),
    (
      "nothing from unloaded files",
      "SELECT count(*) FROM rejects r JOIN files f USING (file_id) WHERE f.status <> 'loaded'",
      [], "no rows from duplicate or quarantined files", "rows"
    ),
  ]

  /// A check that passes when a query counts nothing: `none` says so, otherwise the detail is
  /// the count and what it is of (`some`).
  private func countFinding(
    _ check: String, counting sql: String, _ arguments: [SQLValue] = [], none: String,
    some: String
  ) throws -> Finding {
    let count = try warehouse.connection.integer(sql, arguments)
    return Finding(check: check, passed: count == 0, detail: count == 0 ? none : "\(count) \(some)")
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

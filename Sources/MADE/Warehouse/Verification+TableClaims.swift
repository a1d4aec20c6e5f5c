/// `made verify`: each record table belongs to exactly one feed.
extension Verification {
  /// "tables claimed by two feeds": a feed whose files loaded records but which claims no
  /// table in `feed_tables` (another feed took it over), two feeds naming one table (SQLite
  /// names ignore case), or a claimed name that is not a plain table name or is one MADE
  /// keeps. Any of these means the per-table reconciliation cannot be trusted.
  func tablesClaimedOnce() throws -> Finding {
    var problems: [String] = []
    let claims = try warehouse.feedTables()
    var feedsOfTable: [String: [String]] = [:]
    for claim in claims { feedsOfTable[claim.table.lowercased(), default: []].append(claim.feed) }
    for (table, feeds) in feedsOfTable.sorted(by: { $0.key < $1.key }) where feeds.count > 1 {
      problems.append("table \(table) is claimed by \(feeds.joined(separator: " and "))")
    }
    for claim in claims
    where !SchemaNames.isIdentifier(claim.table)
      || SchemaNames.reservation(ofTable: claim.table) != nil
    {
      problems.append(
        "feed \(claim.feed) claims \(SchemaNames.quoted(claim.table)), which may not hold records")
    }
    let unclaimed = try warehouse.connection.rows(
      """
      SELECT DISTINCT feed FROM files
      WHERE status = 'loaded' AND rows_inserted > 0 AND feed IS NOT NULL
        AND feed NOT IN (SELECT feed FROM feed_tables)
      ORDER BY feed
      """
    ).map { try $0.text("feed") }
    for feed in unclaimed {
      problems.append("feed \(feed) loaded records but claims no table (taken over?)")
    }
    return Finding(
      check: "tables claimed by two feeds", problems: problems,
      none: "every record table belongs to one feed")
  }
}

/// Which layout a record table's keys have (`feed_tables.key_layout`, `RecordKeyLayout`), and
/// re-keying a table made with hashed keys when its feed's keys now start with the month.
extension Warehouse {
  /// The SQL of the replace-by-period source `field` of record table alias `alias`, in the
  /// form ingest compares it in (and tags month-first keys with:
  /// `RecordKeyLayout.appendComparedForm`).
  static func comparedSource(_ field: FieldSpec, of feed: FeedSpec, alias: String) -> String {
    switch feed.normalisation(of: field) {
    case .text: return "made_text_key(\(alias).\(field.column))"
    case .exact: return "\(alias).\(field.column)"
    case .code, .identifier, .postcode: return "made_code(\(alias).\(field.column))"
    }
  }

  /// The month-first key SQL of each record of `feed`'s table (alias `t`) whose hashed key is
  /// the expression `hashedKey`: `made_month_first_key(hashedKey, t.period_month, sources…)`.
  static func monthFirstKeySQL(of hashedKey: String, feed: FeedSpec) -> String {
    let sources = (feed.replaceByPeriod ?? []).compactMap { feed.field(named: $0) }
      .map { comparedSource($0, of: feed, alias: "t") }
    let arguments = ([hashedKey, "t.period_month"] + sources).joined(separator: ", ")
    return "made_month_first_key(\(arguments))"
  }

  /// The layout of `feed`'s table's keys as recorded (a warehouse is read only once migrated,
  /// `Workspace.openWarehouseForReading`, so the column is there).
  func keyLayout(of feed: FeedSpec) throws -> RecordKeyLayout {
    let stored = try connection.scalar(
      "SELECT key_layout FROM feed_tables WHERE feed = ?", [.text(feed.name)])?.int
    return stored.flatMap(RecordKeyLayout.init(rawValue:)) ?? .hashed
  }

  /// Makes `feed`'s table keyed as its schema says, before a file loads into it: a table of
  /// hashed keys whose feed now keys by month is re-keyed in one transaction (every record and
  /// history row; the month-first key keeps 12 bytes of the hashed one, so no delivered value
  /// is needed), so that a resend of an old month finds its records and counts nothing twice.
  /// Month-first keys cannot become hashed again (4 bytes of the hash are gone): that schema
  /// change is refused.
  func ensureKeyLayout(for feed: FeedSpec) throws {
    let stored = try keyLayout(of: feed)
    let wanted = feed.recordKeyLayout
    guard stored != wanted else { return }
    guard stored == .hashed else {
      throw WorkspaceNotReady(
        "feed \(feed.name): its records in \(feed.table) are keyed month first, but its schema "
          + "now sets \"periodInKey\": false; keys cannot be made hashed again, so nothing was "
          + "loaded: put \"periodInKey\": true back in its schema")
    }
    let table = feed.table
    let firstKey = Self.monthFirstKeySQL(of: "t.record_key", feed: feed)
    let repeatedKey = Self.monthFirstKeySQL(of: "t.repeat_of_key", feed: feed)
    // A repeat (`RepeatedKeys`) is keyed from its first row's key: re-keyed from that.
    let assignments = """
      record_key = CASE WHEN t.key_occurrence > 1 AND t.repeat_of_key IS NOT NULL
          THEN made_occurrence_key(\(repeatedKey), t.key_occurrence) ELSE \(firstKey) END,
        repeat_of_key = CASE WHEN t.repeat_of_key IS NULL THEN NULL ELSE \(repeatedKey) END
      """
    try connection.execute("BEGIN IMMEDIATE")
    do {
      let records = try connection.integer("SELECT count(*) FROM \(table)")
      // The trigger that keeps history fires only when content changes: not here.
      try connection.execute("UPDATE \(table) AS t SET \(assignments)")
      try connection.execute("UPDATE \(table)_history AS t SET \(assignments)")
      try connection.execute(
        "UPDATE feed_tables SET key_layout = ? WHERE feed = ?",
        [.integer(Int64(wanted.rawValue)), .text(feed.name)])
      try audit(
        action: "rekey",
        detail: "\(feed.name): \(table) keyed month first (record keys start with the month)",
        rows: records)
      try connection.execute("COMMIT")
    } catch {
      try? connection.execute("ROLLBACK")
      throw error
    }
  }
}

/// `feed_tables`: which record table belongs to which feed.
extension Warehouse {
  /// Every feed's record table, by feed.
  func feedTables() throws -> [(feed: String, table: String)] {
    try connection.rows("SELECT feed, table_name FROM feed_tables ORDER BY feed").map {
      (try $0.text("feed"), try $0.text("table_name"))
    }
  }

  /// A table belongs to one feed, and a feed keeps its table (`feed_tables` records both):
  /// a schema naming a table another feed's records are in, a feed whose schema now names
  /// another table, or a table, view, index or trigger no feed owns is refused, never taken
  /// over. The catalogue refuses two schemas naming one table; this catches a workspace
  /// whose schemas changed since its tables were made.
  func claim(table: String, for feed: FeedSpec) throws {
    guard SchemaNames.isIdentifier(table), SchemaNames.reservation(ofTable: table) == nil else {
      throw WorkspaceNotReady(
        "feed \(feed.name): table \(SchemaNames.quoted(table)) may not hold records (a table "
          + "name is \(SchemaNames.identifierRule), and not one MADE keeps)")
    }
    if let owner = try connection.scalar(
      "SELECT feed FROM feed_tables WHERE lower(table_name) = ? AND feed <> ?",
      [.text(table), .text(feed.name)])?.string
    {
      throw WorkspaceNotReady(
        "feed \(feed.name): table '\(table)' already holds the records of feed \(owner) "
          + "(feed_tables); a table belongs to one feed, so nothing was loaded: give "
          + "\(feed.name) a table of its own in its schema")
    }
    if let current = try connection.scalar(
      "SELECT table_name FROM feed_tables WHERE feed = ?", [.text(feed.name)])?.string
    {
      guard current.lowercased() == table else {
        throw WorkspaceNotReady(
          "feed \(feed.name): its records are in table '\(current)' (feed_tables), but its "
            + "schema now names '\(table)'; a feed's table does not change, so nothing was "
            + "loaded: put \"table\": \"\(current)\" back in its schema")
      }
      return
    }
    // A warehouse made before feed_tables existed holds a feed's table without a row for
    // it: the feed's own earlier files say the table is its.
    let hasFiles =
      try connection.scalar(
        "SELECT 1 FROM files WHERE feed = ? AND status = 'loaded' LIMIT 1", [.text(feed.name)])
      != nil
    guard !hasFiles else { return }
    let names = [table] + SchemaNames.derivedSuffixes.map { table + $0 }
    let placeholders = names.map { _ in "?" }.joined(separator: ", ")
    if let clash = try connection.scalar(
      "SELECT name FROM sqlite_master WHERE lower(name) IN (\(placeholders)) ORDER BY name",
      names.map { .text($0) })?.string
    {
      throw WorkspaceNotReady(
        "feed \(feed.name): the warehouse already has '\(clash)', which no feed owns "
          + "(feed_tables); MADE does not take it over, so nothing was loaded: choose another "
          + "table name in the feed's schema")
    }
  }
}

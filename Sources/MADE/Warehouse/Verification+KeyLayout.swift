/// `made verify`: "record keys start with their month".
///
/// In a table keyed month first (`RecordKeyLayout.monthFirst`), a resend finds a record by a
/// key that starts with the record's month and source; a record whose stored key starts with
/// anything else (a table edited by hand, a re-key interrupted by a bug) would not be found,
/// and its month's resend would count it twice.
extension Verification {
  func keyLayoutFinding(feeds: FeedCatalog) throws -> Finding {
    var problems: [String] = []
    var checked = 0
    for (name, table) in try warehouse.feedTables() {
      guard let feed = feeds.feeds[name], try warehouse.keyLayout(of: feed) == .monthFirst else {
        continue
      }
      checked += 1
      let expected = Warehouse.monthFirstKeySQL(of: "zeroblob(16)", feed: feed)
      let wrong = try warehouse.connection.integer(
        """
        SELECT count(*) FROM \(table) t
        WHERE substr(t.record_key, 1, \(RecordKeyLayout.prefixBytes))
          IS NOT substr(\(expected), 1, \(RecordKeyLayout.prefixBytes))
        """)
      if wrong > 0 {
        problems.append("\(table): \(wrong) records whose key does not start with their month")
      }
    }
    return Finding(
      check: "record keys start with their month", problems: problems,
      none: "\(checked) month-first tables, every key starts with its record's month and source",
      consequence: "a resend of their month would not find them, and would count them twice")
  }
}

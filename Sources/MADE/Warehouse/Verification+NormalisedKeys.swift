/// `made verify`: "keys that collide after normalisation".
///
/// Ingest keys and stores every compared value in one normalised form (`TextNormalisation`),
/// so two stored records whose keys differ only in spelling (`rxr01` and `RXR01`, a no-break
/// space for a space) are a double count that an older version of MADE, or a change of a
/// field's `"normalise"`, left behind. Checked cheaply: a collision needs at least one value
/// that is not in its normalised form, so the table is read once to find such values (usually
/// none), and only their keys are then compared with the rest.
extension Verification {
  /// One finding for every feed table: how many normalised keys are held by more than one
  /// record, and how many keyless (month, source) partitions are stored under two spellings
  /// of one code.
  func normalisedKeyFinding(feeds: FeedCatalog) throws -> Finding {
    var problems: [String] = []
    for (name, table) in try warehouse.feedTables() {
      guard let feed = feeds.feeds[name] else { continue }
      let keys = try collidingKeys(feed: feed, table: table)
      if keys > 0 { problems.append("\(table): \(keys) keys held by more than one record") }
      let partitions = try collidingSourcePartitions(feed: feed, table: table)
      if partitions > 0 {
        problems.append(
          "\(table): \(partitions) (month, source) partitions under two spellings of a code")
      }
    }
    return Finding(
      check: "keys that collide after normalisation", problems: problems,
      none: "no two records share a key once codes and text are normalised",
      consequence: "the same record under two spellings counts twice in indicators")
  }

  /// The SQL of a stored column in the form ingest compares it in, or nil when it is compared
  /// as stored.
  private func comparedForm(_ field: FieldSpec, feed: FeedSpec) -> String? {
    switch feed.normalisation(of: field) {
    case .code(.upper): return "made_code(t.\(field.column))"
    case .code(.lower): return "made_lower_code(t.\(field.column))"
    case .text: return "made_text_key(t.\(field.column))"
    case .identifier, .postcode, .exact: return nil
    }
  }

  private func collidingKeys(feed: FeedSpec, table: String) throws -> Int {
    let fields = feed.primaryKey.compactMap { feed.field(named: $0) }.filter(\.isStored)
    guard fields.count == feed.primaryKey.count else { return 0 }
    let forms = fields.map { comparedForm($0, feed: feed) }
    guard forms.contains(where: { $0 != nil }) else { return 0 }
    let columns = zip(fields, forms).map { field, form in form ?? "t.\(field.column)" }
    let notNormalised = zip(fields, forms).compactMap { field, form in
      form.map { "t.\(field.column) IS NOT \($0)" }
    }.joined(separator: " OR ")
    // Repeats a feed keeps on purpose (`RepeatedKeys`: key_occurrence 2, 3…) share their
    // first row's key by design; a table not loaded since they were kept has none.
    let keepsRepeats =
      try warehouse.connection.integer(
        "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'repeat_of_key'", [.text(table)]
      ) == 1
    let notBlank =
      (fields.map { "t.\($0.column) IS NOT NULL" }
      + (keepsRepeats ? ["t.repeat_of_key IS NULL"] : [])).joined(separator: " AND ")
    let keyNames = columns.indices.map { "k\($0)" }
    let selected = zip(columns, keyNames).map { "\($0) AS \($1)" }.joined(separator: ", ")
    let candidates = try warehouse.connection.rows(
      "SELECT DISTINCT \(selected) FROM \(table) t WHERE \(notBlank) AND (\(notNormalised))")
    guard !candidates.isEmpty else { return 0 }
    let matches = zip(columns, keyNames).map { "\($0) IS c.\($1)" }.joined(separator: " AND ")
    return try warehouse.connection.integer(
      """
      WITH c AS MATERIALIZED (
        SELECT DISTINCT \(selected) FROM \(table) t WHERE \(notBlank) AND (\(notNormalised)))
      SELECT count(*) FROM (
        SELECT 1 FROM \(table) t JOIN c ON \(matches) WHERE \(notBlank)
        GROUP BY \(keyNames.map { "c.\($0)" }.joined(separator: ", ")) HAVING count(*) > 1)
      """)
  }

  private func collidingSourcePartitions(feed: FeedSpec, table: String) throws -> Int {
    let sources = (feed.replaceByPeriod ?? []).compactMap { feed.field(named: $0) }
    guard !sources.isEmpty,
      sources.allSatisfy({ feed.normalisation(of: $0).isCode })
    else { return 0 }
    let keyless =
      (feed.primaryKey.compactMap { feed.field(named: $0)?.column }.map { "t.\($0) IS NULL" }
      + ["1"]).joined(separator: " AND ")
    let forms = sources.map { "made_code(t.\($0.column))" }
    let names = forms.indices.map { "s\($0)" }
    let selected = zip(forms, names).map { "\($0) AS \($1)" }.joined(separator: ", ")
    let notNormalised = zip(sources, forms).map { "t.\($0.column) IS NOT \($1)" }
      .joined(separator: " OR ")
    let matches = zip(forms, names).map { "\($0) IS c.\($1)" }.joined(separator: " AND ")
    let spelling = sources.map { "t.\($0.column)" }.joined(separator: " || '|' || ")
    return try warehouse.connection.integer(
      """
      WITH c AS MATERIALIZED (
        SELECT DISTINCT t.period_month, \(selected) FROM \(table) t
        WHERE \(keyless) AND (\(notNormalised)))
      SELECT count(*) FROM (
        SELECT 1 FROM c CROSS JOIN \(table) t ON t.period_month = c.period_month AND \(matches)
        WHERE \(keyless)
        GROUP BY c.period_month, \(names.map { "c.\($0)" }.joined(separator: ", "))
        HAVING count(DISTINCT \(spelling)) > 1)
      """)
  }
}

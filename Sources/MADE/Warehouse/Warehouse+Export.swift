/// Reads for indicator packs.
extension Warehouse {
  /// Whether packs/ was written in full from the values the warehouse holds now, with the
  /// same pack settings (`packsVersion`): aggregation counts up `values_version` whenever it
  /// changes a value (or rewrites areas and metadata), and a complete export records the
  /// version it wrote from as `packs_version`.
  func packsAreCurrent(settings: String) throws -> Bool {
    let state = try aggregationState()
    return state["packs_version"] == (try packsVersion(settings: settings))
  }

  /// The values version now with the pack settings, to record with `recordPacks(version:)`
  /// once every pack is written.
  func packsVersion(settings: String) throws -> String {
    // Maps are drawn from the boundaries, which change no value: their last load counts too.
    let boundaries = try connection.integer(
      "SELECT coalesce(max(load_id), 0) FROM reference_loads WHERE kind = ?",
      [.text(ReferenceKind.boundaries.rawValue)])
    return "\(try aggregationState()["values_version"] ?? "0") boundaries \(boundaries) \(settings)"
  }

  func recordPacks(version: String) throws {
    try connection.execute(
      "INSERT OR REPLACE INTO aggregation_state (name, value) VALUES ('packs_version', ?)",
      [.text(version)])
  }

  /// Every published area, by level then code.
  func publishedAreas() throws -> [(area: Pack.Area, ladCode: String?, cspCode: String?)] {
    try connection.rows(
      """
      SELECT geo_type, geo_code, geo_name, lad_code, csp_code FROM ref_areas
      ORDER BY CASE geo_type WHEN 'ward' THEN 1 WHEN 'lad' THEN 2 WHEN 'csp' THEN 3 ELSE 4 END,
        geo_code
      """
    ).map { row in
      (
        Pack.Area(
          geoType: try row.value("geo_type", as: GeoType.self), geoCode: try row.text("geo_code"),
          geoName: try row.text("geo_name")),
        try row.optionalText("lad_code"), try row.optionalText("csp_code")
      )
    }
  }

  /// The periods of a type with county values, oldest first.
  func publishedPeriods(_ type: PeriodType) throws -> [String] {
    try connection.rows(
      """
      SELECT DISTINCT period FROM indicator_values WHERE period_type = ? AND geo_type = 'county'
      ORDER BY period
      """, [.text(type.rawValue)]
    ).map { try $0.text("period") }
  }

  /// Stored rows of one period type up to and including `period`, of every area, grouped by
  /// area (`geo_type:geo_code`): read once for all the packs of that period.
  func packValues(periodType: PeriodType, through period: String) throws
    -> [String: [Aggregator.Value]]
  {
    Dictionary(
      grouping: try storedValues(
        """
        SELECT \(Self.valueColumns) FROM indicator_values WHERE period_type = ? AND period <= ?
        """, [.text(periodType.rawValue), .text(period)]),
      by: { "\($0.geoType.rawValue):\($0.geoCode)" })
  }

  /// The feeds with records: title from the schema's table, last delivery, and the first and
  /// last months delivered (`DeliveredMonths`: a stray record from another year does not
  /// stretch what a pack says it covers).
  func packSources(feeds: FeedCatalog) throws -> [Pack.Source] {
    var sources: [Pack.Source] = []
    for row in try connection.rows(
      """
      SELECT t.feed, t.table_name, max(substr(f.received_at, 1, 10)) AS last_delivered
      FROM feed_tables t
      JOIN files f ON f.feed = t.feed AND f.status = 'loaded' GROUP BY t.feed ORDER BY t.feed
      """)
    {
      let feed = try row.text("feed")
      let table = try row.text("table_name")
      let spec = try? feeds.feed(named: feed)
      let delivered = DeliveredMonths.covered(by: try deliveredMonths(table: table), feed: spec)
      sources.append(
        Pack.Source(
          feed: feed, title: spec?.title ?? feed, lastDelivered: try row.text("last_delivered"),
          firstMonth: delivered.min() ?? "", lastMonth: delivered.max() ?? ""))
    }
    return sources
  }

  /// When data was last loaded (the latest loaded file or reference load, or aggregation):
  /// a pack's `created`, so that the same warehouse gives the same pack.
  func lastLoaded() throws -> String {
    try connection.scalar(
      """
      SELECT max(at) FROM (
        SELECT max(received_at) AS at FROM files WHERE status = 'loaded'
        UNION ALL SELECT max(loaded_at) FROM reference_loads)
      """)?.string ?? "1980-01-01T00:00:00Z"
  }
}

/// Writes `indicators`, `indicator_cells`, `indicator_values`, `aggregation_state` and the
/// ward profile view at the end of an aggregation.
extension Warehouse {
  /// Writes the run in one transaction: cells, metadata, areas, the values that changed, the
  /// state for the next run, the ward profile view and an audit entry.
  ///
  /// `values` gives each indicator's rows in turn (the counted ones first, the hotspot count
  /// last); they are compared with that indicator's stored rows and only the differences are
  /// written, so memory holds one indicator at a time. An indicator whose rows are
  /// `unchanged` is not read or written here.
  func writeAggregation(
    catalog: IndicatorCatalog, areas: AreaGeography, scans: [CellScan], everything: Bool,
    state: [String: String], values: (IndicatorDefinition) throws -> Aggregator.IndicatorRows
  ) throws -> (written: Int, deleted: Int, total: Int) {
    try connection.transaction {
      if everything { try connection.execute("DELETE FROM indicator_cells") }
      let insertCell = try connection.prepare(
        """
        INSERT INTO indicator_cells (indicator_id, month, lad_code, ward_code, records,
          numerator, denominator) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
      for scan in scans {
        let ids = scan.indicatorIDs.map { SQLValue.text($0) }
        let idList = ids.map { _ in "?" }.joined(separator: ", ")
        if let months = scan.months {
          let monthList = months.map { _ in "?" }.joined(separator: ", ")
          try connection.execute(
            "DELETE FROM indicator_cells WHERE indicator_id IN (\(idList)) AND month IN (\(monthList))",
            ids + months.sorted().map { .text($0) })
        } else {
          try connection.execute(
            "DELETE FROM indicator_cells WHERE indicator_id IN (\(idList))", ids)
        }
        for cell in scan.cells {
          try insertCell.bind([
            .text(cell.indicatorID), .text(cell.month), .text(cell.ladCode), .text(cell.wardCode),
            .integer(Int64(cell.records)), .real(cell.numerator), SQLValue(cell.denominator),
          ])
          try insertCell.run()
        }
      }
      try writeAreas(areas)
      try writeIndicators(catalog)
      var change = (written: 0, deleted: 0, total: 0)
      let ordered =
        catalog.indicators.filter { $0.method != .count }
        + catalog.indicators.filter { $0.method == .count }
      for indicator in ordered {
        switch try values(indicator) {
        case .computed(let rows):
          let written = try writeValues(rows, indicatorID: indicator.id)
          change.written += written.written
          change.deleted += written.deleted
          change.total += rows.count
        case .unchanged(let count):
          change.total += count
        }
      }
      let ids = catalog.indicators.map { SQLValue.text($0.id) }
      let idList = ids.map { _ in "?" }.joined(separator: ", ")
      try connection.execute(
        "DELETE FROM indicator_values WHERE indicator_id NOT IN (\(idList))", ids)
      change.deleted += connection.changes
      try connection.execute("DELETE FROM indicators WHERE indicator_id NOT IN (\(idList))", ids)
      try createWardProfileView(catalog)
      let setState = try connection.prepare(
        "INSERT OR REPLACE INTO aggregation_state (name, value) VALUES (?, ?)")
      for (name, value) in state.sorted(by: { $0.key < $1.key }) {
        try setState.bind([.text(name), .text(value)])
        try setState.run()
      }
      // Packs also show area names and indicator metadata, rewritten on a full rescan (a
      // reference or catalogue change) even when no value changes.
      if change.written + change.deleted > 0 || everything {
        try connection.execute(
          """
          INSERT INTO aggregation_state (name, value) VALUES ('values_version', '1')
          ON CONFLICT (name) DO UPDATE SET value = CAST(value AS INTEGER) + 1
          """)
      }
      CrashPoint.aggregateBeforeCommit.reach()
      try audit(
        action: "aggregate",
        detail: "\(catalog.indicators.count) indicators; \(change.written) values written, "
          + "\(change.deleted) deleted\(everything ? "; full rescan" : "")",
        rows: change.written)
      return change
    }
  }

  private func writeIndicators(_ catalog: IndicatorCatalog) throws {
    let statement = try connection.prepare(
      """
      INSERT INTO indicators (indicator_id, title, definition, source_feeds, numerator,
        denominator, method, multiplier, polarity, suppression, partner_type, geographies,
        periods, sort_order)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (indicator_id) DO UPDATE SET title = excluded.title,
        definition = excluded.definition, source_feeds = excluded.source_feeds,
        numerator = excluded.numerator, denominator = excluded.denominator,
        method = excluded.method, multiplier = excluded.multiplier,
        polarity = excluded.polarity, suppression = excluded.suppression,
        partner_type = excluded.partner_type, geographies = excluded.geographies,
        periods = excluded.periods, sort_order = excluded.sort_order
      """)
    for (order, indicator) in catalog.indicators.enumerated() {
      try statement.bind([
        .text(indicator.id), .text(indicator.title), .text(indicator.definition),
        .text(indicator.sourceFeeds.joined(separator: ",")),
        .text(
          indicator.numerator?.description ?? "Partner types significantly worse than the county"),
        .text(indicator.denominator?.description ?? "none"), .text(indicator.method.rawValue),
        SQLValue(indicator.multiplier), .text(indicator.polarity.rawValue),
        .text(indicator.suppression.rawValue), .text(indicator.partnerType),
        .text(indicator.geographies.map(\.rawValue).joined(separator: ",")),
        .text(indicator.periods.map(\.rawValue).joined(separator: ",")),
        .integer(Int64(order + 1)),
      ])
      try statement.run()
    }
  }

  static let valueColumns = """
    indicator_id, geo_type, geo_code, period_type, period, records, numerator, denominator,
    value, lower_95, upper_95, lower_998, upper_998, method, benchmark_value, comparison,
    comparison_two_level, population_year, previous_value, change, trend, suppressed,
    comparison_withheld, trend_withheld
    """

  /// Upserts the rows that differ from the stored ones and deletes the ones not produced.
  private func writeValues(_ values: [Aggregator.Value], indicatorID: String) throws -> (
    written: Int, deleted: Int
  ) {
    let storedRows = try storedValues(indicatorID: indicatorID)
    var stored: [Aggregator.Value.Key: Aggregator.Value] = [:]
    stored.reserveCapacity(storedRows.count)
    for value in storedRows { stored[value.key] = value }
    let upsert = try connection.prepare(
      """
      INSERT OR REPLACE INTO indicator_values (\(Self.valueColumns))
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    var written = 0
    for value in values {
      let old = stored.removeValue(forKey: value.key)
      guard old != value else { continue }
      try upsert.bind(value.columns)
      try upsert.run()
      written += 1
    }
    let delete = try connection.prepare(
      """
      DELETE FROM indicator_values WHERE indicator_id = ? AND geo_type = ? AND geo_code = ?
        AND period_type = ? AND period = ?
      """)
    for key in stored.keys {
      try delete.bind([
        .text(key.indicatorID), .text(key.geoType), .text(key.geoCode), .text(key.periodType),
        .text(key.period),
      ])
      try delete.run()
    }
    return (written, stored.count)
  }

  /// `v_ward_profile`: one row per ward and quarter or financial year (the periods packs
  /// publish, migration 14), four columns per indicator of the catalogue (so it is rebuilt
  /// with the catalogue, not by a migration): the value and its 95% limits, blank when
  /// withheld, and whether it is withheld (`Disclosure`).
  /// The period types packs publish and the views show (migration 14 writes the same list
  /// into its views), as an SQL list.
  static let publishedPeriodTypes = "('quarter', 'financial_year')"

  /// v_ward_profile's columns that are not an indicator's: what each is, and its name.
  static let wardProfileFixedColumns: [(expression: String, name: String)] = [
    ("v.geo_code", "ward_code"), ("a.geo_name", "ward_name"), ("a.lad_code", "lad_code"),
    ("a.csp_code", "csp_code"), ("v.period_type", "period_type"), ("v.period", "period"),
  ]

  func createWardProfileView(_ catalog: IndicatorCatalog) throws {
    let columns = catalog.indicators.filter { $0.geographies.contains(.ward) }.flatMap {
      indicator -> [String] in
      let mine = "v.indicator_id = '\(indicator.id)'"
      let shown = { (column: String, name: String) in
        "max(CASE WHEN \(mine) AND v.suppressed = 0 THEN v.\(column) END) AS \(name)"
      }
      return [
        shown("value", indicator.id), shown("lower_95", "\(indicator.id)_lower_95"),
        shown("upper_95", "\(indicator.id)_upper_95"),
        "max(CASE WHEN \(mine) THEN v.suppressed END) AS \(indicator.id)_suppressed",
      ]
    }
    try connection.execute(
      """
      DROP VIEW IF EXISTS v_ward_profile;
      CREATE VIEW v_ward_profile AS
      SELECT \(Self.wardProfileFixedColumns.map { "\($0.expression) AS \($0.name)" }
        .joined(separator: ", ")), \(columns.joined(separator: ",\n  "))
      FROM indicator_values v
      LEFT JOIN ref_areas a ON a.geo_type = 'ward' AND a.geo_code = v.geo_code
      WHERE v.geo_type = 'ward' AND v.period_type IN \(Self.publishedPeriodTypes)
      GROUP BY v.geo_code, v.period_type, v.period;
      """)
  }
}

extension Aggregator.Value {
  var columns: [SQLValue] {
    [
      .text(indicatorID), .text(geoType.rawValue), .text(geoCode), .text(periodType.rawValue),
      .text(period), SQLValue(records), SQLValue(numerator), SQLValue(denominator),
      SQLValue(value), SQLValue(ci95?.lower), SQLValue(ci95?.upper), SQLValue(ci998?.lower),
      SQLValue(ci998?.upper), SQLValue(method), SQLValue(benchmark), .text(comparison),
      .text(comparisonTwoLevel), SQLValue(populationYear), SQLValue(previousValue),
      SQLValue(change), .text(trend), .integer(suppressed ? 1 : 0),
      .integer(comparisonWithheld ? 1 : 0), .integer(trendWithheld ? 1 : 0),
    ]
  }
}

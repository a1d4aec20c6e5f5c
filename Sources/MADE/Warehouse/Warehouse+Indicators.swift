/// Reads for aggregation and writes `indicators` / `indicator_values`.
extension Warehouse {
  struct RecordCount {
    var period: String
    var wardCode: String?
    var ladCode: String?
    var status: String
    var count: Int
  }

  struct AreaWard {
    var wardCode: String
    var ladCode: String
  }

  func tableExists(_ table: String) throws -> Bool {
    try connection.scalar(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]) != nil
  }

  /// Records by month, ward, district and placement, for one indicator's filter.
  func recordCounts(table: String, filter: String?) throws -> [RecordCount] {
    let condition = filter.map { "WHERE \($0)" } ?? ""
    return try connection.rows(
      """
      SELECT period_month, ward_code, lad_code, geo_status, count(*) FROM \(table) \(condition)
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      """
    ).map {
      RecordCount(
        period: $0[0].string ?? "", wardCode: $0[1].string, ladCode: $0[2].string,
        status: $0[3].string ?? "", count: $0[4].int ?? 0)
    }
  }

  /// The wards of the VRN area (districts marked in_area), sorted by code.
  func areaWards() throws -> [AreaWard] {
    try connection.rows(
      """
      SELECT w.ward_code, w.lad_code FROM ref_wards w JOIN ref_lads l USING (lad_code)
      WHERE l.in_area = 1 ORDER BY w.lad_code, w.ward_code
      """
    ).map { AreaWard(wardCode: $0[0].string ?? "", ladCode: $0[1].string ?? "") }
  }

  /// Wards with any population estimate.
  func wardsWithPopulation() throws -> Set<String> {
    Set(
      try connection.rows("SELECT DISTINCT ward_code FROM ref_population").compactMap(
        \.first?.string))
  }

  /// Residents of each ward aged `ageFrom`…`ageTo`, from the latest estimate no later than
  /// `year` (or the earliest there is, when all are later).
  func wardPopulation(year: Int, ageFrom: Int, ageTo: Int) throws -> [String: Double] {
    let years = try connection.rows("SELECT DISTINCT year FROM ref_population ORDER BY year")
      .compactMap { $0[0].int }
    guard let chosen = years.last(where: { $0 <= year }) ?? years.first else { return [:] }
    var result: [String: Double] = [:]
    for row in try connection.rows(
      """
      SELECT ward_code, sum(population) FROM ref_population
      WHERE year = ? AND age BETWEEN ? AND ? GROUP BY ward_code
      """, [.integer(Int64(chosen)), .integer(Int64(ageFrom)), .integer(Int64(ageTo))])
    {
      if let ward = row[0].string, let people = row[1].double { result[ward] = people }
    }
    return result
  }

  /// Replaces all indicator metadata and values in one transaction; compares every ward and
  /// district with the county value of the same period.
  func replaceIndicatorValues(_ all: [(IndicatorDefinition, [Aggregator.Value])]) throws -> Int {
    try connection.transaction {
      try connection.execute("DELETE FROM indicator_values; DELETE FROM indicators;")
      let insertIndicator = try connection.prepare(
        """
        INSERT INTO indicators (indicator_id, title, definition, source_feeds, numerator,
          denominator, method, multiplier, polarity, suppression)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      let insertValue = try connection.prepare(
        """
        INSERT INTO indicator_values (indicator_id, geo_type, geo_code, period_type, period,
          numerator, denominator, value, lower_95, upper_95, lower_998, upper_998, method,
          benchmark_value, comparison, suppressed)
        VALUES (?, ?, ?, 'month', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        """)
      var written = 0
      for (indicator, values) in all {
        try insertIndicator.bind([
          .text(indicator.id), .text(indicator.title), .text(indicator.definition),
          .text(indicator.sourceFeeds.joined(separator: ",")), .text(indicator.numerator),
          .text(indicator.denominator), .text(indicator.method), .real(indicator.multiplier),
          .text(indicator.polarity.rawValue), .text(indicator.suppression),
        ])
        try insertIndicator.run()
        var benchmark: [String: Double] = [:]
        for value in values where value.geoType == "county" {
          if let estimate = value.estimate { benchmark[value.period] = estimate.value }
        }
        for value in values {
          let estimate = value.estimate
          let comparison: Statistics.Comparison
          let benchmarkValue: Double?
          if value.geoType == "county" {
            comparison = .notCompared
            benchmarkValue = nil
          } else {
            benchmarkValue = benchmark[value.period]
            comparison = Statistics.compare(
              value: estimate?.value, interval: estimate?.ci95, benchmark: benchmarkValue,
              polarity: indicator.polarity)
          }
          try insertValue.bind([
            .text(indicator.id), .text(value.geoType), .text(value.geoCode), .text(value.period),
            .integer(Int64(value.numerator)), SQLValue(value.denominator),
            SQLValue(estimate?.value), SQLValue(estimate?.ci95.lower),
            SQLValue(estimate?.ci95.upper), SQLValue(estimate?.ci998.lower),
            SQLValue(estimate?.ci998.upper), SQLValue(estimate?.method),
            SQLValue(benchmarkValue), .text(comparison.rawValue),
          ])
          try insertValue.run()
          written += 1
        }
      }
      try connection.execute(
        "INSERT INTO audit_log (at, os_user, action, detail, rows) VALUES (?, ?, ?, ?, ?)",
        [
          .text(Clock.nowISO()), .text(Clock.osUser), .text("aggregate"),
          .text("\(all.count) indicators"), .integer(Int64(written)),
        ])
      return written
    }
  }
}

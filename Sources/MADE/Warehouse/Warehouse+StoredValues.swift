/// Stored indicator cells and values, read by column name with the names resolved once per
/// query: an aggregation reads every cell and value it may replace.
extension Warehouse {
  /// The values a query over `indicator_values` returns (it selects `valueColumns`).
  func storedValues(_ sql: String, _ arguments: [SQLValue]) throws -> [Aggregator.Value] {
    let rows = try connection.rows(sql, arguments)
    guard let first = rows.first else { return [] }
    let columns = try Aggregator.Value.Columns(first.columns)
    return try rows.map { try Aggregator.Value(row: $0, columns: columns) }
  }
}

extension Aggregator.Cell {
  /// The columns of `indicator_cells`, resolved once per query.
  struct Columns {
    let indicatorID, month, ladCode, wardCode, records, numerator, denominator: SQLRow.Column

    init(_ result: ResultColumns) throws {
      indicatorID = try result.column("indicator_id")
      month = try result.column("month")
      ladCode = try result.column("lad_code")
      wardCode = try result.column("ward_code")
      records = try result.column("records")
      numerator = try result.column("numerator")
      denominator = try result.column("denominator")
    }
  }

  init(row: SQLRow, columns: Columns) throws {
    self.init(
      indicatorID: try row.text(columns.indicatorID), month: try row.text(columns.month),
      ladCode: try row.text(columns.ladCode), wardCode: try row.text(columns.wardCode),
      records: try row.int(columns.records), numerator: try row.double(columns.numerator),
      denominator: try row.optionalDouble(columns.denominator))
  }
}

extension Aggregator.Value {
  /// The columns of `indicator_values` (`Warehouse.valueColumns`), resolved once per query.
  struct Columns {
    let indicatorID, geoType, geoCode, periodType, period, records: SQLRow.Column
    let numerator, denominator, value, lower95, upper95, lower998, upper998: SQLRow.Column
    let method, benchmark, comparison, comparisonTwoLevel, populationYear: SQLRow.Column
    let previousValue, change, trend, suppressed: SQLRow.Column

    init(_ result: ResultColumns) throws {
      indicatorID = try result.column("indicator_id")
      geoType = try result.column("geo_type")
      geoCode = try result.column("geo_code")
      periodType = try result.column("period_type")
      period = try result.column("period")
      records = try result.column("records")
      numerator = try result.column("numerator")
      denominator = try result.column("denominator")
      value = try result.column("value")
      lower95 = try result.column("lower_95")
      upper95 = try result.column("upper_95")
      lower998 = try result.column("lower_998")
      upper998 = try result.column("upper_998")
      method = try result.column("method")
      benchmark = try result.column("benchmark_value")
      comparison = try result.column("comparison")
      comparisonTwoLevel = try result.column("comparison_two_level")
      populationYear = try result.column("population_year")
      previousValue = try result.column("previous_value")
      change = try result.column("change")
      trend = try result.column("trend")
      suppressed = try result.column("suppressed")
    }
  }

  /// A stored row of `indicator_values`.
  init(row: SQLRow, columns: Columns) throws {
    func interval(_ lower: SQLRow.Column, _ upper: SQLRow.Column) throws -> Statistics.Interval? {
      guard let lower = try row.optionalDouble(lower), let upper = try row.optionalDouble(upper)
      else { return nil }
      return Statistics.Interval(lower: lower, upper: upper)
    }
    self.init(
      indicatorID: try row.text(columns.indicatorID),
      geoType: try row.value(columns.geoType, as: GeoType.self),
      geoCode: try row.text(columns.geoCode),
      periodType: try row.value(columns.periodType, as: PeriodType.self),
      period: try row.text(columns.period), records: try row.optionalInt(columns.records),
      numerator: try row.optionalDouble(columns.numerator),
      denominator: try row.optionalDouble(columns.denominator),
      value: try row.optionalDouble(columns.value),
      ci95: try interval(columns.lower95, columns.upper95),
      ci998: try interval(columns.lower998, columns.upper998),
      method: try row.optionalText(columns.method),
      benchmark: try row.optionalDouble(columns.benchmark),
      comparison: try row.optionalText(columns.comparison) ?? "",
      comparisonTwoLevel: try row.optionalText(columns.comparisonTwoLevel) ?? "",
      populationYear: try row.optionalInt(columns.populationYear),
      previousValue: try row.optionalDouble(columns.previousValue),
      change: try row.optionalDouble(columns.change),
      trend: try row.optionalText(columns.trend) ?? "",
      suppressed: try row.bool(columns.suppressed))
  }
}

/// Stored indicator cells and values, read by column name with the names resolved once per
/// query: an aggregation reads every cell and value it may replace.
extension Warehouse {
  /// The values a query over `indicator_values` returns (it selects `valueColumns`).
  /// Every stored row of one indicator.
  func storedValues(indicatorID: String) throws -> [Aggregator.Value] {
    try storedValues(
      "SELECT \(Self.valueColumns) FROM indicator_values WHERE indicator_id = ?",
      [.text(indicatorID)])
  }

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
      let column = result.column
      (indicatorID, month, ladCode, wardCode, records, numerator, denominator) = (
        try column("indicator_id"), try column("month"), try column("lad_code"),
        try column("ward_code"), try column("records"), try column("numerator"),
        try column("denominator")
      )
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
    let comparisonWithheld, trendWithheld: SQLRow.Column

    init(_ result: ResultColumns) throws {
      let column = result.column
      (indicatorID, geoType, geoCode, periodType, period, records) = (
        try column("indicator_id"), try column("geo_type"), try column("geo_code"),
        try column("period_type"), try column("period"), try column("records")
      )
      (numerator, denominator, value, lower95, upper95, lower998, upper998) = (
        try column("numerator"), try column("denominator"), try column("value"),
        try column("lower_95"), try column("upper_95"), try column("lower_998"),
        try column("upper_998")
      )
      (method, benchmark, comparison, comparisonTwoLevel, populationYear) = (
        try column("method"), try column("benchmark_value"), try column("comparison"),
        try column("comparison_two_level"), try column("population_year")
      )
      (previousValue, change, trend, suppressed) = (
        try column("previous_value"), try column("change"), try column("trend"),
        try column("suppressed")
      )
      (comparisonWithheld, trendWithheld) = (
        try column("comparison_withheld"), try column("trend_withheld")
      )
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
      suppressed: try row.bool(columns.suppressed),
      comparisonWithheld: try row.bool(columns.comparisonWithheld),
      trendWithheld: try row.bool(columns.trendWithheld))
  }
}

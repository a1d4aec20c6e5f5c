import Foundation

/// Reads for aggregation: what changed since the last run, one pass over a record table
/// counting cells, and the stored cells a run keeps (`Warehouse+AggregationWrite` writes).
extension Warehouse {
  /// The cells of one scan of a record table: the months it covered (nil for all) and the
  /// indicators it counted.
  struct CellScan {
    var table: String
    var indicatorIDs: [String]
    var months: Set<String>?
    var cells: [Aggregator.Cell]
    /// Months with any record of the table (counted or not) among those scanned.
    var monthsPresent: Set<String>
  }

  func tableExists(_ table: String) throws -> Bool {
    try connection.scalar(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]) != nil
  }

  func indicatorValueCount() throws -> Int {
    try connection.integer("SELECT count(*) FROM indicator_values")
  }

  func aggregationState() throws -> [String: String] {
    var state: [String: String] = [:]
    for row in try connection.rows("SELECT name, value FROM aggregation_state") {
      state[try row.text("name")] = try row.text("value")
    }
    return state
  }

  /// The newest reference load of a kind that changes what records count where.
  func latestReferenceLoad(excludingKinds kinds: [String]) throws -> Int64 {
    let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
    return Int64(
      try connection.integer(
        "SELECT coalesce(max(load_id), 0) FROM reference_loads WHERE kind NOT IN (\(placeholders))",
        kinds.map { .text($0) }))
  }

  /// The newest file delivered to the feed whose record table this is (0 when none).
  func latestFileID(table: String) throws -> Int64 {
    Int64(
      try connection.integer(
        """
        SELECT coalesce(max(f.file_id), 0) FROM files f JOIN feed_tables t ON t.feed = f.feed
        WHERE t.table_name = ?
        """, [.text(table)]))
  }

  /// Months holding records that files after `file` delivered, and months of the versions
  /// those files superseded (a record can move to another month).
  func monthsChanged(table: String, sinceFile file: Int64) throws -> Set<String> {
    Set(
      try connection.rows(
        """
        SELECT DISTINCT period_month FROM \(table) WHERE file_id > ?1
        UNION SELECT DISTINCT period_month FROM \(table)_history WHERE superseded_by_file_id > ?1
        """, [.integer(file)]
      ).compactMap { try $0.optionalText("period_month") })
  }

  /// One pass over a record table counting all the given indicators (which share a
  /// placement) by month and ward, for the given months or all of them (`CellQuery`).
  ///
  /// From `parallelFrom` records a second connection sums half of them on another thread
  /// while this one sums the other half, and the halves are added; the cells are the same to
  /// the last bit as one pass's. A full scan of counts only (sums of 0 and 1, exact in any
  /// order) is split by record id, each half a sequential pass over the table. Otherwise
  /// (some months, or a weighted sum such as harm, whose rounding depends on the order of
  /// addition) the months are dealt into two halves of about as many records each, a month
  /// summed whole on one side in record order, along the month index (about a fifth slower
  /// per record than a pass over the table). Five years (`scripts/bench --case aggregate`,
  /// 21.4M records): a full run took 28.5 s on one thread, 13.0 s now.
  func scanCells(
    table: String, indicators: [IndicatorDefinition], areas: AreaGeography, months: Set<String>?,
    parallelFrom: Int = CellQuery.parallelFrom
  ) throws -> CellScan {
    let query = CellQuery(table: table, indicators: indicators, areas: areas)
    var sums: CellSums
    do {
      let parts: (CellQuery.Part, CellQuery.Part)?
      if months == nil, !query.hasWeightedSums {
        // An empty table has no range (and one pass over nothing).
        if let ids = try recordIDRange(table: table),
          ids.upperBound - ids.lowerBound >= max(Int64(parallelFrom), 2) - 1
        {
          let middle: Int64 = ids.lowerBound + (ids.upperBound - ids.lowerBound + 1) / 2
          parts = (.records(ids.lowerBound...(middle - 1)), .records(middle...ids.upperBound))
        } else {
          parts = nil
        }
      } else {
        let counts = try monthCounts(table: table, among: months)
        let halves = CellQuery.halves(counts)
        parts =
          counts.map(\.records).reduce(0, +) >= parallelFrom && !halves.1.isEmpty
          ? (.months(halves.0), .months(halves.1)) : nil
      }
      if let parts {
        let other = UncheckedBox((query, path, parts.1))
        let second = SecondThread {
          let (query, path, part) = other.value
          return UncheckedBox(
            try query.sum(on: try SQLiteConnection(path: path, readOnly: true), part))
        }
        // Both sides run to the end before either's error is thrown: the second connection
        // must not outlive this call.
        let mine = Result { try query.sum(on: connection, parts.0) }
        let theirs = Result { try second.value().value }
        sums = try mine.get()
        sums.add(try theirs.get())
      } else {
        sums = try query.sum(on: connection, .months(months.map { $0.sorted() }))
      }
    } catch {
      throw ConfigurationError(
        "indicators \(indicators.map(\.id).joined(separator: ", ")): the numerator or "
          + "denominator SQL does not run against \(table): \(error). Fix it in "
          + "Schemas/indicators.json.")
    }
    return CellScan(
      table: table, indicatorIDs: indicators.map(\.id), months: months,
      cells: query.cells(from: sums), monthsPresent: Set(sums.months))
  }

  /// The first and last record id of a record table, or nil when it has no record.
  private func recordIDRange(table: String) throws -> ClosedRange<Int64>? {
    let row = try connection.rows(
      "SELECT min(record_id) AS low, max(record_id) AS high FROM \(table)")
    guard let low = try row.first?.optionalInt("low"), let high = try row.first?.optionalInt("high")
    else { return nil }
    return Int64(low)...Int64(high)
  }

  /// Records per month of a record table (of `months`, or all), along its month index.
  private func monthCounts(table: String, among months: Set<String>?) throws -> [(
    month: String, records: Int
  )] {
    let chosen = months.map { $0.sorted() }
    let condition =
      chosen.map { "period_month IN (\($0.map { _ in "?" }.joined(separator: ", ")))" }
      ?? "period_month IS NOT NULL"
    return try connection.rows(
      "SELECT period_month, count(*) AS records FROM \(table) WHERE \(condition) GROUP BY 1",
      (chosen ?? []).map { .text($0) }
    ).map { (try $0.text("period_month"), try $0.int("records")) }
  }

  /// Every cell after the scans: the stored ones they do not replace, and theirs.
  func cells(replacedBy scans: [CellScan], everything: Bool) throws -> [Aggregator.Cell] {
    var result: [Aggregator.Cell] = []
    if !everything {
      var replaced: [String: Set<String>?] = [:]
      for scan in scans {
        // updateValue: assigning a nil `months` (all of them) must not remove the entry.
        for id in scan.indicatorIDs { replaced.updateValue(scan.months, forKey: id) }
      }
      let stored = try connection.rows(
        """
        SELECT indicator_id, month, lad_code, ward_code, records, numerator, denominator
        FROM indicator_cells
        """)
      let columns = try stored.first.map { try Aggregator.Cell.Columns($0.columns) }
      for row in stored {
        guard let columns else { break }
        let cell = try Aggregator.Cell(row: row, columns: columns)
        if let months = replaced[cell.indicatorID] {
          guard let months, !months.contains(cell.month) else { continue }
        }
        result.append(cell)
      }
    }
    for scan in scans { result += scan.cells }
    return result
  }
}

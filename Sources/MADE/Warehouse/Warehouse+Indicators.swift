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
  /// placement) by month and ward, for the given months or all of them.
  ///
  /// The rows are summed in a Swift dictionary keyed by month and place rather than by SQL
  /// `GROUP BY`, which sorts every row: on 5M police records (bench-work, 5 years) the sort
  /// alone took 4.7 s of 7.7 s.
  func scanCells(
    table: String, indicators: [IndicatorDefinition], areas: AreaGeography, months: Set<String>?
  ) throws -> CellScan {
    var measures: [String] = []
    for indicator in indicators {
      guard let numerator = indicator.numerator else { continue }
      let chosen = numerator.filter.map { "(\($0))" } ?? "1"
      measures.append("CASE WHEN \(chosen) THEN 1 ELSE 0 END")
      measures.append(numerator.sum.map { "CASE WHEN \(chosen) THEN (\($0)) END" } ?? "NULL")
      if indicator.method == .proportion {
        let base = indicator.denominator?.recordsFilter.map { "(\($0))" } ?? "1"
        measures.append("CASE WHEN \(base) THEN 1 ELSE 0 END")
      } else {
        measures.append("NULL")
      }
    }
    let lad: String
    let ward: String
    let unplaced: String
    let join: String
    if let school = indicators.first?.numerator?.placeBySchool {
      (lad, ward, unplaced) = ("sp.lad_code", "sp.ward_code", "sp.lad_code IS NULL")
      join = "LEFT JOIN v_school_places sp ON sp.urn = \(table).\(school)"
    } else {
      (lad, ward) = ("\(table).lad_code", "\(table).ward_code")
      unplaced = "\(table).geo_status = 'unplaced'"
      join = ""
    }
    // The place as one short text after the month (yyyymm): an area ward, else the area
    // district, 'U' (unplaced) or 'X' (outside). The area is today's made.toml, not the one
    // at ingest: a district added to the area brings its earlier records with it.
    func list(_ codes: [String]) -> String {
      codes.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
    }
    let key = """
      substr(\(table).period_month, 1, 4) || substr(\(table).period_month, 6, 2) ||
        CASE WHEN \(lad) IN (\(list(areas.ladCodes))) THEN
          coalesce(CASE WHEN \(ward) IN (\(list(areas.wards.map(\.wardCode)))) THEN \(ward) END, \(lad))
        WHEN \(unplaced) THEN 'U' ELSE 'X' END
      """
    let monthList = months.map { $0.sorted() } ?? []
    let condition =
      months == nil
      ? ""
      : "WHERE \(table).period_month IN (\(monthList.map { _ in "?" }.joined(separator: ", ")))"
    let measureNames = measures.indices.map { "measure_\($0)" }
    let selected = zip(measures, measureNames).map { "\($0) AS \($1)" }
    let sql =
      "SELECT \(key) AS place, \(selected.joined(separator: ", ")) FROM \(table) \(join) \(condition)"
    let width = measures.count
    var sums: [String: [Double]] = [:]
    do {
      // The filters and sums are catalogue text: prepared read-only, one statement, so that
      // even a hostile catalogue cannot write.
      let statement = try connection.prepareReadOnly(sql)
      try statement.bind(monthList.map { .text($0) })
      let placeColumn = try statement.columnIndex("place")
      let measureColumns = try measureNames.map { try statement.columnIndex($0) }
      while try statement.step() {
        guard let place = statement.text(at: placeColumn) else { continue }
        var row = sums[place] ?? [Double](repeating: 0, count: width)
        for (measure, column) in measureColumns.enumerated() {
          if let value = statement.double(at: column) { row[measure] += value }
        }
        sums[place] = row
      }
    } catch {
      throw ConfigurationError(
        "indicators \(indicators.map(\.id).joined(separator: ", ")): the numerator or "
          + "denominator SQL does not run against \(table): \(error). Fix it in "
          + "Schemas/indicators.json.")
    }
    var ladOfWard: [String: String] = [:]
    for area in areas.wards { ladOfWard[area.wardCode] = area.ladCode }
    let areaLADs = Set(areas.ladCodes)
    var cells: [Aggregator.Cell] = []
    var present = Set<String>()
    for (place, row) in sums {
      guard place.count >= 6 else { continue }
      let digits = place.prefix(6)
      let month = "\(digits.prefix(4))-\(digits.suffix(2))"
      present.insert(month)
      let code = String(place.dropFirst(6))
      var ladCode = ""
      var wardCode = ""
      if let owner = ladOfWard[code] {
        (ladCode, wardCode) = (owner, code)
      } else if areaLADs.contains(code) {
        ladCode = code
      } else if code != "U" {
        continue
      }
      for (position, indicator) in indicators.enumerated() {
        let records = Int(row[position * 3])
        let denominator: Double? = indicator.method == .proportion ? row[position * 3 + 2] : nil
        guard records > 0 || (denominator ?? 0) > 0 else { continue }
        cells.append(
          Aggregator.Cell(
            indicatorID: indicator.id, month: month, ladCode: ladCode, wardCode: wardCode,
            records: records,
            numerator: indicator.numerator?.sum == nil ? Double(records) : row[position * 3 + 1],
            denominator: denominator))
      }
    }
    cells.sort {
      ($0.indicatorID, $0.month, $0.ladCode, $0.wardCode)
        < ($1.indicatorID, $1.month, $1.ladCode, $1.wardCode)
    }
    return CellScan(
      table: table, indicatorIDs: indicators.map(\.id), months: months, cells: cells,
      monthsPresent: present)
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

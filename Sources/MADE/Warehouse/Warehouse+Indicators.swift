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
    // Three sums per indicator (records, the numerator's sum, the proportion's denominator);
    // only those an indicator has are selected, each summed into its slot.
    var slots: [Int] = []
    for (position, indicator) in indicators.enumerated() {
      guard let numerator = indicator.numerator else { continue }
      let chosen = numerator.filter.map { "(\($0))" } ?? "1"
      measures.append("CASE WHEN \(chosen) THEN 1 ELSE 0 END")
      slots.append(position * 3)
      if let sum = numerator.sum {
        measures.append("CASE WHEN \(chosen) THEN (\(sum)) END")
        slots.append(position * 3 + 1)
      }
      if indicator.method == .proportion {
        let base = indicator.denominator?.recordsFilter.map { "(\($0))" } ?? "1"
        measures.append("CASE WHEN \(base) THEN 1 ELSE 0 END")
        slots.append(position * 3 + 2)
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
    // SQLite gives each row's month, district, ward and whether it is unplaced; the place is
    // chosen here: an area ward, else the area district, else unplaced, else outside (not
    // counted). The area is today's made.toml, not the one at ingest: a district added to the
    // area brings its earlier records with it. Building the place as text in SQL (`substr`,
    // `||`, `IN` lists) and summing into a dictionary of arrays copied on every row took
    // 26.8 s of a five-year full run (`scripts/bench --case aggregate`, 21.4M records).
    let monthList = months.map { $0.sorted() } ?? []
    let condition =
      months == nil
      ? ""
      : "WHERE \(table).period_month IN (\(monthList.map { _ in "?" }.joined(separator: ", ")))"
    let measureNames = measures.indices.map { "measure_\($0)" }
    let selected = zip(measures, measureNames).map { "\($0) AS \($1)" }
    let sql = """
      SELECT \(table).period_month AS month, \(lad) AS lad, \(ward) AS ward,
        CASE WHEN \(unplaced) THEN 1 ELSE 0 END AS unplaced, \(selected.joined(separator: ", "))
      FROM \(table) \(join) \(condition)
      """
    let width = indicators.count * 3
    // Places by position: the area's wards, its districts, then unplaced.
    let places = areas.wards.map(\.wardCode) + areas.ladCodes + [""]
    let unplacedPlace = places.count - 1
    var wardPlace: [String: Int] = [:]
    var ladPlace: [String: Int] = [:]
    for (index, code) in places.enumerated() where index < unplacedPlace {
      if index < areas.wards.count {
        wardPlace[code] = index
      } else {
        ladPlace[code] = index
      }
    }
    // sums[((month slot) * places.count + place) * width + measure]
    var monthSlots: [String: Int] = [:]
    var monthsSeen: [String] = []
    var sums: [Double] = []
    do {
      // The filters and sums are catalogue text: prepared read-only, one statement, so that
      // even a hostile catalogue cannot write.
      let statement = try connection.prepareReadOnly(sql)
      try statement.bind(monthList.map { .text($0) })
      let monthColumn = try statement.columnIndex("month")
      let ladColumn = try statement.columnIndex("lad")
      let wardColumn = try statement.columnIndex("ward")
      let unplacedColumn = try statement.columnIndex("unplaced")
      let measureColumns = try zip(measureNames, slots).map {
        (column: try statement.columnIndex($0), slot: $1)
      }
      // Rows come mostly in delivery order, a month at a time: the last month found is
      // usually the next one's.
      var lastMonth = ""
      var lastSlot = -1
      while try statement.step() {
        guard let month = statement.text(at: monthColumn) else { continue }
        let slot: Int
        if month == lastMonth {
          slot = lastSlot
        } else if let known = monthSlots[month] {
          slot = known
          (lastMonth, lastSlot) = (month, known)
        } else {
          slot = monthsSeen.count
          monthSlots[month] = slot
          monthsSeen.append(month)
          sums.append(contentsOf: repeatElement(0, count: places.count * width))
          (lastMonth, lastSlot) = (month, slot)
        }
        let place: Int
        if let lad = statement.text(at: ladColumn), let district = ladPlace[lad] {
          place = statement.text(at: wardColumn).flatMap { wardPlace[$0] } ?? district
        } else if statement.int64(at: unplacedColumn) == 1 {
          place = unplacedPlace
        } else {
          continue  // outside the area: its month is present, nothing is counted
        }
        let base = (slot * places.count + place) * width
        for measure in measureColumns {
          if let value = statement.double(at: measure.column) { sums[base + measure.slot] += value }
        }
      }
    } catch {
      throw ConfigurationError(
        "indicators \(indicators.map(\.id).joined(separator: ", ")): the numerator or "
          + "denominator SQL does not run against \(table): \(error). Fix it in "
          + "Schemas/indicators.json.")
    }
    var ladOfWard: [String: String] = [:]
    for area in areas.wards { ladOfWard[area.wardCode] = area.ladCode }
    var cells: [Aggregator.Cell] = []
    for (slot, month) in monthsSeen.enumerated() {
      for (place, code) in places.enumerated() {
        let base = (slot * places.count + place) * width
        let (ladCode, wardCode) =
          place < areas.wards.count
          ? (ladOfWard[code] ?? "", code) : place < unplacedPlace ? (code, "") : ("", "")
        for (position, indicator) in indicators.enumerated() {
          let records = Int(sums[base + position * 3])
          let denominator: Double? =
            indicator.method == .proportion ? sums[base + position * 3 + 2] : nil
          guard records > 0 || (denominator ?? 0) > 0 else { continue }
          cells.append(
            Aggregator.Cell(
              indicatorID: indicator.id, month: month, ladCode: ladCode, wardCode: wardCode,
              records: records,
              numerator: indicator.numerator?.sum == nil
                ? Double(records) : sums[base + position * 3 + 1],
              denominator: denominator))
        }
      }
    }
    let present = Set(monthsSeen)
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

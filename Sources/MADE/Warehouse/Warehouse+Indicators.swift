import Foundation

/// The area as MADE publishes it: wards, districts and partnerships with names.
struct AreaGeography {
  struct Ward {
    var wardCode: String
    var wardName: String
    var ladCode: String
  }

  var name: String
  /// The area's wards, by district then code.
  var wards: [Ward]
  /// The area's districts (in `ref_lads` with `in_area = 1`), by code.
  var ladCodes: [String]
  var ladNames: [String: String]
  var wardsOfLAD: [String: [String]]
  /// The partnerships of made.toml, limited to districts the warehouse knows.
  var partnerships: [Config.Partnership]
  var partnershipOfLAD: [String: String]
}

/// Ward populations by year and age band, read once per band.
final class PopulationSource {
  private let warehouse: Warehouse
  /// The mid-year estimates loaded, in order.
  let years: [Int]
  private var cache: [String: (year: Int?, byWard: [String: Double])] = [:]
  private let wardsWithEstimates: Set<String>

  init(warehouse: Warehouse) throws {
    self.warehouse = warehouse
    years = try warehouse.connection.rows(
      "SELECT DISTINCT year FROM ref_population ORDER BY year"
    ).map { try $0.int("year") }
    wardsWithEstimates = Set(
      try warehouse.connection.rows("SELECT DISTINCT ward_code FROM ref_population")
        .map { try $0.text("ward_code") })
  }

  /// Residents aged `ageFrom`…`ageTo` of each ward, from the latest estimate no later than
  /// `year` (the earliest there is, when all are later); `year` is the estimate used.
  func residents(year: Int, ageFrom: Int, ageTo: Int) throws -> (
    year: Int?, byWard: [String: Double]
  ) {
    guard let chosen = years.last(where: { $0 <= year }) ?? years.first else { return (nil, [:]) }
    let key = "\(chosen):\(ageFrom):\(ageTo)"
    if let cached = cache[key] { return cached }
    var byWard: [String: Double] = [:]
    for row in try warehouse.connection.rows(
      """
      SELECT ward_code, sum(population) AS people FROM ref_population
      WHERE year = ? AND age BETWEEN ? AND ? GROUP BY ward_code
      """, [.integer(Int64(chosen)), .integer(Int64(ageFrom)), .integer(Int64(ageTo))])
    {
      byWard[try row.text("ward_code")] = try row.double("people")
    }
    cache[key] = (chosen, byWard)
    return (chosen, byWard)
  }

  func wardsMissing(from areas: AreaGeography) -> [String] {
    areas.wards.map(\.wardCode).filter { !wardsWithEstimates.contains($0) }
  }
}

/// Reads for aggregation and writes `indicators`, `indicator_cells`, `indicator_values` and
/// `ref_areas`.
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

  /// The area's wards, districts and partnerships.
  func areaGeography(config: Config) throws -> AreaGeography {
    let wards = try connection.rows(
      """
      SELECT w.ward_code, w.ward_name, w.lad_code FROM ref_wards w JOIN ref_lads l USING (lad_code)
      WHERE l.in_area = 1 ORDER BY w.lad_code, w.ward_code
      """
    ).map {
      AreaGeography.Ward(
        wardCode: try $0.text("ward_code"), wardName: try $0.text("ward_name"),
        ladCode: try $0.text("lad_code"))
    }
    var ladNames: [String: String] = [:]
    for row in try connection.rows("SELECT lad_code, lad_name FROM ref_lads WHERE in_area = 1") {
      let code = try row.text("lad_code")
      ladNames[code] = try row.optionalText("lad_name") ?? code
    }
    var wardsOfLAD: [String: [String]] = [:]
    for ward in wards { wardsOfLAD[ward.ladCode, default: []].append(ward.wardCode) }
    var partnerships: [Config.Partnership] = []
    var partnershipOfLAD: [String: String] = [:]
    for partnership in config.partnerships {
      var known = partnership
      known.ladCodes = partnership.ladCodes.filter { ladNames[$0] != nil }
      guard !known.ladCodes.isEmpty else { continue }
      partnerships.append(known)
      for lad in known.ladCodes { partnershipOfLAD[lad] = partnership.code }
    }
    return AreaGeography(
      name: config.area.name, wards: wards, ladCodes: ladNames.keys.sorted(), ladNames: ladNames,
      wardsOfLAD: wardsOfLAD, partnerships: partnerships, partnershipOfLAD: partnershipOfLAD)
  }

  func indicatorValueCount() throws -> Int {
    try connection.scalar("SELECT count(*) FROM indicator_values")?.int ?? 0
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
    return try connection.scalar(
      "SELECT coalesce(max(load_id), 0) FROM reference_loads WHERE kind NOT IN (\(placeholders))",
      kinds.map { .text($0) })?.int.map(Int64.init) ?? 0
  }

  /// The newest file delivered to the feed whose record table this is (0 when none).
  func latestFileID(table: String) throws -> Int64 {
    try connection.scalar(
      """
      SELECT coalesce(max(f.file_id), 0) FROM files f JOIN feed_tables t ON t.feed = f.feed
      WHERE t.table_name = ?
      """, [.text(table)])?.int.map(Int64.init) ?? 0
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

  /// Writes the run in one transaction: cells, metadata, areas, the values that changed, the
  /// state for the next run, the ward profile view and an audit entry.
  ///
  /// `values` gives each indicator's rows in turn (the counted ones first, the hotspot count
  /// last); they are compared with that indicator's stored rows and only the differences are
  /// written, so memory holds one indicator at a time.
  func writeAggregation(
    catalog: IndicatorCatalog, areas: AreaGeography, scans: [CellScan], everything: Bool,
    state: [String: String], values: (IndicatorDefinition) throws -> [Aggregator.Value]
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
        let rows = try values(indicator)
        let written = try writeValues(rows, indicatorID: indicator.id)
        change.written += written.written
        change.deleted += written.deleted
        change.total += rows.count
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

  private func writeAreas(_ areas: AreaGeography) throws {
    try connection.execute("DELETE FROM ref_areas; DELETE FROM ref_csps;")
    let area = try connection.prepare(
      "INSERT INTO ref_areas (geo_type, geo_code, geo_name, lad_code, csp_code) VALUES (?, ?, ?, ?, ?)"
    )
    func add(_ type: GeoType, _ code: String, _ name: String, _ lad: String?, _ csp: String?)
      throws
    {
      try area.bind([.text(type.rawValue), .text(code), .text(name), SQLValue(lad), SQLValue(csp)])
      try area.run()
    }
    for ward in areas.wards {
      try add(
        .ward, ward.wardCode, ward.wardName, ward.ladCode, areas.partnershipOfLAD[ward.ladCode])
    }
    for lad in areas.ladCodes {
      try add(.lad, lad, areas.ladNames[lad] ?? lad, lad, areas.partnershipOfLAD[lad])
    }
    let csp = try connection.prepare(
      "INSERT INTO ref_csps (csp_code, csp_name, lad_code) VALUES (?, ?, ?)")
    for partnership in areas.partnerships {
      try add(.csp, partnership.code, partnership.name, nil, partnership.code)
      for lad in partnership.ladCodes {
        try csp.bind([.text(partnership.code), .text(partnership.name), .text(lad)])
        try csp.run()
      }
    }
    try add(.county, "county", areas.name, nil, nil)
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
    comparison_two_level, population_year, previous_value, change, trend, suppressed
    """

  /// Upserts the rows that differ from the stored ones and deletes the ones not produced.
  private func writeValues(_ values: [Aggregator.Value], indicatorID: String) throws -> (
    written: Int, deleted: Int
  ) {
    var stored: [Aggregator.Value.Key: Aggregator.Value] = [:]
    for value in try storedValues(
      "SELECT \(Self.valueColumns) FROM indicator_values WHERE indicator_id = ?",
      [.text(indicatorID)])
    {
      stored[value.key] = value
    }
    let upsert = try connection.prepare(
      """
      INSERT OR REPLACE INTO indicator_values (\(Self.valueColumns))
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

  /// `v_ward_profile`: one row per ward and period, one column per indicator of the catalogue
  /// (so it is rebuilt with the catalogue, not by a migration).
  func createWardProfileView(_ catalog: IndicatorCatalog) throws {
    let columns = catalog.indicators.filter { $0.geographies.contains(.ward) }.map {
      "max(CASE WHEN v.indicator_id = '\($0.id)' THEN v.value END) AS \($0.id)"
    }
    try connection.execute(
      """
      DROP VIEW IF EXISTS v_ward_profile;
      CREATE VIEW v_ward_profile AS
      SELECT v.geo_code AS ward_code, a.geo_name AS ward_name, a.lad_code, a.csp_code,
        v.period_type, v.period, \(columns.joined(separator: ",\n  "))
      FROM indicator_values v
      LEFT JOIN ref_areas a ON a.geo_type = 'ward' AND a.geo_code = v.geo_code
      WHERE v.geo_type = 'ward'
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
    ]
  }
}

import Foundation

/// The query of one cell scan (`Warehouse.scanCells`): a record table's indicators that share
/// a placement, summed by month and place, and how each row's place is chosen.
///
/// SQLite gives each row's month, district, ward and whether it is unplaced; the place is
/// chosen here: an area ward, else the area district, else unplaced, else outside (not
/// counted). The area is today's made.toml, not the one at ingest: a district added to the
/// area brings its earlier records with it. Building the place as text in SQL (`substr`,
/// `||`, `IN` lists) and summing into a dictionary of arrays copied on every row took 4.77 s
/// of a one-year full run (`scripts/bench --case aggregate`, 4.3M records); this way 2.98 s,
/// with the same cells. The rows are summed in Swift rather than by SQL `GROUP BY`, which
/// sorts every row: on 5M police records the sort alone took 4.7 s of 7.7 s.
struct CellQuery {
  /// A full scan is split over two connections from this many records (`Warehouse.scanCells`).
  static let parallelFrom = 200_000

  /// What one side of a scan reads: some months (nil: all), or a range of record ids.
  enum Part {
    case months([String]?)
    case records(ClosedRange<Int64>)
  }

  let table: String
  let indicators: [IndicatorDefinition]
  /// Some indicator sums a weight (harm) rather than counting: its sums depend on the order
  /// of addition in their last bits.
  var hasWeightedSums: Bool { indicators.contains { $0.numerator?.sum != nil } }
  /// The SELECT without its month condition.
  private let select: String
  private let measureNames: [String]
  /// For each selected measure, its slot among the indicator's three sums (records, the
  /// numerator's sum, the proportion's denominator).
  private let slots: [Int]
  /// Sums per place: three per indicator.
  let width: Int
  /// Places by position: the area's wards, its districts, then unplaced ("").
  let places: [String]
  private let wardPlace: CodeTable
  private let ladPlace: CodeTable
  private let ladOfWard: [String: String]
  private let areaWards: Int

  init(table: String, indicators: [IndicatorDefinition], areas: AreaGeography) {
    self.table = table
    self.indicators = indicators
    var measures: [String] = []
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
    measureNames = measures.indices.map { "measure_\($0)" }
    let selected = zip(measures, measureNames).map { "\($0) AS \($1)" }
    select = """
      SELECT \(table).period_month AS month, \(lad) AS lad, \(ward) AS ward,
        CASE WHEN \(unplaced) THEN 1 ELSE 0 END AS unplaced, \(selected.joined(separator: ", "))
      FROM \(table) \(join)
      """
    self.slots = slots
    width = indicators.count * 3
    places = areas.wards.map(\.wardCode) + areas.ladCodes + [""]
    areaWards = areas.wards.count
    var wardPlace: [String: Int] = [:]
    var ladPlace: [String: Int] = [:]
    for (index, code) in places.enumerated() where index < places.count - 1 {
      if index < areaWards { wardPlace[code] = index } else { ladPlace[code] = index }
    }
    self.wardPlace = CodeTable(wardPlace)
    self.ladPlace = CodeTable(ladPlace)
    var ladOfWard: [String: String] = [:]
    for area in areas.wards { ladOfWard[area.wardCode] = area.ladCode }
    self.ladOfWard = ladOfWard
  }

  /// Two sets of months with about as many records each (the larger months dealt first, each
  /// to the lighter side), so that two threads finish together.
  static func halves(_ counts: [(month: String, records: Int)]) -> ([String], [String]) {
    var sides: ([String], [String]) = ([], [])
    var weights = (0, 0)
    for (month, records) in counts.sorted(by: { ($0.records, $0.month) > ($1.records, $1.month) }) {
      if weights.0 <= weights.1 {
        sides.0.append(month)
        weights.0 += records
      } else {
        sides.1.append(month)
        weights.1 += records
      }
    }
    return (sides.0.sorted(), sides.1.sorted())
  }

  /// Sums the records of `part` through `connection`.
  func sum(on connection: SQLiteConnection, _ part: Part) throws -> CellSums {
    let condition: String
    let arguments: [SQLValue]
    switch part {
    case .months(nil):
      (condition, arguments) = ("", [])
    case .months(let months?):
      condition =
        " WHERE \(table).period_month IN (\(months.map { _ in "?" }.joined(separator: ", ")))"
      arguments = months.map { .text($0) }
    case .records(let ids):
      condition = " WHERE \(table).record_id BETWEEN ? AND ?"
      arguments = [.integer(ids.lowerBound), .integer(ids.upperBound)]
    }
    // The filters and sums are catalogue text: prepared read-only, one statement, so that
    // even a hostile catalogue cannot write.
    let statement = try connection.prepareReadOnly(select + condition)
    try statement.bind(arguments)
    let monthColumn = try statement.columnIndex("month")
    let ladColumn = try statement.columnIndex("lad")
    let wardColumn = try statement.columnIndex("ward")
    let unplacedColumn = try statement.columnIndex("unplaced")
    let measureColumns = try zip(measureNames, slots).map {
      (column: try statement.columnIndex($0), slot: $1)
    }
    let unplacedPlace = places.count - 1
    var sums = CellSums(placesPerMonth: places.count * width)
    // Rows come mostly in delivery order, a month at a time: the last month found is usually
    // the next one's.
    var lastMonth: [UInt8]?
    var lastSlot = 0
    while try statement.step() {
      guard let month = statement.textBytes(at: monthColumn) else { continue }
      if lastMonth.map({ !month.elementsEqual($0) }) ?? true {
        lastMonth = Array(month)
        lastSlot = sums.slot(of: String(decoding: month, as: UTF8.self))
      }
      let place: Int
      if let lad = statement.textBytes(at: ladColumn), let district = ladPlace.value(of: lad) {
        place = statement.textBytes(at: wardColumn).flatMap { wardPlace.value(of: $0) } ?? district
      } else if statement.int64(at: unplacedColumn) == 1 {
        place = unplacedPlace
      } else {
        continue  // outside the area: its month is present, nothing is counted
      }
      let base = lastSlot * places.count * width + place * width
      for measure in measureColumns {
        if let value = statement.double(at: measure.column) {
          sums.values[base + measure.slot] += value
        }
      }
    }
    return sums
  }

  /// The cells of the sums: one per indicator, month and place with records (or, for a
  /// proportion, a denominator), sorted.
  func cells(from sums: CellSums) -> [Aggregator.Cell] {
    var cells: [Aggregator.Cell] = []
    for (slot, month) in sums.months.enumerated() {
      for (place, code) in places.enumerated() {
        let base = slot * places.count * width + place * width
        let (ladCode, wardCode) =
          place < areaWards
          ? (ladOfWard[code] ?? "", code) : place < places.count - 1 ? (code, "") : ("", "")
        for (position, indicator) in indicators.enumerated() {
          let records = Int(sums.values[base + position * 3])
          let denominator: Double? =
            indicator.method == .proportion ? sums.values[base + position * 3 + 2] : nil
          guard records > 0 || (denominator ?? 0) > 0 else { continue }
          cells.append(
            Aggregator.Cell(
              indicatorID: indicator.id, month: month, ladCode: ladCode, wardCode: wardCode,
              records: records,
              numerator: indicator.numerator?.sum == nil
                ? Double(records) : sums.values[base + position * 3 + 1],
              denominator: denominator))
        }
      }
    }
    cells.sort {
      ($0.indicatorID, $0.month, $0.ladCode, $0.wardCode)
        < ($1.indicatorID, $1.month, $1.ladCode, $1.wardCode)
    }
    return cells
  }
}

/// What a cell scan summed: for each month met, a block of sums per place.
struct CellSums {
  let placesPerMonth: Int
  /// The months met, in the order met (every month with a record, counted or not).
  private(set) var months: [String] = []
  private var slots: [String: Int] = [:]
  /// `values[slot * placesPerMonth + place * width + measure]`.
  var values: [Double] = []

  init(placesPerMonth: Int) { self.placesPerMonth = placesPerMonth }

  /// The month's block, added when first met.
  mutating func slot(of month: String) -> Int {
    if let slot = slots[month] { return slot }
    slots[month] = months.count
    months.append(month)
    values.append(contentsOf: repeatElement(0, count: placesPerMonth))
    return months.count - 1
  }

  /// Adds another scan's sums (of other months, or of other records of the same months).
  mutating func add(_ other: CellSums) {
    for (slot, month) in other.months.enumerated() {
      let mine = self.slot(of: month)
      for offset in 0..<placesPerMonth {
        values[mine * placesPerMonth + offset] += other.values[slot * placesPerMonth + offset]
      }
    }
  }
}

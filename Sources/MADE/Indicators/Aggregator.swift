import Crypto
import Foundation

/// Computes `indicator_values` from the record tables, for every indicator of the catalogue,
/// geography (ward, LAD, CSP, county) and period type (month, quarter, financial year, rolling
/// 12 months), with the statistics of docs/methods.md and the county as every level's benchmark.
///
/// Two steps:
/// 1. **Cells.** Each record table is scanned once for all its indicators into monthly counts
///    per ward (`indicator_cells`). After the first run only the months that new deliveries
///    touched are scanned again (records whose `file_id` is newer, and the months of versions
///    they superseded); a changed catalogue, area or reference table (other than population)
///    rescans everything.
/// 2. **Values.** Every period is summed from the cells (cheap), and only rows that differ
///    from the stored ones are written, so an unchanged period is never rewritten.
///
/// Counts add up: a ward's records sum into its district, districts into their partnership
/// and the county, and the county adds records that could not be placed. Records placed
/// outside the area are not counted.
public struct Aggregator {
  let warehouse: Warehouse
  let catalog: IndicatorCatalog
  let config: Config
  /// Months from this one on are not complete yet.
  let currentMonth: Month
  /// The feed that fills each record table (its rules for delivered months).
  let feedsByTable: [String: FeedSpec]

  /// `feeds` (by default the built-in ones) say how each record table's months are delivered.
  public init(
    warehouse: Warehouse, catalog: IndicatorCatalog, config: Config, today: Date = Date(),
    feeds: FeedCatalog? = nil
  ) {
    self.warehouse = warehouse
    self.catalog = catalog
    self.config = config
    feedsByTable = FeedCatalog.byTable(feeds)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month], from: today)
    currentMonth = Month(year: parts.year ?? 9999, month: parts.month ?? 12)
  }

  /// What a run did, and what it could not do well.
  public struct Summary: Sendable {
    /// Indicator value rows written because they were new or had changed.
    public var valuesWritten: Int
    /// Rows no longer produced (a period that became incomplete, an indicator removed).
    public var valuesDeleted: Int
    /// Rows after the run.
    public var valuesTotal: Int
    /// True when every record table was scanned afresh.
    public var rescannedEverything: Bool
    /// For each record table scanned, the months scanned (empty when it was unchanged).
    public var monthsScanned: [String: [String]]
    /// Indicators whose values were computed again (the others kept their stored values).
    public var indicatorsRecomputed: [String]
    /// Wards of the area with no population estimate: their counts reach the district and
    /// county numerators but have no denominator (load `made reference load population`).
    public var wardsWithoutPopulation: [String]
  }

  /// Rebuilds what changed.
  @discardableResult
  public func run() throws -> Summary {
    let areas = try warehouse.areaGeography(config: config)
    let state = try warehouse.aggregationState()
    let fingerprint = self.fingerprint(areas: areas)
    // Boundaries only draw maps: loading them changes no value.
    let referenceLoad = try warehouse.latestReferenceLoad(
      excludingKinds: ["population", ReferenceKind.boundaries.rawValue])
    let everything =
      state["fingerprint"] != fingerprint || state["reference_load"] != String(referenceLoad)
    // Values also depend on the population estimates, on which months are complete and on
    // how made.toml names the area and groups its districts.
    let grouping = areas.partnerships.map { "\($0.code)=\($0.name):\($0.ladCodes)" }
    let counted = catalog.indicators.filter { $0.numerator != nil }
    let tables = Array(Set(counted.compactMap { $0.numerator?.table })).sorted()
    // The months each table's feed was delivered for: only periods made of them are published.
    var delivered: [String: Set<String>] = [:]
    for table in tables {
      delivered[table] = DeliveredMonths.covered(
        by: try warehouse.deliveredMonths(table: table), feed: feedsByTable[table])
    }
    // What every indicator's values depend on besides its own table; a new MADE version may
    // compute them differently.
    let valueInputs =
      "made \(MADEVersion.string) "
      + "\(try warehouse.latestReferenceLoad(excludingKinds: [ReferenceKind.boundaries.rawValue])) "
      + "\(currentMonth.text) "
      + "\(areas.name) \(grouping.joined(separator: ";")) "
      + "threshold \(config.export.suppressionThreshold)"

    // 1. Cells: scan each record table that changed, for the months that changed.
    var scans: [Warehouse.CellScan] = []
    var monthsScanned: [String: [String]] = [:]
    /// The months each record table holds records for (any record, counted or not).
    var coverage: [String: Set<String>] = [:]
    var newState: [String: String] = [
      "fingerprint": fingerprint, "reference_load": String(referenceLoad),
      "value_inputs": valueInputs,
    ]
    for table in tables {
      newState["delivered:\(table)"] = Self.digest(of: [table: delivered[table] ?? []])
    }
    let deliveredChanged = tables.filter { state["delivered:\($0)"] != newState["delivered:\($0)"] }
    for table in tables {
      guard try warehouse.tableExists(table) else { continue }
      let latestFile = try warehouse.latestFileID(table: table)
      newState["file:\(table)"] = String(latestFile)
      let lastFile = everything ? nil : state["file:\(table)"].flatMap { Int64($0) }
      let stored = Set(
        (state["months:\(table)"] ?? "").split(separator: ",").map(String.init))
      var months: Set<String>?
      if let lastFile {
        // No newer file, or only duplicates and files that changed nothing: keep the cells.
        let changed =
          latestFile > lastFile
          ? try warehouse.monthsChanged(table: table, sinceFile: lastFile) : []
        guard !changed.isEmpty else {
          monthsScanned[table] = []
          coverage[table] = stored
          newState["months:\(table)"] = state["months:\(table)"] ?? ""
          continue
        }
        months = changed
      }
      let indicators = counted.filter { $0.numerator?.table == table }
      var byPlacement: [String: [IndicatorDefinition]] = [:]
      for indicator in indicators {
        byPlacement[indicator.numerator?.placeBySchool ?? "", default: []].append(indicator)
      }
      var present = Set<String>()
      for placement in byPlacement.keys.sorted() {
        let scan = try warehouse.scanCells(
          table: table, indicators: byPlacement[placement]!, areas: areas, months: months)
        present.formUnion(scan.monthsPresent)
        scans.append(scan)
      }
      monthsScanned[table] = months.map { $0.sorted() } ?? present.sorted()
      coverage[table] = months.map { stored.subtracting($0).union(present) } ?? present
      newState["months:\(table)"] = coverage[table]!.sorted().joined(separator: ",")
    }

    let population = try PopulationSource(warehouse: warehouse)
    let recomputeEvery = everything || state["value_inputs"] != valueInputs
    if scans.isEmpty, deliveredChanged.isEmpty, !recomputeEvery {
      // Nothing new since the last run: the stored values stand (a nightly run with nothing
      // new must take well under a second).
      return Summary(
        valuesWritten: 0, valuesDeleted: 0, valuesTotal: try warehouse.indicatorValueCount(),
        rescannedEverything: false, monthsScanned: monthsScanned, indicatorsRecomputed: [],
        wardsWithoutPopulation: population.wardsMissing(from: areas))
    }

    // 2. Values, from all cells (the stored ones, with the scanned ones in their place), one
    // indicator at a time; the hotspot count last, from what the others found. An indicator
    // whose table was not scanned and delivered the same months, with the inputs every
    // indicator shares unchanged, keeps its stored values: one new police month recomputes
    // the police indicators only (5 years, `scripts/bench --case aggregate`: this halved the
    // incremental run).
    let recount = Set(scans.map(\.table)).union(deliveredChanged)
    let cells = try warehouse.cells(replacedBy: scans, everything: everything)
    var cellsByIndicator: [String: [Cell]] = [:]
    for cell in cells { cellsByIndicator[cell.indicatorID, default: []].append(cell) }
    var hotspotInputs = HotspotInputs()
    var recomputed: [String] = []
    let change = try warehouse.writeAggregation(
      catalog: catalog, areas: areas, scans: scans, everything: everything, state: newState
    ) { indicator in
      if indicator.method != .count, !recomputeEvery, let table = indicator.numerator?.table,
        !recount.contains(table)
      {
        let stored = try warehouse.storedValues(indicatorID: indicator.id)
        hotspotInputs.add(stored, partnerType: indicator.partnerType)
        return .unchanged(count: stored.count)
      }
      recomputed.append(indicator.id)
      var values: [Value]
      if indicator.method == .count {
        values = hotspot(indicator, from: hotspotInputs, areas: areas)
      } else {
        guard let table = indicator.numerator?.table, let months = delivered[table],
          let first = months.compactMap({ Month($0) }).min(),
          let last = months.compactMap({ Month($0) }).max()
        else { return .computed([]) }
        values = try compute(
          indicator, cells: cellsByIndicator.removeValue(forKey: indicator.id) ?? [],
          from: first, through: min(last, currentMonth.adding(-1)), delivered: months,
          areas: areas, population: population)
      }
      Disclosure.apply(
        to: &values, definition: indicator, areas: areas,
        threshold: config.export.suppressionThreshold)
      if indicator.method != .count {
        hotspotInputs.add(values, partnerType: indicator.partnerType)
      }
      return .computed(values)
    }
    return Summary(
      valuesWritten: change.written, valuesDeleted: change.deleted, valuesTotal: change.total,
      rescannedEverything: everything, monthsScanned: monthsScanned,
      indicatorsRecomputed: recomputed,
      wardsWithoutPopulation: population.wardsMissing(from: areas))
  }

  /// One indicator's rows for `Warehouse.writeAggregation`: computed (and compared with the
  /// stored ones), or the stored ones kept as they are.
  enum IndicatorRows {
    case computed([Value])
    case unchanged(count: Int)
  }

  /// A short digest of the delivered months, so that values are recomputed when they change.
  static func digest(of delivered: [String: Set<String>]) -> String {
    var hasher = SHA256()
    for table in delivered.keys.sorted() {
      hasher.update(
        data: Data("\(table):\(delivered[table]!.sorted().joined(separator: ","));".utf8))
    }
    return hasher.finalize().prefix(8).hexString
  }

  /// What the stored cells depend on besides the records: the catalogue and the area.
  private func fingerprint(areas: AreaGeography) -> String {
    var hasher = SHA256()
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    hasher.update(data: (try? encoder.encode(catalog)) ?? Data())
    hasher.update(data: Data(areas.ladCodes.joined(separator: ",").utf8))
    hasher.update(data: Data(areas.wards.map(\.wardCode).joined(separator: ",").utf8))
    return hasher.finalize().hexString
  }

  // MARK: - One indicator

  /// Every complete period of each of the indicator's types within `first`…`last`.
  static func periods(of types: [PeriodType], from first: Month, through last: Month)
    -> [Period]
  {
    guard first <= last else { return [] }
    var result: [Period] = []
    for type in types {
      var seen = Set<Period>()
      for index in first.index...last.index {
        for period in Period.containing(Month(index: index), type: type)
        where period.months.first! >= first && period.months.last! <= last
          && seen.insert(period).inserted
        {
          result.append(period)
        }
      }
    }
    return result
  }

  private struct Sum {
    var records = 0
    var numerator = 0.0
    var denominator = 0.0
    mutating func add(_ cell: Cell) {
      records += cell.records
      numerator += cell.numerator
      denominator += cell.denominator ?? 0
    }
  }

  private func compute(
    _ indicator: IndicatorDefinition, cells: [Cell], from first: Month, through last: Month,
    delivered: Set<String>, areas: AreaGeography, population: PopulationSource
  ) throws -> [Value] {
    var cellsByMonth: [String: [Cell]] = [:]
    for cell in cells { cellsByMonth[cell.month, default: []].append(cell) }
    let levels = Set(indicator.geographies)
    var values: [Value] = []
    for period in Self.periods(of: indicator.periods, from: first, through: last)
    where period.months.allSatisfy({ delivered.contains($0.text) }) {
      var wards: [String: Sum] = [:]
      var lads: [String: Sum] = [:]
      var county = Sum()
      for month in period.months {
        for cell in cellsByMonth[month.text] ?? [] {
          if cell.ladCode.isEmpty {
            county.add(cell)
            continue
          }
          guard areas.ladCodes.contains(cell.ladCode) else { continue }
          county.add(cell)
          lads[cell.ladCode, default: Sum()].add(cell)
          if !cell.wardCode.isEmpty { wards[cell.wardCode, default: Sum()].add(cell) }
        }
      }
      var csps: [String: Sum] = [:]
      for (lad, sum) in lads {
        guard let csp = areas.partnershipOfLAD[lad] else { continue }
        csps[csp, default: Sum()].records += sum.records
        csps[csp, default: Sum()].numerator += sum.numerator
        csps[csp, default: Sum()].denominator += sum.denominator
      }
      let residents = try population.residents(
        year: period.populationYear, ageFrom: indicator.denominator?.ageFrom ?? 0,
        ageTo: indicator.denominator?.ageTo ?? 90)
      func value(_ geoType: GeoType, _ code: String, _ sum: Sum, wards inside: [String]) -> Value {
        var row = Value(
          indicatorID: indicator.id, geoType: geoType, geoCode: code, periodType: period.type,
          period: period.label, records: sum.records, numerator: Double(sum.records),
          comparison: Statistics.Comparison.notCompared.rawValue,
          comparisonTwoLevel: Statistics.Comparison.notCompared.rawValue,
          trend: Statistics.Trend.notCalculated.rawValue)
        let multiplier = indicator.multiplier ?? 1
        switch indicator.method {
        case .proportion:
          row.denominator = sum.denominator
          if let estimate = Statistics.wilsonProportion(
            successes: sum.records, trials: Int(sum.denominator), multiplier: multiplier)
          {
            row.set(estimate)
          }
        case .rate, .harm:
          let people = inside.compactMap { residents.byWard[$0] }
          if !people.isEmpty {
            row.denominator = people.reduce(0, +)
            row.populationYear = residents.year
          }
          if indicator.method == .harm {
            row.numerator = sum.numerator
            if let denominator = row.denominator, denominator > 0 {
              row.value = sum.numerator / denominator * multiplier
              row.method = "Harm"
            }
          } else if let denominator = row.denominator,
            let estimate = Statistics.crudeRate(
              observed: sum.records, population: denominator, multiplier: multiplier)
          {
            row.set(estimate)
          }
        case .count:
          break
        }
        return row
      }
      var rows: [Value] = []
      if levels.contains(.ward) {
        for ward in areas.wards {
          rows.append(
            value(.ward, ward.wardCode, wards[ward.wardCode] ?? Sum(), wards: [ward.wardCode]))
        }
      }
      if levels.contains(.lad) {
        for lad in areas.ladCodes {
          rows.append(value(.lad, lad, lads[lad] ?? Sum(), wards: areas.wardsOfLAD[lad] ?? []))
        }
      }
      if levels.contains(.csp) {
        for partnership in areas.partnerships {
          let inside = partnership.ladCodes.flatMap { areas.wardsOfLAD[$0] ?? [] }
          rows.append(value(.csp, partnership.code, csps[partnership.code] ?? Sum(), wards: inside))
        }
      }
      let countyRow = value(.county, "county", county, wards: areas.wards.map(\.wardCode))
      // A proportion has nothing to say for a period with no measured records at all (a
      // quarter without a school term start, for instance).
      if indicator.method == .proportion, county.denominator == 0 { continue }
      for index in rows.indices {
        rows[index].compare(with: countyRow, polarity: indicator.polarity)
      }
      if levels.contains(.county) { rows.append(countyRow) }
      values += rows
    }
    Self.addChangesAndTrends(&values)
    return values
  }

  /// Sets `previous_value`, `change` and `trend` from the periods before each row's.
  static func addChangesAndTrends(_ values: inout [Value]) {
    let grid = ValueGrid(values)
    let earlier = grid.earlierSlots(Statistics.trendPeriods - 1)
    for position in values.indices {
      let (slot, place) = grid.coordinates[position]
      guard let before = earlier[slot] else { continue }
      let row = values[position]
      let chain: [Value?] = before.map { grid.row($0, place).map { values[$0] } } + [row]
      let previous = chain[chain.count - 2]
      values[position].previousValue = previous?.value
      if let now = row.value, let before = previous?.value {
        values[position].change = now - before
      }
      values[position].trend = Statistics.trend(chain.map { $0?.estimate }).rawValue
    }
  }
}

extension Period {
  /// The period of a type written `label`.
  static func parse(_ label: String, type: PeriodType) -> Period? {
    switch type {
    case .month, .rolling12m:
      return Month(label).map { Period(type: type, anchor: $0) }
    case .quarter:
      let parts = label.split(separator: "-")
      guard parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("Q"),
        let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter)
      else { return nil }
      return Period(type: .quarter, anchor: Month(year: year, month: (quarter - 1) * 3 + 1))
    case .financialYear:
      guard let year = Int(label.prefix(4)) else { return nil }
      let period = Period(type: .financialYear, anchor: Month(year: year, month: 4))
      return period.label == label ? period : nil
    }
  }
}

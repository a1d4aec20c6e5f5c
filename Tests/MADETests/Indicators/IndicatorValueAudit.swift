import Foundation
import Testing

@testable import MADE

/// Walks every row of `indicator_values` in a warehouse and checks it against the catalogue and
/// docs/methods.md: every indicator present at each of its levels and period types, values and
/// limits recomputed from numerator and denominator, comparisons with the county row, counts
/// that add up from wards to districts, partnerships and county, previous values, trends and
/// the hotspot count. Called on the demo warehouse by `EndToEndTests`.
struct IndicatorValueAudit {
  let warehouse: Warehouse
  let catalog: IndicatorCatalog

  init(warehouse: Warehouse) throws {
    self.warehouse = warehouse
    catalog = try IndicatorCatalog.builtIn()
  }

  struct Row {
    var indicator: String
    var geoType: String
    var geoCode: String
    var periodType: String
    var period: String
    var records: Int?
    var numerator: Double?
    var denominator: Double?
    var value: Double?
    var lower95: Double?
    var upper95: Double?
    var lower998: Double?
    var upper998: Double?
    var method: String?
    var benchmark: Double?
    var comparison: String
    var twoLevel: String
    var previous: Double?
    var change: Double?
    var trend: String
    var suppressed: Bool

    var slot: String { "\(indicator)|\(periodType)|\(period)" }
  }

  func rows() throws -> [Row] {
    try warehouse.query(
      """
      SELECT indicator_id, geo_type, geo_code, period_type, period, records, numerator,
        denominator, value, lower_95, upper_95, lower_998, upper_998, method, benchmark_value,
        comparison, comparison_two_level, previous_value, change, trend, suppressed
      FROM indicator_values
      """
    ).map {
      Row(
        indicator: $0[0].string!, geoType: $0[1].string!, geoCode: $0[2].string!,
        periodType: $0[3].string!, period: $0[4].string!, records: $0[5].int,
        numerator: $0[6].double, denominator: $0[7].double, value: $0[8].double,
        lower95: $0[9].double, upper95: $0[10].double, lower998: $0[11].double,
        upper998: $0[12].double, method: $0[13].string, benchmark: $0[14].double,
        comparison: $0[15].string ?? "", twoLevel: $0[16].string ?? "",
        previous: $0[17].double, change: $0[18].double, trend: $0[19].string ?? "",
        suppressed: $0[20].int == 1)
    }
  }

  static func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
  }

  func checkAll() throws {
    let rows = try rows()
    #expect(rows.count > 10_000)
    try checkEveryIndicatorAppearsEverywhereItApplies(rows)
    checkValuesAndComparisons(rows)
    try checkCountsAddUp(rows)
    checkPreviousValuesAndTrends(rows)
    try checkHotspotCounts(rows)
  }

  /// Every catalogue id, for every geography type and period type it lists.
  func checkEveryIndicatorAppearsEverywhereItApplies(_ rows: [Row]) throws {
    var present = Set<String>()
    for row in rows { present.insert("\(row.indicator)|\(row.geoType)|\(row.periodType)") }
    for indicator in catalog.indicators {
      for geo in indicator.geographies {
        for period in indicator.periods {
          #expect(
            present.contains("\(indicator.id)|\(geo.rawValue)|\(period.rawValue)"),
            "\(indicator.id) has no \(geo.rawValue) values by \(period.rawValue)")
        }
      }
    }
    #expect(
      try warehouse.scalar("SELECT count(*) FROM indicators")?.int == catalog.indicators.count)
  }

  /// Value and limits from numerator and denominator by docs/methods.md (to 1e-9 relative), and
  /// the comparison the Fingertips rule gives against the county row.
  func checkValuesAndComparisons(_ rows: [Row]) {
    let definitions = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0) })
    var county: [String: Row] = [:]
    for row in rows where row.geoType == "county" { county[row.slot] = row }
    var checked = 0
    for row in rows {
      guard let definition = definitions[row.indicator] else {
        Issue.record("\(row.indicator) is not in the catalogue")
        continue
      }
      let multiplier = definition.multiplier ?? 1
      var expected: Statistics.Estimate?
      switch definition.method {
      case .rate:
        if let denominator = row.denominator, let numerator = row.numerator {
          #expect(Double(row.records ?? -1) == numerator)
          expected = Statistics.crudeRate(
            observed: Int(numerator), population: denominator, multiplier: multiplier)
          #expect(row.method == (numerator < 10 ? "Exact" : "Byars"))
        }
      case .proportion:
        if let denominator = row.denominator, let numerator = row.numerator {
          expected = Statistics.wilsonProportion(
            successes: Int(numerator), trials: Int(denominator), multiplier: multiplier)
        }
      case .harm:
        #expect(row.lower95 == nil && row.upper95 == nil && row.lower998 == nil)
        if let denominator = row.denominator, let numerator = row.numerator {
          #expect(Self.close(row.value, numerator / denominator * multiplier), "\(row)")
        }
      case .count:
        #expect(row.value == row.numerator && row.denominator == nil)
      }
      if definition.method == .rate || definition.method == .proportion {
        #expect(Self.close(row.value, expected?.value), "\(row)")
        #expect(Self.close(row.lower95, expected?.ci95.lower), "\(row)")
        #expect(Self.close(row.upper95, expected?.ci95.upper), "\(row)")
        #expect(Self.close(row.lower998, expected?.ci998.lower), "\(row)")
        #expect(Self.close(row.upper998, expected?.ci998.upper), "\(row)")
      }
      if row.geoType == "county" || definition.method == .count {
        #expect(row.comparison == "not_compared")
      } else {
        let benchmark = county[row.slot]?.value
        #expect(row.benchmark == benchmark, "\(row)")
        let interval95 = row.lower95.flatMap { lower in
          row.upper95.map { Statistics.Interval(lower: lower, upper: $0) }
        }
        let interval998 = row.lower998.flatMap { lower in
          row.upper998.map { Statistics.Interval(lower: lower, upper: $0) }
        }
        #expect(
          row.comparison
            == Statistics.compare(
              value: row.value, interval: interval95, benchmark: benchmark,
              polarity: definition.polarity
            ).rawValue, "\(row)")
        #expect(
          row.twoLevel
            == Statistics.compareTwoLevel(
              value: row.value, ci95: interval95, ci998: interval998, benchmark: benchmark,
              polarity: definition.polarity), "\(row)")
      }
      checked += 1
    }
    #expect(checked == rows.count)
    // The walk meets every kind of outcome, so it would notice a rule applied the wrong way.
    let outcomes = Set(rows.map(\.comparison))
    #expect(outcomes.isSuperset(of: ["similar", "worse", "better", "not_compared"]))
  }

  /// Ward records sum to their district's, districts to their partnership's, and the county
  /// is the districts plus the records that could not be placed (counted from the records).
  func checkCountsAddUp(_ rows: [Row]) throws {
    var ladOfWard: [String: String] = [:]
    var cspOfLAD: [String: String] = [:]
    for area in try warehouse.query("SELECT geo_type, geo_code, lad_code, csp_code FROM ref_areas")
    {
      if area[0].string == "ward" { ladOfWard[area[1].string!] = area[2].string }
      if area[0].string == "lad", let csp = area[3].string { cspOfLAD[area[1].string!] = csp }
    }
    var sums: [String: (records: Int, numerator: Double)] = [:]
    var stored: [String: Row] = [:]
    let definitions = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0) })
    for row in rows where definitions[row.indicator]?.method != .count {
      stored["\(row.slot)|\(row.geoType)|\(row.geoCode)"] = row
      var parent: String?
      switch row.geoType {
      case "ward": parent = ladOfWard[row.geoCode].map { "lad|\($0)" }
      case "lad": parent = "county|county"
      default: parent = nil
      }
      if let parent {
        let key = "\(row.slot)|\(parent)"
        sums[key, default: (0, 0)].records += row.records ?? 0
        sums[key, default: (0, 0)].numerator += row.numerator ?? 0
      }
      if row.geoType == "lad", let csp = cspOfLAD[row.geoCode] {
        let key = "\(row.slot)|csp|\(csp)"
        sums[key, default: (0, 0)].records += row.records ?? 0
        sums[key, default: (0, 0)].numerator += row.numerator ?? 0
      }
    }
    var unplacedChecked = 0
    for (key, sum) in sums {
      let total = try #require(stored[key], "\(key) is missing")
      if total.geoType == "county" {
        let definition = definitions[total.indicator]!
        let unplaced = try unplacedRecords(definition, period: total)
        #expect(total.records == sum.records + unplaced, "\(key)")
        unplacedChecked += unplaced
      } else {
        #expect(total.records == sum.records, "\(key)")
        #expect(Self.close(total.numerator, sum.numerator, relative: 1e-12), "\(key)")
      }
    }
    #expect(unplacedChecked > 0, "the demo has unplaced records; the county must count them")
  }

  /// Records of the indicator in the period that could not be placed, straight from the table.
  func unplacedRecords(_ definition: IndicatorDefinition, period row: Row) throws -> Int {
    let numerator = definition.numerator!
    let type = PeriodType(rawValue: row.periodType)!
    let months = Period.parse(row.period, type: type)!.months.map { SQLValue.text($0.text) }
    let place =
      numerator.placeBySchool.map {
        "\($0) NOT IN (SELECT urn FROM v_school_places)"
      } ?? "geo_status = 'unplaced'"
    return try warehouse.scalar(
      """
      SELECT count(*) FROM \(numerator.table) WHERE (\(numerator.filter ?? "1")) AND \(place)
        AND period_month IN (\(months.map { _ in "?" }.joined(separator: ", ")))
      """, months)?.int ?? -1
  }

  /// previous_value is the value of the period before; the trend follows the five-period rule.
  func checkPreviousValuesAndTrends(_ rows: [Row]) {
    var byKey: [String: Row] = [:]
    for row in rows { byKey["\(row.slot)|\(row.geoType)|\(row.geoCode)"] = row }
    var trends = Set<String>()
    for row in rows {
      let type = PeriodType(rawValue: row.periodType)!
      var chain: [Row?] = [row]
      var period = Period.parse(row.period, type: type)!
      for _ in 1..<5 {
        period = period.previous
        chain.insert(
          byKey["\(row.indicator)|\(row.periodType)|\(period.label)|\(row.geoType)|\(row.geoCode)"],
          at: 0)
      }
      let previous = chain[3]
      #expect(row.previous == previous?.value, "\(row)")
      if let value = row.value, let before = previous?.value {
        #expect(row.change == value - before)
      } else {
        #expect(row.change == nil)
      }
      var expected = "not_calculated"
      if let first = chain[0], chain.allSatisfy({ $0?.lower95 != nil }) {
        if row.lower95! > first.upper95! {
          expected = "increasing"
        } else if row.upper95! < first.lower95! {
          expected = "decreasing"
        } else {
          expected = "no_significant_change"
        }
      }
      #expect(row.trend == expected, "\(row)")
      trends.insert(row.trend)
    }
    #expect(trends.isSuperset(of: ["not_calculated", "no_significant_change"]))
  }

  /// The hotspot value is the number of partner types with a `worse` indicator in its area
  /// and period that a pack publishes (neither the cell nor the county's withheld), and it exists only where every partner type has
  /// county values for the period.
  func checkHotspotCounts(_ rows: [Row]) throws {
    let partner = Dictionary(
      uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0.partnerType) })
    var worse: [String: Set<String>] = [:]
    var partnersPresent: [String: Set<String>] = [:]
    // Withheld cells count for nothing, nor do comparisons with a withheld county value:
    // the hotspot may not reveal a comparison a pack withholds.
    let countyWithheld = Set(
      rows.filter { $0.geoType == "county" && $0.suppressed }.map(\.slot))
    for row in rows where row.indicator != "multi_agency_hotspot" && !row.suppressed {
      let place = "\(row.periodType)|\(row.period)"
      if row.comparison == "worse", !countyWithheld.contains(row.slot) {
        worse["\(place)|\(row.geoType)|\(row.geoCode)", default: []].insert(
          partner[row.indicator]!)
      }
      if row.geoType == "county", row.value != nil {
        partnersPresent[place, default: []].insert(partner[row.indicator]!)
      }
    }
    var hotspots = 0
    var highest = 0.0
    for row in rows where row.indicator == "multi_agency_hotspot" {
      let place = "\(row.periodType)|\(row.period)"
      #expect(partnersPresent[place]?.count == 4, "\(place)")
      #expect(
        row.value == Double(worse["\(place)|\(row.geoType)|\(row.geoCode)"]?.count ?? 0),
        "\(row)")
      hotspots += 1
      highest = max(highest, row.value ?? 0)
    }
    #expect(hotspots > 0 && highest >= 2)
  }
}

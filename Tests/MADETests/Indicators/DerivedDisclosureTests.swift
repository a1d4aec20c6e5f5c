import Foundation
import Testing

@testable import MADE

/// What rests on a withheld cell is withheld with it (`Disclosure.markDerived`, docs/methods.md
/// § "Small-number suppression before export"), and the multi-agency hotspot counts only the
/// comparisons a pack publishes (§ "Multi-agency hotspot").
@Suite struct DerivedDisclosureTests {
  /// A ward and the county, monthly, 2024-01 to 2024-08; `withheld` lists "ward:2024-02"-style
  /// cells; every ward month is worse than the county.
  func values(withheld: Set<String>) -> [Aggregator.Value] {
    var values: [Aggregator.Value] = []
    for month in 1...8 {
      for (geoType, code) in [(GeoType.ward, "E05000001"), (.county, "county")] {
        let period = String(format: "2024-%02d", month)
        var value = Aggregator.Value(
          indicatorID: "sv_offences", geoType: geoType, geoCode: code, periodType: .month,
          period: period, records: 20, numerator: 20, value: 2,
          comparison: geoType == .ward ? "worse" : "not_compared",
          comparisonTwoLevel: "not_compared", trend: "no_significant_change")
        value.suppressed = withheld.contains("\(geoType.rawValue):\(period)")
        values.append(value)
      }
    }
    return values
  }

  func flags(_ values: [Aggregator.Value], _ period: String) -> (comparison: Bool, trend: Bool) {
    let ward = values.first { $0.geoType == .ward && $0.period == period }!
    return (ward.comparisonWithheld, ward.trendWithheld)
  }

  @Test func aWithheldCountyValueWithholdsTheComparisonsWithIt() {
    var values = values(withheld: ["county:2024-03"])
    Disclosure.markDerived(&values)
    #expect(flags(values, "2024-03").comparison)
    #expect(!flags(values, "2024-02").comparison && !flags(values, "2024-04").comparison)
    // The county's own trend reads its withheld month; the ward's does not.
    #expect(!values.contains { $0.geoType == .ward && $0.trendWithheld })
    #expect(values.first { $0.geoType == .county && $0.period == "2024-05" }!.trendWithheld)
  }

  @Test func aWithheldMonthWithholdsTheTrendsThatReadIt() {
    var values = values(withheld: ["ward:2024-02"])
    Disclosure.markDerived(&values)
    // The trend of a month reads the four before it: 2024-02 is read up to 2024-06.
    for month in ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06"] {
      #expect(flags(values, month).trend, "\(month)")
    }
    for month in ["2024-01", "2024-07", "2024-08"] {
      #expect(!flags(values, month).trend, "\(month)")
    }
    #expect(flags(values, "2024-02").comparison && !flags(values, "2024-03").comparison)
  }

  @Test func theHotspotCountsOnlyPublishedComparisons() {
    var values = values(withheld: ["county:2024-03", "ward:2024-05"])
    Disclosure.markDerived(&values)
    var inputs = Aggregator.HotspotInputs()
    inputs.add(values, partnerType: "police")
    func worse(_ period: String) -> Bool {
      inputs.worse[.init(periodType: .month, period: period)]?["ward:E05000001"]?
        .contains("police") ?? false
    }
    #expect(worse("2024-01") && worse("2024-04"))
    #expect(!worse("2024-03"), "compared with a withheld county value")
    #expect(!worse("2024-05"), "a withheld cell")
    // A month whose county value is withheld has no county value for the hotspot either.
    #expect(
      inputs.partnersWithValues[.init(periodType: .month, period: "2024-03")] == nil)
  }
}

/// v_ward_profile names four columns after each indicator: no id may be another's column.
@Suite struct WardProfileColumnTests {
  @Test func anIdThatIsAnotherIndicatorsProfileColumnIsRefused() throws {
    var catalog = try IndicatorCatalog.builtIn()
    var clash = catalog.indicators[0]
    clash.id = catalog.indicators[1].id + "_suppressed"
    catalog.indicators.append(clash)
    let error = try #require(throws: ConfigurationError.self) {
      try IndicatorCatalog.decode(try JSONEncoder().encode(catalog), source: "indicators.json")
    }
    #expect(error.description.contains("indicator \(clash.id): an id may not be another's"))
  }

  @Test func anIdThatIsOneOfTheProfilesOwnColumnsIsRefused() throws {
    var catalog = try IndicatorCatalog.builtIn()
    catalog.indicators[0].id = "period"
    let error = try #require(throws: ConfigurationError.self) {
      try IndicatorCatalog.decode(try JSONEncoder().encode(catalog), source: "indicators.json")
    }
    #expect(error.description.contains("indicator period: an id may not be one of v_ward_profile"))
  }
}

/// A warehouse aggregated before the withheld flags existed gets them when it is upgraded:
/// comparisons exactly, trends at least where they read a withheld period, and the next
/// aggregation recomputes every value and sets them exactly.
@Suite struct WithheldFlagsUpgradeTests {
  @Test func anUpgradedWarehouseWithholdsAtLeastWhatTheNextAggregationWithholds() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    let flags = """
      SELECT indicator_id, geo_type, geo_code, period_type, period, comparison_withheld,
        trend_withheld FROM indicator_values WHERE indicator_id <> 'multi_agency_hotspot'
      ORDER BY 1, 2, 3, 4, 5
      """
    let exact = try test.warehouse().query(flags)
    #expect(exact.contains { $0[6].int == 1 } && exact.contains { $0[5].int == 1 })
    // The warehouse as migration 13 left it: no flag columns, views that did not use them,
    // and a hotspot count that may rest on a comparison with a withheld county value.
    let path = test.root.appendingPathComponent("warehouse.sqlite").path
    let connection = try SQLiteConnection(path: path)
    try connection.execute(
      """
      DROP VIEW v_indicator_latest; DROP VIEW v_indicator_values; DROP VIEW v_hotspots;
      ALTER TABLE indicator_values DROP COLUMN comparison_withheld;
      ALTER TABLE indicator_values DROP COLUMN trend_withheld;
      CREATE VIEW v_indicator_latest AS SELECT 1 AS one;
      CREATE VIEW v_hotspots AS SELECT 1 AS one;
      DELETE FROM schema_migrations WHERE version = 14;
      INSERT INTO indicator_values (indicator_id, geo_type, geo_code, period_type, period,
        numerator, value, method, suppressed)
      VALUES ('multi_agency_hotspot', 'ward', 'E05000001', 'quarter', '2024-Q1', 3, 3, 'Count', 0);
      """)
    let upgraded = try test.warehouse().query(flags)
    #expect(upgraded.count == exact.count)
    #expect(
      try test.warehouse().scalar(
        "SELECT count(*) FROM sqlite_master WHERE name = 'v_ward_profile'")?.int == 0)
    for (after, before) in zip(upgraded, exact) {
      #expect(after[5].int == before[5].int, "\(after)")
      #expect(after[6].int! >= before[6].int!, "\(after)")
    }
    #expect(upgraded.map { $0[6].int! }.reduce(0, +) > exact.map { $0[6].int! }.reduce(0, +))
    #expect(
      try test.warehouse().scalar(
        "SELECT count(*) FROM aggregation_state WHERE name = 'value_inputs'")?.int == 0)
    #expect(
      try test.warehouse().scalar(
        "SELECT count(*) FROM indicator_values WHERE indicator_id = 'multi_agency_hotspot'")?
        .int == 0)
    _ = try test.pipeline.aggregate()
    #expect(try test.warehouse().query(flags) == exact)
    try ViewDisclosureAudit(warehouse: try test.warehouse()).checkAll()
  }
}

/// `made verify` notices a view or a flag that would let a withheld figure out.
@Suite struct VerifyViewsTests {
  func finding(_ test: TestWorkspace) throws -> Verification.Finding {
    try #require(try test.pipeline.verify().first { $0.check == "views show only what packs may" })
  }

  @Test func verifyFailsWhenAViewOrAFlagWouldShowAWithheldFigure() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    #expect(try finding(test).passed)
    #expect(try test.count("SELECT count(*) FROM indicator_values WHERE suppressed = 1") > 0)
    let connection = try SQLiteConnection(
      path: test.root.appendingPathComponent("warehouse.sqlite").path)
    // A view replaced by hand with the raw table.
    try connection.execute(
      """
      DROP VIEW v_indicator_latest; DROP VIEW v_indicator_values;
      CREATE VIEW v_indicator_values AS SELECT * FROM indicator_values;
      CREATE VIEW v_indicator_latest AS SELECT * FROM v_indicator_values;
      """)
    let replaced = try finding(test)
    #expect(!replaced.passed)
    #expect(replaced.detail.contains("v_indicator_values shows"), "\(replaced.detail)")
    #expect(replaced.detail.contains("rows of months or rolling years"))
    // Flags that no longer follow `suppressed`.
    let fresh = try AggregatorPeriodTests().loaded()
    _ = try fresh.pipeline.aggregate()
    try SQLiteConnection(path: fresh.root.appendingPathComponent("warehouse.sqlite").path)
      .execute("UPDATE indicator_values SET comparison_withheld = 0, trend_withheld = 0")
    let flags = try finding(fresh)
    #expect(!flags.passed && flags.detail.contains("withheld flags do not follow"), "\(flags)")
  }
}

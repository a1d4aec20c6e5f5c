import Foundation
import Testing

@testable import MADE

/// Periods summed from months, and aggregation that recounts only what new files touched.
@Suite struct AggregatorPeriodTests {
  /// A police-uk file of violence records in ward W1 (LSOA E01900001): `counts[month]` each.
  func file(_ test: TestWorkspace, _ name: String, _ counts: [(String, Int)], first: Int = 0)
    throws -> String
  {
    var lines = [PoliceUKRows.header]
    var number = first
    for (month, count) in counts {
      for _ in 0..<count {
        number += 1
        lines.append(PoliceUKRows.row(number, month: month, lsoa: "E01900001"))
      }
    }
    return try test.temporaryFile(
      name, contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
  }

  func numerator(_ test: TestWorkspace, _ type: PeriodType, _ period: String) throws -> Int? {
    let rows = try test.warehouse().query(
      """
      SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
        AND geo_type = 'county' AND period_type = ? AND period = ?
      """, [.text(type.rawValue), .text(period)])
    return rows.first?[0].int
  }

  /// Violence in March 2024: 1, April: 2, December: 4, January 2025: 8, March: 16, April: 32,
  /// none in the other months; delivered one file a month from March 2024 to April 2025, each
  /// with ten burglaries (counted by no indicator), so that every month is delivered
  /// (`DeliveredMonths`: a month needs a share of the feed's typical month).
  func loaded() throws -> TestWorkspace {
    let test = try TestWorkspace()
    let violence = [
      "2024-03": 1, "2024-04": 2, "2024-12": 4, "2025-01": 8, "2025-03": 16, "2025-04": 32,
    ]
    var number = 0
    var loaded = 0
    for index in Month(year: 2024, month: 3).index...Month(year: 2025, month: 4).index {
      let month = Month(index: index).text
      var lines = [PoliceUKRows.header]
      for _ in 0..<10 {
        number += 1
        lines.append(
          PoliceUKRows.row(number, month: month, lsoa: "E01900001", crimeType: "Burglary"))
      }
      for _ in 0..<(violence[month] ?? 0) {
        number += 1
        lines.append(PoliceUKRows.row(number, month: month, lsoa: "E01900001"))
      }
      let path = try test.temporaryFile(
        "\(month).csv", contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
      loaded += try test.ingest(path).rowsLoaded
    }
    #expect(loaded == 63 + 140)
    return test
  }

  @Test func splitsFinancialYearsAtAprilAndRollingYearsAtTheirFirstMonth() throws {
    let test = try loaded()
    _ = try test.pipeline.aggregate()
    // 2023/24 would need April 2023: the feed starts in March 2024, so it is not complete.
    #expect(try numerator(test, .financialYear, "2023/24") == nil)
    #expect(try numerator(test, .financialYear, "2024/25") == 2 + 4 + 8 + 16)
    #expect(try numerator(test, .rolling12m, "2025-02") == 1 + 2 + 4 + 8)
    #expect(try numerator(test, .rolling12m, "2025-03") == 2 + 4 + 8 + 16)
    #expect(try numerator(test, .rolling12m, "2025-04") == 4 + 8 + 16 + 32)
    #expect(try numerator(test, .quarter, "2024-Q4") == 4)
    #expect(try numerator(test, .quarter, "2025-Q1") == 8 + 16)
    #expect(try numerator(test, .quarter, "2025-Q2") == nil)  // May and June not delivered
    #expect(try numerator(test, .month, "2025-02") == 0)  // delivered, with none: a true zero
    #expect(
      try test.strings(
        """
        SELECT DISTINCT population_year FROM indicator_values
        WHERE period_type = 'financial_year' AND indicator_id = 'puk_violence_sexual'
        """) == ["2022"])  // the latest estimate loaded stands in for 2024
  }

  @Test func leavesTheCurrentMonthOutUntilItHasEnded() throws {
    let test = try loaded()
    let midApril = ISO8601DateFormatter().date(from: "2025-04-15T12:00:00Z")!
    _ = try test.pipeline.aggregate(today: midApril)
    #expect(try numerator(test, .month, "2025-03") == 16)
    #expect(try numerator(test, .month, "2025-04") == nil)
    #expect(try numerator(test, .rolling12m, "2025-04") == nil)
  }

  @Test func recountsOnlyTheMonthsANewFileTouches() throws {
    let test = try TestWorkspace()
    try test.ingest(try file(test, "jan.csv", [("2025-01", 3)]))
    try test.ingest(try file(test, "feb.csv", [("2025-02", 5)], first: 100))
    let first = try test.pipeline.aggregate()
    #expect(first.rescannedEverything)
    try test.ingest(try file(test, "mar.csv", [("2025-03", 7)], first: 200))
    let second = try test.pipeline.aggregate()
    #expect(!second.rescannedEverything)
    #expect(second.monthsScanned["police_uk_street"] == ["2025-03"])
    // New: March and the first complete quarter, for three police-uk indicators at 3 wards,
    // 2 districts, 1 partnership and the county. January's and February's rows stand.
    // (A few January and February rows may be rewritten only because the new quarter makes
    // their suppression change.)
    #expect(second.valuesWritten >= 3 * 7 * 2 && second.valuesWritten < second.valuesTotal)
    #expect(second.valuesDeleted == 0)
    #expect(try numerator(test, .quarter, "2025-Q1") == 15)
    // Nothing new: nothing scanned, nothing written.
    let third = try test.pipeline.aggregate()
    #expect(third.monthsScanned["police_uk_street"] == [])
    #expect(third.valuesWritten == 0)
    // The same as counting everything afresh.
    _ = try test.warehouse().query("DELETE FROM aggregation_state")
    let fresh = try test.pipeline.aggregate()
    #expect(fresh.rescannedEverything && fresh.valuesWritten == 0 && fresh.valuesDeleted == 0)
  }

  @Test func recountsTheMonthARecordMovedOutOf() throws {
    let test = try TestWorkspace()
    try test.ingest(try file(test, "first.csv", [("2025-01", 4), ("2025-02", 1)]))
    _ = try test.pipeline.aggregate()
    #expect(try numerator(test, .month, "2025-01") == 4)
    // The publisher moves crime 4 (same Crime ID) from January to February. A police.uk
    // month is its publication (`periodInKey`): crime 4 is February's new record, and the
    // resent January no longer has it, so it leaves January.
    let moved = try file(test, "moved.csv", [("2025-01", 3), ("2025-02", 2)])
    let outcome = try test.ingest(moved)
    #expect(outcome.rowsInserted == 1 && outcome.rowsReplaced == 1 && outcome.rowsUpdated == 0)
    let summary = try test.pipeline.aggregate()
    #expect(summary.monthsScanned["police_uk_street"] == ["2025-01", "2025-02"])
    #expect(try numerator(test, .month, "2025-01") == 3)
    #expect(try numerator(test, .month, "2025-02") == 2)
  }

  @Test func countsEverythingAgainAfterAReferenceTableChanges() throws {
    let test = try loaded()
    _ = try test.pipeline.aggregate()
    _ = try test.pipeline.loadReference(
      .offences, path: Fixtures.url("reference/offences.csv").path, year: nil)
    #expect(try test.pipeline.aggregate().rescannedEverything)
    _ = try test.pipeline.loadReference(
      .population, path: Fixtures.url("reference/population.csv").path, year: 2024)
    let afterPopulation = try test.pipeline.aggregate()
    #expect(!afterPopulation.rescannedEverything)
    // The 2024 estimate now serves the 2024/25 financial year.
    #expect(
      try test.strings(
        """
        SELECT DISTINCT population_year FROM indicator_values
        WHERE period = '2024/25' AND indicator_id = 'puk_violence_sexual'
        """) == ["2024"])
  }

  @Test func countsAFeedThatArrivesAfterTheFirstAggregation() throws {
    let test = try TestWorkspace()
    try test.ingest(try file(test, "jan.csv", [("2025-01", 3)]))
    _ = try test.pipeline.aggregate()
    #expect(
      try test.count("SELECT count(*) FROM indicator_values WHERE indicator_id = 'sv_offences'")
        == 0)
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    let summary = try test.pipeline.aggregate()
    #expect(!summary.rescannedEverything)
    #expect(summary.monthsScanned["police_uk_street"] == [])
    #expect(
      try test.count("SELECT count(*) FROM indicator_values WHERE indicator_id = 'sv_offences'") > 0
    )
    _ = try test.warehouse().query("DELETE FROM aggregation_state")
    let fresh = try test.pipeline.aggregate()
    #expect(fresh.valuesWritten == 0 && fresh.valuesDeleted == 0)
  }

  @Test func recomputesOnlyTheIndicatorsOfTheFeedsThatChanged() throws {
    let test = try TestWorkspace()
    let catalog = try IndicatorCatalog.builtIn().indicators
    try test.ingest(try file(test, "jan.csv", [("2025-01", 3)]))
    #expect(try test.pipeline.aggregate().indicatorsRecomputed.count == catalog.count)
    // A police-crimes delivery: its indicators and the hotspot (made from all of them) are
    // computed again; the police.uk ones keep their stored values.
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    let crimes = try test.pipeline.aggregate()
    let expected = catalog.filter { $0.numerator?.table == "police_crimes" }.map(\.id)
    #expect(!expected.isEmpty)
    #expect(
      Set(crimes.indicatorsRecomputed)
        == Set(expected + catalog.filter { $0.method == .count }.map(\.id)))
    #expect(!crimes.indicatorsRecomputed.contains("puk_violence_sexual"))
    #expect(try crimes.valuesTotal == test.count("SELECT count(*) FROM indicator_values"))
    // The kept values are what a full recount gives.
    _ = try test.warehouse().query("DELETE FROM aggregation_state")
    let fresh = try test.pipeline.aggregate()
    #expect(fresh.valuesWritten == 0 && fresh.valuesDeleted == 0)
    // What every indicator depends on (here the population estimates) recomputes them all.
    _ = try test.pipeline.loadReference(
      .population, path: Fixtures.url("reference/population.csv").path, year: 2024)
    #expect(try test.pipeline.aggregate().indicatorsRecomputed.count == catalog.count)
  }

  @Test func regroupsPartnershipsWhenMadeTomlChanges() throws {
    let test = try loaded()
    _ = try test.pipeline.aggregate()
    #expect(
      try test.strings("SELECT DISTINCT geo_code FROM indicator_values WHERE geo_type = 'csp'") == [
        "CSP-CEN"
      ])
    var config = try test.workspace.loadConfig()
    config.partnerships = [
      Config.Partnership(code: "CSP-P", name: "Preston", ladCodes: ["E07000123"])
    ]
    try config.commentedTOML().write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    let summary = try Pipeline(workspace: test.workspace).aggregate()
    #expect(!summary.rescannedEverything)
    #expect(
      try test.strings("SELECT DISTINCT geo_code FROM indicator_values WHERE geo_type = 'csp'") == [
        "CSP-P"
      ])
    #expect(try test.strings("SELECT csp_code, lad_code FROM ref_csps") == ["CSP-P|E07000123"])
  }

  @Test func aDistrictAddedToTheAreaBringsItsEarlierRecords() throws {
    let test = try TestWorkspace()
    var lines = [PoliceUKRows.header]
    for number in 1...6 {
      lines.append(PoliceUKRows.row(number, month: "2025-01", lsoa: "E01900009"))  // Wigan
    }
    try test.ingest(
      try test.temporaryFile(
        "wigan.csv", contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8)))
    _ = try test.pipeline.aggregate()
    #expect(
      try test.count("SELECT count(*) FROM indicator_values WHERE geo_code = 'E08000010'") == 0)
    var config = try test.workspace.loadConfig()
    config.area.ladCodes.append("E08000010")
    try config.commentedTOML().write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    #expect(try Pipeline(workspace: test.workspace).aggregate().rescannedEverything)
    #expect(
      try test.count(
        """
        SELECT numerator FROM indicator_values WHERE geo_code = 'E08000010'
          AND indicator_id = 'puk_violence_sexual' AND period_type = 'month'
        """) == 6)
  }
}

import Foundation
import Testing

@testable import MADE

/// `puk_violence_sexual` end to end: records → counts → rates with docs/methods.md's limits →
/// comparison with the county.
@Suite struct AggregatorTests {
  /// Wards: W1 Preston Central (1,000 residents), W2 Preston North (2,000), W3 Chorley East
  /// (5,000). January: 5 violence in W3, one with no location, one in Wigan (outside), one
  /// robbery in W3 (another category). February: 10 in W3 and 20 in W1.
  func loadedWorkspace() throws -> TestWorkspace {
    let test = try TestWorkspace()
    var lines = [PoliceUKRows.header]
    var number = 0
    func add(
      _ count: Int, month: String, lsoa: String, type: String = "Violence and sexual offences"
    ) {
      for _ in 0..<count {
        number += 1
        lines.append(
          PoliceUKRows.row(
            number, location: lsoa.isEmpty ? "No Location" : "On or near A Street", month: month,
            lsoa: lsoa, crimeType: type))
      }
    }
    add(5, month: "2025-01", lsoa: "E01900003")
    add(1, month: "2025-01", lsoa: "")
    add(1, month: "2025-01", lsoa: "E01900009")
    add(1, month: "2025-01", lsoa: "E01900003", type: "Robbery")
    add(10, month: "2025-02", lsoa: "E01900003")
    add(20, month: "2025-02", lsoa: "E01900001")
    let path = try test.temporaryFile(
      "indicator.csv", contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
    #expect(try test.ingest(path).rowsLoaded == 38)
    _ = try test.pipeline.aggregate()
    return test
  }

  struct Row {
    var numerator: Double
    var denominator: Double
    var value: Double
    var lower95: Double
    var upper95: Double
    var lower998: Double
    var upper998: Double
    var method: String
    var benchmark: Double?
    var comparison: String
  }

  func row(_ test: TestWorkspace, _ geoType: String, _ code: String, _ period: String) throws
    -> Row
  {
    let rows = try test.warehouse().query(
      """
      SELECT numerator, denominator, value, lower_95, upper_95, lower_998, upper_998, method,
        benchmark_value, comparison FROM indicator_values
      WHERE indicator_id = 'puk_violence_sexual' AND geo_type = ? AND geo_code = ?
        AND period_type = 'month' AND period = ?
      """, [.text(geoType), .text(code), .text(period)])
    let values = try #require(rows.first)
    return Row(
      numerator: values[0].double!, denominator: values[1].double!, value: values[2].double!,
      lower95: values[3].double!, upper95: values[4].double!, lower998: values[5].double!,
      upper998: values[6].double!, method: values[7].string!, benchmark: values[8].double,
      comparison: values[9].string!)
  }

  func close(_ actual: Double, _ expected: Double, relative: Double = 1e-5) -> Bool {
    abs(actual - expected) <= relative * max(abs(expected), 1e-12)
  }

  @Test func matchesMETHODSWorkedValuesForFiveAndTenEvents() throws {
    let test = try loadedWorkspace()
    // docs/methods.md, per 100,000 with 5,000 residents: O=5 → 100 [32.4697, 233.367], 99.8%
    // [14.7874, 329.095]; O=10 → 200 [95.7490, 367.829]. Here per 1,000: divide by 100.
    let five = try row(test, "ward", "E05900003", "2025-01")
    #expect(five.numerator == 5 && five.denominator == 5000)
    #expect(close(five.value, 1.0))
    #expect(close(five.lower95, 0.324697) && close(five.upper95, 2.33367))
    #expect(close(five.lower998, 0.147874) && close(five.upper998, 3.29095))
    #expect(five.method == "Exact")
    let ten = try row(test, "ward", "E05900003", "2025-02")
    #expect(close(ten.value, 2.0))
    #expect(close(ten.lower95, 0.957490) && close(ten.upper95, 3.67829))
    #expect(ten.method == "Byars")
    // O=0 → [0, 73.7776] per 100,000 of 5,000; W1 has 1,000 residents: upper 3.68888 per 1,000.
    let zero = try row(test, "ward", "E05900001", "2025-01")
    #expect(zero.value == 0 && zero.lower95 == 0 && close(zero.upper95, 3.68888))
  }

  @Test func countsUnplacedRecordsInTheCountyAndLeavesOutsideRecordsOut() throws {
    let test = try loadedWorkspace()
    let county = try row(test, "county", "county", "2025-01")
    #expect(county.numerator == 6)  // 5 in W3 + 1 with no location; Wigan and robbery excluded
    #expect(county.denominator == 8000)
    #expect(close(county.value, 0.75, relative: 1e-12))
    #expect(county.comparison == "not_compared")
    let chorley = try row(test, "lad", "E07000118", "2025-01")
    #expect(chorley.numerator == 5 && chorley.denominator == 5000)
    let preston = try row(test, "lad", "E07000123", "2025-02")
    #expect(preston.numerator == 20 && preston.denominator == 3000)
    #expect(
      try test.count(
        "SELECT count(*) FROM indicator_values WHERE geo_code IN ('E05900009', 'E08000010')") == 0)
  }

  @Test func comparesEachAreaWithTheCountyOfTheSamePeriod() throws {
    let test = try loadedWorkspace()
    // February: county 30 / 8,000 = 3.75 per 1,000.
    let w1 = try row(test, "ward", "E05900001", "2025-02")
    let w3 = try row(test, "ward", "E05900003", "2025-02")
    #expect(w1.benchmark.map { close($0, 3.75, relative: 1e-12) } == true)
    #expect(w1.comparison == "worse")  // 20 per 1,000, lower limit above 3.75
    #expect(w3.comparison == "better")  // 2.0, upper limit 3.678 below 3.75
    #expect(try row(test, "ward", "E05900003", "2025-01").comparison == "similar")
  }

  @Test func writesAValueForEveryAreaWardDistrictPartnershipAndMonth() throws {
    let test = try loadedWorkspace()
    // 3 wards + 2 districts + 1 partnership (Central Lancashire holds both) + county, for 2
    // months; two months make no complete quarter, year or rolling year.
    #expect(
      try test.strings(
        """
        SELECT period_type, count(*) FROM indicator_values
        WHERE indicator_id = 'puk_violence_sexual' GROUP BY 1
        """) == ["month|14"])
    #expect(
      try test.strings(
        "SELECT geo_code FROM indicator_values WHERE geo_type = 'csp' AND period = '2025-01' "
          + "AND indicator_id = 'puk_violence_sexual'") == ["CSP-CEN"])
    #expect(
      try test.strings(
        "SELECT indicator_id, method, multiplier, polarity FROM indicators WHERE sort_order = 1")
        == ["puk_violence_sexual|rate|1000.0|low_is_good"])
  }

  @Test func reportsAreaWardsWithoutAPopulationEstimate() throws {
    let test = try loadedWorkspace()
    _ = try test.warehouse().query("DELETE FROM ref_population WHERE ward_code = 'E05900002'")
    let summary = try test.pipeline.aggregate()
    #expect(summary.wardsWithoutPopulation == ["E05900002"])
  }
}

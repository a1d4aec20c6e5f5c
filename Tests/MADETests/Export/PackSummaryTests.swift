import Foundation
import Testing

@testable import MADE

/// The summary at the top of `report.html` (`PackSummary`): sentences that state the pack's
/// figures, checked against its rows by `SummaryAudit`, and that say so when nothing is
/// worse or changing.
@Suite struct PackSummaryTests {
  func sentences(_ pack: Pack) throws -> [String] {
    // The hand-made pack's hotspot values are not computed from its comparisons.
    try SummaryAudit.check(pack, realHotspots: false)
    return PackReport.Report(pack: pack).summary().sentences.map(\.html)
  }

  @Test func namesWhatIsWorseWithItsFiguresAndTheCountys() throws {
    let text = try sentences(try PackReportTests.pack())
    #expect(
      text[0]
        == "Preston is significantly worse than Lancashire on 1 of the 2 indicators compared "
        + "for 2024/25: Serious violence offences (12.4 per 1,000 against 9.0 per 1,000).")
    // Fishwick is the one ward with the data of 2 partner types worse; the withheld ward is
    // never named with a figure.
    #expect(text.contains { $0.contains("Fishwick (2)") })
    #expect(!text.joined().contains("Quotes"))
  }

  @Test func aPackWithNothingWorseSaysSo() throws {
    var pack = try PackReportTests.pack()
    pack.rows = pack.rows.map {
      var row = $0
      if row.comparison == "worse" { row.comparison = "similar" }
      return row
    }
    let text = try sentences(pack)
    #expect(
      text[0]
        == "Preston is not significantly worse than Lancashire on any of the 2 indicators "
        + "compared for 2024/25.")
    #expect(
      text.contains {
        $0.hasPrefix("1 of the 3 wards is worse than Lancashire on the data of 2 or more partner")
      })
  }

  @Test func tellsARunOfRisesAndATrendWithTheirFigures() throws {
    var pack = try PackReportTests.pack(indicatorIDs: ["sv_offences"])
    let template = pack.rows[0]
    let quarters = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]
    pack.periodType = .quarter
    pack.period = "2025-Q1"
    pack.rows = quarters.enumerated().flatMap { index, quarter in
      [PackReportTests.preston, PackReportTests.lancashire].map { area in
        var row = template
        row.area = area
        row.periodType = .quarter
        row.period = quarter
        row.value = .number(area == PackReportTests.preston ? 2.0 + Double(index) : 3)
        row.comparison = area == PackReportTests.preston ? "similar" : "not_compared"
        row.trend = index == 4 && area == PackReportTests.preston ? "increasing" : "not_calculated"
        return row
      }
    }
    let text = try sentences(pack)
    #expect(
      text.contains(
        "Serious violence offences rose for the fourth quarter running in Preston: 2.0 per 1,000 in 2024-Q1, "
          + "3.0 per 1,000 in 2024-Q2, 4.0 per 1,000 in 2024-Q3, 5.0 per 1,000 in 2024-Q4, "
          + "6.0 per 1,000 in 2025-Q1."))
    #expect(
      text.contains(
        "Over the last 5 quarters for Preston: Serious violence offences is increasing (2.0 per 1,000 in "
          + "2024-Q1, 6.0 per 1,000 in 2025-Q1)."))
    // A withheld quarter breaks the run: nothing is told through it.
    pack.rows[4].value = .suppressed
    pack.rows[4].suppressed = true
    #expect(try !sentences(pack).contains { $0.contains("running") })
  }

  @Test func saysWhyNoTrendIsCalculatedYet() throws {
    let text = try sentences(try PackReportTests.pack())
    #expect(
      text.contains(
        "No trend is calculated for Preston: a trend needs values for 5 financial years in a "
          + "row, and Preston has values for 3."))
  }
}

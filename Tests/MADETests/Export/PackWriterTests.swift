import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// Packs from a small workspace: escaping, reproducibility, periods and areas.
@Suite struct PackWriterTests {
  /// Wards renamed to carry markup and a spreadsheet formula; three months of police-uk
  /// violence so that 2025-Q1 is complete.
  func workspace() throws -> TestWorkspace {
    let test = try TestWorkspace()
    let wards = """
      FID,WD24CD,WD24NM,LAD24CD,LAD24NM
      1,E05900001,<script>alert(1)</script>,E07000123,Preston
      2,E05900002,"=HYPERLINK(""http://x"")",E07000123,Preston
      3,E05900003,Chorley East,E07000118,Chorley
      4,E05900009,Wigan Town,E08000010,Wigan

      """
    _ = try test.pipeline.loadReference(
      .wards, path: try test.temporaryFile("wards.csv", contents: Data(wards.utf8)), year: nil)
    // One file a month, January with burglaries (counted by no indicator) too: each month is
    // then delivered (`DeliveredMonths`: a month needs a share of the feed's typical month).
    var lines: [String: [String]] = [:]
    var number = 0
    for (month, lsoa, count, type) in [
      ("2025-01", "E01900001", 2, "Violence and sexual offences"),
      ("2025-01", "E01900001", 8, "Burglary"),
      ("2025-02", "E01900002", 9, "Violence and sexual offences"),
      ("2025-03", "E01900003", 30, "Violence and sexual offences"),
      ("2025-03", "E01900001", 12, "Violence and sexual offences"),
    ] {
      for _ in 0..<count {
        number += 1
        lines[month, default: [PoliceUKRows.header]].append(
          PoliceUKRows.row(number, month: month, lsoa: lsoa, crimeType: type))
      }
    }
    for month in lines.keys.sorted() {
      try test.ingest(
        try test.temporaryFile(
          "\(month).csv",
          contents: Data((lines[month]!.joined(separator: "\r\n") + "\r\n").utf8)))
    }
    _ = try test.pipeline.aggregate()
    return test
  }

  @Test func escapesMarkupAndFormulasFromTheData() throws {
    let test = try workspace()
    let written = try test.pipeline.export(area: "E07000123", period: "2025-Q1")
    #expect(written.map(\.lastPathComponent) == ["made-pack-E07000123-2025-Q1.zip"])
    let files = try PackAudit.entries(written[0])
    let report = String(decoding: files[3].bytes, as: UTF8.self)
    #expect(!report.contains("<script>alert(1)</script>"))
    #expect(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    let csv = String(decoding: files[1].bytes, as: UTF8.self)
    #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
    #expect(!csv.contains(",=HYPERLINK"))
  }

  @Test func exportingTwiceGivesTheSameBytes() throws {
    let test = try workspace()
    let first = try test.pipeline.export(to: test.root.appendingPathComponent("one"))
    let second = try test.pipeline.export(to: test.root.appendingPathComponent("two"))
    #expect(first.count == second.count && !first.isEmpty)
    for (a, b) in zip(first, second) {
      #expect(a.lastPathComponent == b.lastPathComponent)
      #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(a.lastPathComponent)")
    }
  }

  @Test func writesEveryDistrictPartnershipAndTheCountyForTheLatestPeriods() throws {
    let test = try workspace()
    let names = try test.pipeline.export().map(\.lastPathComponent).sorted()
    // Three months: a quarter, no financial year.
    #expect(
      names == [
        "made-pack-CSP-CEN-2025-Q1.zip", "made-pack-E07000118-2025-Q1.zip",
        "made-pack-E07000123-2025-Q1.zip", "made-pack-county-2025-Q1.zip",
      ])
    try PackAudit.check(
      try test.pipeline.export(), catalog: try IndicatorCatalog.builtIn(), expectWithheld: false)
  }

  @Test func takesAnAreaByItsNameAsWellAsItsCode() throws {
    let test = try workspace()
    let byCode = try test.pipeline.export(area: "E07000123", period: "2025-Q1")
    let byName = try test.pipeline.export(area: " preston ", period: "2025-Q1")
    #expect(byName.map(\.lastPathComponent) == byCode.map(\.lastPathComponent))
    #expect(byName.map(\.lastPathComponent) == ["made-pack-E07000123-2025-Q1.zip"])
  }

  @Test func refusesAnUnknownAreaOrPeriodNamingWhatExists() throws {
    let test = try workspace()
    #expect {
      try test.pipeline.export(area: "E99999999")
    } throws: {
      "\($0)".contains("no district or partnership has the code or name 'E99999999'.")
        && "\($0)".contains(
          "Choose one of E07000118 (Chorley), E07000123 (Preston), CSP-CEN (")
        && "\($0)".hasSuffix(", county (Lancashire), or all")
    }
    #expect {
      try test.pipeline.export(area: "Prestn")
    } throws: { "\($0)".contains("'Prestn'; did you mean Preston?") }
    #expect {
      try test.pipeline.export(period: "2023/24")
    } throws: { "\($0)".contains("no indicator values for financial_year 2023/24") }
    #expect {
      try test.pipeline.export(period: "spring")
    } throws: { "\($0)".contains("is not a period") }
  }

  @Test func escapesSpreadsheetFormulasInTextCellsOnly() {
    #expect(PackWriter.text("=SUM(A1)") == "'=SUM(A1)")
    #expect(PackWriter.text("+44") == "'+44")
    #expect(PackWriter.text("-x") == "'-x")
    #expect(PackWriter.text("@cmd") == "'@cmd")
    #expect(PackWriter.text("\tx") == "'\tx")
    #expect(PackWriter.text("a, b") == "\"a, b\"")
    #expect(PackWriter.text("Preston") == "Preston")
    #expect(PackWriter.number(.number(-1.5)) == "-1.5")
    #expect(PackWriter.number(.number(12)) == "12")
    #expect(PackWriter.number(.suppressed) == "c")
  }
}

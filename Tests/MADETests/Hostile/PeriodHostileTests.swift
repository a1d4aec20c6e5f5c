import Foundation
import Testing

@testable import MADE

/// Issue 12, case 1: invented periods. Dates far outside what a delivery can hold are rejected
/// (`implausible-date`), and a period is published only when every one of its months was
/// delivered (`DeliveredMonths`), never because a stray record stretched the feed's span.
@Suite struct PeriodHostileTests {
  /// A police.uk file: `counts` rows for each month, numbered on from `first`.
  func policeUK(_ counts: [(month: String, rows: Int)], first: Int = 1) -> Data {
    var lines = [PoliceUKRows.header]
    var number = first
    for (month, rows) in counts {
      for _ in 0..<rows {
        lines.append(PoliceUKRows.row(number, month: month, lsoa: "E01900003"))
        number += 1
      }
    }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  /// The force's extract with one row per recorded date (dd/mm/yyyy), committed the same day
  /// unless `committed` says otherwise.
  func policeCrimes(_ recorded: [String], committed: [String]? = nil) -> Data {
    var lines = [
      "Crime Reference,Recorded Date,Committed Date,Committed Time,HO Offence Code,"
        + "Offence Description,Offence Postcode,LSOA Code,Victim Age,Victim Sex,Weapon,"
        + "Domestic Abuse,Outcome"
    ]
    for (index, date) in recorded.enumerated() {
      lines.append(
        "LC-\(index + 1),\(date),\(committed?[index] ?? date),12:00,8N,Assault with injury,"
          + "PR1 8XB,,23,M,NONE,N,Under investigation")
    }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  /// dd/mm/yyyy of today plus `days` (UTC).
  func day(_ days: Int) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "dd/MM/yyyy"
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
  }

  func expectVerified(_ test: TestWorkspace) throws {
    let failed = try test.pipeline.verify().filter { !$0.passed }
    #expect(failed.isEmpty, "\(failed)")
  }

  /// Every (indicator, geography, period type, period) published.
  func publishedPeriods(_ test: TestWorkspace) throws -> Set<String> {
    Set(
      try test.strings(
        "SELECT indicator_id, geo_type, geo_code, period_type, period FROM indicator_values"))
  }

  @Test func rowsDatedBeforeTheWindowOrAfterTheDeliveryAreRejectedNotLoaded() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "wild.csv",
      contents: policeCrimes([
        "03/01/2025", "01/01/1800", "31/12/1999", "01/01/2052", day(3), day(1), "29/02/2024",
        "01/01/2000",
      ]))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(
      try test.rejectLines(outcome) == [
        "line 3, Recorded Date: implausible-date", "line 4, Recorded Date: implausible-date",
        "line 5, Recorded Date: implausible-date", "line 6, Recorded Date: implausible-date",
      ])
    #expect(outcome.rowsLoaded == 4)
    #expect(
      try test.strings("SELECT DISTINCT period_month FROM police_crimes ORDER BY 1").first
        == "2000-01")
    let message = try test.strings("SELECT message FROM rejects WHERE line = 5")[0]
    #expect(message.contains("after") && !message.contains("2052"))
    try expectVerified(test)
  }

  @Test func aHistoricOffenceMayBeCommittedLongBeforeItIsRecorded() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "historic.csv",
      contents: policeCrimes(
        ["03/01/2025", "04/01/2025", "05/01/2025"],
        committed: ["14/07/1985", "01/01/1899", "01/01/2053"]))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(
      try test.rejectLines(outcome) == [
        "line 3, Committed Date: implausible-date", "line 4, Committed Date: implausible-date",
      ])
    #expect(try test.strings("SELECT committed_date FROM police_crimes") == ["1985-07-14"])
  }

  @Test func aYearMonthOutsideTheWindowIsRejected() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "months.csv",
      contents: policeUK([("2025-01", 3), ("1800-01", 1), ("2999-12", 1), ("1999-12", 1)]))
    let outcome = try test.ingest(path)
    #expect(outcome.rowsLoaded == 3)
    #expect(outcome.rowsRejected == 3)
    #expect(
      try test.count("SELECT count(*) FROM rejects WHERE reason = 'implausible-date'") == 3)
    try expectVerified(test)
  }

  @Test func aTermThatHasNotStartedByTheDeliveryIsRejected() throws {
    let test = try TestWorkspace()
    let good = try Data(contentsOf: Fixtures.url("feeds/school-absence-small.csv"))
    let text = String(decoding: good, as: UTF8.self)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let year = Calendar(identifier: .gregorian).component(.year, from: Date())
    let future = "\(year + 2)/\(String(format: "%02d", (year + 3) % 100))"
    let past = "1998/99"
    var wild = [lines[0], lines[1]]
    for replacement in [future, past] {
      let fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",").map(String.init)
      let yearColumn = try #require(header.firstIndex(of: "Academic Year"))
      var changed = fields
      changed[yearColumn] = replacement
      wild.append(changed.joined(separator: ","))
    }
    let path = try test.temporaryFile(
      "terms.csv", contents: Data((wild.joined(separator: "\r\n") + "\r\n").utf8))
    let outcome = try test.ingest(path, feed: "school-absence")
    #expect(
      try test.rejectLines(outcome) == [
        "line 3, Academic Year: implausible-date", "line 4, Academic Year: implausible-date",
      ])
  }

  /// The issue's case: one row dated 2052 or 1800 made the next pack publish zeros for every
  /// month in between. Here a stray (but plausible) 2019 record and two wild ones arrive with a
  /// resend of the months already loaded: nothing new is published.
  @Test func oneWildRowPublishesNothingNew() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "clean.csv",
      contents: policeUK([("2024-10", 30), ("2024-11", 30), ("2024-12", 30), ("2025-01", 30)]))
    try test.ingest(path)
    _ = try test.pipeline.aggregate()
    let before = try publishedPeriods(test)
    #expect(before.contains("puk_violence_sexual|county|county|quarter|2024-Q4"))
    #expect(!before.contains { $0.contains("2019") })

    var wild = policeUK([("2025-01", 30)], first: 91)
    wild += Data(
      (PoliceUKRows.row(900, month: "2019-06", lsoa: "E01900003") + "\r\n"
        + PoliceUKRows.row(901, month: "2052-01", lsoa: "E01900003") + "\r\n"
        + PoliceUKRows.row(902, month: "1800-01", lsoa: "E01900003") + "\r\n").utf8)
    let outcome = try test.ingest(try test.temporaryFile("wild.csv", contents: wild))
    #expect(outcome.rowsLoaded == 31)
    #expect(outcome.rowsRejected == 2)
    _ = try test.pipeline.aggregate()
    #expect(try publishedPeriods(test) == before)
    // Nor do packs say the feed covers 2019.
    #expect(
      try test.warehouse().packSources(feeds: try FeedCatalog()).map {
        "\($0.feed) \($0.firstMonth) \($0.lastMonth)"
      } == ["police-uk 2024-10 2025-01"])
    #expect(
      try test.count("SELECT count(*) FROM police_uk_street WHERE period_month = '2019-06'") == 1)
    try expectVerified(test)
  }

  @Test func aMonthNobodyDeliveredIsNotPublishedUntilItArrives() throws {
    let test = try TestWorkspace()
    try test.ingest(try test.temporaryFile("jan.csv", contents: policeUK([("2025-01", 20)])))
    try test.ingest(
      try test.temporaryFile("mar.csv", contents: policeUK([("2025-03", 20)], first: 100)))
    _ = try test.pipeline.aggregate()
    let gap = try publishedPeriods(test)
    #expect(gap.contains("puk_violence_sexual|county|county|month|2025-01"))
    #expect(gap.contains("puk_violence_sexual|county|county|month|2025-03"))
    #expect(!gap.contains("puk_violence_sexual|county|county|month|2025-02"))
    #expect(!gap.contains("puk_violence_sexual|county|county|quarter|2025-Q1"))
    try expectVerified(test)

    try test.ingest(
      try test.temporaryFile("feb.csv", contents: policeUK([("2025-02", 20)], first: 200)))
    _ = try test.pipeline.aggregate()
    let whole = try publishedPeriods(test)
    #expect(whole.contains("puk_violence_sexual|county|county|month|2025-02"))
    #expect(whole.contains("puk_violence_sexual|county|county|quarter|2025-Q1"))
    try expectVerified(test)
  }

  @Test func aMonthWithoutItsShareOfRecordsIsNotVouchedFor() throws {
    let test = try TestWorkspace()
    // A backlog whose February holds one record: MADE cannot tell "nothing happened" from
    // "not sent", so February (and the quarter) are not published; nor is a stray month of a
    // small file, nor the years between it and the rest.
    try test.ingest(
      try test.temporaryFile(
        "backlog.csv", contents: policeUK([("2025-01", 20), ("2025-02", 1), ("2025-03", 20)])))
    try test.ingest(
      try test.temporaryFile(
        "small.csv", contents: policeUK([("2024-06", 9), ("2019-06", 1)], first: 100)))
    _ = try test.pipeline.aggregate()
    let published = try publishedPeriods(test)
    #expect(published.contains("puk_violence_sexual|county|county|month|2025-01"))
    #expect(published.contains("puk_violence_sexual|county|county|month|2024-06"))
    #expect(!published.contains("puk_violence_sexual|county|county|month|2025-02"))
    #expect(!published.contains("puk_violence_sexual|county|county|quarter|2025-Q1"))
    #expect(!published.contains { $0.contains("2019") || $0.contains("2020") })
    try expectVerified(test)
  }

  /// Found by a hostile pass after the first fix: a three-row file, one record in each of
  /// three later months, vouched for all three (each was its own file's fullest month), and
  /// nightly published a quarter of zeros for every district.
  @Test func aHandfulOfRecordsDoesNotVouchForAMonthOfABusyFeed() throws {
    let test = try TestWorkspace()
    for (index, month) in ["2024-10", "2024-11", "2024-12"].enumerated() {
      try test.ingest(
        try test.temporaryFile(
          "\(month).csv", contents: policeUK([(month, 40)], first: index * 100 + 1)))
    }
    _ = try test.pipeline.aggregate()
    let before = try publishedPeriods(test)
    #expect(before.contains("puk_violence_sexual|county|county|quarter|2024-Q4"))
    try test.ingest(
      try test.temporaryFile(
        "late.csv",
        contents: policeUK([("2025-01", 1), ("2025-02", 1), ("2025-03", 1)], first: 900)
      ))
    try test.ingest(
      try test.temporaryFile("one.csv", contents: policeUK([("2025-04", 2)], first: 950)))
    _ = try test.pipeline.aggregate()
    #expect(try publishedPeriods(test) == before)
    try expectVerified(test)
  }

  @Test func verifyNoticesAPublishedPeriodNobodyDelivered() throws {
    let test = try TestWorkspace()
    try test.ingest(try test.temporaryFile("jan.csv", contents: policeUK([("2025-01", 20)])))
    _ = try test.pipeline.aggregate()
    try expectVerified(test)
    try test.warehouse().query(
      """
      INSERT INTO indicator_values (indicator_id, geo_type, geo_code, period_type, period,
        numerator, comparison, suppressed)
      VALUES ('puk_violence_sexual', 'county', 'E10000017', 'quarter', '2052-Q1', 0,
        'not_compared', 0)
      """)
    let finding = try #require(
      try test.pipeline.verify().first { $0.check == "periods delivered" })
    #expect(!finding.passed)
    #expect(finding.detail.contains("2052-Q1"))
  }

  @Test func purgedMonthsNoLongerCountAsDelivered() throws {
    let test = try TestWorkspace()
    try test.ingest(
      try test.temporaryFile(
        "two.csv", contents: policeUK([("2015-01", 20), ("2025-01", 20)])))
    let warehouse = try test.warehouse()
    #expect(
      try warehouse.deliveredMonths(table: "police_uk_street").map(\.month).sorted() == [
        "2015-01", "2025-01",
      ])
    _ = try test.pipeline.purge()
    #expect(
      try warehouse.deliveredMonths(table: "police_uk_street").map(\.month) == ["2025-01"])
    // The ledger itself is kept: 2015 was delivered, and purged since.
    #expect(
      try warehouse.deliveredMonths(table: "police_uk_street", includingPurged: true).count == 2)
    try expectVerified(test)
    _ = try test.pipeline.aggregate()
    #expect(!(try publishedPeriods(test)).contains { $0.contains("2015") })
    try expectVerified(test)
  }

  @Test func aWarehouseFromBeforeTheLedgerIsFilledFromItsRecords() throws {
    let test = try TestWorkspace()
    try test.ingest(
      try test.temporaryFile("two.csv", contents: policeUK([("2025-01", 5), ("2025-02", 7)])))
    let warehouse = try test.warehouse()
    let recorded = try test.strings("SELECT * FROM file_months ORDER BY period_month")
    try warehouse.query("DELETE FROM file_months")
    try warehouse.backfillDeliveredMonths()
    #expect(try test.strings("SELECT * FROM file_months ORDER BY period_month") == recorded)
    #expect(recorded.map { $0.split(separator: "|").last } == ["5", "7"])
  }

  @Test func aSchemaWindowMustBeADateAndASensibleTolerance() throws {
    for (window, complaint) in [
      (#"{"earliest": "01/01/2000"}"#, "YYYY-MM-DD"),
      (#"{"earliest": "2000-13-01"}"#, "YYYY-MM-DD"),
      (#"{"daysAfterDelivery": -1}"#, "0 to 366"),
      (#"{"daysAfterDelivery": 100000}"#, "0 to 366"),
    ] {
      let spec = try feedSpec(
        withField: #"{"name": "E", "column": "e", "plausibleDates": \#(window)}"#)
      #expect {
        try spec.check()
      } throws: { error in
        "\(error)".contains(complaint)
      }
    }
  }
}

/// `DeliveredMonths`: which months a set of deliveries vouches for.
@Suite struct DeliveredMonthsTests {
  func rows(_ file: Int64, _ months: [String: Int]) -> [Warehouse.FileMonth] {
    months.map { Warehouse.FileMonth(fileID: file, month: $0.key, records: $0.value) }
  }

  @Test func aStrayRecordDoesNotStretchADelivery() {
    let covered = DeliveredMonths.covered(
      by: rows(1, ["2025-01": 500, "2025-02": 450, "2019-06": 1, "2031-02": 99]), feed: nil)
    #expect(covered == ["2025-01", "2025-02"])
  }

  @Test func aMonthNeedsAShareOfTheFeedsUsualMonth() {
    // A small file's only month counts when it is a month's worth for the feed…
    let usual = rows(1, ["2025-01": 50, "2025-02": 40, "2025-03": 45])
    #expect(
      DeliveredMonths.covered(by: usual + rows(2, ["2025-04": 12]), feed: nil).contains(
        "2025-04"))
    // …but not when it is a handful against the feed's typical month (45).
    #expect(
      !DeliveredMonths.covered(by: usual + rows(2, ["2025-04": 3]), feed: nil).contains(
        "2025-04"))
  }

  @Test func theMonthsBetweenDeliveredTermsCount() throws {
    let feed = try FeedCatalog().feed(named: "school-absence")
    let covered = DeliveredMonths.covered(
      by: rows(1, ["2024-09": 100]) + rows(2, ["2025-01": 100]) + rows(3, ["2025-04": 100]),
      feed: feed)
    #expect(
      covered == [
        "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04",
      ])
    // The summer term's later months wait for the autumn term after it.
    #expect(!covered.contains("2025-05"))
  }

  @Test func aClosedMonthBetweenDeliveredMonthsCounts() throws {
    let feed = try FeedCatalog().feed(named: "school-suspensions")
    #expect(feed.closedMonths == [8])
    let both = DeliveredMonths.covered(
      by: rows(1, ["2024-07": 100]) + rows(2, ["2024-09": 100]), feed: feed)
    #expect(both == ["2024-07", "2024-08", "2024-09"])
    // Without September, August is not vouched for.
    #expect(DeliveredMonths.covered(by: rows(1, ["2024-07": 100]), feed: feed) == ["2024-07"])
    // And a month that is not closed is never filled in.
    #expect(
      DeliveredMonths.covered(by: rows(1, ["2024-05": 100]) + rows(2, ["2024-07": 90]), feed: feed)
        == ["2024-05", "2024-07"])
  }
}

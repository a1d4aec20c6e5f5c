import Foundation
import Testing

@testable import MADE

/// Issue 12, case 9: data.police.uk street files list some crimes more than once in one
/// month's file (exact copies, or once placed and once at "No Location"). Every published row
/// is loaded, repeats are keyed by their occurrence so that resends replace them exactly, and
/// they are flagged (`key_occurrence`, `files.rows_repeated_key`, `row_warnings`). Feeds whose
/// repeats are extract errors keep rejecting them (`duplicate-key`).
@Suite struct RepeatedKeyHostileTests {
  /// A police-uk file of `rows` (after the header), CRLF unless `lineEnd` says otherwise.
  func policeFile(
    _ test: TestWorkspace, _ name: String, _ rows: [String], lineEnd: String = "\r\n"
  ) throws -> String {
    let text = ([PoliceUKRows.header] + rows).joined(separator: lineEnd) + lineEnd
    return try test.temporaryFile(name, contents: Data(text.utf8))
  }

  /// Crime `number` at "No Location" (no map point, no LSOA), as data.police.uk lists it.
  func noLocation(_ number: Int, crimeType: String = "Violence and sexual offences") -> String {
    PoliceUKRows.row(number, location: "No Location", lsoa: "", crimeType: crimeType)
  }

  /// Every finding of `made verify` passed.
  func verified(_ test: TestWorkspace) throws -> Bool {
    let failed = try test.pipeline.verify().filter { !$0.passed }
    for finding in failed { Issue.record("verify: \(finding)") }
    return failed.isEmpty
  }

  func records(_ test: TestWorkspace) throws -> Int {
    try test.count("SELECT count(*) FROM police_uk_street")
  }

  /// `line|key_occurrence` of every record, by line.
  func occurrences(_ test: TestWorkspace) throws -> [String] {
    try test.strings("SELECT line, key_occurrence FROM police_uk_street ORDER BY line")
  }

  func warnings(_ test: TestWorkspace, _ outcome: FileOutcome) throws -> [String] {
    try test.strings(
      """
      SELECT line, field, reason FROM row_warnings WHERE file_id = \(outcome.fileID ?? -1)
      ORDER BY line
      """)
  }

  func repeatedKeyCount(_ test: TestWorkspace, _ outcome: FileOutcome) throws -> Int {
    try test.count(
      "SELECT rows_repeated_key FROM files WHERE file_id = ?", [.integer(outcome.fileID ?? -1)])
  }

  // MARK: - The issue's shape

  @Test func anExactCopyOfACrimeIsLoadedAsASecondRecordWithAWarning() throws {
    let test = try TestWorkspace()
    let path = try policeFile(
      test, "exact-copy.csv", [PoliceUKRows.row(1), PoliceUKRows.row(1), PoliceUKRows.row(2)])
    let outcome = try test.ingest(path)
    #expect(outcome.status == .loaded)
    #expect(outcome.rowsRead == 3 && outcome.rowsLoaded == 3 && outcome.rowsRejected == 0)
    #expect(outcome.rowsInserted == 3 && outcome.rowsRepeatedKey == 1)
    #expect(try records(test) == 3)
    #expect(try occurrences(test) == ["2|1", "3|2", "4|1"])
    #expect(try warnings(test, outcome) == ["3|Crime ID|repeated-key"])
    #expect(try repeatedKeyCount(test, outcome) == 1)
    #expect(try test.rejectLines(outcome).isEmpty)
    // The repeat points at the first row's record.
    #expect(
      try test.count(
        """
        SELECT count(*) FROM police_uk_street r JOIN police_uk_street f
          ON f.record_key = r.repeat_of_key AND f.line = 2
        WHERE r.line = 3
        """) == 1)
    #expect(try verified(test))
  }

  @Test func aCrimeListedPlacedAndAtNoLocationCountsAsDataPoliceUKCountsIt() throws {
    let test = try TestWorkspace()
    // Crime 1 is published twice: in Preston Central (E01900001) and at No Location.
    let path = try policeFile(
      test, "placed-and-no-location.csv",
      [
        PoliceUKRows.row(1, lsoa: "E01900001"), noLocation(1),
        PoliceUKRows.row(2, lsoa: "E01900003"), PoliceUKRows.row(3, lsoa: "E01900001"),
      ])
    let outcome = try test.ingest(path)
    #expect(outcome.rowsLoaded == 4 && outcome.rowsRejected == 0 && outcome.rowsRepeatedKey == 1)
    #expect(
      try test.strings(
        "SELECT line, geo_status, key_occurrence FROM police_uk_street ORDER BY line")
        == ["2|in_area|1", "3|unplaced|2", "4|in_area|1", "5|in_area|1"])
    #expect(try verified(test))
    _ = try test.pipeline.aggregate()
    func numerator(_ geoType: String, _ code: String) throws -> Int {
      try test.count(
        """
        SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
          AND geo_type = ? AND geo_code = ? AND period_type = 'month' AND period = '2025-01'
        """, [.text(geoType), .text(code)])
    }
    // As the file lists them: four rows in the force (the No Location row in the county
    // only), two in Preston Central, one in Chorley East.
    #expect(try numerator("county", "county") == 4)
    #expect(try numerator("ward", "E05900001") == 2)
    #expect(try numerator("ward", "E05900003") == 1)
    #expect(try numerator("lad", "E07000123") == 2)
    #expect(try numerator("lad", "E07000118") == 1)
    // An analyst counting distinct crimes uses key_occurrence = 1.
    #expect(
      try test.count("SELECT count(*) FROM police_uk_street WHERE key_occurrence = 1") == 3)
  }

  @Test func aCrimeRepeatedAtAnotherPlacedLocationIsCountedInBothWards() throws {
    let test = try TestWorkspace()
    let path = try policeFile(
      test, "another-location.csv",
      [
        PoliceUKRows.row(1, location: "On or near Mill Lane", lsoa: "E01900001"),
        PoliceUKRows.row(1, location: "On or near Church Street", lsoa: "E01900002"),
      ])
    let outcome = try test.ingest(path)
    #expect(outcome.rowsLoaded == 2 && outcome.rowsRepeatedKey == 1 && outcome.rowsRejected == 0)
    #expect(
      try test.strings("SELECT ward_code, key_occurrence FROM police_uk_street ORDER BY line")
        == ["E05900001|1", "E05900002|2"])
    #expect(try verified(test))
  }

  @Test func threeOrMoreRepeatsOfOneIDAreAllKeptAcrossStatementBoundaries() throws {
    let test = try TestWorkspace()
    // 70 crimes; crime 5 repeated at lines 7 and 40 (in the first and second 32-row
    // statements) and 75 (in the one-row tail); crime 60 listed at line 52 before its other
    // row at line 64, which is then the repeat.
    var rows = (1...70).map { PoliceUKRows.row($0) }
    rows.insert(PoliceUKRows.row(5), at: 5)
    rows.insert(noLocation(5), at: 38)
    rows.insert(PoliceUKRows.row(60, lsoa: "E01900003"), at: 50)
    rows.append(PoliceUKRows.row(5, lsoa: "E01900002"))
    let path = try policeFile(test, "many-repeats.csv", rows)
    let outcome = try test.ingest(path)
    #expect(outcome.rowsRead == 74 && outcome.rowsLoaded == 74 && outcome.rowsRejected == 0)
    #expect(outcome.rowsRepeatedKey == 4)
    #expect(try records(test) == 74)
    let crimeFive = String(format: "%064x", 5)
    #expect(
      try test.strings(
        "SELECT line, key_occurrence FROM police_uk_street WHERE crime_id = '\(crimeFive)' ORDER BY line"
      ) == ["6|1", "7|2", "40|3", "75|4"])
    #expect(
      try warnings(test, outcome) == [
        "7|Crime ID|repeated-key", "40|Crime ID|repeated-key", "64|Crime ID|repeated-key",
        "75|Crime ID|repeated-key",
      ])
    #expect(try verified(test))
  }

  // MARK: - Resends

  /// The month of the resend tests: crime 1 placed, at No Location and placed again; crime 2
  /// twice (exact copies); crime 3 once.
  func originalMonth() -> [String] {
    [
      PoliceUKRows.row(1, lsoa: "E01900001"), noLocation(1), PoliceUKRows.row(2),
      PoliceUKRows.row(2), PoliceUKRows.row(1, lsoa: "E01900003"), PoliceUKRows.row(3),
    ]
  }

  @Test func aResendOfTheSameMonthChangesNothingAndCountsNothingTwice() throws {
    let test = try TestWorkspace()
    let first = try test.ingest(try policeFile(test, "2025-01.csv", originalMonth()))
    #expect(first.rowsInserted == 6 && first.rowsRepeatedKey == 3)
    _ = try test.pipeline.aggregate()
    let countySQL = """
      SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
        AND geo_code = 'county' AND period_type = 'month' AND period = '2025-01'
      """
    #expect(try test.count(countySQL) == 6)
    // The same rows with other line ends: other bytes, so not a duplicate file.
    let resend = try test.ingest(
      try policeFile(test, "2025-01-resend.csv", originalMonth(), lineEnd: "\n"))
    #expect(resend.status == .loaded)
    #expect(resend.rowsLoaded == 6 && resend.rowsUnchanged == 6)
    #expect(resend.rowsInserted == 0 && resend.rowsUpdated == 0 && resend.rowsReplaced == 0)
    #expect(resend.rowsRepeatedKey == 3)
    #expect(try records(test) == 6)
    #expect(try test.count("SELECT count(*) FROM police_uk_street_history") == 0)
    #expect(
      try test.count(
        "SELECT count(*) FROM police_uk_street WHERE file_id = ?",
        [
          .integer(resend.fileID!)
        ]) == 6)
    #expect(try verified(test))
    _ = try test.pipeline.aggregate()
    #expect(try test.count(countySQL) == 6)
  }

  @Test func aCorrectedResendWithFewerRepeatsLeavesNoExtraVersionBehind() throws {
    let test = try TestWorkspace()
    _ = try test.ingest(try policeFile(test, "2025-01.csv", originalMonth()))
    _ = try test.pipeline.aggregate()
    // Corrected: crime 1 only once (placed), crime 2 once, crime 3 unchanged.
    let corrected = try test.ingest(
      try policeFile(
        test, "2025-01-corrected.csv",
        [PoliceUKRows.row(1, lsoa: "E01900001"), PoliceUKRows.row(2), PoliceUKRows.row(3)]))
    #expect(corrected.rowsLoaded == 3 && corrected.rowsUnchanged == 3)
    #expect(corrected.rowsRepeatedKey == 0)
    // The three repeats it did not deliver again (crime 1's second and third, crime 2's
    // second) are superseded: history, not current.
    #expect(corrected.rowsReplaced == 3)
    #expect(try records(test) == 3)
    #expect(try test.count("SELECT count(*) FROM police_uk_street WHERE key_occurrence > 1") == 0)
    #expect(
      try test.strings(
        """
        SELECT key_occurrence, superseded_by_file_id FROM police_uk_street_history
        ORDER BY key_occurrence, line
        """) == ["2|\(corrected.fileID!)", "2|\(corrected.fileID!)", "3|\(corrected.fileID!)"])
    #expect(try verified(test))
    let summary = try test.pipeline.aggregate()
    #expect(summary.valuesWritten > 0)
    #expect(
      try test.count(
        """
        SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
          AND geo_code = 'county' AND period_type = 'month' AND period = '2025-01'
        """) == 3)
    // And the repeats come back if the month is published with them again.
    let again = try test.ingest(
      try policeFile(test, "2025-01-again.csv", originalMonth(), lineEnd: "\n"))
    #expect(again.rowsInserted == 3 && again.rowsUnchanged == 3 && again.rowsRepeatedKey == 3)
    #expect(try records(test) == 6)
    #expect(try verified(test))
  }

  @Test func aResendWithTheRepeatsInAnotherOrderKeepsTheCounts() throws {
    let test = try TestWorkspace()
    _ = try test.ingest(try policeFile(test, "2025-01.csv", originalMonth()))
    // Crime 1's No Location row now comes first, and its two placed rows after.
    let reordered = try test.ingest(
      try policeFile(
        test, "2025-01-reordered.csv",
        [
          noLocation(1), PoliceUKRows.row(2), PoliceUKRows.row(1, lsoa: "E01900003"),
          PoliceUKRows.row(2), PoliceUKRows.row(1, lsoa: "E01900001"), PoliceUKRows.row(3),
        ]))
    #expect(reordered.rowsLoaded == 6 && reordered.rowsInserted == 0)
    #expect(reordered.rowsReplaced == 0 && reordered.rowsRepeatedKey == 3)
    // Crime 1's three occurrences each hold another row now: three updates; crime 2's exact
    // copies and crime 3 are unchanged.
    #expect(reordered.rowsUpdated == 3 && reordered.rowsUnchanged == 3)
    #expect(try records(test) == 6)
    #expect(
      try test.strings(
        """
        SELECT geo_status, coalesce(ward_code, '-'), count(*) FROM police_uk_street
        GROUP BY 1, 2 ORDER BY 1, 2
        """) == ["in_area|E05900001|4", "in_area|E05900003|1", "unplaced|-|1"])
    #expect(try verified(test))
  }

  @Test func aResendThatAddsARepeatInsertsOnlyTheRepeat() throws {
    let test = try TestWorkspace()
    _ = try test.ingest(
      try policeFile(test, "2025-01.csv", [PoliceUKRows.row(1), PoliceUKRows.row(2)]))
    let resend = try test.ingest(
      try policeFile(
        test, "2025-01-resend.csv", [PoliceUKRows.row(1), noLocation(1), PoliceUKRows.row(2)]))
    #expect(resend.rowsInserted == 1 && resend.rowsUnchanged == 2 && resend.rowsRepeatedKey == 1)
    #expect(try occurrences(test) == ["2|1", "3|2", "4|1"])
    #expect(try verified(test))
  }

  // MARK: - Variants the issue does not name

  @Test func aKeyRepeatedWithoutBoundLoadsTheFirstTenRowsAndRejectsTheRest() throws {
    let test = try TestWorkspace()
    let limit = RepeatedKeys.maxRowsPerKey
    let rows = Array(repeating: PoliceUKRows.row(7), count: limit + 3) + [PoliceUKRows.row(8)]
    let outcome = try test.ingest(try policeFile(test, "one-row-many-times.csv", rows))
    #expect(outcome.rowsRead == limit + 4)
    #expect(outcome.rowsLoaded == limit + 1 && outcome.rowsRejected == 3)
    #expect(outcome.rowsRepeatedKey == limit - 1)
    #expect(
      try test.rejectLines(outcome)
        == (limit + 2...limit + 4).map {
          "line \($0), Crime ID: duplicate-key"
        })
    #expect(
      try test.count("SELECT max(key_occurrence) FROM police_uk_street") == limit)
    #expect(try verified(test))
  }

  @Test func aRepeatWhoseFirstRowWasRejectedIsTheFirstOccurrence() throws {
    let test = try TestWorkspace()
    let badMonth = PoliceUKRows.row(1, month: "2025-13")
    let outcome = try test.ingest(
      try policeFile(test, "first-rejected.csv", [badMonth, noLocation(1), PoliceUKRows.row(2)]))
    #expect(outcome.rowsLoaded == 2 && outcome.rowsRejected == 1 && outcome.rowsRepeatedKey == 0)
    #expect(try test.rejectLines(outcome) == ["line 2, Month: type-error"])
    #expect(try occurrences(test) == ["3|1", "4|1"])
    #expect(try warnings(test, outcome).isEmpty)
    #expect(try verified(test))
  }

  @Test func aWarehouseFromBeforeRepeatsWereKeptGainsTheColumnsAndKeepsItsKeys() throws {
    let test = try TestWorkspace()
    let first = try test.ingest(
      try policeFile(test, "2025-01.csv", [PoliceUKRows.row(1), PoliceUKRows.row(2)]))
    // Take the warehouse back to migration 9: no row_warnings, no rows_repeated_key, record
    // tables without key_occurrence and repeat_of_key.
    let warehouse = try test.warehouse()
    try warehouse.connection.execute(
      """
      DROP TRIGGER police_uk_street_keeps_history;
      DROP INDEX police_uk_street_repeats;
      ALTER TABLE police_uk_street DROP COLUMN key_occurrence;
      ALTER TABLE police_uk_street DROP COLUMN repeat_of_key;
      ALTER TABLE police_uk_street_history DROP COLUMN key_occurrence;
      ALTER TABLE police_uk_street_history DROP COLUMN repeat_of_key;
      DROP TABLE row_warnings;
      ALTER TABLE files DROP COLUMN rows_repeated_key;
      DELETE FROM schema_migrations WHERE version = 10;
      """)
    let migrationTen = "SELECT count(*) FROM schema_migrations WHERE version = 10"
    // The month again, now with crime 1 also at No Location and crime 2 corrected.
    let resend = try test.ingest(
      try policeFile(
        test, "2025-01-resend.csv",
        [
          PoliceUKRows.row(1), noLocation(1),
          PoliceUKRows.row(2).replacingOccurrences(
            of: "Under investigation", with: "Awaiting court outcome"),
        ]))
    #expect(try test.count(migrationTen) == 1)
    #expect(resend.rowsInserted == 1 && resend.rowsUnchanged == 1 && resend.rowsUpdated == 1)
    #expect(resend.rowsRepeatedKey == 1)
    #expect(try occurrences(test) == ["2|1", "3|2", "4|1"])
    // The updated record's earlier version is in history with its occurrence.
    #expect(
      try test.strings("SELECT key_occurrence, file_id FROM police_uk_street_history")
        == ["1|\(first.fileID!)"])
    #expect(try repeatedKeyCount(test, first) == 0)
    #expect(try verified(test))
  }

  @Test func aFeedWhoseRepeatsAreExtractErrorsKeepsRejectingThem() throws {
    let test = try TestWorkspace()
    let fixture = try String(
      contentsOf: Fixtures.url("feeds/police-crimes-small.csv"), encoding: .utf8)
    var lines = fixture.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
      .filter { !$0.isEmpty }
    let rowCount = lines.count - 1
    lines.insert(lines[1], at: 2)
    let path = try test.temporaryFile(
      "repeated-reference.csv", contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(outcome.rowsRead == rowCount + 1)
    #expect(outcome.rowsRepeatedKey == 0)
    #expect(try test.rejectLines(outcome).contains("line 3, Crime Reference: duplicate-key"))
    #expect(try repeatedKeyCount(test, outcome) == 0)
    #expect(try test.count("SELECT count(*) FROM police_crimes WHERE key_occurrence <> 1") == 0)
    #expect(try verified(test))
  }

  @Test func aFeedKeyedByAnIdentifierThatKeepsRepeatsStoresNoIdentifier() throws {
    let test = try TestWorkspace()
    // The operator switches youth offending to keeping repeats in a workspace override.
    let builtIn = try #require(
      FeedCatalog.builtIn.first { $0.name == "yot-offences" }.map { Data($0.json) })
    var schema = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
    schema["repeatedKeys"] = "keep"
    try FileManager.default.createDirectory(
      at: test.workspace.schemaOverrides, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: schema).write(
      to: test.workspace.schemaOverrides.appendingPathComponent("yot-offences.schema.json"))
    let header =
      "Case ID,Date of Birth,Sex,Ethnicity,Home Postcode,Offence Date,HO Offence Code,"
      + "Offence Category,Outcome Tier,First Time Entrant"
    let row = "YC-00340,29/02/2008,F,Mixed,pr7 1aa,28/02/2024,34B,Robbery,Youth caution,Y"
    let path = try test.temporaryFile(
      "yot.csv", contents: Data(([header, row, row].joined(separator: "\r\n") + "\r\n").utf8))
    let outcome = try test.ingest(path, feed: "yot-offences")
    #expect(outcome.rowsLoaded == 2 && outcome.rowsRejected == 0 && outcome.rowsRepeatedKey == 1)
    #expect(
      try test.strings("SELECT line, key_occurrence FROM yot_offences ORDER BY line") == [
        "2|1", "3|2",
      ])
    #expect(try warnings(test, outcome) == ["3|Case ID|repeated-key"])
    #expect(try verified(test))
    // Neither the case ID nor its date of birth is anywhere in the warehouse.
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    #expect(bytes.range(of: Data("YC-00340".utf8)) == nil)
    #expect(bytes.range(of: Data("29/02/2008".utf8)) == nil)
  }

  @Test func onlyDataPoliceUKKeepsRepeatedKeysAmongTheBuiltInFeeds() throws {
    let catalog = try FeedCatalog()
    #expect(catalog.feeds.values.filter(\.keepsRepeatedKeys).map(\.name) == ["police-uk"])
  }

  @Test func aSchemaThatMisstatesRepeatedKeysIsRefused() throws {
    func refusal(_ schema: String) -> String? {
      do {
        try JSONDecoder().decode(FeedSpec.self, from: Data(schema.utf8)).check()
        return nil
      } catch {
        return "\(error)"
      }
    }
    let keyed = """
      {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
       "primaryKey": ["D"], "repeatedKeys": "%@",
       "fields": [{"name": "D", "column": "d", "type": "date", "constraints": {"required": true}}]}
      """
    #expect(refusal(keyed.replacingOccurrences(of: "%@", with: "keep")) == nil)
    #expect(refusal(keyed.replacingOccurrences(of: "%@", with: "reject")) == nil)
    #expect(
      refusal(keyed.replacingOccurrences(of: "%@", with: "Keep"))?.contains(
        "repeatedKeys must be \"reject\" or \"keep\"") == true)
    let keyless = """
      {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
       "blankKey": "content", "repeatedKeys": "keep",
       "fields": [{"name": "D", "column": "d", "type": "date", "constraints": {"required": true}}]}
      """
    #expect(refusal(keyless)?.contains("needs a primaryKey") == true)
    let clash = """
      {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
       "primaryKey": ["D"],
       "fields": [{"name": "D", "column": "d", "type": "date", "constraints": {"required": true}},
                  {"name": "K", "column": "key_occurrence", "type": "integer"}]}
      """
    #expect(refusal(clash)?.contains("is one MADE uses itself") == true)
    // SQLite's names for the row id: such a column would hide it (`ROWID` and `_rowid_` are
    // not even names a column may have).
    for name in ["rowid", "oid"] {
      #expect(
        refusal(clash.replacingOccurrences(of: "key_occurrence", with: name))?.contains(
          "is one MADE uses itself") == true, "\(name)")
    }
    for name in ["ROWID", "_rowid_"] {
      #expect(refusal(clash.replacingOccurrences(of: "key_occurrence", with: name)) != nil)
    }
  }

  // MARK: - Reporting

  @Test func repeatsAreReportedAsWarningsNotRejects() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest(
      try policeFile(
        test, "2025-01.csv",
        [
          PoliceUKRows.row(1), noLocation(1), PoliceUKRows.row(2, month: "2025-13"),
          PoliceUKRows.row(3),
        ]))
    #expect(outcome.rowsRejected == 1 && outcome.rowsRepeatedKey == 1)
    let files = try RejectReport.files(in: test.workspace)
    #expect(files.map(\.fileID) == [outcome.fileID!])
    #expect(files.first?.rowsRejected == 1 && files.first?.rowsRepeatedKey == 1)
    let rows = try RejectReport.rows(fileID: outcome.fileID!, in: test.workspace)
    #expect(
      rows.map { "\($0.line) \($0.reason) \($0.isWarning)" } == [
        "3 repeated-key true", "4 type-error false",
      ])
    #expect(
      rows.first?.message.hasPrefix("WARNING (loaded): this row repeats the Crime ID of line 2")
        == true)
    // The Crime ID itself is not quoted.
    #expect(!RejectReport.csv(rows).contains(String(format: "%064x", 1)))
    let status = try StatusReport(warehouse: test.warehouse(), config: test.pipeline.config)
    #expect(status.feeds.first { $0.feed == "police-uk" }?.rowsRepeatedKey == 1)
    #expect(status.description.contains("repeated-key: 1"))
    // A file with only repeats is listed by `made rejects` too.
    let onlyRepeats = try test.ingest(
      try policeFile(
        test, "2025-02.csv",
        [PoliceUKRows.row(9, month: "2025-02"), PoliceUKRows.row(9, month: "2025-02")]))
    #expect(onlyRepeats.rowsRejected == 0)
    #expect(
      try RejectReport.files(in: test.workspace).map(\.fileID) == [
        onlyRepeats.fileID!, outcome.fileID!,
      ])
    #expect(try verified(test))
  }

  @Test func theNightlyReportCountsTheRepeatsAsAWarning() throws {
    let test = try TestWorkspace()
    let text =
      ([PoliceUKRows.header, PoliceUKRows.row(1), noLocation(1), PoliceUKRows.row(2)]
        .joined(separator: "\r\n") + "\r\n")
    let url = test.workspace.inbox.appendingPathComponent("police-uk/2025-01.csv")
    try Data(text.utf8).write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path)
    let report = try MADE.Nightly.run(workspace: test.workspace)
    #expect(report.files.map(\.rowsRepeatedKey) == [1])
    let printed = MADE.Nightly.text(report)
    #expect(
      printed.contains(
        "Rows: 3 loaded, 0 rejected; WARNING: 1 loaded row repeats the key of an earlier row of "
          + "its file (as published)"))
    #expect(
      printed.contains(
        "LOADED 2025-01.csv [police-uk]: 3 of 3 rows loaded (1 with a repeated key, as "
          + "published: key_occurrence > 1)"))
    #expect(try verified(test))
  }

  @Test func madeIngestPrintsTheRepeatsAsAWarning() throws {
    let test = try TestWorkspace()
    let path = try policeFile(test, "2025-01.csv", [PoliceUKRows.row(1), noLocation(1)])
    let (status, out, _) = try runMade([
      "ingest", path, "--feed", "police-uk", "--workspace", test.root.path,
    ])
    #expect(status == 0)
    #expect(
      out.contains(
        "2 rows read, 2 loaded (2 new, 0 updated, 0 unchanged), 0 rejected; WARNING: 1 loaded "
          + "row repeats the key of an earlier row (as published; key_occurrence > 1; made "
          + "rejects --file "))
    let statusText = try runMade(["status", "--workspace", test.root.path]).out
    #expect(statusText.contains("repeated-key: 1"))
    #expect(try verified(test))
  }
}

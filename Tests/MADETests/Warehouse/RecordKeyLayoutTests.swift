import Foundation
import Testing

@testable import MADE

/// Month-first record keys (issue 14; docs/methods.md § "Record keys"): a police.uk month's
/// keys start with the month and the force, an older warehouse of hashed keys is re-keyed so
/// that a resend still finds its records, and `made verify` notices a key that lost its month.
@Suite struct RecordKeyLayoutTests {
  /// A police-uk file of `rows` after the header.
  func policeFile(_ test: TestWorkspace, _ name: String, _ rows: [String], lineEnd: String = "\r\n")
    throws -> String
  {
    let text = ([PoliceUKRows.header] + rows).joined(separator: lineEnd) + lineEnd
    return try test.temporaryFile(name, contents: Data(text.utf8))
  }

  /// An anti-social behaviour row: no Crime ID, keyed by its content.
  func antiSocial(_ place: String, month: String = "2025-01") -> String {
    ",\(month),Lancashire Constabulary,Lancashire Constabulary,-2.700000,53.760000,"
      + "On or near \(place),E01900001,,Anti-social behaviour,,"
  }

  /// The police-uk schema with `periodInKey` set, as a workspace override; nil removes the
  /// override (the built-in schema again).
  func setPeriodInKey(_ value: Bool?, in test: TestWorkspace) throws {
    let override = test.workspace.schemaOverrides.appendingPathComponent("police-uk.schema.json")
    guard let value else {
      try FileManager.default.removeItem(at: override)
      return
    }
    let builtIn = try #require(
      FeedCatalog.builtIn.first { $0.name == "police-uk" }.map { Data($0.json) })
    var schema = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
    schema["periodInKey"] = value
    try FileManager.default.createDirectory(
      at: test.workspace.schemaOverrides, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: schema).write(to: override)
  }

  func keyLayout(_ test: TestWorkspace) throws -> Int {
    try test.count("SELECT key_layout FROM feed_tables WHERE feed = 'police-uk'")
  }

  func failedChecks(_ test: TestWorkspace) throws -> [String] {
    try test.pipeline.verify().filter { !$0.passed }.map(\.check)
  }

  @Test func monthNumbersSortByTimeAndRefuseWhatIsNotAMonth() {
    #expect(RecordKeyLayout.monthNumber(Array("2025-01".utf8)) == UInt16(2025 * 12))
    #expect(RecordKeyLayout.monthNumber(Array("2024-12".utf8)) == UInt16(2025 * 12 - 1))
    for notAMonth in ["2025-13", "2025-00", "2025/01", "25-01", "2025-1", "２０２５-01"] {
      #expect(RecordKeyLayout.monthNumber(Array(notAMonth.utf8)) == nil, "\(notAMonth)")
    }
  }

  @Test func aPoliceUKMonthsKeysStartWithItsMonthAndForce() throws {
    let test = try TestWorkspace()
    let path = try policeFile(
      test, "two-months.csv",
      [
        PoliceUKRows.row(1), PoliceUKRows.row(2, month: "2025-02"), PoliceUKRows.row(2),
        antiSocial("Park Road"),
      ])
    #expect(try test.ingest(path).rowsLoaded == 4)
    #expect(try keyLayout(test) == 2)
    var force: [UInt8] = []
    Array("LANCASHIRE  constabulary".utf8).withUnsafeBufferPointer {
      TextNormalisation.appendTextKey($0, to: &force)
    }
    var partition = PartitionTag()
    force.withUnsafeBufferPointer { partition.add($0) }
    let tag = partition.value
    let prefixes = try test.strings(
      "SELECT period_month, hex(substr(record_key, 1, 4)) FROM police_uk_street ORDER BY line")
    let expected = ["2025-01", "2025-02", "2025-01", "2025-01"].map { month in
      let number = RecordKeyLayout.monthNumber(Array(month.utf8))!
      return month + "|" + String(format: "%04X%04X", number, tag)
    }
    #expect(prefixes == expected)
    // The same Crime ID in two months is two published records, in key order by month.
    #expect(
      try test.strings("SELECT period_month FROM police_uk_street ORDER BY record_key") == [
        "2025-01", "2025-01", "2025-01", "2025-02",
      ])
    #expect(try failedChecks(test) == [])
  }

  @Test func aWarehouseOfHashedKeysIsRekeyedAndAResendCountsNothingTwice() throws {
    let test = try TestWorkspace()
    // A warehouse as MADE 0.1 left it: police-uk keyed by hash.
    try setPeriodInKey(false, in: test)
    let rows = [
      PoliceUKRows.row(1), PoliceUKRows.row(2), PoliceUKRows.row(2, location: "No Location"),
      antiSocial("Park Road"), antiSocial("Park Road"), PoliceUKRows.row(3, month: "2025-02"),
    ]
    let first = try test.ingest(try policeFile(test, "first.csv", rows))
    #expect(first.rowsLoaded == 6 && first.rowsRepeatedKey == 1)
    #expect(try keyLayout(test) == 1)
    let hashed = try test.strings(
      "SELECT line, hex(record_key) FROM police_uk_street ORDER BY line")
    // Changed content goes to history, which is re-keyed too.
    let changed = rows.enumerated().map {
      $0 == 0
        ? $1.replacingOccurrences(
          of: "Under investigation", with: "Unable to prosecute suspect") : $1
    }
    #expect(try test.ingest(try policeFile(test, "changed.csv", changed)).rowsUpdated == 1)

    // This version: the built-in schema keys by month. The same rows again (other bytes).
    try setPeriodInKey(nil, in: test)
    let resend = try test.ingest(try policeFile(test, "resend.csv", changed, lineEnd: "\n"))
    #expect(resend.status == .loaded)
    #expect(resend.rowsInserted == 0 && resend.rowsReplaced == 0 && resend.rowsUpdated == 0)
    #expect(resend.rowsUnchanged == 6)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 6)
    #expect(try keyLayout(test) == 2)
    // Each new key is the month-first prefix and the first 12 bytes of the hashed one; the
    // repeat on line 4 is keyed from its first row's new key, as ingest keys it.
    let rekeyed = try test.strings(
      "SELECT line, hex(substr(record_key, 5)) FROM police_uk_street ORDER BY line")
    #expect(rekeyed.count == hashed.count)
    for (old, new) in zip(hashed, rekeyed) where !old.hasPrefix("4|") {
      #expect(old.prefix(2 + 24) == new.prefix(2 + 24), "\(old) → \(new)")
    }
    #expect(
      try test.strings(
        """
        SELECT r.key_occurrence, r.repeat_of_key = f.record_key,
          r.record_key = made_occurrence_key(f.record_key, 2)
        FROM police_uk_street r JOIN police_uk_street f ON f.line = 3 WHERE r.line = 4
        """) == ["2|1|1"])
    #expect(try test.count("SELECT count(*) FROM audit_log WHERE action = 'rekey'") == 1)
    #expect(
      try test.count(
        """
        SELECT count(*) FROM police_uk_street_history h JOIN police_uk_street t USING (record_id)
        WHERE h.record_key = t.record_key
        """) == 1)
    #expect(try failedChecks(test) == [])
  }

  /// The force is part of every key, so a resend that spells it otherwise (case, spacing, a
  /// no-break space, full-width letters) must still find each crime and anti-social row.
  @Test(arguments: [
    "LANCASHIRE CONSTABULARY", "lancashire  constabulary", "Lancashire\u{00A0}Constabulary",
    " Lancashire Constabulary\t",
  ])
  func aResendSpellingTheForceOtherwiseFindsEveryRecord(force: String) throws {
    let test = try TestWorkspace()
    let month = (1...3).map { PoliceUKRows.row($0) } + [antiSocial("Park Road")]
    try test.ingest(try policeFile(test, "jan.csv", month))
    let respelt = month.map {
      $0.replacingOccurrences(of: "Lancashire Constabulary", with: force)
    }
    let resend = try test.ingest(try policeFile(test, "jan-again.csv", respelt))
    #expect(resend.status == .loaded && resend.rowsRejected == 0)
    // Each crime is found by its key; the anti-social row, keyed by its delivered values,
    // comes back under the new spelling and replaces itself (or is unchanged, when only
    // the trimmed spaces differ).
    #expect(resend.rowsInserted == resend.rowsReplaced && resend.rowsInserted <= 1)
    #expect(resend.rowsUnchanged + resend.rowsUpdated >= 3)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 4)
    #expect(try test.count("SELECT count(*) FROM police_uk_street WHERE record_id <= 3") == 3)
    #expect(try failedChecks(test) == [])
  }

  @Test func monthFirstKeysCannotBeMadeHashedAgain() throws {
    let test = try TestWorkspace()
    try test.ingest(try policeFile(test, "jan.csv", [PoliceUKRows.row(1)]))
    try setPeriodInKey(false, in: test)
    let refused = try test.ingest(try policeFile(test, "feb.csv", [PoliceUKRows.row(2)]))
    #expect(refused.status == .notLoaded)
    #expect(refused.message?.contains("\"periodInKey\": true") == true)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 1)
  }

  @Test func aCrimeTheMonthsResendNoLongerListsLeavesTheMonth() throws {
    let test = try TestWorkspace()
    let month = (1...4).map { PoliceUKRows.row($0) } + [antiSocial("Park Road")]
    try test.ingest(try policeFile(test, "jan.csv", month))
    // The publisher withdraws crime 4 when it republishes January.
    let resend = try test.ingest(
      try policeFile(test, "jan-again.csv", month.filter { $0 != PoliceUKRows.row(4) }))
    #expect(resend.rowsReplaced == 1 && resend.rowsInserted == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 4)
    #expect(try test.count("SELECT count(*) FROM police_uk_street_history") == 1)
    // A few late rows of January are not a republication: nothing leaves.
    let late = try test.ingest(try policeFile(test, "late.csv", [PoliceUKRows.row(9)]))
    #expect(late.rowsReplaced == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 5)
    #expect(try failedChecks(test) == [])
  }

  @Test func verifyNoticesAKeyThatDoesNotStartWithItsMonth() throws {
    let test = try TestWorkspace()
    try test.ingest(
      try policeFile(test, "jan.csv", [PoliceUKRows.row(1), PoliceUKRows.row(2)]))
    #expect(try failedChecks(test) == [])
    // By hand, a record moved to February without its key.
    _ = try test.warehouse().query(
      "UPDATE police_uk_street SET period_month = '2025-02' WHERE line = 2")
    let failed = try test.pipeline.verify().filter { !$0.passed }
    #expect(failed.map(\.check).contains("record keys start with their month"))
    #expect(
      failed.first { $0.check == "record keys start with their month" }?.detail
        .contains("police_uk_street: 1 records") == true)
  }
}

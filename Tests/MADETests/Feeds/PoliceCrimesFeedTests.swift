import Foundation
import Testing

@testable import MADE

/// The force's record-level extract: pseudonymised references, postcode → ward, LSOA
/// fallback, offence codes checked against the reference table, resends.
@Suite struct PoliceCrimesFeedTests {
  @Test func placesRecordsByPostcodeThenLSOA() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    #expect(outcome.rowsLoaded == 6)
    #expect(
      try test.strings(
        "SELECT line, ward_code, lad_code, geo_method, geo_status FROM police_crimes ORDER BY line"
      ) == [
        "2|E05900001|E07000123|postcode|in_area",  // PR1 8XB
        "3|E05900001|E07000123|postcode|in_area",  // pr18xb
        "4|E05900003|E07000118|postcode|in_area",  // PR7  1AA
        "5|E05900002|E07000123|lsoa|in_area",  // UNKNOWN postcode, LSOA given
        "6|E05900009|E08000010|postcode|outside_area",  // Wigan
        "7|NULL|NULL|none|unplaced",  // nothing given
      ])
  }

  @Test func storesCastValuesAndNoPostcode() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    #expect(
      try test.strings(
        """
        SELECT recorded_date, committed_date, committed_time, offence_code, victim_age,
          weapon, is_domestic, period_month FROM police_crimes WHERE line IN (3, 4) ORDER BY line
        """) == [
          "2025-01-04|2025-01-04|NULL|105A|17|NONE|1|2025-01",
          "2025-01-05|2025-01-01|01:05|34B|31|KNIFE|0|2025-01",
        ])
    let columns = try test.strings("SELECT name FROM pragma_table_info('police_crimes')")
    #expect(!columns.contains { $0.contains("postcode") })
  }

  @Test func neverWritesARawCrimeReference() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    try test.ingest("feeds/resend-corrects-offence-code.csv", feed: "police-crimes")
    let text = "LC-25-0000009,bad,,,8N,x,,,,,,,\r\n"
    let bad = try test.temporaryFile(
      "bad.csv",
      contents: try Data(contentsOf: Fixtures.url("feeds/police-crimes-small.csv"))
        + Data(text.utf8))
    try test.ingest(bad, feed: "police-crimes")
    #expect(try test.count("SELECT count(*) FROM rejects") == 1)
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    #expect(bytes.count > 10_000)
    for number in 1...9 {
      for form in ["LC-25-000000\(number)", "LC-25-000000\(number)".lowercased()] {
        #expect(bytes.range(of: Data(form.utf8)) == nil, "found \(form) in the warehouse bytes")
      }
    }
    // The pseudonym is the keyed hash of the normalised reference.
    let key = try #require(try test.workspace.loadKey())
    let expected = Pseudonymiser(keyBytes: key).pseudonym(of: "lc-25-0000001")
    #expect(
      try test.strings("SELECT crime_ref_pseudonym FROM police_crimes WHERE line = 2") == [expected]
    )
  }

  @Test func aResendWithOneCorrectedOffenceCodeUpdatesOneRowAndKeepsItsHistory() throws {
    let test = try TestWorkspace()
    let first = try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    let resend = try test.ingest("feeds/resend-corrects-offence-code.csv", feed: "police-crimes")
    #expect(resend.rowsUpdated == 1)
    #expect(resend.rowsUnchanged == 5)
    #expect(resend.rowsInserted == 0)
    #expect(try test.count("SELECT count(*) FROM police_crimes") == 6)
    #expect(
      try test.strings(
        "SELECT offence_code, file_id, superseded_by_file_id FROM police_crimes_history") == [
          "105A|\(first.fileID!)|\(resend.fileID!)"
        ])
    #expect(
      try test.strings("SELECT offence_code, file_id FROM police_crimes WHERE line = 3") == [
        "8N|\(resend.fileID!)"
      ])
  }

  @Test func rejectsAnOffenceCodeMissingFromTheReferenceTable() throws {
    let test = try TestWorkspace()
    let text =
      "Crime Reference,Recorded Date,HO Offence Code\r\nLC-1,01/01/2025,99Z\r\nLC-2,01/01/2025,8n\r\n"
    let path = try test.temporaryFile("codes.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(try test.rejectLines(outcome) == ["line 2, HO Offence Code: unknown-code"])
    #expect(try test.strings("SELECT offence_code FROM police_crimes") == ["8N"])
  }

  @Test func rejectsASecondRowWithTheSameKeyInOneFile() throws {
    let test = try TestWorkspace()
    let text =
      "Crime Reference,Recorded Date,HO Offence Code\r\nLC-1,01/01/2025,8N\r\nlc-1,02/01/2025,8N\r\n"
    let path = try test.temporaryFile("dupes.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(try test.rejectLines(outcome) == ["line 3, Crime Reference: duplicate-key"])
    #expect(outcome.rowsRead == outcome.rowsLoaded + outcome.rowsRejected)
  }

  @Test func explainsTypeErrorsWithTheValuesShapeAndTheExpectedForm() throws {
    let test = try TestWorkspace()
    let text =
      "Crime Reference,Recorded Date,HO Offence Code,Victim Age\r\n"
      + "LC-1,31/02/2024,8N,20\r\nLC-2,01/02/2024,8N,abc\r\nLC-3,01/02/2024,8N,130\r\n"
    let path = try test.temporaryFile("types.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    let messages = try test.strings("SELECT message FROM rejects ORDER BY line")
    #expect(
      messages == [
        "column 'Recorded Date': the value (10 characters: 2 digits/2 digits/4 digits) is not a "
          + "date (expected dd/mm/yyyy)",
        "column 'Victim Age': the value (3 letters) is not a whole number (expected a whole "
          + "number)",
        "column 'Victim Age': the value (3 digits) is not allowed (at most 120)",
      ])
    #expect(outcome.rowsRejected == 3)
  }

  @Test func refusesAFeedWithIdentifiersWhenTheWorkspaceHasNoKey() throws {
    let test = try TestWorkspace()
    try FileManager.default.removeItem(at: test.workspace.keyURL)
    let outcome = try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    #expect(outcome.status == .notLoaded)
    #expect(((try? test.count("SELECT count(*) FROM police_crimes")) ?? 0) == 0)
  }

  @Test func rejectsARepeatedKeyEvenWhenTheRecordIsUnchangedSinceAnEarlierFile() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    let original = try String(
      contentsOf: Fixtures.url("feeds/police-crimes-small.csv"), encoding: .utf8)
    let lines = original.components(separatedBy: "\r\n")
    // Row 2 again unchanged, then again with a different code: one record, one reject.
    let text = [lines[0], lines[1], lines[1].replacingOccurrences(of: ",8N,", with: ",5D,")]
      .joined(separator: "\r\n")
    let path = try test.temporaryFile("again.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(outcome.rowsLoaded == 1)
    #expect(outcome.rowsUnchanged == 1)
    #expect(try test.rejectLines(outcome) == ["line 3, Crime Reference: duplicate-key"])
    #expect(try test.count("SELECT count(*) FROM police_crimes_history") == 0)
  }

  @Test func placesOutsidePostcodesEvenWhenTheDirectoryIsTooLargeToHoldInMemory() throws {
    let test = try TestWorkspace()
    var pipeline = test.pipeline
    pipeline.postcodesInMemoryLimit = 0
    let outcome = try pipeline.ingest(
      paths: [Fixtures.url("feeds/police-crimes-small.csv").path], feed: "police-crimes")[0]
    #expect(outcome.rowsLoaded == 6)
    #expect(
      try test.strings("SELECT line, ward_code, geo_status FROM police_crimes ORDER BY line") == [
        "2|E05900001|in_area", "3|E05900001|in_area", "4|E05900003|in_area",
        "5|E05900002|in_area", "6|E05900009|outside_area", "7|NULL|unplaced",
      ])
  }
}

import Foundation
import Testing

@testable import MADE

/// data.police.uk street-level files with their real quirks: anti-social behaviour rows
/// without a Crime ID, "No Location" rows, LSOAs outside the force area, 2011 LSOA codes.
@Suite struct PoliceUKFeedTests {
  @Test func placesEveryRowAndKeepsTheCountsBalanced() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/police-uk-quirks.csv")
    // 11 data rows: the bad month on line 11 is the only reject.
    #expect(outcome.rowsRead == 11)
    #expect(outcome.rowsLoaded == 10)
    #expect(outcome.rowsRejected == 1)
    #expect(outcome.rowsRead == outcome.rowsLoaded + outcome.rowsRejected)
    #expect(try test.rejectLines(outcome) == ["line 11, Month: type-error"])
    #expect(
      try test.count(
        "SELECT count(*) FROM files WHERE rows_read = rows_loaded + rows_rejected AND file_id = ?",
        [.integer(outcome.fileID!)]) == 1)

    // Violence per ward: W1 has lines 2, 3 and the 2011-vintage LSOA on line 8.
    #expect(
      try test.strings(
        """
        SELECT ward_code, count(*) FROM police_uk_street
        WHERE crime_type = 'Violence and sexual offences' AND geo_status = 'in_area'
        GROUP BY ward_code ORDER BY ward_code
        """) == ["E05900001|3", "E05900003|1"])
    // Both identical anti-social behaviour rows are kept.
    #expect(
      try test.count(
        "SELECT count(*) FROM police_uk_street WHERE crime_type = 'Anti-social behaviour'") == 2)
    // No Location (line 6) and the LSOA not in the lookup (line 12) are unplaced; the Wigan
    // LSOA (line 7) is placed outside the area.
    #expect(
      try test.strings(
        "SELECT line, geo_status, geo_method FROM police_uk_street WHERE geo_status <> 'in_area' ORDER BY line"
      ) == ["6|unplaced|none", "7|outside_area|lsoa", "12|unplaced|none"])
    #expect(
      try test.strings("SELECT lad_code FROM police_uk_street WHERE line = 7") == ["E08000010"])
  }

  @Test func aRepublishedMonthUpdatesTheChangedRowAndDoublesNothing() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    let second = try test.ingest("feeds/police-uk-quirks-republished.csv")
    #expect(second.status == .loaded)
    #expect(second.rowsUpdated == 1)
    #expect(second.rowsUnchanged == 9)
    #expect(second.rowsInserted == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 10)
    #expect(
      try test.strings(
        "SELECT last_outcome_category FROM police_uk_street_history"
      ) == ["Under investigation"])
    #expect(
      try test.count(
        "SELECT count(*) FROM police_uk_street WHERE last_outcome_category = 'Awaiting court outcome'"
      ) == 1)
  }

  @Test func aRepublishedMonthReplacesAnAntiSocialBehaviourRowItChanged() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    let original = try String(
      contentsOf: Fixtures.url("feeds/police-uk-quirks.csv"), encoding: .utf8)
    // The second identical ASB row (line 5) is republished on another street.
    var lines = original.components(separatedBy: "\r\n")
    lines[4] = lines[4].replacingOccurrences(of: "High Street", with: "Mill Lane")
    let path = try test.temporaryFile(
      "republished.csv", contents: Data(lines.joined(separator: "\r\n").utf8))
    let outcome = try test.ingest(path)
    #expect(outcome.rowsInserted == 1)
    #expect(outcome.rowsReplaced == 1)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 10)
    #expect(
      try test.strings(
        "SELECT location FROM police_uk_street WHERE crime_type = 'Anti-social behaviour' ORDER BY 1"
      )
        == ["On or near High Street", "On or near Mill Lane"])
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func theSameFileTwiceIsADuplicateAndChangesNothing() throws {
    let test = try TestWorkspace()
    let first = try test.ingest("feeds/police-uk-quirks.csv")
    let before = try test.strings("SELECT * FROM police_uk_street ORDER BY record_id")
    let second = try test.ingest("feeds/police-uk-quirks.csv")
    #expect(second.status == .duplicate)
    #expect(try test.strings("SELECT * FROM police_uk_street ORDER BY record_id") == before)
    #expect(
      try test.strings("SELECT status, duplicate_of FROM files ORDER BY file_id") == [
        "loaded|NULL", "duplicate|\(first.fileID!)",
      ])
    #expect(try test.count("SELECT count(*) FROM rejects") == 1)
    #expect(
      try test.strings("SELECT action, detail, rows FROM audit_log WHERE action = 'ingest'") == [
        "ingest|police-uk: police-uk-quirks.csv (file \(first.fileID!)) into police_uk_street|10",
        "ingest|file \(second.fileID!) police-uk-quirks.csv: duplicate|0",
      ])
  }

  @Test func keylessRowsKeepTheirKeysWhenAReferenceReloadMovesThem() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    _ = try test.pipeline.loadReference(
      .lsoaWards, path: Fixtures.url("reference/lsoa-wards-corrected.csv").path, year: nil)
    let again = try test.ingest("feeds/police-uk-quirks-republished.csv")
    // The two anti-social behaviour rows are the same records, now placed in W1: updated,
    // not inserted again.
    #expect(again.rowsInserted == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 10)
    #expect(
      try test.strings(
        """
        SELECT ward_code, count(*) FROM police_uk_street
        WHERE crime_type = 'Anti-social behaviour' GROUP BY ward_code
        """) == ["E05900001|2"])
  }
}

/// A workspace can add a column to a feed by overriding its schema; tables grow with it.
@Suite struct SchemaEvolutionTests {
  @Test func aColumnAddedByAnOverrideSchemaIsStoredAndKeptInHistory() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")

    // The operator adds an optional "Force Note" column to police-uk.
    let builtIn = try #require(
      FeedCatalog.builtIn.first { $0.name == "police-uk" }.map { Data($0.json) })
    var schema = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
    var fields = try #require(schema["fields"] as? [[String: Any]])
    fields.append(["name": "Force Note", "column": "force_note", "type": "string"])
    schema["fields"] = fields
    try FileManager.default.createDirectory(
      at: test.workspace.schemaOverrides, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: schema).write(
      to: test.workspace.schemaOverrides.appendingPathComponent("police-uk.schema.json"))

    func file(_ name: String, note: String, outcome: String) throws -> String {
      let text = [
        PoliceUKRows.header + ",Force Note",
        PoliceUKRows.row(1).replacingOccurrences(of: "Under investigation", with: outcome)
          + "," + note,
      ].joined(separator: "\r\n")
      return try test.temporaryFile(name, contents: Data(text.utf8))
    }
    let pipeline = try Pipeline(workspace: test.workspace)
    _ = try pipeline.ingest(paths: [try file("a.csv", note: "first", outcome: "A")], feed: nil)
    let later = try pipeline.ingest(
      paths: [try file("b.csv", note: "second", outcome: "B")], feed: "police-uk")[0]
    #expect(later.rowsUpdated == 1)
    #expect(
      try test.strings("SELECT force_note FROM police_uk_street WHERE crime_id LIKE '%1'") == [
        "second"
      ])
    #expect(
      try test.strings(
        """
        SELECT force_note, last_outcome_category FROM police_uk_street_history
        ORDER BY history_id
        """) == ["NULL|Under investigation", "first|A"])
  }
}

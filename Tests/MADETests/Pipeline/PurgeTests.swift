import Foundation
import Testing

@testable import MADE

/// `made purge`: records past their feed's retention, their history, the archive, the ledger.
@Suite struct PurgeTests {
  /// police-uk violence in W1: 2 records in 2025-01, 3 in 2025-02 (one of them corrected
  /// later, leaving a superseded version), 4 in 2025-03.
  func loaded(retention: Int) throws -> TestWorkspace {
    var config = Config.default
    config.feeds = ["police-uk": .init(expectEveryDays: 35, retentionMonths: retention)]
    let test = try TestWorkspace(config: config)
    func file(_ name: String, _ rows: [(Int, String, String)]) throws -> String {
      let lines =
        [PoliceUKRows.header]
        + rows.map { PoliceUKRows.row($0.0, month: $0.1, lsoa: "E01900001", crimeType: $0.2) }
      return try test.temporaryFile(
        name, contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }
    let violence = "Violence and sexual offences"
    var rows = [(1, "2025-01", violence), (2, "2025-01", violence)]
    rows += (3...5).map { ($0, "2025-02", violence) } + (6...9).map { ($0, "2025-03", violence) }
    try test.ingest(try file("first.csv", rows))
    rows[2].2 = "Robbery"  // crime 3 (February) corrected
    try test.ingest(try file("second.csv", rows))
    _ = try test.pipeline.aggregate()
    return test
  }

  @Test func deletesRecordsAndHistoryBeforeTheWindowAndStillReconciles() throws {
    let test = try loaded(retention: 2)
    // In May 2025 a two-month window starts in March: January and February go.
    let may = ISO8601DateFormatter().date(from: "2025-05-10T00:00:00Z")!
    let dry = try test.pipeline.purge(now: may, dryRun: true)
    #expect(dry.map(\.records) == [5] && dry.map(\.history) == [1])
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 9)
    let results = try test.pipeline.purge(now: may)
    #expect(
      results == [
        Warehouse.PurgeResult(
          feed: "police-uk", table: "police_uk_street", beforeMonth: "2025-03", records: 5,
          history: 1)
      ])
    #expect(try test.strings("SELECT DISTINCT period_month FROM police_uk_street") == ["2025-03"])
    #expect(try test.count("SELECT count(*) FROM police_uk_street_history") == 0)
    #expect(try test.count("SELECT records_deleted FROM purges") == 5)
    #expect(try test.count("SELECT rows FROM audit_log WHERE action = 'purge'") == 5)
    // Every audited action says who ran it and where.
    #expect(
      try test.count(
        "SELECT count(*) FROM audit_log WHERE os_user = '' OR host IS NULL OR host = ''") == 0)
    #expect(try test.count("SELECT count(DISTINCT action) FROM audit_log") >= 4)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
    // The next aggregation counts the table again: January's values are gone.
    let summary = try test.pipeline.aggregate(today: may)
    #expect(summary.monthsScanned["police_uk_street"] == ["2025-03"])
    #expect(
      try test.count(
        "SELECT count(*) FROM indicator_values WHERE period IN ('2025-01', '2025-02')") == 0)
    // Nothing more to do the second time.
    #expect(try test.pipeline.purge(now: may).isEmpty)
  }

  @Test func deletesArchivedDeliveriesReceivedBeforeTheWindow() throws {
    let test = try loaded(retention: 2)
    let old = test.workspace.archive.appendingPathComponent("police-uk/2024/12")
    let kept = test.workspace.archive.appendingPathComponent("police-uk/2025/04")
    for folder in [old, kept] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("x".utf8).write(to: folder.appendingPathComponent("abc-file.csv"))
    }
    _ = try test.pipeline.purge(now: ISO8601DateFormatter().date(from: "2025-05-10T00:00:00Z")!)
    #expect(!FileManager.default.fileExists(atPath: old.path))
    #expect(FileManager.default.fileExists(atPath: kept.path))
  }
}

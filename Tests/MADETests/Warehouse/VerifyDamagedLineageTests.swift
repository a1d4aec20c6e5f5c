import Foundation
import Testing

@testable import MADE

/// `made verify` is what an operator runs on a warehouse they suspect: a hand-damaged lineage
/// row is a finding or passes over, never a crash of the check itself (reads by column name
/// throw on NULL, so every verify query must expect what damage can leave).
@Suite struct VerifyDamagedLineageTests {
  @Test func aLoadedFileWithNoFeedAndNoTableClaimsDoesNotStopVerify() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("feeds/police-uk-quirks.csv").status == .loaded)
    let warehouse = try test.warehouse()
    try warehouse.connection.execute("UPDATE files SET feed = NULL")
    try warehouse.connection.execute("DELETE FROM feed_tables")
    let findings = try test.pipeline.verify()
    #expect(findings.contains { $0.check == "tables claimed by two feeds" })
  }
}

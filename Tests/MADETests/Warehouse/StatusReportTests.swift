import Foundation
import Testing

@testable import MADE

@Suite struct StatusReportTests {
  @Test func reportsRejectsByReasonDroppedColumnsAndQuarantines() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    try test.ingest("csv/headers-any-order-and-case.csv")
    try test.ingest("csv/empty.csv")
    let text = try test.pipeline.status().description
    #expect(text.contains("police-uk            type-error: 1"))
    #expect(text.contains("headers-any-order-and-case.csv: Extra Notes"))
    #expect(text.contains("empty.csv: empty-file"))
    #expect(text.contains("police-uk        2 files, 10 records"))  // rows 1-2 again, updated
  }

  @Test func neverCutsAFeedsName() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    var status = try test.pipeline.status()
    status.feeds[0].feed = "school-suspensions-and-exclusions"
    let text = status.description
    #expect(text.contains("  school-suspensions-and-exclusions 1 files"), "\(text)")
    #expect(text.contains("  boundaries       none: packs have no maps"))
  }
}

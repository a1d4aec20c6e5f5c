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
}

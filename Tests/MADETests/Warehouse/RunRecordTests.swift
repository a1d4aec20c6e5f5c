import Foundation
import Testing

@testable import MADE

/// Every command's row in `runs` ends `ok` or `failed`: a command stopped by an error is not
/// left `running` (which would read as still at work, or as interrupted by a crash).
@Suite struct RunRecordTests {
  @Test func anExportStoppedByAnErrorIsRecordedAsFailed() throws {
    let test = try TestWorkspace()
    // Nothing is loaded, so there is no complete quarter to export.
    #expect(throws: (any Error).self) {
      try test.pipeline.export(period: "latest-quarter-that-does-not-exist")
    }
    #expect(try test.strings("SELECT status FROM runs WHERE command = 'export'") == ["failed"])
    #expect(
      try test.count(
        "SELECT count(*) FROM runs WHERE command = 'export' AND finished_at IS NOT NULL") == 1)
  }

  @Test func aggregateAndPurgeThatFinishAreRecordedAsOK() throws {
    let test = try TestWorkspace()
    _ = try test.pipeline.aggregate()
    _ = try test.pipeline.purge()
    #expect(
      try test.strings(
        "SELECT command || ' ' || status FROM runs WHERE command IN ('aggregate', 'purge') "
          + "ORDER BY run_id") == ["aggregate ok", "purge ok"])
  }
}

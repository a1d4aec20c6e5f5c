import Foundation
import Testing

@testable import MADE

/// Packs checked by the Python `frictionless validate`: each a valid Data Package whose CSVs
/// match their Table Schemas. Without the validator the test is reported as skipped, with what
/// to run, rather than passing without checking anything (CI requires it: `FrictionlessCheck`).
@Suite struct FrictionlessPackTests {
  @Test(
    .enabled(
      if: FrictionlessCheck.isInstalled || FrictionlessCheck.isRequired,
      "frictionless is not installed: run scripts/install-test-tools"))
  func everyPackIsAValidDataPackage() throws {
    let test = try PackWriterTests().workspace()
    let packs = try test.pipeline.export()
    #expect(!packs.isEmpty)
    try FrictionlessCheck.validate(packs)
  }
}

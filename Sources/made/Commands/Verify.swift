import ArgumentParser
import Foundation
import MADE

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check integrity, lineage and reconciliation.",
    discussion: """
      Runs SQLite's integrity and foreign-key checks, then checks that every file balances \
      (rows read = loaded + rejected), every rejected row is recorded, every record comes \
      from a loaded file, and each record table and its history reconcile with the files' \
      counts. Exit code 1 when a check fails.

      Example:
        made verify
      """)

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    var failed = false
    try runReportingErrors {
      let findings = try Pipeline(workspace: options.resolvedWorkspace).verify()
      for finding in findings where !options.quiet || !finding.passed { print(finding) }
      failed = findings.contains { !$0.passed }
    }
    if failed { throw ExitCode(.internalFailure) }
  }
}

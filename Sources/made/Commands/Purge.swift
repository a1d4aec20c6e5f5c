import ArgumentParser
import Foundation
import MADE

struct Purge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Delete records past their feed's retention period.",
    discussion: """
      Deletes, in one transaction, every record and superseded version whose month is older \
      than its feed's retention window ([feeds.<name>] retention_months in made.toml, else the \
      feed schema's retentionMonths), records each deletion in the purges table and audit_log, \
      and deletes archive/<feed>/<yyyy>/<mm>/ folders of deliveries received before the \
      window. made nightly runs it every night. Indicators of purged months disappear at the \
      next made aggregate.

      Examples:
        made purge --dry-run
        made purge
      """)

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Count what would be deleted; delete nothing.")
  var dryRun = false

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      try options.withLockedWorkspace("purge") { workspace in
        let results = try Pipeline(workspace: workspace).purge(dryRun: dryRun)
        if results.isEmpty, !options.quiet { print("Nothing is past its retention period.") }
        for result in results where !options.quiet {
          print(
            "\(dryRun ? "would delete" : "deleted") \(result.records) records and "
              + "\(result.history) superseded versions of \(result.table) before \(result.beforeMonth)"
          )
        }
      }
    }
  }
}

import ArgumentParser
import Foundation
import MADE

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a partner's file as ingest would, keeping nothing.",
    discussion: """
      Everything `made ingest` does to FILE (the feed found by its header or --feed, every \
      row cast and checked, rejects with their reasons and lines, geography, \
      pseudonymisation), on a scratch copy of the workspace that is then deleted: the \
      warehouse is only read, and the file stays where it is. For the data officer before \
      a new partner's first delivery, and for partners before they send.

      Prints what ingest would say and the rejected rows by reason with their first lines. \
      --receipt writes the partner's receipt: accepted rows, then rejected rows by reason \
      with their lines (CSV: outcome, reason, rows, lines); `made rejects --csv` has the \
      same layout for loaded files.

      Examples:
        made check new-partner-extract.csv --feed yot-offences --receipt receipt.csv
        made check 2025-03-lancashire-street.csv

      Exit codes as ingest: 3 when the file would be quarantined, 2 when the workspace is not \
      ready for its feed.
      """)

  @Argument(help: "The delivery to check.")
  var file: String

  @Option(help: "The feed the file is for (default: found by its header).")
  var feed: String?

  @Option(help: "Write the partner's receipt (CSV) to this file.")
  var receipt: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    var outcome: FileOutcome?
    try runReportingErrors {
      if let receipt,
        URL(fileURLWithPath: receipt).standardizedFileURL
          == URL(fileURLWithPath: file).standardizedFileURL
      {
        throw UsageError("--receipt names the file being checked; choose another file")
      }
      var pipeline = try Pipeline(workspace: options.resolvedWorkspace)
      pipeline.progress = TerminalProgress.ifTerminal(quiet: options.quiet)
      let check = try pipeline.check(path: file, feed: feed)
      outcome = check.outcome
      if !options.quiet { print("What made ingest would do (nothing is stored by a check):") }
      print(outcomes: [check.outcome], quiet: options.quiet)
      if !options.quiet {
        for (reason, rows, lines) in check.rejectsByReason {
          let shown = lines.prefix(10).map(String.init).joined(separator: ", ")
          print(
            "  \(reason): \(rows) \(rows == 1 ? "row, line" : "rows, lines") \(shown)"
              + (lines.count > 10 ? ", …" : ""))
        }
        print("Checked only: nothing was stored, and \(file) was not moved.")
      }
      if let receipt {
        try check.receiptCSV.write(
          to: URL(fileURLWithPath: receipt), atomically: true, encoding: .utf8)
        if !options.quiet { print("Receipt written to \(receipt)") }
      }
    }
    if outcome?.status == .notLoaded { throw ExitCode(.usageOrConfiguration) }
    if outcome?.status == .quarantined { throw ExitCode(.quarantined) }
  }
}

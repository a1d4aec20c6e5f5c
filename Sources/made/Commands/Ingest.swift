import ArgumentParser
import Foundation
import MADE

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check and load partner files.",
    discussion: """
      With no FILE, ingests everything waiting in inbox/ (inbox/<feed>/ names the feed; files \
      directly in inbox/ are identified by their header), then moves each file to archive/ or, \
      if it could not be loaded, to quarantine/ with a .reason.txt beside it.

      Each file loads in one transaction: its good rows plus a record of every rejected row \
      (table rejects: line, field, reason code, message), or nothing at all. The same bytes \
      delivered again are recorded as a duplicate and nothing is loaded. A record whose key \
      was seen before with different content is updated; its previous version goes to the \
      feed's _history table. A row that repeats the key of an earlier row of its file is \
      rejected (duplicate-key), except in a feed whose schema keeps such rows \
      ("repeatedKeys": "keep": data.police.uk lists some crimes twice): there it is loaded \
      as the key's next occurrence (key_occurrence 2, 3...) with a warning, not a reject \
      (table row_warnings, code repeated-key; made rejects lists them).

      Examples:
        made ingest
        made ingest extracts/2025-03.csv.gz --feed police-crimes

      Exit code 3 when any file was quarantined (the others are still loaded); 2 when the \
      workspace is not ready for a feed (no key, a reference table missing: those files stay \
      where they are).

      Reason codes:
      \(ReasonCode.allCases.map { "  \($0.rawValue): \($0.explanation)" }.joined(separator: "\n"))
      """)

  @Argument(help: "Files to ingest (default: everything in inbox/).")
  var files: [String] = []

  @Option(help: "The feed of the named files (default: from the inbox folder or the header).")
  var feed: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    var quarantined = false
    var notReady = false
    try runReportingErrors {
      try options.withLockedWorkspace("ingest") { workspace in
        var pipeline = try Pipeline(workspace: workspace)
        pipeline.progress = TerminalProgress.ifTerminal(quiet: options.quiet)
        let outcomes = try pipeline.ingest(paths: files, feed: feed)
        // Not an error (nothing was refused or lost; the files wait where they are), but never
        // silent: printed even with --quiet.
        let stray = files.isEmpty ? try pipeline.strayInboxFolders() : []
        for folder in stray { FileHandle.standardError.write(Data((folder.warning + "\n").utf8)) }
        if outcomes.isEmpty, !options.quiet {
          print(
            stray.isEmpty
              ? "Nothing to ingest: inbox/ is empty."
              : "Nothing to ingest from the feed folders of inbox/ (see the warnings above).")
        }
        print(outcomes: outcomes, quiet: options.quiet)
        quarantined = outcomes.contains { $0.status == .quarantined }
        notReady = outcomes.contains { $0.status == .notLoaded || $0.filingProblem != nil }
      }
    }
    if notReady { throw ExitCode(.usageOrConfiguration) }
    if quarantined { throw ExitCode(.quarantined) }
  }
}

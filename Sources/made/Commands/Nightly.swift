import ArgumentParser
import Foundation
import MADE

struct Nightly: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Ingest, purge, aggregate and export under a lock: the one command for cron.",
    discussion: """
      1. Takes the workspace lock (.made.lock; released by the kernel if the process dies). \
      When another run holds it, exits 4 at once, naming its pid and start time.
      2. Ingests what has settled in inbox/: names ending .part, .tmp, .filepart, \
      .crdownload and dot-files are never taken, nor files modified in the last \
      [nightly] settle_seconds (default 120) - they wait for the next run. Each file then \
      moves to archive/ or quarantine/ (with a .reason.txt). A run that was killed is \
      repaired by the next: files it committed but did not move are filed, not loaded again.
      3. Deletes records past their feed's retention period (as made purge), then brings \
      the indicators up to date (only the months new files touched are counted \
      again) and writes packs when any value changed since packs/ was last written in full.
      4. Writes reports/run-<run_id>.txt and .json (files, rows loaded and rejected by reason, \
      quarantined files and why, overdue feeds, indicators recomputed, packs, runs that were \
      interrupted, timings) and prints the text.

      Exit codes: 0 done; 3 a file was quarantined (the others were processed); 2 a feed the \
      workspace is not ready for, or a configuration error; 4 another run holds the lock; 1 an \
      internal failure (the warehouse is left as it was before the step that failed).

      Example (crontab, 02:15 every night):
        15 2 * * *  MADE_WORKSPACE=/srv/made /usr/local/bin/made nightly --quiet
      """)

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    var code = MADEExitCode.success
    try runReportingErrors {
      let report = try MADE.Nightly.run(workspace: options.resolvedWorkspace)
      if options.logFormat == .json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
      } else if !options.quiet || report.exitCode != 0 || !report.strayFolders.isEmpty {
        print(MADE.Nightly.text(report), terminator: "")
      }
      code = MADEExitCode(rawValue: report.exitCode) ?? .internalFailure
    }
    if code != .success { throw ExitCode(code) }
  }
}

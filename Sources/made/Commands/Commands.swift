import ArgumentParser
import Foundation
import MADE

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a workspace.",
    discussion: """
      Creates DIR (default: the current directory) with made.toml (commented settings: the \
      VRN's districts, limits), inbox/<feed>/ for each feed, archive/, quarantine/, packs/, \
      a new pseudonymisation key in secrets/made.key (mode 0600; back it up: without it new \
      deliveries cannot be linked to earlier ones) and a migrated warehouse.sqlite (mode 0600). \
      Running it again on an existing workspace keeps its config and key.

      Example:
        made init /srv/made
      """)

  @Argument(help: "The folder to create (default: --workspace, $MADE_WORKSPACE or .).")
  var directory: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    let logger = options.setUpLogging()
    try runReportingErrors {
      let workspace =
        directory.map { Workspace(root: URL(fileURLWithPath: $0)) } ?? options.resolvedWorkspace
      try workspace.create(feeds: try FeedCatalog().names)
      logger.info("Workspace ready at \(workspace.root.path)")
      if !options.quiet {
        print(
          """
          Workspace ready: \(workspace.root.path)
          Next: load reference data, e.g.
            made reference load wards Ward_to_LAD_Lookup.csv --workspace \(workspace.root.path)
          then put partner files in inbox/<feed>/ and run `made ingest`.
          """)
      }
    }
  }
}

struct Reference: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Load reference data.",
    subcommands: [Load.self])

  struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load one reference file in its published layout.",
      discussion: """
        KIND is one of:
        \(ReferenceKind.allCases.map { "  \($0.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

        Columns are found by their coded names whatever the vintage (WD23CD or WD24CD, \
        LSOA11CD or LSOA21CD…). A load replaces the earlier load of the same kind (for \
        lsoa-wards, of the same LSOA vintage; for population, of the same year).

        Examples:
          made reference load wards WD24_LAD24_UK_LU.csv
          made reference load lsoa-wards LSOA21_WD24_LAD24_EW_LU.csv
          made reference load postcodes NSPL_NOV_2024_UK.csv
          made reference load population sapewardstablefinal2022.csv --year 2022
          made reference load offences offences.csv
        """)

    @Argument(
      help: "What the file is: \(ReferenceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Argument(help: "The file (CSV, optionally .gz).")
    var file: String

    @Option(help: "The mid-year of a population estimate (population only).")
    var year: Int?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
      guard ReferenceKind(rawValue: kind) != nil else {
        throw ValidationError(
          "unknown reference kind '\(kind)'; use one of: "
            + ReferenceKind.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    func run() throws {
      _ = options.setUpLogging()
      try runReportingErrors {
        try options.withLockedWorkspace("reference load") { workspace in
          var pipeline = try Pipeline(workspace: workspace)
          pipeline.progress = TerminalProgress.ifTerminal(quiet: options.quiet)
          let rows = try pipeline.loadReference(
            ReferenceKind(rawValue: kind)!, path: file, year: year)
          if !options.quiet { print("Loaded \(rows) rows of \(kind) from \(file)") }
        }
      }
    }
  }
}

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

struct Nightly: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Ingest, aggregate and export under a lock: the one command for cron.",
    discussion: """
      1. Takes the workspace lock (.made.lock; released by the kernel if the process dies). \
      When another run holds it, exits 4 at once, naming its pid and start time.
      2. Ingests what has settled in inbox/: names ending .part, .tmp, .filepart, \
      .crdownload and dot-files are never taken, nor files modified in the last \
      [nightly] settle_seconds (default 120) - they wait for the next run. Each file then \
      moves to archive/ or quarantine/ (with a .reason.txt). A run that was killed is \
      repaired by the next: files it committed but did not move are filed, not loaded again.
      3. Brings the indicators up to date (only the months new files touched are counted \
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

struct Rejects: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a delivery's rejected rows, as feedback for the partner.",
    discussion: """
      Without --file, lists the files that had rejected rows or warnings (latest first). With \
      --file ID (the file_id shown there, in made status or in the run report), lists that \
      file's rejected rows: line (as a text editor counts), column, reason code and message; \
      and its rows loaded with a warning (repeated-key: a row repeating the key of an earlier \
      row, kept as published), whose message begins "WARNING (loaded)". Messages never quote \
      an identifier, so the report can go back to the sender.

      Examples:
        made rejects
        made rejects --file 42 --csv > police-crimes-2025-03-rejects.csv
      """)

  @OptionGroup var options: GlobalOptions

  @Option(help: "The file_id of the delivery.")
  var file: Int64?

  @Flag(help: "Write CSV (line,column,reason,message) instead of text.")
  var csv = false

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let workspace = options.resolvedWorkspace
      guard let file else {
        let files = try RejectReport.files(in: workspace)
        if files.isEmpty { print("No delivery has rejected rows or warnings.") }
        for entry in files {
          var line =
            "\(entry.fileID)\t\(entry.receivedAt)\t\(entry.feed)\t\(entry.name)\t"
            + "\(entry.rowsRejected) of \(entry.rowsRead) rows rejected"
          if entry.rowsRepeatedKey > 0 {
            line += "; WARNING: \(entry.rowsRepeatedKey) loaded with a repeated key"
          }
          print(line)
        }
        return
      }
      let rows = try RejectReport.rows(fileID: file, in: workspace)
      if csv {
        print(RejectReport.csv(rows), terminator: "")
      } else {
        for row in rows {
          print(
            "line \(row.line)\(row.column.isEmpty ? "" : ", \(row.column)"): \(row.reason): "
              + row.message)
        }
      }
    }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write indicator packs for partners.",
    discussion: """
      Writes one zip per area and period, made-pack-<area code>-<period>.zip (a financial \
      year's / becomes -), into packs/ or --out. By default: every district (LAD), every \
      partnership (CSP) and the county, for the latest quarter and the latest financial year.

      A pack holds datapackage.json (a Frictionless Data Package), indicators.csv (the \
      area, its wards - or, for the county, its districts - and the county benchmark, for the \
      period and the earlier ones of its kind), indicator_metadata.csv, report.html \
      (self-contained, charts inline, prints to A4) and README.txt.

      Small numbers are withheld as 'c' before anything is written: police, youth justice and \
      school counts from 1 to [export] suppression_threshold (default 4), plus the cells that \
      would give one away by subtraction; A&E counts from 1 to 7, others rounded to the \
      nearest 5. The same warehouse always gives byte-identical zips.

      Examples:
        made export
        made export --area E07000123 --period 2024/25
        made export --area county --period latest --out packs-for-review
      """)

  @OptionGroup var options: GlobalOptions

  @Option(help: "A district or partnership code, county, or all (the default).")
  var area: String?

  @Option(help: "A period label (2024/25, 2025-Q1, 2025-03) or latest (the default).")
  var period: String?

  @Option(help: "Folder for the zips (default: the workspace's packs/).")
  var out: String?

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      try options.withLockedWorkspace("export") { workspace in
        do {
          let written = try Pipeline(workspace: workspace).export(
            area: area, period: period, to: out.map { URL(fileURLWithPath: $0) })
          if !options.quiet {
            for url in written { print("Wrote \(url.path)") }
          }
        } catch let error as Exporter.RequestError {
          throw UsageError("made export: \(error.description)")
        }
      }
    }
  }
}

struct Aggregate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Bring the indicator tables up to date with the records.",
    discussion: """
      Computes indicator_values for every indicator of the catalogue (Schemas/indicators.json) \
      by ward, district (lad), community safety partnership (csp, from made.toml) and county, \
      for every complete month, quarter, financial year (April-March, 2024/25) and rolling 12 \
      months (labelled by its last month). Rates carry 95% and 99.8% limits (exact Poisson \
      below 10 events, Byar's from 10), proportions Wilson limits; every area is compared \
      with the county, with the change from the previous period and a five-period trend.

      Only months that new deliveries touched are counted again; a changed reference table \
      (other than population) or catalogue counts everything again. Only rows that changed \
      are rewritten.

      Example:
        made aggregate
        sqlite3 warehouse.sqlite "SELECT * FROM v_indicator_latest WHERE geo_type = 'lad' LIMIT 5"
      """)

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      try options.withLockedWorkspace("aggregate") { workspace in
        let summary = try Pipeline(workspace: workspace).aggregate()
        if !summary.wardsWithoutPopulation.isEmpty {
          let some = summary.wardsWithoutPopulation.prefix(5).joined(separator: ", ")
          FileHandle.standardError.write(
            Data(
              ("made: warning: \(summary.wardsWithoutPopulation.count) wards of the area have no "
                + "population estimate (\(some)…): their rates are blank and district and county "
                + "rates are too high. Load the estimates for the ward vintage in use: "
                + "`made reference load population FILE --year YYYY`.\n").utf8))
        }
        if !options.quiet {
          let scanned = summary.monthsScanned.sorted { $0.key < $1.key }.map {
            "\($0.key): \($0.value.isEmpty ? "unchanged" : "\($0.value.count) months")"
          }
          print(
            "Counted \(summary.rescannedEverything ? "every month" : "changed months") "
              + "(\(scanned.joined(separator: ", "))).")
          print(
            "\(summary.valuesTotal) indicator values: \(summary.valuesWritten) written, "
              + "\(summary.valuesDeleted) removed, the rest unchanged.")
        }
      }
    }
  }
}

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what is loaded, last deliveries, overdue feeds and quarantined files.",
    discussion: """
      A feed is overdue when it has delivered nothing (loaded or duplicate) for longer than \
      its [feeds.<name>] expect_every_days in made.toml.

      With --check, prints only the overdue feeds and exits 5 when there is any (0 when \
      none): for monitoring.

      Examples:
        made status --workspace /srv/made
        made status --check || mail -s "MADE: overdue feed" vrn-data@example.org
      """)

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Exit 5 when any feed is overdue (print only those).")
  var check = false

  func run() throws {
    _ = options.setUpLogging()
    var overdue = false
    try runReportingErrors {
      let report = try Pipeline(workspace: options.resolvedWorkspace).status()
      overdue = !report.overdue.isEmpty
      if check {
        for feed in report.overdue {
          print(
            "overdue: \(feed.feed): last delivery \(feed.lastDelivery ?? "never"), expected "
              + "every \(feed.expectEveryDays) days")
        }
      } else {
        print(report)
      }
    }
    if check && overdue { throw ExitCode(.overdueFeed) }
  }
}

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

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a workspace from SampleData and run everything on it.",
    discussion: """
      Creates DIR (default: ./made-demo; an earlier demo there is replaced), loads the \
      synthetic Lancashire reference data, copies the sample partner deliveries into inbox/, \
      ingests them (some are quarantined or have rejected rows on purpose: see \
      SampleData/README.md) and computes the indicators.

      Example:
        made demo my-demo && sqlite3 my-demo/warehouse.sqlite .tables
      """)

  @Argument(help: "Where to build the demo workspace.")
  var directory: String = "made-demo"

  @Option(help: "The SampleData folder (default: found beside the repository).")
  var sampleData: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let sample = try MADE.Demo.locateSampleData(sampleData)
      let summary = try MADE.Demo.run(
        sampleData: sample, directory: URL(fileURLWithPath: directory),
        progress: TerminalProgress.ifTerminal(quiet: options.quiet),
        log: { if !options.quiet { print($0) } })
      print(outcomes: summary.outcomes, quiet: options.quiet)
      if !options.quiet {
        let loaded = summary.outcomes.filter { $0.status == .loaded }
        let quarantined = summary.outcomes.filter { $0.status == .quarantined }.count
        print(
          """

          Demo complete: \(loaded.count) files loaded (\(loaded.map(\.rowsLoaded).reduce(0, +)) rows), \
          \(quarantined) quarantined on purpose, \(summary.indicatorValues) indicator values, \
          \(summary.packs.count) packs in \(directory)/packs/.
          Read a report: unzip -p \(directory)/packs/\(summary.packs.first?.lastPathComponent ?? "") \
          report.html > report.html
          Explore: sqlite3 \(directory)/warehouse.sqlite \
          "SELECT indicator_id, geo_name, period, numerator, round(value, 2), comparison \
          FROM v_indicator_latest WHERE geo_type = 'csp' AND period_type = 'financial_year'"
          """)
      }
    }
  }
}

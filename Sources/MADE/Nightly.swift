import Foundation

/// `made nightly`: the one command for cron. Under the workspace lock it ingests what has
/// settled in the inbox, brings the indicators up to date, writes packs when anything changed,
/// and leaves a run report in `reports/run-<run_id>.txt` and `.json`.
public enum Nightly {
  /// What one nightly run did: the run report.
  public struct Report: Codable, Sendable {
    public struct File: Codable, Sendable {
      public var name: String
      public var feed: String?
      public var status: String
      public var rowsRead: Int
      public var rowsLoaded: Int
      public var rowsRejected: Int
      /// Rows loaded that repeat a key of an earlier row of the file (a warning, not a reject).
      public var rowsRepeatedKey: Int
      public var reason: String?
      public var message: String?
      /// Loaded, but every row was rejected (see `FileOutcome.everyRowRejected`).
      public var everyRowRejected: Bool
      /// Committed by an earlier run that stopped before moving the file; filed by this one.
      public var filedAfterInterruption: Bool
      /// Where the file is now (archive/, quarantine/, or still in the inbox).
      public var movedTo: String
      /// Why it is still in the inbox although it was processed (`FileOutcome.filingProblem`).
      public var notFiled: String?
    }

    public var runID: Int64
    public var startedAt: String
    public var finishedAt: String
    /// Earlier runs that never finished (killed, or the machine went down): this run finished
    /// what they left.
    public var interruptedRuns: [String]
    public var files: [File]
    /// Rejected rows of this run's files by reason code.
    public var rejectsByReason: [String: Int]
    /// Inbox files left for the next run because they were still being written.
    public var notSettled: Int
    /// Folders in the inbox that no feed reads: what they hold was not taken.
    public var strayFolders: [StrayInboxFolder]
    public var indicatorValuesWritten: Int
    public var indicatorValuesTotal: Int
    /// For each record table counted again, the months counted.
    public var monthsRecounted: [String: [String]]
    public var packsWritten: [String]
    /// Records deleted past their retention, by record table.
    public var recordsPurged: [String: Int]
    /// Feeds with no delivery within their expected cadence, with their last delivery.
    public var overdueFeeds: [String: String]
    /// Why no packs were written although values changed (nothing complete yet), if so.
    public var exportNote: String?
    /// Seconds spent ingesting, aggregating and exporting.
    public var timings: [String: Double]
    /// The exit code of DESIGN.md §4: 0, 2 (a feed the workspace is not ready for) or 3 (a
    /// file quarantined).
    public var exitCode: Int32
  }

  /// Runs once. Throws `WorkspaceLock.Busy` at once when another run holds the workspace.
  public static func run(workspace: Workspace, now: Date = Date()) throws -> Report {
    let lock = try WorkspaceLock(workspace: workspace, command: "nightly")
    defer { withExtendedLifetime(lock) {} }
    let pipeline = try Pipeline(workspace: workspace)
    let warehouse = try workspace.openWarehouse()
    let runID = try warehouse.beginRun(command: "nightly")
    let interrupted = try warehouse.closeInterruptedRuns(before: runID)
    let started = Clock.nowISO()
    var timings: [String: Double] = [:]
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let start = Date()
      defer { timings[name] = Date().timeIntervalSince(start) }
      return try body()
    }
    let settledBefore = now.addingTimeInterval(-Double(pipeline.config.nightly.settleSeconds))
    do {
      let outcomes = try timed("ingest") {
        try pipeline.ingest(paths: [], feed: nil, settledBefore: settledBefore)
      }
      let purged = try timed("purge") { try pipeline.purge(now: now) }
      let summary = try timed("aggregate") { try pipeline.aggregate(today: now) }
      let packsMissing =
        !((try? FileManager.default.contentsOfDirectory(
          atPath: workspace.packs.path))?.contains { $0.hasSuffix(".zip") } ?? false)
      var packs: [URL] = []
      var exportNote: String?
      // Values or pack settings changed since packs/ was written in full, or an export
      // stopped halfway, or someone emptied packs/.
      if try !warehouse.packsAreCurrent(settings: pipeline.packSettings) || packsMissing {
        do {
          packs = try timed("export") { try pipeline.export(aggregateFirst: false) }
        } catch let error as Exporter.RequestError {
          exportNote = error.description  // nothing complete to publish yet
        }
      }
      let quarantined = outcomes.contains { $0.status == .quarantined }
      let notReady = outcomes.contains { $0.status == .notLoaded || $0.filingProblem != nil }
      var report = Report(
        runID: runID, startedAt: started, finishedAt: "", interruptedRuns: interrupted,
        files: outcomes.map {
          Report.File(
            name: $0.deliveredName,
            feed: $0.feed, status: $0.status.rawValue, rowsRead: $0.rowsRead,
            rowsLoaded: $0.rowsLoaded, rowsRejected: $0.rowsRejected,
            rowsRepeatedKey: $0.rowsRepeatedKey, reason: $0.reason?.rawValue,
            message: $0.message, everyRowRejected: $0.everyRowRejected,
            filedAfterInterruption: $0.filedAfterInterruption,
            movedTo: workspace.recordedPath($0.path), notFiled: $0.filingProblem)
        },
        rejectsByReason: try warehouse.rejectCounts(fileIDs: outcomes.compactMap(\.fileID)),
        notSettled: max(
          0, try pipeline.inboxFileCount() - outcomes.filter { $0.status == .notLoaded }.count),
        strayFolders: try pipeline.strayInboxFolders(),
        indicatorValuesWritten: summary.valuesWritten + summary.valuesDeleted,
        indicatorValuesTotal: summary.valuesTotal,
        monthsRecounted: summary.monthsScanned.filter { !$0.value.isEmpty },
        packsWritten: packs.map(\.lastPathComponent),
        recordsPurged: Dictionary(uniqueKeysWithValues: purged.map { ($0.table, $0.records) }),
        overdueFeeds: Dictionary(
          uniqueKeysWithValues: try StatusReport.overdueFeeds(
            warehouse: warehouse, config: pipeline.config, now: now
          ).map {
            ($0.feed, $0.lastDelivery ?? "never")
          }),
        exportNote: exportNote, timings: timings,
        exitCode: notReady ? 2 : quarantined ? 3 : 0)
      report.finishedAt = Clock.nowISO()
      CrashPoint.beforeRunReport.reach()
      try write(report, to: workspace)
      try warehouse.audit(
        action: "nightly",
        detail: "run \(runID): \(outcomes.count) files, \(packs.count) packs", rows: outcomes.count)
      try warehouse.finishRun(runID, status: quarantined ? .quarantined : .ok)
      return report
    } catch {
      try? warehouse.finishRun(runID, status: .failed)
      throw error
    }
  }

  /// Writes `reports/run-<id>.json` and `.txt`.
  static func write(_ report: Report, to workspace: Workspace) throws {
    let folder = workspace.root.appendingPathComponent("reports")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(report).replace(folder.appendingPathComponent("run-\(report.runID).json"))
    try Data(text(report).utf8).replace(folder.appendingPathComponent("run-\(report.runID).txt"))
  }

  /// The one-screen summary, also the text report.
  public static func text(_ report: Report) -> String {
    func count(_ status: String) -> Int { report.files.filter { $0.status == status }.count }
    func list(_ pairs: [(String, String)]) -> String {
      pairs.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
    let loaded = report.files.filter { $0.status == "loaded" }
    let rejected = report.files.map(\.rowsRejected).reduce(0, +)
    let reasons = report.rejectsByReason.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
    let recounted = report.monthsRecounted.sorted { $0.key < $1.key }.map {
      ($0.key + ":", "\($0.value.count) months")
    }
    let overdue = report.overdueFeeds.sorted { $0.key < $1.key }.map {
      ($0.key, "(last \($0.value))")
    }
    let timings = report.timings.sorted { $0.key < $1.key }.map {
      ($0.key, String(format: "%.1f s", $0.value))
    }
    var files =
      "Files: \(report.files.count) (\(loaded.count) loaded, \(count("duplicate")) duplicate, "
    files += "\(count("quarantined")) quarantined, \(count(FileOutcome.Status.notLoaded.rawValue)) "
    files += "not loaded)"
    let empty = report.files.filter(\.everyRowRejected).count
    if empty > 0 { files += "; \(empty) with every row rejected (see below)" }
    if report.notSettled > 0 { files += "; \(report.notSettled) still being written, left" }
    var rows = "Rows: \(loaded.map(\.rowsLoaded).reduce(0, +)) loaded, \(rejected) rejected"
    if !reasons.isEmpty { rows += " (\(list(reasons)))" }
    let repeated = report.files.map(\.rowsRepeatedKey).reduce(0, +)
    if repeated > 0 {
      rows +=
        "; WARNING: \(repeated) loaded \(repeated == 1 ? "row repeats" : "rows repeat") the key "
        + "of an earlier row of its file (as published)"
    }
    var indicators =
      "Indicators: \(report.indicatorValuesWritten) of \(report.indicatorValuesTotal) values changed"
    if !recounted.isEmpty { indicators += " (\(list(recounted)))" }
    let packs =
      report.packsWritten.isEmpty
      ? "none written (\(report.exportNote ?? "nothing changed"))"
      : "\(report.packsWritten.count) written"
    var lines = [
      "MADE nightly run \(report.runID): \(report.startedAt) to \(report.finishedAt), "
        + "exit code \(report.exitCode)",
      files, rows, indicators, "Packs: \(packs)",
      "Interrupted earlier: "
        + (report.interruptedRuns.isEmpty
          ? "none" : report.interruptedRuns.joined(separator: ", ") + " (repaired by this run)"),
      "Overdue feeds: \(overdue.isEmpty ? "none" : list(overdue))",
      "Purged past retention: "
        + (report.recordsPurged.isEmpty
          ? "nothing"
          : list(report.recordsPurged.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") })),
      "Timings: \(list(timings))",
    ]
    lines += report.strayFolders.map(\.warning)
    for file in report.files {
      var line = "  \(file.status.uppercased()) \(file.name)"
      if let feed = file.feed { line += " [\(feed)]" }
      line += ": \(file.rowsLoaded) of \(file.rowsRead) rows loaded"
      if file.rowsRepeatedKey > 0 {
        line += " (\(file.rowsRepeatedKey) with a repeated key, as published: key_occurrence > 1)"
      }
      if let reason = file.reason { line += "; \(reason): \(file.message ?? "")" }
      if file.everyRowRejected {
        line +=
          "; EVERY ROW WAS REJECTED: ask the partner to check the export "
          + "(`made rejects --file <file_id> --csv` is the list to send them)"
      }
      if file.filedAfterInterruption { line += " (an earlier run stopped before filing it)" }
      if let notFiled = file.notFiled { line += "; NOT FILED: \(notFiled)" }
      lines.append(line + " -> \(file.movedTo)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

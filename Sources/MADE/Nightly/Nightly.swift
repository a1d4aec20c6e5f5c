import Foundation

/// `made nightly`: the one command for cron. Under the workspace lock it ingests what has
/// settled in the inbox, purges records past retention, brings the indicators up to date,
/// writes packs when anything changed,
/// and leaves a run report in `reports/run-<run_id>.txt` and `.json`.
public enum Nightly {
  /// Runs once. Throws `WorkspaceLock.Busy` at once when another run holds the workspace.
  /// The stages and their order are `Pipeline.nightlyStages`; this adds the lock, the run's
  /// bookkeeping and the report.
  public static func run(workspace: Workspace, now: Date = Date()) throws -> Report {
    let lock = try WorkspaceLock(workspace: workspace, command: "nightly")
    defer { withExtendedLifetime(lock) {} }
    let pipeline = try Pipeline(workspace: workspace)
    let warehouse = try workspace.openWarehouse()
    let quarantinedStatus = FileOutcome.Status.quarantined.rawValue
    return try warehouse.recordingRun(
      command: "nightly",
      status: { $0.files.contains { $0.status == quarantinedStatus } ? .quarantined : .ok }
    ) { runID in
      let interrupted = try warehouse.closeInterruptedRuns(before: runID)
      let started = Clock.nowISO()
      let timings = StageTimings()
      let stages = try pipeline.nightlyStages(now: now, timings: timings)
      let outcomes = stages.outcomes
      let (purged, summary, packs) = (stages.purged, stages.summary, stages.packs)
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
        leftForNextRun: try pipeline.unsettledInboxFiles(
          settledBefore: now.addingTimeInterval(-Double(pipeline.config.nightly.settleSeconds))
        ).map {
          Report.LeftFile(
            name: $0.path, modifiedAt: Clock.iso($0.modified),
            takenAfter: Clock.iso(
              $0.modified.addingTimeInterval(Double(pipeline.config.nightly.settleSeconds))))
        },
        strayFolders: try pipeline.strayInboxFolders(),
        indicatorValuesWritten: summary.valuesWritten + summary.valuesDeleted,
        indicatorValuesTotal: summary.valuesTotal,
        monthsRecounted: summary.monthsScanned.filter { !$0.value.isEmpty },
        packsWritten: packs.map(\.lastPathComponent), packsUnchanged: stages.packsUnchanged,
        packsNotWritten: stages.packsNotWritten,
        recordsPurged: Dictionary(uniqueKeysWithValues: purged.map { ($0.table, $0.records) }),
        overdueFeeds: Dictionary(
          uniqueKeysWithValues: try StatusReport.overdueFeeds(
            warehouse: warehouse, config: pipeline.config, now: now
          ).map {
            ($0.feed, $0.lastDelivery ?? "never")
          }),
        exportNote: stages.exportNote, timings: timings.seconds,
        exitCode: (notReady || !stages.packsNotWritten.isEmpty
          ? MADEExitCode.usageOrConfiguration : quarantined ? .quarantined : .success).rawValue)
      report.finishedAt = Clock.nowISO()
      CrashPoint.beforeRunReport.reach()
      try write(report, to: workspace)
      try warehouse.audit(
        action: "nightly",
        detail: "run \(runID): \(outcomes.count) files, \(packs.count) packs", rows: outcomes.count)
      return report
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
}

import Foundation

/// One ingest run (`made ingest`, and nightly's first stage): the named files, or everything
/// waiting in `inbox/`, each loaded by `FileIngestor` and then filed by `InboxFiler`.
struct IngestRun {
  let pipeline: Pipeline

  /// See `Pipeline.ingest`.
  func run(paths: [String], feed: String?, settledBefore: Date?) throws -> [FileOutcome] {
    let workspace = pipeline.workspace
    let warehouse = try pipeline.openWarehouse()
    let catalog = try pipeline.catalog()
    if let feed { _ = try catalog.feed(named: feed) }
    let fromInbox = paths.isEmpty
    try paths.forEach(Self.checkNamedFile)
    let outcomes = try warehouse.recordingRun(
      command: "ingest",
      status: { (outcomes: [FileOutcome]) in
        outcomes.contains { $0.status == .quarantined } ? .quarantined : .ok
      }
    ) { runID -> [FileOutcome] in
      let ingestor = try fileIngestor(warehouse: warehouse, catalog: catalog, runID: runID)
      let filer = InboxFiler(workspace: workspace, warehouse: warehouse)
      // Files an interrupted run committed but did not finish filing are filed first, so that
      // they are not taken again as new deliveries.
      var outcomes = fromInbox ? try filer.finishInterruptedFiling() : []
      // A file whose filing failed again stays in the inbox, recorded: not a new delivery.
      let stuck = Set(outcomes.filter { $0.filingProblem != nil }.map(\.path))
      let work: [InboxWork] =
        fromInbox
        ? InboxDeliveries.waiting(
          in: workspace, feeds: catalog.names, settledBefore: settledBefore
        ).filter { !stuck.contains($0.path) }
        : paths.map { InboxWork(path: $0, feed: feed, refused: nil) }
      for item in work {
        outcomes.append(
          try Self.outcome(of: item, feed: feed) {
            let inboxPath = fromInbox ? workspace.recordedPath(item.path) : nil
            var outcome =
              try item.refused.map {
                try ingestor.refuse(
                  path: item.path, kind: $0, feedName: item.feed, inboxPath: inboxPath)
              }
              ?? ingestor.ingest(
                path: item.path, feedName: item.feed ?? feed, inboxPath: inboxPath)
            if fromInbox {
              CrashPoint.fileCommitted.reach()
              outcome.deliveredPath = outcome.path
              try filer.fileReportingProblems(&outcome)
            }
            return outcome
          })
      }
      return outcomes
    }
    if outcomes.contains(where: { $0.rowsLoaded > 10_000 }) { try warehouse.checkpoint() }
    return outcomes
  }

  /// What became of `item`, taken by `take`. A feed the workspace is not ready for (no key,
  /// a reference table missing) and a file still being written are that file's outcome,
  /// `notLoaded`: the file stays where it is and the run goes on with the others (exit 2).
  /// Any other error, a configuration error among them, ends the run.
  static func outcome(of item: InboxWork, feed: String?, _ take: () throws -> FileOutcome)
    throws -> FileOutcome
  {
    do {
      return try take()
    } catch let error as WorkspaceNotReady {
      return FileOutcome(
        path: item.path, feed: item.feed ?? feed, status: .notLoaded, reason: nil,
        message: error.description, fileID: nil)
    } catch let error as UnsettledFile {
      // Still being written: nothing was recorded; the next run takes it whole.
      return FileOutcome(
        path: item.path, feed: item.feed ?? feed, status: .notLoaded, reason: nil,
        message: error.description, fileID: nil)
    }
  }

  /// A path named here may be a link the operator chose, but it must end in a regular file:
  /// a FIFO or /dev/zero would be read forever.
  static func checkNamedFile(_ path: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else { throw UsageError("\(path): no such file") }
    let kind = EntryKind(mode: info.st_mode)
    guard kind == .regular else {
      throw UsageError(
        "\(path) is \(kind.description), not a regular file: name the file")
    }
  }

  /// The ingestor for this run. A key this user cannot read stops only the feeds that need
  /// it, as a missing key does, but says why.
  private func fileIngestor(warehouse: Warehouse, catalog: FeedCatalog, runID: Int64) throws
    -> FileIngestor
  {
    var key: [UInt8]?
    var keyProblem: String?
    do {
      key = try pipeline.workspace.loadKey()
    } catch let problem as AccessProblem {
      keyProblem = problem.description
    }
    var ingestor = FileIngestor(
      warehouse: warehouse, catalog: catalog, config: pipeline.config, key: key, runID: runID)
    ingestor.keyProblem = keyProblem
    ingestor.progress = pipeline.progress
    ingestor.batchRows = pipeline.batchRows
    ingestor.postcodesInMemoryLimit = pipeline.postcodesInMemoryLimit
    return ingestor
  }
}

import Foundation

/// The order of things, top to bottom: each stage is one call here, its details one click away.
///
/// 0. `loadReference`: lookups (wards, postcodes, population, offences…), once per release
///    of each (`Reference/`).
/// 1. `ingest`: each delivered file is identified (inbox folder, `--feed`, or its header),
///    read as a stream (`Extract/`), checked and cast field by field (`Validate/`),
///    pseudonymised and placed in ward / district (`Normalise/`), and loaded in one
///    transaction with its lineage (`Warehouse/`), by `Ingest/`; then archived, or
///    quarantined with a reason (`Workspace/InboxFiler`).
/// 2. `purge`: records past their feed's retention window are deleted.
/// 3. `aggregate`: indicator values are rebuilt from the record tables (`Indicators/`).
/// 4. `export`: indicator packs for partners (`Export/`).
///
/// `made nightly` runs 1 to 4 in that order under the workspace lock (`nightlyStages`).
public struct Pipeline {
  public let workspace: Workspace
  public let config: Config
  public var progress: (any ProgressReporter)?
  /// Tuning, for tests: rows per batch between the threads, and the size of postcode
  /// directory held in memory.
  var batchRows = 4096
  var postcodesInMemoryLimit = 300_000

  public init(workspace: Workspace) throws {
    self.workspace = workspace
    config = try workspace.loadConfig()
  }

  // MARK: The stages

  /// Loads one reference file in its published layout; `sheet` names the sheet of a
  /// population workbook (else the one with a ward code header is found).
  public func loadReference(
    _ kind: ReferenceKind, path: String, year: Int?, sheet: String? = nil
  ) throws -> Int {
    if kind == .boundaries {
      let load = try loadBoundaries(path: path, neighbours: false)
      return load.stored + load.neighbours
    }
    let warehouse = try openWarehouse()
    let rows = try ReferenceLoader(warehouse: warehouse, progress: progress).load(
      kind, path: path, year: year, sheet: sheet)
    try warehouse.setArea(ladCodes: config.area.ladCodes)
    return rows
  }

  /// Loads ONS ward or district boundaries for the area's maps; `neighbours` keeps those
  /// touching the area too, drawn for context.
  public func loadBoundaries(path: String, neighbours: Bool) throws -> BoundaryLoad {
    try BoundaryLoader(warehouse: try openWarehouse(), areaLADs: config.area.ladCodes).load(
      path: path, neighbours: neighbours)
  }

  /// Ingests the named files, or everything waiting in `inbox/` (then moved to `archive/` or
  /// `quarantine/`). Files are taken in `InboxDeliveries.deliveryOrder` within each feed
  /// folder.
  ///
  /// Partial uploads are never taken from the inbox (`.part`, `.tmp`, `.filepart`, `.crdownload`
  /// names and dot-files); with `settledBefore`, neither are files modified after it (a copy
  /// still being written).
  public func ingest(paths: [String], feed: String?, settledBefore: Date? = nil) throws
    -> [FileOutcome]
  {
    try IngestRun(pipeline: self).run(paths: paths, feed: feed, settledBefore: settledBefore)
  }

  /// Deletes records (and superseded versions) whose month ended before their feed's
  /// retention window: `[feeds.<name>] retention_months`, else the schema's `retentionMonths`;
  /// archived delivery files received before the window go too. `dryRun` only counts.
  public func purge(now: Date = Date(), dryRun: Bool = false) throws -> [Warehouse.PurgeResult] {
    try RetentionPurge(pipeline: self).run(now: now, dryRun: dryRun)
  }

  /// Brings indicator values up to date with the records: months that new deliveries touched
  /// are counted again, and periods that changed are rewritten. `today` decides which months
  /// are complete.
  public func aggregate(today: Date = Date()) throws -> Aggregator.Summary {
    let warehouse = try openWarehouse()
    return try warehouse.recordingRun(command: "aggregate") { _ in
      try Aggregator(
        warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(), config: config,
        today: today, feeds: try catalog()
      ).run()
    }
  }

  /// Brings the indicators up to date, then writes indicator packs (see `Exporter` for `area`
  /// and `period`) into `folder`, by default the workspace's `packs/`; returns the files
  /// written.
  public func export(
    area: String? = nil, period: String? = nil, to folder: URL? = nil, aggregateFirst: Bool = true
  ) throws -> [URL] {
    // Suppression is decided by aggregation from the current made.toml and data: bring it up
    // to date first (instant when nothing changed), unless the caller just did.
    if aggregateFirst { _ = try aggregate() }
    return try PackExport(pipeline: self).run(area: area, period: period, to: folder).written
  }

  /// Nightly's order: ingest -> purge -> aggregate -> export. Only settled files are taken,
  /// and packs are written only when values changed (`exportWhenStale`). `Nightly.run` holds
  /// the lock around this and writes the run report.
  func nightlyStages(now: Date, timings: StageTimings) throws -> NightlyStages {
    let settledBefore = now.addingTimeInterval(-Double(config.nightly.settleSeconds))
    let outcomes = try timings.time("ingest") {
      try ingest(paths: [], feed: nil, settledBefore: settledBefore)
    }
    let purged = try timings.time("purge") { try purge(now: now) }
    let summary = try timings.time("aggregate") { try aggregate(today: now) }
    let export = try exportWhenStale(timings: timings)
    return NightlyStages(
      outcomes: outcomes, purged: purged, summary: summary, packs: export.packs,
      packsUnchanged: export.unchanged, packsNotWritten: export.notWritten,
      exportNote: export.note)
  }

  // MARK: Looking at the workspace

  public func status(now: Date = Date()) throws -> StatusReport {
    var report = try StatusReport(
      warehouse: try workspace.openWarehouseForReading(), config: config, now: now)
    report.strayFolders = try strayInboxFolders()
    return report
  }

  public func verify() throws -> [Verification.Finding] {
    // A broken workspace schema must not stop the integrity check: the built-in feeds stand in.
    try Verification(
      warehouse: try workspace.openWarehouseForReading(), feeds: try? catalog(),
      packs: workspace.packs
    ).run()
  }

  /// Folders in the inbox that no feed reads (misspelt feed folders, folders inside a feed
  /// folder): their files are never taken, so ingest, nightly and status name them.
  public func strayInboxFolders() throws -> [StrayInboxFolder] {
    StrayInboxFolder.all(in: workspace.inbox, feeds: try catalog().names)
  }

  /// Files in the inbox that are not partial uploads, settled or not.
  func inboxFileCount() throws -> Int {
    InboxDeliveries.waiting(in: workspace, feeds: try catalog().names, settledBefore: nil).count
  }
  /// Inbox files modified after `settledBefore` (still being written, perhaps): their paths
  /// in the workspace and when they were modified, oldest first.
  func unsettledInboxFiles(settledBefore: Date) throws -> [(path: String, modified: Date)] {
    InboxDeliveries.waiting(in: workspace, feeds: try catalog().names, settledBefore: nil)
      .compactMap { work in
        guard work.refused == nil, let modified = work.modified, modified > settledBefore
        else { return nil }
        return (workspace.recordedPath(work.path), modified)
      }.sorted { $0.modified < $1.modified }
  }

  // MARK: Shared by the stages

  func openWarehouse() throws -> Warehouse {
    let warehouse = try workspace.openWarehouse()
    try warehouse.setArea(ladCodes: config.area.ladCodes)
    return warehouse
  }

  public func catalog() throws -> FeedCatalog {
    try FeedCatalog(overrideDirectory: workspace.schemaOverrides)
  }

  /// What packs show from made.toml besides the values: a change means packs are rewritten.
  var packSettings: String {
    "\(config.area.name)|\(config.export.licence ?? "")|\(config.export.suppressionThreshold)"
      + "|maps \(config.export.maps.rawValue)"
  }
}

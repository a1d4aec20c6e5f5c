import Foundation

/// The order of things, top to bottom:
///
/// 1. `ingest`: each delivered file is identified (inbox folder, `--feed`, or its header),
///    read as a stream (`Extract/`), checked and cast field by field (`Validate/`),
///    pseudonymised and placed in ward / district (`Normalise/`), and loaded in one
///    transaction with its lineage (`Warehouse/`); then archived, or quarantined with a reason.
/// 2. `aggregate`: indicator values are rebuilt from the record tables (`Indicators/`).
///
/// Reference data (`loadReference`) comes first, once per release of each lookup.
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

  func openWarehouse() throws -> Warehouse {
    let warehouse = try workspace.openWarehouse()
    try warehouse.setArea(ladCodes: config.area.ladCodes)
    return warehouse
  }

  public func catalog() throws -> FeedCatalog {
    try FeedCatalog(overrideDirectory: workspace.schemaOverrides)
  }

  /// Loads one reference file in its published layout.
  public func loadReference(_ kind: ReferenceKind, path: String, year: Int?) throws -> Int {
    let warehouse = try openWarehouse()
    let rows = try ReferenceLoader(warehouse: warehouse, progress: progress).load(
      kind, path: path, year: year)
    try warehouse.setArea(ladCodes: config.area.ladCodes)
    return rows
  }

  /// Ingests the named files, or everything waiting in `inbox/` (then moved to `archive/` or
  /// `quarantine/`). Files are taken in `deliveryOrder` within each feed folder.
  ///
  /// Partial uploads are never taken from the inbox (`.part`, `.tmp`, `.filepart`, `.crdownload`
  /// names and dot-files); with `settledBefore`, neither are files modified after it (a copy
  /// still being written).
  public func ingest(paths: [String], feed: String?, settledBefore: Date? = nil) throws
    -> [FileOutcome]
  {
    let warehouse = try openWarehouse()
    let catalog = try catalog()
    if let feed { _ = try catalog.feed(named: feed) }
    let fromInbox = paths.isEmpty
    for path in paths {
      // A path named here may be a link the operator chose, but it must end in a regular
      // file: a FIFO or /dev/zero would be read forever.
      var info = stat()
      guard stat(path, &info) == 0 else { throw ConfigurationError("\(path): no such file") }
      let kind = EntryKind(mode: info.st_mode)
      guard kind == .regular else {
        throw ConfigurationError(
          "\(path) is \(kind.description), not a regular file: name the file")
      }
    }
    let runID = try warehouse.beginRun(command: "ingest")
    // A key this user cannot read stops only the feeds that need it, as a missing key does,
    // but says why.
    var key: [UInt8]?
    var keyProblem: String?
    do {
      key = try workspace.loadKey()
    } catch let problem as AccessProblem {
      keyProblem = problem.description
    }
    var ingestor = FileIngestor(
      warehouse: warehouse, catalog: catalog, config: config, key: key, runID: runID)
    ingestor.keyProblem = keyProblem
    ingestor.progress = progress
    ingestor.batchRows = batchRows
    ingestor.postcodesInMemoryLimit = postcodesInMemoryLimit
    var outcomes: [FileOutcome] = []
    do {
      // Files an interrupted run committed but did not finish filing are filed first, so that
      // they are not taken again as new deliveries.
      if fromInbox { outcomes = try finishInterruptedFiling(warehouse: warehouse) }
      // A file whose filing failed again stays in the inbox, recorded: not a new delivery.
      let stuck = Set(outcomes.filter { $0.filingProblem != nil }.map(\.path))
      let work: [InboxWork] =
        fromInbox
        ? try inboxFiles(catalog: catalog, settledBefore: settledBefore).filter {
          !stuck.contains($0.path)
        }
        : paths.map { InboxWork(path: $0, feed: feed, refused: nil) }
      for item in work {
        do {
          let inboxPath = fromInbox ? workspace.recordedPath(item.path) : nil
          var outcome =
            try item.refused.map {
              try ingestor.refuse(
                path: item.path, kind: $0, feedName: item.feed, inboxPath: inboxPath)
            }
            ?? ingestor.ingest(path: item.path, feedName: item.feed ?? feed, inboxPath: inboxPath)
          if fromInbox {
            CrashPoint.fileCommitted.reach()
            outcome.deliveredPath = outcome.path
            try fileReportingProblems(&outcome, warehouse: warehouse)
          }
          outcomes.append(outcome)
        } catch let error as ConfigurationError {
          // The workspace is not ready for this feed (no key, a reference table missing): the
          // file stays where it is, the other feeds still load, and the run exits 2.
          outcomes.append(
            FileOutcome(
              path: item.path, feed: item.feed ?? feed, status: .notLoaded, reason: nil,
              message: error.description, fileID: nil))
        } catch let error as UnsettledFile {
          // Still being written: nothing was recorded; the next run takes it whole.
          outcomes.append(
            FileOutcome(
              path: item.path, feed: item.feed ?? feed, status: .notLoaded, reason: nil,
              message: error.description, fileID: nil))
        }
      }
    } catch {
      try? warehouse.finishRun(runID, status: .failed)
      throw error
    }
    let quarantined = outcomes.contains { $0.status == .quarantined }
    try warehouse.finishRun(runID, status: quarantined ? .quarantined : .ok)
    if outcomes.contains(where: { $0.rowsLoaded > 10_000 }) { try warehouse.checkpoint() }
    return outcomes
  }

  /// Finishes filing the deliveries a stopped run committed but did not finish filing
  /// (`files.inbox_path` still set), as that run would have: one `files` row each, the file
  /// filed once, a quarantined file's reason note beside it. See `file` for the steps; with a
  /// target recorded, that target existing means the file left the inbox.
  ///
  /// A file still in the inbox is recognised by its SHA-256; different bytes under its name
  /// (or bytes that cannot be read or compared) are a new delivery, taken as usual. A file
  /// found nowhere was removed by hand.
  private func finishInterruptedFiling(warehouse: Warehouse) throws -> [FileOutcome] {
    var outcomes: [FileOutcome] = []
    for filing in try warehouse.unfinishedFilings() {
      let source = workspace.url(recordedPath: filing.inboxPath)
      let target = filing.filedPath.map { workspace.url(recordedPath: $0) }
      // Seen with lstat: a filed link is a link; a folder in the way is not a filed file.
      func holdsFiling(_ url: URL) -> Bool {
        let kind = EntryKind(atPath: url.path)
        return kind.exists && kind != .directory
      }
      let filed = target.map(holdsFiling) ?? false
      let staged = target.map { holdsFiling(Self.staging(for: $0)) } ?? false
      let unread = filing.sha256.allSatisfy { $0 == "0" }  // quarantined before it was read
      let sourceIsThisFile =
        !filed && !unread && EntryKind(atPath: source.path) == .regular
        && (try? DeliveredFile(path: source.path).readToEndAndDigest()) == filing.sha256
      var outcome = filing.outcome
      // A refused health file is deleted before its note is written.
      let deleted = outcome.reason == .identifierInHealthFeed && target != nil
      guard sourceIsThisFile || filed || staged || deleted else {
        try warehouse.abandonFiling(fileID: outcome.fileID ?? 0)
        continue
      }
      outcome.path = source.path
      outcome.deliveredPath = source.path
      outcome.filedAfterInterruption = true
      try fileReportingProblems(
        &outcome, warehouse: warehouse, recordedTarget: target, sourceIsHere: sourceIsThisFile)
      outcomes.append(outcome)
    }
    return outcomes
  }

  /// One inbox entry to take: a regular file to read, or (`refused`) an entry of another kind
  /// to quarantine without opening it.
  struct InboxWork {
    var path: String
    var feed: String?
    var refused: EntryKind?
  }

  /// Entries waiting in `inbox/<feed>/` (feed known) and `inbox/` itself (feed from header),
  /// listed by their raw names and seen with lstat (`InboxListing`): regular files, settled;
  /// and every symbolic link, hard link, FIFO, socket or device, refused. Folders are left
  /// alone (`strayInboxFolders` names them).
  private func inboxFiles(catalog: FeedCatalog, settledBefore: Date?) throws -> [InboxWork] {
    func entries(in folder: URL, feed: String?) -> [InboxWork] {
      InboxListing.entries(in: folder, including: { !Self.isPartialUpload($0) })
        .sorted { Self.deliveryOrder($0.name, $1.name) }
        .compactMap { entry in
          switch entry.kind {
          case .directory, .missing: return nil
          case .regular:
            if let settledBefore, entry.modified > settledBefore { return nil }
            return InboxWork(path: entry.path, feed: feed, refused: nil)
          default:
            return InboxWork(path: entry.path, feed: feed, refused: entry.kind)
          }
        }
    }
    // The feed folders themselves are the workspace's own (one may be a link to an upload
    // area the operator set up): only what is inside them is a delivery.
    var work = entries(in: workspace.inbox, feed: nil).filter {
      !catalog.names.contains(URL(fileURLWithPath: $0.path).lastPathComponent)
    }
    for feed in catalog.names {
      work += entries(in: workspace.inbox.appendingPathComponent(feed), feed: feed)
    }
    return work
  }

  /// Folders in the inbox that no feed reads (misspelt feed folders, folders inside a feed
  /// folder): their files are never taken, so ingest, nightly and status name them.
  public func strayInboxFolders() throws -> [StrayInboxFolder] {
    StrayInboxFolder.all(in: workspace.inbox, feeds: try catalog().names)
  }

  /// Files in the inbox that are not partial uploads, settled or not.
  func inboxFileCount() throws -> Int {
    try inboxFiles(catalog: try catalog(), settledBefore: nil).count
  }

  /// A name that upload tools give a file still being written (or a hidden file).
  static func isPartialUpload(_ name: String) -> Bool {
    let lower = name.lowercased()
    return name.hasPrefix(".")
      || [".part", ".tmp", ".filepart", ".crdownload", ".partial"].contains { lower.hasSuffix($0) }
  }

  /// Name order, comparing names without their extensions first, so that
  /// `2025-01.csv` comes before its correction `2025-01-resend.csv`.
  static func deliveryOrder(_ left: String, _ right: String) -> Bool {
    func stem(_ name: String) -> String {
      var stem = name
      for suffix in [".gz", ".csv", ".txt"] where stem.lowercased().hasSuffix(suffix) {
        stem.removeLast(suffix.count)
      }
      return stem
    }
    let (leftStem, rightStem) = (stem(left), stem(right))
    return leftStem == rightStem ? left < right : leftStem < rightStem
  }

  /// Moves an inbox file to `archive/<feed>/` or `quarantine/<feed>/` (with a `.reason.txt`
  /// beside it); returns the new path.
  ///
  /// A loaded or duplicate file goes to `archive/<feed>/<yyyy>/<mm>/<sha256 prefix>-<name>`
  /// (month of receipt, UTC). The steps, each of which a crash may interrupt and the next run
  /// finish (`finishInterruptedFiling`):
  /// 1. the file's row was committed with its inbox path;
  /// 2. the target is chosen; if it already holds these bytes (the same name and bytes
  ///    delivered again this month) the delivered copy is dropped now, before step 3;
  /// 3. the target is recorded (`recordedTarget` when finishing);
  /// 4. the file moves to a staging name beside the target (a rename on one file system, a
  ///    copy then a delete across two), then is renamed to the target — so the target exists
  ///    only whole; a health file refused for identifiers is deleted instead;
  /// 5. the reason note is written (for the refused health file, the target is the note);
  /// 6. the row is marked filed.
  ///
  /// `sourceIsHere` is false when finishing a filing whose file already left the inbox.
  private func file(
    _ outcome: FileOutcome, warehouse: Warehouse, recordedTarget: URL? = nil,
    sourceIsHere: Bool = true
  ) throws -> String {
    guard let fileID = outcome.fileID else { return outcome.path }
    let manager = FileManager.default
    let source = URL(fileURLWithPath: outcome.path)
    let refusedHealth = outcome.reason == .identifierInHealthFeed
    var sourceIsHere = sourceIsHere
    // Seen with lstat throughout: a quarantined link is moved as a link, and nothing that is
    // in the way (a folder, a link) is taken for a filed file.
    if sourceIsHere, !EntryKind(atPath: source.path).exists {
      // Gone from the inbox since it was listed (removed by hand): nothing to file.
      try warehouse.abandonFiling(fileID: fileID)
      return outcome.path
    }
    let target = try recordedTarget ?? filingTarget(outcome, warehouse: warehouse)
    if recordedTarget == nil {
      if sourceIsHere, !refusedHealth, outcome.status != .quarantined,
        EntryKind(atPath: target.path) == .regular
      {
        try EntryMoves.remove(source)  // the same bytes already filed there: kept once
        sourceIsHere = false
      }
      try warehouse.recordFilingTarget(workspace.recordedPath(target.path), fileID: fileID)
      CrashPoint.filingTargetRecorded.reach()
    }
    try manager.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    if refusedHealth {
      // Health data with identifiers must not be kept here at all.
      if sourceIsHere { try EntryMoves.remove(source) }
      CrashPoint.fileMoved.reach()
      try Data(reasonNote(outcome).utf8).replace(target)
    } else {
      let staging = Self.staging(for: target)
      if sourceIsHere {
        // A copy cut short.
        if EntryKind(atPath: staging.path).exists { try EntryMoves.remove(staging) }
        try EntryMoves.move(source, to: staging)
        CrashPoint.fileStaged.reach()
      }
      if EntryKind(atPath: staging.path).exists {
        try EntryMoves.move(staging, to: target)  // a rename within one folder
      }
      CrashPoint.fileMoved.reach()
      if outcome.status == .quarantined {
        try Data(reasonNote(outcome).utf8).replace(
          URL(fileURLWithPath: target.path + ".reason.txt"))
      }
    }
    try warehouse.finishFiling(fileID: fileID)
    return target.path
  }

  /// Files `outcome` (see `file`); a filing that fails is that file's problem only. The file
  /// was committed and stays in the inbox with its filing unfinished (the next run finishes
  /// it, and never loads it twice); the outcome says what is in the way and the run goes on
  /// with the other files (exit 2). Warehouse errors still end the run.
  private func fileReportingProblems(
    _ outcome: inout FileOutcome, warehouse: Warehouse, recordedTarget: URL? = nil,
    sourceIsHere: Bool = true
  ) throws {
    do {
      outcome.path = try file(
        outcome, warehouse: warehouse, recordedTarget: recordedTarget, sourceIsHere: sourceIsHere)
    } catch let error as SQLiteError {
      throw error
    } catch {
      outcome.filingProblem =
        "it could not be moved out of the inbox (\(EntryMoves.describe(error))); it stays there, "
        + "recorded as file \(outcome.fileID.map(String.init) ?? "?"), and the next run "
        + "files it (never loads it again) once that is fixed"
    }
  }

  /// Where a file being filed waits, beside its target, until it is whole there.
  static func staging(for target: URL) -> URL {
    target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).moving")
  }

  /// Where a delivery is filed: see `file`. A quarantined name already taken gets `.2`, `.3`…
  /// (a deleted health file leaves only its note, which must not be overwritten either); for a
  /// health file refused for identifiers, the path of its note. An archive name with something
  /// other than a file in the way (a folder) is numbered the same way. Names are shortened to
  /// fit the file system with everything filing adds (`FiledName`).
  private func filingTarget(_ outcome: FileOutcome, warehouse: Warehouse) throws -> URL {
    let name = URL(fileURLWithPath: outcome.path).lastPathComponent
    let folder: URL
    var base: String
    if outcome.status != .quarantined, let fileID = outcome.fileID,
      let digest = try warehouse.sha256(fileID: fileID)
    {
      let now = Calendar(identifier: .gregorian).dateComponents(
        in: TimeZone(identifier: "UTC")!, from: Date())
      folder = workspace.archive.appendingPathComponent(outcome.feed ?? "unknown")
        .appendingPathComponent(String(format: "%04d", now.year ?? 0))
        .appendingPathComponent(String(format: "%02d", now.month ?? 0))
      base = "\(digest.prefix(12))-\(name)"
    } else {
      let root = outcome.status == .quarantined ? workspace.quarantine : workspace.archive
      folder = root.appendingPathComponent(outcome.feed ?? "unknown")
      base = name
    }
    // Room for `.<number>` after the name and for what filing adds around it.
    let budget = FiledName.nameMax(in: folder) - FiledName.filingAddition - 8
    base = FiledName.fitting(base, budget: budget)
    let archived = outcome.status != .quarantined
    var target = folder.appendingPathComponent(base)
    var attempt = 1
    while !isFree(target, archived: archived) {
      attempt += 1
      target = folder.appendingPathComponent("\(base).\(attempt)")
    }
    return outcome.reason == .identifierInHealthFeed
      ? URL(fileURLWithPath: target.path + ".reason.txt") : target
  }

  /// Whether `target` may be filed to: nothing there (nor its note or staging name); for an
  /// archive name, a regular file there is the same bytes already filed (the name holds
  /// their hash), so it is free too.
  private func isFree(_ target: URL, archived: Bool) -> Bool {
    let kind = EntryKind(atPath: target.path)
    let staging = EntryKind(atPath: Self.staging(for: target).path)
    if archived {
      return (kind == .missing || kind == .regular) && (staging == .missing || staging == .regular)
    }
    return !kind.exists && !staging.exists
      && !EntryKind(atPath: target.path + ".reason.txt").exists
  }

  /// The `.reason.txt` beside a quarantined file: what was wrong, for the partner.
  private func reasonNote(_ outcome: FileOutcome) -> String {
    var note = "reason: \(outcome.reason?.rawValue ?? "")\n\(outcome.message ?? "")\n"
    if outcome.reason == .identifierInHealthFeed {
      note +=
        "The file was deleted, not kept: health data carrying identifiers must not be held "
        + "by MADE. Ask the sender to remove the column and send the file again.\n"
    }
    return note + "file_id: \(outcome.fileID.map(String.init) ?? "")\n"
  }

  /// Brings indicator values up to date with the records: months that new deliveries touched
  /// are counted again, and periods that changed are rewritten. `today` decides which months
  /// are complete.
  public func aggregate(today: Date = Date()) throws -> Aggregator.Summary {
    let warehouse = try openWarehouse()
    let runID = try warehouse.beginRun(command: "aggregate")
    let summary = try Aggregator(
      warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(), config: config, today: today,
      feeds: try catalog()
    ).run()
    try warehouse.finishRun(runID, status: .ok)
    return summary
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
    let warehouse = try openWarehouse()
    let runID = try warehouse.beginRun(command: "export")
    let version = try warehouse.packsVersion(settings: packSettings)
    let packs = try Exporter(
      warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(), feeds: try catalog(),
      config: config
    ).packs(area: area, period: period)
    var written: [URL] = []
    for pack in packs {
      written.append(try PackWriter.write(pack, to: folder ?? workspace.packs))
      CrashPoint.packWritten.reach()
    }
    CrashPoint.packsWritten.reach()
    // A complete export into packs/: nightly need not write it again until values change.
    if area == nil, period == nil, folder == nil { try warehouse.recordPacks(version: version) }
    try warehouse.audit(
      action: "export",
      detail: written.map(\.lastPathComponent).joined(separator: ", "), rows: written.count)
    try warehouse.finishRun(runID, status: .ok)
    return written
  }

  /// What packs show from made.toml besides the values: a change means packs are rewritten.
  var packSettings: String {
    "\(config.area.name)|\(config.export.licence ?? "")|\(config.export.suppressionThreshold)"
  }

  /// Deletes records (and superseded versions) whose month ended before their feed's
  /// retention window: `[feeds.<name>] retention_months`, else the schema's `retentionMonths`;
  /// archived delivery files received before the window go too. `dryRun` only counts.
  public func purge(now: Date = Date(), dryRun: Bool = false) throws -> [Warehouse.PurgeResult] {
    let warehouse = try openWarehouse()
    let runID = try warehouse.beginRun(command: "purge")
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month], from: now)
    let current = Month(year: parts.year ?? 1970, month: parts.month ?? 1)
    var cutoffs: [(feed: String, beforeMonth: String)] = []
    for spec in try catalog().feeds.values.sorted(by: { $0.name < $1.name }) {
      guard let months = config.feeds[spec.name]?.retentionMonths ?? spec.retentionMonths else {
        continue
      }
      cutoffs.append((spec.name, current.adding(-months).text))
    }
    let results = try warehouse.purge(cutoffs: cutoffs, runID: runID, dryRun: dryRun)
    if !dryRun {
      CrashPoint.purgeCommitted.reach()
      // Raw deliveries hold what the records no longer do (dates of birth, UPNs): an archive
      // month folder older than the window goes with them.
      let manager = FileManager.default
      for (feed, beforeMonth) in cutoffs {
        let feedFolder = workspace.archive.appendingPathComponent(feed)
        for year in (try? manager.contentsOfDirectory(atPath: feedFolder.path)) ?? [] {
          for month
            in (try? manager.contentsOfDirectory(
              atPath: feedFolder.appendingPathComponent(year).path)) ?? []
          where Month("\(year)-\(month)").map({ $0.text < beforeMonth }) == true {
            try manager.removeItem(
              at: feedFolder.appendingPathComponent(year).appendingPathComponent(month))
          }
        }
      }
    }
    try warehouse.finishRun(runID, status: .ok)
    return results
  }

  public func status(now: Date = Date()) throws -> StatusReport {
    var report = try StatusReport(
      warehouse: try workspace.openWarehouseForReading(), config: config, now: now)
    report.strayFolders = try strayInboxFolders()
    return report
  }

  public func verify() throws -> [Verification.Finding] {
    // A broken workspace schema must not stop the integrity check: the built-in feeds stand in.
    try Verification(warehouse: try workspace.openWarehouseForReading(), feeds: try? catalog())
      .run()
  }
}

import Foundation

/// Files deliveries out of the inbox once their load is committed: a loaded or duplicate file
/// to `archive/<feed>/`, a quarantined one to `quarantine/<feed>/` with its `.reason.txt`.
/// Every step is recorded in `files` first, so that a run stopped halfway is finished by the
/// next (`finishInterruptedFiling`) and a file is never loaded twice.
struct InboxFiler {
  let workspace: Workspace
  let warehouse: Warehouse

  /// Finishes filing the deliveries a stopped run committed but did not finish filing
  /// (`files.inbox_path` still set), as that run would have: one `files` row each, the file
  /// filed once, a quarantined file's reason note beside it. See `file` for the steps; with a
  /// target recorded, that target existing means the file left the inbox.
  ///
  /// A file still in the inbox is recognised by its SHA-256; different bytes under its name
  /// (or bytes that cannot be read or compared) are a new delivery, taken as usual. A file
  /// found nowhere was removed by hand.
  func finishInterruptedFiling() throws -> [FileOutcome] {
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
        &outcome, recordedTarget: target, sourceIsHere: sourceIsThisFile)
      outcomes.append(outcome)
    }
    return outcomes
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
    _ outcome: FileOutcome, recordedTarget: URL? = nil, sourceIsHere: Bool = true
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
    let target = try recordedTarget ?? filingTarget(outcome)
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
  func fileReportingProblems(
    _ outcome: inout FileOutcome, recordedTarget: URL? = nil, sourceIsHere: Bool = true
  ) throws {
    do {
      outcome.path = try file(outcome, recordedTarget: recordedTarget, sourceIsHere: sourceIsHere)
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
  private func filingTarget(_ outcome: FileOutcome) throws -> URL {
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
}

import Foundation

/// Loads one delivered file: sniff → header → stream, validate and normalise rows on one
/// thread → write them through one prepared statement on this thread → commit, all in one
/// transaction. A file loads whole (good rows plus recorded rejects) or not at all.
struct FileIngestor {
  let warehouse: Warehouse
  let catalog: FeedCatalog
  let config: Config
  let key: [UInt8]?
  let runID: Int64
  var progress: (any ProgressReporter)?
  /// Why there is no key when there is one this user cannot read.
  var keyProblem: String?
  /// Rows per batch handed from the parsing thread to the writer (also closed at
  /// `batchBytes` of values, whichever comes first).
  var batchRows = 4096
  var batchBytes = 4 << 20
  /// A postcode directory with more rows than this is not held in memory.
  var postcodesInMemoryLimit = 300_000
  let contexts = ContextCache()

  final class ContextCache {
    var byFeed: [String: NormaliseContext] = [:]
  }

  /// Ingests `path` as `feedName` (or the feed its header identifies). `inboxPath`, for a file
  /// taken from the inbox, is recorded with it until the file is filed (see `InboxFiler`).
  func ingest(path: String, feedName: String?, inboxPath: String? = nil) throws -> FileOutcome {
    let name = URL(fileURLWithPath: path).lastPathComponent
    // Opened once, and read only through that descriptor: see `DeliveredFile`. A path named
    // on the command line may be a link the operator chose; an inbox entry may not.
    let file: DeliveredFile
    let sniff: FileSniffer
    do {
      file = try DeliveredFile(path: path, followLink: inboxPath == nil)
      sniff = try FileSniffer.sniff(file)
    } catch let error as ExtractError {
      return try quarantine(
        path: path, name: name, feed: feedName, sha256: String(repeating: "0", count: 64),
        bytes: 0, gzip: false, reason: error.reasonCode, message: error.message,
        inboxPath: inboxPath)
    }
    // The same bytes again: recognise it before any parsing (hash first only when a loaded
    // file has the same size, which is rare unless it is a resend).
    var knownDigest: String?
    if try warehouse.hasLoadedFile(ofSize: sniff.bytes) {
      let digest = try file.rewound().readToEndAndDigest()
      knownDigest = digest
      if let original = try warehouse.loadedFile(sha256: digest) {
        let fileID = try warehouse.recordFile(
          .init(
            runID: runID, feed: feedName, originalName: name, sha256: digest, bytes: sniff.bytes,
            compression: sniff.isGzip ? .gzip : .uncompressed, encoding: nil, status: .duplicate,
            reason: nil, message: "same bytes as file \(original)", duplicateOf: original,
            inboxPath: inboxPath))
        return FileOutcome(
          path: path, feed: feedName, status: .duplicate, reason: nil,
          message: "same bytes as file \(original), already loaded; nothing loaded",
          fileID: fileID)
      }
    }
    func quarantineHere(_ reason: ReasonCode, _ message: String, feed: String?) throws
      -> FileOutcome
    {
      let digest = try knownDigest ?? file.rewound().readToEndAndDigest()
      return try quarantine(
        path: path, name: name, feed: feed, sha256: digest, bytes: sniff.bytes,
        gzip: sniff.isGzip, reason: reason, message: message, inboxPath: inboxPath)
    }
    if sniff.bytes == 0 {
      return try quarantineHere(.emptyFile, "\(name): the file is empty (0 bytes)", feed: feedName)
    }
    if let notText = sniff.notText {
      return try quarantineHere(.binaryFile, "\(name): \(notText)", feed: feedName)
    }

    let reader: CSVReader
    let header: [String]
    do {
      let stream: any ByteSource =
        sniff.isGzip
        ? try GzipSource(upstream: file, maxInflatedBytes: config.ingest.maxInflatedBytes) : file
      reader = CSVReader(source: stream, maxFieldBytes: config.ingest.maxFieldBytes)
      guard try reader.next() else {
        return try quarantineHere(
          .emptyFile, "\(name): the file holds no text (only a byte-order mark or blank lines)",
          feed: feedName)
      }
      if reader.problem != nil {
        return try quarantineHere(
          .binaryFile,
          "\(name): the first line cannot be read as a CSV header (a NUL byte, a quote that "
            + "never closes, or a line over the size limit): check the export settings",
          feed: feedName)
      }
      header = reader.decodedFields()
    } catch let error as ExtractError {
      return try quarantineHere(
        error.reasonCode, error.message + ". Nothing from the file was loaded.", feed: feedName)
    }

    // Which feed, and does the header fit it?
    let feed: FeedSpec
    let mapping: HeaderMapping
    do {
      (feed, mapping) = try identify(header: header, feedName: feedName, name: name)
    } catch let problem as HeaderProblem {
      return try quarantineHere(
        problem.reason,
        "\(name): \(problem.message). The file was quarantined; nothing was loaded.",
        feed: feedName)
    }
    let context = try normaliseContext(for: feed)
    let normaliser: RecordNormaliser
    do {
      normaliser = try RecordNormaliser(feed: feed, mapping: mapping, context: context)
    } catch let error as ConfigurationError {
      // A schema that passed its checks but cannot be compiled for a delivery (a pattern
      // without bound) stops its own feed only, as a missing lookup does: this file stays in
      // place, the other feeds still load, and the message says what to fix.
      throw WorkspaceNotReady(error.description)
    }

    let load = try warehouse.beginLoad(
      feed: feed,
      file: .init(
        runID: runID, feed: feed.name, originalName: name,
        sha256: String(repeating: "0", count: 64),
        bytes: sniff.bytes, compression: sniff.isGzip ? .gzip : .uncompressed, encoding: nil,
        status: .loaded, reason: nil, message: nil, duplicateOf: nil, inboxPath: inboxPath))
    do {
      let outcome = try stream(
        reader: reader, normaliser: normaliser, file: file, totalBytes: sniff.bytes, load: load,
        name: name)
      if outcome.rowsRead == 0 {
        load.rollback()
        return try quarantineHere(
          .noDataRows, "\(name): the file has a header but no rows; nothing was loaded",
          feed: feed.name)
      }
      let digest = file.digestHex
      try warehouse.setDigest(digest, fileID: load.fileID)
      CrashPoint.loadBeforeCommit.reach()
      let unplaced = normaliser.unplacedWithLocation
      let note = UnplacedReason.summary(unplaced)
      let committed = try load.commit(
        encoding: normaliser.encoding, ignoredColumns: mapping.ignoredColumns, note: note)
      var result = FileOutcome(
        path: path, feed: feed.name, status: .loaded, reason: nil, message: note,
        fileID: committed.fileID)
      result.unplacedWithLocation = unplaced
      result.rowsRead = committed.rowsRead
      result.rowsLoaded = committed.rowsLoaded
      result.rowsRejected = committed.rowsRejected
      result.rowsInserted = committed.rowsInserted
      result.rowsUpdated = committed.rowsUpdated
      result.rowsUnchanged = committed.rowsUnchanged
      result.rowsReplaced = committed.rowsReplaced
      result.rowsRepeatedKey = committed.rowsRepeatedKey
      result.encoding = normaliser.encoding
      result.ignoredColumns = mapping.ignoredColumns
      return result
    } catch let error as ExtractError {
      load.rollback()
      return try quarantineHere(
        error.reasonCode, error.message + ". Nothing from the file was loaded.", feed: feed.name)
    } catch let refused as IdentifierInRows {
      load.rollback()
      return try quarantineHere(
        .identifierInHealthFeed, "\(name): \(refused.message)", feed: feed.name)
    } catch {
      load.rollback()
      throw error
    }
  }

  /// Records an inbox entry that is not a regular file (a symbolic link, FIFO, socket or
  /// device) as quarantined, without opening it: `InboxFiler` then moves the entry itself.
  func refuse(path: String, kind: EntryKind, feedName: String?, inboxPath: String?) throws
    -> FileOutcome
  {
    let name = URL(fileURLWithPath: path).lastPathComponent
    var what = kind.description
    if kind == .symbolicLink {
      // The target is written as a delivered name is: no control character reaches a report.
      what +=
        EntryKind.linkTarget(atPath: path).map { " (to \(InboxListing.escaped(Array($0.utf8))))" }
        ?? ""
    }
    return try quarantine(
      path: path, name: name, feed: feedName, sha256: String(repeating: "0", count: 64),
      bytes: 0, gzip: false, reason: .notARegularFile,
      message: ExtractError.notRegularFile(path: path, kind: what).message,
      inboxPath: inboxPath)
  }

  private func quarantine(
    path: String, name: String, feed: String?, sha256: String, bytes: Int, gzip: Bool,
    reason: ReasonCode, message: String, inboxPath: String?
  ) throws -> FileOutcome {
    let fileID = try warehouse.recordFile(
      .init(
        runID: runID, feed: feed, originalName: name, sha256: sha256, bytes: bytes,
        compression: gzip ? .gzip : .uncompressed, encoding: nil, status: .quarantined,
        reason: reason.rawValue, message: message, duplicateOf: nil, inboxPath: inboxPath))
    return FileOutcome(
      path: path, feed: feed, status: .quarantined, reason: reason, message: message,
      fileID: fileID)
  }
}

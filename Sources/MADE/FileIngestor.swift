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
  private let contexts = ContextCache()

  final class ContextCache {
    var byFeed: [String: NormaliseContext] = [:]
  }

  /// Ingests `path` as `feedName` (or the feed its header identifies). `inboxPath`, for a file
  /// taken from the inbox, is recorded with it until the file is filed (see `Pipeline`).
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
    let normaliser = try RecordNormaliser(feed: feed, mapping: mapping, context: context)

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

  private func identify(header: [String], feedName: String?, name: String) throws
    -> (FeedSpec, HeaderMapping)
  {
    if let feedName {
      let feed = try catalog.feed(named: feedName)
      return (feed, try HeaderMatcher.match(header: header, feed: feed))
    }
    var matches: [(FeedSpec, HeaderMapping)] = []
    var nearest: (feed: String, problem: HeaderProblem, overlap: Int)?
    var healthProblem: HeaderProblem?
    let normalisedHeader = Set(header.map(HeaderMatcher.normalised))
    for feedName in catalog.names {
      let feed = try catalog.feed(named: feedName)
      do {
        matches.append((feed, try HeaderMatcher.match(header: header, feed: feed)))
      } catch  where error.reason == .identifierInHealthFeed {
        // A health layout carrying an identifier: say so, unless another feed fits.
        healthProblem = healthProblem ?? error
      } catch {
        let overlap = feed.fields.filter { field in
          ([field.name] + field.aliases).contains {
            normalisedHeader.contains(HeaderMatcher.normalised($0))
          }
        }.count
        if overlap > (nearest?.overlap ?? 0) { nearest = (feedName, error, overlap) }
      }
    }
    if matches.isEmpty, let healthProblem { throw healthProblem }
    // Prefer the feed that uses the most of the header.
    matches.sort { $0.1.ignoredColumns.count < $1.1.ignoredColumns.count }
    guard let best = matches.first,
      matches.count == 1 || matches[1].1.ignoredColumns.count > best.1.ignoredColumns.count
    else {
      var message: String
      if matches.isEmpty {
        message = "the header fits no feed (known: \(catalog.names.joined(separator: ", ")))"
        if let nearest {
          message += "; nearest is \(nearest.feed), but \(nearest.problem.message)"
        }
      } else {
        message = "the header fits several feeds (\(matches.map(\.0.name).joined(separator: ", ")))"
      }
      throw HeaderProblem(
        reason: .unknownFeed,
        message: message + ". Put the file in inbox/<feed>/ or pass --feed NAME")
    }
    return best
  }

  /// The lookups for a feed, built once per run (reference data does not change during one).
  private func normaliseContext(for feed: FeedSpec) throws -> NormaliseContext {
    if let cached = contexts.byFeed[feed.name] { return cached }
    let context = try buildContext(for: feed)
    contexts.byFeed[feed.name] = context
    return context
  }

  private func buildContext(for feed: FeedSpec) throws -> NormaliseContext {
    var pseudonymiser: Pseudonymiser?
    if feed.hasIdentifiers {
      guard let key else {
        if let keyProblem {
          throw ConfigurationError(
            "feed \(feed.name) needs the pseudonymisation key: \(keyProblem)")
        }
        throw ConfigurationError(
          "feed \(feed.name) has identifiers to pseudonymise but the workspace has no key "
            + "(secrets/made.key). Restore it from your backup; or, for a new workspace, run "
            + "`made init` on it to create one (a new key does not link with pseudonyms "
            + "already loaded).")
      }
      pseudonymiser = Pseudonymiser(keyBytes: key)
    }
    var references: [String: Set<CodeKey>] = [:]
    for name in Set(feed.fields.compactMap(\.reference)) {
      let codes = try warehouse.referenceCodes(name)
      guard !codes.isEmpty else {
        throw ConfigurationError(
          "feed \(feed.name) checks codes against the \(name) reference table, which is empty: "
            + "load it first with `made reference load \(name) FILE`")
      }
      references[name] = codes
    }
    var classifiers: [String: MethodClassifier] = [:]
    for name in Set(feed.fields.compactMap { $0.classify?.rules }) {
      let rules = try warehouse.classificationRules(name)
      guard !rules.isEmpty else {
        throw ConfigurationError(
          "feed \(feed.name) classifies free text with the \(name) rules, which are not loaded: "
            + "load them first with `made reference load \(name) FILE`")
      }
      classifiers[name] = MethodClassifier(rules: rules)
    }
    let counts = try warehouse.referenceCounts()
    if !feed.geography.isEmpty, counts["ref_lsoa_wards"] == 0, counts["ref_postcodes"] == 0 {
      throw ConfigurationError(
        "feed \(feed.name) places records by \(feed.geography.map(\.method).joined(separator: "/"))"
          + " but no geography is loaded: run `made reference load lsoa-wards FILE` and "
          + "`made reference load postcodes FILE` first")
    }
    let area = Set(config.area.ladCodes)
    let geography = try warehouse.geographyIndex(
      areaLADs: area, postcodesInMemoryLimit: postcodesInMemoryLimit)
    return NormaliseContext(
      geography: geography, referenceCodes: references, pseudonymiser: pseudonymiser,
      postcodeLookup: geography.holdsEveryPostcode
        ? nil : try PostcodeLookup(warehousePath: warehouse.path, areaLADs: area),
      classifiers: classifiers)
  }

  /// Parses on a second thread while this one writes: there are two cores, and SQLite's
  /// writer is the longer half.
  private func stream(
    reader: CSVReader, normaliser: RecordNormaliser, file: DeliveredFile, totalBytes: Int,
    load: FeedLoad, name: String
  ) throws -> FeedLoad {
    let channel = BatchChannel(capacity: 3)
    let width = normaliser.width
    let rowsPerBatch = batchRows
    let bytesPerBatch = batchBytes
    let parser = UncheckedBox((reader, normaliser, file))
    let thread = Thread {
      let (reader, normaliser, file) = parser.value
      do {
        var batch = RowBatch(width: width, capacity: rowsPerBatch)
        while try reader.next() {
          try normaliser.process(reader, into: batch)
          if batch.recordsRead >= rowsPerBatch || batch.arena.count >= bytesPerBatch {
            batch.sourceBytes = file.bytesRead
            guard channel.put(batch) else {
              channel.finish(error: nil)
              return
            }
            batch = RowBatch(width: width, capacity: rowsPerBatch)
          }
        }
        batch.sourceBytes = file.bytesRead
        if batch.recordsRead > 0 { _ = channel.put(batch) }
        channel.finish(error: nil)
      } catch {
        channel.finish(error: error)
      }
    }
    thread.stackSize = 1 << 22
    thread.start()
    var rows = 0
    do {
      while let batch = try channel.take() {
        try load.write(batch)
        rows += batch.recordsRead
        progress?.update(
          file: name, bytesRead: batch.sourceBytes, totalBytes: totalBytes, rows: rows)
      }
    } catch {
      channel.cancel()
      channel.waitUntilFinished()
      throw error
    }
    progress?.finish(file: name)
    return load
  }

  /// Records an inbox entry that is not a regular file (a symbolic link, FIFO, socket or
  /// device) as quarantined, without opening it: `Pipeline` then moves the entry itself.
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

/// One file's load, inside one transaction: upserts rows by natural key (the trigger keeps
/// superseded versions), records rejects, and commits or rolls back as a whole.
final class FeedLoad {
  let fileID: Int64
  private let originalName: String
  private let warehouse: Warehouse
  private let feed: FeedSpec
  /// Upserts of `rowsPerStatement` rows, and of one row for the tail of a batch.
  private let upsertMany: SQLiteStatement
  private let upsertOne: SQLiteStatement
  /// Upserts one row that repeats a key of this file (`RepeatedKeys`), under its occurrence's
  /// key, with `key_occurrence` and `repeat_of_key`.
  private let upsertRepeat: SQLiteStatement
  private let findExisting: SQLiteStatement
  /// The position of `line` in `findExisting`'s result.
  private let storedLineColumn: Int32
  private let insertReject: SQLiteStatement
  private let insertWarning: SQLiteStatement
  private let columnsPerRow: Int
  private(set) var rowsRead = 0
  /// Rows inserted, or claimed from an earlier file's version of the same record.
  private(set) var rowsWritten = 0
  /// Record ids above this were inserted by this load.
  private let lastRecordIDBefore: Int64
  private(set) var rowsRejected = 0
  /// Rows written that repeat a key already used in this file (each one a `row_warnings` row).
  private(set) var rowsRepeatedKey = 0
  /// Keys whose rows reached `RepeatedKeys.maxRowsPerKey` in this file: later rows with them
  /// are rejected without trying every occurrence again.
  private var keysAtLimit: Set<RecordKey> = []

  /// Rows per INSERT statement. Statement start and end cost as much as the insert itself
  /// (perf, 200k rows: `sqlite3VdbeHalt` and cursor closing ~20% of the writer); 32 rows a
  /// statement spreads that cost.
  static let rowsPerStatement = 32

  init(warehouse: Warehouse, feed: FeedSpec, fileID: Int64, originalName: String) throws {
    self.originalName = originalName
    self.warehouse = warehouse
    self.feed = feed
    self.fileID = fileID
    let table = feed.table
    let columns =
      ["record_key", "content_hash", "line"] + Warehouse.dataColumns(of: feed).map(\.name)
      + ["file_id"]
    columnsPerRow = columns.count
    let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    func upsert(rows: Int) throws -> SQLiteStatement {
      try warehouse.connection.prepare(
        """
        INSERT INTO \(table) (\(columns.joined(separator: ", ")))
        VALUES \(Array(repeating: tuple, count: rows).joined(separator: ", "))
        ON CONFLICT (record_key) DO UPDATE SET \(updates)
        WHERE \(table).file_id <> excluded.file_id
        """)
    }
    lastRecordIDBefore =
      Int64(
        try warehouse.connection.scalar("SELECT coalesce(max(record_id), 0) FROM \(table)")?.int
          ?? 0)
    upsertMany = try upsert(rows: Self.rowsPerStatement)
    upsertOne = try upsert(rows: 1)
    let repeatColumns = columns + RepeatedKeys.columnNames
    let repeatUpdates = repeatColumns.dropFirst().map { "\($0) = excluded.\($0)" }
    upsertRepeat = try warehouse.connection.prepare(
      """
      INSERT INTO \(table) (\(repeatColumns.joined(separator: ", ")))
      VALUES (\(repeatColumns.map { _ in "?" }.joined(separator: ", ")))
      ON CONFLICT (record_key) DO UPDATE SET \(repeatUpdates.joined(separator: ", "))
      WHERE \(table).file_id <> excluded.file_id
      """)
    findExisting = try warehouse.connection.prepare(
      "SELECT line FROM \(table) WHERE record_key = ?")
    storedLineColumn = try findExisting.columnIndex("line")
    insertReject = try warehouse.connection.prepare(
      "INSERT INTO rejects (file_id, line, field, reason, message) VALUES (?, ?, ?, ?, ?)")
    insertWarning = try warehouse.connection.prepare(
      "INSERT INTO row_warnings (file_id, line, field, reason, message) VALUES (?, ?, ?, ?, ?)")
  }

  /// Writes a batch through the reused prepared statements: rows bound straight from the
  /// batch's byte arena, `rowsPerStatement` at a time.
  func write(_ batch: RowBatch) throws {
    rowsRead += batch.recordsRead
    for reject in batch.rejects { try record(reject) }
    let rows = batch.rowCount
    try batch.arena.withUnsafeBufferPointer { arena in
      try batch.cells.withUnsafeBufferPointer { cells in
        let base = arena.baseAddress ?? UnsafePointer(bitPattern: 1)!
        var row = 0
        while row < rows {
          let count = rows - row >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
          let statement = count == 1 ? upsertOne : upsertMany
          for offset in 0..<count {
            bind(
              row: row + offset, of: batch, cells: cells, base: base, to: statement, slot: offset)
          }
          try statement.step()
          statement.reset()
          let changed = warehouse.connection.changes
          if changed == count {
            rowsWritten += count
          } else {
            try resolve(rows: row..<(row + count), of: batch, cells: cells, base: base)
          }
          row += count
        }
      }
    }
  }

  @inline(__always)
  private func bind(
    row: Int, of batch: RowBatch, cells: UnsafeBufferPointer<RowBatch.Cell>,
    base: UnsafePointer<UInt8>, to statement: SQLiteStatement, slot: Int
  ) {
    let width = batch.width
    let first = row * width
    let parameterBase = Int32(slot * columnsPerRow)
    for column in 0..<width {
      let cell = cells[first + column]
      let index = parameterBase + Int32(column + 1)
      switch cell.tag {
      case .null: statement.bindNull(at: index)
      case .integer: statement.bindInteger(cell.number, at: index)
      case .real:
        statement.bindReal(Double(bitPattern: UInt64(bitPattern: cell.number)), at: index)
      case .text: statement.bindText(base + Int(cell.offset), count: Int(cell.count), at: index)
      case .blob: statement.bindBlob(base + Int(cell.offset), count: Int(cell.count), at: index)
      }
    }
    statement.bindInteger(fileID, at: parameterBase + Int32(columnsPerRow))
  }

  /// Some rows of a statement were not written: a row whose key this file had already
  /// claimed (its line differs from the stored one) repeats an earlier row of the file. It is
  /// kept as the key's next occurrence when the feed keeps repeated keys, else rejected.
  private func resolve(
    rows: Range<Int>, of batch: RowBatch, cells: UnsafeBufferPointer<RowBatch.Cell>,
    base: UnsafePointer<UInt8>
  ) throws {
    let width = batch.width
    for row in rows {
      let keyCell = cells[row * width]
      let key = UnsafeRawBufferPointer(start: base + Int(keyCell.offset), count: 16)
      let line = cells[row * width + 2].number
      findExisting.reset()
      findExisting.bindBlob(key.baseAddress!, count: 16, at: 1)
      guard try findExisting.step() else {
        throw SQLiteError(code: 0, message: "a row just written is missing", sql: findExisting.sql)
      }
      let storedLine = findExisting.value(at: storedLineColumn)
      findExisting.reset()
      let keyNames = feed.primaryKey.joined(separator: ", ")
      if storedLine == .integer(line) {
        rowsWritten += 1
      } else if feed.keepsRepeatedKeys, case .integer(let firstLine) = storedLine {
        guard
          let occurrence = try writeRepeat(
            row: row, of: batch, key: key, cells: cells, base: base)
        else {
          try record(
            Reject(
              line: Int(line), field: feed.primaryKey.first, reason: .duplicateKey,
              message: RepeatedKeys.tooManyMessage(keyNames: keyNames)))
          continue
        }
        rowsWritten += 1
        rowsRepeatedKey += 1
        try insertWarning.bind([
          .integer(fileID), .integer(line), SQLValue(feed.primaryKey.first),
          .text(RepeatedKeys.warningCode),
          .text(
            RepeatedKeys.warning(keyNames: keyNames, occurrence: occurrence, firstLine: firstLine)),
        ])
        try insertWarning.run()
      } else {
        try record(
          Reject(
            line: Int(line), field: feed.primaryKey.first, reason: .duplicateKey,
            message: "this row repeats the \(keyNames) of an earlier row in the same file"))
      }
    }
  }

  /// Writes a row whose key `key` this file has already used, as the key's next occurrence
  /// not yet written by this file (2, 3…); returns it, or nil when the key already has
  /// `RepeatedKeys.maxRowsPerKey` rows in this file. An occurrence an earlier file delivered
  /// is claimed (updated or unchanged), as a first occurrence is.
  private func writeRepeat(
    row: Int, of batch: RowBatch, key: UnsafeRawBufferPointer,
    cells: UnsafeBufferPointer<RowBatch.Cell>, base: UnsafePointer<UInt8>
  ) throws -> Int? {
    let recordKey = RecordKey(key)
    guard !keysAtLimit.contains(recordKey) else { return nil }
    for occurrence in 2...RepeatedKeys.maxRowsPerKey {
      let occurrenceKey = RepeatedKeys.occurrenceKey(
        of: key, occurrence: occurrence, layout: feed.recordKeyLayout)
      try occurrenceKey.withUnsafeBytes { occurrenceKey in
        bind(row: row, of: batch, cells: cells, base: base, to: upsertRepeat, slot: 0)
        upsertRepeat.bindBlob(occurrenceKey.baseAddress!, count: 16, at: 1)
        upsertRepeat.bindInteger(Int64(occurrence), at: Int32(columnsPerRow + 1))
        upsertRepeat.bindBlob(key.baseAddress!, count: 16, at: Int32(columnsPerRow + 2))
        try upsertRepeat.step()
        upsertRepeat.reset()
      }
      // No change: this file already wrote that occurrence.
      if warehouse.connection.changes == 1 { return occurrence }
    }
    keysAtLimit.insert(recordKey)
    return nil
  }

  private func record(_ reject: Reject) throws {
    try insertReject.bind([
      .integer(fileID), .integer(Int64(reject.line)), SQLValue(reject.field),
      .text(reject.reason.rawValue), .text(reject.message),
    ])
    try insertReject.run()
    rowsRejected += 1
  }

  struct Outcome: Sendable {
    var fileID: Int64
    var rowsRead, rowsLoaded, rowsRejected: Int
    /// What the loaded rows did to the record table (`files.rows_*`).
    var rowsInserted, rowsUpdated, rowsUnchanged, rowsReplaced, rowsRepeatedKey: Int
  }

  /// `replaceByPeriod`: keyless records of the (month, source) pairs this file covers that it
  /// did not deliver again go to history and leave the table. Returns how many.
  ///
  /// A pair is replaced only when this file delivers at least as many of its keyless records
  /// as the warehouse holds from earlier files: a corrected resend of a month qualifies; a
  /// few late rows of an earlier month, or a file cut short by an unclosed quote, do not
  /// (their months are kept whole). Sources compare with `IS`, so a blank source is a source,
  /// and as ingest compares them (`FeedSpec.normalisation(of:)`): a code by `made_code`, free
  /// text by `made_text_key`, so that a resend spelling `rxr01` or `LANCASHIRE CONSTABULARY`
  /// replaces the `RXR01` or `Lancashire Constabulary` records, whatever earlier versions of
  /// MADE stored.
  ///
  /// For a feed whose keys hold the month (`periodInKey`, data.police.uk) keyed records are
  /// replaced too, when the file is the pair's republication: it delivers again at least as
  /// many of the pair's keyed records as it leaves out (so a crime the publisher moved to
  /// another month, or withdrew, leaves the month it was in; a file of other crimes of the
  /// same month, delivering none of the earlier ones again, replaces nothing).
  private func replaceUndeliveredPartitionRecords() throws -> Int {
    // Nothing to replace in a table that held none of this file's months before it (and no
    // scan of the file's records to pay for: 1M rows of a new month into a 10M-record
    // warehouse took twice as long as into an empty one with it, `--case ingest-full`).
    guard let sources = feed.replaceByPeriod, try heldBeforeAnyDeliveredMonth() else { return 0 }
    let keyColumns = feed.primaryKey.compactMap { feed.field(named: $0)?.column }
    let keyless = (keyColumns.map { "t.\($0) IS NULL" } + ["1"]).joined(separator: " AND ")
    var replaced = try replaceUndelivered(sources: sources, records: keyless, delivered: "count(*)")
    if feed.recordKeyLayout == .monthFirst, !keyColumns.isEmpty {
      replaced += try replaceUndelivered(
        sources: sources, records: "NOT (\(keyless))",
        delivered: "count(*) FILTER (WHERE t.record_id <= \(lastRecordIDBefore))")
    }
    return replaced
  }

  /// Whether the table held a record of any month this file delivered (`file_months`, already
  /// recorded) before this file: read along the period_month index, whose entries for a month
  /// are in record_id order, so the first one says.
  private func heldBeforeAnyDeliveredMonth() throws -> Bool {
    guard lastRecordIDBefore > 0 else { return false }
    let held = try warehouse.connection.scalar(
      """
      SELECT 1 FROM file_months m
      WHERE m.file_id = ?1 AND EXISTS (
        SELECT 1 FROM \(feed.table) t WHERE t.period_month = m.period_month AND t.record_id <= ?2)
      LIMIT 1
      """, [.integer(fileID), .integer(lastRecordIDBefore)])
    return held != nil
  }

  /// Supersedes the `records` (a condition on the record table `t`) of each partition this file
  /// covers that it did not deliver again, when `delivered` (an aggregate over this file's
  /// `records` of the partition) is at least how many it would supersede. Returns how many.
  private func replaceUndelivered(sources: [String], records: String, delivered: String) throws
    -> Int
  {
    let table = feed.table
    // A partition: the month, and each source in the form it is compared in (s0, s1, …).
    let sourceFields = sources.compactMap { feed.field(named: $0) }
    let compared = sourceFields.map { Warehouse.comparedSource($0, of: feed, alias: "t") }
    let names = ["period_month"] + sourceFields.indices.map { "s\($0)" }
    let selected = (["t.period_month"] + compared).enumerated().map { "\($1) AS \(names[$0])" }
      .joined(separator: ", ")
    let groups = names.map { "p.\($0)" }.joined(separator: ", ")
    // Driven from the few partitions delivered, through the period_month index: a condition
    // such as `EXISTS (… p.period_month IS t.period_month …)` scans the whole table instead
    // (11-13 s per monthly police-uk file at 8.3M records, measured by the aggregate bench).
    let same = compared.enumerated().map { "\($1) IS p.s\($0)" }.joined(separator: " AND ")
    var sameSources = same.isEmpty ? "" : " AND " + same
    var monthColumn = "t.period_month"
    if feed.recordKeyLayout == .monthFirst {
      // Month-first keys (`RecordKeyLayout`): a partition's records are one run of the key
      // index, so read just that run, not the whole month of every source (39 forces' files
      // a month each scanned all 354k records of it: a tenth of a national ingest, perf).
      // `+` keeps the planner off the period_month index.
      let partition = ["p.period_month"] + sourceFields.indices.map { "p.s\($0)" }
      func bound(_ key: String) -> String {
        "made_month_first_key(\(([key] + partition).joined(separator: ", ")))"
      }
      monthColumn = "+t.period_month"
      let highest = "x'" + String(repeating: "FF", count: 16) + "'"
      sameSources +=
        " AND t.record_key BETWEEN \(bound("zeroblob(16)")) AND \(bound(highest))"
    }
    let connection = warehouse.connection
    try connection.execute(
      """
      DROP TABLE IF EXISTS temp.replaced_partitions;
      CREATE TEMP TABLE replaced_partitions AS
      WITH delivered AS MATERIALIZED (
        SELECT \(selected), \(delivered) AS n FROM \(table) t
        WHERE t.file_id = \(fileID) AND \(records)
        GROUP BY \(names.indices.map { String($0 + 1) }.joined(separator: ", "))),
      earlier AS (
        SELECT \(groups), count(*) AS n
        FROM delivered p CROSS JOIN \(table) t ON \(monthColumn) = p.period_month\(sameSources)
        WHERE t.file_id <> \(fileID) AND \(records)
        GROUP BY \(groups))
      SELECT p.* FROM delivered p JOIN earlier e ON \(names.map { "e.\($0) IS p.\($0)" }
        .joined(separator: " AND ")) WHERE p.n >= e.n;
      """)
    let replacedRecords = """
      temp.replaced_partitions p CROSS JOIN \(table) t
        ON \(monthColumn) = p.period_month\(sameSources)
      WHERE t.file_id <> \(fileID) AND \(records)
      """
    let replaced = try supersede(replacedRecords)
    try connection.execute("DROP TABLE temp.replaced_partitions")
    return replaced
  }

  /// Repeat records (`RepeatedKeys`) of earlier files whose key this file delivered again
  /// without that occurrence (a corrected resend with fewer repeats of a crime) go to history
  /// and leave the table. Returns how many.
  ///
  /// Driven from the partial index of repeat records, which holds only the few repeats.
  private func supersedeUndeliveredRepeats() throws -> Int {
    guard lastRecordIDBefore > 0 else { return 0 }
    let table = feed.table
    return try supersede(
      """
      \(table) t INDEXED BY \(table)_repeats
      WHERE t.repeat_of_key IS NOT NULL AND t.file_id <> \(fileID)
        AND EXISTS (
          SELECT 1 FROM \(table) f WHERE f.record_key = t.repeat_of_key AND f.file_id = \(fileID))
      """)
  }

  /// Copies the records that `records` (a FROM clause naming the record table `t`) selects to
  /// history as superseded by this file, and deletes them; returns how many.
  private func supersede(_ records: String) throws -> Int {
    let connection = warehouse.connection
    let table = feed.table
    let columns =
      ["record_id", "record_key", "content_hash", "line"]
      + Warehouse.dataColumns(of: feed).map(\.name) + ["file_id"] + RepeatedKeys.columnNames
    try connection.execute(
      """
      INSERT INTO \(table)_history (\(columns.joined(separator: ", ")), superseded_by_file_id,
        superseded_at)
      SELECT \(columns.map { "t.\($0)" }.joined(separator: ", ")), \(fileID),
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
      FROM \(records)
      """)
    try connection.execute(
      "DELETE FROM \(table) WHERE record_id IN (SELECT t.record_id FROM \(records))")
    return connection.changes
  }

  /// Records the counts on the file's row and commits.
  /// `note`, when given, becomes the file's `files.message` (what a loaded file's reader
  /// should know, such as rows left unplaced although they gave a location).
  func commit(encoding: TextEncoding, ignoredColumns: [String], note: String? = nil) throws
    -> Outcome
  {
    let connection = warehouse.connection
    let updated =
      try connection.integer(
        "SELECT count(*) FROM \(feed.table)_history WHERE superseded_by_file_id = ?",
        [.integer(fileID)])
    let inserted =
      try connection.integer(
        "SELECT count(*) FROM \(feed.table) WHERE record_id > ?", [.integer(lastRecordIDBefore)]
      )
    // The file's months first: replacing reads them (and changes none of this file's records).
    try warehouse.recordDeliveredMonths(fileID: fileID, table: feed.table)
    let replaced = try replaceUndeliveredPartitionRecords() + supersedeUndeliveredRepeats()
    let outcome = Outcome(
      fileID: fileID, rowsRead: rowsRead, rowsLoaded: rowsWritten, rowsRejected: rowsRejected,
      rowsInserted: inserted, rowsUpdated: updated,
      rowsUnchanged: rowsWritten - inserted - updated, rowsReplaced: replaced,
      rowsRepeatedKey: rowsRepeatedKey)
    try connection.execute(
      """
      UPDATE files SET rows_read = ?, rows_loaded = ?, rows_rejected = ?, rows_inserted = ?,
        rows_updated = ?, rows_unchanged = ?, rows_replaced = ?, rows_repeated_key = ?,
        encoding = ?, ignored_columns = ?, message = coalesce(?, message)
      WHERE file_id = ?
      """,
      [
        .integer(Int64(outcome.rowsRead)), .integer(Int64(outcome.rowsLoaded)),
        .integer(Int64(outcome.rowsRejected)), .integer(Int64(outcome.rowsInserted)),
        .integer(Int64(outcome.rowsUpdated)), .integer(Int64(outcome.rowsUnchanged)),
        .integer(Int64(outcome.rowsReplaced)), .integer(Int64(outcome.rowsRepeatedKey)),
        .text(encoding.rawValue),
        ignoredColumns.isEmpty ? .null : .text(ignoredColumns.joined(separator: ", ")),
        SQLValue(note), .integer(fileID),
      ])
    try warehouse.audit(
      action: "ingest", detail: "\(feed.name): \(originalName) (file \(fileID)) into \(feed.table)",
      rows: outcome.rowsLoaded)
    try connection.execute("COMMIT")
    return outcome
  }

  func rollback() {
    try? warehouse.connection.execute("ROLLBACK")
  }
}

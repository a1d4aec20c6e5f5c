import CSQLite

/// Record tables (one per feed, from its schema) and the per-file loader.
extension Warehouse {
  /// The record table's column list after the key, hash and line: stored fields then the
  /// derived ones.
  static func dataColumns(of feed: FeedSpec) -> [(name: String, type: String)] {
    feed.storedFields.map { ($0.column, $0.sqlType) }
      + RecordNormaliser.trailingColumns.map { ($0, "TEXT") }
  }

  /// Creates the feed's record table, its `_history` table and the trigger that fills it;
  /// adds columns a newer schema introduced (schemas only ever add columns).
  func ensureTable(for feed: FeedSpec) throws {
    let table = feed.table
    let columns = Self.dataColumns(of: feed)
    let existing = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(table)])
      .compactMap(\.first?.string)
    if existing.isEmpty {
      let definitions = columns.map { column -> String in
        var definition = "\(column.name) \(column.type)"
        if let field = feed.storedFields.first(where: { $0.column == column.name }),
          field.isRequired
        {
          definition += " NOT NULL"
        }
        switch column.name {
        case "period_month": definition += " NOT NULL CHECK (length(period_month) = 7)"
        case "geo_method":
          definition += " NOT NULL CHECK (geo_method IN ('postcode', 'lsoa', 'school', 'none'))"
        case "geo_status":
          definition +=
            " NOT NULL CHECK (geo_status IN ('in_area', 'outside_area', 'unplaced'))"
        default: break
        }
        return definition
      }
      let historyColumns = columns.map { "\($0.name) \($0.type)" }
      let allNames =
        (["record_id", "record_key", "content_hash", "line"] + columns.map(\.name)
          + ["file_id"])
      try connection.execute(
        """
        CREATE TABLE \(table) (
          record_id INTEGER PRIMARY KEY,
          record_key BLOB NOT NULL UNIQUE CHECK (length(record_key) = 16),
          content_hash INTEGER NOT NULL,
          line INTEGER NOT NULL,
          \(definitions.joined(separator: ",\n  ")),
          file_id INTEGER NOT NULL REFERENCES files(file_id)
        );
        CREATE INDEX \(table)_by_period ON \(table)(period_month, ward_code);
        CREATE TABLE \(table)_history (
          history_id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL,
          record_key BLOB NOT NULL,
          content_hash INTEGER NOT NULL,
          line INTEGER NOT NULL,
          \(historyColumns.joined(separator: ",\n  ")),
          file_id INTEGER NOT NULL REFERENCES files(file_id),
          superseded_by_file_id INTEGER NOT NULL REFERENCES files(file_id),
          superseded_at TEXT NOT NULL
        );
        CREATE INDEX \(table)_history_by_record ON \(table)_history(record_id);
        CREATE TRIGGER \(table)_keeps_history BEFORE UPDATE ON \(table)
        BEGIN
          INSERT INTO \(table)_history (\(allNames.joined(separator: ", ")),
            superseded_by_file_id, superseded_at)
          VALUES (\(allNames.map { "OLD.\($0)" }.joined(separator: ", ")),
            NEW.file_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
        END;
        """)
    } else {
      for column in columns where !existing.contains(column.name) {
        try connection.execute("ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.type)")
        try connection.execute(
          "ALTER TABLE \(table)_history ADD COLUMN \(column.name) \(column.type)")
      }
    }
    try connection.execute(
      "INSERT OR REPLACE INTO feed_tables (feed, table_name, columns) VALUES (?, ?, ?)",
      [.text(feed.name), .text(table), .text(columns.map(\.name).joined(separator: ","))])
  }

  /// Starts loading one file: BEGIN, the `files` row; rows follow through `FeedLoad`.
  func beginLoad(feed: FeedSpec, file: FileRow) throws -> FeedLoad {
    try ensureTable(for: feed)
    try connection.execute("BEGIN IMMEDIATE")
    do {
      let fileID = try recordFile(file)
      return try FeedLoad(warehouse: self, feed: feed, fileID: fileID)
    } catch {
      try? connection.execute("ROLLBACK")
      throw error
    }
  }
}

/// One file's load, inside one transaction: upserts rows by natural key (the trigger keeps
/// superseded versions), records rejects, and commits or rolls back as a whole.
final class FeedLoad {
  let fileID: Int64
  private let warehouse: Warehouse
  private let feed: FeedSpec
  private let upsert: SQLiteStatement
  private let findExisting: SQLiteStatement
  private let insertReject: SQLiteStatement
  private let fileIDParameter: Int32
  private(set) var rowsRead = 0
  private(set) var rowsChanged = 0
  private(set) var rowsUnchanged = 0
  private(set) var rowsRejected = 0

  init(warehouse: Warehouse, feed: FeedSpec, fileID: Int64) throws {
    self.warehouse = warehouse
    self.feed = feed
    self.fileID = fileID
    let table = feed.table
    let columns =
      ["record_key", "content_hash", "line"] + Warehouse.dataColumns(of: feed).map(\.name)
      + ["file_id"]
    fileIDParameter = Int32(columns.count)
    let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    upsert = try warehouse.connection.prepare(
      """
      INSERT INTO \(table) (\(columns.joined(separator: ", ")))
      VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
      ON CONFLICT (record_key) DO UPDATE SET \(updates)
      WHERE \(table).content_hash <> excluded.content_hash AND \(table).file_id <> excluded.file_id
      """)
    findExisting = try warehouse.connection.prepare(
      "SELECT file_id FROM \(table) WHERE record_key = ?")
    insertReject = try warehouse.connection.prepare(
      "INSERT INTO rejects (file_id, line, field, reason, message) VALUES (?, ?, ?, ?, ?)")
  }

  /// Writes a batch: binds each row through the one prepared statement.
  func write(_ batch: RowBatch) throws {
    rowsRead += batch.recordsRead
    for reject in batch.rejects { try record(reject) }
    let width = batch.width
    try batch.arena.withUnsafeBufferPointer { arena in
      let base = arena.baseAddress ?? UnsafePointer(bitPattern: 1)!
      for row in 0..<batch.rowCount {
        let first = row * width
        for column in 0..<width {
          let cell = batch.cells[first + column]
          let index = Int32(column + 1)
          switch cell.tag {
          case .null: upsert.bindNull(at: index)
          case .integer: upsert.bindInteger(cell.number, at: index)
          case .real:
            upsert.bindReal(Double(bitPattern: UInt64(bitPattern: cell.number)), at: index)
          case .text: upsert.bindText(base + Int(cell.offset), count: Int(cell.count), at: index)
          case .blob: upsert.bindBlob(base + Int(cell.offset), count: Int(cell.count), at: index)
          }
        }
        upsert.bindInteger(fileID, at: fileIDParameter)
        try upsert.step()
        upsert.reset()
        if warehouse.connection.changes > 0 {
          rowsChanged += 1
          continue
        }
        // Not written: unchanged since an earlier file, or a second row with the same key in
        // this file.
        let keyCell = batch.cells[first]
        findExisting.reset()
        findExisting.bindBlob(base + Int(keyCell.offset), count: 16, at: 1)
        let existingFile = try findExisting.step() ? findExisting.value(at: 0) : .null
        findExisting.reset()
        if existingFile == .integer(fileID) {
          let line = Int(batch.cells[first + 2].number)
          let keyNames = feed.primaryKey.joined(separator: ", ")
          try record(
            Reject(
              line: line, field: feed.primaryKey.first, reason: .duplicateKey,
              message: "this row repeats the \(keyNames) of an earlier row in the same file"))
        } else {
          rowsUnchanged += 1
        }
      }
    }
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
    var rowsRead: Int
    var rowsLoaded: Int
    var rowsRejected: Int
    var rowsInserted: Int
    var rowsUpdated: Int
    var rowsUnchanged: Int
  }

  /// Records the counts on the file's row and commits.
  func commit(encoding: TextEncoding, ignoredColumns: [String]) throws -> Outcome {
    let connection = warehouse.connection
    let updated =
      try connection.scalar(
        "SELECT count(*) FROM \(feed.table)_history WHERE superseded_by_file_id = ?",
        [.integer(fileID)])?.int ?? 0
    let outcome = Outcome(
      fileID: fileID, rowsRead: rowsRead, rowsLoaded: rowsChanged + rowsUnchanged,
      rowsRejected: rowsRejected, rowsInserted: rowsChanged - updated, rowsUpdated: updated,
      rowsUnchanged: rowsUnchanged)
    try connection.execute(
      """
      UPDATE files SET rows_read = ?, rows_loaded = ?, rows_rejected = ?, rows_inserted = ?,
        rows_updated = ?, rows_unchanged = ?, encoding = ?, ignored_columns = ?
      WHERE file_id = ?
      """,
      [
        .integer(Int64(outcome.rowsRead)), .integer(Int64(outcome.rowsLoaded)),
        .integer(Int64(outcome.rowsRejected)), .integer(Int64(outcome.rowsInserted)),
        .integer(Int64(outcome.rowsUpdated)), .integer(Int64(outcome.rowsUnchanged)),
        .text(encoding.rawValue),
        ignoredColumns.isEmpty ? .null : .text(ignoredColumns.joined(separator: ", ")),
        .integer(fileID),
      ])
    try connection.execute(
      "INSERT INTO audit_log (at, os_user, action, detail, rows) VALUES (?, ?, 'ingest', ?, ?)",
      [
        .text(Clock.nowISO()), .text(Clock.osUser),
        .text("file \(fileID) into \(feed.table)"), .integer(Int64(outcome.rowsLoaded)),
      ])
    try connection.execute("COMMIT")
    return outcome
  }

  func rollback() {
    try? warehouse.connection.execute("ROLLBACK")
  }
}

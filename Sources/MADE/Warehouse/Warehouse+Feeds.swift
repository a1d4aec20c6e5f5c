import CSQLite

/// Record tables (one per feed, from its schema) and the per-file loader.
extension Warehouse {
  /// The record table's column list after the key, hash and line: stored fields then the
  /// derived ones.
  static func dataColumns(of feed: FeedSpec) -> [(name: String, type: String)] {
    feed.storedFields.map { ($0.column, $0.sqlType) }
      + feed.derivedColumns
      + RecordNormaliser.trailingColumns.map { ($0, "TEXT") }
  }

  /// Creates the feed's record table, its `_history` table and the trigger that fills it;
  /// adds columns a newer schema introduced (schemas only ever add columns).
  func ensureTable(for feed: FeedSpec) throws {
    let table = feed.table
    try claim(table: table, for: feed)
    let columns = Self.dataColumns(of: feed)
    let existing = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(table)])
      .map { try $0.text("name") }
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
      let occurrence = RepeatedKeys.columns.map { "\($0.name) \($0.definition)" }
      let historyOccurrence = RepeatedKeys.historyColumns.map { "\($0.name) \($0.definition)" }
      try connection.execute(
        """
        CREATE TABLE \(table) (
          record_id INTEGER PRIMARY KEY,
          record_key BLOB NOT NULL UNIQUE CHECK (length(record_key) = 16),
          content_hash INTEGER NOT NULL,
          line INTEGER NOT NULL,
          \(definitions.joined(separator: ",\n  ")),
          file_id INTEGER NOT NULL REFERENCES files(file_id),
          \(occurrence.joined(separator: ",\n  "))
        );
        CREATE TABLE \(table)_history (
          history_id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL,
          record_key BLOB NOT NULL,
          content_hash INTEGER NOT NULL,
          line INTEGER NOT NULL,
          \(historyColumns.joined(separator: ",\n  ")),
          file_id INTEGER NOT NULL REFERENCES files(file_id),
          superseded_by_file_id INTEGER NOT NULL REFERENCES files(file_id),
          superseded_at TEXT NOT NULL,
          \(historyOccurrence.joined(separator: ",\n  "))
        );
        CREATE INDEX \(table)_history_by_record ON \(table)_history(record_id);
        """)
      try createHistoryTrigger(table: table, columns: columns.map(\.name))
    } else {
      let added = columns.filter { !existing.contains($0.name) }
      for column in added {
        try connection.execute("ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.type)")
        try connection.execute(
          "ALTER TABLE \(table)_history ADD COLUMN \(column.name) \(column.type)")
      }
      // A table made before repeated keys were kept: its records are all first occurrences
      // (the column defaults say so).
      let addedOccurrence = RepeatedKeys.columns.indices.filter {
        !existing.contains(RepeatedKeys.columns[$0].name)
      }
      for index in addedOccurrence {
        let (column, history) = (RepeatedKeys.columns[index], RepeatedKeys.historyColumns[index])
        try connection.execute(
          "ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.definition)")
        try connection.execute(
          "ALTER TABLE \(table)_history ADD COLUMN \(history.name) \(history.definition)")
      }
      if !added.isEmpty || !addedOccurrence.isEmpty {
        // The trigger names its columns: remake it so history keeps the new ones too.
        try createHistoryTrigger(table: table, columns: columns.map(\.name))
      }
    }
    // By delivering file (lineage, what a later aggregation must count again, the keyless
    // records a delivery supersedes) and by month (the months an aggregation counts again).
    // Without them `made aggregate` after one monthly file scanned 5M police records twice
    // (3 s, bench-work); they cost made ingest about 5% (scripts/bench --case ingest:
    // made/sqlite3 median 2.58 without, 2.71 with). The file's index carries the month, so
    // that a file's months (`recordDeliveredMonths`) are counted along it in month order:
    // grouped by a sort instead, a 1M-row file's months took 33 MB of sorter memory
    // (heaptrack), the whole of ingest's peak RSS above 100 MB. It replaces the file-only
    // index of earlier warehouses (rebuilt once, on the table's next load).
    try connection.execute(
      """
      CREATE INDEX IF NOT EXISTS \(table)_by_file_month ON \(table)(file_id, period_month);
      DROP INDEX IF EXISTS \(table)_by_file;
      CREATE INDEX IF NOT EXISTS \(table)_by_month ON \(table)(period_month);
      CREATE INDEX IF NOT EXISTS \(table)_history_by_superseding_file
        ON \(table)_history(superseded_by_file_id);
      """)
    // The few repeat records, by the key they repeat (to supersede those a later file does
    // not deliver again).
    try connection.execute(
      """
      CREATE INDEX IF NOT EXISTS \(table)_repeats ON \(table)(repeat_of_key)
        WHERE repeat_of_key IS NOT NULL;
      """)
    // A new table takes its feed's key layout; a table that already held records without a
    // row here has hashed keys (all tables did), and `ensureKeyLayout` re-keys it if needed.
    let layout = existing.isEmpty ? feed.recordKeyLayout : .hashed
    // Never OR REPLACE: replacing on the table's UNIQUE name would hand another feed's
    // table to this one without a word.
    try connection.execute(
      """
      INSERT INTO feed_tables (feed, table_name, columns, key_layout) VALUES (?, ?, ?, ?)
      ON CONFLICT (feed) DO UPDATE SET columns = excluded.columns
      """,
      [
        .text(feed.name), .text(table), .text(columns.map(\.name).joined(separator: ",")),
        .integer(Int64(layout.rawValue)),
      ])
    try ensureKeyLayout(for: feed)
  }

  /// The trigger that copies a record's previous version to `<table>_history` when a later
  /// file changes its content (a re-delivery of the same content only moves its lineage).
  private func createHistoryTrigger(table: String, columns: [String]) throws {
    let names =
      ["record_id", "record_key", "content_hash", "line"] + columns + ["file_id"]
      + RepeatedKeys.columnNames
    try connection.execute(
      """
      DROP TRIGGER IF EXISTS \(table)_keeps_history;
      CREATE TRIGGER \(table)_keeps_history BEFORE UPDATE ON \(table)
      WHEN OLD.content_hash <> NEW.content_hash
      BEGIN
        INSERT INTO \(table)_history (\(names.joined(separator: ", ")),
          superseded_by_file_id, superseded_at)
        VALUES (\(names.map { "OLD.\($0)" }.joined(separator: ", ")),
          NEW.file_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
      END;
      """)
  }

  /// Starts loading one file: BEGIN, the `files` row; rows follow through `FeedLoad`.
  func beginLoad(feed: FeedSpec, file: FileRow) throws -> FeedLoad {
    try ensureTable(for: feed)
    try connection.execute("BEGIN IMMEDIATE")
    do {
      let fileID = try recordFile(file)
      return try FeedLoad(
        warehouse: self, feed: feed, fileID: fileID, originalName: file.originalName)
    } catch {
      try? connection.execute("ROLLBACK")
      throw error
    }
  }
}

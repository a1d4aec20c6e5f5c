import CSQLite
import Foundation

/// The SQLite warehouse: the only place MADE reads and writes SQLite.
///
/// WAL mode (analysts read while the nightly run writes), foreign keys on, versioned
/// migrations, file mode 0600. One connection, used from one thread.
///
/// Related SQLite documentation: <https://www.sqlite.org/wal.html>
public final class Warehouse {
  let connection: SQLiteConnection
  public let path: String

  /// Opens (creating if needed, with mode 0600) and migrates the warehouse at `path`.
  public init(path: String) throws {
    self.path = path
    if !FileManager.default.fileExists(atPath: path) {
      let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
      guard descriptor >= 0 else {
        throw ConfigurationError(
          "cannot create the warehouse \(path): \(String(cString: strerror(errno)))")
      }
      close(descriptor)
    }
    connection = try SQLiteConnection(path: path)
    try connection.execute(
      """
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA cache_size = -32768;
      PRAGMA temp_store = MEMORY;
      """)
    try migrate()
  }

  /// Opens the warehouse at `path` for reading only, for the commands that only read
  /// (`status`, `verify`, `rejects`), so that they work where this user may read the
  /// warehouse but not write it (a read-only mount, another user's workspace).
  ///
  /// SQLite's `mode=ro` reads a WAL database only when its `-shm` file exists or can be
  /// created; in a folder this user cannot write it can be neither, and the file is read as
  /// `immutable` instead, which is right only when no `-wal` holds changes not yet in it: then
  /// this throws `AccessProblem` rather than show figures without the latest changes.
  /// Migrations are not applied: see `isCurrent`.
  ///
  /// Related SQLite documentation: <https://www.sqlite.org/wal.html#readonly>
  public init(readOnlyAt path: String) throws {
    self.path = path
    guard access(path, R_OK) == 0 else {
      throw AccessProblem(path: path, writing: false, reason: String(cString: strerror(errno)))
    }
    let location =
      "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    do {
      let connection = try SQLiteConnection(path: location + "?mode=ro", readOnly: true, uri: true)
      _ = try connection.scalar("SELECT count(*) FROM sqlite_master")
      self.connection = connection
    } catch let error as SQLiteError where [8, 14].contains(error.code & 0xff) {
      var info = stat()
      if stat(path + "-wal", &info) == 0, info.st_size > 0 {
        throw AccessProblem(
          path: path + "-wal", writing: true,
          reason: "it holds changes not yet in the warehouse file, which only a user who may "
            + "write the workspace folder can read")
      }
      let connection = try SQLiteConnection(
        path: location + "?immutable=1", readOnly: true, uri: true)
      _ = try connection.scalar("SELECT count(*) FROM sqlite_master")
      self.connection = connection
    }
  }

  /// Every migration this version of MADE knows has been applied.
  public var isCurrent: Bool {
    schemaVersion >= (Migrations.all.map(\.version).max() ?? 0)
  }

  /// Applies migrations not yet applied, each in its own transaction.
  private func migrate() throws {
    try connection.execute(
      """
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
      """)
    let applied = Set(
      try connection.rows("SELECT version FROM schema_migrations").map { try $0.int("version") })
    for migration in Migrations.all where !applied.contains(migration.version) {
      try connection.transaction {
        try connection.execute(migration.sql)
        // Tables the migration cannot name in SQL (record tables come from feed schemas).
        if migration.version == 11 { try backfillDeliveredMonths() }
        try connection.execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          [.integer(Int64(migration.version)), .text(migration.name), .text(Clock.nowISO())])
      }
    }
  }

  public var schemaVersion: Int {
    (try? connection.scalar("SELECT max(version) FROM schema_migrations"))??.int ?? 0
  }

  // MARK: Runs and audit

  /// Starts a run; returns its id.
  public func beginRun(command: String) throws -> Int64 {
    try connection.execute(
      "INSERT INTO runs (command, started_at, os_user, made_version) VALUES (?, ?, ?, ?)",
      [.text(command), .text(Clock.nowISO()), .text(Clock.osUser), .text(MADEVersion.string)])
    return connection.lastInsertRowID
  }

  public func finishRun(_ runID: Int64, status: RunStatus) throws {
    try connection.execute(
      "UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?",
      [.text(Clock.nowISO()), .text(status.rawValue), .integer(runID)])
  }

  /// `body` as one recorded run: `running` while it works, then `status` of its result (`ok`
  /// unless said otherwise), or `failed` when it throws, so that a command stopped by an
  /// error (an export with no complete period) is not left `running` until the next command
  /// finds it.
  func recordingRun<T>(
    command: String, status: (T) -> RunStatus = { _ in .ok },
    _ body: (_ runID: Int64) throws -> T
  ) throws -> T {
    let runID = try beginRun(command: command)
    let result: T
    do {
      result = try body(runID)
    } catch {
      try? finishRun(runID, status: .failed)
      throw error
    }
    try finishRun(runID, status: status(result))
    return result
  }

  /// Runs still marked `running` (called under the workspace lock, so none of them is): they
  /// were interrupted. Marks them `failed` (finished_at stays blank) and describes them,
  /// e.g. "run 12 (nightly, started 2025-04-01T02:00:00Z)".
  func closeInterruptedRuns(before runID: Int64) throws -> [String] {
    let interrupted = try connection.rows(
      "SELECT run_id, command, started_at FROM runs WHERE status = ? AND run_id < ?",
      [.text(RunStatus.running.rawValue), .integer(runID)]
    ).map {
      "run \(try $0.int("run_id")) (\(try $0.text("command")), started \(try $0.text("started_at")))"
    }
    if !interrupted.isEmpty {
      try connection.execute(
        "UPDATE runs SET status = ? WHERE status = ? AND run_id < ?",
        [.text(RunStatus.failed.rawValue), .text(RunStatus.running.rawValue), .integer(runID)])
    }
    return interrupted
  }

  /// One `audit_log` row: when, who (OS user and host), what, how many rows.
  public func audit(action: String, detail: String, rows: Int?) throws {
    try connection.execute(
      "INSERT INTO audit_log (at, os_user, host, action, detail, rows) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .text(Clock.nowISO()), .text(Clock.osUser), .text(Clock.host), .text(action),
        .text(detail), SQLValue(rows),
      ])
  }

  /// Runs a read-only query for reports and tests; values as `SQLValue`.
  public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
    try connection.rows(sql, arguments).map(\.values)
  }

  /// The first column of the first row of a query.
  public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
    try connection.scalar(sql, arguments)
  }

  /// Writes the WAL back into the database file (after a large load).
  public func checkpoint() throws {
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }
}

/// Wall-clock facts kept in one place (run logs only: indicator and pack content never
/// depends on the clock).
enum Clock {
  static func nowISO() -> String { iso(Date()) }

  /// A time as ISO 8601 in UTC, to the second.
  static func iso(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// This machine's name, for `audit_log.host`.
  static var host: String {
    var name = [CChar](repeating: 0, count: 256)
    guard gethostname(&name, name.count - 1) == 0 else { return "unknown" }
    return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static var osUser: String {
    if let name = ProcessInfo.processInfo.environment["USER"], !name.isEmpty { return name }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return "uid \(getuid())"
  }
}

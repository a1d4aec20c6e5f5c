import CSQLite
import Foundation

/// A failed SQLite call, with the SQL that failed.
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
  public let code: Int32
  public let message: String
  public let sql: String?

  public var description: String {
    var text = "SQLite error \(code): \(message)"
    if let sql { text += " (while running: \(sql.prefix(200)))" }
    if let advice { text += ". \(advice)" }
    return text
  }

  /// What the operator can do about the conditions that are not bugs.
  public var advice: String? {
    switch code & 0xff {
    case 13:  // SQLITE_FULL
      return "The disk holding the workspace is full: free space (or move the workspace) and "
        + "run again; the step that failed was rolled back"
    case 8:  // SQLITE_READONLY
      return "The workspace is read-only for this user: check the mount and permissions and "
        + "run again; nothing was changed"
    case 10:  // SQLITE_IOERR
      return "Reading or writing the warehouse failed (disk error, full or read-only "
        + "filesystem?); the step that failed was rolled back"
    default:
      return nil
    }
  }
}

/// One SQLite connection, used from one thread at a time.
///
/// Only `Warehouse/` uses this type: the rest of MADE talks to `Warehouse`.
final class SQLiteConnection {
  let handle: OpaquePointer
  let path: String

  /// SQLite's process-wide configuration, applied once before the first connection.
  private static let configured: Int32 = made_sqlite_configure()

  /// `uri`: `path` is a `file:` URI (for `mode=ro`, `immutable=1`).
  init(path: String, readOnly: Bool = false, uri: Bool = false) throws {
    _ = Self.configured
    var db: OpaquePointer?
    let flags =
      (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
      | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0)
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard rc == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close_v2(db) }
      throw SQLiteError(code: rc, message: "\(message): \(path)", sql: nil)
    }
    handle = db
    self.path = path
    sqlite3_busy_timeout(db, 10_000)
    sqlite3_extended_result_codes(db, 1)
    registerNormalisationFunctions()
    registerRecordKeyFunctions()
  }

  deinit {
    sqlite3_close_v2(handle)
  }

  var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

  /// Runs one or more statements that return no rows.
  func execute(_ sql: String) throws {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if rc != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
      sqlite3_free(errorMessage)
      throw SQLiteError(code: rc, message: message, sql: sql)
    }
  }

  /// Runs one statement with arguments.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    let statement = try prepare(sql)
    try statement.bind(arguments)
    try statement.run()
  }

  func prepare(_ sql: String) throws -> SQLiteStatement {
    try SQLiteStatement(connection: self, sql: sql)
  }

  /// Prepares SQL that comes from a catalogue rather than from MADE's own code (the indicator
  /// filters), under an authorizer that allows only reading: SELECT, reading columns and
  /// harmless functions. Any write, ATTACH, PRAGMA, transaction or schema change fails to
  /// prepare, and so does a second statement after the first.
  ///
  /// The authorizer is consulted while a statement is prepared, so it is installed for the
  /// prepare only; a statement that prepared under it holds no write to run later.
  ///
  /// Related SQLite documentation: <https://www.sqlite.org/c3ref/set_authorizer.html>
  func prepareReadOnly(_ sql: String) throws -> SQLiteStatement {
    sqlite3_set_authorizer(handle, readOnlyAuthorizer, nil)
    defer { sqlite3_set_authorizer(handle, nil, nil) }
    let statement = try SQLiteStatement(connection: self, sql: sql, allowingTail: false)
    guard sqlite3_stmt_readonly(statement.handle) != 0 else {
      throw SQLiteError(code: SQLITE_AUTH, message: "not a read-only statement", sql: sql)
    }
    return statement
  }

  /// True when `word` is one of SQLite's keywords (`order`, `select`, `action`).
  ///
  /// Related SQLite documentation: <https://www.sqlite.org/c3ref/keyword_check.html>
  static func isKeyword(_ word: String) -> Bool {
    let bytes = Array(word.utf8)
    return bytes.withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) {
        sqlite3_keyword_check($0.baseAddress, Int32($0.count))
      }
    } != 0
  }

  /// All rows of a query, read by column name (`SQLRow`).
  func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [SQLRow] {
    let statement = try prepare(sql)
    try statement.bind(arguments)
    let columns = statement.resultColumns
    var result: [SQLRow] = []
    while try statement.step() {
      result.append(SQLRow(columns: columns, values: statement.values))
    }
    return result
  }

  /// All rows of a query, each built by column name as a `T`.
  func fetchAll<T: RowDecodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = [])
    throws -> [T]
  {
    try rows(sql, arguments).map(T.init(row:))
  }

  /// The first column of the first row, or nil.
  func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
    let statement = try prepare(sql)
    try statement.bind(arguments)
    guard try statement.step() else { return nil }
    return statement.value(at: 0)
  }

  /// The integer a query returns in its one column (a `count(*)`): throws, rather than read
  /// a default, when it returns no row or something else.
  func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
    guard let row = try rows(sql, arguments).first else {
      throw SQLiteError(code: 0, message: "the query returned no row", sql: sql)
    }
    guard row.columns.names.count == 1 else {
      throw SQLiteError(code: 0, message: "the query returns more than one column", sql: sql)
    }
    return try row.int(row.columns.names[0])
  }

  var changes: Int { Int(sqlite3_changes(handle)) }
  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back if it throws.
  func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }
}

/// The authorizer of `prepareReadOnly`: reading only.
///
/// Allowed: SELECT, reading a column, a recursive CTE, and functions other than the few that
/// reach outside the database. Everything else (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER,
/// ATTACH, DETACH, PRAGMA, transactions, savepoints, ANALYZE, REINDEX, virtual tables) is
/// denied, so the statement fails to prepare.
private let readOnlyAuthorizer:
  @convention(c) (
    UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
    UnsafePointer<CChar>?, UnsafePointer<CChar>?
  ) -> Int32 = { _, action, _, detail, _, _ in
    switch action {
    case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
      return SQLITE_OK
    case SQLITE_FUNCTION:
      // The function's name is the fourth argument.
      let name = detail.map { String(cString: $0).lowercased() } ?? ""
      let outward: Set<String> = [
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
      ]
      return outward.contains(name) ? SQLITE_DENY : SQLITE_OK
    default:
      return SQLITE_DENY
    }
  }

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

/// A value read from or bound to SQLite.
public enum SQLValue: Equatable, Sendable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public var description: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return value
    case .blob(let bytes): return "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
    }
  }

  var int: Int? {
    switch self {
    case .integer(let value): return Int(value)
    case .real(let value): return Int(value)
    case .text(let value): return Int(value)
    default: return nil
    }
  }

  var double: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .real(let value): return value
    case .text(let value): return Double(value)
    default: return nil
    }
  }

  var string: String? {
    switch self {
    case .null: return nil
    case .text(let value): return value
    default: return description
    }
  }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
  init(_ value: String?) { self = value.map { .text($0) } ?? .null }
  init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
  init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
}

/// A prepared statement, reused across rows on the hot path.
final class SQLiteStatement {
  let handle: OpaquePointer
  unowned let connection: SQLiteConnection
  let sql: String

  /// Prepares the first statement of `sql`; with `allowingTail` false, anything after it but
  /// spaces and comments is refused (SQLite would otherwise ignore it without a word).
  init(connection: SQLiteConnection, sql: String, allowingTail: Bool = true) throws {
    var statement: OpaquePointer?
    var rc: Int32 = SQLITE_OK
    var tail = ""
    sql.withCString { text in
      var rest: UnsafePointer<CChar>?
      rc = sqlite3_prepare_v3(
        connection.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &rest)
      if !allowingTail, rc == SQLITE_OK, let rest { tail = String(cString: rest) }
    }
    guard rc == SQLITE_OK, let statement else {
      throw SQLiteError(code: rc, message: connection.lastErrorMessage, sql: sql)
    }
    guard allowingTail || Self.isBlank(tail, connection: connection) else {
      sqlite3_finalize(statement)
      throw SQLiteError(
        code: SQLITE_AUTH, message: "more than one statement (\(tail.prefix(60)))", sql: sql)
    }
    handle = statement
    self.connection = connection
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// True when `tail` holds no statement: only spaces, comments and semicolons.
  private static func isBlank(_ tail: String, connection: SQLiteConnection) -> Bool {
    var rest = tail
    while !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      var statement: OpaquePointer?
      var next = ""
      let rc = rest.withCString { text in
        var after: UnsafePointer<CChar>?
        let rc = sqlite3_prepare_v2(connection.handle, text, -1, &statement, &after)
        if let after { next = String(cString: after) }
        return rc
      }
      // A comment or a lone semicolon prepares to no statement; anything else is one.
      if let statement {
        sqlite3_finalize(statement)
        return false
      }
      guard rc == SQLITE_OK, next != rest else { return rc == SQLITE_OK }
      rest = next
    }
    return true
  }

  var columnCount: Int32 { sqlite3_column_count(handle) }

  /// The names of the result's columns, to read rows by name.
  var resultColumns: ResultColumns {
    ResultColumns(
      sql: sql,
      names: (0..<columnCount).map { String(cString: sqlite3_column_name(handle, $0)) })
  }

  /// The position of a result column, resolved once before a loop over many rows.
  func columnIndex(_ name: String) throws -> Int32 {
    Int32(try resultColumns.column(name).index)
  }

  /// Every column of the current row, in the result's order (for `Row`).
  var values: [SQLValue] { (0..<columnCount).map { value(at: $0) } }

  func bind(_ arguments: [SQLValue]) throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (index, value) in arguments.enumerated() {
      try bind(value, at: Int32(index + 1))
    }
  }

  func bind(_ value: SQLValue, at index: Int32) throws {
    let rc: Int32
    switch value {
    case .null: rc = sqlite3_bind_null(handle, index)
    case .integer(let number): rc = sqlite3_bind_int64(handle, index, number)
    case .real(let number): rc = sqlite3_bind_double(handle, index, number)
    case .text(let string):
      rc = sqlite3_bind_text(handle, index, string, -1, made_sqlite_transient())
    case .blob(let bytes):
      rc = bytes.withUnsafeBytes {
        sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), made_sqlite_transient())
      }
    }
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: rc, message: connection.lastErrorMessage, sql: sql)
    }
  }

  /// Binds UTF-8 bytes that stay valid until the next `step()`.
  @inline(__always)
  func bindText(_ pointer: UnsafePointer<UInt8>, count: Int, at index: Int32) {
    pointer.withMemoryRebound(to: CChar.self, capacity: count) {
      _ = sqlite3_bind_text(handle, index, $0, Int32(count), nil)
    }
  }

  @inline(__always)
  func bindBlob(_ pointer: UnsafeRawPointer, count: Int, at index: Int32) {
    _ = sqlite3_bind_blob(handle, index, pointer, Int32(count), nil)
  }

  @inline(__always)
  func bindInteger(_ value: Int64, at index: Int32) {
    _ = sqlite3_bind_int64(handle, index, value)
  }

  @inline(__always)
  func bindReal(_ value: Double, at index: Int32) {
    _ = sqlite3_bind_double(handle, index, value)
  }

  @inline(__always)
  func bindNull(at index: Int32) {
    _ = sqlite3_bind_null(handle, index)
  }

  /// Steps once; true when a row is available.
  @discardableResult
  func step() throws -> Bool {
    let rc = sqlite3_step(handle)
    switch rc {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let message = connection.lastErrorMessage
      sqlite3_reset(handle)
      throw SQLiteError(code: rc, message: message, sql: sql)
    }
  }

  /// Steps to completion and resets, keeping bindings.
  func run() throws {
    while try step() {}
    sqlite3_reset(handle)
  }

  func reset() {
    sqlite3_reset(handle)
  }

  /// The column of the current row as an integer (0 for NULL), without an SQLValue.
  func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  /// The column as a real, or nil for NULL.
  func double(at column: Int32) -> Double? {
    sqlite3_column_type(handle, column) == SQLITE_NULL
      ? nil : sqlite3_column_double(handle, column)
  }

  /// The column as text, or nil for NULL.
  func text(at column: Int32) -> String? {
    guard let pointer = sqlite3_column_text(handle, column) else { return nil }
    return String(cString: pointer)
  }

  func value(at column: Int32) -> SQLValue {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
    case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, column)))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(handle, column))
      guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
    default: return .null
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

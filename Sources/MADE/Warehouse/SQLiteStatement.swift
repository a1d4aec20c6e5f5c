import CSQLite
import Foundation

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

  /// The column's text as bytes, valid until the next `step()`; nil for NULL.
  @inline(__always)
  func textBytes(at column: Int32) -> UnsafeBufferPointer<UInt8>? {
    guard let pointer = sqlite3_column_text(handle, column) else { return nil }
    return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
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

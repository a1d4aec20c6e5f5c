import Foundation

/// One row of a query result, read by column name: `try row.int("records")`.
///
/// Reading a column the query does not return, or a value of another type than the one asked
/// for, throws a `RowDecodingError` that names the column and the query: a renamed, dropped or
/// reordered column in a SELECT fails loudly instead of giving a default. Only this file reads
/// a result by position.
///
/// The names are resolved once per query (`ResultColumns`); a loop over many rows can resolve
/// them itself (`ResultColumns.column(_:)`) and read by the resolved `SQLRow.Column`.
struct SQLRow {
  let columns: ResultColumns
  let values: [SQLValue]

  /// A column resolved once per query, for loops over many rows.
  struct Column: ColumnReference {
    let index: Int
    let name: String
    func index(in columns: ResultColumns) throws -> Int { index }
  }

  /// The value as SQLite returned it (any type, NULL included).
  func value(_ column: some ColumnReference) throws -> SQLValue {
    values[try column.index(in: columns)]
  }

  func int(_ column: some ColumnReference) throws -> Int {
    try required(column, as: Self.integer)
  }

  func optionalInt(_ column: some ColumnReference) throws -> Int? {
    try optional(column, as: Self.integer)
  }

  func int64(_ column: some ColumnReference) throws -> Int64 {
    Int64(try int(column))
  }

  /// An INTEGER column holding 0 or 1.
  func bool(_ column: some ColumnReference) throws -> Bool {
    try required(column, as: Self.flag)
  }

  /// A REAL column; an INTEGER value (a whole number stored as one) reads as a double too.
  func double(_ column: some ColumnReference) throws -> Double {
    try required(column, as: Self.real)
  }

  func optionalDouble(_ column: some ColumnReference) throws -> Double? {
    try optional(column, as: Self.real)
  }

  func text(_ column: some ColumnReference) throws -> String {
    try required(column, as: Self.string)
  }

  func optionalText(_ column: some ColumnReference) throws -> String? {
    try optional(column, as: Self.string)
  }

  /// A TEXT column holding one of an enum's raw values (a status, a geography level).
  func value<T: RawRepresentable>(_ column: some ColumnReference, as type: T.Type) throws -> T
  where T.RawValue == String {
    try required(column, as: Self.raw(T.self))
  }

  func optionalValue<T: RawRepresentable>(_ column: some ColumnReference, as type: T.Type)
    throws -> T? where T.RawValue == String
  {
    try optional(column, as: Self.raw(T.self))
  }

  /// How a read turns a non-NULL value into its type, and what it calls that type in errors.
  struct Conversion<T>: Sendable {
    let expected: String
    let convert: @Sendable (SQLValue) -> T?
  }

  static let integer = Conversion<Int>(expected: "an integer") {
    if case .integer(let number) = $0 { return Int(number) } else { return nil }
  }
  static let flag = Conversion<Bool>(expected: "0 or 1") {
    switch $0 {
    case .integer(0): return false
    case .integer(1): return true
    default: return nil
    }
  }
  static let real = Conversion<Double>(expected: "a number") {
    switch $0 {
    case .integer(let number): return Double(number)
    case .real(let number): return number
    default: return nil
    }
  }
  static let string = Conversion<String>(expected: "text") {
    if case .text(let text) = $0 { return text } else { return nil }
  }
  static func raw<T: RawRepresentable>(_ type: T.Type) -> Conversion<T>
  where T.RawValue == String {
    Conversion(expected: "one of the values of \(T.self)") {
      if case .text(let text) = $0 { return T(rawValue: text) } else { return nil }
    }
  }

  private func optional<T>(_ column: some ColumnReference, as conversion: Conversion<T>) throws
    -> T?
  {
    let index = try column.index(in: columns)
    let value = values[index]
    if value == .null { return nil }
    guard let converted = conversion.convert(value) else {
      throw RowDecodingError(
        column: columns.names[index], sql: columns.sql,
        problem: .wrongType(expected: conversion.expected, found: value))
    }
    return converted
  }

  private func required<T>(_ column: some ColumnReference, as conversion: Conversion<T>) throws
    -> T
  {
    guard let converted = try optional(column, as: conversion) else {
      let index = try column.index(in: columns)
      throw RowDecodingError(
        column: columns.names[index], sql: columns.sql,
        problem: .wrongType(expected: conversion.expected, found: .null))
    }
    return converted
  }
}

/// A column of a result: its name (a `String`) or a `SQLRow.Column` resolved once.
protocol ColumnReference {
  func index(in columns: ResultColumns) throws -> Int
}

extension String: ColumnReference {
  func index(in columns: ResultColumns) throws -> Int {
    try columns.column(self).index
  }
}

/// The column names of one query's result (`sqlite3_column_name`: the name after `AS`, else
/// the column's own name), shared by all its rows.
final class ResultColumns {
  let sql: String
  let names: [String]
  private let indexByName: [String: Int]

  init(sql: String, names: [String]) {
    self.sql = sql
    self.names = names
    // The first of two columns with one name wins, as in SQL.
    indexByName = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// The column named `name`, or a `RowDecodingError` listing the columns there are.
  func column(_ name: String) throws -> SQLRow.Column {
    guard let index = indexByName[name] else {
      throw RowDecodingError(column: name, sql: sql, problem: .missingColumn(available: names))
    }
    return SQLRow.Column(index: index, name: name)
  }
}

/// A type built from one row of a query result, by column name.
protocol RowDecodable {
  init(row: SQLRow) throws
}

/// A query result that does not hold what the code reads from it: a column the SELECT does
/// not return, or a value of another type. A bug in MADE or a warehouse edited by hand; the
/// message gives the query so that it can be found.
struct RowDecodingError: Error, CustomStringConvertible, Equatable {
  enum Problem: Equatable {
    case missingColumn(available: [String])
    case wrongType(expected: String, found: SQLValue)
  }

  var column: String
  var sql: String
  var problem: Problem

  var description: String {
    let query = sql.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    switch problem {
    case .missingColumn(let available):
      return "the query returns no column '\(column)' (it returns "
        + "\(available.map { "'\($0)'" }.joined(separator: ", "))): \(query)"
    case .wrongType(let expected, let found):
      return "column '\(column)' holds \(Self.kind(of: found)) where \(expected) was expected: "
        + query
    }
  }

  private static func kind(of value: SQLValue) -> String {
    switch value {
    case .null: return "NULL"
    case .integer(let number): return "the integer \(number)"
    case .real(let number): return "the real \(number)"
    case .text: return "text"  // not quoted: it may be a delivered value
    case .blob(let bytes): return "a blob of \(bytes.count) bytes"
    }
  }
}

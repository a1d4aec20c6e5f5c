import CSQLite

/// SQL functions that build month-first record keys (`RecordKeyLayout.monthFirst`) as ingest
/// does, for re-keying a table made with hashed keys and for `made verify`:
///
/// - `made_month_first_key(hashed_key, period_month, source…)`: the month-first key of the
///   record whose hashed key is `hashed_key`, of that month, whose replace-by-period sources,
///   each already in its compared form (`made_text_key`, `made_code`), are `source…`; NULL
///   when `hashed_key` is not 16 bytes or `period_month` is not yyyy-mm.
/// - `made_occurrence_key(first_key, occurrence)`: the month-first key of the occurrence-th
///   row with record key `first_key` in one file (`RepeatedKeys.occurrenceKey`).
///
/// Deterministic; they exist only on MADE's own connections.
extension SQLiteConnection {
  func registerRecordKeyFunctions() {
    let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
    sqlite3_create_function_v2(
      handle, "made_month_first_key", -1, flags, nil, madeMonthFirstKey, nil, nil, nil)
    sqlite3_create_function_v2(
      handle, "made_occurrence_key", 2, flags, nil, madeOccurrenceKey, nil, nil, nil)
  }
}

private func resultBlob(_ context: OpaquePointer?, _ bytes: [UInt8]) {
  bytes.withUnsafeBytes {
    sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), made_sqlite_transient())
  }
}

private func madeMonthFirstKey(
  _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let arguments, count >= 2, sqlite3_value_type(arguments[0]) == SQLITE_BLOB,
    sqlite3_value_bytes(arguments[0]) == 16, let key = sqlite3_value_blob(arguments[0]),
    let text = sqlite3_value_text(arguments[1]),
    let month = RecordKeyLayout.monthNumber(
      UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(arguments[1]))))
  else {
    sqlite3_result_null(context)
    return
  }
  var tag = PartitionTag()
  for index in 2..<Int(count) {
    let argument = arguments[index]
    guard sqlite3_value_type(argument) != SQLITE_NULL, let source = sqlite3_value_text(argument)
    else {
      tag.add(nil)
      continue
    }
    tag.add(UnsafeBufferPointer(start: source, count: Int(sqlite3_value_bytes(argument))))
  }
  resultBlob(
    context,
    RecordKeyLayout.monthFirstKey(
      hashedKey: UnsafeRawBufferPointer(start: key, count: 16),
      prefix: RecordKeyLayout.prefix(month: month, partition: tag.value)))
}

private func madeOccurrenceKey(
  _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  guard let arguments, sqlite3_value_type(arguments[0]) == SQLITE_BLOB,
    sqlite3_value_bytes(arguments[0]) == 16, let key = sqlite3_value_blob(arguments[0])
  else {
    sqlite3_result_null(context)
    return
  }
  let occurrence = Int(sqlite3_value_int64(arguments[1]))
  resultBlob(
    context,
    RepeatedKeys.occurrenceKey(
      of: UnsafeRawBufferPointer(start: key, count: 16), occurrence: occurrence,
      layout: .monthFirst))
}

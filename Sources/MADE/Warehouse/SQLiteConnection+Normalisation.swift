import CSQLite

/// SQL functions that compare stored values as ingest does (`TextNormalisation`), so that a
/// replace-by comparison or a `made verify` check in SQL agrees with the keys built in Swift:
///
/// - `made_code(x)`: the canonical code form (NFKC, no spaces or invisible characters, upper
///   case): `made_code('rxr01 ') = 'RXR01'`; `made_lower_code(x)` the same in lower case.
/// - `made_text_key(x)`: the text key (canonical spacing, case-folded):
///   `made_text_key('LANCASHIRE  Constabulary') = 'lancashire constabulary'`.
///
/// Both return NULL for NULL and are deterministic (SQLite may use them in indexes). They
/// exist only on MADE's own connections; an analyst's `sqlite3` shell does not have them.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/create_function.html>
extension SQLiteConnection {
  func registerNormalisationFunctions() {
    let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
    sqlite3_create_function_v2(handle, "made_code", 1, flags, nil, madeCode, nil, nil, nil)
    sqlite3_create_function_v2(
      handle, "made_lower_code", 1, flags, nil, madeLowerCode, nil, nil, nil)
    sqlite3_create_function_v2(
      handle, "made_text_key", 1, flags, nil, madeTextKey, nil, nil, nil)
  }
}

private func normalisedResult(
  _ context: OpaquePointer?, _ argument: OpaquePointer?,
  _ transform: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void
) {
  guard sqlite3_value_type(argument) != SQLITE_NULL, let text = sqlite3_value_text(argument)
  else {
    sqlite3_result_null(context)
    return
  }
  let count = Int(sqlite3_value_bytes(argument))
  var output: [UInt8] = []
  output.reserveCapacity(count)
  transform(UnsafeBufferPointer(start: text, count: count), &output)
  guard !output.isEmpty else {
    sqlite3_result_text(context, "", 0, made_sqlite_transient())
    return
  }
  output.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) {
      sqlite3_result_text(context, $0.baseAddress, Int32($0.count), made_sqlite_transient())
    }
  }
}

private func madeCode(
  _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  normalisedResult(context, arguments?[0]) {
    TextNormalisation.appendCode($0, case: .upper, to: &$1)
  }
}

private func madeLowerCode(
  _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  normalisedResult(context, arguments?[0]) {
    TextNormalisation.appendCode($0, case: .lower, to: &$1)
  }
}

private func madeTextKey(
  _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
  normalisedResult(context, arguments?[0]) { TextNormalisation.appendTextKey($0, to: &$1) }
}

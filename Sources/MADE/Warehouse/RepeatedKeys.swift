import Crypto

/// Rows that repeat a natural key already used earlier in the same file, for a feed whose
/// schema says `"repeatedKeys": "keep"` (data.police.uk: a street file lists some crimes
/// twice, typically once placed and once at "No Location"; each row is a published record).
///
/// The first row with key K keeps K's record key, so records loaded before repeats were kept
/// keep their keys. The n-th row with K (n ≥ 2) is keyed `occurrenceKey(of: K, n)`, so a
/// resend of the month gives every row the same key again: unchanged rows stay unchanged, a
/// corrected row updates its record, and nothing is counted twice. A repeat record also keeps
/// K (`repeat_of_key`): when a later file delivers K again, the repeats of K it did not
/// deliver again are superseded (a corrected resend with fewer repeats leaves none behind).
///
/// See docs/methods.md § "Repeated keys in data.police.uk".
enum RepeatedKeys {
  /// Rows kept per key and file: the first and up to this many minus one repeats. Later rows
  /// with the key are rejected (`duplicate-key`). data.police.uk repeats a crime a few times
  /// at most; a key repeated without bound is a broken or hostile file (one valid row
  /// repeated a million times would otherwise become a million crimes in one ward).
  static let maxRowsPerKey = 10

  /// The record table's columns that say which occurrence of its key a record is, after
  /// `file_id`: `key_occurrence` (1 for the first row with the key in its file, and for a
  /// keyless record; 2, 3… for repeats) and `repeat_of_key` (for a repeat, the first row's
  /// record key; else NULL). Existing rows are first occurrences, hence the default.
  static let columns: [(name: String, definition: String)] = [
    ("key_occurrence", "INTEGER NOT NULL DEFAULT 1 CHECK (key_occurrence >= 1)"),
    ("repeat_of_key", "BLOB CHECK (repeat_of_key IS NULL OR length(repeat_of_key) = 16)"),
  ]

  /// The same columns in `<table>_history`, without the checks the record table enforces.
  static let historyColumns: [(name: String, definition: String)] = [
    ("key_occurrence", "INTEGER NOT NULL DEFAULT 1"), ("repeat_of_key", "BLOB"),
  ]

  static var columnNames: [String] { columns.map(\.name) }

  /// The code of a kept repeat's row in `row_warnings`: a warning, not a reject.
  static let warningCode = "repeated-key"

  /// The record key of the `occurrence`-th row (2 or more) with record key `key` in one file:
  /// 16 bytes of SHA-256 over a label, the key and the occurrence (32-bit little-endian); for a
  /// `monthFirst` table, `key`'s month-and-partition prefix then the first 12 of those bytes,
  /// so that repeats sort with their first row. Stored in warehouses: never change it.
  static func occurrenceKey(
    of key: UnsafeRawBufferPointer, occurrence: Int, layout: RecordKeyLayout
  ) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: Array("made repeated key".utf8))
    hasher.update(bufferPointer: key)
    withUnsafeBytes(of: UInt32(occurrence).littleEndian) { hasher.update(bufferPointer: $0) }
    let digest = Array(hasher.finalize())
    switch layout {
    case .hashed: return Array(digest.prefix(16))
    case .monthFirst:
      return RecordKeyLayout.monthFirstKey(
        hashedKey: digest, prefix: Array(key.prefix(RecordKeyLayout.prefixBytes)))
    }
  }

  /// The warning recorded for a kept repeat (`row_warnings`). The key's value is not quoted:
  /// in another feed it could be an identifier.
  static func warning(keyNames: String, occurrence: Int, firstLine: Int64) -> String {
    "this row repeats the \(keyNames) of line \(firstLine) (occurrence \(occurrence) in this "
      + "file): loaded as a separate record, as published, with key_occurrence = \(occurrence)"
  }

  /// The reject message for a row past `maxRowsPerKey`.
  static func tooManyMessage(keyNames: String) -> String {
    "this row repeats the \(keyNames) of an earlier row in the same file more than "
      + "\(maxRowsPerKey - 1) times; the first \(maxRowsPerKey) rows with it were loaded, the "
      + "rest are rejected (a key repeated this often is a broken export, not a publication's "
      + "repeat)"
  }
}

/// A record key (16 bytes) as a value, for remembering a few keys in a set.
struct RecordKey: Hashable {
  var high: UInt64
  var low: UInt64

  init(_ bytes: UnsafeRawBufferPointer) {
    high = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
    low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
  }
}

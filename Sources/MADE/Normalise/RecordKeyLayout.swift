/// How a record table's 16-byte `record_key`s are laid out (`feed_tables.key_layout`).
///
/// Why two: the unique index on `record_key` is the table's largest index, and where a key
/// lands in it decides what a new month costs. Keys that are pure hashes scatter every insert
/// over the whole index: a month of 39 data.police.uk force files into a 4.25M-record
/// warehouse wrote ~4 pages and read ~3 per row (strace), and each file's commit wrote a page
/// of the index per row to the WAL (perf: commit and checkpoint were half the writer's time).
/// Keys that start with the month and the source append instead: a file's keys are one run of
/// the index (`scripts/experiments/key-order.py`: a new 360k-row month on a 4M-row table in
/// 2.1 s instead of 11.8 s). See docs/methods.md § "Record keys".
///
/// Stored in warehouses: never change how either layout is computed.
enum RecordKeyLayout: Int, Sendable {
  /// 16 bytes of SHA-256 over the feed name and the key (MADE 0.1, and feeds whose key does
  /// not fix the record's month: a corrected date must move the record, not copy it).
  case hashed = 1
  /// Month first: 2 bytes of month number (year × 12 + month − 1, big-endian, so that keys
  /// sort by month), 2 bytes of partition tag (`PartitionTag`: the replace-by-period source,
  /// such as the force), then the first 12 bytes of the same SHA-256 as `hashed`. So a
  /// `hashed` key becomes its `monthFirst` key without knowing the values it was made from
  /// (`Warehouse.ensureKeyLayout`).
  case monthFirst = 2

  /// Bytes at the front of a `monthFirst` key that say its month and partition.
  static let prefixBytes = 4

  /// The month number of `yyyy-mm` (year × 12 + month − 1), or nil when it is not one.
  static func monthNumber<Bytes: Collection<UInt8>>(_ month: Bytes) -> UInt16? {
    guard month.count == 7 else { return nil }
    var year = 0
    var monthOfYear = 0
    for (index, byte) in month.enumerated() {
      if index == 4 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int(byte - UInt8(ascii: "0"))
      if index < 4 { year = year * 10 + digit } else { monthOfYear = monthOfYear * 10 + digit }
    }
    guard (1...12).contains(monthOfYear) else { return nil }
    return UInt16(year * 12 + monthOfYear - 1)
  }

  /// Appends `value` in the form a replace-by-period source is compared in: the text key for
  /// free text, the canonical code (upper case) for codes, as stored otherwise. The same forms
  /// as `FeedLoad`'s replace comparison (`made_text_key`, `made_code`), so that a resend that
  /// spells the force `LANCASHIRE CONSTABULARY` tags its keys as the first delivery did.
  static func appendComparedForm(
    _ value: UnsafeBufferPointer<UInt8>, form: FieldNormalisation, to output: inout [UInt8]
  ) {
    switch form {
    case .text: TextNormalisation.appendTextKey(value, to: &output)
    case .code, .identifier, .postcode:
      TextNormalisation.appendCode(value, case: .upper, to: &output)
    case .exact: output.append(contentsOf: value)
    }
  }

  /// Writes the 4-byte prefix of a `monthFirst` key at `offset` of `key`.
  static func writePrefix(
    month: UInt16, partition: UInt16, to key: UnsafeMutableBufferPointer<UInt8>, at offset: Int
  ) {
    key[offset] = UInt8(month >> 8)
    key[offset + 1] = UInt8(truncatingIfNeeded: month)
    key[offset + 2] = UInt8(partition >> 8)
    key[offset + 3] = UInt8(truncatingIfNeeded: partition)
  }

  /// The 4-byte prefix of a `monthFirst` key.
  static func prefix(month: UInt16, partition: UInt16) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: prefixBytes)
    bytes.withUnsafeMutableBufferPointer {
      writePrefix(month: month, partition: partition, to: $0, at: 0)
    }
    return bytes
  }

  /// The `monthFirst` key of a record whose `hashed` key is `hashedKey` (16 bytes).
  static func monthFirstKey(hashedKey: some Collection<UInt8>, prefix: [UInt8]) -> [UInt8] {
    prefix + hashedKey.prefix(16 - prefixBytes)
  }
}

/// FNV-1a over a record's replace-by-period sources, each in its compared form
/// (`RecordKeyLayout.appendComparedForm`) and followed by 0xFF (a NULL is 0xFE), folded to 16
/// bits: the partition tag of a month-first key. Two sources may share a tag: the tag only
/// clusters keys, and every comparison still compares the sources themselves.
struct PartitionTag {
  private var hash = FNV1a()

  mutating func add(_ source: UnsafeBufferPointer<UInt8>?) {
    guard let source else {
      hash.mix(0xFE)
      return
    }
    for byte in source { hash.mix(byte) }
    hash.mix(0xFF)
  }

  var value: UInt16 {
    let hash = hash.value
    return UInt16(truncatingIfNeeded: hash ^ (hash >> 16) ^ (hash >> 32) ^ (hash >> 48))
  }
}

/// Numbers by code, looked up by a row's text bytes without making a `String`: codes of up
/// to 16 bytes packed into two words, in an open-addressing table; longer ones (no ONS code
/// is) in a dictionary. Codes match byte for byte, as SQL's `=` and `IN` compare text.
///
/// The cell scan's hot loop (`CellQuery.sum`) looks up every record's district and ward:
/// making and hashing two `String`s a row was about a tenth of a five-year full aggregation
/// (perf, `scripts/bench --case aggregate`).
struct CodeTable {
  private struct Entry {
    var low: UInt64
    var high: UInt64
    /// -1: an empty slot.
    var length: Int
    var value: Int
  }

  private var entries: [Entry]
  private let mask: Int
  private var long: [String: Int] = [:]

  init(_ codes: [String: Int]) {
    var capacity = 16
    while capacity < codes.count * 4 { capacity *= 2 }
    entries = Array(repeating: Entry(low: 0, high: 0, length: -1, value: 0), count: capacity)
    mask = capacity - 1
    for (code, value) in codes {
      var bytes = Array(code.utf8)
      bytes.withUnsafeMutableBufferPointer { insert(UnsafeBufferPointer($0), value: value) }
    }
  }

  private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, value: Int) {
    guard bytes.count <= 16 else {
      long[String(decoding: bytes, as: UTF8.self)] = value
      return
    }
    let (low, high) = Self.pack(bytes)
    var slot = self.slot(low, high, bytes.count)
    while entries[slot].length >= 0 {
      if entries[slot].low == low, entries[slot].high == high,
        entries[slot].length == bytes.count
      {
        break
      }
      slot = (slot + 1) & mask
    }
    entries[slot] = Entry(low: low, high: high, length: bytes.count, value: value)
  }

  /// The number of the code spelt by `bytes`, if it is one of the table's.
  @inline(__always)
  func value(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count <= 16 else { return long[String(decoding: bytes, as: UTF8.self)] }
    let (low, high) = Self.pack(bytes)
    var slot = self.slot(low, high, bytes.count)
    while true {
      let entry = entries[slot]
      if entry.length < 0 { return nil }
      if entry.low == low, entry.high == high, entry.length == bytes.count { return entry.value }
      slot = (slot + 1) & mask
    }
  }

  @inline(__always)
  private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    for index in 0..<bytes.count {
      if index < 8 {
        low |= UInt64(bytes[index]) << (8 * index)
      } else {
        high |= UInt64(bytes[index]) << (8 * (index - 8))
      }
    }
    return (low, high)
  }

  @inline(__always)
  private func slot(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
    var hash = low &* 0x9E37_79B9_7F4A_7C15
    hash ^= (high &+ UInt64(length)) &* 0xC2B2_AE3D_27D4_EB4F
    hash ^= hash >> 29
    return Int(truncatingIfNeeded: hash) & mask
  }
}

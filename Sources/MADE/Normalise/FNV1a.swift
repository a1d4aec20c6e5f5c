/// 64-bit FNV-1a, byte by byte: the record's `content_hash` and the partition tag of a
/// month-first key (`PartitionTag`). Both are stored in warehouses: never change it.
///
/// Related specification: <https://datatracker.ietf.org/doc/html/draft-eastlake-fnv>
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always) mutating func mix(_ byte: UInt8) {
    value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }
}

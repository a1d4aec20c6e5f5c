/// A short ASCII code (LSOA, ward, postcode, offence code: at most 16 bytes) packed into two
/// integers, so that lookups on the hot path hash two words instead of a String.
struct CodeKey: Hashable, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  /// nil when the code is longer than 16 bytes or empty.
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
    for (index, byte) in bytes.enumerated() {
      if index < 8 {
        low |= UInt64(byte) << (UInt64(index) * 8)
      } else {
        high |= UInt64(byte) << (UInt64(index - 8) * 8)
      }
    }
  }

  init?(_ string: String) {
    var utf8 = Array(string.utf8)
    guard let key = utf8.withUnsafeMutableBufferPointer({ CodeKey(UnsafeBufferPointer($0)) })
    else { return nil }
    self = key
  }
}

/// UK postcodes, normalised before lookup: case and spaces do not matter, so `pr18xb`,
/// `PR1  8XB` and `PR1 8XB` are one postcode.
enum Postcode {
  /// The compact upper-case form without spaces ("PR18XB"), or nil when the text cannot be a
  /// postcode (outward code of 2-4 characters starting with a letter, inward digit + 2 letters).
  ///
  /// Text that is not ASCII is first put in canonical code form (`TextNormalisation.code`), so
  /// that a no-break or other Unicode space, a zero-width character or full-width letters and
  /// digits (`ＰＲ１ ８ＸＢ`) do not stop a postcode being found.
  static func compact(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
    output.removeAll(keepingCapacity: true)
    guard TextNormalisation.isASCII(bytes) else {
      var canonical: [UInt8] = []
      TextNormalisation.appendCode(bytes, to: &canonical)
      guard canonical.allSatisfy({ $0 < 0x80 }) else { return false }
      return canonical.withUnsafeBufferPointer { compact($0, into: &output) }
    }
    for byte in bytes {
      switch byte {
      case 0x00...0x20, 0x7F: continue  // spaces and controls, as in a canonical code
      case 0x61...0x7A: output.append(byte - 0x20)
      case 0x41...0x5A, 0x30...0x39: output.append(byte)
      default: return false
      }
    }
    let count = output.count
    guard count >= 5, count <= 7 else { return false }
    let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
    let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
    return isLetter(output[0]) && isDigit(output[count - 3]) && isLetter(output[count - 2])
      && isLetter(output[count - 1])
  }

  /// The compact form of a String, for reference loading and tests.
  static func compact(_ text: String) -> String? {
    var output: [UInt8] = []
    var bytes = Array(text.utf8)
    let ok = bytes.withUnsafeMutableBufferPointer {
      compact(UnsafeBufferPointer($0), into: &output)
    }
    return ok ? String(decoding: output, as: UTF8.self) : nil
  }
}

/// The text encoding of a delivered file, as recorded in `files.encoding`.
public enum TextEncoding: String, Sendable {
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
  /// Some fields were valid UTF-8 with non-ASCII text, others were not.
  case mixed = "mixed"
}

/// Turns field bytes into UTF-8: as they are when they are valid UTF-8, else from Windows-1252.
///
/// Partners' exports from Excel and older systems arrive as Windows-1252; GIAS publishes in it.
/// The decision is per field, so a file is never half mis-decoded; `encoding` says what was seen.
struct TextDecoder {
  private(set) var sawUTF8NonASCII = false
  private(set) var sawWindows1252 = false

  var encoding: TextEncoding {
    switch (sawUTF8NonASCII, sawWindows1252) {
    case (true, true): return .mixed
    case (false, true): return .windows1252
    default: return .utf8
    }
  }

  /// Appends the UTF-8 form of `bytes` to `output`.
  @inline(__always)
  mutating func appendUTF8(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    var ascii = true
    for byte in bytes where byte >= 0x80 {
      ascii = false
      break
    }
    if ascii || Self.isValidUTF8(bytes) {
      if !ascii { sawUTF8NonASCII = true }
      output.append(contentsOf: bytes)
      return
    }
    sawWindows1252 = true
    for byte in bytes {
      if byte < 0x80 {
        output.append(byte)
      } else {
        let scalar = Self.windows1252[Int(byte) - 0x80]
        appendScalar(scalar, to: &output)
      }
    }
  }

  private func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
    if value < 0x800 {
      output.append(UInt8(0xC0 | (value >> 6)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    } else {
      output.append(UInt8(0xE0 | (value >> 12)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    }
  }

  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      if lead & 0xE0 == 0xC0 {
        length = 2
        minimum = 0x80
      } else if lead & 0xF0 == 0xE0 {
        length = 3
        minimum = 0x800
      } else if lead & 0xF8 == 0xF0 {
        length = 4
        minimum = 0x10000
      } else {
        return false
      }
      guard index + length <= count else { return false }
      var scalar = UInt32(lead) & (0xFF >> UInt32(length + 1))
      for offset in 1..<length {
        let next = bytes[index + offset]
        guard next & 0xC0 == 0x80 else { return false }
        scalar = (scalar << 6) | UInt32(next & 0x3F)
      }
      guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
        return false
      }
      index += length
    }
    return true
  }

  /// Windows-1252 bytes 0x80…0xFF as Unicode scalars (the five unassigned bytes map to C1
  /// controls, as WHATWG's encoding standard does).
  static let windows1252: [UInt32] = {
    var table = (0x80...0xFF).map { UInt32($0) }
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
      0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
    for (offset, scalar) in high.enumerated() { table[offset] = scalar }
    return table
  }()
}

/// Recognises a delivered value that is an NHS number: ten digits that pass the Modulus 11
/// check, written together or in groups ("943 476 5919", "943-476-5919").
///
/// The NHS number's check digit: weights 10 down to 2 on the first nine digits; the check
/// digit is 11 − (sum mod 11), where 11 means 0 and 10 means the number is not valid. The
/// same check covers Scotland's CHI and Northern Ireland's H&C numbers, which are also ten
/// digits.
///
/// Related specification: <https://www.datadictionary.nhs.uk/attributes/nhs_number.html>
///
/// Works on the raw bytes of a field (UTF-8 or Windows-1252), without building a String: it
/// runs on every field of every row of a health feed. Accepted between digits: spaces, tabs,
/// hyphens, the no-break space (UTF-8 or the Windows-1252 byte), other Unicode spaces, dashes
/// and zero-width characters; a full-width digit counts as a digit; a leading apostrophe
/// (a spreadsheet's "keep as text" mark) is skipped. Anything else means it is not one.
enum NHSNumber {
  /// True when `field` is an NHS number (see the type's description).
  static func matches(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
    // Ten ASCII digits at least; each of up to 12 separators and 10 full-width digits takes
    // at most 3 bytes.
    let count = field.count
    guard count >= 10, count <= 66 else { return false }
    var digits = 0
    var sum = 0
    var check = 0
    var index = 0
    @inline(__always) func take(_ digit: Int) -> Bool {
      digits += 1
      if digits <= 9 {
        sum += digit * (11 - digits)
      } else if digits == 10 {
        check = digit
      } else {
        return false
      }
      return true
    }
    while index < count {
      let byte = field[index]
      let next = index + 1 < count ? field[index + 1] : 0
      let third = index + 2 < count ? field[index + 2] : 0
      switch byte {
      case 0x30...0x39:
        guard take(Int(byte - 0x30)) else { return false }
        index += 1
      case 0x20, 0x09, UInt8(ascii: "-"), 0xA0:
        // ASCII space, tab, hyphen; 0xA0 alone is Windows-1252's no-break space.
        index += 1
      case UInt8(ascii: "'") where digits == 0 && index == 0:
        index += 1
      case 0xC2 where next == 0xA0:  // U+00A0 no-break space
        index += 2
      case 0xE2 where next == 0x80 && (0x80...0x95 ~= third || third == 0xAF):
        // U+2000–U+200F: spaces, zero-width characters; U+2010–U+2015: hyphens and dashes;
        // U+202F narrow no-break space.
        index += 3
      case 0xE2 where next == 0x81 && (third == 0x9F || third == 0xA0):  // U+205F, U+2060
        index += 3
      case 0xE3 where next == 0x80 && third == 0x80:  // U+3000 ideographic space
        index += 3
      case 0xEF where next == 0xBB && third == 0xBF:  // U+FEFF zero-width no-break space
        index += 3
      case 0xEF where next == 0xBC && 0x90...0x99 ~= third:  // U+FF10–U+FF19 full-width digits
        guard take(Int(third - 0x90)) else { return false }
        index += 3
      case 0xEF where next == 0xBC && third == 0x8D:  // U+FF0D full-width hyphen-minus
        index += 3
      default:
        return false
      }
    }
    return digits == 10 && isValidCheckDigit(sum: sum, check: check)
  }

  /// The Modulus 11 rule on the weighted sum of the first nine digits.
  static func isValidCheckDigit(sum: Int, check: Int) -> Bool {
    var expected = 11 - sum % 11
    if expected == 11 { expected = 0 }
    return expected != 10 && expected == check
  }

  /// The same test on a String (a header cell; tests).
  static func matches(_ text: String) -> Bool {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0)) }
  }
}

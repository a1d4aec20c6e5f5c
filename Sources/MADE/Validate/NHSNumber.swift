/// Recognises a delivered value that is an NHS number: ten digits that pass the Modulus 11
/// check, however a person or a spreadsheet wrote them.
///
/// The NHS number's check digit: weights 10 down to 2 on the first nine digits; the check
/// digit is 11 − (sum mod 11), where 11 means 0 and 10 means the number is not valid. The
/// same check covers Scotland's CHI and Northern Ireland's H&C numbers, which are also ten
/// digits.
///
/// Related specification: <https://www.datadictionary.nhs.uk/attributes/nhs_number.html>
///
/// Works on the raw bytes of a field (UTF-8 or Windows-1252), without building a String: it
/// runs on every field of every row of a health feed. The forms recognised (`NHSNumberReading`
/// reads them):
/// - digits together or in groups: "9434765919", "943 476 5919", "943-476-5919",
///   "943.476.5919" (dots only as the printed 3-3-4 grouping), spaced with tabs, no-break and
///   other Unicode spaces, dashes or zero-width characters; full-width digits count;
/// - a spreadsheet's number: "9434765919.0" (a fraction of zeros), "9,434,765,919"
///   (thousands separators), "9.434765919E9", "9.434765919e+09" (scientific notation);
/// - zeros in front, as a fixed-width export pads: "0009434765919" (only when what follows
///   them is exactly ten digits, the first not a zero, so a short padded counter is not one);
/// - a leading apostrophe (a spreadsheet's "keep as text" mark), and a leading "NHS" in any
///   case, optionally with "No", "Num" or "Number", then spaces or punctuation:
///   "NHS 9434765919", "nhs:9434765919", "NHS No. 943 476 5919".
/// Anything else means it is not one.
enum NHSNumber {
  /// The longest field worth reading: a prefix, padding zeros and separators around ten
  /// digits; each separator or full-width digit takes at most 3 bytes.
  static let maximumBytes = 96

  /// True when `field` is an NHS number (see the type's description).
  static func matches(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = field.count
    guard count >= 10, count <= maximumBytes else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NHSNumberReading.capacity) {
      var reading = NHSNumberReading(digits: $0)
      var index = numberStart(in: field)
      while index < count {
        guard let next = reading.read(field, at: index) else { return false }
        index = next
      }
      guard let first = reading.firstOfTenDigits else { return false }
      var sum = 0
      for position in 0..<9 {
        sum += Int(reading.digit(first + position)) * (10 - position)
      }
      return isValidCheckDigit(sum: sum, check: Int(reading.digit(first + 9)))
    }
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

  /// Where the number starts: after a leading apostrophe, and after a leading "NHS" (any
  /// case), "No", "Num" or "Number", and the spaces and punctuation that follow them.
  static func numberStart(in field: UnsafeBufferPointer<UInt8>) -> Int {
    var index = field.first == UInt8(ascii: "'") ? 1 : 0
    let start = index
    func skipSpacesAndPunctuation() {
      while index < field.count, prefixPunctuation.contains(field[index]) { index += 1 }
    }
    func skip(word: String) -> Bool {
      let letters = Array(word.utf8)
      guard index + letters.count <= field.count else { return false }
      for (offset, letter) in letters.enumerated() where field[index + offset] | 0x20 != letter {
        return false
      }
      index += letters.count
      return true
    }
    skipSpacesAndPunctuation()
    guard skip(word: "nhs") else { return start }
    skipSpacesAndPunctuation()
    if skip(word: "number") || skip(word: "num") || skip(word: "no") {
      skipSpacesAndPunctuation()
    }
    return index
  }

  /// Spaces and punctuation allowed around the "NHS" prefix ("NHS: ", "NHS No. ", "NHS#").
  private static let prefixPunctuation: Set<UInt8> = Set(" \t.:#-=/_".utf8)
}

/// Dates in a row: the plausibility window, and ages from dates of birth.
extension RecordNormaliser {
  /// A reject when the ISO date (or year-month) `iso` lies outside `window`; compared as text,
  /// which orders ISO dates. A year-month is compared with the window's months.
  static func implausibleDate(
    _ iso: [UInt8], window: (earliest: [UInt8], latest: [UInt8]), field: String, line: Int
  ) -> Reject? {
    let length = min(iso.count, 10)
    let value = iso.prefix(length)
    if value.lexicographicallyPrecedes(window.earliest.prefix(length)) {
      return Reject(
        line: line, field: field, reason: .implausibleDate,
        message:
          "column '\(field)': the date is before \(String(decoding: window.earliest, as: UTF8.self)),"
          + " the earliest this feed accepts (a mistyped year?)")
    }
    if window.latest.prefix(length).lexicographicallyPrecedes(value) {
      return Reject(
        line: line, field: field, reason: .implausibleDate,
        message:
          "column '\(field)': the date is after \(String(decoding: window.latest, as: UTF8.self)),"
          + " the day of delivery plus the days this feed allows (a mistyped year?)")
    }
    return nil
  }

  /// (year, month, day) of an ISO date `YYYY-MM-DD`.
  static func isoDate(_ bytes: [UInt8]) -> (Int, Int, Int)? {
    guard bytes.count >= 10 else { return nil }
    func number(_ range: Range<Int>) -> Int {
      range.reduce(0) { $0 * 10 + Int(bytes[$1] &- UInt8(ascii: "0")) }
    }
    return (number(0..<4), number(5..<7), number(8..<10))
  }

  /// Age in whole years on `at` of someone born on `born` (a birthday on 29 February counts
  /// from 1 March in other years).
  static func age(born: (Int, Int, Int), at: (Int, Int, Int)) -> Int {
    var years = at.0 - born.0
    if (at.1, at.2) < (born.1, born.2) { years -= 1 }
    return years
  }
}

/// Dates in a row: ISO dates read back, and ages from dates of birth (their checks are in
/// `RowValidator`).
extension RecordNormaliser {
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

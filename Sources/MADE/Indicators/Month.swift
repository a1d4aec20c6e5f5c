/// A calendar month as a count of months since year 0, so that months can be stepped and
/// compared; written `yyyy-mm`.
public struct Month: Hashable, Comparable, Sendable {
  public let index: Int

  public init(year: Int, month: Int) { index = year * 12 + (month - 1) }
  init(index: Int) { self.index = index }

  /// `2024-03`, or nil when the text is not a month.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
    else { return nil }
    self.init(year: year, month: month)
  }

  public var year: Int { index / 12 }
  /// 1 for January … 12 for December.
  public var month: Int { index % 12 + 1 }
  public var text: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
  public func adding(_ months: Int) -> Month { Month(index: index + months) }
  public static func < (lhs: Month, rhs: Month) -> Bool { lhs.index < rhs.index }
}

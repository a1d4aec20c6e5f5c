/// The period types MADE publishes.
public enum PeriodType: String, Codable, Sendable, CaseIterable {
  /// A calendar month, `2024-03`.
  case month
  /// A calendar quarter, `2024-Q1` (January to March).
  case quarter
  /// A financial year, April to March, `2024/25`.
  case financialYear = "financial_year"
  /// Twelve months ending with a month, labelled by that month: `2024-03` is April 2023 to
  /// March 2024.
  case rolling12m = "rolling_12m"
}

/// One published period: its type, its label and the months it is summed from.
public struct Period: Hashable, Sendable {
  public let type: PeriodType
  /// The first month for every type but `rolling12m`, whose label is its last month.
  let anchor: Month

  init(type: PeriodType, anchor: Month) {
    self.type = type
    self.anchor = anchor
  }

  /// The period a type and label name (`2024-Q1`, `2024/25`…), or nil when the label is not
  /// one of that type.
  init?(type: PeriodType, label: String) {
    switch type {
    case .month, .rolling12m:
      guard let month = Month(label) else { return nil }
      self.init(type: type, anchor: month)
    case .quarter:
      let parts = label.split(separator: "-")
      guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
        let quarter = Int(parts[1].dropFirst()), parts[1].first == "Q", (1...4).contains(quarter)
      else { return nil }
      self.init(type: type, anchor: Month(year: year, month: quarter * 3 - 2))
    case .financialYear:
      guard label.count == 7, let year = Int(label.prefix(4)) else { return nil }
      self.init(type: type, anchor: Month(year: year, month: 4))
    }
    guard self.label == label else { return nil }
  }

  /// The periods of a type that contain a month.
  static func containing(_ month: Month, type: PeriodType) -> [Period] {
    switch type {
    case .month:
      return [Period(type: .month, anchor: month)]
    case .quarter:
      return [Period(type: .quarter, anchor: month.adding(-((month.month - 1) % 3)))]
    case .financialYear:
      let startYear = month.month >= 4 ? month.year : month.year - 1
      return [Period(type: .financialYear, anchor: Month(year: startYear, month: 4))]
    case .rolling12m:
      return (0..<12).map { Period(type: .rolling12m, anchor: month.adding($0)) }
    }
  }

  /// The months summed, in order.
  public var months: [Month] {
    switch type {
    case .month: return [anchor]
    case .quarter: return (0..<3).map { anchor.adding($0) }
    case .financialYear: return (0..<12).map { anchor.adding($0) }
    case .rolling12m: return (0..<12).map { anchor.adding($0 - 11) }
    }
  }

  /// `2024-03`, `2024-Q1`, `2024/25` or (rolling) `2024-03`.
  public var label: String {
    switch type {
    case .month, .rolling12m:
      return anchor.text
    case .quarter:
      return "\(anchor.year)-Q\((anchor.month - 1) / 3 + 1)"
    case .financialYear:
      let next = (anchor.year + 1) % 100
      return "\(anchor.year)/\(next < 10 ? "0" : "")\(next)"
    }
  }

  /// The period of the same type just before this one.
  public var previous: Period {
    switch type {
    case .month, .rolling12m: return Period(type: type, anchor: anchor.adding(-1))
    case .quarter: return Period(type: type, anchor: anchor.adding(-3))
    case .financialYear: return Period(type: type, anchor: anchor.adding(-12))
    }
  }

  /// The `count` periods of the same type before this one, oldest first: those a trend
  /// reads beside it.
  func earlier(_ count: Int) -> [Period] {
    var periods: [Period] = []
    var period = self
    for _ in 0..<count {
      period = period.previous
      periods.insert(period, at: 0)
    }
    return periods
  }

  /// The year whose mid-year population estimate is used: the calendar year most of the
  /// period's months fall in, the later one on a tie (a rolling July–June year uses the June's).
  public var populationYear: Int {
    var monthsIn: [Int: Int] = [:]
    for month in months { monthsIn[month.year, default: 0] += 1 }
    return monthsIn.max { ($0.value, $0.key) < ($1.value, $1.key) }!.key
  }
}

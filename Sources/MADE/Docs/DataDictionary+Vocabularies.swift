/// The coded values of `indicator_values` and the meaning of each, and the words for an
/// indicator's method, polarity and suppression.
extension DataDictionary {
  /// The coded columns of `indicator_values`. Values come from the code that produces them:
  /// `GeoType` and `PeriodType` list theirs; `Statistics.compare`, `compareTwoLevel` and
  /// `trend` are asked (their results are not `CaseIterable`).
  static func indicatorValueVocabularies() -> [Vocabulary] {
    [
      Vocabulary(
        column: "geo_type",
        description: "The level of geography of the area `geo_code` names.",
        terms: GeoType.allCases.map { Vocabulary.Term(value: $0.rawValue, meaning: meaning($0)) }),
      Vocabulary(
        column: "period_type",
        description: "The kind of period; `period` is its label. Only complete periods are "
          + "published.",
        terms: PeriodType.allCases.map {
          Vocabulary.Term(value: $0.rawValue, meaning: meaning($0))
        }),
      Vocabulary(
        column: "comparison",
        description: "The value compared with the county's for the same period (the "
          + "benchmark), by whether the benchmark lies inside the 95% interval.",
        terms: comparisonValues().map {
          Vocabulary.Term(value: $0.rawValue, meaning: meaning($0))
        }),
      Vocabulary(
        column: "comparison_two_level",
        description: "The comparison at two confidence levels, as Fingertips reports it.",
        terms: twoLevelComparisonValues().map {
          Vocabulary.Term(value: $0, meaning: twoLevelMeaning($0))
        }),
      Vocabulary(
        column: "trend",
        description: "The direction over the last \(Statistics.trendPeriods) periods of the "
          + "same type.",
        terms: trendValues().map { Vocabulary.Term(value: $0.rawValue, meaning: meaning($0)) }),
    ]
  }

  private static let polarities: [Statistics.Polarity] = [.lowIsGood, .highIsGood, .noJudgement]

  /// Every result of `Statistics.compare`: a value of 2 with interval 1…3 against no
  /// benchmark, one inside the interval, one below and one above it.
  static func comparisonValues() -> [Statistics.Comparison] {
    var found: [Statistics.Comparison] = []
    let interval = Statistics.Interval(lower: 1, upper: 3)
    for polarity in polarities {
      for benchmark in [nil, 2, 0, 4] as [Double?] {
        let result = Statistics.compare(
          value: 2, interval: interval, benchmark: benchmark, polarity: polarity)
        if !found.contains(result) { found.append(result) }
      }
    }
    return found
  }

  /// Every result of `Statistics.compareTwoLevel`: benchmarks inside the 95% interval,
  /// between it and the 99.8% one, and outside both, on either side.
  static func twoLevelComparisonValues() -> [String] {
    var found: [String] = []
    let ci95 = Statistics.Interval(lower: 1.5, upper: 2.5)
    let ci998 = Statistics.Interval(lower: 1, upper: 3)
    for polarity in polarities {
      for benchmark in [nil, 2, 1.2, 0, 2.8, 4] as [Double?] {
        let result = Statistics.compareTwoLevel(
          value: 2, ci95: ci95, ci998: ci998, benchmark: benchmark, polarity: polarity)
        if !found.contains(result) { found.append(result) }
      }
    }
    return found
  }

  /// Every result of `Statistics.trend`: rising, falling and flat runs, and a short one.
  static func trendValues() -> [Statistics.Trend] {
    func run(_ values: [Double]) -> [Statistics.Estimate?] {
      values.map {
        Statistics.Estimate(
          value: $0, ci95: .init(lower: $0 - 1, upper: $0 + 1),
          ci998: .init(lower: $0 - 2, upper: $0 + 2), method: "Exact")
      }
    }
    let periods = Statistics.trendPeriods
    let rising = (0..<periods).map { Double($0) * 10 }
    let runs = [run(rising), run(rising.reversed()), run(Array(repeating: 5, count: periods)), []]
    var found: [Statistics.Trend] = []
    for estimates in runs {
      let result = Statistics.trend(estimates)
      if !found.contains(result) { found.append(result) }
    }
    return found
  }

  static func meaning(_ type: GeoType) -> String {
    switch type {
    case .ward:
      return "An electoral ward of the area (`ref_wards`); `geo_code` is its ONS code."
    case .lad:
      return "A local authority district of the area (made.toml `[area]`); `geo_code` is its "
        + "ONS code."
    case .csp:
      return "A community safety partnership, a group of the area's districts (made.toml "
        + "`[[csp]]`); `geo_code` is its code."
    case .county:
      return "The whole area: its wards plus the records that could not be placed; "
        + "`geo_code` is `county`. Every other level's benchmark."
    }
  }

  static func meaning(_ type: PeriodType) -> String {
    let text: String
    switch type {
    case .month: text = "A calendar month."
    case .quarter: text = "A calendar quarter, Q1 being January to March."
    case .financialYear: text = "A financial year, April to March."
    case .rolling12m: text = "Twelve months, labelled by the last of them."
    }
    // An example from the code that labels periods: the period of this type ending March 2024.
    let period = Period.containing(Month(year: 2024, month: 3), type: type).first {
      $0.months.last == Month(year: 2024, month: 3)
    }
    guard let period, let first = period.months.first, let last = period.months.last else {
      return text
    }
    if first == last { return text + " For example `\(period.label)`." }
    return text + " `\(period.label)` is \(first.text) to \(last.text)."
  }

  static func meaning(_ comparison: Statistics.Comparison) -> String {
    switch comparison {
    case .notCompared: return "Not compared: no value, no interval or no benchmark."
    case .similar: return "Similar: the benchmark lies inside the interval."
    case .higher, .lower: return headline(comparison) + " (an indicator with no polarity)."
    case .better, .worse: return headline(comparison) + ", given the polarity."
    }
  }

  /// A significant difference in a few words ("Significantly worse than the benchmark").
  static func headline(_ comparison: Statistics.Comparison) -> String {
    switch comparison {
    case .notCompared: return "Not compared"
    case .similar: return "Similar to the benchmark"
    case .higher, .lower, .better, .worse:
      return "Significantly \(comparison.rawValue) than the benchmark"
    }
  }

  /// `worse_95` is `worse` at 95% only; `worse_998` at 99.8% too.
  static func twoLevelMeaning(_ value: String) -> String {
    if let comparison = Statistics.Comparison(rawValue: value) { return meaning(comparison) }
    let levels = [
      ("_95", "at 95% only: the benchmark is outside the 95% interval but inside the 99.8% one"),
      ("_998", "at 99.8%: the benchmark is outside the 99.8% interval too"),
    ]
    for (suffix, level) in levels where value.hasSuffix(suffix) {
      if let comparison = Statistics.Comparison(rawValue: String(value.dropLast(suffix.count))) {
        return headline(comparison) + ", " + level + "."
      }
    }
    return ""
  }

  static func meaning(_ trend: Statistics.Trend) -> String {
    let latest = "The latest period's 95% interval lies wholly"
    switch trend {
    case .increasing: return "\(latest) above the first one's."
    case .decreasing: return "\(latest) below the first one's."
    case .noSignificantChange: return "The two 95% intervals overlap."
    case .notCalculated:
      return "Fewer than \(Statistics.trendPeriods) consecutive periods with an interval."
    }
  }

  static func meaning(_ method: IndicatorDefinition.Method) -> String {
    switch method {
    case .rate:
      return "Records over residents, with exact Poisson limits below 10 records and Byar's "
        + "from 10, at 95% and 99.8%."
    case .proportion:
      return "Records meeting a condition over records, with Wilson score limits."
    case .harm: return "A sum of harm weights over residents; no limits."
    case .count:
      return "Partner types with an indicator significantly worse than the county."
    }
  }

  static func meaning(_ polarity: Statistics.Polarity) -> String {
    switch polarity {
    case .lowIsGood: return "Lower is better."
    case .highIsGood: return "Higher is better."
    case .noJudgement: return "Higher or lower, without judgement."
    }
  }

  static func meaning(_ suppression: IndicatorDefinition.Suppression) -> String {
    switch suppression {
    case .primarySecondary:
      return "Small counts, and the values they could be worked out from, are withheld when "
        + "published."
    case .nhs: return "NHS small-number rules apply when published."
    case .none: return "Published as computed."
    }
  }
}

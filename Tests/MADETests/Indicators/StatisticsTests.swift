import Foundation
import Testing

@testable import MADE

/// Checks `Statistics` against PHEindicatormethods v2.1.0's own test sheets (to 1e-9 relative)
/// and against the worked values in docs/methods.md (given to 6 significant figures).
struct StatisticsTests {
  typealias Interval = Statistics.Interval

  // MARK: - PHEindicatormethods sheets

  @Test func crudeRateMatchesThePHEIndicatorMethodsSheet() throws {
    let rows = try Self.fixture("pheim/rate.csv")
    #expect(rows.count == 17)
    for row in rows {
      let estimate = try #require(
        Statistics.crudeRate(
          observed: try row.integer("numerator"), population: try row.number("denominator"),
          multiplier: try row.number("multiplier")))
      try Self.expect(estimate.value, matches: row, column: "value")
      try Self.expect(estimate.ci95, matches: row, columns: "lower95", "upper95")
      try Self.expect(estimate.ci998, matches: row, columns: "lower998", "upper998")
      #expect(estimate.method == row["method"], "line \(row.line)")
    }
  }

  @Test func crudeRateMatchesTheGroupedSheet() throws {
    let rows = try Self.fixture("pheim/rate-g.csv")
    #expect(rows.count == 9)
    for row in rows {
      let estimate = try #require(
        Statistics.crudeRate(
          observed: try row.integer("numerator"), population: try row.number("denominator"),
          multiplier: try row.number("multiplier")))
      try Self.expect(estimate.value, matches: row, column: "value")
      try Self.expect(
        try Self.interval(of: estimate, at: row.number("confidence")), matches: row,
        columns: "lower", "upper")
      #expect(estimate.method == row["method"], "line \(row.line)")
    }
  }

  @Test func proportionMatchesThePHEIndicatorMethodsSheet() throws {
    let rows = try Self.fixture("pheim/proportion.csv")
    #expect(rows.count == 16)
    for row in rows {
      let estimate = try #require(
        Statistics.wilsonProportion(
          successes: try row.integer("numerator"), trials: try row.integer("denominator"),
          multiplier: try row.number("multiplier")))
      try Self.expect(estimate.value, matches: row, column: "value")
      try Self.expect(estimate.ci95, matches: row, columns: "lower95", "upper95")
      try Self.expect(estimate.ci998, matches: row, columns: "lower998", "upper998")
      #expect(estimate.method == "Wilson")
    }
  }

  @Test func proportionMatchesTheGroupedSheet() throws {
    let rows = try Self.fixture("pheim/proportion-g.csv")
    #expect(rows.count == 8)
    for row in rows {
      let estimate = try #require(
        Statistics.wilsonProportion(
          successes: try row.integer("numerator"), trials: try row.integer("denominator"),
          multiplier: try row.number("multiplier")))
      try Self.expect(estimate.value, matches: row, column: "value")
      try Self.expect(
        try Self.interval(of: estimate, at: row.number("confidence")), matches: row,
        columns: "lower", "upper")
    }
  }

  @Test func byarsAndWilsonLimitsMatchThePHEIndicatorMethodsSheet() throws {
    let rows = try Self.fixture("pheim/byars-wilson.csv")
    #expect(rows.count == 13)
    for row in rows {
      let x = try row.number("x")
      let confidence = try row.number("confidence")
      switch row["method"] {
      case "Byars":
        let lower = Statistics.byarsLower(observed: x, confidence: confidence)
        if row.optionalNumber("lower") == nil {
          // R's byars_lower reports a negative limit as NA.
          #expect(lower < 0, "line \(row.line): Byar's lower limit \(lower)")
        } else {
          try Self.expect(lower, matches: row, column: "lower")
        }
        let upper = Statistics.byarsUpper(observed: x, confidence: confidence)
        try Self.expect(upper, matches: row, column: "upper")
      case "Wilson":
        let limits = Statistics.wilsonLimits(
          successes: x, trials: try row.number("n"), confidence: confidence)
        try Self.expect(limits, matches: row, columns: "lower", "upper")
      default:
        Issue.record("line \(row.line): unknown method \(row["method"] ?? "")")
      }
    }
  }

  // MARK: - Worked values in docs/methods.md

  @Test func zMatchesR() {
    #expect(Self.isClose(Statistics.z(confidence: 0.95), 1.959963984540054, relative: 1e-15))
    #expect(Self.isClose(Statistics.z(confidence: 0.998), 3.090232306167813, relative: 1e-15))
    #expect(Self.isClose(Statistics.normalQuantile(0.5), 0))
    #expect(Self.isClose(Statistics.normalQuantile(0.025), -1.959963984540054, relative: 1e-15))
    #expect(Statistics.normalQuantile(0) == -.infinity)
    #expect(Statistics.normalQuantile(1) == .infinity)
  }

  @Test func gammaQuantileMatchesClosedForms() {
    // Shape 1 is the exponential distribution: the quantile is −log(1 − p).
    for p in [0.001, 0.025, 0.5, 0.975, 0.999] {
      let expected = -log1p(-p)
      #expect(
        Self.isClose(Statistics.gammaQuantile(probability: p, shape: 1), expected, relative: 1e-13))
    }
    // qchisq(0.975, 2) = −2 log(0.025).
    #expect(
      Self.isClose(
        Statistics.chiSquaredQuantile(probability: 0.975, degreesOfFreedom: 2), -2 * log(0.025),
        relative: 1e-13))
    #expect(Statistics.chiSquaredQuantile(probability: 0.025, degreesOfFreedom: 0) == 0)
  }

  @Test func crudeRateMatchesTheWorkedValuesInMethods() throws {
    func rate(_ observed: Int) throws -> Statistics.Estimate {
      try #require(Statistics.crudeRate(observed: observed, population: 5_000, multiplier: 100_000))
    }
    let none = try rate(0)
    #expect(none.value == 0)
    #expect(none.ci95.lower == 0)
    #expect(Self.isClose(none.ci95.upper, 73.7776, relative: 1e-5))
    #expect(none.method == "Exact")

    let one = try rate(1)
    #expect(Self.isClose(one.value, 20))
    #expect(Self.isClose(one.ci95, Interval(lower: 0.506356, upper: 111.433), relative: 1e-5))

    let five = try rate(5)
    #expect(Self.isClose(five.value, 100))
    #expect(Self.isClose(five.ci95, Interval(lower: 32.4697, upper: 233.367), relative: 1e-5))
    #expect(Self.isClose(five.ci998, Interval(lower: 14.7874, upper: 329.095), relative: 1e-5))
    #expect(five.method == "Exact")

    let ten = try rate(10)
    #expect(Self.isClose(ten.value, 200))
    #expect(Self.isClose(ten.ci95, Interval(lower: 95.7490, upper: 367.829), relative: 1e-5))
    #expect(ten.method == "Byars")
  }

  @Test func wilsonProportionMatchesTheWorkedValuesInMethods() throws {
    let common = try #require(
      Statistics.wilsonProportion(successes: 37, trials: 250, multiplier: 100))
    #expect(Self.isClose(common.value, 14.8))
    #expect(Self.isClose(common.ci95, Interval(lower: 10.9320, upper: 19.7334), relative: 1e-5))
    #expect(common.method == "Wilson")

    let rare = try #require(Statistics.wilsonProportion(successes: 1, trials: 20, multiplier: 100))
    #expect(Self.isClose(rare.value, 5))
    #expect(Self.isClose(rare.ci95, Interval(lower: 0.888145, upper: 23.6131), relative: 1e-5))
  }

  @Test func wilsonLimitsAreExactAtNoneAndAll() throws {
    for trials in [1, 7, 20, 250, 12_345, 7_564_336_677] {
      let none = try #require(
        Statistics.wilsonProportion(successes: 0, trials: trials, multiplier: 100))
      #expect(none.ci95.lower == 0)
      #expect(none.ci998.lower == 0)
      let all = try #require(
        Statistics.wilsonProportion(successes: trials, trials: trials, multiplier: 100))
      #expect(all.ci95.upper == 100)
      #expect(all.ci998.upper == 100)
      #expect(all.value == 100)
    }
  }

  @Test func comparisonMatchesTheWorkedExampleInMethods() throws {
    let rate = try #require(
      Statistics.crudeRate(observed: 60, population: 4_000, multiplier: 1_000))
    #expect(Self.isClose(rate.value, 15))
    #expect(Self.isClose(rate.ci95, Interval(lower: 11.4459, upper: 19.3083), relative: 1e-5))

    func compared(with benchmark: Double) -> Statistics.Comparison {
      Statistics.compare(
        value: rate.value, interval: rate.ci95, benchmark: benchmark, polarity: .lowIsGood)
    }
    #expect(compared(with: 12) == .similar)
    #expect(compared(with: 10) == .worse)
    #expect(compared(with: 21) == .better)
  }

  // MARK: - Invalid inputs

  @Test func crudeRateRejectsANegativeCountOrANonPositivePopulation() {
    #expect(Statistics.crudeRate(observed: -1, population: 100, multiplier: 1_000) == nil)
    #expect(Statistics.crudeRate(observed: 5, population: 0, multiplier: 1_000) == nil)
    #expect(Statistics.crudeRate(observed: 5, population: -100, multiplier: 1_000) == nil)
    #expect(Statistics.crudeRate(observed: 5, population: .nan, multiplier: 1_000) == nil)
  }

  @Test func wilsonProportionRejectsImpossibleCounts() {
    #expect(Statistics.wilsonProportion(successes: -1, trials: 10, multiplier: 100) == nil)
    #expect(Statistics.wilsonProportion(successes: 0, trials: 0, multiplier: 100) == nil)
    #expect(Statistics.wilsonProportion(successes: 1, trials: -10, multiplier: 100) == nil)
    #expect(Statistics.wilsonProportion(successes: 11, trials: 10, multiplier: 100) == nil)
  }

  // MARK: - Comparison

  @Test func comparisonMapsHigherAndLowerThroughPolarity() {
    let interval = Interval(lower: 11, upper: 19)
    func outcome(_ benchmark: Double, _ polarity: Statistics.Polarity) -> Statistics.Comparison {
      Statistics.compare(value: 15, interval: interval, benchmark: benchmark, polarity: polarity)
    }
    #expect(outcome(10, .lowIsGood) == .worse)
    #expect(outcome(20, .lowIsGood) == .better)
    #expect(outcome(10, .highIsGood) == .better)
    #expect(outcome(20, .highIsGood) == .worse)
    #expect(outcome(10, .noJudgement) == .higher)
    #expect(outcome(20, .noJudgement) == .lower)
    for polarity in [Statistics.Polarity.lowIsGood, .highIsGood, .noJudgement] {
      #expect(outcome(15, polarity) == .similar)
    }
  }

  @Test func comparisonIncludesTheIntervalLimits() {
    let interval = Interval(lower: 11, upper: 19)
    #expect(
      Statistics.compare(value: 15, interval: interval, benchmark: 11, polarity: .lowIsGood)
        == .similar)
    #expect(
      Statistics.compare(value: 15, interval: interval, benchmark: 19, polarity: .lowIsGood)
        == .similar)
    #expect(
      Statistics.compare(
        value: 15, interval: interval, benchmark: 19.000000001, polarity: .lowIsGood) == .better)
  }

  @Test func comparisonNeedsAValueAnIntervalAndABenchmark() {
    let interval = Interval(lower: 11, upper: 19)
    #expect(
      Statistics.compare(value: nil, interval: interval, benchmark: 10, polarity: .lowIsGood)
        == .notCompared)
    #expect(
      Statistics.compare(value: 15, interval: nil, benchmark: 10, polarity: .lowIsGood)
        == .notCompared)
    #expect(
      Statistics.compare(value: 15, interval: interval, benchmark: nil, polarity: .lowIsGood)
        == .notCompared)
    #expect(
      Statistics.compare(value: .nan, interval: interval, benchmark: 10, polarity: .lowIsGood)
        == .notCompared)
  }

  @Test func polarityAndComparisonUseSnakeCaseNames() {
    #expect(Statistics.Polarity(rawValue: "low_is_good") == .lowIsGood)
    #expect(Statistics.Polarity(rawValue: "high_is_good") == .highIsGood)
    #expect(Statistics.Polarity(rawValue: "no_judgement") == .noJudgement)
    let names: [Statistics.Comparison: String] = [
      .notCompared: "not_compared", .similar: "similar", .higher: "higher", .lower: "lower",
      .better: "better", .worse: "worse",
    ]
    for (comparison, name) in names {
      #expect(comparison.rawValue == name)
    }
  }

  // MARK: - Helpers

  /// One data row of a fixture CSV, with its line number as an editor counts it.
  struct Row {
    let line: Int
    let fields: [String: String]

    subscript(column: String) -> String? { fields[column] }

    /// The number in `column`, or nil when the field is empty (R's NA).
    func optionalNumber(_ column: String) -> Double? {
      guard let text = fields[column], !text.isEmpty else { return nil }
      return Double(text)
    }

    func number(_ column: String) throws -> Double {
      try #require(optionalNumber(column), "line \(line), column '\(column)'")
    }

    func integer(_ column: String) throws -> Int {
      try #require(Int(fields[column] ?? ""), "line \(line), column '\(column)'")
    }
  }

  /// Rows of a fixture under `Fixtures/`, read simply: no quoted fields.
  static func fixture(_ path: String) throws -> [Row] {
    let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
    var rows: [Row] = []
    for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(fields.count == header.count, "\(path) line \(index + 1)")
      rows.append(
        Row(line: index + 1, fields: Dictionary(uniqueKeysWithValues: zip(header, fields))))
    }
    return rows
  }

  /// The interval of `estimate` at a confidence level of 0.95 or 0.998.
  static func interval(of estimate: Statistics.Estimate, at confidence: Double) throws -> Interval {
    switch confidence {
    case Statistics.confidence95: return estimate.ci95
    case Statistics.confidence998: return estimate.ci998
    default: throw FixtureError(message: "unexpected confidence level \(confidence)")
    }
  }

  struct FixtureError: Error {
    let message: String
  }

  /// Within `relative` of `expected`, or within 1e-12 when `expected` is that close to zero.
  static func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
    if abs(expected) < 1e-12 { return abs(actual - expected) <= 1e-12 }
    return abs(actual - expected) <= relative * abs(expected)
  }

  static func isClose(_ actual: Interval, _ expected: Interval, relative: Double = 1e-9) -> Bool {
    isClose(actual.lower, expected.lower, relative: relative)
      && isClose(actual.upper, expected.upper, relative: relative)
  }

  static func expect(_ actual: Double, matches row: Row, column: String) throws {
    let expected = try row.number(column)
    #expect(
      isClose(actual, expected), "line \(row.line), \(column): \(actual), expected \(expected)")
  }

  static func expect(
    _ actual: Interval, matches row: Row, columns lower: String, _ upper: String
  ) throws {
    try expect(actual.lower, matches: row, column: lower)
    try expect(actual.upper, matches: row, column: upper)
  }
}

/// The two-level comparison and the five-period trend rule.
@Suite struct ComparisonAndTrendTests {
  let interval95 = Statistics.Interval(lower: 11.4459, upper: 19.3083)
  let interval998 = Statistics.Interval(lower: 9.5, upper: 22.0)

  func twoLevel(_ benchmark: Double, _ polarity: Statistics.Polarity = .lowIsGood) -> String {
    Statistics.compareTwoLevel(
      value: 15, ci95: interval95, ci998: interval998, benchmark: benchmark, polarity: polarity)
  }

  @Test func twoLevelsSeparate95From998() {
    #expect(twoLevel(12) == "similar")
    #expect(twoLevel(10) == "worse_95")  // outside 95%, inside 99.8%
    #expect(twoLevel(9) == "worse_998")
    #expect(twoLevel(21) == "better_95")
    #expect(twoLevel(23) == "better_998")
    #expect(twoLevel(9, .noJudgement) == "higher_998")
    #expect(twoLevel(9, .highIsGood) == "better_998")
    #expect(
      Statistics.compareTwoLevel(
        value: nil, ci95: nil, ci998: nil, benchmark: 9, polarity: .lowIsGood) == "not_compared")
  }

  func estimate(_ lower: Double, _ upper: Double) -> Statistics.Estimate {
    let interval = Statistics.Interval(lower: lower, upper: upper)
    return Statistics.Estimate(
      value: (lower + upper) / 2, ci95: interval, ci998: interval, method: "Byars")
  }

  @Test func aTrendNeedsFivePeriodsAndIntervalsThatDoNotOverlap() {
    let low = estimate(1, 2)
    let middle = estimate(1.5, 3)
    let high = estimate(2.5, 4)
    #expect(Statistics.trend([low, middle, middle, middle, high]) == .increasing)
    #expect(Statistics.trend([high, middle, middle, middle, low]) == .decreasing)
    #expect(Statistics.trend([low, high, high, high, middle]) == .noSignificantChange)
    #expect(Statistics.trend([middle, middle, middle, high]) == .notCalculated)
    #expect(Statistics.trend([low, nil, middle, middle, high]) == .notCalculated)
  }
}

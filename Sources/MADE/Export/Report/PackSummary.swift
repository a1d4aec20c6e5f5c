/// The summary at the top of `report.html`: three to six plain sentences, each stating
/// figures of the pack and nothing else.
///
/// Every sentence carries the facts it states, so that a test can hold each one against the
/// pack's rows: a sentence may not say what the numbers do not show.
struct PackSummary: Equatable {
  struct Sentence: Equatable {
    /// HTML: names escaped, numbers formatted as the report formats them.
    var html: String
    var facts: [Fact]
  }

  /// One checkable statement about the pack's rows of its period type.
  enum Fact: Equatable {
    /// The row of an indicator for an area in a period has this comparison (`Verdict`
    /// label, e.g. "Worse") and value, and the county this value (nil: not shown).
    case comparison(
      indicatorID: String, area: Pack.Area, period: String, verdict: String, value: Double,
      county: Double?)
    /// So many of the indicators compared for an area in a period have this comparison.
    case tally(area: Pack.Area, period: String, verdict: String, count: Int, of: Int)
    /// So many of the pack's children are worse than the county on at least one indicator.
    case childrenWorse(period: String, count: Int, of: Int)
    /// An indicator's trend for an area, with the values at both ends of the five periods.
    case trend(
      indicatorID: String, area: Pack.Area, trend: String, from: String, fromValue: Double,
      to: String, toValue: Double)
    /// No indicator of the area has a significant trend in the period, and at least one
    /// trend is calculated.
    case noChange(area: Pack.Area, period: String)
    /// No trend is calculated for the area in the period (every one `not_calculated`), and
    /// the area has values for this many periods of the type.
    case noTrend(area: Pack.Area, period: String, periodsWithValues: Int)
    /// An indicator's published values in consecutive periods, each above (`rising`) or
    /// below the one before.
    case run(
      indicatorID: String, area: Pack.Area, periods: [String], values: [Double], rising: Bool)
    /// So many children have a hotspot value of at least `minimum`, of so many with one.
    case hotspots(period: String, count: Int, of: Int, minimum: Int)
    /// A child's hotspot value.
    case hotspot(area: Pack.Area, period: String, value: Int)
    /// So many of the pack's figures for its period (values of every area) are withheld.
    case withheld(period: String, count: Int, of: Int)
  }

  var sentences: [Sentence]
}

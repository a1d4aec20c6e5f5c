/// The rows an aggregation works with: monthly cells counted from record tables, and the
/// published values built from them.
extension Aggregator {
  /// One row of `indicator_values`.
  struct Value: Equatable {
    var indicatorID: String
    var geoType: GeoType
    var geoCode: String
    var periodType: PeriodType
    var period: String
    /// Records counted (nil where the value is not a count of records, as the hotspot's).
    var records: Int?
    var numerator, denominator, value: Double?
    var ci95, ci998: Statistics.Interval?
    var method: String?
    /// The county value compared with, and how this one compares (`Statistics.Comparison`).
    var benchmark: Double?
    var comparison, comparisonTwoLevel: String
    var populationYear: Int?
    var previousValue, change: Double?
    var trend: String
    /// Withheld from packs by the indicator's disclosure policy (`Disclosure`).
    var suppressed = false
    /// The comparison rests on a withheld cell: this one or the county's (`Disclosure`).
    var comparisonWithheld = false
    /// The trend, previous value or change reads a withheld cell: this one or an earlier
    /// period of the same area (`Disclosure`).
    var trendWithheld = false

    var key: Key {
      Key(
        indicatorID: indicatorID, geoType: geoType.rawValue, geoCode: geoCode,
        periodType: periodType.rawValue, period: period)
    }

    struct Key: Hashable {
      var indicatorID, geoType, geoCode, periodType, period: String
    }
  }

  /// Monthly counts of one indicator in one ward (or district only, or unplaced).
  struct Cell {
    var indicatorID, month: String
    /// The district ("" for unplaced records) and the ward ("" when the record has no ward
    /// of the area).
    var ladCode, wardCode: String
    var records: Int
    var numerator: Double
    var denominator: Double?
  }
}

extension Aggregator.Value {
  var estimate: Statistics.Estimate? {
    guard let value, let ci95, let ci998, let method else { return nil }
    return Statistics.Estimate(value: value, ci95: ci95, ci998: ci998, method: method)
  }

  mutating func set(_ estimate: Statistics.Estimate) {
    value = estimate.value
    ci95 = estimate.ci95
    ci998 = estimate.ci998
    method = estimate.method
  }

  /// Compares with the county row of the same period (never the county with itself).
  mutating func compare(with county: Self, polarity: Statistics.Polarity) {
    benchmark = county.value
    comparison =
      Statistics.compare(value: value, interval: ci95, benchmark: benchmark, polarity: polarity)
      .rawValue
    comparisonTwoLevel = Statistics.compareTwoLevel(
      value: value, ci95: ci95, ci998: ci998, benchmark: benchmark, polarity: polarity)
  }
}

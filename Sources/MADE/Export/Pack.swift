/// Everything one indicator pack publishes, after disclosure control: the CSVs, the data
/// package and the report are all written from this and nothing else, so a suppressed value
/// cannot reach any of them.
public struct Pack: Sendable {
  /// One area a pack is about, or lists.
  public struct Area: Sendable, Equatable {
    public var geoType: GeoType
    public var geoCode: String
    public var geoName: String

    public init(geoType: GeoType, geoCode: String, geoName: String) {
      self.geoType = geoType
      self.geoCode = geoCode
      self.geoName = geoName
    }
  }

  /// A published number: a value, the suppression symbol, or nothing (no value exists).
  public enum Cell: Sendable, Equatable {
    case number(Double)
    case suppressed
    case missing

    /// The GSS symbol for a value withheld to protect confidentiality.
    public static let symbol = "c"

    public var number: Double? {
      if case .number(let value) = self { return value }
      return nil
    }
  }

  /// One row of `indicators.csv`.
  public struct Row: Sendable, Equatable {
    public var indicatorID: String
    public var indicatorTitle: String
    public var area: Area
    public var periodType: PeriodType
    public var period: String
    public var numerator: Cell
    public var denominator: Cell
    public var value: Cell
    public var lower95: Cell
    public var upper95: Cell
    public var lower998: Cell
    public var upper998: Cell
    /// `better`, `similar`, `worse`, `higher`, `lower` or `not_compared` (always
    /// `not_compared` when the value is suppressed).
    public var comparison: String
    /// `increasing`, `decreasing`, `no_significant_change` or `not_calculated`.
    public var trend: String
    public var suppressed: Bool
  }

  /// A partner feed behind the pack, and its latest delivery.
  public struct Source: Sendable, Equatable {
    public var feed: String
    public var title: String
    /// Date (yyyy-mm-dd) the latest file of the feed was received.
    public var lastDelivered: String
    /// The first and last month (yyyy-mm) of the feed's records.
    public var firstMonth: String
    public var lastMonth: String
  }

  /// The area the pack is for.
  public var area: Area
  /// Its parent benchmark: the county.
  public var county: Area
  /// The areas listed beside it: its wards (district or partnership pack) or districts
  /// (county pack), in code order.
  public var children: [Area]
  public var periodType: PeriodType
  /// The pack's period label, e.g. `2024/25` or `2025-Q1`.
  public var period: String
  /// The name of the VRN area (made.toml).
  public var vrnName: String
  /// When the data was last loaded (ISO 8601, UTC): the pack's `created`, so that exporting the
  /// same warehouse again gives the same bytes.
  public var created: String
  /// made.toml `[export] licence`, or nil when the operator has not set one.
  public var licence: String?
  /// Counts from 1 to this are suppressed under the primary/secondary policy.
  public var suppressionThreshold: Int
  public var indicators: [IndicatorDefinition]
  /// Rows for the pack's area, its children and the county, for the pack's period and every
  /// earlier period of its type (the trend charts' data), sorted by indicator (catalogue
  /// order), period, geography level and code.
  public var rows: [Row]
  public var sources: [Source]
  /// The outlines of the children the report maps, or nil when none has a stored boundary.
  var map: PackMap? = nil
}

import Foundation

/// One indicator from `Schemas/indicators.json`: what to count, over what, how, where and when.
///
/// Adding an indicator is an entry there plus its test, not new Swift code. The ids are a
/// contract: packs, views and analysts' queries use them.
public struct IndicatorDefinition: Codable, Sendable {
  /// How the value is worked out (docs/methods.md § "Crude rate", § "Proportion", § "Harm").
  public enum Method: String, Codable, Sendable, CaseIterable {
    /// Records over residents: a crude rate with exact Poisson / Byar's limits.
    case rate
    /// Records meeting a condition over records: Wilson score limits.
    case proportion
    /// A sum of weights over residents: a value without limits.
    case harm
    /// Partner types with an indicator significantly worse than the county: 0 to 4.
    case count
  }

  /// The small-number rule a pack applies before publishing (docs/methods.md).
  public enum Suppression: String, Codable, Sendable, CaseIterable {
    case primarySecondary = "primary_secondary"
    case nhs
    case none
  }

  /// What is counted.
  public struct Numerator: Codable, Sendable {
    public var description: String
    /// The record table counted.
    public var table: String
    /// An SQL condition on the record table's columns choosing the records counted.
    public var filter: String?
    /// An SQL expression summed over the chosen records (harm weights); the number of records
    /// is kept beside it.
    public var sum: String?
    /// A column holding a school URN: the records are placed at the school's postcode
    /// (`v_school_places`) instead of by their own geography.
    public var placeBySchool: String?
  }

  /// What it is counted over.
  public struct Denominator: Codable, Sendable {
    public var description: String
    /// Residents aged `ageFrom`…`ageTo` (90 means 90 and over): rates and harm.
    public var ageFrom: Int?
    public var ageTo: Int?
    /// For a proportion, the records of the numerator's table that form the denominator (all
    /// of them when absent). The numerator's records must be among them.
    public var recordsFilter: String?
  }

  /// What v_ward_profile adds to an indicator's id for its limits and its withheld flag.
  static let profileSuffixes = ["_lower_95", "_upper_95", "_suppressed"]
  /// v_ward_profile's columns that are not an indicator's.
  static let wardProfileFixedNames = Set(Warehouse.wardProfileFixedColumns.map(\.name))

  public var id: String
  public var title: String
  /// The plain-English definition shipped in packs.
  public var definition: String
  /// `police`, `health`, `youth-justice` or `education`: the partner type the multi-agency
  /// hotspot counts it under (`multi-agency` for the hotspot itself).
  public var partnerType: String
  public var sourceFeeds: [String]
  public var method: Method
  public var numerator: Numerator?
  public var denominator: Denominator?
  /// Values are per `multiplier` (1,000 residents, 100 for a percentage).
  public var multiplier: Double?
  public var polarity: Statistics.Polarity
  public var suppression: Suppression
  public var geographies: [GeoType]
  public var periods: [PeriodType]

  /// The partner types the multi-agency hotspot counts.
  public static let hotspotPartnerTypes = ["police", "health", "youth-justice", "education"]
}

/// The indicator catalogue, in catalogue order.
public struct IndicatorCatalog: Codable, Sendable {
  public var indicators: [IndicatorDefinition]

  /// The catalogue compiled into the binary.
  public static func builtIn() throws -> IndicatorCatalog {
    try decode(Data(PackageResources.indicators_json), source: "Schemas/indicators.json")
  }

  /// A catalogue from JSON, checked.
  public static func decode(_ data: Data, source: String) throws -> IndicatorCatalog {
    do {
      let catalog = try JSONDecoder().decode(IndicatorCatalog.self, from: data)
      try catalog.check(source: source)
      return catalog
    } catch let error as ConfigurationError {
      throw error
    } catch {
      throw ConfigurationError("\(source) is not valid: \(error)")
    }
  }

  func check(source: String) throws {
    let ids = indicators.map(\.id)
    guard Set(ids).count == ids.count else {
      throw ConfigurationError("\(source): two indicators share an id")
    }
    // v_ward_profile names four columns after each id (`Warehouse.createWardProfileView`)
    // beside its fixed ones: SQLite would rename a clash (`period:1`) rather than refuse it.
    let profileColumns = ids.flatMap { id in IndicatorDefinition.profileSuffixes.map { id + $0 } }
    if let clash = ids.first(where: { Set(profileColumns).contains($0) }) {
      throw ConfigurationError(
        "\(source): indicator \(clash): an id may not be another's followed by "
          + IndicatorDefinition.profileSuffixes.map { "`\($0)`" }.joined(separator: ", ")
          + " (v_ward_profile's columns for it)")
    }
    if let clash = ids.first(where: IndicatorDefinition.wardProfileFixedNames.contains) {
      throw ConfigurationError(
        "\(source): indicator \(clash): an id may not be one of v_ward_profile's own columns "
          + "(\(IndicatorDefinition.wardProfileFixedNames.sorted().joined(separator: ", ")))")
    }
    for indicator in indicators {
      func fail(_ message: String) -> ConfigurationError {
        ConfigurationError("\(source): indicator \(indicator.id): \(message)")
      }
      // The id becomes a column of v_ward_profile; the table and school column are written
      // into the aggregation's SQL: all three are plain identifiers, never SQL.
      guard SchemaNames.isIdentifier(indicator.id) else {
        throw fail("ids are \(SchemaNames.identifierRule)")
      }
      guard !indicator.geographies.isEmpty, !indicator.periods.isEmpty else {
        throw fail("list at least one geography and one period type")
      }
      switch indicator.method {
      case .count:
        guard indicator.numerator == nil, indicator.denominator == nil,
          indicator.polarity == .noJudgement, indicator.suppression == .none,
          !indicator.geographies.contains(.county)
        else {
          throw fail(
            "a count (the multi-agency hotspot) has no numerator or denominator, polarity "
              + "no_judgement, suppression none, and no county level (the county is the "
              + "benchmark)")
        }
      case .rate, .harm, .proportion:
        guard let numerator = indicator.numerator, let denominator = indicator.denominator,
          let multiplier = indicator.multiplier, multiplier > 0
        else { throw fail("needs a numerator, a denominator and a positive multiplier") }
        guard indicator.geographies.contains(.county) else {
          throw fail("needs the county level: it is every other level's benchmark")
        }
        guard SchemaNames.isIdentifier(numerator.table) else {
          throw fail(
            "numerator table \(SchemaNames.quoted(numerator.table)) is not a table name ("
              + "\(SchemaNames.identifierRule))")
        }
        if let school = numerator.placeBySchool, !SchemaNames.isIdentifier(school) {
          throw fail(
            "numerator placeBySchool \(SchemaNames.quoted(school)) is not a column name ("
              + "\(SchemaNames.identifierRule))")
        }
        if indicator.method == .harm, numerator.sum == nil {
          throw fail("a harm indicator needs numerator.sum, the weight summed")
        }
        if indicator.method != .harm, numerator.sum != nil {
          throw fail("numerator.sum is for harm indicators only")
        }
        if indicator.method == .proportion {
          guard denominator.ageFrom == nil, denominator.ageTo == nil else {
            throw fail("a proportion's denominator is records (recordsFilter), not residents")
          }
        } else {
          guard let from = denominator.ageFrom, let to = denominator.ageTo,
            (0...90).contains(from), from <= to, to <= 90
          else { throw fail("denominator ageFrom…ageTo must be within 0…90") }
          guard denominator.recordsFilter == nil else {
            throw fail("recordsFilter is for proportions only")
          }
        }
      }
    }
  }
}

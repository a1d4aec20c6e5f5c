import Foundation

/// One indicator from `Schemas/indicators.json`: what to count, over what, how.
///
/// Adding an indicator is an entry there plus its test, not new Swift code.
public struct IndicatorDefinition: Codable, Sendable {
  public var id: String
  public var title: String
  public var definition: String
  public var sourceFeeds: [String]
  /// The record table counted.
  public var table: String
  /// An SQL condition on the record table's columns choosing the records counted.
  public var filter: String?
  public var numerator: String
  public var denominator: String
  /// Residents aged `ageFrom`…`ageTo` (90 means 90 and over) are the denominator.
  public var ageFrom: Int
  public var ageTo: Int
  public var multiplier: Double
  /// `rate` (crude rate, exact Poisson / Byar's limits).
  public var method: String
  public var polarity: Statistics.Polarity
  public var suppression: String
  public var geographies: [String]
  public var periods: [String]
}

/// The indicator catalogue.
public struct IndicatorCatalog: Codable, Sendable {
  public var indicators: [IndicatorDefinition]

  /// The catalogue compiled into the binary.
  public static func builtIn() throws -> IndicatorCatalog {
    do {
      let catalog = try JSONDecoder().decode(
        IndicatorCatalog.self, from: Data(PackageResources.indicators_json))
      try catalog.check()
      return catalog
    } catch let error as ConfigurationError {
      throw error
    } catch {
      throw ConfigurationError("Schemas/indicators.json is not valid: \(error)")
    }
  }

  func check() throws {
    let ids = indicators.map(\.id)
    guard Set(ids).count == ids.count else {
      throw ConfigurationError("Schemas/indicators.json: two indicators share an id")
    }
    for indicator in indicators {
      guard indicator.method == "rate" else {
        throw ConfigurationError(
          "indicator \(indicator.id): method '\(indicator.method)' is not supported yet")
      }
      guard indicator.periods.allSatisfy({ $0 == "month" }) else {
        throw ConfigurationError(
          "indicator \(indicator.id): only month periods are supported yet")
      }
      guard indicator.geographies.allSatisfy({ ["ward", "lad", "county"].contains($0) }) else {
        throw ConfigurationError(
          "indicator \(indicator.id): geographies must be ward, lad or county")
      }
      guard (0...90).contains(indicator.ageFrom), indicator.ageFrom <= indicator.ageTo,
        indicator.ageTo <= 90
      else {
        throw ConfigurationError("indicator \(indicator.id): ages must be within 0…90")
      }
    }
  }
}

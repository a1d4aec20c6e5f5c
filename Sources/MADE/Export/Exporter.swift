import Foundation

/// Builds indicator packs from `indicator_values`: which areas and periods, which rows, and
/// what each cell may show under its indicator's disclosure policy (docs/methods.md).
///
/// Suppression itself is decided by `made aggregate` (`Disclosure`, the `suppressed` column),
/// so every pack withholds the same cells; here a withheld cell becomes `Pack.Cell.suppressed`
/// before anything else sees it, and NHS counts are rounded to the nearest 5.
public struct Exporter {
  let warehouse: Warehouse
  let catalog: IndicatorCatalog
  let feeds: FeedCatalog
  let config: Config

  public init(warehouse: Warehouse, catalog: IndicatorCatalog, feeds: FeedCatalog, config: Config) {
    self.warehouse = warehouse
    self.catalog = catalog
    self.feeds = feeds
    self.config = config
  }

  /// A request that cannot be met: an unknown area or a period without values.
  public struct RequestError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The packs for `area` (a district or partnership code or name, `county`, or nil / `all` for every
  /// district, partnership and the county) and `period` (a label such as `2024/25`,
  /// `2025-Q1` or `2025-03`, or nil / `latest` for the latest quarter and financial year).
  public func packs(area: String?, period: String?) throws -> [Pack] {
    let published = try warehouse.publishedAreas()
    guard let county = published.first(where: { $0.area.geoType == .county })?.area else {
      throw RequestError(
        description: "there are no indicator values to export yet: run `made aggregate` first")
    }
    let candidates =
      published.filter { $0.area.geoType == .lad || $0.area.geoType == .csp }
      .map(\.area) + [county]
    var areas = candidates
    if let area, area != "all" {
      // A code, or a name as a person types it ("blackburn with  darwen").
      func plain(_ text: String) -> String { TextNormalisation.spaced(text).lowercased() }
      guard
        let chosen = candidates.first(where: { $0.geoCode == area })
          ?? candidates.first(where: { plain($0.geoName) == plain(area) })
          ?? candidates.first(where: { $0.geoCode.lowercased() == area.lowercased() })
      else {
        let nearest = Spelling.nearest(
          to: area, among: candidates.map(\.geoName) + candidates.map(\.geoCode))
        throw RequestError(
          description: "no district or partnership has the code or name '\(area)'"
            + (nearest.map { "; did you mean \($0)?" } ?? ".") + " Choose one of "
            + candidates.map { "\($0.geoCode) (\($0.geoName))" }.joined(separator: ", ")
            + ", or all")
      }
      areas = [chosen]
    }
    var periods: [(PeriodType, String)] = []
    if let period, period != "latest" {
      guard let type = Self.periodType(of: period) else {
        throw RequestError(
          description: "'\(period)' is not a period: write 2024/25 (financial year), 2025-Q1 "
            + "(quarter), 2025-03 (month) or latest")
      }
      let available = try warehouse.publishedPeriods(type)
      guard available.contains(period) else {
        throw RequestError(
          description: "no indicator values for \(type.rawValue) \(period); the warehouse has "
            + (available.isEmpty ? "none" : available.joined(separator: ", ")))
      }
      periods = [(type, period)]
    } else {
      for type in [PeriodType.quarter, .financialYear] {
        if let latest = try warehouse.publishedPeriods(type).last { periods.append((type, latest)) }
      }
      guard !periods.isEmpty else {
        throw RequestError(
          description: "no complete quarter or financial year has indicator values yet")
      }
    }
    let created = try warehouse.lastLoaded()
    let sources = try warehouse.packSources(feeds: feeds)
    var packs: [Pack] = []
    // Each period's values are read once for all its packs, not once per pack.
    var valuesByPeriod: [String: [String: [Aggregator.Value]]] = [:]
    for (type, label) in periods {
      valuesByPeriod["\(type.rawValue) \(label)"] = try warehouse.packValues(
        periodType: type, through: label)
    }
    // The stored boundaries of each level, read once for all the packs.
    var outlines: [GeoType: [String: PackMap.Outline]] = [:]
    for level in [GeoType.ward, .lad] { outlines[level] = try warehouse.boundaries(level) }
    for area in areas {
      let children: [Pack.Area]
      switch area.geoType {
      case .lad:
        children = published.filter { $0.area.geoType == .ward && $0.ladCode == area.geoCode }
          .map(\.area)
      case .csp:
        children = published.filter { $0.area.geoType == .ward && $0.cspCode == area.geoCode }
          .map(\.area)
      default:
        children = published.filter { $0.area.geoType == .lad }.map(\.area)
      }
      let map = PackMap.of(
        children: children, outlines: outlines[children.first?.geoType ?? .ward] ?? [:],
        colouring: config.export.maps)
      for (type, label) in periods {
        var pack = try pack(
          area: area, children: children, county: county, periodType: type, period: label,
          values: valuesByPeriod["\(type.rawValue) \(label)"] ?? [:], created: created,
          sources: sources)
        pack.map = map
        packs.append(pack)
      }
    }
    return packs
  }

  static func periodType(of label: String) -> PeriodType? {
    for type in [PeriodType.financialYear, .quarter, .month]
    where Period.parse(label, type: type) != nil {
      return type
    }
    return nil
  }

  private func pack(
    area: Pack.Area, children: [Pack.Area], county: Pack.Area, periodType: PeriodType,
    period: String, values valuesByArea: [String: [Aggregator.Value]], created: String,
    sources: [Pack.Source]
  ) throws -> Pack {
    let listed = (area.geoType == .county ? [] : [area]) + children + [county]
    var names: [String: Pack.Area] = [:]
    for place in listed { names["\(place.geoType.rawValue):\(place.geoCode)"] = place }
    let order = Dictionary(
      uniqueKeysWithValues: catalog.indicators.enumerated().map { ($1.id, $0) })
    let definitions = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0) })
    let levels: [GeoType: Int] = [.ward: 0, .lad: 1, .csp: 2, .county: 3]
    let values = listed.flatMap { valuesByArea["\($0.geoType.rawValue):\($0.geoCode)"] ?? [] }
      .filter { definitions[$0.indicatorID] != nil }
      .sorted {
        (order[$0.indicatorID]!, $0.period, levels[$0.geoType]!, $0.geoCode)
          < (order[$1.indicatorID]!, $1.period, levels[$1.geoType]!, $1.geoCode)
      }
    let rows = values.map { value in
      var row = Self.publish(
        value, definition: definitions[value.indicatorID]!,
        area: names["\(value.geoType.rawValue):\(value.geoCode)"]!)
      // Nothing derived from a withheld cell (`Disclosure.markDerived`): no comparison with a
      // withheld county value, no trend through a withheld period.
      if value.comparisonWithheld { row.comparison = Statistics.Comparison.notCompared.rawValue }
      if value.trendWithheld { row.trend = Statistics.Trend.notCalculated.rawValue }
      return row
    }
    return Pack(
      area: area, county: county, children: children, periodType: periodType, period: period,
      vrnName: config.area.name, created: created, licence: config.export.licence,
      suppressionThreshold: config.export.suppressionThreshold, indicators: catalog.indicators,
      rows: rows, sources: sources)
  }

  /// What one stored row may show.
  static func publish(
    _ value: Aggregator.Value, definition: IndicatorDefinition, area: Pack.Area
  ) -> Pack.Row {
    func cell(_ number: Double?) -> Pack.Cell {
      value.suppressed ? .suppressed : number.map { .number($0) } ?? .missing
    }
    var numerator = cell(value.numerator)
    if definition.suppression == .nhs, case .number(let count) = numerator {
      numerator = .number((count / 5).rounded(.toNearestOrAwayFromZero) * 5)
    }
    return Pack.Row(
      indicatorID: value.indicatorID, indicatorTitle: definition.title, area: area,
      periodType: value.periodType, period: value.period, numerator: numerator,
      // A proportion's denominator is a count of people measured: withheld with its count.
      denominator: definition.method == .proportion
        ? cell(value.denominator) : value.denominator.map { .number($0) } ?? .missing,
      value: cell(value.value),
      lower95: cell(value.ci95?.lower), upper95: cell(value.ci95?.upper),
      lower998: cell(value.ci998?.lower), upper998: cell(value.ci998?.upper),
      comparison: value.suppressed
        ? Statistics.Comparison.notCompared.rawValue : value.comparison,
      trend: value.suppressed ? Statistics.Trend.notCalculated.rawValue : value.trend,
      suppressed: value.suppressed)
  }
}

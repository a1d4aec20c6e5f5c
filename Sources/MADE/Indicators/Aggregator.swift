/// Computes `indicator_values` from the record tables: counts by ward, district and county,
/// over ward populations, with the exact statistics of METHODS.md and the county as the
/// benchmark.
///
/// County = every record in the area's wards plus records that could not be placed; records
/// placed outside the area are not in it.
public struct Aggregator {
  let warehouse: Warehouse
  let catalog: IndicatorCatalog

  public init(warehouse: Warehouse, catalog: IndicatorCatalog) {
    self.warehouse = warehouse
    self.catalog = catalog
  }

  /// One computed cell before it is written.
  struct Value {
    var geoType: String
    var geoCode: String
    var period: String
    var numerator: Int
    var denominator: Double?
    var estimate: Statistics.Estimate?
  }

  /// What a rebuild wrote, and what it could not do well.
  public struct Summary: Sendable {
    public var valuesWritten: Int
    /// Wards of the area with no population estimate: their counts reach the district and
    /// county numerators but have no denominator (load `made reference load population`).
    public var wardsWithoutPopulation: [String]
  }

  /// Rebuilds every indicator.
  @discardableResult
  public func run() throws -> Summary {
    var values: [(IndicatorDefinition, [Value])] = []
    let areaWards = try warehouse.areaWards()
    let populated = try warehouse.wardsWithPopulation()
    let missing = areaWards.map(\.wardCode).filter { !populated.contains($0) }
    for indicator in catalog.indicators {
      guard try warehouse.tableExists(indicator.table) else {
        values.append((indicator, []))
        continue
      }
      let counts = try warehouse.recordCounts(table: indicator.table, filter: indicator.filter)
      values.append((indicator, try compute(indicator, counts: counts, areaWards: areaWards)))
    }
    return Summary(
      valuesWritten: try warehouse.replaceIndicatorValues(values), wardsWithoutPopulation: missing)
  }

  private func compute(
    _ indicator: IndicatorDefinition, counts: [Warehouse.RecordCount],
    areaWards: [Warehouse.AreaWard]
  ) throws -> [Value] {
    let months = Set(counts.map(\.period)).sorted()
    let ladOfWard = Dictionary(uniqueKeysWithValues: areaWards.map { ($0.wardCode, $0.ladCode) })
    let lads = Set(areaWards.map(\.ladCode)).sorted()
    var result: [Value] = []
    for month in months {
      guard let year = Int(month.prefix(4)) else { continue }
      let population = try warehouse.wardPopulation(
        year: year, ageFrom: indicator.ageFrom, ageTo: indicator.ageTo)
      var wardCount: [String: Int] = [:]
      var ladCount: [String: Int] = [:]
      var countyCount = 0
      for count in counts where count.period == month {
        switch count.status {
        case GeoStatus.inArea.rawValue:
          countyCount += count.count
          if let ward = count.wardCode, ladOfWard[ward] != nil {
            wardCount[ward, default: 0] += count.count
          }
          if let lad = count.ladCode { ladCount[lad, default: 0] += count.count }
        case GeoStatus.unplaced.rawValue:
          countyCount += count.count
        default:
          break
        }
      }
      func value(_ geoType: String, _ code: String, _ observed: Int, _ people: Double?) -> Value {
        let estimate = people.flatMap {
          $0 > 0
            ? Statistics.crudeRate(
              observed: observed, population: $0, multiplier: indicator.multiplier) : nil
        }
        return Value(
          geoType: geoType, geoCode: code, period: month, numerator: observed,
          denominator: people, estimate: estimate)
      }
      if indicator.geographies.contains("ward") {
        for ward in areaWards {
          result.append(
            value("ward", ward.wardCode, wardCount[ward.wardCode] ?? 0, population[ward.wardCode]))
        }
      }
      if indicator.geographies.contains("lad") {
        for lad in lads {
          let wards = areaWards.filter { $0.ladCode == lad }
          let people = wards.compactMap { population[$0.wardCode] }
          result.append(
            value(
              "lad", lad, ladCount[lad] ?? 0,
              people.isEmpty ? nil : people.reduce(0, +)))
        }
      }
      let countyPeople = areaWards.compactMap { population[$0.wardCode] }
      result.append(
        value(
          "county", "county", countyCount, countyPeople.isEmpty ? nil : countyPeople.reduce(0, +)))
    }
    return result
  }
}

/// Ward populations by year and age band, read once per band.
final class PopulationSource {
  private let warehouse: Warehouse
  /// The mid-year estimates loaded, in order.
  let years: [Int]
  private var cache: [String: (year: Int?, byWard: [String: Double])] = [:]
  private let wardsWithEstimates: Set<String>

  init(warehouse: Warehouse) throws {
    self.warehouse = warehouse
    years = try warehouse.connection.rows(
      "SELECT DISTINCT year FROM ref_population ORDER BY year"
    ).map { try $0.int("year") }
    wardsWithEstimates = Set(
      try warehouse.connection.rows("SELECT DISTINCT ward_code FROM ref_population")
        .map { try $0.text("ward_code") })
  }

  /// Residents aged `ageFrom`…`ageTo` of each ward, from the latest estimate no later than
  /// `year` (the earliest there is, when all are later); `year` is the estimate used.
  func residents(year: Int, ageFrom: Int, ageTo: Int) throws -> (
    year: Int?, byWard: [String: Double]
  ) {
    guard let chosen = years.last(where: { $0 <= year }) ?? years.first else { return (nil, [:]) }
    let key = "\(chosen):\(ageFrom):\(ageTo)"
    if let cached = cache[key] { return cached }
    var byWard: [String: Double] = [:]
    for row in try warehouse.connection.rows(
      """
      SELECT ward_code, sum(population) AS people FROM ref_population
      WHERE year = ? AND age BETWEEN ? AND ? GROUP BY ward_code
      """, [.integer(Int64(chosen)), .integer(Int64(ageFrom)), .integer(Int64(ageTo))])
    {
      byWard[try row.text("ward_code")] = try row.double("people")
    }
    cache[key] = (chosen, byWard)
    return (chosen, byWard)
  }

  func wardsMissing(from areas: AreaGeography) -> [String] {
    areas.wards.map(\.wardCode).filter { !wardsWithEstimates.contains($0) }
  }
}

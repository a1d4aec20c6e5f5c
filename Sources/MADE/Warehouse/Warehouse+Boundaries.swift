/// The stored boundaries (`ref_boundaries`), for the packs' maps and `made status`.
extension Warehouse {
  /// Every stored boundary of a level, by code.
  func boundaries(_ level: GeoType) throws -> [String: PackMap.Outline] {
    var outlines: [String: PackMap.Outline] = [:]
    for row in try connection.rows(
      "SELECT geo_code, geo_name, vintage, geometry FROM ref_boundaries WHERE geo_type = ?",
      [.text(level.rawValue)])
    {
      let code = try row.text("geo_code")
      outlines[code] = PackMap.Outline(
        code: code, name: try row.text("geo_name"), vintage: try row.text("vintage"),
        shape: try Shape.fromStored(try row.text("geometry")))
    }
    return outlines
  }

  /// The area's wards that hold counted records (they have indicator values) but no stored
  /// boundary: the maps cannot draw them. Empty when no ward boundary is stored at all
  /// (`boundaryCounts` says so).
  func wardsWithoutBoundary() throws -> [(code: String, name: String)] {
    guard try connection.integer("SELECT count(*) FROM ref_boundaries WHERE geo_type = 'ward'") > 0
    else { return [] }
    return try connection.rows(
      """
      SELECT a.geo_code, a.geo_name FROM ref_areas a
      WHERE a.geo_type = 'ward'
        AND EXISTS (SELECT 1 FROM indicator_values v
                    WHERE v.geo_type = 'ward' AND v.geo_code = a.geo_code AND v.numerator > 0)
        AND NOT EXISTS (SELECT 1 FROM ref_boundaries b
                        WHERE b.geo_type = 'ward' AND b.geo_code = a.geo_code)
      ORDER BY a.geo_code
      """
    ).map { (try $0.text("geo_code"), try $0.text("geo_name")) }
  }

  /// Stored boundaries by level and vintage, e.g. `ward WD24: 118`.
  func boundaryCounts() throws -> [(level: String, vintage: String, count: Int)] {
    try connection.rows(
      "SELECT geo_type, vintage, count(*) AS n FROM ref_boundaries GROUP BY 1, 2 ORDER BY 1, 2"
    ).map { (try $0.text("geo_type"), try $0.text("vintage"), try $0.int("n")) }
  }
}

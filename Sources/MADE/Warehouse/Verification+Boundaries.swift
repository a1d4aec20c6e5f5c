import Foundation

/// `made verify`: "boundaries draw".
///
/// The packs' maps are drawn from `ref_boundaries`; a row edited by hand (a ring left open,
/// crossing itself, coordinates in degrees) would draw a wrong map or none. Each stored shape
/// is read back as the loader's checks would read it, and its stored area and box must be its
/// own.
extension Verification {
  func boundariesFinding() throws -> Finding {
    var problems: [String] = []
    for row in try warehouse.connection.rows(
      """
      SELECT geo_type, geo_code, area_m2, min_easting, min_northing, max_easting,
        max_northing, geometry FROM ref_boundaries ORDER BY geo_type, geo_code
      """)
    {
      let name = "\(try row.text("geo_type")) \(try row.text("geo_code"))"
      do {
        let shape = try Shape.fromStored(try row.text("geometry"))
        try BoundaryFeatures.checkRings(of: shape)
        let bounds = shape.bounds
        guard shape.rings.allSatisfy({ $0.points.allSatisfy(BritishNationalGrid.covers) }) else {
          throw BoundaryFeatures.Failure("not in British National Grid metres")
        }
        let stored = try row.double("area_m2")
        guard abs(shape.area - stored) <= 0.01 * stored else {
          throw BoundaryFeatures.Failure(
            "area \(Int(shape.area)) m² where area_m2 says \(Int(stored))")
        }
        let box = try ["min_easting", "min_northing", "max_easting", "max_northing"].map {
          try row.int($0)
        }
        guard box == [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].map({ Int($0) }) else {
          throw BoundaryFeatures.Failure("its bounding box is not the stored one")
        }
      } catch {
        problems.append("\(name): \(error)")
      }
    }
    let count = try warehouse.connection.integer("SELECT count(*) FROM ref_boundaries")
    return Finding(
      check: "boundaries draw", problems: problems,
      none: count == 0
        ? "none loaded (packs have no maps)" : "\(count) shapes closed, uncrossed, in metres",
      consequence: "the packs' maps draw them wrong: load the boundaries again")
  }
}

import Foundation

/// Ward or district boundaries from a GeoJSON FeatureCollection as the ONS Open Geography
/// Portal publishes it, projected to British National Grid.
///
/// - Any vintage: the code and name properties are found by pattern (`WDyyCD`/`WDyyNM`, else
///   `LADyyCD`/`LADyyNM`), like the lookups' columns.
/// - Coordinates in WGS84 (CRS84, as RFC 7946 requires) or in British National Grid
///   (EPSG:27700, as the Portal also offers). The file's `crs` member names it when present;
///   otherwise coordinates beyond ±180 can only be metres.
/// - Polygons and MultiPolygons, with holes.
///
/// A feature that cannot be drawn is rejected with its reason, never drawn wrong: no geometry
/// or another type, a coordinate that is not a finite number, a ring of fewer than four
/// points or not closed, a ring that crosses itself.
struct BoundaryFeatures {
  enum CoordinateSystem: String {
    case wgs84 = "WGS84"
    case britishNationalGrid = "British National Grid"
  }

  struct Feature {
    /// Position in the file's `features`, from 1.
    var number: Int
    var code: String
    var name: String
    /// In British National Grid metres.
    var shape: Shape
  }

  /// A feature that cannot be drawn, as the loader reports it.
  typealias Rejected = BoundaryLoad.Rejected

  var level: GeoType
  /// The properties' prefix and year, e.g. `WD24`: which boundaries these are.
  var vintage: String
  var coordinateSystem: CoordinateSystem
  var features: [Feature]
  var rejected: [Rejected]

  /// Reads the GeoJSON in `data`; `source` names it in errors.
  static func read(_ data: Data, source: String) throws -> BoundaryFeatures {
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw ReferenceError(
        "\(source): not JSON (\(error.localizedDescription)). Load the "
          + "GeoJSON download of the boundaries.")
    }
    guard let root = json as? [String: Any], root["type"] as? String == "FeatureCollection",
      let features = root["features"] as? [Any]
    else {
      throw ReferenceError("\(source): not a GeoJSON FeatureCollection.")
    }
    let properties = features.compactMap { ($0 as? [String: Any])?["properties"] as? [String: Any] }
    guard let (level, vintage, codeKey, nameKey) = Self.keys(in: properties.first ?? [:]) else {
      throw ReferenceError(
        "\(source): no ward or district code property (WDyyCD or LADyyCD, with WDyyNM or "
          + "LADyyNM) in its features. Load the ONS ward or district boundaries.")
    }
    var parsed: [(number: Int, code: String?, name: String?, shape: Result<Shape, Error>)] = []
    for (index, item) in features.enumerated() {
      let feature = item as? [String: Any] ?? [:]
      let properties = feature["properties"] as? [String: Any] ?? [:]
      parsed.append(
        (
          index + 1, properties[codeKey] as? String,
          (properties[nameKey] as? String).map(TextNormalisation.spaced),
          Result { try Self.shape(feature["geometry"]) }
        ))
    }
    let named = Self.coordinateSystem(named: root["crs"])
    let system =
      named
      ?? Self.coordinateSystem(ofMost: parsed.compactMap { try? $0.shape.get() })
    var result = BoundaryFeatures(
      level: level, vintage: vintage, coordinateSystem: system, features: [], rejected: [])
    var firstWithCode: [String: Int] = [:]
    for item in parsed {
      do {
        guard let raw = item.code, !TextNormalisation.code(raw).isEmpty else {
          throw Failure("no \(codeKey)")
        }
        // The canonical code, as ref_wards and records hold it (`e05000001 ` is E05000001).
        let code = TextNormalisation.code(raw)
        guard TextNormalisation.isGSSCode(code) else {
          throw Failure(
            "\(codeKey) '\(TextNormalisation.visible(raw))' is not a GSS code "
              + "(\(TextNormalisation.shape(of: raw)); expected a letter and 8 digits like "
              + "E05012345)")
        }
        if let first = firstWithCode[code] {
          throw Failure("\(code) again (feature \(first) has it and is kept)")
        }
        var shape = try item.shape.get()
        let inDegrees = Self.looksLikeDegrees(shape)
        switch system {
        case .wgs84:
          guard inDegrees else {
            throw Failure("a coordinate is outside longitude ±180 and latitude ±90")
          }
          shape = shape.mapped {
            let grid = BritishNationalGrid.project(longitude: $0.x, latitude: $0.y)
            return GeoPoint(x: grid.easting, y: grid.northing)
          }
        case .britishNationalGrid:
          // Degrees read as metres would be a speck off Cornwall, not a ward.
          guard !inDegrees else {
            throw Failure(
              "its coordinates are longitude and latitude, but the file's are British National "
                + "Grid metres" + (named != nil ? " (as its crs says)" : ""))
          }
        }
        guard shape.rings.allSatisfy({ $0.points.allSatisfy(BritishNationalGrid.covers) }) else {
          throw Failure(
            "a point is outside Great Britain in British National Grid (0 to 700 km east, 0 "
              + "to 1,300 km north)")
        }
        try Self.checkRings(of: shape)
        firstWithCode[code] = item.number
        result.features.append(
          Feature(number: item.number, code: code, name: item.name ?? code, shape: shape))
      } catch {
        result.rejected.append(
          Rejected(number: item.number, code: item.code, reason: "\(error)"))
      }
    }
    return result
  }

  /// Why a feature cannot be used.
  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// The level, vintage and property names of the code and the name: wards before districts.
  /// Properties are found by the lookups' patterns (`ReferenceLayout`), compared in their
  /// canonical form (`wd24cd`, ` WD24CD` and `WD24CD` are the same key).
  static func keys(in properties: [String: Any]) -> (GeoType, String, String, String)? {
    let keys = properties.keys.sorted()
    let canonical = keys.map { TextNormalisation.code($0) }
    for (pattern, level) in [
      (ReferenceLayout.wardCode, GeoType.ward), (ReferenceLayout.ladCode, .lad),
    ] {
      guard let code = ReferenceTable.index(of: pattern, in: canonical) else { continue }
      let vintage = String(canonical[code].dropLast(2))
      guard let name = canonical.firstIndex(of: vintage + "NM") else { continue }
      return (level, vintage, keys[code], keys[name])
    }
    return nil
  }

  /// The system the `crs` member names, if it names one.
  static func coordinateSystem(named crs: Any?) -> CoordinateSystem? {
    let name =
      ((crs as? [String: Any])?["properties"] as? [String: Any])?["name"] as? String ?? ""
    if name.contains("27700") { return .britishNationalGrid }
    if name.uppercased().contains("CRS84") || name.contains("4326") { return .wgs84 }
    return nil
  }

  /// Without a `crs`, the system most features' coordinates fit: degrees unless more than
  /// half have a coordinate beyond ±180 / ±90. A feature in the other system is then
  /// rejected alone, so one stray feature cannot turn the whole file into the wrong system.
  static func coordinateSystem(ofMost shapes: [Shape]) -> CoordinateSystem {
    let inMetres = shapes.filter { !looksLikeDegrees($0) }.count
    return inMetres * 2 > shapes.count ? .britishNationalGrid : .wgs84
  }

  static func looksLikeDegrees(_ shape: Shape) -> Bool {
    shape.rings.allSatisfy { $0.points.allSatisfy { abs($0.x) <= 180 && abs($0.y) <= 90 } }
  }

  /// Rings that can be filled: none crossing itself, none without area, every hole inside its
  /// polygon's outer ring.
  static func checkRings(of shape: Shape) throws {
    for (position, ring) in shape.rings.enumerated() {
      if ring.selfIntersects { throw Failure("ring \(position + 1) crosses itself") }
      if ring.area == 0 { throw Failure("ring \(position + 1) has no area") }
    }
    var position = 0
    for polygon in shape.polygons {
      position += 1
      for hole in polygon.holes {
        position += 1
        guard polygon.outer.holds(hole) else {
          throw Failure("ring \(position) is a hole outside its polygon's outer ring")
        }
      }
    }
  }

  /// A Polygon or MultiPolygon, its rings checked.
  static func shape(_ geometry: Any?) throws -> Shape {
    guard let geometry = geometry as? [String: Any], let type = geometry["type"] as? String else {
      throw Failure("no geometry")
    }
    let coordinates = geometry["coordinates"]
    switch type {
    case "Polygon":
      return Shape(polygons: [try polygon(coordinates)])
    case "MultiPolygon":
      guard let parts = coordinates as? [Any], !parts.isEmpty else {
        throw Failure("a MultiPolygon without polygons")
      }
      return Shape(polygons: try parts.map(polygon))
    default:
      throw Failure("a \(type), not a Polygon or MultiPolygon")
    }
  }

  private static func polygon(_ coordinates: Any?) throws -> Polygon {
    guard let rings = coordinates as? [Any], !rings.isEmpty else {
      throw Failure("a polygon without rings")
    }
    let parsed = try rings.map(ring)
    return Polygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
  }

  /// A JSON number as a finite Double; nil for anything else, `true` and `false` included
  /// (JSONSerialization gives booleans as NSNumbers of type `c`).
  private static func number(_ value: Any) -> Double? {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
      return nil
    }
    return number.doubleValue.isFinite ? number.doubleValue : nil
  }

  private static func ring(_ coordinates: Any) throws -> Ring {
    guard let positions = coordinates as? [Any] else { throw Failure("a ring is not a list") }
    let points = try positions.map { position -> GeoPoint in
      guard let pair = position as? [Any], pair.count >= 2, let x = number(pair[0]),
        let y = number(pair[1])
      else { throw Failure("a coordinate is not a pair of finite numbers") }
      return GeoPoint(x: x, y: y)
    }.reduce(into: [GeoPoint]()) { kept, point in
      // A point repeated at once is the same outline (ESRI exports have them).
      if kept.last != point { kept.append(point) }
    }
    guard points.count >= 4 else { throw Failure("a ring of fewer than 4 points") }
    guard points.first == points.last else { throw Failure("a ring that is not closed") }
    return Ring(points: points)
  }
}

import Foundation

/// How a simplified shape is stored in `ref_boundaries`: whole metres, outer rings
/// anticlockwise and holes clockwise (RFC 7946), as a GeoJSON geometry.
extension Shape {
  /// Every point rounded to the metre, repeated points dropped; rings left with fewer than
  /// three distinct points dropped, and polygons whose outer ring went. Neighbours round a
  /// shared border the same way, so rounding opens no gap between them.
  func roundedToMetres() -> Shape {
    func round(_ ring: Ring) -> Ring? {
      var points: [GeoPoint] = []
      for point in ring.points {
        let rounded = GeoPoint(x: point.x.rounded(), y: point.y.rounded())
        if points.last != rounded { points.append(rounded) }
      }
      if points.count > 1, points.first == points.last { points.removeLast() }
      guard Set(points).count >= 3 else { return nil }
      return Ring(points: points + [points[0]])
    }
    return Shape(
      polygons: polygons.compactMap { polygon in
        guard let outer = round(polygon.outer) else { return nil }
        return Polygon(outer: outer, holes: polygon.holes.compactMap(round))
      })
  }

  /// Outer rings anticlockwise, holes clockwise.
  func oriented() -> Shape {
    func turned(_ ring: Ring, anticlockwise: Bool) -> Ring {
      (ring.doubleSignedArea > 0) == anticlockwise ? ring : Ring(points: ring.points.reversed())
    }
    return Shape(
      polygons: polygons.map {
        Polygon(
          outer: turned($0.outer, anticlockwise: true),
          holes: $0.holes.map { turned($0, anticlockwise: false) })
      })
  }

  /// West, south, east and north edges.
  var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
    let points = rings.flatMap(\.points)
    return (
      points.map(\.x).min() ?? 0, points.map(\.y).min() ?? 0, points.map(\.x).max() ?? 0,
      points.map(\.y).max() ?? 0
    )
  }

  /// A GeoJSON Polygon (one polygon) or MultiPolygon, coordinates written as integers.
  var geoJSON: String {
    func ring(_ ring: Ring) -> String {
      "[" + ring.points.map { "[\(Int($0.x)),\(Int($0.y))]" }.joined(separator: ",") + "]"
    }
    func polygon(_ polygon: Polygon) -> String {
      "[" + ([polygon.outer] + polygon.holes).map(ring).joined(separator: ",") + "]"
    }
    if polygons.count == 1 {
      return #"{"type":"Polygon","coordinates":"# + polygon(polygons[0]) + "}"
    }
    return #"{"type":"MultiPolygon","coordinates":["#
      + polygons.map(polygon).joined(separator: ",") + "]}"
  }

  /// The shape a stored `geometry` holds.
  static func fromStored(_ json: String) throws -> Shape {
    try BoundaryFeatures.shape(try JSONSerialization.jsonObject(with: Data(json.utf8)))
  }
}

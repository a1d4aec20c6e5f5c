/// Plane geometry for boundaries: points, rings, polygons with holes and multipolygons, in
/// British National Grid metres once projected.
struct GeoPoint: Hashable {
  var x: Double
  var y: Double
}

/// A closed ring: its last point repeats its first.
struct Ring: Equatable {
  var points: [GeoPoint]

  /// Twice the signed area (shoelace): positive when the ring runs anticlockwise.
  var doubleSignedArea: Double {
    var sum = 0.0
    for index in points.indices.dropLast() {
      let (a, b) = (points[index], points[index + 1])
      sum += a.x * b.y - b.x * a.y
    }
    return sum
  }

  var area: Double { abs(doubleSignedArea) / 2 }

  /// True when two segments that are not neighbours along the ring touch or cross.
  ///
  /// Segments are dealt into a grid of about as many cells as segments, so that only
  /// segments sharing a cell are compared (a ward of several thousand points would
  /// otherwise take millions of comparisons).
  var selfIntersects: Bool {
    let count = points.count - 1
    guard count >= 3 else { return false }
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
    let side = max(1, Int(Double(count).squareRoot()))
    let width = max(maxX - minX, .leastNonzeroMagnitude) / Double(side)
    let height = max(maxY - minY, .leastNonzeroMagnitude) / Double(side)
    func cell(_ value: Double, _ origin: Double, _ size: Double) -> Int {
      min(side - 1, max(0, Int((value - origin) / size)))
    }
    var cells: [Int: [Int]] = [:]
    for segment in 0..<count {
      let (a, b) = (points[segment], points[segment + 1])
      for column in cell(min(a.x, b.x), minX, width)...cell(max(a.x, b.x), minX, width) {
        for row in cell(min(a.y, b.y), minY, height)...cell(max(a.y, b.y), minY, height) {
          cells[row * side + column, default: []].append(segment)
        }
      }
    }
    for segments in cells.values where segments.count > 1 {
      for (index, first) in segments.enumerated() {
        for second in segments[(index + 1)...] {
          let gap = abs(first - second)
          // Neighbours share an end point; so do the first and the last segment.
          if gap == 1 || gap == count - 1 { continue }
          if Self.touch(
            points[first], points[first + 1], points[second], points[second + 1])
          {
            return true
          }
        }
      }
    }
    return false
  }

  /// Whether `point` lies inside the ring (even-odd rule; a point on the ring may count
  /// either way).
  func contains(_ point: GeoPoint) -> Bool {
    var inside = false
    for (a, b) in zip(points, points.dropFirst()) where (a.y > point.y) != (b.y > point.y) {
      if point.x < a.x + (point.y - a.y) / (b.y - a.y) * (b.x - a.x) { inside.toggle() }
    }
    return inside
  }

  /// Whether `hole` lies inside this ring: smaller, and its points that are not on this
  /// ring's points inside it (a hole may touch its outer ring at a point).
  func holds(_ hole: Ring) -> Bool {
    guard hole.area < area else { return false }
    let own = Set(points)
    let free = hole.points.filter { !own.contains($0) }
    return !free.isEmpty && free.allSatisfy(contains)
  }

  /// Whether segments ab and cd share a point.
  static func touch(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> Bool {
    func orientation(_ p: GeoPoint, _ q: GeoPoint, _ r: GeoPoint) -> Double {
      (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
    }
    func within(_ p: GeoPoint, _ q: GeoPoint, _ r: GeoPoint) -> Bool {
      min(p.x, q.x) <= r.x && r.x <= max(p.x, q.x) && min(p.y, q.y) <= r.y && r.y <= max(p.y, q.y)
    }
    let (o1, o2) = (orientation(a, b, c), orientation(a, b, d))
    let (o3, o4) = (orientation(c, d, a), orientation(c, d, b))
    if (o1 > 0 && o2 < 0 || o1 < 0 && o2 > 0) && (o3 > 0 && o4 < 0 || o3 < 0 && o4 > 0) {
      return true
    }
    return o1 == 0 && within(a, b, c) || o2 == 0 && within(a, b, d)
      || o3 == 0 && within(c, d, a) || o4 == 0 && within(c, d, b)
  }
}

/// An outer ring and its holes.
struct Polygon: Equatable {
  var outer: Ring
  var holes: [Ring]

  var area: Double { outer.area - holes.map(\.area).reduce(0, +) }
}

/// One area's shape: one or more polygons (a ward with islands is several).
struct Shape: Equatable {
  var polygons: [Polygon]

  var area: Double { polygons.map(\.area).reduce(0, +) }

  var rings: [Ring] { polygons.flatMap { [$0.outer] + $0.holes } }

  /// Every point moved by `transform` (a projection).
  func mapped(_ transform: (GeoPoint) -> GeoPoint) -> Shape {
    mapRings { Ring(points: $0.points.map(transform)) }
  }

  /// The same polygons with every ring replaced by `transform`'s.
  func mapRings(_ transform: (Ring) -> Ring) -> Shape {
    Shape(
      polygons: polygons.map {
        Polygon(outer: transform($0.outer), holes: $0.holes.map(transform))
      })
  }

  var pointCount: Int { rings.map { $0.points.count - 1 }.reduce(0, +) }
}

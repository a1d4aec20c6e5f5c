/// Simplifies neighbouring shapes together, so that a border two wards share is simplified
/// once and drawn the same in both: no gap and no overlap between them.
///
/// The rings are cut into arcs at junctions, as TopoJSON does. A junction is a point that
/// several rings use with more than two different neighbours between them: where three wards
/// meet, or where a shared border leaves a coast. Each arc is simplified once by
/// Douglas-Peucker and reused, reversed when a neighbour runs along it the other way. A ring
/// with no junction (an island, or a ward inside another) is simplified from its smallest
/// point in one direction, so that the ward and the hole around it agree. The arcs of a ring
/// that simplification would collapse keep their farthest points (`douglasPeucker`'s forced
/// splits), in every ring that shares them.
struct SharedBorderSimplifier {
  let shapes: [Shape]
  /// Where the rings meet: found once, for every tolerance tried.
  let junctions: Set<GeoPoint>

  init(shapes: [Shape]) {
    self.shapes = shapes
    junctions = Self.junctions(of: shapes)
  }

  /// The shapes simplified with `tolerance` (metres: no point moves further than this from
  /// the outline).
  func simplified(tolerance: Double) -> [Shape] {
    var kept = Set<[GeoPoint]>()  // arcs that keep their two farthest points
    while true {
      var cache: [[GeoPoint]: [GeoPoint]] = [:]
      var degenerate = Set<[GeoPoint]>()
      let result = shapes.map { shape in
        shape.mapRings { ring in
          let arcs = Self.arcs(of: ring, junctions: junctions)
          let points = arcs.flatMap { arc -> [GeoPoint] in
            let key = Self.canonical(arc)
            let simple =
              cache[key.points]
              ?? {
                let simple = Self.douglasPeucker(
                  key.points, tolerance: tolerance, forcedSplits: kept.contains(key.points) ? 2 : 0)
                cache[key.points] = simple
                return simple
              }()
            return Array((key.reversed ? simple.reversed() : simple).dropLast())
          }
          if Set(points).count < 3 {
            for arc in arcs { degenerate.insert(Self.canonical(arc).points) }
          }
          return Ring(points: points + [points[0]])
        }
      }
      if degenerate.isSubset(of: kept) { return result }
      kept.formUnion(degenerate)
    }
  }

  /// The shapes simplified just enough to hold at most `budget` points in all (the size of
  /// an inline SVG map grows with its points), and the tolerance that did it: `minimum` when
  /// that is enough, else the smallest, to within 1%, between `minimum` (at least 1 m) and
  /// 10 km.
  func simplified(toAtMost budget: Int, minimum: Double = 0) -> (
    tolerance: Double, shapes: [Shape]
  ) {
    func points(_ shapes: [Shape]) -> Int { shapes.map(\.pointCount).reduce(0, +) }
    let first = minimum > 0 ? simplified(tolerance: minimum) : shapes
    if points(first) <= budget { return (minimum, first) }
    var (low, high) = (max(1.0, minimum), 10_000.0)
    var best = (tolerance: high, shapes: simplified(tolerance: high))
    while high / low > 1.01 {
      let middle = (low * high).squareRoot()
      let attempt = simplified(tolerance: middle)
      if points(attempt) <= budget {
        best = (middle, attempt)
        high = middle
      } else {
        low = middle
      }
    }
    return best
  }

  /// The points where rings meet with more than two neighbours between them.
  static func junctions(of shapes: [Shape]) -> Set<GeoPoint> {
    var neighbours: [GeoPoint: Set<GeoPoint>] = [:]
    var rings: [GeoPoint: Int] = [:]
    for shape in shapes {
      for ring in shape.rings {
        let points = Array(ring.points.dropLast())
        for (index, point) in points.enumerated() {
          neighbours[point, default: []].insert(points[(index + points.count - 1) % points.count])
          neighbours[point, default: []].insert(points[(index + 1) % points.count])
          rings[point, default: 0] += 1
        }
      }
    }
    return Set(neighbours.filter { $0.value.count > 2 && rings[$0.key, default: 0] > 1 }.keys)
  }

  /// A ring cut at its junctions into arcs, each from one junction to the next (ends
  /// included). A ring without junction is one arc from its smallest point round to it.
  static func arcs(of ring: Ring, junctions: Set<GeoPoint>) -> [[GeoPoint]] {
    var points = Array(ring.points.dropLast())
    guard !points.isEmpty else { return [] }
    let start: Int
    if let first = points.firstIndex(where: junctions.contains) {
      start = first
    } else {
      start = points.indices.min { (points[$0].x, points[$0].y) < (points[$1].x, points[$1].y) }!
    }
    points = Array(points[start...] + points[..<start])
    var arcs: [[GeoPoint]] = []
    var current = [points[0]]
    for point in points.dropFirst() {
      current.append(point)
      if junctions.contains(point) {
        arcs.append(current)
        current = [point]
      }
    }
    current.append(points[0])
    arcs.append(current)
    return arcs
  }

  /// An arc in the direction both rings that share it agree on, and whether it was turned.
  static func canonical(_ arc: [GeoPoint]) -> (points: [GeoPoint], reversed: Bool) {
    let turned = Array(arc.reversed())
    func less(_ a: [GeoPoint], _ b: [GeoPoint]) -> Bool {
      for (p, q) in zip(a, b) where p != q { return (p.x, p.y) < (q.x, q.y) }
      return false
    }
    return less(turned, arc) ? (turned, true) : (arc, false)
  }

  /// Douglas-Peucker: the arc's ends and the points further than `tolerance` from the
  /// simplified line. The first `forcedSplits` levels of splitting keep their farthest point
  /// whatever its distance: an arc whose ring would otherwise collapse keeps some shape (a
  /// closed arc needs two levels to keep two points besides its end).
  static func douglasPeucker(_ points: [GeoPoint], tolerance: Double, forcedSplits: Int = 0)
    -> [GeoPoint]
  {
    guard points.count > 2 else { return points }
    var keep = [Bool](repeating: false, count: points.count)
    keep[0] = true
    keep[points.count - 1] = true
    var stack = [(first: 0, last: points.count - 1, forced: forcedSplits)]
    while let (first, last, forced) = stack.popLast() {
      guard last > first + 1 else { continue }
      var farthest = first + 1
      var distance = -1.0
      for index in (first + 1)..<last {
        let d = Self.distance(points[index], points[first], points[last])
        if d > distance {
          distance = d
          farthest = index
        }
      }
      if distance > tolerance || forced > 0 {
        keep[farthest] = true
        stack.append((first, farthest, forced - 1))
        stack.append((farthest, last, forced - 1))
      }
    }
    return points.indices.filter { keep[$0] }.map { points[$0] }
  }

  /// Distance from `p` to the segment `a`–`b`.
  static func distance(_ p: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
    let (dx, dy) = (b.x - a.x, b.y - a.y)
    let length = dx * dx + dy * dy
    let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
    let (x, y) = (a.x + t * dx - p.x, a.y + t * dy - p.y)
    return (x * x + y * y).squareRoot()
  }
}

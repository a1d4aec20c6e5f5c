import Foundation
import Testing

@testable import MADE

/// Neighbouring wards simplified together (`SharedBorderSimplifier`): their shared border
/// drawn the same in both, areas kept, and the map held to a point budget.
@Suite struct SharedBorderSimplifierTests {
  /// A wiggly line from (x, 0) to (x, 10 km): 201 points on a long wave, each nudged up to
  /// 30 m by a fixed pseudo-random sequence, so that where simplification starts from
  /// changes which points it keeps.
  static func border(at x: Double) -> [GeoPoint] {
    var seed: UInt64 = 42
    return (0...200).map { step in
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let nudge = Double(seed >> 33) / Double(1 << 31) * 60 - 30
      let wave = step == 0 || step == 200 ? 0 : 300 * sin(Double(step) * 0.05) + nudge
      return GeoPoint(x: x + wave, y: Double(step) * 50)
    }
  }

  /// West ward (10 km square) and east ward beside it, sharing the wiggly border at 10 km;
  /// a round ward 8 km across inside the east ward, as its hole.
  static func wards() -> [Shape] {
    let shared = border(at: 10_000)
    let west =
      [GeoPoint(x: 0, y: 0)] + shared + [GeoPoint(x: 0, y: 10_000), GeoPoint(x: 0, y: 0)]
    let east =
      [GeoPoint(x: 20_000, y: 0), GeoPoint(x: 20_000, y: 10_000)] + shared.reversed()
      + [GeoPoint(x: 20_000, y: 0)]
    let inner = (0..<120).map { step -> GeoPoint in
      let angle = Double(step) / 120 * 2 * .pi
      return GeoPoint(x: 15_000 + 4_000 * cos(angle), y: 5_000 + 4_000 * sin(angle))
    }
    let innerRing = Ring(points: inner + [inner[0]])
    let hole = Ring(points: Array(innerRing.points.reversed()))
    return [
      Shape(polygons: [Polygon(outer: Ring(points: west), holes: [])]),
      Shape(polygons: [Polygon(outer: Ring(points: east), holes: [hole])]),
      Shape(polygons: [Polygon(outer: innerRing, holes: [])]),
    ]
  }

  @Test func aSharedBorderIsTheSameInBothWardsAndAreasStayWithin2Percent() {
    let original = Self.wards()
    let simplified = SharedBorderSimplifier(shapes: original).simplified(tolerance: 40)
    let shared = Set(Self.border(at: 10_000))
    let west = Set(simplified[0].rings[0].points).intersection(shared)
    let east = Set(simplified[1].rings[0].points).intersection(shared)
    #expect(west == east)
    #expect(west.count < shared.count, "the border was simplified: \(west.count) points")
    // The inner ward and the hole around it: the same points.
    #expect(Set(simplified[2].rings[0].points) == Set(simplified[1].rings[1].points))
    #expect(simplified[2].rings[0].points.count < 121)
    for (before, after) in zip(original, simplified) {
      #expect(abs(after.area - before.area) < 0.02 * before.area, "\(before.area) \(after.area)")
    }
    // Together they still tile the 20 km x 10 km rectangle.
    let total = simplified[0].area + simplified[1].area + simplified[2].area
    #expect(abs(total - 200_000_000) < 1e-6 * 200_000_000)
  }

  @Test func holdsTheShapesToAPointBudgetWithTheSmallestToleranceThatDoes() {
    let original = Self.wards()
    let all = original.map(\.pointCount).reduce(0, +)
    let simplifier = SharedBorderSimplifier(shapes: original)
    let (tolerance, shapes) = simplifier.simplified(toAtMost: 60)
    #expect(shapes.map(\.pointCount).reduce(0, +) <= 60 && all > 60)
    let finer = simplifier.simplified(tolerance: tolerance / 1.05)
    #expect(finer.map(\.pointCount).reduce(0, +) > 60, "tolerance \(tolerance)")
    #expect(simplifier.simplified(toAtMost: all).shapes == original)
  }

  @Test func neverLeavesARingWithFewerThanFourPoints() {
    // A thin triangle-ish ring that a large tolerance would flatten to a line.
    let thin = Ring(points: [
      .init(x: 0, y: 0), .init(x: 1000, y: 0), .init(x: 1000, y: 1), .init(x: 500, y: 2),
      .init(x: 0, y: 1), .init(x: 0, y: 0),
    ])
    let shape = Shape(polygons: [Polygon(outer: thin, holes: [])])
    let simplified = SharedBorderSimplifier(shapes: [shape]).simplified(tolerance: 100)
    #expect(Set(simplified[0].rings[0].points).count >= 3)
    #expect(simplified[0].rings[0].points.first == simplified[0].rings[0].points.last)
  }
}

import Foundation
import Testing

@testable import MADE

/// ONS boundary GeoJSON (`BoundaryFeatures`): either coordinate system, polygons with holes
/// and islands, every broken feature rejected with its reason and the rest kept.
@Suite struct BoundaryFeaturesTests {
  /// A square ring of `size` degrees from its south-west corner, anticlockwise.
  static func square(_ west: Double, _ south: Double, _ size: Double) -> [[Double]] {
    [
      [west, south], [west + size, south], [west + size, south + size], [west, south + size],
      [west, south],
    ]
  }

  static func feature(_ code: String?, _ geometry: Any?) -> [String: Any] {
    var properties: [String: Any] = ["FID": 1, "WD24NM": "Ward \(code ?? "?")", "BNG_E": 1]
    if let code { properties["WD24CD"] = code }
    return ["type": "Feature", "properties": properties, "geometry": geometry ?? NSNull()]
  }

  /// Two good wards near Preston (one a square with a hole and an island) and five broken
  /// features, in WGS84; `project` turns them into British National Grid metres.
  static func collection(project: Bool) throws -> Data {
    func ring(_ points: [[Double]]) -> [[Double]] {
      guard project else { return points }
      return points.map {
        let grid = BritishNationalGrid.project(longitude: $0[0], latitude: $0[1])
        return [grid.easting, grid.northing]
      }
    }
    let features: [[String: Any]] = [
      feature("E05000001", ["type": "Polygon", "coordinates": [ring(square(-2.71, 53.75, 0.01))]]),
      feature(
        "E05000002",
        [
          "type": "MultiPolygon",
          "coordinates": [
            [ring(square(-2.70, 53.75, 0.01)), ring(square(-2.697, 53.753, 0.004)).reversed()],
            [ring(square(-2.68, 53.75, 0.002))],
          ],
        ]),
      feature(
        "E05000003",
        ["type": "Polygon", "coordinates": [ring(Array(square(-2.66, 53.75, 0.01).dropLast()))]]),
      feature(
        "E05000004",
        [
          "type": "Polygon",
          "coordinates": [
            ring([
              [-2.65, 53.75], [-2.64, 53.76], [-2.64, 53.75], [-2.65, 53.76], [-2.65, 53.75],
            ])
          ],
        ]),
      feature(
        "E05000005", ["type": "LineString", "coordinates": ring(square(-2.63, 53.75, 0.01))]),
      feature(
        "E05000006",
        [
          "type": "Polygon",
          "coordinates": [[[true, 53.75], [-2.62, 53.75], [-2.62, 53.76], [true, 53.75]]],
        ]),
      feature(nil, ["type": "Polygon", "coordinates": [ring(square(-2.60, 53.75, 0.01))]]),
    ]
    var root: [String: Any] = ["type": "FeatureCollection", "features": features]
    if project {
      root["crs"] = ["type": "name", "properties": ["name": "urn:ogc:def:crs:EPSG::27700"]]
    }
    return try JSONSerialization.data(withJSONObject: root)
  }

  @Test func readsBothCoordinateSystemsToTheSameShapes() throws {
    let wgs84 = try BoundaryFeatures.read(try Self.collection(project: false), source: "w.geojson")
    let grid = try BoundaryFeatures.read(try Self.collection(project: true), source: "b.geojson")
    #expect(wgs84.coordinateSystem == .wgs84 && grid.coordinateSystem == .britishNationalGrid)
    for read in [wgs84, grid] {
      #expect(read.level == .ward && read.vintage == "WD24")
      #expect(read.features.map(\.code) == ["E05000001", "E05000002"])
      #expect(read.features[1].name == "Ward E05000002")
      #expect(read.features[1].shape.polygons.count == 2)
      #expect(read.features[1].shape.polygons[0].holes.count == 1)
    }
    for (a, b) in zip(wgs84.features, grid.features) {
      #expect(abs(a.shape.area - b.shape.area) < 1e-6 * a.shape.area)
    }
    // 0.01° of latitude is about 1,113 m here, and of longitude 659 m.
    let square = wgs84.features[0].shape.area
    #expect(abs(square - 1_113 * 659) < 0.01 * square, "\(square)")
    // The second: the same square, less a hole of 0.4 x 0.4 of it, plus an island of 0.2 x 0.2.
    #expect(abs(wgs84.features[1].shape.area / square - (1 - 0.16 + 0.04)) < 0.005)
  }

  @Test func rejectsEachBrokenFeatureWithItsReasonAndKeepsTheRest() throws {
    for project in [false, true] {
      let read = try BoundaryFeatures.read(try Self.collection(project: project), source: "x")
      #expect(
        read.rejected == [
          .init(number: 3, code: "E05000003", reason: "a ring that is not closed"),
          .init(number: 4, code: "E05000004", reason: "ring 1 crosses itself"),
          .init(
            number: 5, code: "E05000005", reason: "a LineString, not a Polygon or MultiPolygon"),
          .init(
            number: 6, code: "E05000006", reason: "a coordinate is not a pair of finite numbers"),
          .init(number: 7, code: nil, reason: "no WD24CD"),
        ], "\(project)")
    }
  }

  @Test func readsOtherSpellingsOfTheKeysAndCodesAsTheSame() throws {
    // Keys in lower case or padded, a code in lower case with a no-break space, a name
    // with doubled spaces; a code that is not a GSS code; a code given twice.
    let square =
      ["type": "Polygon", "coordinates": [Self.square(-2.71, 53.75, 0.01)]] as [String: Any]
    func feature(_ code: String, _ name: String) -> [String: Any] {
      ["type": "Feature", "properties": [" wd24cd": code, "Wd24Nm ": name], "geometry": square]
    }
    let root: [String: Any] = [
      "type": "FeatureCollection",
      "features": [
        feature("e05000001\u{00A0}", "Fishwick  and\u{2003}Frenchwood"),
        feature("Fishwick", "Fishwick"),
        feature("E05000001", "Fishwick again"),
      ],
    ]
    let read = try BoundaryFeatures.read(
      try JSONSerialization.data(withJSONObject: root), source: "x.geojson")
    #expect(read.level == .ward && read.vintage == "WD24")
    #expect(read.features.map(\.code) == ["E05000001"])
    #expect(read.features[0].name == "Fishwick and Frenchwood")
    #expect(read.rejected.map(\.number) == [2, 3])
    #expect(read.rejected[0].reason.hasPrefix(" wd24cd 'Fishwick' is not a GSS code"))
    #expect(read.rejected[1].reason == "E05000001 again (feature 1 has it and is kept)")
  }

  @Test func refusesAFileThatIsNotWardOrDistrictBoundaries() {
    for (text, message) in [
      ("{\"type\": \"Feature\"}", "not a GeoJSON FeatureCollection"),
      ("not json", "not JSON"),
      (
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
          + "\"properties\": {\"LSOA21CD\": \"E01\"}, \"geometry\": null}]}",
        "no ward or district code property"
      ),
    ] {
      let error = #expect(throws: ReferenceError.self) {
        try BoundaryFeatures.read(Data(text.utf8), source: "x.geojson")
      }
      #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
  }

  @Test func findsTheSegmentsOfARingThatTouchOrCross() {
    let bowTie = Ring(points: [
      .init(x: 0, y: 0), .init(x: 10, y: 10), .init(x: 10, y: 0), .init(x: 0, y: 10),
      .init(x: 0, y: 0),
    ])
    let square = Ring(points: [
      .init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 10), .init(x: 0, y: 10),
      .init(x: 0, y: 0),
    ])
    // A ring that comes back to touch one of its own corners.
    let pinched = Ring(points: [
      .init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 5, y: 5), .init(x: 10, y: 10),
      .init(x: 0, y: 10), .init(x: 5, y: 5), .init(x: 0, y: 0),
    ])
    #expect(bowTie.selfIntersects && pinched.selfIntersects && !square.selfIntersects)
    // A thousand-point circle is simple; pushing one point across the far side is not.
    var circle = (0..<1000).map { step -> GeoPoint in
      let angle = Double(step) / 1000 * 2 * .pi
      return GeoPoint(x: 1000 * cos(angle), y: 1000 * sin(angle))
    }
    circle.append(circle[0])
    #expect(!Ring(points: circle).selfIntersects)
    circle[250] = GeoPoint(x: 0, y: -1500)
    #expect(Ring(points: circle).selfIntersects)
  }
}

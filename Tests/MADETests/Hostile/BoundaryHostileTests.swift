import Foundation
import Testing

@testable import MADE

/// Boundary files as a careless or hostile source would send them (found by a review of the
/// loader): a stray feature in other units, a `crs` that lies, rings that only cross once
/// rounded, rings with no area, holes outside their polygon, repeated points. Each bad
/// feature is rejected alone with its reason; a file that draws none of the area replaces
/// nothing.
@Suite struct BoundaryHostileTests {
  /// A Feature of one ward with one ring (coordinates as given).
  static func feature(_ code: String, _ rings: [[[Double]]]) -> String {
    let coordinates = rings.map { ring in
      "[" + ring.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",") + "]"
    }.joined(separator: ",")
    return #"{"type":"Feature","properties":{"WD24CD":""# + code + #"","WD24NM":"W"},"#
      + #""geometry":{"type":"Polygon","coordinates":["# + coordinates + "]}}"
  }

  static func collection(_ features: [String], crs: String? = nil) -> String {
    let member = crs.map { #""crs":{"type":"name","properties":{"name":""# + $0 + #""}},"# } ?? ""
    return #"{"type":"FeatureCollection","# + member + #""features":["#
      + features.joined(separator: ",") + "]}"
  }

  /// A square in British National Grid metres near Preston.
  static func square(_ x: Double, _ y: Double, _ size: Double = 1000) -> [[Double]] {
    [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
  }

  func load(_ text: String, in test: TestWorkspace, name: String = "b.geojson") throws
    -> BoundaryLoad
  {
    let url = test.root.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return try test.pipeline.loadBoundaries(path: url.path, neighbours: false)
  }

  func refusal(_ text: String, in test: TestWorkspace) throws -> String {
    do {
      _ = try load(text, in: test)
      return "loaded"
    } catch { return "\(error)" }
  }

  @Test func aStrayFeatureInMetresIsRejectedAloneNotTakenForTheFilesSystem() throws {
    let test = try BoundaryLoaderTests.workspace()
    // The test's wards in degrees without a crs, and one feature in metres.
    var text = String(
      decoding: try BoundaryLoaderTests.collection(britishNationalGrid: false), as: UTF8.self)
    text = text.replacingOccurrences(
      of: #"]}"#, with: "," + Self.feature("E05900009", [Self.square(500_000, 500_000, 10)]) + "]}",
      options: .backwards, range: text.range(of: "]}", options: .backwards))
    let load = try load(text, in: test)
    #expect(load.coordinateSystem == "WGS84")
    #expect(load.stored == 3, "\(load)")
  }

  @Test func aCrsThatLiesLoadsNothingAndKeepsWhatWasStored() throws {
    let test = try BoundaryLoaderTests.workspace()
    let url = test.root.appendingPathComponent("good.geojson")
    try BoundaryLoaderTests.collection(britishNationalGrid: false).write(to: url)
    _ = try test.pipeline.loadBoundaries(path: url.path, neighbours: false)
    #expect(try test.count("SELECT count(*) FROM ref_boundaries") == 3)
    // Degrees, but the crs says British National Grid.
    let degrees = Self.collection(
      [
        Self.feature(
          "E05900001", [[[-2.7, 53.7], [-2.69, 53.7], [-2.69, 53.71], [-2.7, 53.7]]])
      ],
      crs: "urn:ogc:def:crs:EPSG::27700")
    let message = try refusal(degrees, in: test)
    #expect(
      message.contains(
        "its coordinates are longitude and latitude, but the file's are British "
          + "National Grid metres (as its crs says)"), "\(message)")
    #expect(try test.count("SELECT count(*) FROM ref_boundaries") == 3)
  }

  @Test func aRingThatCrossesOnlyOnceRoundedIsRejectedAloneAndTheRestSimplified() throws {
    let test = try BoundaryLoaderTests.workspace()
    // A narrow inlet whose tip rounds onto the opposite edge.
    let inlet: [[Double]] = [
      [397000, 400000], [397100, 400000], [397100, 400100], [397050.6, 400100],
      [397050.3, 400000.4], [397050, 400100], [397000, 400100], [397000, 400000],
    ]
    let wavy = BoundaryLoaderTests.wavyMeridian(-2.70, 53.75, 53.77).map {
      let grid = BritishNationalGrid.project(longitude: $0[0], latitude: $0[1])
      return [grid.easting, grid.northing]
    }
    let west =
      [[wavy[0][0] - 1000, wavy[0][1]]] + wavy + [
        [wavy[0][0] - 1000, wavy.last![1]], [wavy[0][0] - 1000, wavy[0][1]],
      ]
    let load = try load(
      Self.collection(
        [Self.feature("E05900001", [inlet]), Self.feature("E05900002", [west])],
        crs: "urn:ogc:def:crs:EPSG::27700"), in: test)
    #expect(load.rejected.map(\.code) == ["E05900001"])
    #expect(
      load.rejected.first?.reason == "ring 1 crosses itself once rounded to whole metres",
      "\(load.rejected)")
    #expect(load.stored == 1 && load.tolerance >= BoundaryLoader.minimumTolerance)
    #expect(load.pointsStored < load.pointsRead)
    let finding = try #require(try test.pipeline.verify().first { $0.check == "boundaries draw" })
    #expect(finding.passed, "\(finding)")
  }

  @Test func ringsWithNoAreaAndHolesOutsideTheirPolygonAreRejectedWithTheirReason() throws {
    let test = try BoundaryLoaderTests.workspace()
    let crs = "urn:ogc:def:crs:EPSG::27700"
    let load = try load(
      Self.collection(
        [
          Self.feature(
            "E05900001",
            [[[397000, 400000], [398000, 400000], [399000, 400000], [397000, 400000]]]),
          Self.feature(
            "E05900002",
            [Self.square(390_000, 400_000), Self.square(380_000, 400_000, 100).reversed()]),
          Self.feature("E05900003", [Self.square(391_000, 400_000)]),
          // A point repeated at once is the same outline, not a crossing.
          Self.feature(
            "E05900004",
            [
              [
                [392000, 400000], [393000, 400000], [393000, 400000], [393000, 401000],
                [392000, 400000],
              ]
            ]),
          // West of the grid: rejected here as `made verify` would.
          Self.feature("E05900009", [Self.square(-50_000, 400_000)]),
        ], crs: crs), in: test)
    let reasons = Dictionary(uniqueKeysWithValues: load.rejected.map { ($0.code ?? "", $0.reason) })
    #expect(reasons["E05900001"] == "ring 1 has no area", "\(reasons)")
    #expect(reasons["E05900002"] == "ring 2 is a hole outside its polygon's outer ring")
    #expect(reasons["E05900004"] == nil)
    #expect(load.stored == 2, "\(load)")
    #expect(load.rejectedElsewhere == 1)
    let finding = try #require(try test.pipeline.verify().first { $0.check == "boundaries draw" })
    #expect(finding.passed, "\(finding)")
  }

  @Test func loadingBoundariesOrChangingTheMapsMakesThePacksStale() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.export()
    func current() throws -> Bool {
      try test.warehouse().packsAreCurrent(settings: test.pipeline.packSettings)
    }
    #expect(try current())
    let url = test.root.appendingPathComponent("w.geojson")
    try BoundaryLoaderTests.collection(britishNationalGrid: false).write(to: url)
    _ = try test.pipeline.loadBoundaries(path: url.path, neighbours: false)
    #expect(try !current(), "nightly would keep packs without their maps")
    _ = try test.pipeline.export()
    #expect(try current())
    let config = try String(contentsOf: test.workspace.configURL, encoding: .utf8)
      .replacingOccurrences(of: "maps = \"comparison\"", with: "maps = \"quintiles\"")
    try config.write(to: test.workspace.configURL, atomically: true, encoding: .utf8)
    let reread = try Pipeline(workspace: test.workspace)
    #expect(
      try !test.warehouse().packsAreCurrent(settings: reread.packSettings),
      "nightly would keep packs in the old colouring")
  }
}

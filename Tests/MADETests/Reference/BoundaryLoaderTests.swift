import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// `made reference load boundaries`: ONS GeoJSON in either coordinate system, or zipped,
/// stored for the area only, simplified together, projected and in whole metres.
@Suite struct BoundaryLoaderTests {
  /// A line of `steps` points from (lon, south) to (lon, north), waving ~150 m east and west
  /// with a fixed pseudo-random jitter of ~10 m, so simplification has work to do.
  static func wavyMeridian(_ lon: Double, _ south: Double, _ north: Double, steps: Int = 160)
    -> [[Double]]
  {
    var seed: UInt64 = UInt64(abs(lon * 1e4))
    return (0...steps).map { step in
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let jitter = (Double(seed >> 33) / Double(1 << 31) - 0.5) * 0.0003
      let wave = step == 0 || step == steps ? 0 : 0.002 * sin(Double(step) * 0.15) + jitter
      return [lon + wave, south + (north - south) * Double(step) / Double(steps)]
    }
  }

  static func square(_ west: Double, _ south: Double, _ size: Double) -> [[Double]] {
    [
      [west, south], [west + size, south], [west + size, south + size], [west, south + size],
      [west, south],
    ]
  }

  /// The test's wards, in degrees:
  /// - E05900001 (Preston): a square with a hole, and an island: a MultiPolygon;
  /// - E05900002 (Preston): the ward filling that hole;
  /// - E05900003 (Chorley): east of the first, across a wavy border;
  /// - E05900009 (Wigan, outside the area): east of that, touching it;
  /// - E05900004 (Chorley): a ring that crosses itself, so rejected.
  static func wards() -> [(code: String, polygons: [[[[Double]]]])] {
    let border = wavyMeridian(-2.70, 53.75, 53.77)
    let west = [[-2.72, 53.75]] + border + [[-2.72, 53.77], [-2.72, 53.75]]
    let east = [[-2.68, 53.75], [-2.68, 53.77]] + border.reversed() + [[-2.68, 53.75]]
    let hole = square(-2.715, 53.755, 0.008)
    return [
      ("E05900001", [[west, hole.reversed()], [square(-2.735, 53.775, 0.004)]]),
      ("E05900002", [[hole]]),
      ("E05900003", [[east]]),
      ("E05900009", [[square(-2.68, 53.75, 0.02)]]),
      (
        "E05900004",
        [[[[-2.65, 53.75], [-2.64, 53.76], [-2.64, 53.75], [-2.65, 53.76], [-2.65, 53.75]]]]
      ),
    ]
  }

  /// The wards as a FeatureCollection, in WGS84 or projected to British National Grid.
  static func collection(britishNationalGrid: Bool, only codes: Set<String>? = nil) throws
    -> Data
  {
    func position(_ point: [Double]) -> [Double] {
      guard britishNationalGrid else { return point }
      let grid = BritishNationalGrid.project(longitude: point[0], latitude: point[1])
      return [grid.easting, grid.northing]
    }
    let features = wards().filter { codes?.contains($0.code) ?? true }.map {
      ward -> [String: Any] in
      let polygons = ward.polygons.map { $0.map { $0.map(position) } }
      return [
        "type": "Feature",
        "properties": ["WD24CD": ward.code, "WD24NM": "Ward \(ward.code)", "GlobalID": "x"],
        "geometry": polygons.count == 1
          ? ["type": "Polygon", "coordinates": polygons[0]]
          : ["type": "MultiPolygon", "coordinates": polygons],
      ]
    }
    var root: [String: Any] = ["type": "FeatureCollection", "features": features]
    if britishNationalGrid {
      root["crs"] = ["type": "name", "properties": ["name": "urn:ogc:def:crs:EPSG::27700"]]
    }
    return try JSONSerialization.data(withJSONObject: root)
  }

  /// A workspace whose ward lookup has the test's wards.
  static func workspace() throws -> TestWorkspace {
    let test = try TestWorkspace()
    let lookup = test.root.appendingPathComponent("wards.csv")
    try """
    WD24CD,WD24NM,LAD24CD,LAD24NM
    E05900001,Ward E05900001,E07000123,Preston
    E05900002,Ward E05900002,E07000123,Preston
    E05900003,Ward E05900003,E07000118,Chorley
    E05900004,Ward E05900004,E07000118,Chorley
    E05900009,Ward E05900009,E08000010,Wigan

    """.write(to: lookup, atomically: true, encoding: .utf8)
    _ = try test.pipeline.loadReference(.wards, path: lookup.path, year: nil)
    return test
  }

  func write(_ data: Data, _ name: String, in test: TestWorkspace) throws -> String {
    let url = test.root.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
  }

  /// The stored shapes by code.
  func stored(_ test: TestWorkspace) throws -> [String: Shape] {
    var shapes: [String: Shape] = [:]
    for row in try test.warehouse().query("SELECT geo_code, geometry FROM ref_boundaries") {
      shapes[row[0].string!] = try Shape.fromStored(row[1].string!)
    }
    return shapes
  }

  @Test(arguments: [false, true])
  func storesTheAreasShapesSimplifiedProjectedAndWithoutGaps(britishNationalGrid: Bool) throws {
    let test = try Self.workspace()
    let data = try Self.collection(britishNationalGrid: britishNationalGrid)
    let path = try write(data, "wards.geojson", in: test)
    let loader = BoundaryLoader(warehouse: try test.warehouse(), areaLADs: Config.lancashireLADs)
    // A budget well under the file's points, so the tolerance is more than the minimum.
    let load = try loader.load(path: path, neighbours: false, pointBudget: 100)
    #expect(load.level == .ward && load.vintage == "WD24")
    #expect(load.coordinateSystem == (britishNationalGrid ? "British National Grid" : "WGS84"))
    #expect(load.stored == 3 && load.neighbours == 0)
    #expect(load.rejected.map(\.code) == ["E05900004"])
    #expect(load.rejected.first?.reason.contains("crosses itself") == true)
    #expect(load.missing == ["E05900004"])
    #expect(
      load.tolerance > BoundaryLoader.minimumTolerance,
      "\(load.tolerance) m: \(load.pointsRead) to \(load.pointsStored) points")
    #expect(load.pointsStored <= 100 && load.pointsStored < load.pointsRead)
    // What the operator is told: the rejected feature and the ward left off the maps.
    let warnings = load.reportLines(file: "w.geojson").filter(\.isWarning).map(\.text)
    #expect(warnings.count == 2, "\(warnings)")
    #expect(warnings.first?.hasPrefix("feature 5 (E05900004) not loaded: ring 1 crosses") == true)
    #expect(warnings.last?.contains("1 of the area's wards have no boundary") == true)

    let original = Dictionary(
      uniqueKeysWithValues: try BoundaryFeatures.read(data, source: path).features.map {
        ($0.code, $0.shape)
      })
    let shapes = try stored(test)
    #expect(shapes.keys.sorted() == ["E05900001", "E05900002", "E05900003"])
    for (code, shape) in shapes {
      let before = try #require(original[code])
      #expect(abs(shape.area - before.area) < 0.02 * before.area, "\(code)")
      // British National Grid metres around Preston, whole numbers.
      for point in shape.rings.flatMap(\.points) {
        #expect((340_000...360_000).contains(point.x) && (425_000...435_000).contains(point.y))
        #expect(point.x == point.x.rounded() && point.y == point.y.rounded())
      }
      #expect(shape.rings.allSatisfy { !$0.selfIntersects })
    }
    let first = try #require(shapes["E05900001"])
    #expect(first.polygons.count == 2 && first.polygons[0].holes.count == 1)
    // Outer rings anticlockwise, holes clockwise.
    #expect(first.polygons[0].outer.doubleSignedArea > 0)
    #expect(first.polygons[0].holes[0].doubleSignedArea < 0)
    // No gap: the ward in the hole is drawn with the hole's own points, and the wavy border
    // is the same points in both wards beside it.
    #expect(
      Set(try #require(shapes["E05900002"]).rings[0].points)
        == Set(first.polygons[0].holes[0].points))
    let border = BritishNationalGrid.project(longitude: -2.70, latitude: 53.76).easting
    func onBorder(_ shape: Shape) -> Set<GeoPoint> {
      Set(shape.rings[0].points.filter { abs($0.x - border) < 400 })
    }
    let west = onBorder(first)
    let east = onBorder(try #require(shapes["E05900003"]))
    #expect(west.count > 2 && west == east)
    // Together the three wards keep the area they had (no gap, no overlap).
    let total = shapes.values.map(\.area).reduce(0, +)
    let totalBefore = ["E05900001", "E05900002", "E05900003"].map { original[$0]!.area }
      .reduce(0, +)
    #expect(abs(total - totalBefore) < 0.02 * totalBefore)
  }

  @Test func bothCoordinateSystemsStoreTheSameShapes() throws {
    var stored: [[String: Shape]] = []
    for britishNationalGrid in [false, true] {
      let test = try Self.workspace()
      let path = try write(
        try Self.collection(britishNationalGrid: britishNationalGrid), "w.geojson", in: test)
      _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
      stored.append(try self.stored(test))
    }
    #expect(stored[0].keys.sorted() == stored[1].keys.sorted())
    for (code, shape) in stored[0] {
      let other = try #require(stored[1][code])
      #expect(shape.pointCount == other.pointCount)
      for (a, b) in zip(shape.rings.flatMap(\.points), other.rings.flatMap(\.points)) {
        #expect(abs(a.x - b.x) <= 1 && abs(a.y - b.y) <= 1)
      }
    }
  }

  @Test func keepsNeighboursOnlyWhenAskedAndAnotherLoadReplacesTheLevel() throws {
    let test = try Self.workspace()
    let path = try write(try Self.collection(britishNationalGrid: false), "w.geojson", in: test)
    let load = try test.pipeline.loadBoundaries(path: path, neighbours: true)
    #expect(load.stored == 3 && load.neighbours == 1)
    #expect(try test.count("SELECT count(*) FROM ref_boundaries WHERE geo_code = 'E05900009'") == 1)
    _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
    #expect(try test.count("SELECT count(*) FROM ref_boundaries") == 3)
    #expect(
      try test.strings("SELECT kind, vintage, rows FROM reference_loads WHERE kind = 'boundaries'")
        == ["boundaries|WD24|4", "boundaries|WD24|3"])
  }

  @Test func readsTheGeoJSONInsideAZipAndSaysWhatIsWrongWithOtherZips() throws {
    let test = try Self.workspace()
    func zip(_ members: [String: Data]) throws -> String {
      let archive = try Archive(data: Data(), accessMode: .create)
      for (name, data) in members.sorted(by: { $0.key < $1.key }) {
        try archive.addEntry(
          with: name, type: .file, uncompressedSize: Int64(data.count),
          compressionMethod: .deflate
        ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
      }
      return try write(archive.data!, "download-\(members.count).zip", in: test)
    }
    let json = try Self.collection(britishNationalGrid: false)
    let good = try zip([
      "WD_DEC_2024_UK_BGC.geojson": json, "__MACOSX/._WD_DEC_2024_UK_BGC.geojson": Data("x".utf8),
      "metadata.txt": Data("about".utf8),
    ])
    #expect(try test.pipeline.loadBoundaries(path: good, neighbours: false).stored == 3)
    #expect {
      try test.pipeline.loadBoundaries(
        path: try zip(["wards.shp": Data([0, 0, 39, 10]), "wards.dbf": Data()]), neighbours: false)
    } throws: { "\($0)".contains("That is a shapefile: download the GeoJSON") }
    #expect {
      try test.pipeline.loadBoundaries(
        path: try zip(["a.geojson": json, "b.json": json]), neighbours: false)
    } throws: { "\($0)".contains("2 GeoJSON files in the zip (a.geojson, b.json)") }
  }

  @Test func refusesWhatIsNotTheAreasBoundariesWithAReason() throws {
    let test = try Self.workspace()
    func refusal(_ text: String) throws -> String {
      let path = try write(Data(text.utf8), "bad-\(text.count).geojson", in: test)
      do {
        _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
        return "loaded"
      } catch { return "\(error)" }
    }
    #expect(try refusal("{\"type\": \"Feature").contains("not JSON"))
    #expect(try refusal("[1, 2]").contains("not a GeoJSON FeatureCollection"))
    #expect(
      try refusal(
        #"{"type":"FeatureCollection","features":[{"properties":{"LSOA21CD":"E01000001"}}]}"#
      )
      .contains("no ward or district code property"))
    // Wards of another vintage: none is the area's.
    let other =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WD19CD":"E05000001","WD19NM":"Old"},"geometry":{"type":"Polygon","coordinates":[[[-2.7,53.7],[-2.69,53.7],[-2.69,53.71],[-2.7,53.7]]]}}]}"#
    let message = try refusal(other)
    #expect(message.contains("none of its 1 ward boundaries (WD19)"), "\(message)")
    #expect(message.contains("ward lookup (2024)"), "\(message)")
    // Metres far beyond Great Britain: rejected, not stored (nor a crash on whole metres).
    let far =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WD24CD":"E05900001","WD24NM":"Far"},"geometry":{"type":"Polygon","coordinates":[[[1e300,4e5],[1e300,4.1e5],[3.6e5,4.1e5],[1e300,4e5]]]}}]}"#
    #expect(
      try refusal(far).contains(
        "none of the area's ward boundaries can be drawn: 1 rejected, the first feature 1 "
          + "(E05900001) because a point is outside Great Britain"))
    // A device or a link to one is refused at once, not read forever.
    let link = test.root.appendingPathComponent("zero.geojson")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
    #expect(throws: (any Error).self) { try BoundaryDownload.read(path: link.path) }
    // A file too big is refused before it is read into memory.
    let big = try write(Data(count: 2048), "big.geojson", in: test)
    #expect(throws: ReferenceError.self) { try BoundaryDownload.read(path: big, sizeLimit: 1024) }
    // Nothing was stored by any of them.
    #expect(try test.count("SELECT count(*) FROM ref_boundaries") == 0)
  }

  @Test func loadingBoundariesRecomputesNoIndicator() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    let path = try write(
      try Self.collection(britishNationalGrid: false), "w.geojson", in: test)
    _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
    let after = try test.pipeline.aggregate()
    #expect(after.indicatorsRecomputed.isEmpty, "\(after.indicatorsRecomputed)")
    let scanned = after.monthsScanned.values.flatMap { $0 }
    #expect(scanned.isEmpty, "\(after.monthsScanned)")
  }

  @Test func statusListsTheWardsWithRecordsButNoBoundary() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    var status = try test.pipeline.status()
    #expect(status.boundaries.isEmpty && status.wardsWithoutBoundary.isEmpty)
    #expect("\(status)".contains("boundaries       none: packs have no maps"))
    let path = try write(
      try Self.collection(britishNationalGrid: false, only: ["E05900002"]), "one.geojson",
      in: test)
    _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
    let withRecords = try test.strings(
      """
      SELECT DISTINCT geo_code FROM indicator_values
      WHERE geo_type = 'ward' AND numerator > 0 AND geo_code <> 'E05900002' ORDER BY 1
      """)
    #expect(!withRecords.isEmpty)
    status = try test.pipeline.status()
    #expect(status.wardsWithoutBoundary.map(\.code) == withRecords)
    #expect(status.boundaries.map(\.count) == [1])
    let text = "\(status)"
    #expect(text.contains("WARNING: wards with records but no boundary"))
    #expect(text.contains("boundaries       1 ward (WD24)"))
  }

  @Test func verifyNoticesABoundaryEditedByHand() throws {
    let test = try Self.workspace()
    let path = try write(try Self.collection(britishNationalGrid: false), "w.geojson", in: test)
    _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
    func finding() throws -> Verification.Finding {
      try #require(try test.pipeline.verify().first { $0.check == "boundaries draw" })
    }
    let clean = try finding()
    #expect(clean.passed, "\(clean)")
    let connection = try SQLiteConnection(
      path: test.root.appendingPathComponent("warehouse.sqlite").path)
    // A ring that crosses itself, and a shape in degrees.
    try connection.execute(
      """
      UPDATE ref_boundaries SET geometry =
        '{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}'
      WHERE geo_code = 'E05900002';
      UPDATE ref_boundaries SET geometry =
        '{"type":"Polygon","coordinates":[[[-2.7,53.7],[-2.6,53.7],[-2.6,53.8],[-2.7,53.7]]]}'
      WHERE geo_code = 'E05900003'
      """)
    let broken = try finding()
    #expect(!broken.passed)
    #expect(broken.detail.contains("ward E05900002: ring 1 crosses itself"), "\(broken)")
    #expect(broken.detail.contains("ward E05900003: not in British National Grid"), "\(broken)")
    // Its stored area no longer its own.
    _ = try test.pipeline.loadBoundaries(path: path, neighbours: false)
    try connection.execute(
      "UPDATE ref_boundaries SET area_m2 = area_m2 * 2 WHERE geo_code = 'E05900001'")
    let area = try finding()
    #expect(area.detail.contains("ward E05900001: area"), "\(area)")
  }

  @Test func theCommandSaysWhatItKeptAndWarnsOfWhatItCouldNot() throws {
    let test = try Self.workspace()
    let path = try write(try Self.collection(britishNationalGrid: true), "w.geojson", in: test)
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
      let process = Process()
      process.executableURL = CrashSafetyTests.madeExecutable
      process.arguments = arguments + ["--workspace", test.root.path]
      let (out, err) = (Pipe(), Pipe())
      process.standardOutput = out
      process.standardError = err
      try process.run()
      let output = out.fileHandleForReading.readDataToEndOfFile()
      let errors = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (
        process.terminationStatus, String(decoding: output, as: UTF8.self),
        String(decoding: errors, as: UTF8.self)
      )
    }
    let loaded = try run(["reference", "load", "boundaries", path, "--neighbours"])
    #expect(loaded.status == 0, "\(loaded)")
    #expect(
      loaded.out.contains(
        "Loaded 3 ward boundaries of the area and 1 neighbouring from \(path) (WD24, British "
          + "National Grid)"), "\(loaded.out)")
    #expect(
      loaded.err.contains("warning: feature 5 (E05900004) not loaded: ring 1 crosses itself"),
      "\(loaded.err)")
    let misused = try run(["reference", "load", "wards", path, "--neighbours"])
    #expect(misused.status == 2 && misused.err.contains("--neighbours is for boundaries only"))
  }
}

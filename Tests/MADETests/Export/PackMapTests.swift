import Foundation
import Testing

@testable import MADE

/// The report's maps (`PackReport+Maps`): the children with a boundary drawn and filled as
/// their rows say, withheld ones hatched with `c` and no number, the rest listed in a note,
/// fifths when asked for, and no map at all without boundaries.
@Suite struct PackMapTests {
  /// A square ward `size` metres across with its south-west corner at (`x`, `y`) metres.
  static func outline(_ area: Pack.Area, x: Double, y: Double, size: Double = 1000)
    -> PackMap.Outline
  {
    let points = [(0.0, 0.0), (1, 0), (1, 1), (0, 1), (0, 0)].map {
      GeoPoint(x: x + $0.0 * size, y: y + $0.1 * size)
    }
    return PackMap.Outline(
      code: area.geoCode, name: area.geoName, vintage: "WD24",
      shape: Shape(polygons: [Polygon(outer: Ring(points: points), holes: [])]))
  }

  /// The test pack's three wards side by side, and a ward of another district beside them.
  static func outlines() -> [String: PackMap.Outline] {
    let other = Pack.Area(geoType: .ward, geoCode: "E05000099", geoName: "Elsewhere")
    let list = [
      outline(PackReportTests.fishwick, x: 350_000, y: 430_000),
      outline(PackReportTests.script, x: 351_000, y: 430_000),
      outline(PackReportTests.quotes, x: 352_000, y: 430_000),
      outline(other, x: 353_000, y: 430_000),
    ]
    return Dictionary(uniqueKeysWithValues: list.map { ($0.code, $0) })
  }

  static func pack(
    colouring: Config.Export.MapColouring = .comparison,
    outlines: [String: PackMap.Outline] = outlines()
  ) throws -> Pack {
    var pack = try PackReportTests.pack()
    pack.map = PackMap.of(children: pack.children, outlines: outlines, colouring: colouring)
    return pack
  }

  @Test func drawsEachChildFilledAsItsRowSaysAndAWithheldOneWithoutANumber() throws {
    let pack = try Self.pack()
    var seen = MapAudit.Seen()
    MapAudit.check(pack, boundaries: Set(Self.outlines().keys), seen: &seen)
    #expect(seen.maps == 3 && seen.withheldDrawn == 1, "\(seen)")
    let figures = MapAudit.figures(in: PackReport.html(pack))
    let serious = try #require(figures.first { $0.indicator == "sv_offences" })
    #expect(serious.drawn["E05000001"]?.cssClass == "m-worse")
    #expect(serious.drawn["E05000002"]?.cssClass == "m-similar")
    #expect(serious.drawn["E05000003"]?.cssClass == "m-withheld")
    #expect(serious.labels == ["c"])
    #expect(
      serious.drawn["E05000001"]?.title
        == "Fishwick: 15.3 per 1,000 (95% interval 12.2 to 19.1); worse")
    // The neighbour is drawn grey, for context, without data.
    let html = PackReport.html(pack)
    #expect(html.contains("<g class=\"m-context\"><use href=\"#map-E05000099\"/></g>"))
    // Each outline is defined once, however many maps draw it.
    #expect(html.components(separatedBy: "<path id=\"map-E05000001\"").count == 2)
    // The hotspot map writes each ward's count on it.
    let hotspot = try #require(figures.first { $0.colouring == "partner-types" })
    #expect(hotspot.labels.sorted() == ["0", "1", "2"])
  }

  @Test func aChildWithoutABoundaryIsNamedInANoteNotDropped() throws {
    var outlines = Self.outlines()
    outlines["E05000002"] = nil
    let pack = try Self.pack(outlines: outlines)
    var seen = MapAudit.Seen()
    MapAudit.check(pack, boundaries: Set(outlines.keys), seen: &seen)
    #expect(seen.missingNoted == 1)
    let html = PackReport.html(pack)
    #expect(
      html.contains(
        "Not drawn: no boundary is loaded for 1 ward (&lt;script&gt;alert(1)&lt;/script&gt;)"))
  }

  @Test func withoutBoundariesThereIsNoMap() throws {
    let pack = try Self.pack(outlines: [:])
    #expect(pack.map == nil)
    let html = PackReport.html(pack)
    #expect(!html.contains("<figure class=\"map\"") && !html.contains("class=\"map-defs\""))
  }

  @Test func fifthsWhenAskedForAndBothSideBySide() throws {
    for (colouring, expected) in [
      (Config.Export.MapColouring.quintiles, ["quintiles", "quintiles", "partner-types"]),
      (.both, ["comparison", "quintiles", "comparison", "quintiles", "partner-types"]),
    ] {
      let pack = try Self.pack(colouring: colouring)
      let figures = MapAudit.figures(in: PackReport.html(pack))
      #expect(figures.map(\.colouring) == expected, "\(colouring)")
      var seen = MapAudit.Seen()
      MapAudit.check(pack, boundaries: Set(Self.outlines().keys), seen: &seen)
      // The withheld ward takes no fifth: the two published values are the lowest and the
      // highest of the map.
      let serious = try #require(
        figures.first { $0.indicator == "sv_offences" && $0.colouring == "quintiles" })
      #expect(serious.drawn["E05000003"]?.cssClass == "m-withheld")
      #expect(serious.drawn["E05000002"]?.cssClass == "m-q1")
      #expect(serious.drawn["E05000001"]?.cssClass == "m-q5")
    }
  }

  @Test func fifthsHoldAFifthOfTheValuesEachAndEqualValuesTogether() {
    let ten = (1...10).map(Double.init)
    #expect(
      ten.map { PackReport.Report.fifth(of: $0, among: ten) } == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
    let tied = [1.0, 2, 2, 2, 3, 4, 5, 6, 7, 8]
    #expect(
      tied.map { PackReport.Report.fifth(of: $0, among: tied) } == [0, 1, 1, 1, 2, 2, 3, 3, 4, 4])
    #expect([1.0, 9].map { PackReport.Report.fifth(of: $0, among: [1, 9]) } == [0, 4])
    #expect(PackReport.Report.fifth(of: 3, among: [3]) == 2)
  }

  @Test func theLabelOfACrescentIsInsideIt() throws {
    // A C-shaped ward: its centroid lies in the gap.
    let points = [
      (0.0, 0.0), (3000, 0), (3000, 1000), (1000, 1000), (1000, 2000), (3000, 2000),
      (3000, 3000), (0, 3000), (0, 0),
    ].map { GeoPoint(x: 350_000 + $0.0, y: 430_000 + $0.1) }
    let outline = PackMap.Outline(
      code: "E05000001", name: "C", vintage: "WD24",
      shape: Shape(polygons: [Polygon(outer: Ring(points: points), holes: [])]))
    let map = try #require(
      PackMap.of(
        children: [PackReportTests.fishwick], outlines: ["E05000001": outline],
        colouring: .comparison))
    let drawing = MapDrawing(map: map)
    let label = drawing.labelPoint(outline.shape)
    // Back in metres: inside the C's upright, not in its gap (x 1000…3000, y 1000…2000).
    let x = drawing.west + Double(label.x) / drawing.scale - 350_000
    #expect(x < 1000, "\(x)")
  }
}

import Foundation
import Testing

@testable import MADE

/// WGS84 to British National Grid (`BritishNationalGrid`), against the worked examples of
/// Ordnance Survey's "A guide to coordinate systems in Great Britain".
@Suite struct BritishNationalGridTests {
  static func degrees(_ d: Double, _ m: Double, _ s: Double) -> Double { d + m / 60 + s / 3600 }

  @Test func theProjectionGivesTheGuidesWorkedExample() {
    // Annex C: 52°39′27.2531″N 1°43′4.5177″E on OSGB36 is E 651409.903, N 313177.270.
    let grid = BritishNationalGrid.transverseMercator(
      latitude: Self.degrees(52, 39, 27.2531), longitude: Self.degrees(1, 43, 4.5177))
    #expect(abs(grid.easting - 651_409.903) < 0.001 && abs(grid.northing - 313_177.270) < 0.001)
  }

  @Test func wgs84PointsLandWithinMetresOfTheirGridReference() {
    // The same point (Caister water tower) in ETRS89: the Helmert step is good to a few
    // metres, not OSTN15's centimetres.
    let grid = BritishNationalGrid.project(
      longitude: Self.degrees(1, 42, 57.8663), latitude: Self.degrees(52, 39, 28.8282))
    #expect(abs(grid.easting - 651_409.903) < 5 && abs(grid.northing - 313_177.270) < 5, "\(grid)")
  }
}

import Foundation

/// WGS84 longitude and latitude to British National Grid (OSGB36 easting and northing, EPSG:27700).
///
/// The method is the one in Ordnance Survey's "A guide to coordinate systems in Great Britain"
/// (v3.6, 2020):
/// 1. Cartesian coordinates on GRS80 (ETRS89, which WGS84 matches to within a metre in Britain).
/// 2. The seven-parameter Helmert transformation to OSGB36 (§ 6.6, table 4).
/// 3. Latitude and longitude on the Airy 1830 ellipsoid.
/// 4. The National Grid's Transverse Mercator projection (annex C).
///
/// The Helmert step is accurate to a few metres. The exact transformation is OSTN15, a grid of
/// corrections. Maps of wards need no better: their outlines are simplified to tens of metres.
enum BritishNationalGrid {
  struct Ellipsoid {
    let a: Double
    let b: Double
    var eccentricitySquared: Double { (a * a - b * b) / (a * a) }
  }

  static let grs80 = Ellipsoid(a: 6_378_137.000, b: 6_356_752.3141)
  static let airy1830 = Ellipsoid(a: 6_377_563.396, b: 6_356_256.909)

  /// ETRS89 to OSGB36 (OS guide table 4): translations in metres, scale in ppm, rotations in
  /// seconds of arc.
  static let helmert = (
    tx: -446.448, ty: 125.157, tz: -542.060, scalePPM: 20.4894, rx: -0.1502, ry: -0.2470,
    rz: -0.8421
  )

  /// The National Grid's projection (OS guide table 10).
  static let scaleOnCentralMeridian = 0.9996012717
  static let trueOriginLatitude = 49.0
  static let trueOriginLongitude = -2.0
  static let falseEasting = 400_000.0
  static let falseNorthing = -100_000.0

  /// Whether a point in grid metres is on the grid: 0 to 700 km east, 0 to 1,300 km north,
  /// which holds Great Britain and its islands.
  static func covers(_ point: GeoPoint) -> Bool {
    (0...700_000).contains(point.x) && (0...1_300_000).contains(point.y)
  }

  /// Easting and northing in metres of a WGS84 point (degrees).
  static func project(longitude: Double, latitude: Double) -> (easting: Double, northing: Double) {
    let (latitude, longitude) = toOSGB36(latitude: latitude, longitude: longitude)
    return transverseMercator(latitude: latitude, longitude: longitude)
  }

  /// ETRS89 latitude and longitude (degrees, on the ground) to OSGB36's, by Helmert.
  static func toOSGB36(latitude: Double, longitude: Double) -> (latitude: Double, longitude: Double)
  {
    let φ = latitude * .pi / 180
    let λ = longitude * .pi / 180
    let e2 = grs80.eccentricitySquared
    let ν = grs80.a / (1 - e2 * sin(φ) * sin(φ)).squareRoot()
    let x = ν * cos(φ) * cos(λ)
    let y = ν * cos(φ) * sin(λ)
    let z = (1 - e2) * ν * sin(φ)
    let seconds = Double.pi / 180 / 3600
    let (rx, ry, rz) = (helmert.rx * seconds, helmert.ry * seconds, helmert.rz * seconds)
    let scale = 1 + helmert.scalePPM * 1e-6
    let x2 = helmert.tx + scale * x - rz * y + ry * z
    let y2 = helmert.ty + rz * x + scale * y - rx * z
    let z2 = helmert.tz - ry * x + rx * y + scale * z
    // Back to latitude on Airy 1830, by iteration (converges in a few steps).
    let airyE2 = airy1830.eccentricitySquared
    let p = (x2 * x2 + y2 * y2).squareRoot()
    var φ2 = atan2(z2, p * (1 - airyE2))
    for _ in 0..<10 {
      let ν2 = airy1830.a / (1 - airyE2 * sin(φ2) * sin(φ2)).squareRoot()
      let next = atan2(z2 + airyE2 * ν2 * sin(φ2), p)
      if abs(next - φ2) < 1e-12 {
        φ2 = next
        break
      }
      φ2 = next
    }
    return (φ2 * 180 / .pi, atan2(y2, x2) * 180 / .pi)
  }

  /// OSGB36 latitude and longitude (degrees) to easting and northing (OS guide annex C).
  static func transverseMercator(latitude: Double, longitude: Double) -> (
    easting: Double, northing: Double
  ) {
    let (a, b) = (airy1830.a, airy1830.b)
    let e2 = airy1830.eccentricitySquared
    let f0 = scaleOnCentralMeridian
    let φ = latitude * .pi / 180
    let λ = longitude * .pi / 180
    let φ0 = trueOriginLatitude * .pi / 180
    let λ0 = trueOriginLongitude * .pi / 180
    let n = (a - b) / (a + b)
    let (n2, n3) = (n * n, n * n * n)
    let sinφ = sin(φ)
    let cosφ = cos(φ)
    let tanφ = tan(φ)
    let ν = a * f0 / (1 - e2 * sinφ * sinφ).squareRoot()
    let ρ = a * f0 * (1 - e2) * pow(1 - e2 * sinφ * sinφ, -1.5)
    let η2 = ν / ρ - 1
    let m =
      b * f0
      * ((1 + n + 5 / 4 * n2 + 5 / 4 * n3) * (φ - φ0)
        - (3 * n + 3 * n2 + 21 / 8 * n3) * sin(φ - φ0) * cos(φ + φ0)
        + (15 / 8 * n2 + 15 / 8 * n3) * sin(2 * (φ - φ0)) * cos(2 * (φ + φ0))
        - 35 / 24 * n3 * sin(3 * (φ - φ0)) * cos(3 * (φ + φ0)))
    let i = m + falseNorthing
    let ii = ν / 2 * sinφ * cosφ
    let iii = ν / 24 * sinφ * pow(cosφ, 3) * (5 - tanφ * tanφ + 9 * η2)
    let iiia = ν / 720 * sinφ * pow(cosφ, 5) * (61 - 58 * tanφ * tanφ + pow(tanφ, 4))
    let iv = ν * cosφ
    let v = ν / 6 * pow(cosφ, 3) * (ν / ρ - tanφ * tanφ)
    let vi =
      ν / 120 * pow(cosφ, 5)
      * (5 - 18 * tanφ * tanφ + pow(tanφ, 4) + 14 * η2 - 58 * tanφ * tanφ * η2)
    let d = λ - λ0
    let northing = i + ii * d * d + iii * pow(d, 4) + iiia * pow(d, 6)
    let easting = falseEasting + iv * d + v * pow(d, 3) + vi * pow(d, 5)
    return (easting, northing)
  }
}

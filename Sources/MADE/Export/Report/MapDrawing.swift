import Foundation

/// Outlines in British National Grid drawn as inline SVG for a report: each outline's path is
/// written once, in a hidden `<svg>` of definitions, and every map of the page draws it with
/// `<use>`, so six maps of a county cost about the bytes of one.
///
/// The frame is the children's extent with a 5% margin (`PackMap.frame`), 1000 units wide
/// (or 1300 high for a tall area); coordinates are whole units, each path point relative to
/// the last, so a border two outlines share is drawn through the same points in both.
struct MapDrawing {
  let map: PackMap
  /// The SVG's units per metre, and the frame's corner (west, north) in metres.
  let scale: Double
  let west, north: Double
  let width, height: Double

  init(map: PackMap) {
    self.map = map
    let frame = PackMap.frame(of: map.children)
    let (spanX, spanY) = (frame.maxX - frame.minX, frame.maxY - frame.minY)
    scale = min(1000 / spanX, 1300 / spanY)
    west = frame.minX
    north = frame.maxY
    width = (spanX * scale).rounded()
    height = (spanY * scale).rounded()
  }

  /// An outline's id in the page: `map-E05012345`.
  static func id(_ code: String) -> String { "map-\(code)" }

  /// A point in the SVG's whole units.
  func place(_ point: GeoPoint) -> (x: Int, y: Int) {
    (Int(((point.x - west) * scale).rounded()), Int(((north - point.y) * scale).rounded()))
  }

  /// The path of a shape: `M` to each ring's first point, then `l` steps, `z`; steps that
  /// round to nothing are left out (even-odd filling draws the holes).
  func path(_ shape: Shape) -> String {
    var parts: [String] = []
    for ring in shape.rings {
      var points = ring.points.dropLast().map(place)
      points = points.enumerated().filter { $0.offset == 0 || $0.element != points[$0.offset - 1] }
        .map(\.element)
      guard points.count >= 3 else { continue }
      var text = "M\(points[0].x) \(points[0].y)"
      for (previous, point) in zip(points, points.dropFirst()) {
        text += "l\(point.x - previous.x) \(point.y - previous.y)"
      }
      parts.append(text + "z")
    }
    return parts.joined()
  }

  /// The hidden `<svg>` of every outline's path and the fill patterns; written once a page.
  func definitions() -> [String] {
    var lines = [
      "<svg class=\"map-defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\">",
      "<defs>",
    ]
    lines += Self.patterns
    for outline in map.children + map.context {
      lines.append("<path id=\"\(Self.id(outline.code))\" d=\"\(path(outline.shape))\"/>")
    }
    lines += ["</defs>", "</svg>"]
    return lines
  }

  /// Patterns drawn over the colours, so that a map printed in grey or read by someone who
  /// cannot tell the colours apart still shows the comparison: stripes for worse, dots for
  /// better, a cross-hatch for a withheld value.
  static let patterns = [
    "<pattern id=\"pattern-worse\" width=\"14\" height=\"14\" patternUnits=\"userSpaceOnUse\" "
      + "patternTransform=\"rotate(45)\"><rect width=\"14\" height=\"14\" fill=\"#d55e00\"/>"
      + "<rect width=\"5\" height=\"14\" fill=\"#f6c6a6\"/></pattern>",
    "<pattern id=\"pattern-better\" width=\"16\" height=\"16\" patternUnits=\"userSpaceOnUse\">"
      + "<rect width=\"16\" height=\"16\" fill=\"#0072b2\"/>"
      + "<circle cx=\"8\" cy=\"8\" r=\"3\" fill=\"#cfe3f2\"/></pattern>",
    "<pattern id=\"pattern-withheld\" width=\"12\" height=\"12\" patternUnits=\"userSpaceOnUse\">"
      + "<rect width=\"12\" height=\"12\" fill=\"#d9d9d9\"/>"
      + "<path d=\"M0 0l12 12M12 0l-12 12\" stroke=\"#737373\" stroke-width=\"1.5\"/></pattern>",
  ]

  /// A point inside a shape to label it: on the horizontal line through the middle of its
  /// largest polygon, the middle of the widest stretch inside it (a centroid can fall
  /// outside a crescent).
  func labelPoint(_ shape: Shape) -> (x: Int, y: Int) {
    let polygon = shape.polygons.max { $0.area < $1.area }!
    let ys = polygon.outer.points.map(\.y)
    // Just off the middle, so that the line passes through no vertex of whole metres.
    let y = (ys.min()! + ys.max()!) / 2 + 0.37
    var crossings: [Double] = []
    for ring in [polygon.outer] + polygon.holes {
      for (a, b) in zip(ring.points, ring.points.dropFirst())
      where (a.y <= y) != (b.y <= y) {
        crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
      }
    }
    crossings.sort()
    var best = (width: -1.0, x: polygon.outer.points[0].x)
    for index in stride(from: 0, to: crossings.count - 1, by: 2)
    where crossings[index + 1] - crossings[index] > best.width {
      best = (
        crossings[index + 1] - crossings[index], (crossings[index] + crossings[index + 1]) / 2
      )
    }
    return place(GeoPoint(x: best.x, y: y))
  }
}

/// The outlines a pack's maps draw: its wards (district or partnership pack) or districts
/// (county pack), and around them, in grey, the stored boundaries they touch or are near.
struct PackMap: Sendable, Equatable {
  struct Outline: Sendable, Equatable {
    var code: String
    var name: String
    /// The boundaries' vintage, e.g. `WD24`.
    var vintage: String
    /// British National Grid metres.
    var shape: Shape
  }

  /// The pack's children that have a boundary, in the pack's order.
  var children: [Outline]
  /// Other boundaries within the children's extent, drawn for context without data.
  var context: [Outline]
  /// The pack's children with no stored boundary: the map lists them in a note.
  var missing: [Pack.Area]
  /// How the children's maps are coloured (`[export] maps`).
  var colouring: Config.Export.MapColouring

  /// The map of `children` from the stored `outlines` of their level, or nil when none of
  /// them has one (the report then has no map).
  static func of(
    children: [Pack.Area], outlines: [String: Outline], colouring: Config.Export.MapColouring
  ) -> PackMap? {
    let drawn = children.compactMap { outlines[$0.geoCode] }
    guard !drawn.isEmpty else { return nil }
    let codes = Set(drawn.map(\.code))
    let bounds = drawn.map(\.shape.bounds)
    let (minX, maxX) = (bounds.map(\.minX).min()!, bounds.map(\.maxX).max()!)
    let (minY, maxY) = (bounds.map(\.minY).min()!, bounds.map(\.maxY).max()!)
    // What shows in the map's frame: the children's extent and a margin of 5%.
    let margin = max(maxX - minX, maxY - minY) * 0.05
    let context = outlines.values.filter { outline in
      let b = outline.shape.bounds
      return !codes.contains(outline.code) && b.maxX >= minX - margin && b.minX <= maxX + margin
        && b.maxY >= minY - margin && b.minY <= maxY + margin
    }.sorted { $0.code < $1.code }
    return PackMap(
      children: drawn, context: context,
      missing: children.filter { outlines[$0.geoCode] == nil }, colouring: colouring)
  }
}

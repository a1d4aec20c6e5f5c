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
    let frame = Self.frame(of: drawn)
    let context = outlines.values.filter { outline in
      let b = outline.shape.bounds
      return !codes.contains(outline.code) && b.maxX >= frame.minX && b.minX <= frame.maxX
        && b.maxY >= frame.minY && b.minY <= frame.maxY
    }.sorted { $0.code < $1.code }
    return PackMap(
      children: drawn, context: context,
      missing: children.filter { outlines[$0.geoCode] == nil }, colouring: colouring)
  }

  /// What a map shows: the outlines' extent with a margin of 5% of its longer side, in
  /// metres.
  static func frame(of outlines: [Outline]) -> (
    minX: Double, minY: Double, maxX: Double, maxY: Double
  ) {
    let bounds = outlines.map(\.shape.bounds)
    let (minX, maxX) = (bounds.map(\.minX).min()!, bounds.map(\.maxX).max()!)
    let (minY, maxY) = (bounds.map(\.minY).min()!, bounds.map(\.maxY).max()!)
    let margin = max(maxX - minX, maxY - minY, 1) * 0.05
    return (minX - margin, minY - margin, maxX + margin, maxY + margin)
  }

  /// The pack's child an outline draws.
  func child(_ outline: Outline, of pack: Pack) -> Pack.Area {
    pack.children.first { $0.geoCode == outline.code }!
  }
}

import Foundation

/// What a boundary load kept, simplified and rejected, for the operator.
public struct BoundaryLoad: Sendable {
  public struct Rejected: Sendable, Equatable {
    /// Position in the file's `features`, from 1.
    public var number: Int
    public var code: String?
    public var reason: String
  }

  /// `ward` or `lad`.
  public var level: GeoType
  /// The properties' prefix and year, e.g. `WD24`.
  public var vintage: String
  /// The coordinates as the file gave them: `WGS84` or `British National Grid`.
  public var coordinateSystem: String
  /// Boundaries of the area's wards or districts stored.
  public var stored: Int
  /// Boundaries of their neighbours stored for context (`--neighbours`).
  public var neighbours: Int
  /// The area's wards or districts the file has no usable boundary for: their maps show a
  /// note instead.
  public var missing: [String]
  /// Features of the file that cannot be drawn, with their reasons: those of the area and
  /// those without a code (outside the area, only counted in `rejectedElsewhere`).
  public var rejected: [Rejected]
  public var rejectedElsewhere: Int
  /// How far simplification may move an outline, in metres.
  public var tolerance: Double
  public var pointsRead: Int
  public var pointsStored: Int
  /// The largest change in a shape's area made by simplification, as a fraction (0.01 is 1%).
  public var largestAreaChange: Double
}

/// Loads ward or district boundaries (`made reference load boundaries`) into `ref_boundaries`:
/// only the area's (and with `neighbours` those touching them), simplified together so shared
/// borders stay shared, projected to British National Grid, in whole metres.
struct BoundaryLoader {
  let warehouse: Warehouse
  /// The area's districts (`[area] lad_codes`).
  let areaLADs: [String]

  /// Points the stored shapes of one load may hold in all: the area's map must stay small
  /// enough to draw inline. Measured (`scripts/bench --case boundaries`): 300 wards held to
  /// 24,768 points draw as 113 KB of SVG paths in one map (about 4.6 bytes a point, the
  /// points relative and in whole map units); 50,000 points stay under the ~300 KB the issue
  /// allows a county of ~300 wards, with half the tolerance.
  static let pointBudget = 50_000
  /// Detail finer than this is never kept: at A4 a district's map is drawn at ~20 m a pixel.
  static let minimumTolerance = 5.0

  func load(path: String, neighbours: Bool, pointBudget: Int = pointBudget) throws
    -> BoundaryLoad
  {
    let download = try BoundaryDownload.read(path: path)
    let file = try BoundaryFeatures.read(download.data, source: download.source)
    let level = file.level == .ward ? "ward" : "district"
    let areaCodes = try self.areaCodes(level: file.level)
    guard !areaCodes.isEmpty else {
      throw ReferenceError(
        "\(download.source): the area's districts (\(areaLADs.joined(separator: ", "))) have "
          + "no wards in the ward lookup. Load it first: made reference load wards FILE.")
    }
    var rejected = file.rejected.filter { rejected in
      rejected.code.map { areaCodes.contains(TextNormalisation.code($0)) } ?? true
    }
    // A shape that crosses itself or vanishes once rounded to whole metres cannot be stored
    // at any tolerance: it is rejected alone, so it cannot hold the others at full detail.
    var drawable: [BoundaryFeatures.Feature] = []
    for feature in file.features {
      if let reason = Self.unstorable(
        feature.shape.roundedToMetres(), "once rounded to whole metres")
      {
        rejected.append(.init(number: feature.number, code: feature.code, reason: reason))
      } else {
        drawable.append(feature)
      }
    }
    rejected = rejected.filter { $0.code.map { areaCodes.contains($0) } ?? true }
      .sorted { $0.number < $1.number }
    let unusable = file.rejected.count + file.features.count - drawable.count
    let rejectedBeforeSimplification = rejected.count
    let inArea = drawable.filter { areaCodes.contains($0.code) }
    func refusal() throws -> ReferenceError {
      if let first = rejected.first {
        return ReferenceError(
          "\(download.source): none of the area's \(level) boundaries can be drawn: "
            + "\(rejected.count) rejected, the first feature \(first.number)"
            + (first.code.map { " (\(TextNormalisation.visible($0)))" } ?? "")
            + " because \(first.reason). Nothing was loaded.")
      }
      return ReferenceError(
        "\(download.source): none of its \(file.features.count) \(level) boundaries "
          + "(\(file.vintage)) is one of the area's \(areaCodes.count) \(level)s"
          + (file.level == .ward
            ? " in the ward lookup (\(try warehouse.wardLookupVintages().joined(separator: ", "))). "
              + "Load the boundaries of the lookup's vintage."
            : ". Check [area] lad_codes in made.toml."))
    }
    guard !inArea.isEmpty else { throw try refusal() }
    var kept = inArea
    if neighbours {
      let areaPoints = Set(inArea.flatMap { $0.shape.rings.flatMap(\.points) })
      kept += drawable.filter { feature in
        !areaCodes.contains(feature.code)
          && feature.shape.rings.contains { $0.points.contains(where: areaPoints.contains) }
      }
    }
    let (tolerance, shapes) = Self.simplified(kept.map(\.shape), pointBudget: pointBudget)
    var stored: [(feature: BoundaryFeatures.Feature, shape: Shape)] = []
    for (feature, shape) in zip(kept, shapes) {
      if let reason = Self.unstorable(shape, "once simplified to \(Int(tolerance)) m") {
        rejected.append(.init(number: feature.number, code: feature.code, reason: reason))
      } else {
        stored.append((feature, shape))
      }
    }
    // Checked before anything is replaced: a file that draws none of the area keeps the
    // boundaries already stored.
    guard stored.contains(where: { areaCodes.contains($0.feature.code) }) else {
      throw try refusal()
    }
    let kind = ReferenceKind.boundaries
    _ = try warehouse.loadReference(
      kind: kind, originalName: URL(fileURLWithPath: path).lastPathComponent,
      vintage: file.vintage,
      replacing: .matching("ref_boundaries", column: "geo_type", value: file.level.rawValue),
      sha256: { download.sha256 }
    ) { writer in
      for (feature, shape) in stored {
        let bounds = shape.bounds
        try writer.insert(
          into: "ref_boundaries",
          columns: [
            "geo_type", "geo_code", "geo_name", "vintage", "tolerance_m", "area_m2",
            "min_easting", "min_northing", "max_easting", "max_northing", "geometry",
          ], conflict: .fail,
          values: [
            .text(file.level.rawValue), .text(feature.code), .text(feature.name),
            .text(file.vintage), .real(tolerance), .real(shape.area),
            .integer(Int64(bounds.minX)), .integer(Int64(bounds.minY)),
            .integer(Int64(bounds.maxX)), .integer(Int64(bounds.maxY)), .text(shape.geoJSON),
          ])
        writer.countRow()
      }
    }
    let storedCodes = Set(stored.map(\.feature.code))
    return BoundaryLoad(
      level: file.level, vintage: file.vintage, coordinateSystem: file.coordinateSystem.rawValue,
      stored: storedCodes.intersection(areaCodes).count,
      neighbours: storedCodes.subtracting(areaCodes).count,
      missing: areaCodes.subtracting(storedCodes).sorted(),
      rejected: rejected,
      rejectedElsewhere: unusable - rejectedBeforeSimplification, tolerance: tolerance,
      pointsRead: kept.map(\.shape.pointCount).reduce(0, +),
      pointsStored: stored.map(\.shape.pointCount).reduce(0, +),
      largestAreaChange: stored.map { feature, shape in
        abs(shape.area - feature.shape.area) / feature.shape.area
      }.max() ?? 0)
  }

  /// Why a shape cannot be stored, or nil: nothing left of it, or a ring that crosses itself,
  /// has no area or is a hole outside its polygon; `when` says after what ("once rounded to
  /// whole metres").
  static func unstorable(_ shape: Shape, _ when: String) -> String? {
    guard !shape.polygons.isEmpty, shape.area > 0 else { return "nothing is left \(when)" }
    do {
      try BoundaryFeatures.checkRings(of: shape)
      return nil
    } catch {
      return "\(error) \(when)"
    }
  }

  /// The codes of the area's wards (from the ward lookup) or districts.
  private func areaCodes(level: GeoType) throws -> Set<String> {
    level == .lad ? Set(areaLADs) : try warehouse.wardCodes(inDistricts: areaLADs)
  }

  /// The shapes simplified together within `pointBudget`, rounded to whole metres and
  /// oriented, and the tolerance used.
  ///
  /// Douglas-Peucker keeps each arc within the tolerance of its outline but may make an arc
  /// cross another of the same ring; a ring that does is simplified again with half the
  /// tolerance, down to none (the outline as published, in whole metres).
  static func simplified(_ shapes: [Shape], pointBudget: Int) -> (Double, [Shape]) {
    let simplifier = SharedBorderSimplifier(shapes: shapes)
    var (tolerance, simple) = simplifier.simplified(
      toAtMost: pointBudget, minimum: minimumTolerance)
    func stored(_ shapes: [Shape]) -> [Shape] { shapes.map { $0.roundedToMetres().oriented() } }
    var result = stored(simple)
    while tolerance > 0, result.contains(where: { $0.rings.contains(where: \.selfIntersects) }) {
      tolerance = tolerance / 2 < 1 ? 0 : tolerance / 2
      simple = tolerance == 0 ? shapes : simplifier.simplified(tolerance: tolerance)
      result = stored(simple)
    }
    return (tolerance, result)
  }
}

extension Warehouse {
  /// The wards of the ward lookup in `districts`.
  func wardCodes(inDistricts districts: [String]) throws -> Set<String> {
    let placeholders = districts.map { _ in "?" }.joined(separator: ", ")
    return Set(
      try connection.rows(
        "SELECT ward_code FROM ref_wards WHERE lad_code IN (\(placeholders))",
        districts.map { .text($0) }
      ).map { try $0.text("ward_code") })
  }

  /// The vintages of the ward lookup, e.g. `2024`.
  func wardLookupVintages() throws -> [String] {
    try connection.rows("SELECT DISTINCT vintage FROM ref_wards ORDER BY vintage")
      .compactMap { try $0.optionalText("vintage") }
  }
}

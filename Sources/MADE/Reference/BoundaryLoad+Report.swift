import Foundation

extension BoundaryLoad {
  /// One line of what `made reference load boundaries` says.
  public struct ReportLine: Sendable {
    public var text: String
    /// Something the operator should act on (printed to standard error).
    public var isWarning: Bool
  }

  /// What was kept and how it was simplified; then, as warnings, each rejected feature with
  /// its reason and the area's wards or districts left without a boundary.
  public func reportLines(file: String) -> [ReportLine] {
    let what = level == .ward ? "ward" : "district"
    var lines = [
      ReportLine(
        text: "Loaded \(stored) \(what) boundaries of the area"
          + (neighbours > 0 ? " and \(neighbours) neighbouring" : "")
          + " from \(file) (\(vintage), \(coordinateSystem))", isWarning: false),
      ReportLine(
        text: "Simplified from \(pointsRead) to \(pointsStored) points"
          + (tolerance > 0 ? String(format: " (tolerance %.0f m)", tolerance) : "")
          + String(format: "; largest change in a shape's area %.2f%%", largestAreaChange * 100),
        isWarning: false),
    ]
    for reject in rejected {
      lines.append(
        ReportLine(
          text: "feature \(reject.number)"
            + (reject.code.map { " (\(TextNormalisation.visible($0)))" } ?? "")
            + " not loaded: \(reject.reason)", isWarning: true))
    }
    if rejectedElsewhere > 0 {
      lines.append(
        ReportLine(
          text: "\(rejectedElsewhere) features outside the area cannot be drawn either",
          isWarning: false))
    }
    if !missing.isEmpty {
      lines.append(
        ReportLine(
          text: "\(missing.count) of the area's \(what)s have no boundary and are left off "
            + "the maps: \(missing.prefix(10).joined(separator: ", "))"
            + (missing.count > 10 ? " …" : "")
            + ". Is the file of the lookup's vintage?", isWarning: true))
    }
    return lines
  }
}

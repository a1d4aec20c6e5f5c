import Foundation
import Testing

@testable import MADE

/// Each status enum's raw values are exactly the CHECK constraint of its column, as a freshly
/// migrated warehouse holds it in `sqlite_master`.
@Suite struct StatusConstraintTests {
  /// The values `CHECK (column IN ('a', 'b'))` allows in `table`, in order.
  static func allowedValues(table: String, column: String, in warehouse: Warehouse) throws
    -> [String]
  {
    let sql = try #require(
      try warehouse.scalar("SELECT sql FROM sqlite_master WHERE name = ?", [.text(table)])?.string)
    let pattern = try Regex("CHECK\\s*\\(\\s*\(column)\\s+IN\\s*\\(([^)]*)\\)")
    let match = try #require(sql.firstMatch(of: pattern), "\(table).\(column) has no CHECK")
    let list = try #require(match.output[1].substring)
    return list.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(
        in: CharacterSet(charactersIn: "'"))
    }
  }

  @Test func everyStatusEnumHasTheValuesItsCheckConstraintAllows() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-status-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let warehouse = try Warehouse(path: folder.appendingPathComponent("w.sqlite").path)
    let enums: [(table: String, column: String, cases: [String])] = [
      ("runs", "status", RunStatus.allCases.map(\.rawValue)),
      ("files", "status", FileStatus.allCases.map(\.rawValue)),
      ("files", "compression", FileCompression.allCases.map(\.rawValue)),
      ("ref_areas", "geo_type", GeoType.allCases.map(\.rawValue)),
      ("indicator_values", "geo_type", GeoType.allCases.map(\.rawValue)),
      ("indicator_values", "period_type", PeriodType.allCases.map(\.rawValue)),
      ("indicators", "method", IndicatorDefinition.Method.allCases.map(\.rawValue)),
      ("indicators", "polarity", Statistics.Polarity.allCases.map(\.rawValue)),
      ("indicators", "suppression", IndicatorDefinition.Suppression.allCases.map(\.rawValue)),
    ]
    for (table, column, cases) in enums {
      let allowed = try Self.allowedValues(table: table, column: column, in: warehouse)
      #expect(cases == allowed, "\(table).\(column)")
    }
  }

}

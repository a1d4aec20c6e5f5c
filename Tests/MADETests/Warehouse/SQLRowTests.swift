import Foundation
import Testing

@testable import MADE

/// Query results are read by column name: a column renamed, dropped or of another type
/// throws an error naming it and the query, never a default.
@Suite struct SQLRowTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("made-sqlrow-\(UUID().uuidString)")

  func warehouse() throws -> Warehouse {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
  }

  @Test func readsAResultByColumnNameWhateverTheColumnOrder() throws {
    let rows = try warehouse().connection.fetchAll(
      RejectReport.FileSummary.self,
      """
      SELECT 7 AS rows_repeated_key, 3 AS rows_rejected, 40 AS rows_read, '2025-01-01' AS
        received_at, 'police' AS feed, 'march.csv' AS original_name, 12 AS file_id
      """)
    #expect(
      rows == [
        RejectReport.FileSummary(
          fileID: 12, name: "march.csv", feed: "police", receivedAt: "2025-01-01", rowsRead: 40,
          rowsRejected: 3, rowsRepeatedKey: 7)
      ])
  }

  @Test func aRenamedColumnThrowsAnErrorNamingItAndTheQuery() throws {
    let sql = """
      SELECT 12 AS file_id, 'march.csv' AS name, 'police' AS feed, '2025-01-01' AS received_at,
        40 AS rows_read, 3 AS rows_rejected, 0 AS rows_repeated_key
      """
    #expect {
      _ = try warehouse().connection.fetchAll(RejectReport.FileSummary.self, sql)
    } throws: { error in
      guard let error = error as? RowDecodingError else { return false }
      return error.column == "original_name"
        && error.description.hasPrefix(
          "the query returns no column 'original_name' (it returns "
            + "'file_id', 'name', 'feed',")
        && error.description.contains("SELECT 12 AS file_id, 'march.csv' AS name")
    }
  }

  @Test func aValueOfAnotherTypeThrowsInsteadOfReadingAsADefault() throws {
    let sql = """
      SELECT 12 AS file_id, 'march.csv' AS original_name, 'police' AS feed,
        '2025-01-01' AS received_at, 'forty' AS rows_read, 3 AS rows_rejected,
        0 AS rows_repeated_key
      """
    #expect {
      _ = try warehouse().connection.fetchAll(RejectReport.FileSummary.self, sql)
    } throws: { error in
      (error as? RowDecodingError)?.problem
        == .wrongType(expected: "an integer", found: .text("forty"))
        && "\(error)".hasPrefix("column 'rows_read' holds text where an integer was expected")
    }
  }

  @Test func aNullWhereAValueIsRequiredThrows() throws {
    let row = try #require(try warehouse().connection.rows("SELECT NULL AS records").first)
    #expect(try row.optionalInt("records") == nil)
    #expect(throws: RowDecodingError.self) { try row.int("records") }
  }

  @Test func aStoredIndicatorValueWithAColumnMissingThrows() throws {
    let warehouse = try warehouse()
    let columns = Warehouse.valueColumns.replacingOccurrences(of: "trend,", with: "")
    #expect {
      let statement = try warehouse.connection.prepare(
        "SELECT \(columns) FROM indicator_values LIMIT 0")
      _ = try Aggregator.Value.Columns(statement.resultColumns)
    } throws: { error in
      (error as? RowDecodingError)?.column == "trend"
    }
  }

  @Test func anEnumColumnRefusesAValueThatIsNotACase() throws {
    let row = try #require(try warehouse().connection.rows("SELECT 'parish' AS geo_type").first)
    #expect(throws: RowDecodingError.self) { try row.value("geo_type", as: GeoType.self) }
    let ward = try #require(try warehouse().connection.rows("SELECT 'ward' AS geo_type").first)
    #expect(try ward.value("geo_type", as: GeoType.self) == .ward)
  }
}

import Foundation
import Testing

@testable import MADE

/// A file's months (`file_months`) are counted along `<table>_by_file_month`, in month order,
/// so the memory ingest needs does not grow with the file (a sort of a 1M-row file's months
/// took 33 MB: issue 14, target 5).
@Suite struct FileMonthsIndexTests {
  func plan(_ test: TestWorkspace, table: String) throws -> String {
    try test.warehouse().query(
      "EXPLAIN QUERY PLAN " + Warehouse.deliveredMonthsSQL(table: table), [.integer(1)]
    ).map { $0.last?.string ?? "" }.joined(separator: "\n")
  }

  @Test func everyFeedsMonthsAreCountedAlongTheFileIndexWithoutASort() throws {
    let test = try TestWorkspace()
    for (fixture, feed) in [
      ("feeds/police-uk-quirks.csv", "police-uk"),
      ("feeds/police-crimes-small.csv", "police-crimes"),
      ("feeds/ae-attendances-small.csv", "ae-attendances"),
      ("feeds/yot-offences-small.csv", "yot-offences"),
      ("feeds/school-absence-small.csv", "school-absence"),
      ("feeds/school-suspensions-small.csv", "school-suspensions"),
    ] {
      try test.ingest(fixture, feed: feed)
    }
    let tables = try test.strings("SELECT table_name FROM feed_tables ORDER BY 1")
    #expect(tables.count == 6)
    for table in tables {
      let plan = try plan(test, table: table)
      #expect(plan.contains("COVERING INDEX \(table)_by_file_month (file_id=?)"), "\(plan)")
      #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
  }

  @Test func anOlderWarehousesFileIndexIsReplacedOnTheTablesNextLoad() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    // A warehouse from before: the file index without the month.
    _ = try test.warehouse().query(
      """
      DROP INDEX police_uk_street_by_file_month;
      """)
    _ = try test.warehouse().query(
      "CREATE INDEX police_uk_street_by_file ON police_uk_street(file_id)")
    #expect(try plan(test, table: "police_uk_street").contains("TEMP B-TREE"))
    let resent = try test.ingest("feeds/police-uk-quirks-republished.csv")
    #expect(resent.rowsLoaded > 0)
    #expect(
      try test.strings(
        "SELECT name FROM sqlite_master WHERE name LIKE 'police_uk_street_by_file%' ORDER BY 1")
        == ["police_uk_street_by_file_month"])
    #expect(!(try plan(test, table: "police_uk_street").contains("TEMP B-TREE")))
    // Its months are recorded as the records hold them.
    let fileID = try #require(resent.fileID)
    #expect(
      try test.strings(
        "SELECT period_month || ':' || records FROM file_months WHERE file_id = \(fileID) ORDER BY 1"
      )
        == test.strings(
          """
          SELECT period_month || ':' || count(*) FROM police_uk_street WHERE file_id = \(fileID)
          GROUP BY period_month ORDER BY 1
          """))
  }
}

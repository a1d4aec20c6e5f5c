import Foundation
import Testing

@testable import MADE

/// A full cell scan split over two connections (`Warehouse.scanCells`, `CellQuery`) counts
/// exactly what one pass does, and refuses a hostile catalogue on both sides.
@Suite struct CellScanTests {
  func scan(
    _ test: TestWorkspace, indicators: [IndicatorDefinition], parallelFrom: Int,
    months: Set<String>? = nil
  ) throws -> Warehouse.CellScan {
    let warehouse = try test.warehouse()
    return try warehouse.scanCells(
      table: indicators[0].numerator!.table, indicators: indicators,
      areas: try warehouse.areaGeography(config: test.pipeline.config), months: months,
      parallelFrom: parallelFrom)
  }

  func text(_ scan: Warehouse.CellScan) -> [String] {
    scan.cells.map {
      "\($0.indicatorID) \($0.month) \($0.ladCode) \($0.wardCode) \($0.records) "
        + "\($0.numerator) \(String(describing: $0.denominator))"
    }
  }

  @Test func aSplitScanCountsWhatOnePassCounts() throws {
    // Fourteen months of police.uk records (`AggregatorPeriodTests.loaded`): split by record
    // id; A&E; and the force's crimes, whose harm sums split by month.
    let test = try AggregatorPeriodTests().loaded()
    try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    try test.ingest("feeds/police-crimes-small.csv", feed: "police-crimes")
    let catalog = try IndicatorCatalog.builtIn().indicators
    for table in ["police_uk_street", "ae_attendances", "police_crimes"] {
      let indicators = catalog.filter { $0.numerator?.table == table }
      let whole = try scan(test, indicators: indicators, parallelFrom: .max)
      let split = try scan(test, indicators: indicators, parallelFrom: 0)
      #expect(!whole.cells.isEmpty)
      #expect(text(split) == text(whole), "\(table)")
      #expect(split.monthsPresent == whole.monthsPresent)
    }
    // Some months only, as after new deliveries.
    let indicators = catalog.filter { $0.numerator?.table == "police_uk_street" }
    let months: Set<String> = ["2024-12", "2025-01", "2025-03"]
    let some = try scan(test, indicators: indicators, parallelFrom: 0, months: months)
    #expect(some.monthsPresent == months)
    #expect(
      text(some)
        == text(try scan(test, indicators: indicators, parallelFrom: .max)).filter { line in
          months.contains { line.contains(" \($0) ") }
        })
  }

  @Test func manyIndicatorsOfOneTableAreEachCountedAsAlone() throws {
    // 40 proportions (80 counts) over one table in one scan: each indicator counts what a
    // scan of it alone counts.
    let test = try AggregatorPeriodTests().loaded()
    let template = try #require(
      try IndicatorCatalog.builtIn().indicators.first { $0.numerator?.table == "police_uk_street" })
    let categories = ["Violence and sexual offences", "Robbery", "Possession of weapons", "Drugs"]
    let many = (0..<40).map { index -> IndicatorDefinition in
      var indicator = template
      indicator.id = "many_\(index)"
      indicator.method = .proportion
      indicator.numerator?.filter =
        "crime_type = '\(categories[index % categories.count])' AND \(index % 3) < 2"
      indicator.denominator?.recordsFilter = index % 2 == 0 ? nil : "crime_type <> 'Drugs'"
      return indicator
    }
    let together = try scan(test, indicators: many, parallelFrom: .max)
    #expect(together.cells.contains { $0.indicatorID == "many_36" && $0.records > 0 })
    for indicator in many {
      let alone = try scan(test, indicators: [indicator], parallelFrom: .max)
      #expect(
        text(together).filter { $0.hasPrefix("\(indicator.id) ") } == text(alone), "\(indicator.id)"
      )
    }
  }

  @Test func anEmptyTableOrOneRecordScansWithoutASplit() throws {
    let test = try TestWorkspace()
    let indicators = try IndicatorCatalog.builtIn().indicators.filter {
      $0.numerator?.table == "police_uk_street"
    }
    // A delivery whose every row is rejected leaves the table made and empty.
    let empty = try test.temporaryFile(
      "empty.csv",
      contents: Data(
        (PoliceUKRows.header + "\r\n" + PoliceUKRows.row(1, month: "not a month") + "\r\n").utf8))
    #expect(try test.ingest(empty).rowsLoaded == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 0)
    for parallelFrom in [0, 1, 2, Int.max] {
      let scan = try scan(test, indicators: indicators, parallelFrom: parallelFrom)
      #expect(scan.cells.isEmpty && scan.monthsPresent.isEmpty)
    }
    #expect(try test.pipeline.aggregate().valuesWritten >= 0)
    try test.ingest(try AggregatorPeriodTests().file(test, "one.csv", [("2025-01", 1)]))
    for parallelFrom in [0, 1, 2, Int.max] {
      let scan = try scan(test, indicators: indicators, parallelFrom: parallelFrom)
      #expect(scan.cells.map(\.records).reduce(0, +) == 1, "\(parallelFrom)")
    }
  }

  @Test func aHostileFilterIsRefusedOnBothSides() throws {
    let test = try AggregatorPeriodTests().loaded()
    let files = try test.count("SELECT count(*) FROM files")
    let catalog = try IndicatorFilterHostileTests.catalog(filter: "1); DELETE FROM files; --")
    let error = try #require(throws: ConfigurationError.self) {
      try scan(test, indicators: catalog.indicators, parallelFrom: 0)
    }
    #expect(error.description.contains("indicators hostile_rate: the numerator or denominator SQL"))
    #expect(try test.count("SELECT count(*) FROM files") == files)
  }

  @Test func theHalvesHoldAboutAsManyRecordsEach() {
    let counts = [
      ("2024-01", 100), ("2024-02", 90), ("2024-03", 80), ("2024-04", 10), ("2024-05", 5),
    ]
    let (one, two) = CellQuery.halves(counts.map { (month: $0.0, records: $0.1) })
    #expect(Set(one).isDisjoint(with: two) && Set(one + two).count == 5)
    let weight = { (months: [String]) in
      counts.filter { months.contains($0.0) }.map(\.1).reduce(0, +)
    }
    #expect(abs(weight(one) - weight(two)) <= 100)
    #expect(one == one.sorted() && two == two.sorted())
    #expect(CellQuery.halves([(month: "2024-01", records: 7)]).1.isEmpty)
  }
}

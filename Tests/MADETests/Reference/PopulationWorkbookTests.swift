import Crypto
import Foundation
import Testing

@testable import MADE

/// `made reference load population BOOK.xlsx`: ONS's ward estimates read from the workbook as
/// published, giving what the same table saved as CSV gives. Serialized: a test checks that no
/// temporary table is left behind.
@Suite(.serialized) struct PopulationWorkbookTests {
  static let wards = [
    ("E05900001", "Preston Central"), ("E05900002", "Preston North"), ("E05900003", "Chorley East"),
  ]

  static func count(_ ward: Int, _ age: Int) -> Int { (ward * 7 + age) % 13 + 1 }

  static let ages = (0...89).map(String.init) + ["90+"]

  /// The ward estimates as a CSV saved from the sheet.
  static func csv() -> String {
    var lines = [
      (["Ward Code 1", "Ward Name 1", "LA Code", "LA name", "All Ages"] + ages)
        .joined(separator: ",")
    ]
    for (index, ward) in wards.enumerated() {
      let counts = (0...90).map { count(index, $0) }
      lines.append(
        ([ward.0, ward.1, "E07000123", "Preston", "\(counts.reduce(0, +))"]
          + counts.map(String.init)).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The same in a workbook: a contents sheet first, then the estimates under three title
  /// rows (and an empty one), a header split over two lines in one cell, codes as shared
  /// strings (one in rich-text runs), names inline, one count written `1.3E1`, notes below.
  static func workbook(badCountAt: (ward: Int, age: Int)? = nil) -> Workbook {
    var rows: [[Workbook.Cell]] = [
      [.shared("Mid-2022 ward population estimates")],
      [.shared("Source: Office for National Statistics")],
      [.empty],
      [
        .shared("Ward Code\n1", runs: 2), .shared("Ward Name 1"), .shared("LA Code"),
        .shared("LA name"), .shared("All Ages"),
      ] + ages.map { .shared($0) },
    ]
    for (index, ward) in wards.enumerated() {
      let counts = (0...90).map { count(index, $0) }
      var cells: [Workbook.Cell] = [
        .shared(ward.0, runs: index == 1 ? 2 : 1), .inline(ward.1), .shared("E07000123"),
        .shared("Preston"), .number("\(counts.reduce(0, +))"),
      ]
      for (age, value) in counts.enumerated() {
        if let bad = badCountAt, bad == (index, age) {
          cells.append(.inline("n/a"))
        } else {
          cells.append(value == 13 ? .number("1.3E1") : .number("\(value)"))
        }
      }
      rows.append(cells)
    }
    rows.append([.shared("Note: estimates are rounded.")])
    return Workbook(
      sheets: [
        (name: "Contents", rows: [[.shared("Contents")], [.shared("Mid-2022 Ward 2022")]]),
        (name: "Mid-2022 Ward 2022", rows: rows),
      ], firstRow: 1)
  }

  func populations(_ test: TestWorkspace) throws -> [String] {
    try test.strings(
      "SELECT ward_code, age, population FROM ref_population WHERE year = 2023 ORDER BY 1, 2")
  }

  @Test func readsTheWorkbookAsTheSameTableSavedAsCSVReads() throws {
    let fromCSV = try TestWorkspace()
    let csv = try fromCSV.temporaryFile("estimates.csv", contents: Data(Self.csv().utf8))
    #expect(try fromCSV.pipeline.loadReference(.population, path: csv, year: 2023) == 3)

    let fromBook = try TestWorkspace()
    let bytes = try Self.workbook().data()
    let book = try fromBook.temporaryFile("sapewardstablefinal2022.xlsx", contents: bytes)
    #expect(try fromBook.pipeline.loadReference(.population, path: book, year: 2023) == 3)
    let loaded = try populations(fromBook)
    #expect(loaded.count == 3 * 91)
    #expect(loaded == (try populations(fromCSV)))
    // Lineage: the workbook as delivered.
    #expect(
      try fromBook.strings(
        "SELECT original_name, sha256 FROM reference_loads WHERE kind = 'population' "
          + "AND vintage = '2023'")
        == ["tmp-sapewardstablefinal2022.xlsx|\(SHA256.hash(data: bytes).hexString)"])
    // The temporary table is gone.
    let left = try FileManager.default.contentsOfDirectory(
      atPath: FileManager.default.temporaryDirectory.path
    ).filter { $0.hasPrefix("made-population-") }
    #expect(left.isEmpty, "\(left)")
  }

  @Test func namesTheSheetAndItsRowOfABadCount() throws {
    let test = try TestWorkspace()
    let book = try test.temporaryFile(
      "bad.xlsx", contents: try Self.workbook(badCountAt: (ward: 1, age: 5)).data())
    #expect {
      try test.pipeline.loadReference(.population, path: book, year: 2023)
    } throws: { error in
      // Header on row 4 of the sheet, the second ward on row 6; age 5 is column '5'.
      "\(error)".contains("bad.xlsx, sheet 'Mid-2022 Ward 2022', line 6, column '5': 'n/a'")
    }
    #expect(try populations(test).isEmpty)
  }

  @Test func aSheetIsChosenByNameOrSaysWhatItLacks() throws {
    let test = try TestWorkspace()
    let book = try test.temporaryFile("book.xlsx", contents: try Self.workbook().data())
    #expect(
      try test.pipeline.loadReference(
        .population, path: book, year: 2023, sheet: "Mid-2022 Ward 2022") == 3)
    #expect {
      try test.pipeline.loadReference(.population, path: book, year: 2023, sheet: "Wards")
    } throws: {
      "\($0)".contains(
        "book.xlsx has no sheet 'Wards'; its sheets: 'Contents', 'Mid-2022 Ward 2022'")
    }
    #expect {
      try test.pipeline.loadReference(.population, path: book, year: 2023, sheet: "Contents")
    } throws: {
      "\($0)".contains(
        "sheet 'Contents' has no header row with a ward code column (Ward Code 1, Ward 2022 "
          + "Code, WD22CD…) in its first 50 rows. Name the sheet of ward estimates with --sheet")
    }
    let noWards = try test.temporaryFile(
      "none.xlsx",
      contents: try Workbook(sheets: [(name: "Notes", rows: [[.shared("Nothing here")]])]).data())
    #expect {
      try test.pipeline.loadReference(.population, path: noWards, year: 2023)
    } throws: { "\($0)".contains("none of its sheets ('Notes') has a header row") }
  }

  @Test func readsTheNewerLayoutBySexAndAge() throws {
    // Ward 2022 Code, Total, then F0 … F90 and M0 … M90, summed by age.
    let header: [Workbook.Cell] =
      [
        .shared("LAD 2022 Code"), .shared("Ward 2022 Code"), .shared("Ward 2022 Name"),
        .shared("Total"),
      ]
      + (0...90).map { .shared("F\($0)") } + (0...90).map { .shared("M\($0)") }
    let row: [Workbook.Cell] =
      [
        .shared("E07000123"), .shared("E05900001"), .inline("Preston Central"),
        .number("\(91 * 3)"),
      ]
      + (0...90).map { _ in .number("1") } + (0...90).map { _ in .number("2") }
    let test = try TestWorkspace()
    let book = try test.temporaryFile(
      "new.xlsx",
      contents: try Workbook(sheets: [(name: "Mid-2022 Ward 2022", rows: [header, row])]).data())
    #expect(try test.pipeline.loadReference(.population, path: book, year: 2023) == 1)
    #expect(
      try test.strings(
        "SELECT count(*), sum(population), min(population) FROM ref_population WHERE year = 2023")
        == ["91|273|3"])
  }

  @Test func findsTheHeaderWhateverItsCaseAndSurroundingSpaces() throws {
    // A header typed by hand: upper case, a trailing no-break space, a leading space.
    let header: [Workbook.Cell] =
      [.shared("WARD CODE 1\u{00A0}"), .inline(" ward name 1"), .shared("All Ages")]
      + (0...89).map { .shared("\($0)") } + [.shared("90+")]
    let row: [Workbook.Cell] =
      [.shared("e05900001 "), .inline("Preston Central"), .number("91")]
      + (0...90).map { _ in .number("1") }
    let test = try TestWorkspace()
    let book = try test.temporaryFile(
      "typed.xlsx",
      contents: try Workbook(sheets: [(name: "Wards", rows: [header, row])]).data())
    #expect(try test.pipeline.loadReference(.population, path: book, year: 2023) == 1)
    #expect(
      try test.strings("SELECT DISTINCT ward_code FROM ref_population WHERE year = 2023")
        == ["E05900001"])
  }
}

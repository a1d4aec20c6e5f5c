import Foundation

/// ONS ward population estimates as ONS publishes them: an `.xlsx` workbook whose table sits
/// under title rows, in a sheet among others (contents, notes, other geographies). The sheet
/// is the one named, or the first with a header row naming a ward code column; the rows from
/// that header down become the table the CSV loader reads, each keeping its row number in
/// the sheet for messages.
enum PopulationWorkbook {
  /// How many rows from the top a header row is looked for in.
  static let headerSearchRows = 50

  /// The table of the workbook at `path` and the temporary CSV it was written to (delete it
  /// when done).
  static func table(path: String, sheet requested: String?) throws -> (
    table: ReferenceTable, temporary: URL
  ) {
    let (data, sha256) = try DeliveredFile.readWhole(
      path: path, sizeLimit: 256 << 20,
      advice: "Save the sheet of ward estimates as CSV and load that.")
    let name = URL(fileURLWithPath: path).lastPathComponent
    let book = try XLSXWorkbook(data: data, source: name)
    let names = book.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
    var candidates = book.sheets
    if let requested {
      guard let sheet = book.sheets.first(where: { $0.name == requested }) else {
        throw ReferenceError("\(name) has no sheet '\(requested)'; its sheets: \(names)")
      }
      candidates = [sheet]
    }
    for sheet in candidates {
      let rows = try book.rows(of: sheet)
      guard
        let headerIndex = rows.prefix(headerSearchRows).firstIndex(where: { row in
          ReferenceTable.index(
            of: ReferenceLoader.populationWardCode, in: row.cells.map(Self.cell)) != nil
        })
      else { continue }
      let table = Array(rows[headerIndex...])
      let width = table[0].cells.count
      var text = ""
      for row in table {
        var cells = row.cells.map(Self.cell)
        // Empty cells past the header's last column are nothing; others are an error the
        // CSV loader names with the row.
        while cells.count > width, cells.last == "" { cells.removeLast() }
        while cells.count < width { cells.append("") }
        text += cells.map(Self.csvField).joined(separator: ",") + "\n"
      }
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "made-population-\(UUID().uuidString).csv")
      try text.write(to: temporary, atomically: true, encoding: .utf8)
      do {
        return (
          try ReferenceTable(
            reading: temporary.path, shownAs: "\(name), sheet '\(sheet.name)'",
            lineNumbers: table.map(\.number), sha256: sha256),
          temporary
        )
      } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
      }
    }
    throw ReferenceError(
      "\(name): "
        + (requested.map { "sheet '\($0)' has no" } ?? "none of its sheets (\(names)) has a")
        + " header row with a ward code column (Ward Code 1, Ward 2022 Code, WD22CD…) in "
        + "its first \(headerSearchRows) rows. Name the sheet of ward estimates with --sheet.")
  }

  /// A cell as one line of text: ONS headers break lines ("Ward Code\n1").
  static func cell(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
  }

  static func csvField(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}

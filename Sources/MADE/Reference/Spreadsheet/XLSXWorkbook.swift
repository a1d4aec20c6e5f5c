import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The cells of an Excel workbook (`.xlsx`, Office Open XML SpreadsheetML) as text, as ONS
/// publishes its population estimates: a zip of XML parts, read with ZIPFoundation and
/// Foundation's streaming `XMLParser` (libxml2), which keeps a 7,000-ward sheet of 200
/// columns to one pass.
///
/// - Sheets in the workbook's order (`xl/workbook.xml`), found through its relationships
///   (`xl/_rels/workbook.xml.rels`) wherever the parts are stored.
/// - Cells: shared strings (`t="s"`, rich-text runs joined, phonetic runs left out), inline
///   strings, numbers (an integral number without its `.0`), booleans, formula results. A
///   cell that is not written is empty; a row keeps its number in the sheet.
struct XLSXWorkbook {
  struct Sheet {
    var name: String
    /// Its part in the zip, e.g. `xl/worksheets/sheet1.xml`.
    var part: String
  }

  struct Row {
    /// The row's number in the sheet, from 1.
    var number: Int
    var cells: [String]
  }

  let source: String
  let sheets: [Sheet]
  private let archive: Archive
  private let sharedStrings: [String]

  /// Whether `data` is a zip holding a workbook part (an `.xlsx`).
  static func isWorkbook(_ data: Data) -> Bool {
    guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]),
      let archive = try? Archive(data: data, accessMode: .read)
    else { return false }
    return archive["xl/workbook.xml"] != nil
  }

  init(data: Data, source: String) throws {
    self.source = source
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw ReferenceError(
        "\(source): not a workbook MADE can read (\(error)). Download it again, or export the "
          + "sheet as CSV and load that.")
    }
    let workbook = try Self.elements(in: try Self.part("xl/workbook.xml", of: archive, source))
    let relations = try Self.elements(
      in: try Self.part("xl/_rels/workbook.xml.rels", of: archive, source))
    var targets: [String: String] = [:]
    for relation in relations where relation.name == "Relationship" {
      guard let id = relation.attributes["Id"], let target = relation.attributes["Target"]
      else { continue }
      targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
    sheets = workbook.filter { $0.name == "sheet" }.compactMap { sheet in
      guard let name = sheet.attributes["name"],
        let id = sheet.attributes["r:id"]
          ?? sheet.attributes.first(where: {
            $0.key.hasSuffix(":id")
          })?.value,
        let part = targets[id]
      else { return nil }
      return Sheet(name: name, part: part)
    }
    sharedStrings =
      archive["xl/sharedStrings.xml"] == nil
      ? [] : try SharedStrings.read(try Self.part("xl/sharedStrings.xml", of: archive, source))
  }

  /// The rows of a sheet that have a cell, in order; each row's cells padded to its last
  /// written column.
  func rows(of sheet: Sheet) throws -> [Row] {
    let reader = SheetReader(sharedStrings: sharedStrings)
    let parser = XMLParser(data: try Self.part(sheet.part, of: archive, source))
    parser.delegate = reader
    guard parser.parse(), reader.failure == nil else {
      throw ReferenceError(
        "\(source), sheet '\(sheet.name)': "
          + (reader.failure ?? "not readable XML (\(parser.parserError.map { "\($0)" } ?? "?"))"))
    }
    return reader.rows
  }

  private static func part(_ path: String, of archive: Archive, _ source: String) throws -> Data {
    guard let entry = archive[path] else {
      throw ReferenceError("\(source): no \(path) in the workbook: is it an .xlsx?")
    }
    // A part that inflates past this is not a sheet of ward estimates (a zip bomb would be).
    let limit = 512 << 20
    var data = Data()
    try archive.extract(
      entry, atMost: UInt64(limit),
      tooLarge: ReferenceError("\(source): \(path) inflates to more than \(limit >> 20) MB")
    ) { data.append($0) }
    return data
  }

  /// Each element of a small part with its attributes (the workbook and its relationships).
  private static func elements(in data: Data) throws -> [(
    name: String, attributes: [String: String]
  )] {
    final class Collector: NSObject, XMLParserDelegate {
      var found: [(name: String, attributes: [String: String])] = []
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String]
      ) {
        found.append((name, attributes))
      }
    }
    let collector = Collector()
    let parser = XMLParser(data: data)
    parser.delegate = collector
    guard parser.parse() else { throw ReferenceError("a workbook part is not readable XML") }
    return collector.found
  }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text (its `<t>`, or its runs' `<t>`s joined; the
/// phonetic `<rPh>` runs are not text of the cell).
private final class SharedStrings: NSObject, XMLParserDelegate {
  var strings: [String] = []
  private var current: String?
  private var inText = false
  private var inPhonetic = false

  static func read(_ data: Data) throws -> [String] {
    let reader = SharedStrings()
    let parser = XMLParser(data: data)
    parser.delegate = reader
    guard parser.parse() else { throw ReferenceError("the shared strings are not readable XML") }
    return reader.strings
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String]
  ) {
    switch name {
    case "si": current = ""
    case "rPh": inPhonetic = true
    case "t": inText = !inPhonetic
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current? += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch name {
    case "si":
      strings.append(current ?? "")
      current = nil
    case "rPh": inPhonetic = false
    case "t": inText = false
    default: break
    }
  }
}

/// A worksheet's `<sheetData>`: rows of cells by their references (`C7` is column 3).
private final class SheetReader: NSObject, XMLParserDelegate {
  let sharedStrings: [String]
  var rows: [XLSXWorkbook.Row] = []
  var failure: String?
  private var row: XLSXWorkbook.Row?
  private var column = 0
  private var type = "n"
  private var value = ""
  private var inValue = false

  init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String]
  ) {
    switch name {
    case "row":
      let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
      row = XLSXWorkbook.Row(number: number, cells: [])
      column = 0
    case "c":
      column = attributes["r"].flatMap(Self.column(of:)) ?? (column + 1)
      if column > Self.lastColumn {
        failure = "a cell beyond Excel's last column, XFD (\(attributes["r"] ?? "?"))"
        parser.abortParsing()
      }
      type = attributes["t"] ?? "n"
      value = ""
    case "v", "t": inValue = true
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inValue { value += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch name {
    case "v", "t": inValue = false
    case "c":
      guard var current = row, column > 0, column <= Self.lastColumn else { return }
      while current.cells.count < column { current.cells.append("") }
      current.cells[column - 1] = text()
      row = current
    case "row":
      if let row, row.cells.contains(where: { !$0.isEmpty }) { rows.append(row) }
      row = nil
    default: break
    }
  }

  /// The cell's text by its type.
  private func text() -> String {
    switch type {
    case "s":
      guard let index = Int(value), sharedStrings.indices.contains(index) else {
        failure = "a cell points at shared string \(value), which the workbook does not have"
        return ""
      }
      return sharedStrings[index]
    case "b": return value == "1" ? "TRUE" : "FALSE"
    case "n":
      // Excel writes 1234 as "1234" and sometimes as "1234.0" or "1.234E3".
      if let number = Double(value), number == number.rounded(), abs(number) < 1e15 {
        return String(Int64(number))
      }
      return value
    default: return value  // inlineStr, str (a formula's text), e (an error such as #N/A)
    }
  }

  /// Excel's last column, XFD: a reference beyond it is not a spreadsheet's (and would ask
  /// for a row of millions of cells).
  static let lastColumn = 16_384

  /// 1 for `A7`, 27 for `AA7`; `lastColumn + 1` for anything beyond XFD.
  static func column(of reference: String) -> Int? {
    var column = 0
    for character in reference.uppercased() {
      guard let letter = character.asciiValue, (65...90).contains(letter) else { break }
      column = column * 26 + Int(letter - 64)
      if column > lastColumn { return lastColumn + 1 }
    }
    return column > 0 ? column : nil
  }
}

import Foundation
import ZIPFoundation

/// Builds small `.xlsx` workbooks in the layout Excel writes, for the tests of the workbook
/// reader: sheets listed in the workbook in another order than their parts are numbered,
/// shared strings with rich-text and phonetic runs, inline strings, numbers, cells left out.
struct Workbook {
  enum Cell {
    /// A shared string; `runs` > 1 splits it into rich-text runs, with a phonetic run between.
    case shared(String, runs: Int = 1)
    case inline(String)
    /// A number as Excel writes it (`1000`, `1.0E3`).
    case number(String)
    case empty
  }

  /// (sheet name, rows); a row's cells go in columns A, B, … (`.empty` writes no cell).
  var sheets: [(name: String, rows: [[Cell]])]
  /// Row numbers start here (a table under title rows starts lower).
  var firstRow = 1
  /// Parts written as given instead of built (a hostile sheet).
  var overrides: [String: String] = [:]

  static func column(_ index: Int) -> String {
    var index = index + 1
    var name = ""
    while index > 0 {
      let remainder = (index - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      index = (index - 1) / 26
    }
    return name
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  func data() throws -> Data {
    var shared: [String] = []
    var parts: [String: String] = [:]
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    for (index, sheet) in sheets.enumerated() {
      var xml =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + "<worksheet xmlns=\"\(main)\"><sheetData>"
      for (offset, row) in sheet.rows.enumerated() {
        let number = firstRow + offset
        xml += "<row r=\"\(number)\">"
        for (column, cell) in row.enumerated() {
          let reference = "\(Self.column(column))\(number)"
          switch cell {
          case .shared(let text, let runs):
            xml += "<c r=\"\(reference)\" t=\"s\"><v>\(shared.count)</v></c>"
            if runs <= 1 {
              shared.append("<si><t xml:space=\"preserve\">\(Self.escaped(text))</t></si>")
            } else {
              let middle = text.index(text.startIndex, offsetBy: text.count / 2)
              shared.append(
                "<si><r><rPr><b/></rPr><t>\(Self.escaped(String(text[..<middle])))</t></r>"
                  + "<rPh sb=\"0\" eb=\"1\"><t>ルビ</t></rPh>"
                  + "<r><t xml:space=\"preserve\">\(Self.escaped(String(text[middle...])))</t></r></si>"
              )
            }
          case .inline(let text):
            xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(Self.escaped(text))</t></is></c>"
          case .number(let text):
            xml += "<c r=\"\(reference)\" s=\"1\"><v>\(text)</v></c>"
          case .empty:
            continue
          }
        }
        xml += "</row>"
      }
      xml += "</sheetData></worksheet>"
      // Parts numbered backwards: the workbook's order, not the parts', is the sheets' order.
      parts["xl/worksheets/sheet\(sheets.count - index).xml"] = xml
    }
    parts["xl/workbook.xml"] =
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
      + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
      + sheets.enumerated().map { index, sheet in
        "<sheet name=\"\(Self.escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 7)\"/>"
      }.joined() + "</sheets></workbook>"
    parts["xl/_rels/workbook.xml.rels"] =
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + sheets.indices.map { index in
        "<Relationship Id=\"rId\(index + 7)\" Type=\"\(relationships)/worksheet\" "
          + "Target=\"worksheets/sheet\(sheets.count - index).xml\"/>"
      }.joined() + "</Relationships>"
    parts["xl/sharedStrings.xml"] =
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
      + "<sst xmlns=\"\(main)\" count=\"\(shared.count)\" uniqueCount=\"\(shared.count)\">"
      + shared.joined() + "</sst>"
    parts["[Content_Types].xml"] =
      #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
    parts.merge(overrides) { _, override in override }
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, text) in parts.sorted(by: { $0.key < $1.key }) {
      let bytes = Data(text.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
      ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
    }
    return archive.data!
  }
}

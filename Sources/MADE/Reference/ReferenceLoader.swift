import Foundation

/// Loads reference data from its published layout into the `ref_*` tables. Columns are found
/// by their coded names whatever the vintage (`WD23CD`, `WD24CD`, `LSOA11CD`, `LSOA21CD`…).
public struct ReferenceLoader {
  let warehouse: Warehouse
  var progress: (any ProgressReporter)?

  public init(warehouse: Warehouse, progress: (any ProgressReporter)? = nil) {
    self.warehouse = warehouse
    self.progress = progress
  }

  /// Loads `path` as `kind`; returns the number of rows loaded.
  @discardableResult
  public func load(_ kind: ReferenceKind, path: String, year: Int? = nil, sheet: String? = nil)
    throws -> Int
  {
    guard kind != .boundaries else {
      // Boundaries are kept for the area only, which the loader needs to know.
      throw ReferenceError("boundaries load through Pipeline.loadBoundaries")
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    guard let layout = ReferenceLayout.layout(of: kind) else {
      guard let year else {
        throw ReferenceError("population needs the estimate's year: --year YYYY (e.g. 2022)")
      }
      // ONS publishes the estimates as a workbook; a CSV saved from it loads too.
      if try FileSniffer.isZip(path: path) {
        let (table, temporary) = try PopulationWorkbook.table(path: path, sheet: sheet)
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try loadPopulation(table, name: name, year: year)
      }
      return try loadPopulation(try ReferenceTable(path: path), name: name, year: year)
    }
    // ONS publishes lookups and postcode directories zipped; the CSV is read from the zip.
    if try FileSniffer.isZip(path: path) {
      let (file, member, sha256) = try ReferenceZip.extract(kind, from: path)
      defer { try? FileManager.default.removeItem(at: file) }
      let shown = "\(name) › \(member)"
      let table = try ReferenceTable(reading: file.path, shownAs: shown, sha256: sha256)
      return try load(table, name: shown, kind: kind, layout: layout)
    }
    return try load(try ReferenceTable(path: path), name: name, kind: kind, layout: layout)
  }

  /// Reads `table` through `layout`: finds its columns, checks and converts every row's values
  /// in the order of `layout.headers`, and writes each row to the layout's tables, all in one
  /// transaction (a bad row loads nothing).
  private func load(
    _ table: ReferenceTable, name: String, kind: ReferenceKind, layout: ReferenceLayout
  ) throws -> Int {
    var columnOfHeader: [String: Int] = [:]
    for header in layout.headers {
      if let required = header.required {
        columnOfHeader[header.pattern] = try table.requireColumn(
          header.pattern, described: required)
      } else {
        columnOfHeader[header.pattern] = table.column(matching: header.pattern)
      }
    }
    func constant(_ source: ReferenceLayout.Source) -> SQLValue? {
      switch source {
      case .field: return nil
      case .vintage(let header, let prefix):
        return SQLValue(
          columnOfHeader[header].flatMap { vintage(of: table.header[$0], prefix: prefix) })
      case .postcodeDirectory:
        return .text(table.column(matching: "osward|oslaua") != nil ? "ONSPD" : "NSPL")
      }
    }
    let loadVintage = layout.vintage.flatMap(constant)?.string
    if case .vintage = layout.replaces, loadVintage == nil,
      case .vintage(let header, let prefix) = layout.vintage, let column = columnOfHeader[header]
    {
      throw ReferenceError(
        "\(table.path): cannot tell the \(prefix) vintage from '\(table.header[column])'")
    }
    let targets = layout.targets.filter { target in
      target.onlyWithHeader.map { columnOfHeader[$0] != nil } ?? true
    }
    let constants = targets.map { $0.columns.map { constant($0.source) } }
    // Each published cell to convert, worked out once: in the order of the headers, where it
    // goes (target and column), from which column of the file (nil: the file has none).
    var cells: [(target: Int, column: Int, field: Int?, value: ReferenceLayout.Value)] = []
    for header in layout.headers {
      for (targetIndex, target) in targets.enumerated() {
        for (index, column) in target.columns.enumerated() {
          guard case .field(header.pattern, let value) = column.source else { continue }
          cells.append((targetIndex, index, columnOfHeader[header.pattern], value))
        }
      }
    }
    return try warehouse.loadReference(
      kind: kind, originalName: name, vintage: loadVintage, replacing: layout.replaces,
      sha256: { table.sha256 }
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        var values = constants
        for cell in cells {
          values[cell.target][cell.column] =
            try cell.field.map {
              try convert(fields[$0], cell.value, line: line, column: $0, in: table)
            } ?? .null
        }
        for (target, row) in zip(targets, values) {
          try writer.insert(
            into: target.table, columns: target.columns.map(\.name), conflict: target.conflict,
            values: row.map { $0 ?? .null })
        }
        writer.countRow()
      }
    }
  }

  /// The stored value of one published cell, or a `ReferenceError` saying where it is and
  /// what is wrong with it.
  private func convert(
    _ text: String, _ value: ReferenceLayout.Value, line: Int, column: Int,
    in table: ReferenceTable
  ) throws -> SQLValue {
    let path = table.path
    switch value {
    case .gssCode(let what, let blank):
      return .text(try Self.gssCode(text, what, line: line, path: path, blank: blank))
    case .code(let what):
      return .text(try Self.code(text, what, line: line, path: path))
    case .text:
      return .text(text)
    case .textOrNull:
      return text.isEmpty ? .null : .text(text)
    case .postcodeAsPublished:
      return .text(text)
    case .postcode:
      guard let compact = Postcode.compact(text) else {
        throw ReferenceError(
          "\(path), line \(line): '\(TextNormalisation.visible(text))' is not a postcode "
            + "(\(TextNormalisation.shape(of: text))). Nothing from the file was loaded")
      }
      return .text(compact)
    case .postcodeOrNull:
      return SQLValue(Postcode.compact(text))
    case .flag(let blank):
      return .integer(try table.flag(text, line: line, column: column, blank: blank))
    case .numberOrNull:
      return SQLValue(Double(text))
    case .urn:
      let urn = TextNormalisation.code(text)
      guard !urn.isEmpty, urn.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
        throw ReferenceError(
          "\(path), line \(line): '\(TextNormalisation.visible(text))' is not a URN "
            + "(\(TextNormalisation.shape(of: text)); expected digits). Nothing from the file "
            + "was loaded")
      }
      return .text(urn)
    case .keyword:
      guard !text.isEmpty, text.lowercased().allSatisfy({ ("a"..."z").contains($0) }) else {
        throw ReferenceError(
          "\(path), line \(line): keyword '\(text)' must be one word of letters a-z (text is "
            + "split into words before matching)")
      }
      return .text(text.lowercased())
    case .category(let categories):
      guard categories.contains(text) else {
        throw ReferenceError(
          "\(path), line \(line): category '\(text)' is not one of "
            + categories.joined(separator: ", "))
      }
      return .text(text)
    case .priority:
      guard let rank = Int(text) else {
        throw ReferenceError("\(path), line \(line): priority '\(text)' is not a number")
      }
      return .integer(Int64(rank))
    }
  }

  private func vintage(of header: String, prefix: String) -> String? {
    let digits = header.dropFirst(prefix.count).prefix(2)
    return digits.count == 2 && digits.allSatisfy(\.isNumber) ? "20" + digits : nil
  }

  /// The canonical form of an ONS GSS code (`TextNormalisation.code`: a lower-case, padded or
  /// no-break-spaced `e05012345` is `E05012345`); a value that is still not a letter and eight
  /// digits is refused with its line and shape, so a lookup never points records at a ward,
  /// district or LSOA that does not exist. `blank` allows an empty value (returned as "").
  static func gssCode(
    _ value: String, _ what: String, line: Int, path: String, blank: Bool = false
  ) throws -> String {
    let code = TextNormalisation.code(value)
    if code.isEmpty, blank { return "" }
    guard TextNormalisation.isGSSCode(code) else {
      throw ReferenceError(
        "\(path), line \(line): '\(TextNormalisation.visible(value))' is not a \(what) ("
          + "\(TextNormalisation.shape(of: value)); expected a letter and 8 digits like "
          + "E05012345). Nothing from the file was loaded")
    }
    return code
  }

  /// The canonical form of a code looked up by feeds (offence and reason codes): refused when
  /// nothing is left of it.
  static func code(_ value: String, _ what: String, line: Int, path: String) throws -> String {
    let code = TextNormalisation.code(value)
    guard !code.isEmpty else {
      throw ReferenceError(
        "\(path), line \(line): the \(what) is blank (\(TextNormalisation.shape(of: value))). "
          + "Nothing from the file was loaded")
    }
    return code
  }

  /// The ward code column of a population table, in its CSV and workbook layouts.
  static let populationWardCode = "Ward Code 1|Ward Code|WD[0-9]{2}CD|Ward [0-9]{4} Code"

  private func loadPopulation(_ table: ReferenceTable, name: String, year: Int) throws
    -> Int
  {
    let wardCode = try table.requireColumn(Self.populationWardCode, described: "the ward code")
    // One column per single year of age ("0" … "89", "90+"), or, in ONS's newer layout,
    // one per sex and age ("F0" … "F90", "M0" … "M90"), summed here.
    var ageColumns: [(age: Int, columns: [Int])] = []
    for age in 0...90 {
      let names =
        age == 90
        ? [["90+"], ["90"], ["F90", "M90"], ["F90+", "M90+"]]
        : [["\(age)"], ["F\(age)", "M\(age)"]]
      guard
        let columns = names.lazy.compactMap({ group -> [Int]? in
          let found = group.compactMap { name in
            table.header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
          }
          return found.count == group.count ? found : nil
        }).first
      else {
        throw ReferenceError(
          "\(table.path): no column for age \(age == 90 ? "90+" : String(age)) (expected "
            + "'0' … '89', '90+', or 'F0' … 'F90' with 'M0' … 'M90')")
      }
      ageColumns.append((age, columns))
      table.markUsed(columns)
    }
    let allAges = table.column(matching: "All Ages|Total")
    return try warehouse.loadReference(
      kind: .population, originalName: name, vintage: String(year),
      replacing: .vintage(of: "ref_population", column: "year"), sha256: { table.sha256 }
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        // ONS sheets end with notes rows: empty, or a note where the code would be and no
        // counts.
        let code = TextNormalisation.code(fields[wardCode])
        if code.isEmpty { return }
        if !TextNormalisation.isGSSCode(code),
          ageColumns.allSatisfy({ $0.columns.allSatisfy { fields[$0].isEmpty } })
        {
          return
        }
        let ward = try Self.gssCode(fields[wardCode], "ward code", line: line, path: table.path)
        var total = 0
        for (age, columns) in ageColumns {
          var count = 0
          for column in columns {
            guard let part = Int(fields[column].replacingOccurrences(of: ",", with: "")),
              part >= 0
            else {
              throw ReferenceError(
                "\(table.path), line \(line), column '\(table.header[column])': "
                  + "'\(fields[column])' is not a population count")
            }
            count += part
          }
          total += count
          try writer.insert(
            into: "ref_population", columns: ["ward_code", "year", "age", "population"],
            conflict: .fail,
            values: [
              .text(ward), .integer(Int64(year)), .integer(Int64(age)), .integer(Int64(count)),
            ])
        }
        if let allAges,
          let stated = Int(fields[allAges].replacingOccurrences(of: ",", with: "")),
          stated != total
        {
          throw ReferenceError(
            "\(table.path), line \(line): All Ages is \(stated) but the ages sum to \(total)")
        }
        writer.countRow()
      }
    }
  }
}

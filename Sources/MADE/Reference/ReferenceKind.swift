import Foundation

/// The reference data MADE loads, each in its published layout.
public enum ReferenceKind: String, CaseIterable, Sendable {
  /// ONS ward → LAD lookup: `[FID,]WDyyCD,WDyyNM,LADyyCD,LADyyNM`.
  case wards
  /// ONS LSOA → ward best-fit lookup: `[FID,]LSOAyyCD,LSOAyyNM,WDyyCD,WDyyNM,LADyyCD,LADyyNM`.
  case lsoaWards = "lsoa-wards"
  /// ONSPD or NSPL postcode directory.
  case postcodes
  /// ONS ward mid-year population estimates by single year of age: the published workbook
  /// (.xlsx) or a sheet of it saved as CSV.
  case population
  /// The offence classification table (Home Office codes, groups, flags, harm weights).
  case offences
  /// Keyword rules that classify A&E method free text (keyword, category, priority).
  case methodRules = "method-rules"
  /// A GIAS (Get Information about Schools) extract, Windows-1252 as GIAS delivers it.
  case schools
  /// DfE suspension and exclusion reason codes with a violence-related flag.
  case exclusionReasons = "exclusion-reasons"
  /// ONS ward or district boundaries: GeoJSON (or a zip of it) with WDyyCD/WDyyNM or
  /// LADyyCD/LADyyNM properties, in WGS84 or British National Grid.
  case boundaries

  public var summary: String {
    switch self {
    case .wards: return "ONS ward to LAD lookup: WDyyCD, WDyyNM, LADyyCD, LADyyNM"
    case .lsoaWards: return "ONS LSOA to ward best fit: LSOAyyCD, WDyyCD, LADyyCD (+ names)"
    case .postcodes: return "ONSPD or NSPL: pcds/pcd, doterm, osward/ward, oslaua/laua"
    case .population: return "ONS ward estimates, .xlsx or CSV: Ward Code 1, 0 … 90+ (--year)"
    case .offences: return "offence table: code, group, serious_violence, knife_eligible, …"
    case .methodRules: return "method keywords: keyword, category, priority"
    case .schools: return "GIAS extract: URN, EstablishmentName, Postcode, LA (code), …"
    case .exclusionReasons: return "DfE reason codes: code, description, violence_related"
    case .boundaries: return "ONS ward or district boundaries: GeoJSON or its .zip (for maps)"
    }
  }
}

/// A reference file that cannot be used: what is wrong and what to do.
public struct ReferenceError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}

/// Reads a reference CSV (UTF-8 or Windows-1252, plain or gzip) into header + rows of Strings.
///
/// Reference files are small next to partner feeds (a national postcode directory is the
/// largest, ~2.7M rows), so rows are handed to `body` one at a time.
final class ReferenceTable {
  let header: [String]
  /// What messages call the file: its path, or, for a table read out of a workbook, where
  /// in it (`book.xlsx, sheet 'Mid-2022'`).
  let path: String
  private let filePath: String
  /// For a table read out of a workbook: the sheet's row number of each line, from 1.
  private let lineNumbers: [Int]?
  private let deliveredSHA256: String?
  private let reader: CSVReader
  private var decoder = TextDecoder()
  private let source: DeliveredFile

  convenience init(path: String) throws {
    try self.init(reading: path, shownAs: path)
  }

  /// Reads the CSV at `filePath`; messages name it `path`, and its lines `lineNumbers`
  /// (when given); `sha256` is the delivered file's, when the CSV was made from it.
  init(
    reading filePath: String, shownAs path: String, lineNumbers: [Int]? = nil,
    sha256: String? = nil
  ) throws {
    self.path = path
    self.filePath = filePath
    self.lineNumbers = lineNumbers
    deliveredSHA256 = sha256
    // A path the operator named: a link is followed, but it must end in a regular file.
    let file = try DeliveredFile(path: filePath, followLink: true)
    source = file
    let sniff = try FileSniffer.sniff(file)
    if let notText = sniff.notText {
      throw ReferenceError("\(path): \(notText)")
    }
    let stream: any ByteSource = sniff.isGzip ? try GzipSource(upstream: file) : file
    let reader = CSVReader(source: stream)
    self.reader = reader
    guard try reader.next() else { throw ReferenceError("\(path): the file is empty") }
    header = reader.decodedFields().map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// A Y/N flag as 1 or 0 (also Yes/No, 1/0, TRUE/FALSE); `blank` is what an empty cell
  /// means (nil: an error).
  func flag(_ text: String, line: Int, column: Int, blank: Int64?) throws -> Int64 {
    switch text.uppercased() {
    case "Y", "YES", "1", "TRUE": return 1
    case "N", "NO", "0", "FALSE": return 0
    case "" where blank != nil: return blank!
    default:
      throw ReferenceError(
        "\(path), line \(line), column '\(header[column])': '\(text)' is not Y or N")
    }
  }

  /// The column matching the first alternative of `pattern` that any column matches
  /// ("pcds|pcd2|pcd" prefers pcds), case-insensitive and whole.
  func column(matching pattern: String) -> Int? {
    guard let index = Self.index(of: pattern, in: header) else { return nil }
    used.insert(index)
    return index
  }

  /// The first of `names` matching the first alternative of `pattern` that any matches,
  /// case-insensitive and whole: how columns of a CSV and properties of a GeoJSON feature
  /// are found whatever their vintage.
  static func index(of pattern: String, in names: [String]) -> Int? {
    for alternative in pattern.split(separator: "|") {
      let regex = try! NSRegularExpression(
        pattern: "^(\(alternative))$", options: [.caseInsensitive])
      if let index = names.firstIndex(where: {
        regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
      }) {
        return index
      }
    }
    return nil
  }

  func requireColumn(_ pattern: String, described: String) throws -> Int {
    guard let index = column(matching: pattern) else {
      throw ReferenceError(
        "\(path): no column for \(described) (looked for a header matching \(pattern); "
          + "found: \(header.joined(separator: ", ")))")
    }
    return index
  }

  /// Columns a loader asked for: only these are decoded (a postcode directory has ~40 columns
  /// and ~2.7M rows; loaders need five of them).
  private(set) var used = Set<Int>()

  func markUsed(_ columns: [Int]) { used.formUnion(columns) }

  /// Calls `body` with each row's fields (columns not asked for are "") and its line number;
  /// reports progress every 20,000 rows.
  func forEachRow(
    progress: (any ProgressReporter)? = nil, _ body: ([String], Int) throws -> Void
  ) throws {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let total = (try? FileManager.default.attributesOfItem(atPath: filePath)[.size] as? Int) ?? 0
    var rows = 0
    let wanted = (0..<header.count).map { used.contains($0) }
    while try reader.next() {
      let line = lineNumbers.map { $0[min(reader.line, $0.count) - 1] } ?? reader.line
      guard reader.fieldCount == header.count else {
        throw ReferenceError(
          "\(path), line \(line): expected \(header.count) fields, found "
            + "\(reader.fieldCount)")
      }
      var fields: [String] = []
      fields.reserveCapacity(reader.fieldCount)
      for index in 0..<reader.fieldCount {
        guard wanted[index] else {
          fields.append("")
          continue
        }
        var output: [UInt8] = []
        decoder.appendUTF8(of: reader.field(index), to: &output)
        fields.append(
          String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespaces))
      }
      try body(fields, line)
      rows += 1
      if rows % 20_000 == 0 {
        progress?.update(file: name, bytesRead: source.bytesRead, totalBytes: total, rows: rows)
      }
    }
    progress?.finish(file: name)
  }

  var sha256: String { deliveredSHA256 ?? source.digestHex }
}

import Foundation
import ZIPFoundation

/// A reference CSV inside the `.zip` ONS publishes it in: the NSPL and ONSPD (a folder of
/// documents, `Data/NSPL21_NOV_2024_UK.csv` and `Data/multi_csv/` per area), lookups (the CSV
/// and its metadata). The member is found by its name: the kind's pattern, else the only CSV.
/// It is inflated to a temporary file (a national directory is ~1 GB of CSV) that the
/// caller deletes; its lineage is the zip's SHA-256 and `zip › member`.
enum ReferenceZip {
  /// The single-file member of each kind that publishes several CSVs in one zip.
  static func pattern(of kind: ReferenceKind) -> String? {
    switch kind {
    case .postcodes: return #"(^|/)(NSPL|ONSPD)[^/]*_UK\.csv$"#
    case .wards: return #"(^|/)WD[0-9]{2}_LAD[0-9]{2}[^/]*\.csv$"#
    case .lsoaWards: return #"(^|/)LSOA[0-9]{2}_WD[0-9]{2}[^/]*\.csv$"#
    default: return nil
    }
  }

  /// Inflating past this is not a reference table (a zip bomb would be).
  static let inflatedLimit: UInt64 = 8 << 30

  /// The kind's CSV of the zip at `path`, inflated: (temporary file, member path, zip's
  /// SHA-256).
  static func extract(_ kind: ReferenceKind, from path: String) throws -> (
    file: URL, member: String, sha256: String
  ) {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let digest = try DeliveredFile(path: path, followLink: true).readToEndAndDigest()
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw ReferenceError(
        "\(name): not a zip MADE can read (\(error)). Download it again; if it is an Excel "
          + "workbook, export the sheet as CSV.")
    }
    guard archive["xl/workbook.xml"] == nil else {
      throw ReferenceError(
        "\(name): an Excel workbook (.xlsx); MADE reads \(kind.rawValue) as CSV: export the "
          + "sheet as CSV.")
    }
    let csvs = archive.deliveredFiles.filter {
      $0.path.lowercased().hasSuffix(".csv") && !$0.path.lowercased().contains("multi_csv/")
    }
    var chosen = csvs
    if let pattern = pattern(of: kind), csvs.count > 1 {
      let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
      chosen = csvs.filter {
        regex.firstMatch(in: $0.path, range: NSRange($0.path.startIndex..., in: $0.path)) != nil
      }
    }
    guard chosen.count == 1, let entry = chosen.first else {
      let listed = (chosen.isEmpty ? csvs : chosen).map(\.path).sorted()
      throw ReferenceError(
        "\(name): "
          + (listed.isEmpty
            ? "no CSV in the zip for \(kind.rawValue)"
            : "\(listed.count) CSVs in the zip could be the \(kind.rawValue) table "
              + "(\(listed.prefix(5).joined(separator: ", "))\(listed.count > 5 ? ", …" : ""))")
          + ". Unzip it and load the CSV you mean.")
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-reference-\(UUID().uuidString).csv")
    guard FileManager.default.createFile(atPath: file.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: file.path)
    else {
      throw ReferenceError(
        "cannot write a temporary file in \(file.deletingLastPathComponent().path)")
    }
    defer { try? handle.close() }
    let tooLarge = ReferenceError(
      "\(name) › \(entry.path): more than a reference table once unzipped")
    do {
      try archive.extract(entry, atMost: inflatedLimit, tooLarge: tooLarge) {
        try handle.write(contentsOf: $0)
      }
    } catch {
      try? FileManager.default.removeItem(at: file)
      if error is ReferenceError { throw error }
      throw ReferenceError("\(name) › \(entry.path): cannot be unzipped (\(error)).")
    }
    return (file, entry.path, digest)
  }
}

import Foundation
import TOMLKit

/// The keys `made.toml` may hold, read from the Codable types' CodingKeys in one place, so
/// that a key added to a settings type is known here without another list to keep.
///
/// A misspelt key (`supression_threshold`) would otherwise be ignored and its default used
/// without a word: every key is checked, with the nearest known key suggested.
indirect enum ConfigKeys: Sendable {
  /// A value (number, text, list of values).
  case value
  /// A table with these keys.
  case table([String: ConfigKeys])
  /// A table per name, each with the same keys (`[feeds.<name>]`).
  case tablePerName(ConfigKeys)
  /// An array of tables (`[[csp]]`).
  case arrayOfTables(ConfigKeys)

  /// A table whose keys are `keys`' cases; those in `nested` are tables themselves.
  static func table<Key: CodingKey & CaseIterable & Hashable>(
    _ keys: Key.Type, nested: [Key: ConfigKeys] = [:]
  ) -> ConfigKeys {
    .table(
      Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.stringValue, nested[$0] ?? .value) })
    )
  }

  /// The whole of made.toml.
  static let config = table(
    Config.CodingKeys.self,
    nested: [
      .area: table(Config.Area.CodingKeys.self),
      .ingest: table(Config.Ingest.CodingKeys.self),
      .export: table(Config.Export.CodingKeys.self),
      .nightly: table(Config.Nightly.CodingKeys.self),
      .feeds: .tablePerName(table(Config.FeedSettings.CodingKeys.self)),
      .partnerships: .arrayOfTables(table(Config.Partnership.CodingKeys.self)),
    ])

  /// The first key of `document` this shape does not know, as a message naming the key, its
  /// line (when `lines` finds it) and the nearest known key; nil when every key is known.
  /// `feeds` are the names `[feeds.<name>]` may use.
  func firstUnknownKey(in document: TOMLTable, lines: ConfigLines, feeds: [String]) -> String? {
    unknown(in: document, path: [], lines: lines, feeds: feeds)
  }

  private func unknown(
    in value: TOMLValueConvertible, path: [String], lines: ConfigLines, feeds: [String]
  ) -> String? {
    switch self {
    case .value:
      return nil
    case .table(let keys):
      return Self.unknown(
        inTable: value, named: "setting", known: keys.keys.sorted(), shapeOf: { keys[$0] },
        path: path, lines: lines, feeds: feeds)
    case .tablePerName(let shape):
      return Self.unknown(
        inTable: value, named: "feed", known: feeds.sorted(),
        shapeOf: { feeds.contains($0) ? shape : nil }, path: path, lines: lines, feeds: feeds)
    case .arrayOfTables(let shape):
      guard let array = value.array else { return nil }
      for (index, element) in array.enumerated() {
        if let problem = shape.unknown(
          in: element, path: path + ["\(index)"], lines: lines, feeds: feeds)
        {
          return problem
        }
      }
      return nil
    }
  }

  /// The first unknown key of a table whose keys are `known` (`shapeOf` gives each known
  /// key's shape), or of a table below one of them.
  private static func unknown(
    inTable value: TOMLValueConvertible, named what: String, known: [String],
    shapeOf: (String) -> ConfigKeys?, path: [String], lines: ConfigLines, feeds: [String]
  ) -> String? {
    guard let table = value.table else { return nil }  // the decoder says what is wrong
    for key in table.keys.sorted() {
      guard let shape = shapeOf(key) else {
        return describe(key: key, path: path, known: known, what: what, lines: lines)
      }
      if let child = table[key],
        let problem = shape.unknown(in: child, path: path + [key], lines: lines, feeds: feeds)
      {
        return problem
      }
    }
    return nil
  }

  /// "unknown setting 'supression_threshold' in [export] (line 12); did you mean
  /// suppression_threshold?"
  private static func describe(
    key: String, path: [String], known: [String], what: String, lines: ConfigLines
  ) -> String {
    let place = path.isEmpty ? "at the top level" : "in \(ConfigLines.section(path))"
    let line = lines.line(of: path + [key]).map { " (line \($0))" } ?? ""
    var message = "unknown \(what) '\(key)' \(place)\(line)"
    if let nearest = nearest(to: key, among: known) {
      message += "; did you mean \(nearest)?"
    }
    return message + " (known here: \(known.joined(separator: ", ")))"
  }

  /// The known key closest to `key`, when close enough to be a slip (`Spelling.nearest`).
  static func nearest(to key: String, among known: [String]) -> String? {
    Spelling.nearest(to: key, among: known)
  }
}

/// Where each key of a TOML text is written, as a text editor counts lines: TOMLKit does not
/// keep positions, so the text is read for table headers (`[a.b]`, `[[csp]]`) and `key =`.
struct ConfigLines {
  /// Line by path; an array of tables' elements are numbered from 0 ("csp", "1", "code").
  private var lines: [[String]: Int] = [:]

  init(text: String) {
    var table: [String] = []
    var arrayCounts: [[String]: Int] = [:]
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[[") {
        let name = Self.keyPath(String(line.dropFirst(2).prefix { $0 != "]" }))
        let count = arrayCounts[name, default: 0]
        arrayCounts[name] = count + 1
        table = name + ["\(count)"]
        record(table, index + 1)
      } else if line.hasPrefix("[") {
        table = Self.keyPath(String(line.dropFirst().prefix { $0 != "]" }))
        record(table, index + 1)
      } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
        record(table + Self.keyPath(String(line[..<equals])), index + 1)
      }
    }
  }

  private mutating func record(_ path: [String], _ line: Int) {
    for length in 1...max(1, path.count) where lines[Array(path.prefix(length))] == nil {
      lines[Array(path.prefix(length))] = line
    }
  }

  /// The line where `path` is first written, if found.
  func line(of path: [String]) -> Int? { lines[path] }

  /// `feeds."police-uk"` → ["feeds", "police-uk"].
  static func keyPath(_ text: String) -> [String] {
    text.split(separator: ".").map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\"'"))
    }
  }

  /// ["feeds", "police-uk"] → `[feeds.police-uk]`; ["csp", "1"] → `[[csp]] number 2`.
  static func section(_ path: [String]) -> String {
    if path.count == 2, let index = Int(path[1]) { return "[[\(path[0])]] number \(index + 1)" }
    return "[\(path.joined(separator: "."))]"
  }
}

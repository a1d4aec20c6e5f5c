import Foundation

/// The warehouse's data dictionary, for analysts: every table and view of a fully migrated
/// warehouse (the record tables of every feed and `v_ward_profile` included) with its grain
/// and its columns, every indicator of the catalogue, and the coded values of
/// `indicator_values`. `made docs` writes it as Markdown and as one self-contained HTML page.
///
/// Nothing here is a second list of what exists. Tables, views and columns are read from
/// `sqlite_master` and `PRAGMA table_info` of a warehouse built in a temporary folder; each
/// grain is the comment before its CREATE in `Migrations`; column descriptions come from
/// `Schemas/warehouse-columns.json`, the feed schemas and the indicator catalogue. A missing
/// description is left blank and listed by `undocumented`, so a test fails instead of the
/// dictionary guessing.
///
/// Descriptions are plain text in which `backticks` mark names and code. Its values are made
/// by `build` (and by tests, with the memberwise initialisers, which are internal).
public struct DataDictionary: Sendable {
  /// The layers of the warehouse, in the order the dictionary presents them.
  public enum Section: String, CaseIterable, Sendable {
    case operations, reference, records, indicators, views

    var title: String {
      switch self {
      case .operations: return "Lineage and operations"
      case .reference: return "Reference data"
      case .records: return "Partner records"
      case .indicators: return "Indicator tables"
      case .views: return "Views"
      }
    }

    var summary: String {
      switch self {
      case .operations:
        return "Runs, delivered files, rejected rows, the audit log and MADE's own bookkeeping."
      case .reference:
        return "Lookups loaded with `made reference load` in their published layouts, and the "
          + "areas `made aggregate` publishes."
      case .records:
        return "One table per feed, created from its schema (`Schemas/feeds/`) when its first "
          + "file is loaded, and a `_history` table beside it with every superseded version."
      case .indicators:
        return "The indicator catalogue, the monthly counts every period is summed from, and "
          + "the published values."
      case .views:
        return "Ready-made queries for analysts."
      }
    }
  }

  /// A table or view.
  public struct Table: Sendable {
    public enum Kind: String, Sendable {
      case table, view
    }

    public var name: String
    public var kind: Kind
    public var section: Section
    /// The grain ("One row per …") and what the table is for.
    public var description: String
    public var columns: [Column]
  }

  /// A column of a table or view, as `PRAGMA table_info` and `foreign_key_list` give it.
  public struct Column: Sendable {
    public var name: String
    /// The declared SQLite type; empty for a view column computed by an expression.
    public var type: String
    public var isNotNull = false
    /// Position in the primary key (1 for its first column), or nil.
    public var primaryKeyPosition: Int?
    /// The `table.column` it references, or nil.
    public var references: String?
    /// Blank until the dictionary is built (and in the list of `undocumented` if it stays so).
    public var description = ""
  }

  /// The values a coded column takes, each with its meaning.
  public struct Vocabulary: Sendable {
    public struct Term: Sendable {
      public var value: String
      public var meaning: String
    }

    /// The column of `indicator_values` (and the views that show it).
    public var column: String
    public var description: String
    public var terms: [Term]
  }

  public static let markdownFileName = "data-dictionary.md"
  public static let htmlFileName = "data-dictionary.html"

  /// The latest migration applied.
  public var schemaVersion: Int
  /// Sorted by section, then by name (a record table is followed by its history).
  public var tables: [Table]
  /// In catalogue order.
  public var indicators: [IndicatorDefinition]
  public var vocabularies: [Vocabulary]

  /// Tables (`table`), columns (`table.column`) and coded values (`column = value`) without
  /// a description.
  public var undocumented: [String] {
    let tableGaps = tables.flatMap { table in
      (table.description.isEmpty ? [table.name] : [])
        + table.columns.filter(\.description.isEmpty).map { "\(table.name).\($0.name)" }
    }
    let valueGaps = vocabularies.flatMap { vocabulary in
      vocabulary.terms.filter(\.meaning.isEmpty).map { "\(vocabulary.column) = \($0.value)" }
    }
    return tableGaps + valueGaps
  }

  /// Writes `data-dictionary.md`, `data-dictionary.html` and Datasette's `metadata.json`
  /// (titled `title`, under `licence`) into `directory` (created if needed); returns their
  /// URLs.
  @discardableResult
  public func write(to directory: URL, title: String = "MADE warehouse", licence: String? = nil)
    throws -> [URL]
  {
    let files = [
      (Self.markdownFileName, Data(markdown.utf8)), (Self.htmlFileName, Data(html.utf8)),
      (Self.datasetteMetadataFileName, try datasetteMetadata(title: title, licence: licence)),
    ].map { (url: directory.appendingPathComponent($0.0), bytes: $0.1) }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for file in files { try file.bytes.write(to: file.url, options: .atomic) }
    } catch {
      throw ConfigurationError(
        "cannot write the data dictionary into \(directory.path): \(error.localizedDescription)")
    }
    return files.map(\.url)
  }
}

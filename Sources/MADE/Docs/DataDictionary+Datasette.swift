import Foundation

/// The dictionary as Datasette metadata (`metadata.json`,
/// https://docs.datasette.io/en/0.65/metadata.html), so that
/// `datasette warehouse.sqlite --metadata docs/metadata.json` opens the warehouse with every
/// table, view and column described: the same descriptions as the Markdown and HTML pages.
extension DataDictionary {
  public static let datasetteMetadataFileName = "metadata.json"
  /// Datasette names a database after its file, less the extension.
  static let datasetteDatabaseName = URL(fileURLWithPath: Workspace.warehouseFileName)
    .deletingPathExtension().lastPathComponent

  /// Where the published figures are and what they are; the top of the Datasette index page.
  struct DatasetteMetadata: Encodable {
    struct Database: Encodable {
      var description: String
      var tables: [String: Table]
    }
    struct Table: Encodable {
      var description: String
      var columns: [String: String]
    }
    var title: String
    var description: String
    var license: String?
    var source: String
    var databases: [String: Database]
  }

  /// The metadata of the warehouse of the VRN `title`, published under `licence` (the
  /// `[export]` licence of made.toml; left out when unset, as in packs).
  public func datasetteMetadata(title: String, licence: String?) throws -> Data {
    var tables: [String: DatasetteMetadata.Table] = [:]
    for table in self.tables {
      var columns: [String: String] = [:]
      for column in table.columns where !column.description.isEmpty {
        columns[column.name] = column.description
      }
      tables[table.name] = DatasetteMetadata.Table(
        description: "\(table.section.title). \(table.description)", columns: columns)
    }
    let metadata = DatasetteMetadata(
      title: title,
      description: "The MADE warehouse (schema version \(schemaVersion)): partners' records, "
        + "pseudonymised and placed in wards, and the violence indicators computed from them. "
        + "indicator_values holds every figure, withheld ones included, for analysis only; "
        + "publish from the v_ views, which show what a pack shows.",
      license: licence,
      source: "Partners' deliveries under the information-sharing agreement, loaded by MADE "
        + MADEVersion.string + " (lineage in files and runs)",
      databases: [
        Self.datasetteDatabaseName: DatasetteMetadata.Database(
          description: "\(tables.count) tables and views, \(indicators.count) indicators.",
          tables: tables)
      ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(metadata) + Data("\n".utf8)
  }
}

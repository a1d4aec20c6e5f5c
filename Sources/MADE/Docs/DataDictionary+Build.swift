import Foundation

/// Building the dictionary from a warehouse migrated for the purpose.
extension DataDictionary {
  /// The dictionary of the built-in feeds and indicator catalogue.
  public static func build() throws -> DataDictionary {
    try build(feeds: FeedCatalog(), indicators: IndicatorCatalog.builtIn())
  }

  /// The dictionary of a warehouse migrated in a temporary folder, with the record table of
  /// every feed of `feeds` and the ward profile view of `indicators` created in it.
  public static func build(feeds: FeedCatalog, indicators: IndicatorCatalog) throws
    -> DataDictionary
  {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-docs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (version, tables) = try describeWarehouse(
      path: folder.appendingPathComponent("warehouse.sqlite").path, feeds: feeds,
      indicators: indicators)
    return DataDictionary(
      schemaVersion: version, tables: tables, indicators: indicators.indicators,
      vocabularies: indicatorValueVocabularies())
  }

  /// Migrates a new warehouse at `path`, creates the feed tables and the ward profile view,
  /// and describes every table and view in it.
  private static func describeWarehouse(
    path: String, feeds: FeedCatalog, indicators: IndicatorCatalog
  ) throws -> (version: Int, tables: [Table]) {
    let warehouse = try Warehouse(path: path)
    var records: [String: (feed: FeedSpec, isHistory: Bool)] = [:]
    for name in feeds.names {
      let feed = try feeds.feed(named: name)
      try warehouse.ensureTable(for: feed)
      records[feed.table] = (feed, false)
      records["\(feed.table)_history"] = (feed, true)
    }
    try warehouse.createWardProfileView(indicators)

    let fixed = try fixedColumnDescriptions()
    let grains = Migrations.grains(in: Migrations.all)
    let indicatorsByID = Dictionary(
      indicators.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var tables: [Table] = []
    for object in try warehouse.schemaObjects() {
      let name = object.name
      let kind: Table.Kind = object.isView ? .view : .table
      let record = records[name]
      let section: Section
      let description: String
      if kind == .view {
        section = .views
      } else if record != nil {
        section = .records
      } else if name.hasPrefix("ref_") {
        section = .reference
      } else if name.hasPrefix("indicator") {
        section = .indicators
      } else {
        section = .operations
      }
      if let record {
        description =
          record.isHistory
          ? historyDescription(of: record.feed) : recordTableDescription(of: record.feed)
      } else {
        description = grains[name] ?? codeCreatedTables[name] ?? ""
      }
      let columns = try warehouse.schemaColumns(of: name).map { column in
        var column = column
        if let record {
          column.description = recordColumnDescription(
            column.name, of: record.feed, inHistory: record.isHistory)
        } else if name == "v_ward_profile",
          let description = wardProfileColumnDescription(column.name, indicators: indicatorsByID)
        {
          column.description = description
        } else {
          column.description = fixed[name]?[column.name] ?? ""
        }
        return column
      }
      tables.append(
        Table(
          name: name, kind: kind, section: section, description: description, columns: columns))
    }
    let order = Dictionary(uniqueKeysWithValues: Section.allCases.enumerated().map { ($1, $0) })
    tables.sort { (order[$0.section]!, $0.name) < (order[$1.section]!, $1.name) }
    return (warehouse.schemaVersion, tables)
  }

  /// `Schemas/warehouse-columns.json`: `{"table": {"column": "description"}}` for every table
  /// and view that is not a feed's record table.
  static func fixedColumnDescriptions() throws -> [String: [String: String]] {
    do {
      return try JSONDecoder().decode(
        [String: [String: String]].self, from: Data(PackageResources.warehouse_columns_json))
    } catch {
      throw ConfigurationError("Schemas/warehouse-columns.json is not valid: \(error)")
    }
  }

  /// Grains of the tables and views created in code rather than by a migration.
  static let codeCreatedTables: [String: String] = [
    "schema_migrations":
      "One row per migration applied to this warehouse (`Warehouse.migrate`): the schema "
      + "version is the highest.",
    "v_ward_profile":
      "One row per ward and quarter or financial year (the periods packs publish): every "
      + "ward-level indicator of the "
      + "catalogue side by side, four columns each (its value and 95% limits, blank when "
      + "withheld, and whether it is withheld), as a pack would publish them. Rebuilt by "
      + "`made aggregate` from the catalogue, so its columns follow it.",
  ]
}

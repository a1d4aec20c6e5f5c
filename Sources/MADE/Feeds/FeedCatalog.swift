import Foundation

/// The feeds MADE knows: the schemas built into the binary, plus any the workspace adds or
/// overrides in `schemas/feeds/<feed>.schema.json`.
public struct FeedCatalog: Sendable {
  public private(set) var feeds: [String: FeedSpec]

  /// The schemas compiled into the binary (from `Schemas/feeds/`). A new built-in feed is a
  /// schema file plus one line here.
  static let builtIn: [(name: String, json: [UInt8])] = [
    ("police-uk", PackageResources.police_uk_schema_json),
    ("police-crimes", PackageResources.police_crimes_schema_json),
    ("ae-attendances", PackageResources.ae_attendances_schema_json),
    ("yot-offences", PackageResources.yot_offences_schema_json),
    ("school-suspensions", PackageResources.school_suspensions_schema_json),
    ("school-absence", PackageResources.school_absence_schema_json),
  ]

  /// Loads the built-in schemas, then `overrideDirectory/*.schema.json` if it exists.
  public init(overrideDirectory: URL? = nil) throws {
    feeds = [:]
    let decoder = JSONDecoder()
    for (name, json) in Self.builtIn {
      feeds[name] = try Self.decode(Data(json), source: "built-in schema \(name)", decoder)
    }
    guard let overrideDirectory,
      let names = try? FileManager.default.contentsOfDirectory(atPath: overrideDirectory.path)
    else { return }
    var sources: [String: String] = [:]
    for file in names.sorted() where file.hasSuffix(".schema.json") {
      let url = overrideDirectory.appendingPathComponent(file)
      let spec = try Self.decode(try Data(contentsOf: url), source: url.path, decoder)
      // The file name says which feed it adds or overrides: a schema named otherwise would
      // silently override another feed, or two files could claim one feed.
      guard file == "\(spec.name).schema.json" else {
        throw ConfigurationError(
          "\(url.path): the schema's \"name\" is '\(spec.name)' but the file is named "
            + "\(SchemaNames.quoted(file)); name the file \(spec.name).schema.json")
      }
      feeds[spec.name] = spec
      sources[spec.name] = url.path
    }
    try Self.checkOneFeedPerTable(feeds, sources: sources)
  }

  /// A record table belongs to one feed: two schemas naming one table (a workspace schema and
  /// a built-in one, or two workspace schemas) would mix their records and lineage.
  static func checkOneFeedPerTable(_ feeds: [String: FeedSpec], sources: [String: String])
    throws
  {
    var owner: [String: String] = [:]
    // Built-in schemas first, so that the workspace's schema is the one named as the newcomer.
    let ordered = feeds.values.sorted {
      (sources[$0.name] == nil ? 0 : 1, $0.name) < (sources[$1.name] == nil ? 0 : 1, $1.name)
    }
    for spec in ordered {
      guard let other = owner[spec.table] else {
        owner[spec.table] = spec.name
        continue
      }
      let files = [other, spec.name].map { sources[$0] ?? "built-in schema \($0)" }
      throw ConfigurationError(
        "\(files[1]): feed \(spec.name) names table '\(spec.table)', which feed \(other) "
          + "(\(files[0])) already names; a table belongs to one feed: give \(spec.name) a "
          + "table of its own")
    }
  }

  private static func decode(_ data: Data, source: String, _ decoder: JSONDecoder) throws
    -> FeedSpec
  {
    do {
      let spec = try decoder.decode(FeedSpec.self, from: data)
      try spec.check()
      return spec
    } catch let error as ConfigurationError {
      throw ConfigurationError("\(source): \(error.description)")
    } catch {
      throw ConfigurationError("\(source): not a valid feed schema (\(error))")
    }
  }

  /// The feed names a workspace knows without reading its schemas: the built-in ones and
  /// the names of its schema files (each file is named after its feed).
  static func feedNames(overrideDirectory: URL) -> [String] {
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: overrideDirectory.path))
      ?? []
    let added = files.filter { $0.hasSuffix(".schema.json") }.map {
      String($0.dropLast(".schema.json".count))
    }
    return Array(Set(builtIn.map(\.name) + added)).sorted()
  }

  public func feed(named name: String) throws -> FeedSpec {
    guard let spec = feeds[name] else {
      let known = feeds.keys.sorted().joined(separator: ", ")
      throw UsageError("unknown feed '\(name)' (known feeds: \(known))")
    }
    return spec
  }

  public var names: [String] { feeds.keys.sorted() }

  /// The feeds of `catalog` (by default the built-in ones) by record table.
  static func byTable(_ catalog: FeedCatalog?) -> [String: FeedSpec] {
    var byTable: [String: FeedSpec] = [:]
    for spec in (catalog ?? (try? FeedCatalog()))?.feeds.values.map({ $0 }) ?? [] {
      byTable[spec.table] = spec
    }
    return byTable
  }
}

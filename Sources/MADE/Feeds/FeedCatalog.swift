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
    for file in names.sorted() where file.hasSuffix(".schema.json") {
      let url = overrideDirectory.appendingPathComponent(file)
      let spec = try Self.decode(try Data(contentsOf: url), source: url.path, decoder)
      feeds[spec.name] = spec
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

  public func feed(named name: String) throws -> FeedSpec {
    guard let spec = feeds[name] else {
      let known = feeds.keys.sorted().joined(separator: ", ")
      throw ConfigurationError("unknown feed '\(name)' (known feeds: \(known))")
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

import Foundation
import TOMLKit

/// Reading `made.toml`: TOML decoded into `Config`, with errors that name the line and key.
extension Config {
  /// Reads and checks `made.toml`.
  /// `knownFeeds`: the feed names `[feeds.<name>]` may use; by default the built-in feeds and
  /// the workspace's own schemas (`schemas/feeds/` beside made.toml).
  public static func load(from url: URL, knownFeeds: [String]? = nil) throws -> Config {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw UsageError(
        "\(url.path) is missing or unreadable: is \(url.deletingLastPathComponent().path) a "
          + "MADE workspace? Create one with `made init DIR`, or pass --workspace DIR.")
    }
    return try parse(
      text, source: url.path,
      feeds: knownFeeds
        ?? FeedCatalog.feedNames(
          overrideDirectory: Workspace(root: url.deletingLastPathComponent()).schemaOverrides))
  }

  /// Reads and checks made.toml's text: TOML syntax, then every key (an unknown one is an
  /// error, never ignored), then types, then every number's range. `feeds` are the names
  /// `[feeds.<name>]` may use.
  static func parse(_ text: String, source: String, feeds: [String]) throws -> Config {
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigurationError(
        "\(source), line \(error.source.begin.line), column \(error.source.begin.column): "
          + "\(error.description); fix the TOML there")
    }
    if let unknown = ConfigKeys.config.firstUnknownKey(
      in: document, lines: ConfigLines(text: text), feeds: feeds)
    {
      throw ConfigurationError("\(source): \(unknown)")
    }
    let config: Config
    do {
      config = try TOMLDecoder().decode(Config.self, from: document)
    } catch let error as DecodingError {
      throw ConfigurationError("\(source): \(Self.explain(error, in: document))")
    } catch {
      throw ConfigurationError("\(source): \(error)")
    }
    try config.check(source: source)
    return config
  }

  /// "[area] lad_codes is missing" rather than a DecodingError dump.
  static func explain(_ error: DecodingError, in document: TOMLTable? = nil) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map(\.stringValue).joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      // TOMLKit reports a value of the wrong type (a number in quotes, 1e6 for a whole
      // number) as a missing key: say what is there instead.
      if let document, let found = value(at: context.codingPath, in: document) {
        let wanted =
          context.debugDescription.contains("\"Int\"")
          ? "a whole number, written without quotes or a decimal point"
          : context.debugDescription.contains("\"String\"") ? "text in quotes" : "another type"
        return "setting '\(path(context))' is \(describe(found)), where \(wanted) is expected"
      }
      var name = path(context)
      if !name.hasSuffix(key.stringValue) {
        name += (name.isEmpty ? "" : ".") + key.stringValue
      }
      return "setting '\(name)' is missing"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "setting '\(path(context))' has the wrong type (\(context.debugDescription))"
    case .dataCorrupted(let context):
      return "setting '\(path(context))': \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }

  /// The TOML value at a decoding path, if any.
  private static func value(at path: [any CodingKey], in document: TOMLTable)
    -> TOMLValueConvertible?
  {
    var current: TOMLValueConvertible? = document
    for key in path {
      if let index = key.intValue, let array = current?.array {
        current = index < array.count ? array[index] : nil
      } else {
        current = current?.table?[key.stringValue]
      }
    }
    return current
  }

  /// "a string ("1048576")", "a decimal number (1048576.0)".
  private static func describe(_ value: TOMLValueConvertible) -> String {
    switch value.type {
    case .string: return "text in quotes (\(SchemaNames.quoted(value.string ?? "")))"
    case .double: return "a decimal number (\(value.double.map { String($0) } ?? "?"))"
    case .int: return "a whole number"
    case .bool: return "true or false"
    case .array: return "a list"
    case .table: return "a table"
    default: return "a date or time"
    }
  }
}

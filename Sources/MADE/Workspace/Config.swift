import Foundation
import TOMLKit

/// `made.toml`: the workspace's settings, decoded through Codable types (never untyped).
public struct Config: Codable, Sendable, Equatable {
  public struct Area: Codable, Sendable, Equatable {
    public var name: String
    /// The VRN's local authority districts; records placed elsewhere are outside the area.
    public var ladCodes: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
      case name
      case ladCodes = "lad_codes"
    }
  }

  public struct Ingest: Codable, Sendable, Equatable {
    /// A field longer than this is rejected (`field-too-large`); memory stays bounded.
    public var maxFieldBytes: Int
    /// A gzip delivery inflating past this many bytes is quarantined (`gzip-too-large`): every
    /// read has a bound. Range: 1 MiB to 1 TiB; default 32 GiB.
    public var maxInflatedBytes: Int

    public static let defaultMaxInflatedBytes = 32 << 30
    public static let maxInflatedBytesRange = (1 << 20)...(1 << 40)

    public init(maxFieldBytes: Int, maxInflatedBytes: Int = defaultMaxInflatedBytes) {
      self.maxFieldBytes = maxFieldBytes
      self.maxInflatedBytes = maxInflatedBytes
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case maxFieldBytes = "max_field_bytes"
      case maxInflatedBytes = "max_inflated_bytes"
    }

    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      maxFieldBytes = try container.decode(Int.self, forKey: .maxFieldBytes)
      maxInflatedBytes =
        try container.decodeIfPresent(Int.self, forKey: .maxInflatedBytes)
        ?? Self.defaultMaxInflatedBytes
    }
  }

  /// A community safety partnership: a named group of the area's districts, published as its
  /// own geography (`geo_type = 'csp'`).
  public struct Partnership: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var ladCodes: [String]

    public init(code: String, name: String, ladCodes: [String]) {
      self.code = code
      self.name = name
      self.ladCodes = ladCodes
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case code, name
      case ladCodes = "lad_codes"
    }
  }

  /// `[export]`: what packs say and withhold.
  public struct Export: Codable, Sendable, Equatable {
    /// Under the primary/secondary policy, counts from 1 to this are suppressed.
    public var suppressionThreshold: Int
    /// The licence packs are published under (e.g. "OGL-UK-3.0"); unset, packs say so.
    public var licence: String?

    public init(suppressionThreshold: Int = 4, licence: String? = nil) {
      self.suppressionThreshold = suppressionThreshold
      self.licence = licence
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case suppressionThreshold = "suppression_threshold"
      case licence
    }

    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      suppressionThreshold =
        try container.decodeIfPresent(Int.self, forKey: .suppressionThreshold) ?? 4
      licence = try container.decodeIfPresent(String.self, forKey: .licence)
    }
  }

  /// `[nightly]`: how `made nightly` treats the inbox.
  public struct Nightly: Codable, Sendable, Equatable {
    /// Files modified less than this many seconds ago are left for the next run (a partner's
    /// upload may still be in progress).
    public var settleSeconds: Int

    public init(settleSeconds: Int = 120) { self.settleSeconds = settleSeconds }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case settleSeconds = "settle_seconds"
    }

    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      settleSeconds = try container.decodeIfPresent(Int.self, forKey: .settleSeconds) ?? 120
    }
  }

  /// `[feeds.<name>]`: what is expected of one feed.
  public struct FeedSettings: Codable, Sendable, Equatable {
    /// A delivery is expected at least this often; later, the feed is overdue (`made status
    /// --check` exits 5).
    public var expectEveryDays: Int?
    /// Records of months older than this are deleted by `made purge` (default: the feed
    /// schema's `retentionMonths`).
    public var retentionMonths: Int?

    public init(expectEveryDays: Int?, retentionMonths: Int? = nil) {
      self.expectEveryDays = expectEveryDays
      self.retentionMonths = retentionMonths
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case expectEveryDays = "expect_every_days"
      case retentionMonths = "retention_months"
    }
  }

  public var area: Area
  public var ingest: Ingest
  public var export: Export
  public var nightly: Nightly
  /// Settings per feed, by feed name.
  public var feeds: [String: FeedSettings]
  /// The area's community safety partnerships (`[[csp]]` tables); none means no CSP geography.
  public var partnerships: [Partnership]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case area, ingest, export, nightly, feeds
    case partnerships = "csp"
  }

  public init(
    area: Area, ingest: Ingest, export: Export = Export(), nightly: Nightly = Nightly(),
    feeds: [String: FeedSettings] = [:], partnerships: [Partnership] = []
  ) {
    self.area = area
    self.ingest = ingest
    self.export = export
    self.nightly = nightly
    self.feeds = feeds
    self.partnerships = partnerships
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    area = try container.decode(Area.self, forKey: .area)
    ingest = try container.decode(Ingest.self, forKey: .ingest)
    export = try container.decodeIfPresent(Export.self, forKey: .export) ?? Export()
    nightly = try container.decodeIfPresent(Nightly.self, forKey: .nightly) ?? Nightly()
    feeds = try container.decodeIfPresent([String: FeedSettings].self, forKey: .feeds) ?? [:]
    partnerships = try container.decodeIfPresent([Partnership].self, forKey: .partnerships) ?? []
  }

  /// Lancashire's 14 districts (docs/methods.md): the default area.
  public static let lancashireLADs = [
    "E06000008", "E06000009", "E07000117", "E07000118", "E07000119", "E07000120", "E07000121",
    "E07000122", "E07000123", "E07000124", "E07000125", "E07000126", "E07000127", "E07000128",
  ]

  /// Plausible partnerships for the sample Lancashire: the two unitary authorities on their
  /// own and the twelve county districts in four groups. Codes are local labels, not ONS codes.
  public static let lancashirePartnerships = [
    Partnership(code: "CSP-BWD", name: "Blackburn with Darwen CSP", ladCodes: ["E06000008"]),
    Partnership(code: "CSP-BPL", name: "Blackpool CSP", ladCodes: ["E06000009"]),
    Partnership(
      code: "CSP-CEN", name: "Central Lancashire CSP",
      ladCodes: ["E07000118", "E07000123", "E07000126"]),
    Partnership(
      code: "CSP-EST", name: "East Lancashire CSP",
      ladCodes: ["E07000117", "E07000120", "E07000122", "E07000124", "E07000125"]),
    Partnership(
      code: "CSP-NTH", name: "North and Fylde Coast CSP",
      ladCodes: ["E07000119", "E07000121", "E07000128"]),
    Partnership(code: "CSP-WST", name: "West Lancashire CSP", ladCodes: ["E07000127"]),
  ]

  public static let `default` = Config(
    area: Area(name: "Lancashire", ladCodes: lancashireLADs),
    ingest: Ingest(maxFieldBytes: 1 << 20), feeds: sampleCadence,
    partnerships: lancashirePartnerships)

  /// Monthly feeds within 35 days (a month and a few days' grace); school suspensions allow
  /// for the summer holiday; absence comes once a term.
  public static let sampleCadence: [String: FeedSettings] = [
    "police-uk": .init(expectEveryDays: 35), "police-crimes": .init(expectEveryDays: 35),
    "ae-attendances": .init(expectEveryDays: 35), "yot-offences": .init(expectEveryDays: 35),
    "school-suspensions": .init(expectEveryDays: 70),
    "school-absence": .init(expectEveryDays: 130),
  ]

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

  /// The range of every number made.toml holds: checked when it loads, so that no setting can
  /// reach arithmetic that traps (`4 * max_field_bytes`, months before today) or mean nonsense.
  enum Limits {
    /// 1 KiB to 64 MiB: a field larger than that is no CSV field a partner sends, and a row
    /// may hold four fields at the limit.
    static let maxFieldBytes = 1024...(64 << 20)
    static let suppressionThreshold = 1...100
    /// Up to a day: an upload still in progress after that has stalled.
    static let settleSeconds = 0...86_400
    /// Up to two years between deliveries.
    static let expectEveryDays = 1...730
    /// Up to a century of months, as a feed schema's `retentionMonths`.
    static let retentionMonths = FeedSpec.retentionMonthsRange
  }

  /// Throws unless `value` is within `range`, naming the setting and the range.
  private static func require(
    _ value: Int, within range: ClosedRange<Int>, _ setting: String, source: String,
    _ why: String = ""
  ) throws {
    guard range.contains(value) else {
      throw ConfigurationError(
        "\(source): \(setting) is \(value), outside the range it may take: from "
          + "\(range.lowerBound) to \(range.upperBound)\(why)")
    }
  }

  func check(source: String) throws {
    guard !area.ladCodes.isEmpty else {
      throw ConfigurationError("\(source): [area] lad_codes is empty; list the VRN's LAD codes")
    }
    // E or W, 0, then seven ASCII digits: the code is compared and written into SQL lists.
    for code in area.ladCodes
    where
      !(code.utf8.count == 9 && (code.hasPrefix("E0") || code.hasPrefix("W0"))
      && code.utf8.dropFirst(2).allSatisfy { (0x30...0x39).contains($0) })
    {
      throw ConfigurationError(
        "\(source): [area] lad_codes has '\(code)', which is not a LAD code like E07000123")
    }
    try Self.require(
      ingest.maxFieldBytes, within: Limits.maxFieldBytes, "[ingest] max_field_bytes",
      source: source, " bytes (1048576, 1 MiB, is the usual choice)")
    for (feed, settings) in feeds.sorted(by: { $0.key < $1.key }) {
      if let days = settings.expectEveryDays {
        try Self.require(
          days, within: Limits.expectEveryDays, "[feeds.\(feed)] expect_every_days",
          source: source, " days")
      }
      if let months = settings.retentionMonths {
        try Self.require(
          months, within: Limits.retentionMonths, "[feeds.\(feed)] retention_months",
          source: source, " months")
      }
    }
    try Self.require(
      ingest.maxInflatedBytes, within: Ingest.maxInflatedBytesRange,
      "[ingest] max_inflated_bytes", source: source,
      " bytes (the default is 34359738368, 32 GiB)")
    try Self.require(
      nightly.settleSeconds, within: Limits.settleSeconds, "[nightly] settle_seconds",
      source: source, " seconds")
    try Self.require(
      export.suppressionThreshold, within: Limits.suppressionThreshold,
      "[export] suppression_threshold", source: source,
      " (counts from 1 to it are withheld; 4 is the usual choice)")
    var codes: [String: Int] = [:]
    for (index, partnership) in partnerships.enumerated() {
      if let first = codes[partnership.code.uppercased()] {
        throw ConfigurationError(
          "\(source): [[csp]] number \(first + 1) and number \(index + 1) share the code "
            + "\(SchemaNames.quoted(partnership.code)); each partnership needs its own")
      }
      codes[partnership.code.uppercased()] = index
    }
    var partnershipOf: [String: String] = [:]
    for (index, partnership) in partnerships.enumerated() {
      let name = "[[csp]] number \(index + 1) (\(SchemaNames.quoted(partnership.code)))"
      // The code is published as a geo_code and names pack rows: plain ASCII, bounded.
      guard (1...32).contains(partnership.code.utf8.count),
        partnership.code.utf8.allSatisfy({
          (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
            || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        })
      else {
        throw ConfigurationError(
          "\(source): \(name): code must be 1 to 32 ASCII letters, digits, '-' or '_'")
      }
      if let clash = Self.clash(ofPartnershipCode: partnership.code, ladCodes: area.ladCodes) {
        throw ConfigurationError(
          "\(source): \(name): \(clash); give the partnership a local label of its own, like "
            + "CSP-EST")
      }
      guard !partnership.ladCodes.isEmpty else {
        throw ConfigurationError("\(source): \(name) has no lad_codes; list its districts")
      }
      for lad in partnership.ladCodes {
        guard area.ladCodes.contains(lad) else {
          throw ConfigurationError(
            "\(source): \(name) lists \(lad), which is not in [area] lad_codes; a partnership "
              + "groups the area's own districts")
        }
        if let other = partnershipOf[lad] {
          throw ConfigurationError(
            "\(source): \(lad) is in two partnerships, '\(other)' and '\(partnership.code)'; "
              + "a district belongs to one")
        }
        partnershipOf[lad] = partnership.code
      }
    }
  }

  /// Why a partnership code would be taken for something else, or nil. Its packs are named
  /// and chosen by code (`made export --area CODE`, `made-pack-CODE-…zip`, on file systems that
  /// may ignore case), beside the districts' packs and the county's, and its indicator rows sit
  /// beside the wards' and districts': a shared code loses one pack or mixes two areas' rows.
  static func clash(ofPartnershipCode code: String, ladCodes: [String]) -> String? {
    if let district = ladCodes.first(where: { $0.uppercased() == code.uppercased() }) {
      return "code \(SchemaNames.quoted(code)) is the district \(district) in [area] lad_codes"
    }
    if let word = ["all", "county"].first(where: { $0 == code.lowercased() }) {
      return "code \(SchemaNames.quoted(code)) is '\(word)', which `made export --area` already "
        + "means (\(word == "all" ? "every area" : "the whole area"))"
    }
    let bytes = Array(code.utf8)
    if bytes.count == 9, (0x41...0x5A).contains(bytes[0]) || (0x61...0x7A).contains(bytes[0]),
      bytes.dropFirst().allSatisfy({ (0x30...0x39).contains($0) })
    {
      return "code \(SchemaNames.quoted(code)) has the shape of an ONS geography code (a letter "
        + "and eight digits), which a ward, district or other area may carry"
    }
    return nil
  }

  private func partnershipsTOML() -> String {
    partnerships.map { partnership in
      let codes = partnership.ladCodes.map { "\"\($0)\"" }.joined(separator: ", ")
      return """
        [[csp]]
        code = "\(partnership.code)"
        name = "\(partnership.name)"
        lad_codes = [\(codes)]

        """
    }.joined(separator: "\n")
  }

  /// The text `made init` writes: the settings with comments that explain them.
  public func commentedTOML() -> String {
    let codes = area.ladCodes.map { "  \"\($0)\"," }.joined(separator: "\n")
    return """
      # MADE workspace configuration. Edit, then run `made status` to check it.

      [area]
      # The Violence Reduction Network's area: a name for reports and the local authority
      # districts (ONS LAD codes) it covers. Records placed in other districts are loaded but
      # marked outside_area and left out of the area's indicators.
      name = "\(area.name)"
      lad_codes = [
      \(codes)
      ]

      [ingest]
      # A field longer than this many bytes makes its row a reject (field-too-large); memory
      # use stays flat whatever a partner sends.
      max_field_bytes = \(ingest.maxFieldBytes)
      # A .gz delivery that inflates past this many bytes is quarantined (gzip-too-large):
      # a compression bomb must not fill the disk or run for hours. 1 MiB to 1 TiB.
      max_inflated_bytes = \(ingest.maxInflatedBytes)

      [export]
      # Indicator packs. Under the primary/secondary policy (police, youth justice, schools),
      # counts from 1 to suppression_threshold are withheld, and further cells too so that none
      # can be worked out by subtraction. A&E counts follow the NHS rule instead.
      suppression_threshold = \(export.suppressionThreshold)
      # The licence packs are published under, e.g. "OGL-UK-3.0"; until set, packs say so.
      \(export.licence.map { "licence = \"\($0)\"" } ?? "# licence = \"OGL-UK-3.0\"")

      [nightly]
      # made nightly leaves inbox files modified less than this many seconds ago for the next
      # run: a partner's upload may still be in progress. Names ending .part, .tmp, .filepart
      # and dot-files are never taken.
      settle_seconds = \(nightly.settleSeconds)

      # Expected cadence per feed: a feed with no delivery for longer is overdue (made status
      # lists it; made status --check exits 5 for monitoring). retention_months overrides the
      # feed schema's retention: made purge (and made nightly) delete older records.
      \(feeds.sorted { $0.key < $1.key }.map { name, settings in
        "[feeds.\(name)]\n" + (settings.expectEveryDays.map { "expect_every_days = \($0)\n" } ?? "")
          + (settings.retentionMonths.map { "retention_months = \($0)\n" } ?? "")
      }.joined(separator: "\n"))
      # Community safety partnerships: named groups of the area's districts, each published as
      # its own geography (geo_type 'csp') between the districts and the county. Every district
      # belongs to at most one. Remove these tables to publish no CSP level.
      \(partnershipsTOML())
      """
  }
}

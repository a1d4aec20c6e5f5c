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
    /// How the report's maps of wards (or districts) are coloured.
    public enum MapColouring: String, Codable, Sendable, CaseIterable {
      /// By each area's comparison with the county: better, similar, worse.
      case comparison
      /// By the quintile of the area's value among the pack's areas.
      case quintiles
      /// Both, side by side.
      case both
    }

    /// Under the primary/secondary policy, counts from 1 to this are suppressed.
    public var suppressionThreshold: Int
    /// The licence packs are published under (e.g. "OGL-UK-3.0"); unset, packs say so.
    public var licence: String?
    /// `maps`: how the report colours its maps (default `comparison`).
    public var maps: MapColouring

    public init(
      suppressionThreshold: Int = 4, licence: String? = nil, maps: MapColouring = .comparison
    ) {
      self.suppressionThreshold = suppressionThreshold
      self.licence = licence
      self.maps = maps
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case suppressionThreshold = "suppression_threshold"
      case licence
      case maps
    }

    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      suppressionThreshold =
        try container.decodeIfPresent(Int.self, forKey: .suppressionThreshold) ?? 4
      licence = try container.decodeIfPresent(String.self, forKey: .licence)
      let maps = try container.decodeIfPresent(String.self, forKey: .maps) ?? "comparison"
      guard let colouring = MapColouring(rawValue: maps) else {
        throw DecodingError.dataCorruptedError(
          forKey: .maps, in: container,
          debugDescription: "[export] maps = \"\(maps)\" is not one of "
            + MapColouring.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
      }
      self.maps = colouring
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

  /// Lancashire's 14 districts (docs/methods.md § "Periods and geographies"): the default area.
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
      # The report's ward (county pack: district) maps, once boundaries are loaded: coloured
      # by comparison with the county, by quintile of the value, or both side by side.
      maps = "\(export.maps.rawValue)"

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

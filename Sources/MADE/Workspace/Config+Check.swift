import Foundation

/// What made.toml may say: every number within its range, the area's and partnerships'
/// codes well formed and consistent.
extension Config {
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
}

import Foundation
import Testing

@testable import MADE

/// Issue 12, case 7: made.toml is checked like a schema. Every key is known (a misspelt one is
/// an error naming it, its line and the nearest known key), every number has a range, and a
/// refused made.toml changes nothing: the warehouse keeps what it held and verify passes.
@Suite struct ConfigHostileTests {
  /// A workspace with one police-uk delivery of two records loaded, and its made.toml text.
  final class Loaded {
    let test: TestWorkspace
    let original: String

    init() throws {
      test = try TestWorkspace()
      let text = ([PoliceUKRows.header] + [1, 2].map { PoliceUKRows.row($0) })
        .joined(separator: "\r\n")
      #expect(
        try test.ingest(try test.temporaryFile("a.csv", contents: Data(text.utf8))).rowsLoaded
          == 2)
      original = try String(contentsOf: test.workspace.configURL, encoding: .utf8)
    }

    /// Writes `text` as made.toml; opening the workspace must refuse it. Returns the message,
    /// after checking that nothing changed.
    func refusal(of text: String, sourceLocation: SourceLocation = #_sourceLocation) throws
      -> String
    {
      try text.write(to: test.workspace.configURL, atomically: true, encoding: .utf8)
      let error = try #require(throws: ConfigurationError.self, sourceLocation: sourceLocation) {
        try Pipeline(workspace: test.workspace)
      }
      #expect(
        try test.count("SELECT count(*) FROM files") == 1, sourceLocation: sourceLocation)
      #expect(
        try test.count("SELECT count(*) FROM police_uk_street") == 2,
        sourceLocation: sourceLocation)
      #expect(
        try test.pipeline.verify().allSatisfy(\.passed), sourceLocation: sourceLocation)
      return error.description
    }

    /// The workspace's made.toml with `old` replaced by `new` (which must be there).
    func edited(_ old: String, _ new: String) throws -> String {
      try #require(original.contains(old))
      return original.replacingOccurrences(of: old, with: new)
    }

    /// The line of `text` on which `needle` first appears, as an editor counts.
    static func line(of needle: String, in text: String) -> Int? {
      text.split(separator: "\n", omittingEmptySubsequences: false)
        .firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }
  }

  // MARK: The issue's examples

  @Test func refusesAFieldLimitThatWouldOverflowInsteadOfTrapping() throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(
      of: try loaded.edited("max_field_bytes = 1048576", "max_field_bytes = 4611686018427387904"))
    #expect(
      message
        == "\(loaded.test.workspace.configURL.path): [ingest] max_field_bytes is "
        + "4611686018427387904, outside the range it may take: from 1024 to 67108864 bytes "
        + "(1048576, 1 MiB, is the usual choice)")
  }

  @Test func refusesAMisspeltKeyNamingItsLineAndTheNearestKnownKey() throws {
    let loaded = try Loaded()
    let text = try loaded.edited("suppression_threshold = 4", "supression_threshold = 3")
    let message = try loaded.refusal(of: text)
    let line = try #require(Loaded.line(of: "supression_threshold", in: text))
    #expect(
      message
        == "\(loaded.test.workspace.configURL.path): unknown setting 'supression_threshold' in "
        + "[export] (line \(line)); did you mean suppression_threshold? (known here: licence, maps, "
        + "suppression_threshold)")
  }

  // MARK: Unknown keys at every level

  @Test(arguments: [
    ("[ingest]", "[ingset]", "unknown setting 'ingset' at the top level", "did you mean ingest?"),
    (
      "[nightly]\n", "[nightly]\nsettle_secs = 5\n", "unknown setting 'settle_secs' in [nightly]",
      "did you mean settle_seconds?"
    ),
    (
      "[feeds.police-uk]\n", "[feeds.police-uk]\nexpect_every_day = 3\n",
      "unknown setting 'expect_every_day' in [feeds.police-uk]",
      "did you mean expect_every_days?"
    ),
    (
      "[[csp]]\ncode = \"CSP-BWD\"\n", "[[csp]]\ncode = \"CSP-BWD\"\nnme = \"x\"\n",
      "unknown setting 'nme' in [[csp]] number 1", "did you mean name?"
    ),
    (
      "[area]\n", "[area]\nlad_code = [\"E07000123\"]\n",
      "unknown setting 'lad_code' in [area]", "did you mean lad_codes?"
    ),
    (
      "[export]\n", "[export]\ncolour = \"blue\"\n", "unknown setting 'colour' in [export]",
      "(known here: licence, maps, suppression_threshold)"
    ),
  ])
  func refusesAnUnknownKeyAtAnyLevel(old: String, new: String, says: String, hint: String)
    throws
  {
    let loaded = try Loaded()
    let text = try loaded.edited(old, new)
    let message = try loaded.refusal(of: text)
    #expect(message.contains(says), "\(message)")
    #expect(message.contains(hint), "\(message)")
    #expect(message.contains("(line "), "\(message)")
  }

  @Test func refusesAMapColouringItDoesNotKnowAndReadsTheOnesItDoes() throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(
      of: try loaded.edited("maps = \"comparison\"", "maps = \"quintile\""))
    #expect(
      message.contains(
        "[export] maps = \"quintile\" is not one of \"comparison\", \"quintiles\", \"both\""),
      "\(message)")
    for colouring in Config.Export.MapColouring.allCases {
      try loaded.edited("maps = \"comparison\"", "maps = \"\(colouring.rawValue)\"")
        .write(to: loaded.test.workspace.configURL, atomically: true, encoding: .utf8)
      #expect(try loaded.test.workspace.loadConfig().export.maps == colouring)
    }
  }

  @Test func refusesAFeedMADEDoesNotKnowNamingTheNearest() throws {
    let loaded = try Loaded()
    let text = try loaded.edited("[feeds.police-uk]", "[feeds.polce-uk]")
    let message = try loaded.refusal(of: text)
    let line = try #require(Loaded.line(of: "[feeds.polce-uk]", in: text))
    #expect(
      message.contains(
        "unknown feed 'polce-uk' in [feeds] (line \(line)); did you mean police-uk? (known "
          + "here: ae-attendances, police-crimes, police-uk,"))
  }

  @Test func knowsAFeedTheWorkspaceAddsBySchema() throws {
    let loaded = try Loaded()
    let folder = loaded.test.workspace.schemaOverrides
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("{}".utf8).write(to: folder.appendingPathComponent("local-feed.schema.json"))
    try (loaded.original + "\n[feeds.local-feed]\nexpect_every_days = 7\n").write(
      to: loaded.test.workspace.configURL, atomically: true, encoding: .utf8)
    let config = try loaded.test.workspace.loadConfig()
    #expect(config.feeds["local-feed"]?.expectEveryDays == 7)
  }

  @Test func knowsEveryKeyOfTheSettingsTypesFromTheirCodingKeys() throws {
    // The text made init writes names every setting and loads as it is.
    let config = try Config.parse(
      Config.default.commentedTOML(), source: "made.toml", feeds: try FeedCatalog().names)
    #expect(config == Config.default)
    guard case .table(let top) = ConfigKeys.config, case .table(let ingest)? = top["ingest"]
    else {
      Issue.record("made.toml's keys are not a table")
      return
    }
    #expect(Set(top.keys) == Set(Config.CodingKeys.allCases.map(\.stringValue)))
    #expect(Set(ingest.keys) == Set(Config.Ingest.CodingKeys.allCases.map(\.stringValue)))
  }

  // MARK: Numbers: ranges and types

  @Test(arguments: [
    ("max_field_bytes = 1048576", "max_field_bytes = 0", "from 1024 to 67108864"),
    ("max_field_bytes = 1048576", "max_field_bytes = -1", "from 1024 to 67108864"),
    ("max_field_bytes = 1048576", "max_field_bytes = 67108865", "from 1024 to 67108864"),
    (
      "max_field_bytes = 1048576", "max_field_bytes = 9223372036854775807",
      "from 1024 to 67108864"
    ),
    ("suppression_threshold = 4", "suppression_threshold = 0", "from 1 to 100"),
    (
      "suppression_threshold = 4", "suppression_threshold = -9223372036854775808",
      "from 1 to 100"
    ),
    ("settle_seconds = 120", "settle_seconds = -1", "from 0 to 86400"),
    ("settle_seconds = 120", "settle_seconds = 9223372036854775807", "from 0 to 86400"),
    ("expect_every_days = 35", "expect_every_days = 0", "from 1 to 730"),
    ("expect_every_days = 130", "expect_every_days = 100000", "from 1 to 730"),
    ("expect_every_days = 35", "expect_every_days = 35\nretention_months = 0", "from 1 to 1200"),
    (
      "expect_every_days = 70", "expect_every_days = 70\nretention_months = 9223372036854775807",
      "from 1 to 1200"
    ),
  ])
  func refusesANumberOutsideItsRangeSayingTheRange(old: String, new: String, range: String)
    throws
  {
    let loaded = try Loaded()
    let message = try loaded.refusal(of: try loaded.edited(old, new))
    #expect(message.contains("outside the range it may take: \(range)"), "\(message)")
  }

  @Test(arguments: [
    (
      "max_field_bytes = 1048576", "max_field_bytes = \"1048576\"",
      "setting 'ingest.max_field_bytes' is text in quotes (\"1048576\"), where a whole number"
    ),
    (
      "max_field_bytes = 1048576", "max_field_bytes = 1048576.0",
      "setting 'ingest.max_field_bytes' is a decimal number (1048576.0), where a whole number"
    ),
    (
      "max_field_bytes = 1048576", "max_field_bytes = 1e6",
      "setting 'ingest.max_field_bytes' is a decimal number (1000000.0), where a whole number"
    ),
    (
      "settle_seconds = 120", "settle_seconds = true",
      "setting 'nightly.settle_seconds' is true or false, where a whole number"
    ),
    (
      "suppression_threshold = 4", "suppression_threshold = [4]",
      "setting 'export.suppression_threshold' is a list, where a whole number"
    ),
  ])
  func refusesANumberWrittenAsTextOrADecimalSayingWhatIsThere(
    old: String, new: String, says: String
  ) throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(of: try loaded.edited(old, new))
    #expect(message.contains(says), "\(message)")
  }

  @Test func refusesAnIntegerTOMLCannotHold() throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(
      of: try loaded.edited("max_field_bytes = 1048576", "max_field_bytes = 99999999999999999999"))
    #expect(message.contains("line "))
    #expect(message.contains("fix the TOML there"))
  }

  // MARK: Partnerships and codes

  @Test(arguments: ["CSP-BPL", "csp-bpl"])
  func refusesTwoPartnershipsWithOneCode(code: String) throws {
    let loaded = try Loaded()
    let text = try loaded.edited("code = \"CSP-CEN\"", "code = \"\(code)\"")
    let message = try loaded.refusal(of: text)
    #expect(
      message.contains(
        "[[csp]] number 2 and number 3 share the code \"\(code)\"; each partnership needs its "
          + "own"), "\(message)")
  }

  @Test(arguments: [
    "CSP-BPL\u{0301}", "CSP\u{00A0}BPL", "CSP-ΒPL", String(repeating: "C", count: 33),
  ])
  func refusesAPartnershipCodeThatIsNotPlainASCII(code: String) throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(
      of: try loaded.edited("code = \"CSP-BPL\"", "code = \"\(code)\""))
    #expect(message.contains("code must be 1 to 32 ASCII letters, digits, '-' or '_'"))
  }

  @Test(arguments: ["E07ABCDEF", "E0700012３", "e07000123"])
  func refusesADistrictCodeThatIsNotOne(code: String) throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(of: try loaded.edited("\"E07000128\"", "\"\(code)\""))
    #expect(message.contains("lad_codes has '\(code)', which is not a LAD code like E07000123"))
  }

  /// Issue 12 round 2, case 2: a partnership code that is also a district's (its pack would
  /// overwrite the district's), shaped like any ONS code (a ward's, another district's), or a
  /// word `made export --area` already means is refused, naming the clash, in any case.
  @Test(arguments: [
    ("E06000008", "is the district E06000008 in [area] lad_codes"),
    ("e06000008", "is the district E06000008 in [area] lad_codes"),
    ("E07000127", "is the district E07000127 in [area] lad_codes"),
    ("E05901052", "has the shape of an ONS geography code"),
    ("W06000001", "has the shape of an ONS geography code"),
    ("s12000033", "has the shape of an ONS geography code"),
    ("all", "is 'all', which `made export --area` already means"),
    ("ALL", "is 'all', which `made export --area` already means"),
    ("County", "is 'county', which `made export --area` already means"),
  ])
  func refusesAPartnershipCodeThatNamesSomethingElse(code: String, says: String) throws {
    let loaded = try Loaded()
    let message = try loaded.refusal(
      of: try loaded.edited("code = \"CSP-BPL\"", "code = \"\(code)\""))
    #expect(
      message.contains("[[csp]] number 2 (\"\(code)\"): code \"\(code)\" \(says)"), "\(message)")
    #expect(message.contains("give the partnership a local label of its own"), "\(message)")
  }

  @Test(arguments: ["E0600000", "E060000080", "CSP-E06000008", "all-districts", "county_north"])
  func acceptsAPartnershipCodeThatOnlyLooksLikeOne(code: String) throws {
    let loaded = try Loaded()
    try (try loaded.edited("code = \"CSP-BPL\"", "code = \"\(code)\""))
      .write(to: loaded.test.workspace.configURL, atomically: true, encoding: .utf8)
    let config = try Pipeline(workspace: loaded.test.workspace).config
    #expect(config.partnerships.map(\.code).contains(code))
  }

  // MARK: Arithmetic on a setting cannot trap

  @Test func readsWithAHugeFieldLimitWithoutOverflowing() throws {
    let reader = CSVReader(
      source: MemorySource(Array("a,b\n1,2\n".utf8)), maxFieldBytes: Int.max / 2)
    var records = 0
    while try reader.next() { records += 1 }
    #expect(records == 2)
  }
}

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
/// Descriptions are plain text in which `backticks` mark names and code.
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

    public init(
      name: String, kind: Kind, section: Section, description: String, columns: [Column]
    ) {
      self.name = name
      self.kind = kind
      self.section = section
      self.description = description
      self.columns = columns
    }
  }

  /// A column of a table or view, as `PRAGMA table_info` and `foreign_key_list` give it.
  public struct Column: Sendable {
    public var name: String
    /// The declared SQLite type; empty for a view column computed by an expression.
    public var type: String
    public var isNotNull: Bool
    /// Position in the primary key (1 for its first column), or nil.
    public var primaryKeyPosition: Int?
    /// The `table.column` it references, or nil.
    public var references: String?
    public var description: String

    public init(
      name: String, type: String, isNotNull: Bool = false, primaryKeyPosition: Int? = nil,
      references: String? = nil, description: String
    ) {
      self.name = name
      self.type = type
      self.isNotNull = isNotNull
      self.primaryKeyPosition = primaryKeyPosition
      self.references = references
      self.description = description
    }
  }

  /// The values a coded column takes, each with its meaning.
  public struct Vocabulary: Sendable {
    public struct Term: Sendable {
      public var value: String
      public var meaning: String

      public init(value: String, meaning: String) {
        self.value = value
        self.meaning = meaning
      }
    }

    /// The column of `indicator_values` (and the views that show it).
    public var column: String
    public var description: String
    public var terms: [Term]

    public init(column: String, description: String, terms: [Term]) {
      self.column = column
      self.description = description
      self.terms = terms
    }
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

  public init(
    schemaVersion: Int, tables: [Table], indicators: [IndicatorDefinition],
    vocabularies: [Vocabulary]
  ) {
    self.schemaVersion = schemaVersion
    self.tables = tables
    self.indicators = indicators
    self.vocabularies = vocabularies
  }

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

  /// Writes `data-dictionary.md` and `data-dictionary.html` into `directory` (created if
  /// needed); returns their URLs.
  @discardableResult
  public func write(to directory: URL) throws -> [URL] {
    let files = [(Self.markdownFileName, markdown), (Self.htmlFileName, html)].map {
      (url: directory.appendingPathComponent($0.0), text: $0.1)
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for file in files { try Data(file.text.utf8).write(to: file.url, options: .atomic) }
    } catch {
      throw ConfigurationError(
        "cannot write the data dictionary into \(directory.path): \(error.localizedDescription)")
    }
    return files.map(\.url)
  }
}

// MARK: - Building

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
      let references = try warehouse.schemaReferences(of: name)
      let columns = try warehouse.schemaColumns(of: name).map { column -> Column in
        let text: String
        if let record {
          text = recordColumnDescription(column.name, of: record.feed, inHistory: record.isHistory)
        } else if name == "v_ward_profile", let indicator = indicatorsByID[column.name] {
          text = wardProfileColumnDescription(of: indicator)
        } else {
          text = fixed[name]?[column.name] ?? ""
        }
        return Column(
          name: column.name, type: column.type, isNotNull: column.isNotNull,
          primaryKeyPosition: column.primaryKeyPosition, references: references[column.name],
          description: text)
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
      "One row per ward and period type and period: the value of every ward-level indicator "
      + "of the catalogue side by side, one column each. Rebuilt by `made aggregate` from the "
      + "catalogue, so its columns follow it.",
  ]
}

// MARK: - Record tables

extension DataDictionary {
  /// The columns every record table (and its history) has, whatever the feed: lineage and
  /// placement. `period_month` and `geo_method` gain the feed's own detail.
  static let recordColumns: [String: String] = [
    "record_id":
      "Row number of the record in this table; stays the same when a later file updates it.",
    "record_key":
      "The record's natural key (`primaryKey` in the feed schema) as 16 bytes of SHA-256 "
      + "over the feed name and the key values. A keyless record is keyed by its delivered "
      + "values and how many identical rows came before it in its file. A row that repeats "
      + "the key of an earlier row of its file (`key_occurrence` > 1) is keyed by SHA-256 of "
      + "that key and its occurrence.",
    "content_hash":
      "FNV-1a hash of the record's values (stored, derived and placement): a later delivery "
      + "with a different hash is a change, and the previous version goes to the history "
      + "table.",
    "line": "Line of the delivered file the record came from, as a text editor counts it.",
    "file_id": "The delivered file the record came from (`files`): its lineage.",
    "key_occurrence":
      "1 for the first row with the record's natural key in its file (and for a keyless "
      + "record); 2, 3… for a row that repeats that key, loaded as published because the feed "
      + "schema says `\"repeatedKeys\": \"keep\"` (data.police.uk lists some crimes twice). "
      + "Count rows to count as the publisher does; count `key_occurrence = 1` for distinct "
      + "keys.",
    "repeat_of_key":
      "For a repeat (`key_occurrence` > 1), the `record_key` of the first row with its key; "
      + "blank otherwise. A later delivery of that key supersedes the repeats it does not "
      + "deliver again.",
    "period_month": "The month the record falls in, yyyy-mm.",
    "ward_code":
      "ONS code of the ward the record was placed in; blank when it was placed only in a "
      + "district, or not at all.",
    "lad_code":
      "ONS code of the local authority district the record was placed in; blank when unplaced.",
    "geo_method":
      "How the record was placed: `postcode`, `lsoa`, `school` (the school's postcode in GIAS) "
      + "or `none`.",
    "geo_status":
      "`in_area` (a district of the area in made.toml: counted in the indicators), "
      + "`outside_area` (loaded but not counted) or `unplaced` (no usable location: counted in "
      + "the county only).",
    "history_id": "Row number of this superseded version.",
    "superseded_by_file_id":
      "The delivered file (`files`) that changed or replaced this version.",
    "superseded_at": "When this version was superseded (UTC, ISO 8601).",
  ]

  /// Lineage columns that mean something else in a `_history` table.
  static let historyColumns: [String: String] = [
    "record_id": "The record (`record_id` of the record table) this was a version of.",
    "file_id": "The delivered file this version came from (`files`).",
    "line": "Line of that file this version came from, as a text editor counts it.",
  ]

  static func recordTableDescription(of feed: FeedSpec) -> String {
    let key =
      feed.primaryKey.isEmpty
      ? "keyed by its delivered values"
      : "keyed by "
        + feed.primaryKey.map { name in
          switch feed.field(named: name).map(feed.normalisation(of:)) {
          case .text?: return "`\(name)` (ignoring case and spacing)"
          case .code?: return "`\(name)` (as a code: ignoring case and spaces)"
          default: return "`\(name)`"
          }
        }.joined(separator: ", ")
    let blank =
      feed.blankKey == "content" && !feed.primaryKey.isEmpty
      ? " (by its delivered values when that is blank)" : ""
    var text =
      "One row per record of the feed `\(feed.name)` (\(feed.title); partner type "
      + "\(feed.partnerType)), in its latest version, \(key)\(blank)."
    if let description = feed.description, !description.isEmpty { text += " " + description }
    return text
  }

  static func historyDescription(of feed: FeedSpec) -> String {
    "One row per superseded version of a record of `\(feed.table)`: the version a later file "
      + "changed (or, for keyless records, replaced by a fresh delivery of its month), with "
      + "the file that superseded it and when. The columns are those of `\(feed.table)`."
  }

  /// A record table's column: the field's description from the feed schema with the column
  /// it was delivered as, a derived column's rule, or the lineage and placement columns.
  static func recordColumnDescription(
    _ column: String, of feed: FeedSpec, inHistory: Bool = false
  ) -> String {
    if let field = feed.storedFields.first(where: { $0.column == column }) {
      guard let description = field.description, !description.isEmpty else { return "" }
      var text = description + " Delivered as `\(field.name)`."
      switch field.type {
      case .date: text += " Stored as yyyy-mm-dd."
      case .time: text += " Stored as HH:MM."
      case .yearmonth: text += " Stored as yyyy-mm."
      case .boolean: text += " Stored as 1 (yes) or 0 (no)."
      case .string, .integer, .number: break
      }
      if let values = field.constraints?.enum, !values.isEmpty {
        text += " One of: " + values.map { "`\($0)`" }.joined(separator: ", ") + "."
      }
      return text
    }
    if let birth = feed.fields.first(where: { $0.role == .dateOfBirth && $0.ageColumn == column }) {
      return "Age in whole years at `\(birth.ageAt ?? "?")`, worked out from `\(birth.name)` "
        + "on arrival; the date of birth itself is never stored."
    }
    if let field = feed.fields.first(where: { $0.classify?.categoryColumn == column }) {
      return "Category of the free text `\(field.name)` by the keyword rules of "
        + "`ref_method_rules` (a category of its `category` column), or "
        + "`\(MethodClassifier.unknown)` when no rule matches or the text is blank."
    }
    if let field = feed.fields.first(where: { $0.classify?.flagColumn == column }),
      let rule = field.classify
    {
      return "1 when `\(rule.categoryColumn)` is `\(rule.flagCategory ?? "?")`, else 0."
    }
    if inHistory, let text = historyColumns[column] { return text }
    guard let base = recordColumns[column] else { return "" }
    switch column {
    case "period_month":
      if let term = feed.academicTerm {
        return base + " The month the term starts (Autumn: September, Spring: January, "
          + "Summer: April) of `\(term.year)` and `\(term.term)`."
      }
      return base + " From `\(feed.periodField)`."
    case "geo_method":
      let rules = feed.geography.map { "`\($0.method)` from `\($0.field)`" }
      return rules.isEmpty
        ? base : base + " This feed tries " + rules.joined(separator: ", then ") + "."
    default:
      return base
    }
  }

  /// A `v_ward_profile` column named after an indicator.
  static func wardProfileColumnDescription(of indicator: IndicatorDefinition) -> String {
    "The `value` of indicator `\(indicator.id)`, \(indicator.title): \(unit(of: indicator))."
  }

  /// What an indicator's value measures: "a rate per 1,000 residents", "a percentage".
  static func unit(of indicator: IndicatorDefinition) -> String {
    let per = indicator.multiplier.map { " per " + grouped($0) } ?? ""
    switch indicator.method {
    case .rate: return "a rate\(per) residents"
    case .harm: return "harm-weight days\(per) residents"
    case .proportion:
      return indicator.multiplier == 100 ? "a percentage" : "a proportion\(per)"
    case .count:
      return "the number of partner types (0 to \(IndicatorDefinition.hotspotPartnerTypes.count)) "
        + "with an indicator significantly worse than the county"
    }
  }

  /// 1000 as "1,000"; a number with a fraction as it is.
  static func grouped(_ number: Double) -> String {
    guard number == number.rounded(), abs(number) < 1e15 else { return String(number) }
    var digits = String(Int(abs(number)))
    var result = ""
    while digits.count > 3 {
      result = "," + digits.suffix(3) + result
      digits.removeLast(3)
    }
    return (number < 0 ? "-" : "") + digits + result
  }
}

// MARK: - Vocabularies

extension DataDictionary {
  /// The coded columns of `indicator_values`. Values come from the code that produces them:
  /// `GeoType` and `PeriodType` list theirs; `Statistics.compare`, `compareTwoLevel` and
  /// `trend` are asked (their results are not `CaseIterable`).
  static func indicatorValueVocabularies() -> [Vocabulary] {
    [
      Vocabulary(
        column: "geo_type",
        description: "The level of geography of the area `geo_code` names.",
        terms: GeoType.allCases.map { Vocabulary.Term(value: $0.rawValue, meaning: meaning($0)) }),
      Vocabulary(
        column: "period_type",
        description: "The kind of period; `period` is its label. Only complete periods are "
          + "published.",
        terms: PeriodType.allCases.map {
          Vocabulary.Term(value: $0.rawValue, meaning: meaning($0))
        }),
      Vocabulary(
        column: "comparison",
        description: "The value compared with the county's for the same period (the "
          + "benchmark), by whether the benchmark lies inside the 95% interval.",
        terms: comparisonValues().map {
          Vocabulary.Term(value: $0.rawValue, meaning: meaning($0))
        }),
      Vocabulary(
        column: "comparison_two_level",
        description: "The comparison at two confidence levels, as Fingertips reports it.",
        terms: twoLevelComparisonValues().map {
          Vocabulary.Term(value: $0, meaning: twoLevelMeaning($0))
        }),
      Vocabulary(
        column: "trend",
        description: "The direction over the last \(Statistics.trendPeriods) periods of the "
          + "same type.",
        terms: trendValues().map { Vocabulary.Term(value: $0.rawValue, meaning: meaning($0)) }),
    ]
  }

  private static let polarities: [Statistics.Polarity] = [.lowIsGood, .highIsGood, .noJudgement]

  /// Every result of `Statistics.compare`: a value of 2 with interval 1…3 against no
  /// benchmark, one inside the interval, one below and one above it.
  static func comparisonValues() -> [Statistics.Comparison] {
    var found: [Statistics.Comparison] = []
    let interval = Statistics.Interval(lower: 1, upper: 3)
    for polarity in polarities {
      for benchmark in [nil, 2, 0, 4] as [Double?] {
        let result = Statistics.compare(
          value: 2, interval: interval, benchmark: benchmark, polarity: polarity)
        if !found.contains(result) { found.append(result) }
      }
    }
    return found
  }

  /// Every result of `Statistics.compareTwoLevel`: benchmarks inside the 95% interval,
  /// between it and the 99.8% one, and outside both, on either side.
  static func twoLevelComparisonValues() -> [String] {
    var found: [String] = []
    let ci95 = Statistics.Interval(lower: 1.5, upper: 2.5)
    let ci998 = Statistics.Interval(lower: 1, upper: 3)
    for polarity in polarities {
      for benchmark in [nil, 2, 1.2, 0, 2.8, 4] as [Double?] {
        let result = Statistics.compareTwoLevel(
          value: 2, ci95: ci95, ci998: ci998, benchmark: benchmark, polarity: polarity)
        if !found.contains(result) { found.append(result) }
      }
    }
    return found
  }

  /// Every result of `Statistics.trend`: rising, falling and flat runs, and a short one.
  static func trendValues() -> [Statistics.Trend] {
    func run(_ values: [Double]) -> [Statistics.Estimate?] {
      values.map {
        Statistics.Estimate(
          value: $0, ci95: .init(lower: $0 - 1, upper: $0 + 1),
          ci998: .init(lower: $0 - 2, upper: $0 + 2), method: "Exact")
      }
    }
    let periods = Statistics.trendPeriods
    let rising = (0..<periods).map { Double($0) * 10 }
    let runs = [run(rising), run(rising.reversed()), run(Array(repeating: 5, count: periods)), []]
    var found: [Statistics.Trend] = []
    for estimates in runs {
      let result = Statistics.trend(estimates)
      if !found.contains(result) { found.append(result) }
    }
    return found
  }

  static func meaning(_ type: GeoType) -> String {
    switch type {
    case .ward:
      return "An electoral ward of the area (`ref_wards`); `geo_code` is its ONS code."
    case .lad:
      return "A local authority district of the area (made.toml `[area]`); `geo_code` is its "
        + "ONS code."
    case .csp:
      return "A community safety partnership, a group of the area's districts (made.toml "
        + "`[[csp]]`); `geo_code` is its code."
    case .county:
      return "The whole area: its wards plus the records that could not be placed; "
        + "`geo_code` is `county`. Every other level's benchmark."
    }
  }

  static func meaning(_ type: PeriodType) -> String {
    let text: String
    switch type {
    case .month: text = "A calendar month."
    case .quarter: text = "A calendar quarter, Q1 being January to March."
    case .financialYear: text = "A financial year, April to March."
    case .rolling12m: text = "Twelve months, labelled by the last of them."
    }
    // An example from the code that labels periods: the period of this type ending March 2024.
    let period = Period.containing(Month(year: 2024, month: 3), type: type).first {
      $0.months.last == Month(year: 2024, month: 3)
    }
    guard let period, let first = period.months.first, let last = period.months.last else {
      return text
    }
    if first == last { return text + " For example `\(period.label)`." }
    return text + " `\(period.label)` is \(first.text) to \(last.text)."
  }

  static func meaning(_ comparison: Statistics.Comparison) -> String {
    switch comparison {
    case .notCompared: return "Not compared: no value, no interval or no benchmark."
    case .similar: return "Similar: the benchmark lies inside the interval."
    case .higher, .lower: return headline(comparison) + " (an indicator with no polarity)."
    case .better, .worse: return headline(comparison) + ", given the polarity."
    }
  }

  /// A significant difference in a few words ("Significantly worse than the benchmark").
  static func headline(_ comparison: Statistics.Comparison) -> String {
    switch comparison {
    case .notCompared: return "Not compared"
    case .similar: return "Similar to the benchmark"
    case .higher, .lower, .better, .worse:
      return "Significantly \(comparison.rawValue) than the benchmark"
    }
  }

  /// `worse_95` is `worse` at 95% only; `worse_998` at 99.8% too.
  static func twoLevelMeaning(_ value: String) -> String {
    if let comparison = Statistics.Comparison(rawValue: value) { return meaning(comparison) }
    let levels = [
      ("_95", "at 95% only: the benchmark is outside the 95% interval but inside the 99.8% one"),
      ("_998", "at 99.8%: the benchmark is outside the 99.8% interval too"),
    ]
    for (suffix, level) in levels where value.hasSuffix(suffix) {
      if let comparison = Statistics.Comparison(rawValue: String(value.dropLast(suffix.count))) {
        return headline(comparison) + ", " + level + "."
      }
    }
    return ""
  }

  static func meaning(_ trend: Statistics.Trend) -> String {
    switch trend {
    case .increasing:
      return "The latest period's 95% interval lies wholly above the first one's."
    case .decreasing:
      return "The latest period's 95% interval lies wholly below the first one's."
    case .noSignificantChange: return "The two 95% intervals overlap."
    case .notCalculated:
      return "Fewer than \(Statistics.trendPeriods) consecutive periods with an interval."
    }
  }

  static func meaning(_ method: IndicatorDefinition.Method) -> String {
    switch method {
    case .rate:
      return "Records over residents, with exact Poisson limits below 10 records and Byar's "
        + "from 10, at 95% and 99.8%."
    case .proportion:
      return "Records meeting a condition over records, with Wilson score limits."
    case .harm: return "A sum of harm weights over residents; no limits."
    case .count:
      return "Partner types with an indicator significantly worse than the county."
    }
  }

  static func meaning(_ polarity: Statistics.Polarity) -> String {
    switch polarity {
    case .lowIsGood: return "Lower is better."
    case .highIsGood: return "Higher is better."
    case .noJudgement: return "Higher or lower, without judgement."
    }
  }

  static func meaning(_ suppression: IndicatorDefinition.Suppression) -> String {
    switch suppression {
    case .primarySecondary:
      return "Small counts, and the values they could be worked out from, are withheld when "
        + "published."
    case .nhs: return "NHS small-number rules apply when published."
    case .none: return "Published as computed."
    }
  }
}

// MARK: - Documents

extension DataDictionary {
  /// A run of text: plain, a name or code, or (in HTML) a link within the page.
  indirect enum Span: Equatable {
    case plain(String)
    case code(String)
    case link([Span], anchor: String)
  }

  enum Block {
    case heading(level: Int, text: [Span], anchor: String)
    case paragraph([Span])
    case list([[Span]])
    case table(header: [String], rows: [[[Span]]])
  }

  /// Text in which `backticks` mark code.
  static func prose(_ text: String) -> [Span] {
    var spans: [Span] = []
    for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
    where !part.isEmpty {
      spans.append(index % 2 == 1 ? .code(String(part)) : .plain(String(part)))
    }
    return spans
  }

  static func described(_ text: String) -> [Span] {
    text.isEmpty ? [.plain("(not documented)")] : prose(text)
  }

  /// The dictionary as blocks, rendered alike to Markdown and HTML.
  var document: [Block] {
    var blocks: [Block] = [
      .heading(level: 1, text: [.plain("MADE warehouse data dictionary")], anchor: "top"),
      .paragraph(
        Self.prose(
          "Schema version \(schemaVersion), MADE \(MADEVersion.string). Every table and view "
            + "of the warehouse with its grain and columns, every indicator of the catalogue, "
            + "and the coded values of `indicator_values`. Written by `made docs` from the "
            + "migrations, the feed schemas (`Schemas/feeds/`), "
            + "`Schemas/warehouse-columns.json` and the indicator catalogue "
            + "(`Schemas/indicators.json`): change those, not this file.")),
      .heading(level: 2, text: [.plain("Contents")], anchor: "contents"),
    ]
    var contents: [[Span]] = []
    for section in Section.allCases {
      let names = tables.filter { $0.section == section }.map(\.name)
      guard !names.isEmpty else { continue }
      let links = names.map { Span.link([.code($0)], anchor: "table-\($0)") }
      contents.append(
        [.link([.plain(section.title)], anchor: "section-\(section.rawValue)"), .plain(": ")]
          + Self.commaSeparated(links))
    }
    contents.append([.link([.plain("Indicator catalogue")], anchor: "catalogue")])
    contents.append([
      .link([.plain("Coded values of "), .code("indicator_values")], anchor: "coded-values")
    ])
    blocks.append(.list(contents))

    for section in Section.allCases {
      let members = tables.filter { $0.section == section }
      guard !members.isEmpty else { continue }
      blocks.append(
        .heading(level: 2, text: [.plain(section.title)], anchor: "section-\(section.rawValue)"))
      blocks.append(.paragraph(Self.prose(section.summary)))
      for table in members {
        blocks.append(
          .heading(
            level: 3, text: [.code(table.name), .plain(" (\(table.kind.rawValue))")],
            anchor: "table-\(table.name)"))
        blocks.append(.paragraph(Self.described(table.description)))
        blocks.append(
          .table(
            header: ["column", "type", "not null", "key", "description"],
            rows: table.columns.map { column in
              [
                [.code(column.name)], [.plain(column.type)],
                [.plain(column.isNotNull ? "yes" : "")], key(of: column, in: table),
                Self.described(column.description),
              ]
            }))
      }
    }

    blocks.append(.heading(level: 2, text: [.plain("Indicator catalogue")], anchor: "catalogue"))
    blocks.append(
      .paragraph(
        Self.prose(
          "\(indicators.count) indicators, in catalogue order (`indicators.sort_order`). "
            + "Each is published in `indicator_values` for the geographies and period types "
            + "listed; every level is compared with the county.")))
    for indicator in indicators {
      blocks.append(
        .heading(
          level: 3, text: [.code(indicator.id), .plain(": " + indicator.title)],
          anchor: "indicator-\(indicator.id)"))
      blocks.append(.paragraph(Self.prose(indicator.definition)))
      blocks.append(.table(header: ["property", "value"], rows: properties(of: indicator)))
    }

    blocks.append(
      .heading(
        level: 2, text: [.plain("Coded values of "), .code("indicator_values")],
        anchor: "coded-values"))
    blocks.append(
      .paragraph(
        Self.prose(
          "The same columns appear in `v_indicator_latest`; `v_ward_profile` and `v_hotspots` "
            + "show `period_type` too.")))
    for vocabulary in vocabularies {
      blocks.append(
        .heading(
          level: 3, text: [.code(vocabulary.column)], anchor: "values-\(vocabulary.column)"))
      blocks.append(.paragraph(Self.prose(vocabulary.description)))
      blocks.append(
        .table(
          header: ["value", "meaning"],
          rows: vocabulary.terms.map { [[.code($0.value)], Self.described($0.meaning)] }))
    }
    return blocks
  }

  private func key(of column: Column, in table: Table) -> [Span] {
    var spans: [Span] = []
    if let position = column.primaryKeyPosition {
      let parts = table.columns.filter { $0.primaryKeyPosition != nil }.count
      spans.append(.plain(parts > 1 ? "PK \(position)" : "PK"))
    }
    if let target = column.references {
      let table = target.prefix { $0 != "." }
      spans += [
        .plain(spans.isEmpty ? "→ " : ", → "), .link([.code(target)], anchor: "table-\(table)"),
      ]
    }
    return spans
  }

  /// Spans joined by ", ".
  static func commaSeparated(_ items: [Span]) -> [Span] {
    items.enumerated().flatMap { index, item in (index == 0 ? [] : [.plain(", ")]) + [item] }
  }

  private func properties(of indicator: IndicatorDefinition) -> [[[Span]]] {
    func list(_ values: [String]) -> [Span] { Self.commaSeparated(values.map { .code($0) }) }
    var rows: [[[Span]]] = [
      [[.plain("partner type")], [.code(indicator.partnerType)]],
      [[.plain("source feeds")], list(indicator.sourceFeeds)],
      [
        [.plain("method")],
        [.code(indicator.method.rawValue), .plain(": " + Self.meaning(indicator.method))],
      ],
      [[.plain("value")], Self.prose(Self.unit(of: indicator))],
      [
        [.plain("polarity")],
        [.code(indicator.polarity.rawValue), .plain(": " + Self.meaning(indicator.polarity))],
      ],
      [
        [.plain("suppression")],
        [
          .code(indicator.suppression.rawValue),
          .plain(": " + Self.meaning(indicator.suppression)),
        ],
      ],
    ]
    if let numerator = indicator.numerator {
      rows.append([[.plain("numerator")], Self.prose(numerator.description)])
      rows.append([[.plain("numerator table")], [.code(numerator.table)]])
      if let filter = numerator.filter {
        rows.append([[.plain("numerator filter")], [.code(filter)]])
      }
      if let sum = numerator.sum { rows.append([[.plain("numerator sum")], [.code(sum)]]) }
      if let school = numerator.placeBySchool {
        rows.append([
          [.plain("placed by")],
          [.plain("the school in "), .code(school), .plain(" (its postcode in GIAS)")],
        ])
      }
    }
    if let denominator = indicator.denominator {
      rows.append([[.plain("denominator")], Self.prose(denominator.description)])
      if let from = denominator.ageFrom, let to = denominator.ageTo {
        let ages = to >= 90 ? (from == 0 ? "all ages" : "\(from) and over") : "\(from) to \(to)"
        rows.append([[.plain("denominator ages")], [.plain(ages)]])
      }
      if let filter = denominator.recordsFilter {
        rows.append([[.plain("denominator filter")], [.code(filter)]])
      }
    }
    rows.append([[.plain("geographies")], list(indicator.geographies.map(\.rawValue))])
    rows.append([[.plain("period types")], list(indicator.periods.map(\.rawValue))])
    return rows
  }
}

// MARK: - Markdown and HTML

extension DataDictionary {
  /// GitHub-flavoured Markdown.
  public var markdown: String {
    var lines: [String] = []
    for block in document {
      switch block {
      case .heading(let level, let text, _):
        lines += [String(repeating: "#", count: level) + " " + Self.markdown(text), ""]
      case .paragraph(let text):
        lines += [Self.markdown(text), ""]
      case .list(let items):
        lines += items.map { "- " + Self.markdown($0) } + [""]
      case .table(let header, let rows):
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: header.count))
        for row in rows {
          lines.append(
            "| " + row.map { Self.markdown($0, inTable: true) }.joined(separator: " | ") + " |")
        }
        lines.append("")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func markdown(_ spans: [Span], inTable: Bool = false) -> String {
    spans.map { span in
      switch span {
      case .plain(let text): return escapeMarkdown(text)
      case .code(let code):
        var text = code.replacingOccurrences(of: "\n", with: " ")
        // GitHub ends a table cell at `|` even inside a code span, unless it is escaped.
        if inTable { text = text.replacingOccurrences(of: "|", with: "\\|") }
        let fence = text.contains("`") ? "``" : "`"
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
      case .link(let text, _):
        // Plain Markdown has no stable heading anchors to link to.
        return markdown(text, inTable: inTable)
      }
    }.joined()
  }

  /// Plain text as Markdown: characters that would start markup are backslash-escaped;
  /// underscores inside a word (`ref_wards`) are left alone, as GitHub never reads them as
  /// emphasis.
  static func escapeMarkdown(_ text: String) -> String {
    let characters = Array(text)
    func isWord(_ position: Int) -> Bool {
      characters.indices.contains(position)
        && (characters[position].isLetter || characters[position].isNumber)
    }
    var escaped = ""
    for (index, character) in characters.enumerated() {
      switch character {
      case "_" where isWord(index - 1) && isWord(index + 1): escaped.append(character)
      case "\\", "`", "*", "_", "<", ">", "[", "]", "|": escaped += "\\\(character)"
      case "\n", "\r": escaped += " "
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// One HTML page with its CSS inline and no scripts.
  public var html: String {
    var lines = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>MADE warehouse data dictionary</title>",
      "<style>",
      Self.css,
      "</style>",
      "</head>",
      "<body>",
    ]
    for block in document {
      switch block {
      case .heading(let level, let text, let anchor):
        lines.append(
          "<h\(level) id=\"\(Self.escape(anchor))\">\(Self.html(text))</h\(level)>")
      case .paragraph(let text):
        lines.append("<p>\(Self.html(text))</p>")
      case .list(let items):
        lines.append("<ul>")
        for item in items { lines.append("<li>\(Self.html(item))</li>") }
        lines.append("</ul>")
      case .table(let header, let rows):
        lines.append("<table>")
        lines.append(
          "<thead><tr>" + header.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined()
            + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows {
          lines.append("<tr>" + row.map { "<td>\(Self.html($0))</td>" }.joined() + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
      }
    }
    lines += ["</body>", "</html>", ""]
    return lines.joined(separator: "\n")
  }

  static func html(_ spans: [Span]) -> String {
    spans.map { span in
      switch span {
      case .plain(let text): return escape(text)
      case .code(let code): return "<code>\(escape(code))</code>"
      case .link(let text, let anchor): return "<a href=\"#\(escape(anchor))\">\(html(text))</a>"
      }
    }.joined()
  }

  /// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped.
  static func escape(_ text: String) -> String { HTMLText.escape(text) }

  static let css = """
    body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 72rem;
      margin: 2rem auto; padding: 0 1rem; }
    h1, h2, h3 { line-height: 1.25; }
    h2 { border-bottom: 1px solid #ccc; padding-bottom: .25rem; margin-top: 2.5rem; }
    h3 { margin-top: 2rem; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left;
      vertical-align: top; }
    th { background: #f0f0f0; }
    tbody tr:nth-child(even) { background: #fafafa; }
    code { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f3f3f3;
      padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
    a { color: #0b57d0; }
    """
}

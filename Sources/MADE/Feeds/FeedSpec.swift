import Foundation

/// One partner feed: a Frictionless Table Schema plus MADE's own properties.
///
/// Decoded from `Schemas/feeds/<feed>.schema.json`. It drives the header check, casting,
/// validation, the record table's DDL and (later) pack metadata.
///
/// Related specification: <https://specs.frictionlessdata.io/table-schema/>
public struct FeedSpec: Decodable, Sendable {
  public var name: String
  public var title: String
  public var description: String?
  /// `police`, `health`, `youth-justice`, `education`.
  public var partnerType: String
  /// The record table, e.g. `police_crimes`; superseded versions go to `<table>_history`.
  public var table: String
  /// The field whose value places a record in a month.
  public var periodField: String
  public var retentionMonths: Int?
  public var missingValues: [String]
  /// The natural key (Frictionless `primaryKey`).
  public var primaryKey: [String]
  /// What to do with a row whose key is blank: `content` keys it by its values and their
  /// occurrence in the file (data.police.uk anti-social behaviour rows have no Crime ID).
  public var blankKey: String?
  /// Ways to place a record, tried in order.
  public var geography: [GeographyRule]
  public var fields: [FieldSpec]
  /// Columns that must never arrive in this feed (identifiers in a health feed): a file that
  /// has one is quarantined (`identifier-in-health-feed`) and nothing from it is stored.
  public var refusedColumns: [RefusedColumn]
  /// For termly data: the academic year ("2024/25") and term (Autumn, Spring, Summer) fields
  /// that place a record in the month its term starts (September, January, April).
  public var academicTerm: AcademicTerm?
  /// For keyless records (`blankKey: content`): the fields that, with the month, say which
  /// records a delivery covers ("ED Site Code", "Falls within"). A delivery then supersedes
  /// the keyless records of each (month, source) it covers that it does not deliver again, so
  /// a corrected resend replaces rather than adds.
  public var replaceByPeriod: [String]?
  /// Checks across fields of one row: the `sum` of some numeric fields is at most another
  /// (`atMost`), e.g. sessions missed ≤ sessions possible. A row that fails is a
  /// `constraint-error` reject.
  public var rowChecks: [RowCheck]
  /// The window every date of the feed must fall in (fields may override it); unset parts
  /// take `PlausibleDates.standard`.
  public var plausibleDates: PlausibleDates?
  /// Calendar months (1–12) in which the source has nothing to deliver, such as the August
  /// school holiday: such a month counts as delivered when the months either side of it are
  /// (`DeliveredMonths`), so a year that spans it is still published.
  public var closedMonths: [Int]?
  /// What to do with a row that repeats the natural key of an earlier row of the same file:
  /// `reject` (the default: `duplicate-key`) or `keep` (load it as the key's next occurrence,
  /// with a warning; data.police.uk lists some crimes twice, and each row is a published
  /// record). See `RepeatedKeys` and docs/methods.md.
  public var repeatedKeys: String?

  /// True when rows repeating a key of their file are loaded (`"repeatedKeys": "keep"`).
  public var keepsRepeatedKeys: Bool { repeatedKeys == "keep" }

  public struct RowCheck: Decodable, Sendable {
    public var sum: [String]
    public var atMost: String
  }

  public struct AcademicTerm: Decodable, Sendable {
    public var year: String
    public var term: String
  }

  /// A column a feed must not carry, with the names it goes by (see `IdentifierGuard`).
  public struct RefusedColumn: Decodable, Sendable {
    public var name: String
    public var aliases: [String]
    /// Spellings refused anywhere inside a header name, read as `HeaderName` reads it
    /// (`nhs` in "PatientNHSNo", "N.H.S. Number").
    public var contains: [String]?
    /// Values that give the column away whatever its name.
    public var valuesLike: RefusedValue?
  }

  /// A kind of value a feed refuses in any column.
  public enum RefusedValue: String, Decodable, Sendable {
    /// Ten digits passing the Modulus 11 check (`NHSNumber`).
    case nhsNumber = "nhs-number"
  }

  public struct GeographyRule: Decodable, Sendable {
    /// `postcode`, `lsoa`.
    public var method: String
    public var field: String
  }

  enum CodingKeys: String, CodingKey {
    case name, title, description, partnerType, table, periodField, retentionMonths
    case missingValues, primaryKey, blankKey, geography, fields, refusedColumns, academicTerm
    case replaceByPeriod, rowChecks, plausibleDates, closedMonths, repeatedKeys
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    title = try container.decode(String.self, forKey: .title)
    description = try container.decodeIfPresent(String.self, forKey: .description)
    partnerType = try container.decode(String.self, forKey: .partnerType)
    table = try container.decode(String.self, forKey: .table)
    periodField = try container.decode(String.self, forKey: .periodField)
    retentionMonths = try container.decodeIfPresent(Int.self, forKey: .retentionMonths)
    missingValues = try container.decodeIfPresent([String].self, forKey: .missingValues) ?? [""]
    primaryKey = try container.decodeIfPresent([String].self, forKey: .primaryKey) ?? []
    blankKey = try container.decodeIfPresent(String.self, forKey: .blankKey)
    geography = try container.decodeIfPresent([GeographyRule].self, forKey: .geography) ?? []
    fields = try container.decode([FieldSpec].self, forKey: .fields)
    refusedColumns =
      try container.decodeIfPresent([RefusedColumn].self, forKey: .refusedColumns) ?? []
    academicTerm = try container.decodeIfPresent(AcademicTerm.self, forKey: .academicTerm)
    replaceByPeriod = try container.decodeIfPresent([String].self, forKey: .replaceByPeriod)
    rowChecks = try container.decodeIfPresent([RowCheck].self, forKey: .rowChecks) ?? []
    plausibleDates = try container.decodeIfPresent(PlausibleDates.self, forKey: .plausibleDates)
    closedMonths = try container.decodeIfPresent([Int].self, forKey: .closedMonths)
    repeatedKeys = try container.decodeIfPresent(String.self, forKey: .repeatedKeys)
  }

  /// The dates believed for `field` (a date or year-month that is not a date of birth), or
  /// nil when its values are not checked against a window.
  func plausibleDates(for field: FieldSpec) -> PlausibleDates? {
    guard field.type == .date || field.type == .yearmonth, field.role != .dateOfBirth else {
      return nil
    }
    return (field.plausibleDates ?? PlausibleDates()).over(plausibleDates ?? .standard)
      .over(.standard)
  }

  /// The fields whose values are stored in the record table, in order.
  public var storedFields: [FieldSpec] { fields.filter(\.isStored) }

  /// Columns derived from fields, in this order: ages at an event from dates of birth
  /// (`"role": "dateOfBirth"`, `"ageAt"`, `"ageColumn"`), then categories from free text
  /// (`"classify"`: category column, optional 0/1 flag column).
  public var derivedColumns: [(name: String, type: String)] {
    fields.filter { $0.role == .dateOfBirth }.compactMap(\.ageColumn).map { ($0, "INTEGER") }
      + fields.compactMap(\.classify).flatMap { rule in
        [(rule.categoryColumn, "TEXT")] + (rule.flagColumn.map { [($0, "INTEGER")] } ?? [])
      }
  }

  public func field(named name: String) -> FieldSpec? {
    fields.first { $0.name == name }
  }

  /// True when any field is an identifier to pseudonymise (the workspace key is then needed).
  public var hasIdentifiers: Bool { fields.contains { $0.role == .identifier } }

  /// Checks that the schema is internally consistent; a broken schema is a configuration error.
  func check() throws {
    try checkNames()
    try checkPersonalData()
    let names = Set(fields.map(\.name))
    func need(_ name: String, _ what: String) throws {
      guard names.contains(name) else {
        throw ConfigurationError(
          "feed \(self.name): \(what) names field '\(name)', which the schema does not define")
      }
    }
    try need(periodField, "periodField")
    try plausibleDates?.check("feed \(name)")
    if let month = closedMonths?.first(where: { !(1...12).contains($0) }) {
      throw ConfigurationError(
        "feed \(name): closedMonths holds \(month); calendar months are 1 (January) to 12")
    }
    for field in fields {
      try field.plausibleDates?.check("feed \(name), field '\(field.name)'")
    }
    for check in rowChecks {
      for name in check.sum + [check.atMost] {
        try need(name, "rowChecks")
        guard let type = field(named: name)?.type, type == .integer || type == .number else {
          throw ConfigurationError("feed \(self.name): rowChecks field '\(name)' is not numeric")
        }
      }
    }
    if let replaceByPeriod {
      guard blankKey == "content" else {
        throw ConfigurationError("feed \(name): replaceByPeriod needs \"blankKey\": \"content\"")
      }
      for source in replaceByPeriod {
        try need(source, "replaceByPeriod")
        guard field(named: source)?.isStored == true else {
          throw ConfigurationError("feed \(name): replaceByPeriod field '\(source)' is not stored")
        }
      }
    }
    if let repeatedKeys {
      guard repeatedKeys == "reject" || repeatedKeys == "keep" else {
        throw ConfigurationError(
          "feed \(name): repeatedKeys must be \"reject\" or \"keep\" (found '\(repeatedKeys)')")
      }
      guard repeatedKeys == "reject" || !primaryKey.isEmpty else {
        throw ConfigurationError(
          "feed \(name): \"repeatedKeys\": \"keep\" needs a primaryKey (keyless records are "
            + "kept by their content already)")
      }
    }
    if let academicTerm {
      try need(academicTerm.year, "academicTerm.year")
      try need(academicTerm.term, "academicTerm.term")
      guard field(named: academicTerm.year)?.isRequired == true,
        field(named: academicTerm.term)?.isRequired == true
      else {
        throw ConfigurationError("feed \(name): the academic year and term fields must be required")
      }
    }
    for key in primaryKey { try need(key, "primaryKey") }
    for field in fields where field.keyIgnoresCase == true {
      guard primaryKey.contains(field.name), field.type == .string, field.role == nil else {
        throw ConfigurationError(
          "feed \(name): field '\(field.name)' has \"keyIgnoresCase\", which needs a string "
            + "field named in primaryKey, without a role (an identifier is compared as "
            + "pseudonymised)")
      }
    }
    for field in fields where field.normalise != nil {
      guard field.type == .string, field.role == nil else {
        throw ConfigurationError(
          "feed \(name): field '\(field.name)' has \"normalise\", which needs a string field "
            + "without a role (identifiers and postcodes are normalised by their role)")
      }
      if field.keyIgnoresCase == true, field.normalise != .text {
        throw ConfigurationError(
          "feed \(name): field '\(field.name)' has \"keyIgnoresCase\" and \"normalise\": "
            + "\"\(field.normalise?.rawValue ?? "")\"; keyIgnoresCase means \"text\"")
      }
    }
    for field in fields {
      do {
        try field.checkFormat()
      } catch let error as ConfigurationError {
        throw ConfigurationError("feed \(name): \(error.description)")
      }
    }
    guard !primaryKey.isEmpty || blankKey == "content" else {
      throw ConfigurationError(
        "feed \(name): primaryKey is empty; name the natural key, or set \"blankKey\": "
          + "\"content\" to key records by their values")
    }
    let reserved: Set<String> = [
      "record_id", "record_key", "content_hash", "line", "file_id", "period_month", "ward_code",
      "lad_code", "geo_method", "geo_status", "key_occurrence", "repeat_of_key",
    ]
    if let clash = (storedFields.map(\.column) + derivedColumns.map(\.name)).first(where: {
      reserved.contains($0)
    }) {
      throw ConfigurationError("feed \(name): column '\(clash)' is one MADE uses itself")
    }
    for field in fields where field.role == .dateOfBirth {
      // A date of birth may only become an age: never a key, a period, a place or a source.
      let uses =
        primaryKey + [periodField] + geography.map(\.field) + (replaceByPeriod ?? [])
        + [academicTerm?.year, academicTerm?.term].compactMap { $0 }
        + rowChecks.flatMap { $0.sum + [$0.atMost] }
      guard !uses.contains(field.name) else {
        throw ConfigurationError(
          "feed \(name): date of birth '\(field.name)' may only become an age (ageAt), not a "
            + "key, period, geography, source or check")
      }
      guard field.type == .date, let ageAt = field.ageAt, field.ageColumn != nil else {
        throw ConfigurationError(
          "feed \(name): date-of-birth field '\(field.name)' needs type date, ageAt (a date "
            + "field) and ageColumn")
      }
      try need(ageAt, "ageAt of '\(field.name)'")
      guard self.field(named: ageAt)?.type == .date, !field.isStored, field.store == false else {
        throw ConfigurationError(
          "feed \(name): '\(field.name)' is a date of birth: it must have \"store\": false "
            + "and its ageAt field must be a date")
      }
    }
    if blankKey != "content",
      let optional = primaryKey.first(where: { !(field(named: $0)?.isRequired ?? false) })
    {
      throw ConfigurationError(
        "feed \(name): key field '\(optional)' is not required; make it required or set "
          + "\"blankKey\": \"content\"")
    }
    if let blankKey, blankKey != "content" {
      throw ConfigurationError("feed \(name): blankKey must be \"content\" (found '\(blankKey)')")
    }
    for rule in geography {
      try need(rule.field, "geography")
      guard let method = GeoMethod(rawValue: rule.method), method != .none else {
        throw ConfigurationError("feed \(name): unknown geography method '\(rule.method)'")
      }
    }
    let columns = storedFields.map(\.column) + derivedColumns.map(\.name)
    guard Set(columns).count == columns.count else {
      throw ConfigurationError("feed \(name): two fields share a column name")
    }
  }

  /// Retention longer than this is a mistake (a century of months), and it keeps the month
  /// arithmetic of `made purge` far from overflow.
  static let retentionMonthsRange = 1...1200

  /// The schema's names that reach SQL or a path: the feed name (folders), the table, every
  /// column, and the reference tables and rule sets it chooses. Each must be a plain name, so
  /// that a schema is data and never SQL; the table must also be one MADE does not keep.
  func checkNames() throws {
    func refuse(_ property: String, _ value: String, _ allowed: String) -> ConfigurationError {
      ConfigurationError(
        "property \"\(property)\" is \(SchemaNames.quoted(value)), which is not allowed: "
          + allowed)
    }
    guard SchemaNames.isFeedName(name) else {
      throw refuse("name", name, "a feed name is \(SchemaNames.feedNameRule)")
    }
    guard SchemaNames.isIdentifier(table) else {
      throw ConfigurationError(
        "feed \(name): "
          + refuse("table", table, "a table name is \(SchemaNames.identifierRule)").description)
    }
    if let reserved = SchemaNames.reservation(ofTable: table) {
      throw ConfigurationError(
        "feed \(name): "
          + refuse("table", table, "\(reserved); choose a table name of the feed's own")
          .description)
    }
    for field in fields {
      let named: [(String, String?)] = [
        ("column", field.column), ("ageColumn", field.ageColumn),
        ("classify.categoryColumn", field.classify?.categoryColumn),
        ("classify.flagColumn", field.classify?.flagColumn),
      ]
      for case (let property, let column?) in named where !SchemaNames.isIdentifier(column) {
        throw ConfigurationError(
          "feed \(name): field \(SchemaNames.quoted(field.name)): "
            + refuse(property, column, "a column name is \(SchemaNames.identifierRule)")
            .description)
      }
      if let reference = field.reference, Warehouse.referenceCodeQueries[reference] == nil {
        throw ConfigurationError(
          "feed \(name): field \(SchemaNames.quoted(field.name)): "
            + refuse(
              "reference", reference,
              "one of \(Warehouse.referenceCodeQueries.keys.sorted().joined(separator: ", "))"
            ).description)
      }
      if let rules = field.classify?.rules,
        !Warehouse.classificationRuleSets.contains(rules)
      {
        throw ConfigurationError(
          "feed \(name): field \(SchemaNames.quoted(field.name)): "
            + refuse(
              "classify.rules", rules,
              "one of \(Warehouse.classificationRuleSets.joined(separator: ", "))"
            ).description)
      }
    }
    if let retentionMonths, !Self.retentionMonthsRange.contains(retentionMonths) {
      throw ConfigurationError(
        "feed \(name): "
          + refuse(
            "retentionMonths", String(retentionMonths),
            "a whole number of months from \(Self.retentionMonthsRange.lowerBound) to "
              + "\(Self.retentionMonthsRange.upperBound)"
          ).description)
    }
  }
}

/// One field of a feed: Frictionless properties plus `column`, `aliases`, `role`, `store`,
/// `reference`.
public struct FieldSpec: Decodable, Sendable {
  public enum FieldType: String, Decodable, Sendable {
    case string, integer, number, boolean, date, time, yearmonth
  }

  public enum Role: String, Decodable, Sendable {
    /// Replaced by HMAC-SHA256 with the workspace key before anything is written.
    case identifier
    /// Normalised and used to place the record; never stored (the schema must say
    /// `"store": false`).
    case postcode
    /// Becomes the age in whole years at the `ageAt` date (column `ageColumn`); never stored,
    /// never shown in a reject.
    case dateOfBirth
  }

  public struct Constraints: Decodable, Sendable {
    public var required: Bool?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var `enum`: [String]?
  }

  public var name: String
  /// The warehouse column (snake_case).
  public var column: String
  public var type: FieldType
  /// strftime-style format for dates and times: `%d/%m/%Y`, `%Y-%m-%d`, `%H:%M`; or
  /// Frictionless's `default` or `any`, which mean the type's default (see `datePattern`).
  public var format: String?
  public var description: String?
  public var aliases: [String]
  public var role: Role?
  public var store: Bool?
  /// A reference table the value must be found in (`offences`).
  public var reference: String?
  /// For a date of birth: the date field the age is taken at, and the age's column.
  public var ageAt: String?
  public var ageColumn: String?
  /// Free text classified by keyword rules kept as reference data.
  public var classify: Classification?

  /// How a free-text field becomes a category: the rules (`method-rules`), the column that
  /// holds the category and, optionally, a 0/1 column set when it is `flagCategory`.
  public struct Classification: Decodable, Sendable {
    public var rules: String
    public var categoryColumn: String
    public var flagColumn: String?
    public var flagCategory: String?
  }
  public var constraints: Constraints?
  public var trueValues: [String]?
  public var falseValues: [String]?
  /// For a key field: the natural key compares its values ignoring case, so that a resend
  /// spelling "ROBBERY" for "Robbery" updates the record instead of adding a second one. The
  /// value is stored as delivered (trimmed). The same as `"normalise": "text"`.
  public var keyIgnoresCase: Bool?
  /// For a date: the feed's plausibility window, widened or narrowed for this field.
  public var plausibleDates: PlausibleDates?

  /// What kind of value the field holds, which says how it is compared and stored
  /// (`code`, `lowercase-code`, `text`, `exact`); when absent it is inferred
  /// (`FeedSpec.normalisation(of:)`).
  public var normalise: ValueKind?

  /// The kinds of value a schema may declare with `"normalise"`.
  public enum ValueKind: String, Decodable, Sendable, CaseIterable {
    /// A code from a case-free code system (ONS GSS, ODS site, URN, offence code): stored and
    /// compared in canonical form (NFKC, no spaces or invisible characters, upper case).
    case code
    /// The same, with letters in lower case (data.police.uk's hexadecimal Crime IDs).
    case lowercaseCode = "lowercase-code"
    /// Free text: stored as delivered (trimmed), compared ignoring case, spacing and
    /// invisible characters.
    case text
    /// Stored and compared as delivered (trimmed).
    case exact
  }

  enum CodingKeys: String, CodingKey {
    case name, column, type, format, description, aliases, role, store, reference, constraints
    case trueValues, falseValues, ageAt, ageColumn, classify, keyIgnoresCase, plausibleDates
    case normalise
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    column = try container.decode(String.self, forKey: .column)
    type = try container.decodeIfPresent(FieldType.self, forKey: .type) ?? .string
    format = try container.decodeIfPresent(String.self, forKey: .format)
    description = try container.decodeIfPresent(String.self, forKey: .description)
    aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    role = try container.decodeIfPresent(Role.self, forKey: .role)
    store = try container.decodeIfPresent(Bool.self, forKey: .store)
    reference = try container.decodeIfPresent(String.self, forKey: .reference)
    ageAt = try container.decodeIfPresent(String.self, forKey: .ageAt)
    ageColumn = try container.decodeIfPresent(String.self, forKey: .ageColumn)
    classify = try container.decodeIfPresent(Classification.self, forKey: .classify)
    constraints = try container.decodeIfPresent(Constraints.self, forKey: .constraints)
    trueValues = try container.decodeIfPresent([String].self, forKey: .trueValues)
    falseValues = try container.decodeIfPresent([String].self, forKey: .falseValues)
    keyIgnoresCase = try container.decodeIfPresent(Bool.self, forKey: .keyIgnoresCase)
    plausibleDates = try container.decodeIfPresent(PlausibleDates.self, forKey: .plausibleDates)
    normalise = try container.decodeIfPresent(ValueKind.self, forKey: .normalise)
  }

  /// The strftime-style pattern of a date, time or year-month field; nil when the field uses
  /// its type's default (no `format`, or Frictionless's `default` or `any`).
  var datePattern: String? {
    guard let format, format != "default", format != "any" else { return nil }
    // Table Schema v1's "fmt:" prefix, still seen in older schemas.
    return format.hasPrefix("fmt:") ? String(format.dropFirst(4)) : format
  }

  /// The directives a date pattern may use (`FieldCaster.parseDate`).
  static let dateDirectives = "%d day, %m month, %Y year, %H hour, %M minute, %S second"

  /// Checks a date, time or year-month pattern: it uses only supported directives, and at
  /// least one (`dd/mm/yyyy` would match no value at all).
  func checkFormat() throws {
    guard type == .date || type == .time || type == .yearmonth, let pattern = datePattern else {
      return
    }
    let bytes = Array(pattern.utf8)
    var index = 0
    var directives = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%") {
        guard index + 1 < bytes.count, Array("dmYHMS".utf8).contains(bytes[index + 1]) else {
          throw ConfigurationError(
            "field '\(name)': format '\(pattern)' uses an unsupported directive (supported: "
              + "\(Self.dateDirectives))")
        }
        directives += 1
        index += 2
      } else {
        index += 1
      }
    }
    guard directives > 0 else {
      throw ConfigurationError(
        "field '\(name)': format '\(pattern)' has no % directive, so no value can match it; "
          + "write '\(suggestedPattern(for: pattern))' (\(Self.dateDirectives))")
    }
  }

  /// The pattern a format written without directives means (`dd/mm/yyyy` → `%d/%m/%Y`,
  /// `YYYY-MM-DD` → `%Y-%m-%d`, `HH:mm` → `%H:%M`), else the type's default pattern.
  func suggestedPattern(for format: String) -> String {
    let fallback: String
    switch type {
    case .time: fallback = "%H:%M"
    case .yearmonth: fallback = "%Y-%m"
    default: fallback = "%Y-%m-%d"
    }
    var result = ""
    var rest = Substring(format)
    var afterHours = false
    while let first = rest.first {
      guard first.isLetter else {
        result.append(first)
        rest = rest.dropFirst()
        continue
      }
      let run = rest.prefix { $0.lowercased() == first.lowercased() }
      rest = rest.dropFirst(run.count)
      switch (first.lowercased(), run.count) {
      case ("y", 4): result += "%Y"
      case ("d", 1...2): result += "%d"
      // After the hours (or in a time) m is minutes; before them, the month.
      case ("m", 1...2): result += type == .time || afterHours ? "%M" : "%m"
      case ("h", 1...2):
        result += "%H"
        afterHours = true
      case ("s", 1...2): result += "%S"
      default: return fallback
      }
    }
    return result.contains("%") ? result : fallback
  }

  public var isRequired: Bool { constraints?.required ?? false }
  public var isStored: Bool { role == .dateOfBirth ? false : (store ?? true) }

  /// The SQLite column type for the DDL.
  var sqlType: String {
    switch type {
    case .integer, .boolean: return "INTEGER"
    case .number: return "REAL"
    default: return "TEXT"
    }
  }
}

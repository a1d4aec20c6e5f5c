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
  /// record). See `RepeatedKeys` and docs/methods.md § "Repeated keys".
  public var repeatedKeys: String?

  /// Whether a record's month is part of its identity, so that its key can start with the
  /// month (`RecordKeyLayout.monthFirst`). Unset, MADE decides: yes when the key holds the
  /// period field, or when records are keyed by their content (which holds it); no otherwise
  /// (a force's own extract, keyed by crime reference alone: a corrected recorded date must
  /// move the crime, not copy it). data.police.uk sets it: each monthly file is that month's
  /// publication, and a Crime ID in another month's file is another published record.
  public var periodInKey: Bool?

  /// True when rows repeating a key of their file are loaded (`"repeatedKeys": "keep"`).
  public var keepsRepeatedKeys: Bool { repeatedKeys == "keep" }

  /// How this feed's record keys are laid out (see `periodInKey`).
  var recordKeyLayout: RecordKeyLayout {
    if let periodInKey { return periodInKey ? .monthFirst : .hashed }
    if primaryKey.contains(periodField) { return .monthFirst }
    if primaryKey.isEmpty, blankKey == "content", field(named: periodField)?.isStored == true {
      return .monthFirst
    }
    return .hashed
  }

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
    case replaceByPeriod, rowChecks, plausibleDates, closedMonths, repeatedKeys, periodInKey
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
    periodInKey = try container.decodeIfPresent(Bool.self, forKey: .periodInKey)
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
}

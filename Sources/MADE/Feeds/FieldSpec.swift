import Foundation

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

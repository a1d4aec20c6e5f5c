/// Descriptions of the feeds' record tables and their `_history` tables, from the feed schemas.
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
      + "that key and its occurrence. In a table keyed month first (`feed_tables.key_layout` "
      + "2) the key starts with 2 bytes of the record's month and 2 of its source, then 12 "
      + "bytes of that SHA-256.",
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

  /// A `v_ward_profile` column named after an indicator (its id, or its id and a suffix of
  /// `IndicatorDefinition.profileSuffixes`), or nil for another column.
  static func wardProfileColumnDescription(
    _ column: String, indicators: [String: IndicatorDefinition]
  ) -> String? {
    if let indicator = indicators[column] {
      return "The `value` of indicator `\(indicator.id)`, \(indicator.title): "
        + "\(IndicatorUnit(indicator).definition); blank when withheld."
    }
    for suffix in IndicatorDefinition.profileSuffixes where column.hasSuffix(suffix) {
      guard let indicator = indicators[String(column.dropLast(suffix.count))] else { continue }
      switch suffix {
      case "_suppressed":
        return "1 when `\(indicator.id)` is withheld from packs (small numbers), else 0."
      default:
        let side = suffix == "_lower_95" ? "Lower" : "Upper"
        return "\(side) limit of the 95% confidence interval of `\(indicator.id)`; blank when "
          + "withheld, and for harm and count indicators."
      }
    }
    return nil
  }
}

import Foundation

/// Whether a schema can be used: internally consistent, with plain names (see `check`).
extension FeedSpec {
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
        // The source is compared, and tags record keys (`RecordKeyLayout`), as text.
        guard field(named: source)?.type == .string else {
          throw ConfigurationError(
            "feed \(name): replaceByPeriod field '\(source)' must be a string field (a "
              + "source such as a force name or site code)")
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
    // Also SQLite's own names for a row's id: a column so named would hide it.
    let reserved: Set<String> = [
      "record_id", "record_key", "content_hash", "line", "file_id", "period_month", "ward_code",
      "lad_code", "geo_method", "geo_status", "key_occurrence", "repeat_of_key", "rowid", "oid",
      "_rowid_",
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

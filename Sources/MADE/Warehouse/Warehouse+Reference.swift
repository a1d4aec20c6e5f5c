/// Reference tables: replaced whole (or one vintage / year) per load, in one transaction.
extension Warehouse {
  /// Statements a reference load writes through.
  final class ReferenceWriter {
    fileprivate var statements: [String: SQLiteStatement] = [:]
    fileprivate let connection: SQLiteConnection
    fileprivate(set) var rows = 0

    fileprivate init(connection: SQLiteConnection) { self.connection = connection }

    /// Writes one row to a `ref_*` table (the statement prepared once per table).
    func insert(
      into table: String, columns: [String], conflict: ReferenceConflict, values: [SQLValue]
    ) throws {
      let statement: SQLiteStatement
      if let cached = statements[table] {
        statement = cached
      } else {
        statement = try connection.prepare(
          Warehouse.referenceInsert(into: table, columns: columns, conflict: conflict))
        statements[table] = statement
      }
      try statement.bind(values)
      try statement.run()
    }

    func countRow() { rows += 1 }
  }

  /// What a row written to a `ref_*` table does when its key is already there.
  enum ReferenceConflict {
    /// Fails the load (the table was emptied first, so a repeat is a bad file).
    case fail
    /// Replaces the stored row.
    case replace
    /// Keeps the key's row and updates its other columns.
    case update(key: String)
    /// Keeps the stored row as it is.
    case ignore(key: String)
  }

  /// What a reference load replaces: the whole table, or its rows of the load's vintage
  /// (`column` equal to it).
  enum ReferenceReplacement {
    case all(String)
    case vintage(of: String, column: String)
    /// The rows whose `column` is `value` (boundaries: those of the load's level).
    case matching(String, column: String, value: String)
  }

  static func referenceInsert(into table: String, columns: [String], conflict: ReferenceConflict)
    -> String
  {
    let placeholders = columns.map { _ in "?" }.joined(separator: ", ")
    let insert = "INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    switch conflict {
    case .fail: return "INSERT \(insert)"
    case .replace: return "INSERT OR REPLACE \(insert)"
    case .update(let key):
      let updates = columns.filter { $0 != key }.map { "\($0) = excluded.\($0)" }
      return "INSERT \(insert) ON CONFLICT (\(key)) DO UPDATE SET "
        + updates.joined(separator: ", ")
    case .ignore(let key): return "INSERT \(insert) ON CONFLICT (\(key)) DO NOTHING"
    }
  }

  /// Loads reference rows in one transaction: what the load replaces is deleted first, then
  /// `body` inserts; records `reference_loads` and `audit_log`.
  func loadReference(
    kind: ReferenceKind, originalName: String, vintage: String?,
    replacing replaced: ReferenceReplacement, sha256: () -> String,
    body: (ReferenceWriter) throws -> Void
  ) throws -> Int {
    try connection.transaction {
      switch replaced {
      case .all(let table): try connection.execute("DELETE FROM \(table)")
      case .vintage(let table, let column):
        try connection.execute("DELETE FROM \(table) WHERE \(column) = ?", [SQLValue(vintage)])
      case .matching(let table, let column, let value):
        try connection.execute("DELETE FROM \(table) WHERE \(column) = ?", [.text(value)])
      }
      let writer = ReferenceWriter(connection: connection)
      try body(writer)
      try connection.execute(
        """
        INSERT INTO reference_loads (kind, original_name, sha256, vintage, rows, loaded_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        [
          .text(kind.rawValue), .text(originalName), .text(sha256()), SQLValue(vintage),
          .integer(Int64(writer.rows)), .text(Clock.nowISO()),
        ])
      try audit(
        action: "reference load", detail: "\(kind.rawValue) from \(originalName)",
        rows: writer.rows)
      return writer.rows
    }
  }

  /// Marks the configured VRN LADs (`made.toml`) as in the area.
  public func setArea(ladCodes: [String]) throws {
    try connection.transaction {
      try connection.execute("UPDATE ref_lads SET in_area = 0")
      let statement = try connection.prepare("UPDATE ref_lads SET in_area = 1 WHERE lad_code = ?")
      for code in ladCodes {
        try statement.bind([.text(code)])
        try statement.run()
      }
    }
  }

  /// Counts of each reference table, for `status` and for the checks before ingest.
  public func referenceCounts() throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in [
      "ref_lads", "ref_wards", "ref_lsoa_wards", "ref_postcodes", "ref_population", "ref_offences",
    ] {
      counts[table] = try connection.integer("SELECT count(*) FROM \(table)")
    }
    return counts
  }

  /// The lookups that place records, for the normaliser. Postcodes of LADs outside the area
  /// are left out of memory (a national directory has ~2.7M) and looked up on a miss.
  func geographyIndex(areaLADs: Set<String>, postcodesInMemoryLimit: Int = 300_000) throws
    -> GeographyIndex
  {
    var index = GeographyIndex()
    var placeByKey: [String: Int32] = [:]
    func place(ward: String?, lad: String, terminated: Bool) -> Int32 {
      let key = "\(ward ?? "")|\(lad)|\(terminated)"
      if let existing = placeByKey[key] { return existing }
      let created = index.addPlace(
        ward: ward, lad: lad, areaLADs: areaLADs, terminated: terminated)
      placeByKey[key] = created
      return created
    }
    for row in try connection.rows(
      "SELECT lsoa_code, ward_code, lad_code FROM ref_lsoa_wards ORDER BY lsoa_vintage")
    {
      guard let key = CodeKey(try row.text("lsoa_code")) else { continue }
      index.byLSOA[key] = place(
        ward: try row.text("ward_code"), lad: try row.text("lad_code"), terminated: false)
    }
    let placeholders = Array(repeating: "?", count: areaLADs.count).joined(separator: ", ")
    try forEachPostcode(
      where: "lad_code IN (\(placeholders.isEmpty ? "NULL" : placeholders))",
      areaLADs.sorted().map { .text($0) }
    ) { key, ward, lad, terminated in
      index.byPostcode[key] = place(ward: ward, lad: lad, terminated: terminated)
    }
    // Postcodes of other districts: few in a local extract, ~2.6M in a national directory.
    // Held in memory when the table is small; otherwise looked up one by one on a miss
    // (`PostcodeLookup`), which keeps memory flat.
    let total = try connection.integer("SELECT count(*) FROM ref_postcodes")
    index.holdsEveryPostcode = total <= postcodesInMemoryLimit
    if index.holdsEveryPostcode {
      try forEachPostcode(where: "1", []) { key, ward, lad, terminated in
        guard index.byPostcode[key] == nil else { return }
        index.byPostcode[key] = place(ward: ward, lad: lad, terminated: terminated)
      }
    }
    // Schools, placed by their postcode (held in memory or looked up).
    let lookup =
      index.holdsEveryPostcode ? nil : try PostcodeLookup(warehousePath: path, areaLADs: areaLADs)
    for row in try connection.rows("SELECT urn, postcode FROM ref_schools") {
      guard let key = CodeKey(try row.text("urn")), let postcode = try row.optionalText("postcode"),
        let postcodeKey = CodeKey(postcode)
      else { continue }
      if let known = index.byPostcode[postcodeKey] {
        index.bySchool[key] = known
      } else if let place = try lookup?.place(compactPostcode: Array(postcode.utf8)) {
        index.places.append(place)
        index.bySchool[key] = Int32(index.places.count - 1)
      }
    }
    return index
  }

  /// Each postcode of `ref_postcodes` matching `condition` with its place, in one pass:
  /// postcodes of a pseudo-code district (`GeographyIndex.isPseudoCode`) are skipped, and a
  /// pseudo-code ward is no ward.
  private func forEachPostcode(
    where condition: String, _ arguments: [SQLValue],
    _ body: (_ key: CodeKey, _ ward: String?, _ lad: String, _ terminated: Bool) throws -> Void
  ) throws {
    let statement = try connection.prepare(
      "\(PostcodeColumns.select) FROM ref_postcodes WHERE \(condition)")
    try statement.bind(arguments)
    let columns = try PostcodeColumns(statement.resultColumns)
    while try statement.step() {
      guard let place = try columns.place(of: statement) else { continue }
      try body(place.key, place.ward, place.lad, place.terminated)
    }
  }

  /// The keyword rules of a classification (`method-rules`).
  func classificationRules(_ name: String) throws -> [MethodClassifier.Rule] {
    guard Self.classificationRuleSets.contains(name) else {
      throw ConfigurationError("unknown classification rules '\(name)' in a feed schema")
    }
    return try connection.rows("SELECT keyword, category, priority FROM ref_method_rules")
      .map { row in
        MethodClassifier.Rule(
          keyword: Array(try row.text("keyword").utf8), category: try row.text("category"),
          priority: try row.int("priority"))
      }
  }

  /// The upper-case codes of a reference table, for `reference` fields (e.g. `offences`).
  func referenceCodes(_ name: String) throws -> Set<CodeKey> {
    guard let sql = Self.referenceCodeQueries[name] else {
      throw ConfigurationError("unknown reference table '\(name)' in a feed schema")
    }
    return Set(try connection.rows(sql).compactMap { CodeKey(try $0.text("code")) })
  }

  /// The reference tables a field's `reference` may name, and the query for their codes: a
  /// schema chooses among these, it never supplies the SQL.
  static let referenceCodeQueries = [
    "offences": "SELECT offence_code AS code FROM ref_offences",
    "exclusion-reasons": "SELECT reason_code AS code FROM ref_exclusion_reasons",
    "schools": "SELECT urn AS code FROM ref_schools",
  ]

  /// The keyword rule sets a field's `classify.rules` may name.
  static let classificationRuleSets = ["method-rules"]
}

/// Looks up single postcodes in `ref_postcodes` through its own read-only connection, for the
/// parsing thread when the directory is too large to hold in memory.
final class PostcodeLookup: @unchecked Sendable {
  private let connection: SQLiteConnection
  private let statement: SQLiteStatement
  private let columns: PostcodeColumns
  private let areaLADs: Set<String>

  init(warehousePath: String, areaLADs: Set<String>) throws {
    connection = try SQLiteConnection(path: warehousePath, readOnly: true)
    statement = try connection.prepare(
      "\(PostcodeColumns.select) FROM ref_postcodes WHERE postcode = ?")
    columns = try PostcodeColumns(statement.resultColumns)
    self.areaLADs = areaLADs
  }

  /// The place of a compact postcode ("PR18XB"), or nil when unknown or a pseudo-code.
  func place(compactPostcode: [UInt8]) throws -> GeographyIndex.Place? {
    try statement.bind([.text(String(decoding: compactPostcode, as: UTF8.self))])
    defer { statement.reset() }
    guard try statement.step(), let found = try columns.place(of: statement) else { return nil }
    return GeographyIndex.Place(
      wardCode: found.ward.map { Array($0.utf8) }, ladCode: Array(found.lad.utf8),
      inArea: areaLADs.contains(found.lad), terminated: found.terminated)
  }
}

/// The columns of a `ref_postcodes` query, resolved once per statement.
private struct PostcodeColumns {
  static let select =
    "SELECT postcode, ward_code, lad_code, terminated IS NOT NULL AS is_terminated"
  let result: ResultColumns
  let postcode, ward, lad, terminated: SQLRow.Column

  init(_ result: ResultColumns) throws {
    self.result = result
    postcode = try result.column("postcode")
    ward = try result.column("ward_code")
    lad = try result.column("lad_code")
    terminated = try result.column("is_terminated")
  }

  /// The statement's current row, or nil for a postcode of a pseudo-code district (a
  /// pseudo-code ward is no ward).
  func place(of statement: SQLiteStatement) throws -> (
    key: CodeKey, ward: String?, lad: String, terminated: Bool
  )? {
    let row = SQLRow(columns: result, values: statement.values)
    guard let key = CodeKey(try row.text(postcode)),
      let ladCode = try row.optionalText(lad), !GeographyIndex.isPseudoCode(ladCode)
    else { return nil }
    let wardCode = try row.optionalText(ward).flatMap {
      GeographyIndex.isPseudoCode($0) ? nil : $0
    }
    return (key, wardCode, ladCode, try row.bool(terminated))
  }
}

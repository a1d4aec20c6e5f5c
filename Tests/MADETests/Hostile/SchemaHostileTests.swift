import Foundation
import Testing

@testable import MADE

/// Issue 12, case 6: schemas are data, never SQL. A workspace schema whose names hold SQL, name
/// MADE's own tables, share a table with another feed or walk out of the workspace is refused
/// before anything is written; the warehouse keeps exactly what it held, and `made verify`
/// passes after each attempt.
@Suite struct SchemaHostileTests {
  /// A workspace with one police-uk delivery of three records loaded: the state each hostile
  /// schema must leave exactly as it was.
  final class Loaded {
    let test: TestWorkspace

    init() throws {
      test = try TestWorkspace()
      let outcome = try test.ingest(try deliver("first.csv", rows: [1, 2, 3]))
      #expect(outcome.rowsLoaded == 3)
    }

    /// A police-uk delivery of the generated rows `numbers`.
    func deliver(_ name: String, rows numbers: [Int]) throws -> String {
      let text = ([PoliceUKRows.header] + numbers.map { PoliceUKRows.row($0) })
        .joined(separator: "\r\n")
      return try test.temporaryFile(name, contents: Data(text.utf8))
    }

    /// Writes `schemas/feeds/<file>`: the built-in police-uk schema changed by `change`.
    @discardableResult
    func writeSchema(_ file: String, _ change: (inout [String: Any]) throws -> Void) throws
      -> URL
    {
      let builtIn = try #require(
        FeedCatalog.builtIn.first { $0.name == "police-uk" }.map { Data($0.json) })
      var schema = try #require(
        try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
      try change(&schema)
      let folder = test.workspace.schemaOverrides
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let url = folder.appendingPathComponent(file)
      try JSONSerialization.data(withJSONObject: schema).write(to: url)
      return url
    }

    func removeSchemas() throws {
      try? FileManager.default.removeItem(at: test.workspace.schemaOverrides)
    }

    /// Ingesting with the workspace's schemas is refused with a configuration error.
    func ingestIsRefused(feed: String = "police-uk") throws -> String {
      let path = try deliver("second.csv", rows: [4, 5])
      let error = try #require(throws: ConfigurationError.self) {
        try Pipeline(workspace: test.workspace).ingest(paths: [path], feed: feed)
      }
      return error.description
    }

    /// Nothing changed: one file, its three records, no reject, MADE's tables all there, and
    /// every verify finding passes.
    func expectUntouched(
      files: Int = 1, records: Int = 3, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
      #expect(try test.count("SELECT count(*) FROM files") == files, sourceLocation: sourceLocation)
      #expect(
        try test.count("SELECT count(*) FROM police_uk_street") == records,
        sourceLocation: sourceLocation)
      #expect(try test.count("SELECT count(*) FROM rejects") == 0, sourceLocation: sourceLocation)
      let tables = try test.strings(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      for table in ["files", "rejects", "runs", "feed_tables", "audit_log", "police_uk_street"] {
        #expect(tables.contains(table), "\(table) is gone", sourceLocation: sourceLocation)
      }
      #expect(
        try test.count("SELECT count(*) FROM pragma_table_info('files')")
          == (try Self.freshColumnCount(of: "files")), sourceLocation: sourceLocation)
      let failed = try test.pipeline.verify().filter { !$0.passed }
      #expect(failed.isEmpty, "\(failed)", sourceLocation: sourceLocation)
    }

    /// The columns `table` has in a newly migrated warehouse.
    static func freshColumnCount(of table: String) throws -> Int {
      let fresh = try TestWorkspace(loadReference: false)
      return try fresh.count("SELECT count(*) FROM pragma_table_info(?)", [.text(table)])
    }
  }

  // MARK: The issue's examples

  @Test(arguments: [
    "police_uk_street (x INTEGER); DROP TABLE rejects; --",
    "x (a TEXT); DROP TABLE rejects; CREATE TABLE y",
    "police_uk_street; DELETE FROM files",
  ])
  func refusesATableThatHoldsSQLAndLeavesTheWarehouseAsItWas(table: String) throws {
    let loaded = try Loaded()
    let file = try loaded.writeSchema("police-uk.schema.json") { $0["table"] = table }
    let message = try loaded.ingestIsRefused()
    #expect(message.hasPrefix(file.path + ": feed police-uk: property \"table\" is "))
    #expect(message.contains("a table name is lower-case ASCII letters, digits and '_'"))
    try loaded.expectUntouched()
  }

  @Test(arguments: ["files", "rejects", "runs", "feed_tables", "audit_log", "purges"])
  func refusesATableMADEKeeps(table: String) throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { $0["table"] = table }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("'\(table)' is a table MADE itself keeps"))
    try loaded.expectUntouched()
  }

  @Test func refusesASecondSchemaOnTheTableOfABuiltInFeed() throws {
    let loaded = try Loaded()
    let file = try loaded.writeSchema("police-copy.schema.json") { $0["name"] = "police-copy" }
    let message = try loaded.ingestIsRefused(feed: "police-uk")
    #expect(
      message
        == "\(file.path): feed police-copy names table 'police_uk_street', which feed police-uk "
        + "(built-in schema police-uk) already names; a table belongs to one feed: give "
        + "police-copy a table of its own")
    try loaded.expectUntouched()
  }

  @Test func refusesTwoWorkspaceSchemasOnOneTable() throws {
    let loaded = try Loaded()
    for name in ["extra-one", "extra-two"] {
      try loaded.writeSchema("\(name).schema.json") {
        $0["name"] = name
        $0["table"] = "extra_records"
      }
    }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("feed extra-two names table 'extra_records', which feed extra-one"))
    try loaded.expectUntouched()
  }

  @Test(arguments: ["../../..", ".", "..", "police/uk", "/police-uk", "police uk", "Police-UK", ""])
  func refusesAFeedNameThatIsNotAPlainName(name: String) throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { $0["name"] = name }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("property \"name\" is \(String(reflecting: name))"))
    #expect(message.contains("a feed name is lower-case ASCII letters, digits and '-'"))
    try loaded.expectUntouched()
  }

  // MARK: Variants not written in the issue

  @Test func refusesASchemaFileNamedForAnotherFeed() throws {
    let loaded = try Loaded()
    let file = try loaded.writeSchema("yot-offences.schema.json") { $0["table"] = "police_new" }
    let message = try loaded.ingestIsRefused()
    #expect(
      message
        == "\(file.path): the schema's \"name\" is 'police-uk' but the file is named "
        + "\"yot-offences.schema.json\"; name the file police-uk.schema.json")
    try loaded.expectUntouched()
  }

  @Test(arguments: [
    "crime_id TEXT); DROP TABLE files; --", "crime id", "crime-id", "Crime_ID", "crime_íd",
    "order", "select", "1st_column", String(repeating: "c", count: 64),
  ])
  func refusesAColumnThatIsNotAPlainIdentifier(column: String) throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { schema in
      var fields = try #require(schema["fields"] as? [[String: Any]])
      fields[0]["column"] = column
      schema["fields"] = fields
    }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("field \"Crime ID\": property \"column\" is "))
    #expect(message.contains("a column name is lower-case ASCII letters"))
    try loaded.expectUntouched()
  }

  @Test(arguments: [
    "police`uk", "police\"uk", "police'uk", "police_uk]", "p\u{043E}lice_uk", "police_uk\u{200B}",
    "sqlite_master", "main.files", "temp.police_uk", "ref_offences", "v_hotspots",
    "indicator_values", "indicators_extra", "police_uk_street_history", "x_by_file", "order",
    "schema_migrations", "\u{FF50}olice_uk",
  ])
  func refusesQuotedReservedAndLookAlikeTableNames(table: String) throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { $0["table"] = table }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("property \"table\" is \(SchemaNames.quoted(table))"))
    try loaded.expectUntouched()
  }

  @Test func reservesEveryTableViewIndexAndTriggerTheMigrationsCreate() throws {
    let fresh = try TestWorkspace(loadReference: false)
    let names = try fresh.strings("SELECT name FROM sqlite_master ORDER BY name")
    #expect(names.count > 30)
    for name in names {
      #expect(SchemaNames.reservation(ofTable: name) != nil, "\(name) is not reserved")
    }
    // Read from the migrations' SQL, so a later migration's table is covered too.
    #expect(
      SchemaNames.createdObjects(in: "CREATE TABLE IF NOT EXISTS future_table (a INTEGER);")
        == ["future_table"])
  }

  @Test(arguments: [
    ("reference", "offences; DROP TABLE files", "one of exclusion-reasons, offences, schools"),
    ("reference", "../secrets", "one of exclusion-reasons, offences, schools"),
  ])
  func refusesAReferenceTableMADEDoesNotKnow(property: String, value: String, allowed: String)
    throws
  {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { schema in
      var fields = try #require(schema["fields"] as? [[String: Any]])
      fields[1][property] = value
      schema["fields"] = fields
    }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("property \"\(property)\" is \(SchemaNames.quoted(value))"))
    #expect(message.contains(allowed))
    try loaded.expectUntouched()
  }

  @Test func refusesARetentionThatWouldOverflowThePurgeArithmetic() throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { $0["retentionMonths"] = Int.max }
    let message = try loaded.ingestIsRefused()
    #expect(message.contains("property \"retentionMonths\""))
    #expect(message.contains("from 1 to 1200"))
    try loaded.expectUntouched()
  }

  // MARK: A table belongs to one feed in the warehouse too

  /// Loads two rows through a workspace feed `police-copy` (table `police_copy`), then
  /// removes its schema.
  func loadedWithACopyFeed() throws -> Loaded {
    let loaded = try Loaded()
    try loaded.writeSchema("police-copy.schema.json") {
      $0["name"] = "police-copy"
      $0["table"] = "police_copy"
    }
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("copy.csv", rows: [7, 8])], feed: "police-copy")[0]
    #expect(outcome.rowsLoaded == 2)
    try loaded.removeSchemas()
    return loaded
  }

  @Test func refusesANewFeedOnATableAnotherFeedsRecordsAreIn() throws {
    let loaded = try loadedWithACopyFeed()
    try loaded.writeSchema("newcomer.schema.json") {
      $0["name"] = "newcomer"
      $0["table"] = "police_copy"
    }
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("new.csv", rows: [9])], feed: "newcomer")[0]
    #expect(outcome.status == .notLoaded)
    #expect(
      outcome.message
        == "feed newcomer: table 'police_copy' already holds the records of feed police-copy "
        + "(feed_tables); a table belongs to one feed, so nothing was loaded: give newcomer a "
        + "table of its own in its schema")
    try loaded.expectUntouched(files: 2)
    #expect(try loaded.test.count("SELECT count(*) FROM police_copy") == 2)
    #expect(
      try loaded.test.strings("SELECT feed FROM feed_tables WHERE table_name = 'police_copy'") == [
        "police-copy"
      ])
  }

  @Test func refusesAFeedWhoseSchemaMovesItToAnotherTable() throws {
    let loaded = try Loaded()
    try loaded.writeSchema("police-uk.schema.json") { $0["table"] = "police_moved" }
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("moved.csv", rows: [4])], feed: "police-uk")[0]
    #expect(outcome.status == .notLoaded)
    #expect(
      outcome.message?.contains(
        "its records are in table 'police_uk_street' (feed_tables), but its schema now names "
          + "'police_moved'") == true)
    try loaded.expectUntouched()
    #expect(
      try loaded.test.count("SELECT count(*) FROM sqlite_master WHERE name = 'police_moved'") == 0)
  }

  @Test func refusesATableNoFeedOwns() throws {
    let loaded = try Loaded()
    let warehouse = try loaded.test.warehouse()
    _ = try warehouse.query("CREATE TABLE analyst_notes (note TEXT)")
    _ = try warehouse.query("INSERT INTO analyst_notes VALUES ('keep me')")
    try loaded.writeSchema("notes-feed.schema.json") {
      $0["name"] = "notes-feed"
      $0["table"] = "analyst_notes"
    }
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("notes.csv", rows: [4])], feed: "notes-feed")[0]
    #expect(outcome.status == .notLoaded)
    #expect(
      outcome.message?.contains("the warehouse already has 'analyst_notes', which no feed owns")
        == true)
    #expect(try loaded.test.strings("SELECT * FROM analyst_notes") == ["keep me"])
    #expect(try loaded.test.count("SELECT count(*) FROM pragma_table_info('analyst_notes')") == 1)
    try loaded.expectUntouched()
  }

  @Test func keepsLoadingAFeedWhoseTableWasMadeBeforeFeedTablesExisted() throws {
    let loaded = try Loaded()
    // A warehouse from before migration 6 has the table and the feed's files, but no claim.
    _ = try loaded.test.warehouse().query("DELETE FROM feed_tables")
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("later.csv", rows: [4, 5])], feed: "police-uk")[0]
    #expect(outcome.rowsInserted == 2)
    #expect(
      try loaded.test.strings("SELECT feed, table_name FROM feed_tables") == [
        "police-uk|police_uk_street"
      ])
    try loaded.expectUntouched(files: 2, records: 5)
  }

  @Test func verifyFindsAFeedWhoseTableWasTakenOver() throws {
    let loaded = try loadedWithACopyFeed()
    // What the old INSERT OR REPLACE did: a second feed's claim replaced police-copy's row.
    let warehouse = try loaded.test.warehouse()
    _ = try warehouse.query("UPDATE feed_tables SET feed = 'intruder' WHERE feed = 'police-copy'")
    let claims = try #require(
      try loaded.test.pipeline.verify().first { $0.check == "tables claimed by two feeds" })
    #expect(!claims.passed)
    #expect(claims.detail.contains("feed police-copy loaded records but claims no table"))
  }

  @Test func verifyPassesTheClaimsCheckOnAnOrdinaryWorkspace() throws {
    let loaded = try loadedWithACopyFeed()
    let claims = try #require(
      try loaded.test.pipeline.verify().first { $0.check == "tables claimed by two feeds" })
    #expect(claims.passed)
    #expect(claims.detail == "every record table belongs to one feed")
  }
}

/// Issue 12, case 6 (build point 4): the indicator catalogue's SQL filters run under a
/// read-only authorizer, one statement only, so even a hostile catalogue cannot write.
@Suite struct IndicatorFilterHostileTests {
  /// A one-indicator catalogue counting police-uk records that meet `filter`.
  static func catalog(filter: String, table: String = "police_uk_street", school: String? = nil)
    throws -> IndicatorCatalog
  {
    var numerator: [String: Any] = [
      "description": "records", "table": table, "filter": filter,
    ]
    if let school { numerator["placeBySchool"] = school }
    let indicator: [String: Any] = [
      "id": "hostile_rate", "title": "x", "definition": "x", "partnerType": "police",
      "sourceFeeds": ["police-uk"], "method": "rate", "numerator": numerator,
      "denominator": ["description": "residents", "ageFrom": 0, "ageTo": 90],
      "multiplier": 1000, "polarity": "low_is_good", "suppression": "none",
      "geographies": ["ward", "county"], "periods": ["month"],
    ]
    return try IndicatorCatalog.decode(
      try JSONSerialization.data(withJSONObject: ["indicators": [indicator]]), source: "test")
  }

  /// Scans police-uk's table with the catalogue's indicator.
  static func scan(_ catalog: IndicatorCatalog, in test: TestWorkspace) throws
    -> Warehouse.CellScan
  {
    let warehouse = try test.warehouse()
    return try warehouse.scanCells(
      table: catalog.indicators[0].numerator!.table, indicators: catalog.indicators,
      areas: try warehouse.areaGeography(config: test.pipeline.config), months: nil)
  }

  static func loaded() throws -> TestWorkspace {
    let test = try TestWorkspace()
    let text = ([PoliceUKRows.header] + (1...3).map { PoliceUKRows.row($0) })
      .joined(separator: "\r\n")
    #expect(
      try test.ingest(try test.temporaryFile("a.csv", contents: Data(text.utf8))).rowsLoaded == 3)
    return test
  }

  static func expectUntouched(_ test: TestWorkspace) throws {
    #expect(try test.count("SELECT count(*) FROM files") == 1)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 3)
    #expect(try test.count("SELECT count(*) FROM rejects") == 0)
    #expect(try test.count("SELECT count(*) FROM sqlite_master WHERE name = 'stolen'") == 0)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func countsWithAnOrdinaryFilter() throws {
    let test = try Self.loaded()
    let scan = try Self.scan(try Self.catalog(filter: "crime_type LIKE 'Violence%'"), in: test)
    #expect(scan.cells.reduce(0) { $0 + $1.records } == 3)
    try Self.expectUntouched(test)
  }

  @Test(arguments: [
    // The issue's example: a filter that closes its bracket and starts a second statement.
    "1); DELETE FROM files; --",
    // A complete first statement, then a write SQLite would otherwise drop without a word.
    "1) THEN 1 ELSE 0 END, NULL, NULL FROM police_uk_street; DELETE FROM files; SELECT (1",
    // Functions that reach outside the database.
    "load_extension('evil.so') IS NULL",
    "(SELECT load_extension('libevil')) IS NULL",
    // Writes and attachments have no place in an expression: they fail to prepare.
    "(SELECT 1 FROM (DELETE FROM files RETURNING 1))",
    "1) THEN 1 END FROM police_uk_street; ATTACH DATABASE 'stolen.db' AS x; --",
  ])
  func refusesAFilterThatTriesToWriteOrRunMore(filter: String) throws {
    let test = try Self.loaded()
    let error = try #require(throws: ConfigurationError.self) {
      try Self.scan(try Self.catalog(filter: filter), in: test)
    }
    #expect(error.description.contains("indicators hostile_rate: the numerator or denominator SQL"))
    try Self.expectUntouched(test)
  }

  @Test(arguments: [
    "DELETE FROM files",
    "INSERT INTO runs (command, started_at, os_user, made_version) "
      + "VALUES ('x', 'x', 'x', 'x')", "UPDATE files SET feed = 'x'", "DROP TABLE rejects",
    "CREATE TABLE stolen AS SELECT * FROM files", "ALTER TABLE files ADD COLUMN x",
    "ATTACH DATABASE ':memory:' AS other", "PRAGMA user_version = 7", "PRAGMA journal_mode",
    "BEGIN", "SAVEPOINT x", "ANALYZE", "REINDEX", "VACUUM",
    "CREATE TEMP TABLE stolen (x)", "CREATE TRIGGER t AFTER INSERT ON runs BEGIN SELECT 1; END",
    "SELECT load_extension('x')", "SELECT 1; DELETE FROM files",
    "WITH gone AS (SELECT 1) DELETE FROM files",
  ])
  func theReadOnlyPrepareRefusesEveryKindOfWrite(sql: String) throws {
    let test = try Self.loaded()
    let warehouse = try test.warehouse()
    #expect(throws: SQLiteError.self) { _ = try warehouse.connection.prepareReadOnly(sql) }
    // The authorizer is gone once the prepare ends: MADE's own writes still work.
    try warehouse.connection.execute("CREATE TEMP TABLE after_check (x)")
    try Self.expectUntouched(test)
  }

  @Test func theReadOnlyPrepareStillReads() throws {
    let test = try Self.loaded()
    let warehouse = try test.warehouse()
    let statement = try warehouse.connection.prepareReadOnly(
      "SELECT count(*) FROM files JOIN police_uk_street USING (file_id) -- a comment\n;  ")
    #expect(try statement.step())
    #expect(statement.value(at: 0) == .integer(3))
  }

  @Test(arguments: ["police_uk_street; DROP TABLE files", "police_uk_street p", "Police_UK"])
  func refusesANumeratorTableThatIsNotAName(table: String) throws {
    let error = try #require(throws: ConfigurationError.self) {
      try Self.catalog(filter: "1", table: table)
    }
    #expect(error.description.contains("is not a table name"))
  }

  @Test(arguments: ["urn) OR (1", "sp.urn", "urn; DELETE FROM files"])
  func refusesASchoolColumnThatIsNotAName(school: String) throws {
    let error = try #require(throws: ConfigurationError.self) {
      try Self.catalog(filter: "1", school: school)
    }
    #expect(
      error.description.contains("placeBySchool \(SchemaNames.quoted(school)) is not a column"))
  }
}

/// Issue 12 round 2, case 1: a workspace schema's `pattern` cannot make one value cost more
/// than a pass over it per pattern element. A backtracking matcher ran for over a minute,
/// holding the workspace lock, on `a*a*…a*b` against 34 `a`s and `!`.
@Suite struct PatternHostileTests {
  /// The issue's pattern: eighteen `a*`, then `b`.
  static let issuePattern = String(repeating: "a*", count: 18) + "b"

  /// Runs `work` on a thread of its own and waits up to `seconds` for its answer (nil if it
  /// has none by then): a matcher that backtracks fails the test instead of hanging the run.
  static func answer(within seconds: Double, _ work: @escaping @Sendable () -> Bool) -> Bool? {
    final class Answer: @unchecked Sendable {  // written before `done` is signalled
      var value: Bool?
    }
    let answer = Answer()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      answer.value = work()
      done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? answer.value : nil
  }

  /// Patterns that make a backtracking matcher try exponentially (or high-polynomially) many
  /// ways to split the value, with whether the whole value matches.
  @Test(arguments: [
    (issuePattern, String(repeating: "a", count: 34) + "!", false),
    // Not in the issue: a run of optional atoms before the same run of required ones.
    (
      String(repeating: "a?", count: 30) + String(repeating: "a", count: 30),
      String(repeating: "a", count: 30), true
    ),
    (String(repeating: ".*", count: 20) + "x", String(repeating: "y", count: 5_000), false),
    (String(repeating: "\\d*", count: 16) + "-", String(repeating: "7", count: 40), false),
    (String(repeating: "[0-9]+", count: 16) + "-", String(repeating: "7", count: 40), false),
    (String(repeating: "a{0,40}", count: 10) + "b", String(repeating: "a", count: 100), false),
    ("[a-z]*[a-z]*[a-z]*[a-z]*!", String(repeating: "q", count: 1 << 20), false),
    ("[a-z]*[a-z]*[a-z]*[a-z]*!", String(repeating: "q", count: 1 << 20) + "!", true),
  ])
  func matchesACatastrophicPatternInTimeLinearInTheValue(
    pattern: String, value: String, matches: Bool
  ) throws {
    let compiled = try SimplePattern(pattern)
    let answer = Self.answer(within: 20) { compiled.matches(value) }
    #expect(answer != nil, "matching \(value.utf8.count) bytes against \(pattern) did not finish")
    #expect(answer == matches)
  }

  /// The issue's example through ingest: the costly value is a `constraint-error` reject, the
  /// rows around it load, and the warehouse verifies.
  @Test func rejectsTheIssuesValueAndLoadsTheRestWithoutHanging() throws {
    let loaded = try SchemaHostileTests.Loaded()
    try loaded.writeSchema("police-uk.schema.json") { schema in
      try Self.setPattern(Self.issuePattern, onField: "Location", in: &schema)
    }
    let locations = [String(repeating: "a", count: 34) + "!", "aaab", "b"]
    let text =
      ([PoliceUKRows.header]
      + locations.enumerated().map { PoliceUKRows.row(10 + $0.offset, location: $0.element) })
      .joined(separator: "\r\n")
    let path = try loaded.test.temporaryFile("patterned.csv", contents: Data(text.utf8))
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [path], feed: "police-uk")[0]
    #expect(outcome.rowsLoaded == 2)
    #expect(outcome.rowsRejected == 1)
    #expect(
      try loaded.test.strings("SELECT field || ' ' || reason FROM rejects")
        == ["Location constraint-error"])
    #expect(try loaded.test.count("SELECT count(*) FROM files") == 2)
    #expect(try loaded.test.count("SELECT count(*) FROM police_uk_street") == 5)
    #expect(
      try loaded.test.count("SELECT count(*) FROM police_uk_street WHERE location = 'aaab'")
        == 1)
    let failed = try loaded.test.pipeline.verify().filter { !$0.passed }
    #expect(failed.isEmpty, "\(failed)")
  }

  /// A pattern whose cost per byte has no bound, or whose quantifier means nothing, is refused
  /// when the schema is compiled for a delivery, naming why: the delivery is not loaded, and
  /// the warehouse keeps what it held.
  @Test(arguments: [
    (String(repeating: "a?", count: 129), "more than 128 elements"),
    ("[0-9]{6,2}", "bad quantifier {6,2}"),
    ("[0-9]{-1}", "bad quantifier {-1}"),
    ("[0-9]{-3,}", "bad quantifier {-3,}"),
  ])
  func refusesAPatternItCannotBound(pattern: String, says: String) throws {
    let loaded = try SchemaHostileTests.Loaded()
    try loaded.writeSchema("police-uk.schema.json") { schema in
      try Self.setPattern(pattern, onField: "Location", in: &schema)
    }
    let outcome = try Pipeline(workspace: loaded.test.workspace).ingest(
      paths: [try loaded.deliver("second.csv", rows: [4, 5])], feed: "police-uk")[0]
    #expect(outcome.status == .notLoaded)
    #expect(outcome.rowsLoaded == 0)
    #expect(outcome.message?.contains("pattern '\(pattern)': \(says)") == true, "\(outcome)")
    try loaded.expectUntouched()
  }

  @Test func acceptsAPatternOfTheMostElementsItAllows() throws {
    let pattern = try SimplePattern(String(repeating: "a?", count: SimplePattern.maximumElements))
    #expect(pattern.matches(String(repeating: "a", count: SimplePattern.maximumElements)))
    #expect(!pattern.matches(String(repeating: "a", count: SimplePattern.maximumElements + 1)))
  }

  /// Ordinary patterns behave as before: on random patterns of the subset and random values,
  /// the matcher agrees with Swift's own `Regex.wholeMatch`.
  @Test func agreesWithSwiftRegexOnRandomPatternsAndValues() throws {
    var generator = SplitMix64(seed: 12)
    let atoms = ["a", "b", "0", "-", ".", "\\d", "[a-b]", "[^a]", "[0-9b]", "\\-"]
    let quantifiers = ["", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{0}"]
    let alphabet = Array("ab0-9x")
    for _ in 0..<400 {
      let pattern = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
        atoms.randomElement(using: &generator)! + quantifiers.randomElement(using: &generator)!
      }.joined()
      let compiled = try SimplePattern(pattern)
      let reference = try Regex(pattern)
      for _ in 0..<12 {
        let value = String(
          (0..<Int.random(in: 0...7, using: &generator)).map { _ in
            alphabet.randomElement(using: &generator)!
          })
        #expect(
          compiled.matches(value) == ((try? reference.wholeMatch(in: value)) != nil),
          "\(pattern) against \(value)")
      }
    }
  }

  /// Sets `pattern` as the constraint of the field named `name` in a feed schema.
  static func setPattern(_ pattern: String, onField name: String, in schema: inout [String: Any])
    throws
  {
    var fields = try #require(schema["fields"] as? [[String: Any]])
    let index = try #require(fields.firstIndex { $0["name"] as? String == name })
    var constraints = fields[index]["constraints"] as? [String: Any] ?? [:]
    constraints["pattern"] = pattern
    fields[index]["constraints"] = constraints
    schema["fields"] = fields
  }
}

/// A seeded generator, so that a failing random case can be run again.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

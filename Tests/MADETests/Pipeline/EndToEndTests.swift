import Foundation
import Testing

@testable import MADE

/// The README's first command on SampleData, checked against figures the sample generator
/// worked out independently (SampleData/expected.json).
@Suite struct EndToEndTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  struct Expected: Decodable {
    struct PoliceUKMonth: Decodable {
      var month: String
      var rows: Int
      var violence_and_sexual_offences: Violence
    }
    struct Violence: Decodable {
      var county: Int
      var by_lad: [String: Int]
    }
    struct PoliceCrimes: Decodable {
      struct File: Decodable {
        struct Malformed: Decodable {
          var line: Int
          var reason: String
          var field: String?
        }
        var rows: Int
        var rows_loaded: Int
        var malformed: [Malformed]
      }
      struct Resend: Decodable {
        struct Corrected: Decodable { var to_code: String }
        var corrected: [Corrected]
      }
      var files: [String: File]
      var quarantined: [String: String]
      var resend: Resend
      var records_after_load: Int
    }
    struct Population: Decodable {
      var county_total: Int
      var by_lad: [String: Int]
    }
    var police_uk: [String: PoliceUKMonth]
    var police_crimes: PoliceCrimes
    var population: Population
    var ae_attendances: AE
    var yot_offences: Files
    var school_suspensions: Suspensions
    var school_absence: Absence
    var identifiers_never_stored: [String]

    struct Rows: Decodable { var rows: Int }
    struct Files: Decodable { var files: [String: Rows] }
    struct AE: Decodable {
      struct File: Decodable {
        var rows: Int
        var method_category: [String: Int]
        var sharp_object: Int
      }
      var files: [String: File]
      var quarantined: [String: String]
    }
    struct Suspensions: Decodable {
      struct File: Decodable {
        var rows: Int
        var violence_related: Int
      }
      var files: [String: File]
    }
    struct Absence: Decodable {
      struct File: Decodable {
        var rows: Int
        var persistently_absent: Int
      }
      var files: [String: File]
    }
  }

  @Test func theDemoReproducesTheSampleGeneratorsFigures() throws {
    let sample = Self.repository.appendingPathComponent("SampleData")
    let expected = try JSONDecoder().decode(
      Expected.self, from: Data(contentsOf: sample.appendingPathComponent("expected.json")))
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-demo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let summary = try Demo.run(
      sampleData: sample, directory: directory, progress: nil, log: { _ in })
    let warehouse = try Workspace(root: directory).openWarehouse()
    func int(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
      try warehouse.scalar(sql, arguments)?.int ?? -1
    }

    // police-crimes: every file's rows and rejects, as the generator counted them.
    for (name, file) in expected.police_crimes.files {
      let outcome = try #require(summary.outcomes.first { $0.deliveredName == name })
      #expect(outcome.status == .loaded, "\(name)")
      #expect(outcome.rowsRead == file.rows, "\(name)")
      #expect(outcome.rowsLoaded == file.rows_loaded, "\(name)")
      let rejects = try warehouse.rejectLines(fileID: outcome.fileID!)
      let wanted = file.malformed.sorted { $0.line < $1.line }.map {
        "line \($0.line)\($0.field.map { ", " + $0 } ?? ""): \($0.reason)"
      }
      #expect(rejects == wanted, "\(name)")
    }
    #expect(
      try int("SELECT count(*) FROM police_crimes") == expected.police_crimes.records_after_load)
    #expect(
      try int("SELECT count(*) FROM police_crimes_history")
        == expected.police_crimes.resend.corrected.count)

    // police-uk: the violence counts per district and county, month by month.
    for month in expected.police_uk.values {
      let violence = month.violence_and_sexual_offences
      for (lad, count) in violence.by_lad {
        #expect(
          try int(
            """
            SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
            AND period_type = 'month' AND geo_type = 'lad' AND geo_code = ? AND period = ?
            """, [.text(lad), .text(month.month)]) == count, "\(lad) \(month.month)")
      }
      #expect(
        try int(
          """
          SELECT numerator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
          AND period_type = 'month' AND geo_type = 'county' AND period = ?
          """, [.text(month.month)]) == violence.county, "county \(month.month)")
      #expect(
        try int(
          """
          SELECT denominator FROM indicator_values WHERE indicator_id = 'puk_violence_sexual'
          AND period_type = 'month' AND geo_type = 'county' AND period = ?
          """, [.text(month.month)]) == expected.population.county_total)
    }
    #expect(try Pipeline(workspace: Workspace(root: directory)).verify().allSatisfy(\.passed))

    // The indicator catalogue: every row of indicator_values checked against docs/methods.md.
    try IndicatorValueAudit(warehouse: warehouse).checkAll()
    // The views: nothing a pack withholds is readable through any of them; each kind of
    // withheld figure occurs in the demo, so none of the checks is vacuous.
    let seen = try ViewDisclosureAudit(warehouse: warehouse).checkAll()
    #expect(seen.withheldInValues == seen.withheld && seen.withheld > 0, "\(seen)")
    // The summary of every pack's report: each sentence held against the pack's rows.
    let packs = try Exporter(
      warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(),
      feeds: try Pipeline(workspace: Workspace(root: directory)).catalog(),
      config: try Workspace(root: directory).loadConfig()
    ).packs(area: "all", period: nil)
    #expect(packs.count == summary.packs.count)
    for pack in packs { try SummaryAudit.check(pack) }
    // The maps of every pack: the children with boundaries, each filled as its row says, no
    // number on a withheld one; the demo has withheld children on its maps.
    var maps = MapAudit.Seen()
    for pack in packs {
      let level = pack.children.first?.geoType ?? .ward
      MapAudit.check(
        pack, boundaries: Set(try warehouse.boundaries(level).keys), seen: &maps)
    }
    #expect(maps.maps >= packs.count * 2 && maps.withheldDrawn > 0, "\(maps)")
    // docs/analyst-questions.md answers its ten questions on the demo, from the views.
    try AnalystQuestions.check(warehouse)
    #expect(seen.withheldInLatest > 0 && seen.withheldHarmInHotspots > 0, "\(seen)")
    #expect(
      seen.comparisonsWithheldByTheCounty > 0 && seen.trendsWithheldByAnEarlierPeriod > 0,
      "\(seen)")

    // Packs: every district, partnership and the county, for the latest quarter and financial
    // year; nothing small published; the same bytes again; valid Frictionless packages.
    let config = try Workspace(root: directory).loadConfig()
    #expect(
      summary.packs.count
        == (config.area.ladCodes.count + config.partnerships.count + 1) * 2)
    #expect(summary.packs.contains { $0.lastPathComponent == "made-pack-county-2024-25.zip" })
    #expect(summary.packs.contains { $0.lastPathComponent == "made-pack-CSP-CEN-2025-Q1.zip" })
    try PackAudit.check(summary.packs, catalog: try IndicatorCatalog.builtIn())
    let again = try Pipeline(workspace: Workspace(root: directory)).export(
      to: directory.appendingPathComponent("again"))
    #expect(again.map(\.lastPathComponent) == summary.packs.map(\.lastPathComponent))
    for (first, second) in zip(summary.packs, again) {
      #expect(try Data(contentsOf: first) == Data(contentsOf: second), "\(first.lastPathComponent)")
    }
    try FrictionlessCheck.validate(summary.packs)

    // The other partners: every delivery loaded in full, figures as the generator counted.
    func outcome(_ name: String) throws -> FileOutcome {
      try #require(
        summary.outcomes.first {
          $0.deliveredName == name
        }, "\(name)")
    }
    func loaded(_ name: String, rows: Int) throws -> Int64 {
      let result = try outcome(name)
      #expect(result.status == .loaded, "\(name)")
      #expect(result.rowsRead == rows && result.rowsLoaded == rows, "\(name)")
      return result.fileID ?? -1
    }
    for (name, file) in expected.ae_attendances.files {
      let fileID = try loaded(name, rows: file.rows)
      for (category, count) in file.method_category {
        #expect(
          try int(
            "SELECT count(*) FROM ae_attendances WHERE file_id = ? AND method_category = ?",
            [.integer(fileID), .text(category)]) == count, "\(name) \(category)")
      }
      #expect(
        try int(
          "SELECT coalesce(sum(sharp_object), 0) FROM ae_attendances WHERE file_id = ?",
          [.integer(fileID)]) == file.sharp_object, "\(name)")
    }
    for (name, reason) in expected.ae_attendances.quarantined {
      #expect(try outcome(name).reason?.rawValue == reason)
    }
    for (name, file) in expected.yot_offences.files {
      _ = try loaded(name, rows: file.rows)
    }
    for (name, file) in expected.school_suspensions.files {
      let fileID = try loaded(name, rows: file.rows)
      #expect(
        try int(
          """
          SELECT count(*) FROM school_suspensions s JOIN ref_exclusion_reasons r USING (reason_code)
          WHERE s.file_id = ? AND r.is_violence_related = 1
          """, [.integer(fileID)]) == file.violence_related, "\(name)")
    }
    for (name, file) in expected.school_absence.files {
      let fileID = try loaded(name, rows: file.rows)
      #expect(
        try int(
          """
          SELECT count(*) FROM school_absence WHERE file_id = ?
            AND (sessions_authorised_absence + sessions_unauthorised_absence) * 10
              >= sessions_possible
          """, [.integer(fileID)]) == file.persistently_absent, "\(name)")
    }

    // No identifier or date of birth from the partners' extracts, anywhere in the file.
    let bytes = warehouseBytes(directory.appendingPathComponent("warehouse.sqlite"))
    #expect(expected.identifiers_never_stored.count >= 20)
    for secret in expected.identifiers_never_stored {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret) in the warehouse")
    }

    // Every loaded file balances.
    #expect(
      try int("SELECT count(*) FROM files WHERE rows_read <> rows_loaded + rows_rejected") == 0)

    // No full postcode in any record table: every text column of every feed table is checked
    // against the postcode directory (reference data, which naturally holds postcodes).
    for row in try warehouse.query("SELECT table_name FROM feed_tables") {
      guard let table = row[0].string else { continue }
      for tableName in [table, table + "_history"] {
        let columns = try warehouse.query(
          "SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT'", [.text(tableName)]
        ).compactMap { $0[0].string }
        for column in columns {
          #expect(
            try int(
              """
              SELECT count(*) FROM \(tableName)
              WHERE upper(replace(\(column), ' ', '')) IN (SELECT postcode FROM ref_postcodes)
              """) == 0, "\(tableName).\(column) holds postcodes")
        }
      }
    }
  }
}

@Suite struct DocumentationTests {
  @Test func theREADMEListsEveryReasonCode() throws {
    let readme = try String(
      contentsOf: EndToEndTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
    for code in ReasonCode.allCases {
      #expect(readme.contains("`\(code.rawValue)`"), "README.md does not list \(code.rawValue)")
    }
  }

  @Test func theREADMEQuickStartHasExactlyTwoCommands() throws {
    let readme = try String(
      contentsOf: EndToEndTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let quickStart = try #require(
      readme.components(separatedBy: "## Quick start").dropFirst().first)
    let block = try #require(quickStart.components(separatedBy: "```").dropFirst().first)
    // The block's first line is what follows the opening fence (empty or a language tag).
    let commands = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    try #require(commands.count == 2)
    let ci = try String(
      contentsOf: EndToEndTests.repository.appendingPathComponent(".ci/run"), encoding: .utf8)
    #expect(ci.contains(String(commands[commands.startIndex + 1])))
  }
}

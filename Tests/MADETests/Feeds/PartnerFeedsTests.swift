import Foundation
import Testing

@testable import MADE

/// Youth offending: pseudonymised case IDs, date of birth → age at the offence, never stored.
@Suite struct YouthOffendingFeedTests {
  @Test func turnsTheDateOfBirthIntoAgeAtTheOffenceAndStoresNeither() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/yot-offences-small.csv", feed: "yot-offences")
    #expect(outcome.rowsRead == 5)
    #expect(outcome.rowsLoaded == 4)
    // Born 15/06/2008: 15 the day before the birthday, 16 on it; born 29 February 2008: 15
    // on 28 February 2024.
    #expect(
      try test.strings("SELECT line, age_at_offence FROM yot_offences ORDER BY line") == [
        "2|15", "3|16", "4|15", "5|15",
      ])
    let columns = try test.strings("SELECT name FROM pragma_table_info('yot_offences')")
    #expect(!columns.contains("date_of_birth"))
    #expect(!columns.contains("home_postcode"))
    // A date of birth after the offence is a reject that does not show the date.
    #expect(try test.rejectLines(outcome) == ["line 6, Date of Birth: constraint-error"])
    let message = try #require(try test.strings("SELECT message FROM rejects").first)
    #expect(!message.contains("2025") && !message.contains("01/01"))
  }

  @Test func placesYoungPeopleByHomePostcode() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/yot-offences-small.csv", feed: "yot-offences")
    #expect(
      try test.strings(
        "SELECT line, ward_code, geo_method FROM yot_offences ORDER BY line") == [
          "2|E05900001|postcode", "3|E05900001|postcode", "4|E05900003|postcode",
          "5|NULL|none",
        ])
  }

  @Test func theSameCaseGetsTheSamePseudonymAcrossDeliveriesAndHeaders() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/yot-offences-small.csv", feed: "yot-offences")
    let renamed = try test.ingest("feeds/yot-offences-renamed.csv", feed: nil)
    #expect(renamed.feed == "yot-offences")
    #expect(renamed.rowsInserted == 1)
    #expect(
      try test.count(
        "SELECT count(DISTINCT case_pseudonym) FROM yot_offences WHERE age_at_offence >= 15")
        == 3)
    #expect(
      try test.count(
        """
        SELECT count(*) FROM yot_offences WHERE case_pseudonym =
          (SELECT case_pseudonym FROM yot_offences WHERE line = 2 AND outcome_tier = 'Referral order')
        """) == 3)
  }

  /// A file of one offence (case YC-00340 on 28/02/2024) per spelling of its Offence
  /// Category in `categories`.
  func offence(_ test: TestWorkspace, _ name: String, categories: [String], outcome: String)
    throws -> String
  {
    let header =
      "Case ID,Date of Birth,Sex,Ethnicity,Home Postcode,Offence Date,HO Offence Code,"
      + "Offence Category,Outcome Tier,First Time Entrant"
    let rows = categories.map {
      "YC-00340,29/02/2008,F,Mixed,pr7 1aa,28/02/2024,34B,\($0),\(outcome),Y"
    }
    let text = ([header] + rows).joined(separator: "\r\n") + "\r\n"
    return try test.temporaryFile(name, contents: Data(text.utf8))
  }

  @Test func aResendThatSpellsTheOffenceCategoryInAnotherCaseUpdatesTheSameRecord() throws {
    let test = try TestWorkspace()
    let first = try test.ingest(
      try offence(test, "first.csv", categories: ["Robbery"], outcome: "Youth caution"),
      feed: "yot-offences")
    #expect(first.rowsInserted == 1)
    let resend = try test.ingest(
      try offence(test, "resend.csv", categories: [" ROBBERY "], outcome: "Referral order"),
      feed: "yot-offences")
    #expect(resend.rowsInserted == 0 && resend.rowsUpdated == 1)
    // The latest delivery's spelling is stored (trimmed); the earlier version is history.
    #expect(
      try test.strings("SELECT offence_category, outcome_tier FROM yot_offences") == [
        "ROBBERY|Referral order"
      ])
    #expect(
      try test.strings("SELECT offence_category FROM yot_offences_history") == ["Robbery"])
    // And it still counts as a robbery.
    _ = try test.pipeline.aggregate()
    #expect(
      try test.count("SELECT sum(records) FROM indicator_cells WHERE indicator_id = 'yot_violence'")
        == 1)
  }

  @Test func twoRowsWhoseOffenceCategoryDiffersOnlyInCaseAreOneRecord() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest(
      try offence(test, "twice.csv", categories: ["Robbery", "robbery"], outcome: "Custody"),
      feed: "yot-offences")
    #expect(outcome.rowsLoaded == 1)
    #expect(try test.rejectLines(outcome) == ["line 3, Case ID: duplicate-key"])
    #expect(try test.count("SELECT count(*) FROM yot_offences") == 1)
  }

  @Test func refusesKeyIgnoresCaseOnAFieldOutsideTheKey() throws {
    let spec = try feedSpec(
      withField: #"{"name": "C", "column": "c", "type": "string", "keyIgnoresCase": true}"#)
    #expect(throws: ConfigurationError.self) { try spec.check() }
  }

  @Test func aKeyThatIgnoresCaseComparesAccentedLettersHoweverTheyAreEncoded() {
    func key(_ text: String) -> [UInt8] {
      var key: [UInt8] = []
      Array(text.utf8).withUnsafeBufferPointer { TextNormalisation.appendTextKey($0, to: &key) }
      return key
    }
    // One code point (NFC) against E followed by a combining accent (NFD), in either case.
    #expect(key("\u{C9}COLE") == key("e\u{301}cole"))
    #expect(key("ROBBERY") == key("robbery"))
    #expect(key("Robbery") != key("Robery"))
  }

  @Test func refusesKeyIgnoresCaseOnAnIdentifier() throws {
    let json = """
      {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
       "primaryKey": ["I", "D"],
       "fields": [
         {"name": "I", "column": "i", "type": "string", "role": "identifier",
          "keyIgnoresCase": true, "constraints": {"required": true}},
         {"name": "D", "column": "d", "type": "date", "constraints": {"required": true}}]}
      """
    let spec = try JSONDecoder().decode(FeedSpec.self, from: Data(json.utf8))
    let error = try #require(throws: ConfigurationError.self) { try spec.check() }
    #expect(error.description.contains("without a role"))
  }

  @Test func neverWritesACaseIDOrADateOfBirth() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/yot-offences-small.csv", feed: "yot-offences")
    try test.ingest("feeds/yot-offences-renamed.csv", feed: "yot-offences")
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    for secret in [
      "YC-00012", "yc-00012", "YC-00340", "YC-00777", "15/06/2008", "2008-06-15", "29/02/2008",
      "2008-02-29",
    ] {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret)")
    }
  }
}

/// A&E: anonymised on arrival or refused; free-text location never stored.
@Suite struct AEAttendancesFeedTests {
  @Test func loadsAttendancesKeyedByContentAndDropsTheLocationText() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    // Two identical attendances are two attendances.
    #expect(outcome.rowsLoaded == 4)
    #expect(outcome.rowsInserted == 4)
    let columns = try test.strings("SELECT name FROM pragma_table_info('ae_attendances')")
    #expect(!columns.contains("location_description"))
    #expect(
      try test.strings(
        "SELECT line, ward_code, geo_method, geo_status FROM ae_attendances ORDER BY line") == [
          "2|E05900001|postcode|in_area", "3|E05900001|postcode|in_area",
          "4|E05900003|lsoa|in_area", "5|E05900009|postcode|outside_area",
        ])
    // The same file's rows again (a resend with new bytes) add nothing.
    let again = try test.temporaryFile(
      "again.csv",
      contents: try Data(contentsOf: Fixtures.url("feeds/ae-attendances-small.csv"))
        + Data("\r\n".utf8))
    #expect(try test.ingest(again, feed: "ae-attendances").rowsInserted == 0)
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 4)
  }

  @Test func aCorrectedResendReplacesTheMonthsRecordsOfItsSitesInsteadOfAddingToThem() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    let original = try String(
      contentsOf: Fixtures.url("feeds/ae-attendances-small.csv"), encoding: .utf8)
    // RXN02 resends its January: the patient on line 4 was 29, not 19; line 5 is unchanged.
    let lines = original.components(separatedBy: "\r\n")
    let resend = [lines[0], lines[3].replacingOccurrences(of: ",19,F,", with: ",29,F,"), lines[4]]
      .joined(separator: "\r\n")
    let path = try test.temporaryFile("rxn02-resend.csv", contents: Data(resend.utf8))
    let outcome = try test.ingest(path, feed: "ae-attendances")
    #expect(outcome.rowsInserted == 1)
    #expect(outcome.rowsUnchanged == 1)
    #expect(outcome.rowsReplaced == 1)
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 4)
    #expect(
      try test.strings(
        "SELECT patient_age FROM ae_attendances WHERE ed_site_code = 'RXN02' ORDER BY 1")
        == ["29", "41"])
    #expect(try test.strings("SELECT patient_age FROM ae_attendances_history") == ["19"])
    // RXN01's records of the same month are another source: untouched.
    #expect(try test.count("SELECT count(*) FROM ae_attendances WHERE ed_site_code = 'RXN01'") == 2)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func aFewLateRowsOfAnEarlierMonthDoNotReplaceThatMonth() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    let original = try String(
      contentsOf: Fixtures.url("feeds/ae-attendances-small.csv"), encoding: .utf8)
    let header = original.components(separatedBy: "\r\n")[0]
    // February's file carries one late January attendance at RXN02 (which has two already).
    let text = [
      header,
      "RXN02,30/01/2025,22:00,30/01/2025,21:30,Street/public place,,kicked,33,M,PR1 8XB,",
      "RXN02,02/02/2025,10:00,02/02/2025,09:30,Home,,punched,45,F,PR1 8XB,",
    ].joined(separator: "\r\n")
    let path = try test.temporaryFile("february.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "ae-attendances")
    #expect(outcome.rowsReplaced == 0)
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 6)
  }

  @Test func quarantinesAFileWithAnNHSNumberAndStoresNothingFromIt() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/ae-with-nhs-number.csv", feed: "ae-attendances")
    #expect(outcome.status == .quarantined)
    #expect(outcome.reason == .identifierInHealthFeed)
    #expect(
      outcome.message?.contains("column 13 'NHS Number' is an identifier (NHS number)") == true)
    #expect(outcome.message?.contains("must arrive anonymised") == true)
    #expect(((try? test.count("SELECT count(*) FROM ae_attendances")) ?? 0) == 0)
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    #expect(bytes.range(of: Data("943 476 5919".utf8)) == nil)
    #expect(bytes.range(of: Data("Red Lion".utf8)) == nil)
  }

  @Test func aHealthFileWithAnIdentifierExitsThree() throws {
    let test = try TestWorkspace()
    let process = try CrashSafetyTests.run([
      "ingest", Fixtures.url("feeds/ae-with-nhs-number.csv").path, "--feed", "ae-attendances",
      "--workspace", test.root.path, "--quiet",
    ])
    process.waitUntilExit()
    #expect(process.terminationStatus == 3)
  }
}

/// Schools: GIAS places pupils' records by their school unless a home postcode is given.
@Suite struct SchoolFeedsTests {
  @Test func loadsAWindows1252GIASExtract() throws {
    let test = try TestWorkspace()
    #expect(
      try test.strings("SELECT urn, school_name, postcode FROM ref_schools ORDER BY urn") == [
        "119001|St Mary’s Church of England Primary School|PR18XB",
        "119002|Chorley Académie|PR71AA",
      ])
  }

  @Test func placesSuspensionsByHomePostcodeElseBySchool() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/school-suspensions-small.csv", feed: "school-suspensions")
    #expect(outcome.rowsLoaded == 3)
    #expect(try test.rejectLines(outcome) == ["line 5, Reason Code: unknown-code"])
    #expect(
      try test.strings(
        """
        SELECT line, ward_code, geo_method, geo_status, age_at_start, sessions
        FROM school_suspensions ORDER BY line
        """) == [
          "2|E05900009|postcode|outside_area|13|2.0",
          "3|E05900003|school|in_area|13|1.5",
          "4|E05900001|school|in_area|8|0.0",
        ])
  }

  @Test func placesTermlyAbsenceInTheMonthItsTermStarts() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/school-absence-small.csv", feed: "school-absence")
    #expect(outcome.rowsLoaded == 3)
    // Line 5 misses more sessions than it could attend.
    #expect(try test.rejectLines(outcome) == ["line 5, Sessions Possible: constraint-error"])
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "'Authorised Absence' + 'Unauthorised Absence' is more than 'Sessions Possible' on this row"
      ])
    #expect(
      try test.strings(
        "SELECT line, period_month, term, ward_code, geo_method FROM school_absence ORDER BY line")
        == [
          "2|2023-09|Autumn|E05900003|school", "3|2024-01|Spring|E05900003|school",
          "4|2024-04|Summer|E05900001|school",
        ])
  }

  @Test func theSameUPNGetsTheSamePseudonymInEveryFeedAndNeverAppearsRaw() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/school-suspensions-small.csv", feed: "school-suspensions")
    try test.ingest("feeds/school-absence-small.csv", feed: "school-absence")
    #expect(
      try test.count(
        """
        SELECT count(*) FROM school_absence a JOIN school_suspensions s USING (pupil_pseudonym)
        """) == 3)
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    for secret in ["A123456789012", "C323456789012", "03/09/2010", "2010-09-03"] {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret)")
    }
  }
}

/// The guards around personal data and termly periods.
@Suite struct PartnerFeedGuardTests {
  @Test func aHealthFileWithAnIdentifierIsDeletedFromTheInboxNotKept() throws {
    let test = try TestWorkspace()
    let inbox = test.workspace.inbox.appendingPathComponent("ae-attendances")
    try FileManager.default.copyItem(
      at: Fixtures.url("feeds/ae-with-nhs-number.csv"),
      to: inbox.appendingPathComponent("ae-with-nhs-number.csv"))
    let outcome = try test.pipeline.ingest(paths: [], feed: nil)[0]
    #expect(outcome.reason == .identifierInHealthFeed)
    let quarantine = test.workspace.quarantine.appendingPathComponent("ae-attendances")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: quarantine.path) == [
        "ae-with-nhs-number.csv.reason.txt"
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
  }

  @Test func twoRefusedHealthFilesOfTheSameNameKeepBothNotes() throws {
    let test = try TestWorkspace()
    let inbox = test.workspace.inbox.appendingPathComponent("ae-attendances")
    let fixture = try Data(contentsOf: Fixtures.url("feeds/ae-with-nhs-number.csv"))
    for round in 0..<2 {
      // Different bytes each time, so that the second is not a duplicate of the first.
      try (fixture + Data("\r\n".utf8.prefix(round))).write(
        to: inbox.appendingPathComponent("extract.csv"))
      _ = try test.pipeline.ingest(paths: [], feed: nil)
    }
    let quarantine = test.workspace.quarantine.appendingPathComponent("ae-attendances")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: quarantine.path).sorted() == [
        "extract.csv.2.reason.txt", "extract.csv.reason.txt",
      ])
  }

  @Test func aHealthFileWithAnIdentifierIsReportedAsSuchWhenNoFeedIsNamed() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/ae-with-nhs-number.csv", feed: nil)
    #expect(outcome.reason == .identifierInHealthFeed)
  }

  @Test func findsIdentifierColumnsUnderLongerNames() throws {
    let test = try TestWorkspace()
    let original = try String(
      contentsOf: Fixtures.url("feeds/ae-attendances-small.csv"), encoding: .utf8)
    let columns = [
      "Patient NHS Number", "Forename(s)", "Date of Birth (dd/mm/yyyy)", "Full Name",
      "Patient NHS No", "Patient DOB", "Pt MRN",
    ]
    for (number, column) in columns.enumerated() {
      let lines = original.components(separatedBy: "\r\n")
      let text = [lines[0] + "," + column, lines[1] + ",x"].joined(separator: "\r\n")
      let path = try test.temporaryFile("refused-\(number).csv", contents: Data(text.utf8))
      #expect(
        try test.ingest(path, feed: "ae-attendances").reason == .identifierInHealthFeed, "\(column)"
      )
    }
    // A site's name is not a person's: the column is dropped, the file loads.
    let lines = original.components(separatedBy: "\r\n")
    let text = [lines[0] + ",ED Site Name", lines[1] + ",Royal Preston"].joined(separator: "\r\n")
    let outcome = try test.ingest(
      try test.temporaryFile("site-name.csv", contents: Data(text.utf8)), feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.ignoredColumns == ["ED Site Name"])
  }

  @Test func refusesASchemaThatUsesADateOfBirthAsAKey() throws {
    let json = """
      {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
       "primaryKey": ["B"],
       "fields": [
         {"name": "B", "column": "b", "type": "date", "role": "dateOfBirth", "store": false,
          "ageAt": "D", "ageColumn": "age", "constraints": {"required": true}},
         {"name": "D", "column": "d", "type": "date", "constraints": {"required": true}}]}
      """
    let spec = try JSONDecoder().decode(FeedSpec.self, from: Data(json.utf8))
    #expect(throws: ConfigurationError.self) { try spec.check() }
  }

  @Test func rejectsAnAcademicYearOfNonConsecutiveYears() throws {
    let test = try TestWorkspace()
    let text =
      "UPN,School URN,Academic Year,Term,Sessions Possible,Authorised Absence,Unauthorised Absence\r\n"
      + "A1,119001,2024/26,Autumn,100,1,1\r\nA2,119001,2024/25,Autumn,100,1,1\r\n"
    let path = try test.temporaryFile("years.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "school-absence")
    #expect(try test.rejectLines(outcome) == ["line 2, Academic Year: constraint-error"])
    #expect(outcome.rowsLoaded == 1)
  }

  @Test func refusesAMethodKeywordThatIsNotOneWord() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "rules.csv", contents: Data("keyword,category,priority\r\nair gun,firearm,50\r\n".utf8))
    #expect(throws: ReferenceError.self) {
      try test.pipeline.loadReference(.methodRules, path: path, year: nil)
    }
  }
}

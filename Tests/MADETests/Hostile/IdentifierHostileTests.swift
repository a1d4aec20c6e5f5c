import Foundation
import Testing

@testable import MADE

/// Issue 12, case 8: no raw value from a delivered file in any message, and no health file
/// with an identifier (by its column's name, however spelt, or by its values) loads.
@Suite struct IdentifierHostileTests {
  static let aeHeader =
    "ED Site Code,Arrival Date,Arrival Time,Assault Date,Assault Time,Assault Location Type,"
    + "Assault Location Description,Method,Patient Age,Sex,Home Postcode,LSOA of Residence"

  /// An A&E row with `age`, `sex` and `method` as given (a good row by default).
  static func aeRow(
    age: String = "24", sex: String = "M", method: String = "punched", site: String = "RXN01"
  ) -> String {
    "\(site),03/01/2025,23:40,03/01/2025,23:05,Licensed premises,,\(method),\(age),\(sex),"
      + "PR1 8XB,"
  }

  static func csv(_ lines: [String]) -> Data {
    Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  func ingest(_ test: TestWorkspace, _ name: String, _ data: Data, feed: String?) throws
    -> FileOutcome
  {
    try test.ingest(try test.temporaryFile(name, contents: data), feed: feed)
  }

  /// `made verify` passes, and none of `secrets` is anywhere in the warehouse's bytes.
  func expectStoredNowhere(_ secrets: [String], in test: TestWorkspace) throws {
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    for secret in secrets {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the warehouse")
    }
  }

  /// The file was refused as a health file with an identifier, and nothing from it is stored.
  func expectRefused(_ outcome: FileOutcome, _ test: TestWorkspace, secrets: [String]) throws {
    #expect(outcome.status == .quarantined)
    #expect(outcome.reason == .identifierInHealthFeed)
    // The record table is created by the first load: absent, or empty.
    #expect(((try? test.count("SELECT count(*) FROM ae_attendances")) ?? 0) == 0)
    #expect(try test.count("SELECT count(*) FROM rejects") == 0)
    #expect(
      try test.count("SELECT count(*) FROM files WHERE status = 'quarantined' AND rows_loaded = 0")
        == 1)
    for secret in secrets {
      #expect(outcome.message?.contains(secret) == false)
    }
    try expectStoredNowhere(secrets, in: test)
  }

  // MARK: - 1. No delivered value in a reject message

  @Test func aDateOfBirthInSexIsRejectedByItsShapeNotQuoted() throws {
    let test = try TestWorkspace()
    let outcome = try ingest(
      test, "dob-in-sex.csv",
      Self.csv([Self.aeHeader, Self.aeRow(), Self.aeRow(sex: "15/06/1990")]),
      feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 1 && outcome.rowsRejected == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "column 'Sex': the value (10 characters: 2 digits/2 digits/4 digits) is not allowed "
          + "(one of M, F, U)"
      ])
    try expectStoredNowhere(["15/06/1990"], in: test)
  }

  @Test func aTenDigitNumberThatIsNotAnNHSNumberInPatientAgeIsRejectedByItsShape() throws {
    let test = try TestWorkspace()
    // 9434765910 fails the Modulus 11 check: an age out of range, not an identifier.
    let outcome = try ingest(
      test, "number-in-age.csv", Self.csv([Self.aeHeader, Self.aeRow(age: "9434765910")]),
      feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 0 && outcome.rowsRejected == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "column 'Patient Age': the value (10 digits) is not allowed (at most 120)"
      ])
    try expectStoredNowhere(["9434765910"], in: test)
  }

  @Test func aPupilNumberInSchoolURNIsRejectedByItsShape() throws {
    let test = try TestWorkspace()
    let text = [
      "School URN,UPN,Date of Birth,Sex,Home Postcode,Type,Start Date,Sessions,Reason Code",
      "119002,A123456789012,03/09/2010,M,WN1 1AA,Suspension,12/03/2024,2,PP",
      "Z987654321098,B223456789012,14/11/2010,F,,Suspension,13/03/2024,1.5,VA",
    ]
    let outcome = try ingest(test, "upn-in-urn.csv", Self.csv(text), feed: "school-suspensions")
    #expect(outcome.rowsLoaded == 1 && outcome.rowsRejected == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "column 'School URN': the value (13 characters: 1 letter, 12 digits) is not allowed "
          + "(text matching [0-9]{6})"
      ])
    #expect(try test.count("SELECT count(*) FROM school_suspensions") == 1)
    try expectStoredNowhere(["Z987654321098", "B223456789012", "14/11/2010"], in: test)
  }

  // Variants: other values in other columns of non-health feeds.

  @Test func anNHSNumberInAPoliceVictimAgeIsRejectedByItsShape() throws {
    let test = try TestWorkspace()
    let text = [
      "Crime Reference,Recorded Date,HO Offence Code,Victim Age",
      "LC-1,01/02/2025,8N,20", "LC-2,01/02/2025,8N,943 476 5919",
    ]
    let outcome = try ingest(test, "nhs-in-age.csv", Self.csv(text), feed: "police-crimes")
    #expect(outcome.rowsLoaded == 1 && outcome.rowsRejected == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "column 'Victim Age': the value (12 characters: 3 digits, a space, 3 digits, a space, "
          + "4 digits) is not a whole number (expected a whole number)"
      ])
    try expectStoredNowhere(["943 476 5919"], in: test)
  }

  @Test func aPostcodeInADateAndAPhoneNumberInACodeAreRejectedByTheirShapes() throws {
    let test = try TestWorkspace()
    let text = [
      "Crime Reference,Recorded Date,HO Offence Code,Victim Age",
      "LC-1,SW1A 2AA,8N,20", "LC-2,01/02/2025,07700 900123,20", "LC-3,01/02/2025,8N,20",
    ]
    let outcome = try ingest(test, "wrong-columns.csv", Self.csv(text), feed: "police-crimes")
    #expect(outcome.rowsLoaded == 1 && outcome.rowsRejected == 2)
    #expect(
      try test.strings("SELECT reason || ': ' || message FROM rejects ORDER BY line") == [
        "type-error: column 'Recorded Date': the value (8 characters: 2 letters, 1 digit, 1 "
          + "letter, a space, 1 digit, 2 letters) is not a date (expected dd/mm/yyyy)",
        // A code is described as compared: spaces and case do not count in a code.
        "unknown-code: column 'HO Offence Code': the value (11 digits) is not in the offences "
          + "reference table (load it with `made reference load offences`)",
      ])
    try expectStoredNowhere(["SW1A 2AA", "07700 900123"], in: test)
  }

  @Test func aNameInAYouthJusticeSexIsRejectedByItsShape() throws {
    let test = try TestWorkspace()
    let original = try String(
      contentsOf: Fixtures.url("feeds/yot-offences-small.csv"), encoding: .utf8)
    var lines = Array(original.components(separatedBy: "\r\n").prefix(3))
    lines[1] = lines[1].replacingOccurrences(of: ",M,", with: ",Jane Smith,")
    let outcome = try ingest(test, "name-in-sex.csv", Self.csv(lines), feed: "yot-offences")
    #expect(outcome.rowsRejected == 1 && outcome.rowsLoaded == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "column 'Sex': the value (10 characters: 4 letters, a space, 5 letters) is not allowed "
          + "(one of M, F, U)"
      ])
    try expectStoredNowhere(["Jane Smith"], in: test)
  }

  @Test func aRowCheckDoesNotQuoteTheNumbersItAdds() throws {
    let test = try TestWorkspace()
    let text = [
      "UPN,School URN,Academic Year,Term,Sessions Possible,Authorised Absence,Unauthorised Absence",
      "A123456789012,119002,2023/24,Autumn,140,9434765919,0",
      "A123456789012,119002,2023/24,Spring,120,4,0",
    ]
    let outcome = try ingest(test, "row-check.csv", Self.csv(text), feed: "school-absence")
    #expect(outcome.rowsLoaded == 1 && outcome.rowsRejected == 1)
    #expect(
      try test.strings("SELECT message FROM rejects") == [
        "'Authorised Absence' + 'Unauthorised Absence' is more than 'Sessions Possible' on "
          + "this row"
      ])
    try expectStoredNowhere(["9434765919"], in: test)
  }

  @Test func aHeaderCellThatLooksLikeDataIsRecordedByItsShape() throws {
    let test = try TestWorkspace()
    // A correct header with a stray cell pasted in: the extra column is ignored, and its
    // header cell (an NHS number, a date of birth) is not recorded as delivered.
    let text = [
      "Crime Reference,Recorded Date,HO Offence Code,9434765919,15/06/1990",
      "LC-1,01/02/2025,8N,,", "LC-2,01/02/2025,8N,,",
    ]
    let outcome = try ingest(test, "data-in-header.csv", Self.csv(text), feed: "police-crimes")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 2)
    let shown = ["[10 digits]", "[10 characters: 2 digits/2 digits/4 digits]"]
    #expect(outcome.ignoredColumns == shown)
    #expect(
      try test.strings("SELECT ignored_columns FROM files") == [shown.joined(separator: ", ")])
    try expectStoredNowhere(["9434765919", "15/06/1990"], in: test)
  }

  @Test func aFileWithoutAHeaderRowIsQuarantinedWithoutQuotingItsFirstRecord() throws {
    let test = try TestWorkspace()
    let text = ["LC-7,01/02/2025,8N,20", "LC-7,01/02/2025,8N,20"]
    let named = try ingest(test, "headerless.csv", Self.csv(text), feed: "police-crimes")
    let unnamed = try ingest(test, "headerless-2.csv", Self.csv(text + ["x"]), feed: nil)
    #expect(named.reason == .missingRequiredColumn && unnamed.reason == .unknownFeed)
    #expect(((try? test.count("SELECT count(*) FROM police_crimes")) ?? 0) == 0)
    for message in [named.message, unnamed.message] {
      #expect(message?.contains("LC-7") == false && message?.contains("01/02/2025") == false)
    }
    try expectStoredNowhere(["LC-7", "01/02/2025"], in: test)
  }

  // MARK: - 2. Identifier columns however their names are spelt

  @Test(arguments: [
    // The issue's.
    "NHS Num", "Patient ID", "NHS\u{200B}Number",
    // Others.
    "NHS_No", "N.H.S. Number", "nhs\u{200B}number", "ＮＨＳ Number", "PatientIdentifier",
    "D.O.B.", "Patient DoB", "N\u{041D}S Number", "\u{1D40D}\u{1D407}\u{1D412}",
    "Patient\u{00A0}No",
    "Fore\u{00AD}name", "SURNAME", "Hospital No.", "pt_id", "Address Line 1", "E-mail",
    "Mobile Number", "date\u{2060}of\u{2060}birth", "Birthdate", "MRN", "CHI Number",
    "patientnhsno", "Pätient ÍD",
  ])
  func refusesAnIdentifierColumnHoweverItsNameIsSpelt(_ column: String) throws {
    let test = try TestWorkspace()
    let text = [
      Self.aeHeader + ",\(column)", Self.aeRow() + ",x", Self.aeRow(site: "RXN02") + ",y",
    ]
    let outcome = try ingest(test, "refused.csv", Self.csv(text), feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: [])
    // Identified from the header alone, too.
    let unnamed = try ingest(test, "refused-2.csv", Self.csv(text + ["z"]), feed: nil)
    #expect(unnamed.reason == .identifierInHealthFeed, "\(column)")
  }

  @Test func allowsEveryNameOfTheFeedsOwnFieldsAndColumnsThatOnlyLookClose() throws {
    let feed = try FeedCatalog().feed(named: "ae-attendances")
    let names = feed.fields.flatMap { [$0.name] + $0.aliases }
    try IdentifierGuard(feed: feed).check(header: names)
    for name in [
      "ED Site Name", "Site Name", "Method Observed", "Receipt ID", "Hotel Name", "Dobson Ward",
      "Attendance Ref",
    ] {
      #expect(throws: Never.self, "\(name)") {
        try IdentifierGuard(feed: feed).check(header: [name])
      }
    }
  }

  // MARK: - 3. A column of NHS numbers, whatever its name

  /// A&E rows with one more column, `name`, holding `values` (one a row).
  static func aeWithColumn(_ name: String, _ values: [String]) -> Data {
    csv([aeHeader + ",\(name)"] + values.map { aeRow() + ",\($0)" })
  }

  @Test func anNHSNumberInPatientAgeRefusesTheHealthFile() throws {
    let test = try TestWorkspace()
    let text = [Self.aeHeader, Self.aeRow(), Self.aeRow(age: "4010232137")]
    let outcome = try ingest(test, "nhs-in-age.csv", Self.csv(text), feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: ["4010232137"])
    #expect(
      outcome.message?.contains(
        "line 3, column 9 'Patient Age' holds an NHS number (10 digits that pass") == true)
  }

  @Test(arguments: [
    ("Ref", "943 476 5919"), ("Attendance", "943-476-5919"), ("Notes", "\"  638 451 2092  \""),
    ("Code", "９４３４７６５９１９"), ("Other", "'4505577104"), ("Ref", "712\u{2009}349\u{2009}8763"),
  ])
  func anNHSNumberInAColumnOutsideTheSchemaRefusesTheHealthFile(_ name: String, _ value: String)
    throws
  {
    let test = try TestWorkspace()
    let data = Self.aeWithColumn(name, ["", value, ""])
    let outcome = try ingest(test, "nhs-in-\(name).csv", data, feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: [value, "9434765919", "6384512092", "4505577104"])
    #expect(outcome.message?.contains("line 3, column 13 '\(name)' holds an NHS number") == true)
  }

  @Test func anNHSNumberInAFieldThatIsNotStoredRefusesTheHealthFile() throws {
    let test = try TestWorkspace()
    let text = [Self.aeHeader, Self.aeRow(method: "450-557-7104")]
    let outcome = try ingest(test, "nhs-in-method.csv", Self.csv(text), feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: ["450-557-7104", "4505577104"])
  }

  @Test func anNHSNumberSpacedWithWindows1252NoBreakSpacesRefusesTheHealthFile() throws {
    let test = try TestWorkspace()
    // "Zoë" makes the file Windows-1252 (0xEB); the number is spaced with 0xA0 bytes.
    var data = Data((Self.aeHeader + ",Ref,Note\r\n" + Self.aeRow() + ",943").utf8)
    data.append(contentsOf: [0xA0] + Array("476".utf8) + [0xA0] + Array("5919,Zo".utf8))
    data.append(contentsOf: [0xEB] + Array("\r\n".utf8))
    let outcome = try ingest(test, "cp1252.csv", data, feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: ["5919"])
  }

  @Test func anNHSNumberDeepInALargeFileRollsBackTheRowsAlreadyWritten() throws {
    let test = try TestWorkspace()
    // Past the first batch of rows handed to the writer (4,096), so some rows are written
    // inside the transaction before the number is found.
    let rows = (0..<6000).map { "\($0)" } + ["9434765919"]
    let outcome = try ingest(
      test, "large.csv", Self.aeWithColumn("Attendance Ref", rows), feed: "ae-attendances")
    try expectRefused(outcome, test, secrets: ["9434765919"])
    #expect(outcome.message?.contains("line 6002,") == true)
  }

  @Test func aFileWithoutAHeaderRowWhoseFirstLineHoldsAnNHSNumberIsRefused() throws {
    let test = try TestWorkspace()
    let text = [Self.aeRow() + ",9434765919", Self.aeRow() + ",4010232137"]
    for feed in ["ae-attendances", nil] {
      let outcome = try ingest(test, "headerless.csv", Self.csv(text), feed: feed)
      #expect(outcome.reason == .identifierInHealthFeed)
      #expect(outcome.message?.contains("column 13 '[10 digits]' of the first line") == true)
    }
    try expectStoredNowhere(["9434765919", "4010232137", "RXN01"], in: test)
  }

  @Test func tenDigitNumbersThatFailTheCheckLoadAsAnIgnoredColumn() throws {
    let test = try TestWorkspace()
    // A wrong check digit, and nine digits whose check digit would be 10.
    let data = Self.aeWithColumn("Attendance Ref", ["9434765910", "1000000019", "943 476 591"])
    let outcome = try ingest(test, "refs.csv", data, feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 3 && outcome.rowsRejected == 0)
    #expect(outcome.ignoredColumns == ["Attendance Ref"])
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 3)
    try expectStoredNowhere(["9434765910", "1000000019"], in: test)
  }

  @Test func aNonHealthFeedDoesNotRefuseTenDigitValues() throws {
    let test = try TestWorkspace()
    let text = [
      "Crime Reference,Recorded Date,HO Offence Code,Force Ref", "LC-1,01/02/2025,8N,9434765919",
    ]
    let outcome = try ingest(test, "police.csv", Self.csv(text), feed: "police-crimes")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 1)
    try expectStoredNowhere(["9434765919"], in: test)
  }

  @Test func aRefusedFileInTheInboxIsDeletedAndOnlyItsNoteKept() throws {
    let test = try TestWorkspace()
    let inbox = test.workspace.inbox.appendingPathComponent("ae-attendances")
    try Self.aeWithColumn("Ref", ["", "943 476 5919"]).write(
      to: inbox.appendingPathComponent("extract.csv"))
    let outcome = try test.pipeline.ingest(paths: [], feed: nil)[0]
    #expect(outcome.reason == .identifierInHealthFeed)
    let quarantine = test.workspace.quarantine.appendingPathComponent("ae-attendances")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: quarantine.path) == [
        "extract.csv.reason.txt"
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
    let note = try String(
      contentsOf: quarantine.appendingPathComponent("extract.csv.reason.txt"), encoding: .utf8)
    #expect(note.contains("identifier-in-health-feed") && !note.contains("5919"))
    try expectRefused(outcome, test, secrets: ["5919"])
  }

  // MARK: - Everywhere at once: the warehouse, the notes and what the commands print

  @Test func noPlantedIdentifierReachesTheWarehouseTheNotesOrTheTerminal() throws {
    let test = try TestWorkspace()
    let inbox = test.workspace.inbox
    func deliver(_ feed: String, _ name: String, _ data: Data) throws {
      try data.write(to: inbox.appendingPathComponent(feed).appendingPathComponent(name))
    }
    try deliver(
      "ae-attendances", "values.csv",
      Self.csv([Self.aeHeader, Self.aeRow(), Self.aeRow(sex: "15/06/1990")]))
    try deliver("ae-attendances", "nhs-column.csv", Self.aeWithColumn("Ref", ["4010232137"]))
    try deliver(
      "ae-attendances", "nhs-header.csv", Self.aeWithColumn("N.H.S.\u{200B}Num", ["x"]))
    try deliver(
      "police-crimes", "police.csv",
      Self.csv([
        "Crime Reference,Recorded Date,HO Offence Code,Victim Age,9434765919",
        "LC-1,01/02/2025,8N,6384512092,", "LC-2,SW1A 2AA,8N,20,",
      ]))
    try deliver(
      "school-suspensions", "school.csv",
      Self.csv([
        "School URN,UPN,Date of Birth,Sex,Home Postcode,Type,Start Date,Sessions,Reason Code",
        "Z987654321098,A123456789012,03/09/2010,M,WN1 1AA,Suspension,12/03/2024,2,PP",
        "119002,B223456789012,14/11/2010,jo@example.com,,Suspension,13/03/2024,1.5,VA",
      ]))
    let root = test.root.path
    var printed = ""
    let ingest = try runMade(["ingest", "--workspace", root])
    printed += ingest.out + ingest.err
    for fileID in try test.strings("SELECT file_id FROM files WHERE rows_rejected > 0") {
      for format in [[], ["--csv"]] {
        let rejects = try runMade(["rejects", "--file", fileID, "--workspace", root] + format)
        #expect(rejects.status == 0)
        printed += rejects.out + rejects.err
      }
    }
    for command in [["rejects"], ["status"]] {
      let run = try runMade(command + ["--workspace", root])
      printed += run.out + run.err
    }
    #expect(try test.count("SELECT count(*) FROM rejects") == 5)
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 1)
    #expect(
      try test.strings(
        "SELECT original_name || ' ' || coalesce(reason, status) FROM files ORDER BY original_name"
      ) == [
        "nhs-column.csv identifier-in-health-feed", "nhs-header.csv identifier-in-health-feed",
        "police.csv loaded", "school.csv loaded", "values.csv loaded",
      ])

    var notes = ""
    let quarantine = test.workspace.quarantine.path
    for path in FileManager.default.subpaths(atPath: quarantine) ?? [] {
      let url = URL(fileURLWithPath: quarantine).appendingPathComponent(path)
      if let text = try? String(contentsOf: url, encoding: .utf8) { notes += text }
    }
    #expect(notes.contains("identifier-in-health-feed"))
    let bytes = warehouseBytes(test.workspace.warehouseURL)
    for secret in [
      "15/06/1990", "4010232137", "9434765919", "6384512092", "SW1A 2AA", "Z987654321098",
      "jo@example.com", "A123456789012", "B223456789012", "03/09/2010",
    ] {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in the warehouse")
      #expect(!notes.contains(secret), "\(secret) in a note")
      #expect(!printed.contains(secret), "\(secret) printed")
    }
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  // MARK: - Round 2, 1. An NHS number as a spreadsheet or a person writes it

  @Test(arguments: [
    // The issue's.
    "943.476.5919", "9434765919.0", "9.434765919E9", "9.434765919E+09", "0009434765919",
    "NHS 9434765919",
    // Others.
    "nhs:9434765919", "NHS No. 943 476 5919", "'Nhs Number - 943-476-5919", "9434765919.00",
    "9.434765919e9", "\"9,434,765,919\"", "000 943 476 5919", "94.34765919E+8",
    "9.4347659190E9",
  ])
  func anNHSNumberWrittenAsASpreadsheetOrAPersonWritesItRefusesTheHealthFile(_ value: String)
    throws
  {
    let test = try TestWorkspace()
    let data = Self.aeWithColumn("Ref", ["", value, ""])
    let outcome = try ingest(test, "nhs-written.csv", data, feed: "ae-attendances")
    let unquoted = value.replacingOccurrences(of: "\"", with: "")
    try expectRefused(outcome, test, secrets: [unquoted, "9434765919", "4765919"])
    #expect(outcome.message?.contains("line 3, column 13 'Ref' holds an NHS number") == true)
  }

  @Test(arguments: [
    "9434765910.0",  // the check digit is wrong
    "9434765919.5",  // a fraction that is not zeros: not a whole number
    "9434.765919",  // dots that are a decimal point, not the 3-3-4 grouping
    "943.4765919",
    "9.434765919",  // a decimal without an exponent
    "9.434765919E8",  // 943476591.9
    "9.434765919E10",  // eleven digits
    "000943476591",  // nine significant digits, padded
    "94347659190",  // eleven digits, the first not a zero
    "\"94,34,765,919\"",  // commas that are not thousands separators
    "NHSX 9434765919",  // a word that is not the prefix
    "9.434765919E-9",
  ])
  func aValueThatOnlyLooksLikeAWrittenNHSNumberLoadsAsAnIgnoredColumn(_ value: String) throws {
    let test = try TestWorkspace()
    let data = Self.aeWithColumn("Attendance Ref", ["", value, ""])
    let outcome = try ingest(test, "refs.csv", data, feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 3 && outcome.rowsRejected == 0)
    #expect(outcome.ignoredColumns == ["Attendance Ref"])
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 3)
    try expectStoredNowhere([value.replacingOccurrences(of: "\"", with: "")], in: test)
  }

  // MARK: - Round 2, 2 and 3. A workspace schema that would store identifiers or postcodes

  /// A workspace with one good A&E file of two records loaded.
  func loadedAE() throws -> TestWorkspace {
    let test = try TestWorkspace()
    let outcome = try ingest(
      test, "good.csv", Self.csv([Self.aeHeader, Self.aeRow(), Self.aeRow(site: "RXN02")]),
      feed: "ae-attendances")
    #expect(outcome.status == .loaded && outcome.rowsLoaded == 2)
    return test
  }

  /// Writes the workspace schema `<name>.schema.json`: the built-in `feed` changed by
  /// `change`.
  func writeSchema(
    _ test: TestWorkspace, _ name: String, from feed: String,
    _ change: (inout [String: Any]) throws -> Void
  ) throws {
    let builtIn = try #require(FeedCatalog.builtIn.first { $0.name == feed }.map { Data($0.json) })
    var schema = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
    try change(&schema)
    let folder = test.workspace.schemaOverrides
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: schema).write(
      to: folder.appendingPathComponent("\(name).schema.json"))
  }

  /// Changes the field `name` of a decoded schema.
  static func changeField(
    _ name: String, in schema: inout [String: Any], _ change: (inout [String: Any]) -> Void
  ) throws {
    var fields = try #require(schema["fields"] as? [[String: Any]])
    let index = try #require(fields.firstIndex { $0["name"] as? String == name })
    change(&fields[index])
    schema["fields"] = fields
  }

  /// An extra stored field "Ref" (the bare NHS numbers of the schema).
  static func addRefField(_ schema: inout [String: Any]) {
    var fields = schema["fields"] as? [[String: Any]] ?? []
    fields.append(["name": "Ref", "column": "ref", "type": "string"])
    schema["fields"] = fields
  }

  /// Ingesting `data` as `feed` is refused as a configuration error naming `expected`; the
  /// warehouse keeps its one file and two records, and `made verify` passes.
  func expectSchemaRefused(
    _ test: TestWorkspace, feed: String, _ data: Data, expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let path = try test.temporaryFile("next.csv", contents: data)
    let error = try #require(throws: ConfigurationError.self, sourceLocation: sourceLocation) {
      try Pipeline(workspace: test.workspace).ingest(paths: [path], feed: feed)
    }
    #expect(error.description.contains(expected), "\(error)", sourceLocation: sourceLocation)
    #expect(try test.count("SELECT count(*) FROM files") == 1, sourceLocation: sourceLocation)
    #expect(
      try test.count("SELECT count(*) FROM ae_attendances") == 2, sourceLocation: sourceLocation)
    try expectStoredNowhere(["9434765919"], in: test)
  }

  static let healthFeedRefused = "is a health feed: its refusedColumns must keep an entry"

  @Test func aHealthSchemaWithoutRefusedColumnsIsRefused() throws {
    let test = try loadedAE()
    try writeSchema(test, "ae-attendances", from: "ae-attendances") {
      $0["refusedColumns"] = nil
      Self.addRefField(&$0)
    }
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.aeWithColumn("Ref", ["9434765919"]),
      expected: "feed ae-attendances " + Self.healthFeedRefused)
  }

  @Test func aHealthSchemaWhoseNHSNumberColumnNoLongerSaysValuesLikeIsRefused() throws {
    let test = try loadedAE()
    try writeSchema(test, "ae-attendances", from: "ae-attendances") { schema in
      var refused = schema["refusedColumns"] as? [[String: Any]] ?? []
      for index in refused.indices { refused[index]["valuesLike"] = nil }
      schema["refusedColumns"] = refused
      Self.addRefField(&schema)
    }
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.aeWithColumn("Ref", ["9434765919"]),
      expected: Self.healthFeedRefused)
  }

  @Test(arguments: ["Health", " HEALTH "])
  func aHealthSchemaSpellingItsPartnerTypeDifferentlyIsStillAHealthFeed(_ partnerType: String)
    throws
  {
    let test = try loadedAE()
    try writeSchema(test, "ae-attendances", from: "ae-attendances") {
      $0["partnerType"] = partnerType
      $0["refusedColumns"] = []
      Self.addRefField(&$0)
    }
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.aeWithColumn("Ref", ["9434765919"]),
      expected: Self.healthFeedRefused)
  }

  @Test func aNewWorkspaceHealthFeedWithoutRefusedColumnsIsRefused() throws {
    let test = try loadedAE()
    try writeSchema(test, "gp-assaults", from: "ae-attendances") {
      $0["name"] = "gp-assaults"
      $0["table"] = "gp_assaults"
      $0["refusedColumns"] = nil
      Self.addRefField(&$0)
    }
    // Refused whichever feed is ingested: the workspace's schemas are read together.
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.aeWithColumn("Ref", ["9434765919"]),
      expected: "feed gp-assaults " + Self.healthFeedRefused)
  }

  @Test func aHealthSchemaThatKeepsTheNHSNumberEntryRefusesAStoredFieldOfNHSNumbers() throws {
    let test = try loadedAE()
    try writeSchema(test, "ae-attendances", from: "ae-attendances") { Self.addRefField(&$0) }
    let path = try test.temporaryFile(
      "next.csv", contents: Self.aeWithColumn("Ref", ["", "NHS 943 476 5919"]))
    let outcome = try Pipeline(workspace: test.workspace).ingest(
      paths: [path], feed: "ae-attendances")[0]
    #expect(outcome.status == .quarantined && outcome.reason == .identifierInHealthFeed)
    #expect(try test.count("SELECT count(*) FROM ae_attendances") == 2)
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'quarantined'") == 1)
    try expectStoredNowhere(["9434765919", "943 476 5919"], in: test)
  }

  @Test(arguments: [
    ("ae-attendances", "Home Postcode", true), ("ae-attendances", "Home Postcode", nil),
    ("police-crimes", "Offence Postcode", true), ("yot-offences", "Home Postcode", nil),
  ])
  func aSchemaThatStoresAPostcodeIsRefused(_ feed: String, _ field: String, _ store: Bool?)
    throws
  {
    let test = try loadedAE()
    try writeSchema(test, feed, from: feed) {
      try Self.changeField(field, in: &$0) { $0["store"] = store }
    }
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.csv([Self.aeHeader, Self.aeRow(site: "RXN03")]),
      expected: "feed \(feed): '\(field)' is a postcode: it must have \"store\": false")
  }

  @Test func aPostcodeFieldOutsideTheGeographyRulesIsNotStoredEither() throws {
    let test = try loadedAE()
    try writeSchema(test, "ae-attendances", from: "ae-attendances") { schema in
      var fields = schema["fields"] as? [[String: Any]] ?? []
      fields.append([
        "name": "Work Postcode", "column": "work_postcode", "type": "string", "role": "postcode",
      ])
      schema["fields"] = fields
    }
    try expectSchemaRefused(
      test, feed: "ae-attendances", Self.csv([Self.aeHeader, Self.aeRow(site: "RXN03")]),
      expected: "'Work Postcode' is a postcode")
  }

  @Test func noBuiltInSchemaStoresAPostcodeAndEveryHealthFeedRefusesNHSNumbers() throws {
    let feeds = try FeedCatalog().names.map { try FeedCatalog().feed(named: $0) }
    #expect(feeds.contains { $0.isHealthFeed })
    for feed in feeds {
      try feed.check()
      for field in feed.fields where field.role == .postcode {
        #expect(field.store == false && !field.isStored, "\(feed.name): \(field.name)")
      }
      if feed.isHealthFeed {
        #expect(IdentifierGuard(feed: feed).refusesNHSNumbers, "\(feed.name)")
      }
    }
  }
}

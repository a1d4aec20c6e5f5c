import Foundation
import Testing

@testable import MADE

/// Every CSV case a partner's file can present, each through the whole ingest path.
@Suite struct DeliveredFileCasesTests {
  func records(_ test: TestWorkspace) throws -> Int {
    try test.count("SELECT count(*) FROM police_uk_street")
  }

  @Test func loadsAFileWithAByteOrderMarkAndCRLF() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/bom-and-crlf.csv")
    #expect(outcome.status == .loaded)
    #expect(outcome.rowsLoaded == 3)
    #expect(try test.strings("SELECT DISTINCT month FROM police_uk_street") == ["2025-01"])
  }

  @Test func loadsAFileWithLFLineEnds() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("csv/lf-only.csv").rowsLoaded == 3)
  }

  @Test func keepsQuotedCommasQuotesAndNewlinesAndCountsLinesAsAnEditorDoes() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/quoted-commas-quotes-newlines.csv")
    #expect(outcome.rowsLoaded == 3)
    #expect(
      try test.strings("SELECT location FROM police_uk_street ORDER BY line") == [
        "On or near Mill Lane, Bridge End", "On or near \"The Crescent\"",
        "On or near Line One\r\nLine Two",
      ])
    #expect(try test.rejectLines(outcome) == ["line 6, Month: type-error"])
    #expect(try test.strings("SELECT line FROM police_uk_street ORDER BY line") == ["2", "3", "4"])
  }

  @Test func decodesAWindows1252FileAndRecordsItsEncoding() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/cp1252-names.csv")
    #expect(outcome.rowsLoaded == 2)
    #expect(
      try test.strings("SELECT location FROM police_uk_street WHERE line = 2") == [
        "On or near Café Row – East"
      ])
    #expect(
      try test.strings("SELECT encoding FROM files WHERE file_id = \(outcome.fileID!)") == [
        "windows-1252"
      ])
  }

  @Test func streamsAGzipFile() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/police-uk-2000-rows.csv.gz")
    #expect(outcome.status == .loaded)
    #expect(outcome.rowsLoaded == 2000)
    #expect(
      try test.strings("SELECT compression FROM files WHERE file_id = \(outcome.fileID!)") == [
        "gzip"
      ])
  }

  @Test func matchesHeadersInAnyOrderAndCaseAndReportsExtraColumns() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/headers-any-order-and-case.csv")
    #expect(outcome.rowsLoaded == 2)
    #expect(outcome.ignoredColumns == ["Extra Notes"])
    #expect(
      try test.strings("SELECT DISTINCT crime_type, lsoa_code, ward_code FROM police_uk_street")
        == ["Violence and sexual offences|E01900001|E05900001"])
    #expect(
      try test.strings("SELECT ignored_columns FROM files WHERE file_id = \(outcome.fileID!)")
        == ["Extra Notes"])
  }

  @Test func rejectsRowsWithTooManyOrTooFewFields() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/wrong-field-count.csv")
    #expect(outcome.rowsRead == 4)
    #expect(outcome.rowsLoaded == 2)
    #expect(
      try test.rejectLines(outcome) == ["line 3: wrong-field-count", "line 4: wrong-field-count"])
  }

  @Test func rejectsTheRecordWhoseQuoteIsLeftOpenAndLoadsTheRest() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/unterminated-quote-at-eof.csv")
    #expect(outcome.rowsLoaded == 2)
    #expect(try test.rejectLines(outcome) == ["line 4: unterminated-quote"])
  }

  @Test func rejectsARowWithANulByte() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/nul-byte.csv")
    #expect(outcome.rowsLoaded == 2)
    #expect(try test.rejectLines(outcome) == ["line 3, Location: nul-byte"])
  }

  @Test func rejectsARowWithAFieldOverTheLimit() throws {
    var config = Config.default
    config.ingest.maxFieldBytes = 4096
    let test = try TestWorkspace(config: config)
    try config.commentedTOML().write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    let huge = String(repeating: "x", count: 3_000_000)
    let text = [
      PoliceUKRows.header, PoliceUKRows.row(1), PoliceUKRows.row(2, location: huge),
      PoliceUKRows.row(3),
    ].joined(separator: "\r\n")
    let path = try test.temporaryFile("huge.csv", contents: Data(text.utf8))
    let outcome = try TestWorkspace.ingest(path, into: test)
    #expect(outcome.rowsLoaded == 2)
    #expect(try test.rejectLines(outcome) == ["line 3, Location: field-too-large"])
  }

  @Test(arguments: [
    ("csv/empty.csv", ReasonCode.emptyFile),
    ("csv/header-only.csv", .noDataRows),
    ("csv/binary-junk.csv", .binaryFile),
    ("csv/truncated.csv.gz", .truncatedGzip),
    ("csv/missing-required-column.csv", .missingRequiredColumn),
  ])
  func quarantinesAFileThatCannotBeLoadedAndLoadsNothing(fixture: String, reason: ReasonCode)
    throws
  {
    let test = try TestWorkspace()
    let outcome = try test.ingest(fixture)
    #expect(outcome.status == .quarantined)
    #expect(outcome.reason == reason)
    #expect(((try? test.count("SELECT count(*) FROM police_uk_street")) ?? 0) == 0)
    #expect(try test.count("SELECT count(*) FROM rejects") == 0)
    #expect(
      try test.strings("SELECT status, reason FROM files") == ["quarantined|\(reason.rawValue)"])
  }

  @Test func namesTheMissingColumnAndTheAliasesTried() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/missing-required-column.csv")
    let message = try #require(outcome.message)
    #expect(message.contains("required column 'Crime type' is missing"))
    #expect(message.contains("aliases tried: none"))
    let crimes = try test.ingest("feeds/police-crimes-small.csv", feed: "police-uk")
    #expect(crimes.message?.contains("'Crime ID'") == false)
    #expect(crimes.message?.contains("required column 'Month' is missing") == true)
  }

  @Test func namesAliasesForAPoliceCrimesColumn() throws {
    let test = try TestWorkspace()
    let text = "Recorded Date,HO Offence Code\r\n01/01/2025,8N\r\n"
    let path = try test.temporaryFile("no-ref.csv", contents: Data(text.utf8))
    let outcome = try test.ingest(path, feed: "police-crimes")
    #expect(outcome.reason == .missingRequiredColumn)
    #expect(
      outcome.message?.contains(
        "required column 'Crime Reference' is missing (aliases tried: crime_ref, CrimeRef, "
          + "Crime Ref, Crime Number, URN)") == true)
  }
}

extension TestWorkspace {
  /// Ingests with the workspace's current made.toml (re-read).
  static func ingest(_ path: String, into test: TestWorkspace) throws -> FileOutcome {
    try Pipeline(workspace: test.workspace).ingest(paths: [path], feed: "police-uk")[0]
  }
}

/// More ways a delivery can be awkward: compressed quirks, encodings, headers.
@Suite struct MoreDeliveredFileCasesTests {
  @Test func readsAByteOrderMarkInsideAGzipFile() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("csv/bom-inside.csv.gz").rowsLoaded == 3)
  }

  @Test func skipsZeroPaddingAfterTheGzipStream() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("csv/zero-padded.csv.gz").rowsLoaded == 3)
  }

  @Test func readsEveryMemberOfAMultiMemberGzipFile() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("csv/two-members.csv.gz").rowsLoaded == 4)
  }

  @Test(arguments: [
    ("csv/corrupt.csv.gz", ReasonCode.corruptGzip),
    ("csv/blank-lines-only.csv", .emptyFile),
    ("csv/duplicate-column.csv", .duplicateColumn),
    ("csv/utf16.csv", .binaryFile),
  ])
  func quarantinesWithTheRightReason(fixture: String, reason: ReasonCode) throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest(fixture)
    #expect(outcome.status == .quarantined)
    #expect(outcome.reason == reason)
  }

  @Test func saysHowToFixAUTF16File() throws {
    let test = try TestWorkspace()
    #expect(try test.ingest("csv/utf16.csv").message?.contains("save it as 'CSV UTF-8'") == true)
  }

  @Test(arguments: [
    (
      "csv/xlsx-inside.csv.gz",
      "a gzip holding a zip archive or an Excel workbook (.xlsx): export the sheet as CSV"
    ),
    ("csv/pdf-inside.csv.gz", "a gzip holding a PDF document, not CSV"),
  ])
  func saysWhatBinaryFileAGzipHolds(fixture: String, explanation: String) throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest(fixture)
    #expect(outcome.status == .quarantined)
    #expect(outcome.reason == .binaryFile)
    let name = URL(fileURLWithPath: fixture).lastPathComponent
    #expect(outcome.message == "\(name): \(explanation)")
    #expect(try test.strings("SELECT compression, reason FROM files") == ["gzip|binary-file"])
  }

  @Test func namesTheNearestFeedWhenAHeaderFitsNone() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("csv/unknown-feed.csv", feed: nil)
    #expect(outcome.reason == .unknownFeed)
    #expect(
      outcome.message?.contains(
        "nearest is police-crimes, but required column 'HO Offence Code' is missing") == true)
  }

  @Test func identifiesTheFeedFromTheHeaderWhenNoneIsGiven() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/police-crimes-small.csv", feed: nil)
    #expect(outcome.feed == "police-crimes")
    #expect(outcome.rowsLoaded == 6)
  }

  @Test func rollsBackEveryBatchAlreadyWrittenWhenTheGzipTurnsOutTruncated() throws {
    let test = try TestWorkspace()
    var pipeline = test.pipeline
    pipeline.batchRows = 500
    let outcome = try pipeline.ingest(
      paths: [Fixtures.url("csv/truncated-large.csv.gz").path], feed: "police-uk")[0]
    #expect(outcome.reason == .truncatedGzip)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 0)
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'loaded'") == 0)
  }

  @Test func explainsWhichLinesAnUnclosedQuoteSwallowed() throws {
    let test = try TestWorkspace()
    let text = [
      PoliceUKRows.header, PoliceUKRows.row(1), PoliceUKRows.row(2, location: "\"Open"),
      PoliceUKRows.row(3), PoliceUKRows.row(4),
    ].joined(separator: "\r\n")
    for (name, ending) in [("open.csv", ""), ("open-crlf.csv", "\r\n")] {
      let path = try test.temporaryFile(name, contents: Data((text + ending).utf8))
      let outcome = try test.ingest(path)
      #expect(outcome.rowsLoaded == 1)
      #expect(
        try test.strings("SELECT message FROM rejects WHERE file_id = \(outcome.fileID!)").first?
          .contains("lines 3–5 (3 lines") == true, "\(name)")
    }
  }

  @Test func leavesAFileInPlaceWhenTheWorkspaceIsNotReadyAndLoadsTheOthers() throws {
    let test = try TestWorkspace()
    try FileManager.default.removeItem(at: test.workspace.keyURL)
    let outcomes = try test.pipeline.ingest(
      paths: [
        Fixtures.url("feeds/police-crimes-small.csv").path,
        Fixtures.url("feeds/police-uk-quirks.csv").path,
      ], feed: nil)
    #expect(outcomes.map(\.status) == [.notLoaded, .loaded])
    #expect(outcomes[0].message?.contains("no key") == true)
  }
}

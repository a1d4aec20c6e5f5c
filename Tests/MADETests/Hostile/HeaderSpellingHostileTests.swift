import Foundation
import Testing

@testable import MADE

/// Header names spelt with Unicode spaces, invisible characters or full-width letters are the
/// same column: an optional column (the postcode) that went unmatched was dropped without a
/// word, and every record was left unplaced.
@Suite struct HeaderSpellingHostileTests {
  @Test(arguments: [
    "Offence\u{200B}Postcode", "Offence\u{00A0}Postcode", "\u{FEFF}Offence Postcode",
    "Ｏｆｆｅｎｃｅ Ｐｏｓｔｃｏｄｅ", "Offence\u{2060}Post\u{00AD}code", "OFFENCE\u{3000}POSTCODE",
  ])
  func aPostcodeColumnSpeltWithInvisibleOrWideCharactersStillPlacesRecords(header: String) throws {
    let test = try TestWorkspace()
    let text = try String(
      contentsOf: Fixtures.url("feeds/police-crimes-small.csv"), encoding: .utf8)
    let renamed = text.replacingOccurrences(of: "Offence Postcode", with: header)
    #expect(renamed != text)
    let outcome = try test.ingest(
      try test.temporaryFile("renamed.csv", contents: Data(renamed.utf8)), feed: "police-crimes")
    #expect(outcome.rowsLoaded == 6)
    #expect(outcome.ignoredColumns.isEmpty)
    #expect(
      try test.count("SELECT count(*) FROM police_crimes WHERE geo_method = 'postcode'") == 4)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func aRequiredColumnSpeltWithAZeroWidthSpaceIsFound() throws {
    let test = try TestWorkspace()
    let text = try String(
      contentsOf: Fixtures.url("feeds/police-crimes-small.csv"), encoding: .utf8)
    let renamed = text.replacingOccurrences(
      of: "Crime Reference", with: "Crime\u{200B} Reference\u{00A0}")
    let outcome = try test.ingest(
      try test.temporaryFile("renamed.csv", contents: Data(renamed.utf8)), feed: "police-crimes")
    #expect(outcome.status == .loaded)
    #expect(outcome.rowsLoaded == 6)
  }
}

import Foundation
import Testing

@testable import MADE

@Suite struct HeaderNameTests {
  @Test(arguments: [
    ("NHS Number", ["nhs", "number"]),
    ("PatientIdentifier", ["patient", "identifier"]),
    ("PatientID", ["patient", "id"]),
    ("DOBDate", ["dob", "date"]),
    ("Address1", ["address", "1"]),
    ("N.H.S. No", ["n", "h", "s", "no"]),
    ("nhs\u{200B}number", ["nhsnumber"]),
    ("ＮＨＳ Number", ["nhs", "number"]),
    ("N\u{041D}S Number", ["nhs", "number"]),
    ("\u{1D40D}\u{1D407}\u{1D412} no", ["nhs", "no"]),
    ("Pätient\u{00A0}ID", ["patient", "id"]),
    ("Fore\u{00AD}name", ["forename"]),
  ])
  func readsAHeaderCellAsLowerCaseLatinWords(_ cell: String, _ words: [String]) {
    #expect(HeaderName(cell).words == words)
  }

  @Test func findsAShortNameAcrossWholeWordsOnly() {
    #expect(HeaderName("Patient D.O.B.").hasWords("dob"))
    #expect(HeaderName("Patient DoB").hasWords("dob"))
    #expect(HeaderName("Pt MRN").hasWords("mrn"))
    #expect(!HeaderName("Method Observed").hasWords("dob"))
    #expect(!HeaderName("Receipt ID").hasWords("ptid"))
  }

  @Test func showsAHeaderThatLooksLikeARecordByTheShapeOfEachCell() {
    #expect(
      HeaderCells.shown(["Crime Reference", "Extra Notes"]) == ["Crime Reference", "Extra Notes"])
    #expect(
      HeaderCells.shown(["LC-1", "15/06/1990", "Jane Smith"]) == [
        "[4 characters: 2 letters-1 digit]", "[10 characters: 2 digits/2 digits/4 digits]",
        "[10 characters: 4 letters, a space, 5 letters]",
      ])
    #expect(
      HeaderCells.shown(["Crime Reference", "PR1 8XB"])[1]
        == "[7 characters: 2 letters, 1 digit, a space, 1 digit, 2 letters]")
    #expect(HeaderCells.looksLikeData("jo@example.com"))
    #expect(!HeaderCells.looksLikeData("LSOA11CD"))
  }
}

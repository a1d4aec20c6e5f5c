import Foundation
import Testing

@testable import MADE

/// `made rejects`: a delivery's rejected rows, fit to send back to the partner.
@Suite struct RejectReportTests {
  @Test func listsAFilesRejectedRowsWithoutTheDateOfBirth() throws {
    let test = try TestWorkspace()
    let outcome = try test.ingest("feeds/yot-offences-small.csv", feed: "yot-offences")
    let files = try RejectReport.files(in: test.workspace)
    #expect(files.map(\.fileID) == [outcome.fileID!])
    #expect(files.first?.rowsRejected == 1)
    let rows = try RejectReport.rows(fileID: outcome.fileID!, in: test.workspace)
    #expect(
      rows.map { "\($0.line) \($0.column) \($0.reason)" } == ["6 Date of Birth constraint-error"])
    let csv = RejectReport.csv(rows)
    #expect(csv.hasPrefix("line,column,reason,message\r\n6,Date of Birth,constraint-error,"))
    // Neither the row's case ID nor its date of birth is quoted back.
    let fixture = try String(
      contentsOf: Fixtures.url("feeds/yot-offences-small.csv"), encoding: .utf8)
    let line6 = fixture.replacingOccurrences(of: "\r", with: "").split(separator: "\n")[5]
    let fields = line6.split(separator: ",")
    #expect(fields[0] == "YC-00999" && fields[1] == "01/01/2025")
    #expect(!csv.contains(fields[0]) && !csv.contains(fields[1]))
  }

  @Test func escapesTextThatASpreadsheetWouldRun() {
    let csv = RejectReport.csv([
      RejectReport.Row(line: 2, column: "=cmd", reason: "type-error", message: "+1, or -1")
    ])
    #expect(csv.contains("2,'=cmd,type-error,\"'+1, or -1\""))
  }

  @Test func namesAFileThatDoesNotExist() throws {
    let test = try TestWorkspace()
    #expect {
      try RejectReport.rows(fileID: 999, in: test.workspace)
    } throws: { "\($0)".contains("there is no file 999") }
  }
}

import Testing

@testable import MADE

/// `CodeTable`: the cell scan's lookup of a row's district and ward by their bytes.
@Suite struct CodeTableTests {
  func lookUp(_ table: CodeTable, _ text: String) -> Int? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { table.value(of: UnsafeBufferPointer($0)) }
  }

  @Test func findsEveryCodeOfAnyLengthAndNothingElse() {
    var codes: [String: Int] = [
      "": 0, "E": 1, "E0590000": 2, "E05900001": 3, "E05900001E059000": 4,
      "E05900001E0590001": 5, "Bénéfice": 6, "E05900001 ": 7,
    ]
    // Enough codes for probes to run into each other.
    for number in 0..<500 { codes["E0\(7_000_000 + number)"] = 100 + number }
    let table = CodeTable(codes)
    for (code, value) in codes { #expect(lookUp(table, code) == value, "\(code)") }
    for absent in [
      "e05900001", "E059000010", "E0590000 ", "E05900001E059000X", "Be\u{301}ne\u{301}fice",
      "E07000500x", " E05900001",
    ] {
      #expect(lookUp(table, absent) == nil, "\(absent)")
    }
  }
}

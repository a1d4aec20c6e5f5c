import Foundation
import Testing

@testable import MADE

/// `MADEExitCode`, `made --help` and the README's list say the same about every exit code.
@Suite struct ExitCodeDocumentationTests {
  /// `code meaning` with runs of white space made one space, so that wrapping does not count.
  static func flattened(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The README's list under "Exit codes": one `- \`N\` meaning` item per code, an item's
  /// continuation lines indented.
  static func readmeExitCodes() throws -> [(code: Int32, meaning: String)] {
    // Tests/MADETests/Errors/this file → the package root.
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("README.md")
    let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasPrefix("Exit codes") })
    var items: [String] = []
    for line in lines[(start + 1)...] {
      if line.hasPrefix("- ") {
        items.append(String(line.dropFirst(2)))
      } else if line.hasPrefix("  "), !items.isEmpty {
        items[items.count - 1] += " " + line
      } else if !items.isEmpty {
        break
      }
    }
    return try items.map { item in
      let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
      let code = try #require(Int32(parts[0].trimmingCharacters(in: ["`"])))
      return (code, flattened(parts.count > 1 ? parts[1] : ""))
    }
  }

  @Test func theEnumNumbersTheCodesFromZeroWithoutGaps() {
    #expect(MADEExitCode.allCases.map(\.rawValue) == Array(0...5))
    #expect(Set(MADEExitCode.allCases.map(\.meaning)).count == MADEExitCode.allCases.count)
  }

  @Test func theReadmeListsEveryCodeWithTheEnumsMeaningAndNoOther() throws {
    let listed = try Self.readmeExitCodes()
    #expect(listed.map(\.code) == MADEExitCode.allCases.map(\.rawValue))
    for (code, meaning) in listed {
      #expect(meaning == MADEExitCode(rawValue: code)?.meaning)
    }
  }

  @Test func madeHelpListsEveryCodeWithTheEnumsMeaning() throws {
    let result = try runMade(["--help"])
    #expect(result.status == 0)
    let help = Self.flattened(result.out)
    let section = try #require(help.range(of: "Exit codes:")).upperBound
    let listed = help[section...]
    for code in MADEExitCode.allCases {
      #expect(listed.contains(" \(code.rawValue) \(code.meaning)"), "\(code) in made --help")
    }
  }
}

import Foundation
import Testing

@testable import MADE

/// `made --version` names the newest release in CHANGELOG.md, which follows Keep a Changelog:
/// an `## [Unreleased]` section on top, then `## [x.y.z] - yyyy-mm-dd` sections, newest first.
@Suite struct ChangelogVersionTests {
  static var changelog: String {
    get throws {
      try String(
        contentsOf: EndToEndTests.repository.appendingPathComponent("CHANGELOG.md"),
        encoding: .utf8)
    }
  }

  /// The `## [...]` headings of the changelog, in order.
  static func releaseHeadings(_ text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("## [") }.map(String.init)
  }

  /// The version of the newest dated release heading, `## [0.1.0] - 2026-12-07`.
  static func newestRelease(_ text: String) -> String? {
    let pattern = try! NSRegularExpression(
      pattern: #"^## \[([0-9]+\.[0-9]+\.[0-9]+)\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$"#)
    for heading in releaseHeadings(text) {
      let range = NSRange(heading.startIndex..., in: heading)
      if let match = pattern.firstMatch(in: heading, range: range) {
        return String(heading[Range(match.range(at: 1), in: heading)!])
      }
    }
    return nil
  }

  @Test func theChangelogOpensWithUnreleasedThenDatedReleases() throws {
    let headings = Self.releaseHeadings(try Self.changelog)
    #expect(headings.first == "## [Unreleased]")
    #expect(headings.count >= 2)
    #expect(headings.dropFirst().allSatisfy { $0.contains("] - ") }, "\(headings)")
  }

  @Test func madeVersionPrintsTheNewestReleaseInTheChangelog() throws {
    let newest = try #require(Self.newestRelease(try Self.changelog))
    #expect(MADEVersion.string == newest)
    let result = try runMade(["--version"])
    #expect(result.status == 0)
    #expect(result.out.trimmingCharacters(in: .whitespacesAndNewlines) == newest)
  }
}

import Foundation
import Testing

/// Every document a comment, script or schema cites ships with the code: a citation of
/// `docs/<name>.md` names a file in the repository's `docs/`, and a section cited after it as
/// `§ "Heading"` (several may follow, separated by commas or "and") is the start of one of that
/// file's headings. The design documents that lived outside the repository are cited by their
/// `docs/` names only.
@Suite struct CitedDocumentsTests {
  /// One citation: the file and line that make it, the document and the section (if any).
  struct Citation: Equatable, CustomStringConvertible {
    var place: String
    var document: String
    var section: String?

    var description: String {
      "\(place): docs/\(document)" + (section.map { " § \"\($0)\"" } ?? "")
    }
  }

  static let repository = EndToEndTests.repository
  /// The folders scanned, and the fixtures left out (delivered data, not prose).
  static let scanned = ["Sources", "Tests", "scripts"]
  static let skipped = ["Tests/MADETests/Fixtures"]
  /// Names of the documents before they moved under docs/, spelt so as not to cite themselves.
  static let oldNames = ["DESIGN", "METHODS"].map { $0 + ".md" }

  /// `docs/<name>.md`, then any `§ "Heading"` after it, across comment line breaks.
  static let citationPattern = try! NSRegularExpression(
    pattern: #"docs/([A-Za-z0-9_.-]+\.md)((?:[\s/#,]*(?:and\s+)?§\s*"[^"\n]+")*)"#)
  static let sectionPattern = try! NSRegularExpression(pattern: #"§\s*"([^"\n]+)""#)

  /// The text files under the scanned folders, by path relative to the repository.
  static func texts() throws -> [(path: String, text: String)] {
    var files: [(String, String)] = []
    for folder in scanned {
      let root = repository.appendingPathComponent(folder)
      guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
      else { continue }
      for case let url as URL in walker {
        let path = String(url.path.dropFirst(repository.path.count + 1))
        if skipped.contains(where: { path.hasPrefix($0) }) {
          walker.skipDescendants()
          continue
        }
        guard let data = FileManager.default.contents(atPath: url.path),
          let text = String(data: data, encoding: .utf8)
        else { continue }
        files.append((path, text))
      }
    }
    return files
  }

  /// Every citation of a `docs/` document in `text`.
  static func citations(in text: String, path: String) -> [Citation] {
    let whole = NSRange(text.startIndex..., in: text)
    return citationPattern.matches(in: text, range: whole).flatMap { match -> [Citation] in
      let document = String(text[Range(match.range(at: 1), in: text)!])
      let line = text[..<Range(match.range, in: text)!.lowerBound].filter { $0 == "\n" }.count + 1
      let place = "\(path):\(line)"
      let tail = String(text[Range(match.range(at: 2), in: text)!])
      let sections = sectionPattern.matches(in: tail, range: NSRange(tail.startIndex..., in: tail))
        .map { String(tail[Range($0.range(at: 1), in: tail)!]) }
      if sections.isEmpty { return [Citation(place: place, document: document)] }
      return sections.map { Citation(place: place, document: document, section: $0) }
    }
  }

  /// The headings of a Markdown document, without their `#` marks.
  static func headings(of document: String) -> [String]? {
    let url = repository.appendingPathComponent("docs").appendingPathComponent(document)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
    return text.split(separator: "\n").filter { $0.hasPrefix("#") }.map {
      $0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
    }
  }

  /// True when `section` is a heading, or the start of one up to a word's end.
  static func heading(_ section: String, isIn headings: [String]) -> Bool {
    headings.contains { heading in
      guard heading.hasPrefix(section) else { return false }
      let rest = heading.dropFirst(section.count)
      return rest.first.map { !$0.isLetter && !$0.isNumber } ?? true
    }
  }

  /// Citations whose document or section is missing.
  static func brokenCitations(_ citations: [Citation]) -> [Citation] {
    citations.filter { citation in
      guard let headings = headings(of: citation.document) else { return true }
      return citation.section.map { !heading($0, isIn: headings) } ?? false
    }
  }

  @Test func everyCitedDocumentAndSectionExists() throws {
    let citations = try Self.texts().flatMap { Self.citations(in: $0.text, path: $0.path) }
    #expect(citations.contains { $0.document == "design.md" && $0.section == "Exit codes" })
    let broken = Self.brokenCitations(citations)
    #expect(broken.isEmpty, "cited but not in docs/: \(broken.map(\.description))")
  }

  @Test func noCommentCitesTheOldDesignDocumentNames() throws {
    var found: [String] = []
    for (path, text) in try Self.texts() {
      for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      where Self.oldNames.contains(where: { line.contains($0) }) {
        found.append("\(path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
      }
    }
    #expect(found.isEmpty, "cite docs/design.md or docs/methods.md instead: \(found)")
  }

  @Test func aMissingDocumentOrSectionIsReported() {
    let docs = "docs/"  // so that this file cites nothing itself
    let text = """
      /// See \(docs)methods.md § "Crude rate" and § "No such heading".
      /// See \(docs)nowhere.md, and \(docs)design.md § "Exit codes", § "Exit cod"
      """
    let citations = Self.citations(in: text, path: "x.swift")
    #expect(citations.map(\.description).count == 5)
    #expect(
      Self.brokenCitations(citations).map(\.description) == [
        "x.swift:1: \(docs)methods.md § \"No such heading\"", "x.swift:2: \(docs)nowhere.md",
        "x.swift:2: \(docs)design.md § \"Exit cod\"",
      ])
  }
}

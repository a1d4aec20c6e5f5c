import Foundation
import Testing

@testable import MADE

/// Bad input at scale: every delivery of `Fixtures/malformed/` (written by
/// `scripts/make-malformed-corpus.py`: broken files of every kind across all six feeds, with
/// good ones beside them) goes through one `made nightly`, and each ends as `expected.json`
/// says without disturbing the others.
@Suite struct MalformedCorpusTests {
  /// What must become of one delivery: an entry of `expected.json`.
  struct Expectation: Decodable {
    var status: String
    var reason: String?
    var rowsLoaded: Int
    var rowsRejected: Int
    var rejectReasons: [String]
    var rejects: [String]
    var loadedLines: [Int]?
    var encoding: String?
    var duplicateOf: String?
    var good: Bool
    var fault: String

    /// Where the delivery must end: `archive`, `quarantine`, or `deleted` (health data
    /// with an identifier: only its `.reason.txt` stays).
    var place: String {
      if status != "quarantined" { return "archive" }
      return reason == ReasonCode.identifierInHealthFeed.rawValue ? "deleted" : "quarantine"
    }
  }

  static var corpus: URL { Fixtures.url("malformed") }

  static func expectations() throws -> [String: Expectation] {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(
      [String: Expectation].self,
      from: Data(contentsOf: corpus.appendingPathComponent("expected.json")))
  }

  /// The corpus files, as "<feed>/<name>".
  static func deliveries() throws -> [String] {
    let manager = FileManager.default
    var keys: [String] = []
    for feed in try manager.contentsOfDirectory(atPath: corpus.path).sorted() {
      let folder = corpus.appendingPathComponent(feed)
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      keys += try manager.contentsOfDirectory(atPath: folder.path).sorted().map {
        "\(feed)/\($0)"
      }
    }
    return keys
  }

  /// Regular files under `folder`, as paths relative to the workspace root.
  static func regularFiles(under folder: URL, root: URL) -> Set<String> {
    let manager = FileManager.default
    let names = manager.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    let prefix = String(folder.path.dropFirst(root.path.count + 1))
    return Set(
      names.filter { name in
        var isDirectory: ObjCBool = false
        return manager.fileExists(
          atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
          && !isDirectory.boolValue
      }.map { "\(prefix)/\($0)" })
  }

  @Test func theCorpusCoversEveryFeedAndEveryFileHasAnExpectation() throws {
    let expected = try Self.expectations()
    let files = try Self.deliveries()
    #expect(Set(files) == Set(expected.keys))
    #expect(files.count >= 30)
    let feeds = Set(files.map { String($0.prefix { $0 != "/" }) })
    #expect(feeds == Set(try FeedCatalog().names))
    #expect(expected.values.filter(\.good).count >= 3)
    #expect(Set(expected.values.filter(\.good).map(\.status)) == ["loaded"])
    for (key, entry) in expected {
      #expect(entry.rejectReasons == entry.rejectReasons.sorted(), "\(key)")
      #expect(entry.rejects.count == entry.rowsRejected, "\(key)")
      #expect((entry.reason != nil) == (entry.status == "quarantined"), "\(key)")
    }
  }

  @Test func oneNightlyRunGivesEveryDeliveryItsExpectedOutcome() throws {
    var config = Config.default
    config.nightly.settleSeconds = 0
    let test = try TestWorkspace(config: config)
    let expected = try Self.expectations()
    let manager = FileManager.default
    let keys = try Self.deliveries()
    for key in keys {
      let target = test.workspace.inbox.appendingPathComponent(key)
      try manager.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try manager.copyItem(at: Self.corpus.appendingPathComponent(key), to: target)
      try manager.setAttributes(
        [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: target.path)
    }

    let report = try MADE.Nightly.run(workspace: test.workspace)

    #expect(report.exitCode == 3)
    #expect(report.files.count == keys.count)
    #expect(report.notSettled == 0)
    let warehouse = try test.warehouse()
    let catalog = try FeedCatalog()
    var leftOver = Self.regularFiles(under: test.workspace.archive, root: test.root)
      .union(Self.regularFiles(under: test.workspace.quarantine, root: test.root))
    var fileIDs: [String: Int64] = [:]
    for key in keys {
      let feed = String(key.prefix { $0 != "/" })
      let name = String(key.dropFirst(feed.count + 1))
      let rows = try warehouse.query(
        "SELECT file_id FROM files WHERE feed = ? AND original_name = ?",
        [.text(feed), .text(name)])
      if rows.count == 1, case .integer(let id) = rows[0][0] { fileIDs[key] = id }
    }

    for key in keys {
      guard let entry = expected[key] else { continue }
      let feed = String(key.prefix { $0 != "/" })
      let name = String(key.dropFirst(feed.count + 1))
      var problems: [String] = []
      func compare<T: Equatable>(_ what: String, _ actual: T, _ wanted: T) {
        if actual != wanted { problems.append("\(what): \(actual), expected \(wanted)") }
      }

      // The run report.
      let reported = report.files.filter { $0.feed == feed && $0.name == name }
      compare("entries in the run report", reported.count, 1)
      if let file = reported.first {
        compare("status", file.status, entry.status)
        compare("reason", file.reason, entry.reason)
        compare("rows loaded", file.rowsLoaded, entry.rowsLoaded)
        compare("rows rejected", file.rowsRejected, entry.rowsRejected)
      }

      // The warehouse: its `files` row, its rejects, its records.
      if let fileID = fileIDs[key] {
        let row = try warehouse.query(
          "SELECT status, reason, encoding, duplicate_of FROM files WHERE file_id = ?",
          [.integer(fileID)])[0]
        compare("files.status", row[0].string, entry.status)
        compare("files.reason", row[1].string, entry.reason)
        let reasons = try warehouse.query(
          "SELECT reason FROM rejects WHERE file_id = ? ORDER BY reason", [.integer(fileID)]
        ).compactMap { $0[0].string }
        compare("reject reasons", reasons, entry.rejectReasons)
        compare("rejects", try warehouse.rejectLines(fileID: fileID), entry.rejects)
        if let lines = entry.loadedLines {
          let table = try catalog.feed(named: feed).table
          let loaded = try warehouse.query(
            "SELECT line FROM \(table) WHERE file_id = ? ORDER BY line", [.integer(fileID)]
          ).compactMap { $0[0].int }
          compare("records' lines", loaded, lines)
          compare("encoding", row[2].string, entry.encoding)
        }
        if let original = entry.duplicateOf {
          compare("duplicate of", row[3].int.map(Int64.init), fileIDs[original])
        }
      } else {
        problems.append("no single files row")
      }

      // Where the delivered file went: archived once, quarantined once, or deleted.
      let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent(key))
      let archived = leftOver.filter { path in
        guard path.hasPrefix("archive/\(feed)/") else { return false }
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        return last.count == name.count + 13 && last.hasSuffix("-" + name)
          && last.prefix(12).allSatisfy(\.isHexDigit)
      }
      let quarantinedCopy = "quarantine/\(feed)/\(name)"
      let note = quarantinedCopy + ".reason.txt"
      let copies = archived.union(leftOver.contains(quarantinedCopy) ? [quarantinedCopy] : [])
      var place = "\(archived.count) in archive/, \(copies.count - archived.count) in quarantine/"
      if copies.count == 1, let copy = copies.first {
        if try Data(contentsOf: test.root.appendingPathComponent(copy)) != bytes {
          problems.append("\(copy) is not the delivered bytes")
        }
        place = archived.isEmpty ? "quarantine" : "archive"
        if archived.isEmpty != leftOver.contains(note) { place += " (reason note wrong)" }
      } else if copies.isEmpty, leftOver.contains(note) {
        place = "deleted"
      }
      compare("place", place, entry.place)
      if leftOver.contains(note) {
        let text = try String(contentsOf: test.root.appendingPathComponent(note), encoding: .utf8)
        if let reason = entry.reason, !text.hasPrefix("reason: \(reason)\n") {
          problems.append("\(note) does not give the reason \(reason)")
        }
      }
      leftOver.subtract(copies)
      leftOver.remove(note)

      #expect(problems.isEmpty, "\(key) (\(entry.fault)): \(problems)")
    }
    #expect(leftOver.isEmpty, "files in archive/ or quarantine/ from no delivery: \(leftOver)")
    let inbox = Self.regularFiles(under: test.workspace.inbox, root: test.root)
    #expect(inbox.isEmpty, "left in the inbox: \(inbox)")

    // Each good file's records are all there, and no delivery took over another's records.
    for (key, entry) in expected where entry.good {
      let feed = String(key.prefix { $0 != "/" })
      let table = try catalog.feed(named: feed).table
      let records = try warehouse.scalar(
        "SELECT count(*) FROM \(table) WHERE file_id = ?", [.integer(fileIDs[key] ?? -1)])
      #expect(records?.int == entry.loadedLines?.count, "\(key)")
    }
    for feed in catalog.names {
      let table = try catalog.feed(named: feed).table
      let unbalanced = try warehouse.query(
        """
        SELECT f.original_name, f.rows_loaded, count(t.record_id) FROM files f
        LEFT JOIN \(table) t ON t.file_id = f.file_id
        WHERE f.feed = ? AND f.status = 'loaded' GROUP BY f.file_id
        HAVING f.rows_loaded <> count(t.record_id)
        """, [.text(feed)])
      #expect(unbalanced.isEmpty, "\(feed): \(unbalanced)")
    }

    // Reject messages never quote an identifier (crime references, case IDs, UPNs).
    let messages = try warehouse.query("SELECT message FROM rejects").compactMap { $0[0].string }
    let quoting = messages.filter {
      $0.localizedCaseInsensitiveContains("LC-9-") || $0.localizedCaseInsensitiveContains("YC-9")
        || $0.contains(/A9\d{10}1/)
    }
    #expect(quoting.isEmpty, "\(quoting)")

    let failed = try test.pipeline.verify().filter { !$0.passed }
    #expect(failed.isEmpty, "made verify: \(failed)")
  }
}

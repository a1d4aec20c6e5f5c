import Crypto
import Foundation
import Testing

@testable import MADE

/// `made check FILE`: what ingest would do to a delivery, the workspace left byte for byte as
/// it was and the file where it is.
@Suite struct DeliveryCheckTests {
  /// The workspace's files that a check must not change, with their SHA-256: the warehouse
  /// byte for byte. SQLite's shared-memory index (`-shm`) and an empty WAL, which any
  /// reader's open may create (as `made status` does), hold no data and are left out.
  func state(_ test: TestWorkspace) throws -> [String: String] {
    var digests: [String: String] = [:]
    let manager = FileManager.default
    for path in try manager.subpathsOfDirectory(atPath: test.root.path).sorted()
    where !path.hasSuffix("-shm") && !path.hasPrefix("tmp-") {
      let url = test.root.appendingPathComponent(path)
      guard EntryKind(atPath: url.path) == .regular else { continue }
      let data = try Data(contentsOf: url)
      if path.hasSuffix("-wal"), data.isEmpty { continue }
      digests[path] = SHA256.hash(data: data).hexString
    }
    return digests
  }

  @Test func saysWhatIngestWouldAndKeepsNothing() throws {
    let fixture = Fixtures.url("feeds/police-uk-quirks.csv").path
    // What ingest does, in a workspace of its own.
    let ingested = try TestWorkspace()
    let loaded = try ingested.ingest(fixture)
    let expectedRejects = try ingested.rejectLines(loaded)
    #expect(loaded.rowsRejected > 0, "the fixture has rejects, so the check is not vacuous")

    let test = try TestWorkspace()
    let before = try state(test)
    #expect(before["warehouse.sqlite"] != nil)
    let check = try test.pipeline.check(path: fixture, feed: "police-uk")
    let after = try state(test)
    #expect(
      after == before,
      "changed: \(Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted())")
    #expect(FileManager.default.fileExists(atPath: fixture))
    #expect(try test.count("SELECT count(*) FROM files") == 0)
    #expect(check.outcome.status == .loaded && check.outcome.fileID == nil)
    #expect(check.outcome.rowsRead == loaded.rowsRead)
    #expect(check.outcome.rowsLoaded == loaded.rowsLoaded)
    #expect(check.outcome.rowsRejected == loaded.rowsRejected)
    // The same rejected rows, in the same words (`rejectLines`' layout).
    let checked = check.rejects.filter { !$0.isWarning }.map {
      "line \($0.line)\($0.column.isEmpty ? "" : ", \($0.column)"): \($0.reason)"
    }
    #expect(checked == expectedRejects)
    // The receipt: accepted rows, then each reason with its rows and lines.
    let receipt = check.receiptCSV.split(separator: "\r\n").map(String.init)
    #expect(receipt.first == "outcome,reason,rows,lines")
    #expect(receipt.dropFirst().first == "accepted,,\(loaded.rowsLoaded),")
    let rejectedRows = receipt.dropFirst(2).map { Int($0.split(separator: ",")[2])! }
    #expect(rejectedRows.reduce(0, +) == check.rejects.filter { !$0.isWarning }.count)
    // The same file checked again is not "already loaded": nothing was.
    #expect(try test.pipeline.check(path: fixture, feed: "police-uk").outcome.status == .loaded)
  }

  @Test func aFileIngestWouldQuarantineStaysWhereItIs() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "not-a-feed.csv", contents: Data("colour,shape\nred,round\n".utf8))
    let before = try state(test)
    let check = try test.pipeline.check(path: path, feed: nil)
    #expect(check.outcome.status == .quarantined && check.outcome.reason == .unknownFeed)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try state(test) == before)
    #expect(check.receiptCSV.hasPrefix("outcome,reason,rows,lines\r\nquarantined,unknown-feed,0,"))
  }

  @Test func aFileAlreadyLoadedIsRecognised() throws {
    let test = try TestWorkspace()
    let fixture = Fixtures.url("feeds/police-uk-quirks.csv").path
    _ = try test.ingest(fixture)
    #expect(try test.pipeline.check(path: fixture, feed: "police-uk").outcome.status == .duplicate)
  }
}

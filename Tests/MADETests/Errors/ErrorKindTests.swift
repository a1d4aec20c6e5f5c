import Foundation
import Testing

@testable import MADE

/// Errors say which kind they are, and ingest leaves a file in place only for the kind that
/// means the workspace is not ready for its feed.
@Suite struct ErrorKindTests {
  let item = InboxWork(path: "inbox/police-uk/2025-01.csv", feed: "police-uk", refused: nil)

  @Test func aFeedTheWorkspaceIsNotReadyForIsThatFilesOutcome() throws {
    let outcome = try IngestRun.outcome(of: item, feed: nil) {
      throw WorkspaceNotReady("feed police-uk needs the pseudonymisation key")
    }
    #expect(outcome.status == .notLoaded)
    #expect(outcome.feed == "police-uk")
    #expect(outcome.message == "feed police-uk needs the pseudonymisation key")
  }

  @Test func aConfigurationErrorDuringIngestEndsTheRunInsteadOfPassingForNotReady() throws {
    let error = try #require(throws: ConfigurationError.self) {
      try IngestRun.outcome(of: item, feed: nil) {
        throw ConfigurationError("unknown reference table 'ofences' in a feed schema")
      }
    }
    #expect(error.kind == .configuration)
  }

  @Test func aUsageErrorDuringIngestEndsTheRunToo() throws {
    #expect(throws: UsageError.self) {
      try IngestRun.outcome(of: item, feed: nil) { throw UsageError("x.csv: no such file") }
    }
  }

  @Test func aMissingReferenceTableIsTheNotReadyKindAndLeavesTheFileInPlace() throws {
    let test = try TestWorkspace(loadReference: false)
    let file = test.root.appendingPathComponent("crimes.csv")
    try Data(([PoliceUKRows.header, PoliceUKRows.row(1)].joined(separator: "\n") + "\n").utf8)
      .write(to: file)
    let outcome = try #require(
      try Pipeline(workspace: test.workspace).ingest(paths: [file.path], feed: "police-uk").first)
    #expect(outcome.status == .notLoaded)
    #expect(outcome.message?.contains("no geography is loaded") == true)
    #expect(FileManager.default.fileExists(atPath: file.path))
  }

  @Test func eachProblemSaysItsKind() throws {
    let test = try TestWorkspace(loadReference: false)
    let unknownFeed = try #require(throws: UsageError.self) {
      try Pipeline(workspace: test.workspace).catalog().feed(named: "polce-uk")
    }
    #expect(unknownFeed.kind == .usage)
    #expect(unknownFeed.description.hasPrefix("unknown feed 'polce-uk' (known feeds: "))
    let notAWorkspace = try #require(throws: UsageError.self) {
      try Pipeline(workspace: Workspace(root: test.root.appendingPathComponent("nowhere")))
    }
    #expect(notAWorkspace.kind == .usage)
    try "[area]\nlad_codes = []\n".write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    let badConfig = try #require(throws: ConfigurationError.self) {
      try Pipeline(workspace: test.workspace)
    }
    #expect(badConfig.kind == .configuration)
    #expect(ErrorKind.allCases.allSatisfy { $0.exitCode == .usageOrConfiguration })
  }
}

import Foundation
import Testing

@testable import MADE

/// The exit codes of the command line (a contract: cron jobs depend on them).
@Suite struct ExitCodeTests {
  func run(_ arguments: [String]) throws -> Int32 {
    let process = try CrashSafetyTests.run(arguments)
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test func usageAndConfigurationErrorsExitTwo() throws {
    let test = try TestWorkspace(loadReference: false)
    #expect(try run(["reference", "load", "bogus", "x.csv", "--workspace", test.root.path]) == 2)
    #expect(try run(["ingest", "--no-such-option"]) == 2)
    #expect(try run(["status", "--workspace", test.root.path + "/missing"]) == 2)
    // Help on a command that does not exist is a usage error, not the general help.
    #expect(try run(["help", "bogus"]) == 2)
    #expect(try run(["help", "reference", "lod"]) == 2)
    #expect(try run(["help", "reference", "load"]) == 0)
    #expect(try run(["help"]) == 0)
  }

  @Test func aQuarantinedFileExitsThreeAndAGoodOneZero() throws {
    let test = try TestWorkspace()
    let workspace = ["--workspace", test.root.path, "--quiet"]
    #expect(
      try run(["ingest", Fixtures.url("feeds/police-uk-quirks.csv").path] + workspace) == 0)
    #expect(try run(["ingest", Fixtures.url("csv/empty.csv").path] + workspace) == 3)
    #expect(
      try run(
        ["ingest", Fixtures.url("csv/missing-required-column.csv").path, "--feed", "police-uk"]
          + workspace) == 3)
    #expect(
      try test.strings("SELECT reason FROM files ORDER BY file_id") == [
        "NULL", "empty-file", "missing-required-column",
      ])
    // `made check` exits as ingest would, and records nothing.
    #expect(try run(["check", Fixtures.url("csv/empty.csv").path] + workspace) == 3)
    #expect(
      try run(
        ["check", Fixtures.url("feeds/police-uk-quirks.csv").path, "--feed", "police-uk"]
          + workspace) == 0)
    #expect(try test.count("SELECT count(*) FROM files") == 3)
  }
}

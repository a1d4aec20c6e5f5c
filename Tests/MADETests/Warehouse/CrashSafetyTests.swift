import Foundation
import Testing

@testable import MADE

/// A load killed at any point leaves the warehouse as it was before that file.
@Suite struct CrashSafetyTests {
  /// The `made` executable built beside the tests.
  static var madeExecutable: URL {
    Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("made")
  }

  static func run(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = madeExecutable
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  @Test func aLoadKilledMidwayLeavesNothingAndARerunLoadsExactlyTheRightRows() throws {
    #expect(FileManager.default.fileExists(atPath: Self.madeExecutable.path))
    let test = try TestWorkspace()
    let rows = 150_000
    var text = PoliceUKRows.header + "\r\n"
    text.reserveCapacity(rows * 220)
    for number in 1...rows { text += PoliceUKRows.row(number) + "\r\n" }
    let path = try test.temporaryFile("large.csv", contents: Data(text.utf8))
    let arguments = ["ingest", path, "--feed", "police-uk", "--workspace", test.root.path]

    let victim = try Self.run(arguments)
    // Wait until the load is under way (its transaction has spilled into the WAL), then kill.
    let wal = test.workspace.warehouseURL.path + "-wal"
    let deadline = Date().addingTimeInterval(120)
    while victim.isRunning, Date() < deadline {
      let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
      if size > 4_000_000 { break }
      usleep(20_000)
    }
    #expect(victim.isRunning, "the load finished before it could be killed: make the file larger")
    kill(victim.processIdentifier, SIGKILL)
    victim.waitUntilExit()
    #expect(victim.terminationReason == .uncaughtSignal)

    #expect(((try? test.count("SELECT count(*) FROM police_uk_street")) ?? 0) == 0)
    #expect(try test.count("SELECT count(*) FROM files") == 0)

    let rerun = try Self.run(arguments)
    rerun.waitUntilExit()
    #expect(rerun.terminationStatus == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == rows)
    #expect(try test.strings("SELECT status, rows_loaded FROM files") == ["loaded|\(rows)"])
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }
}

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
  }
}

@Suite struct WarehouseTests {
  @Test func createsTheWarehouseAndKeyReadableByTheOwnerOnly() throws {
    let test = try TestWorkspace(loadReference: false)
    for url in [test.workspace.warehouseURL, test.workspace.keyURL] {
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(url.lastPathComponent)")
    }
  }

  @Test func runsInWALModeWithForeignKeysAndVersionedMigrations() throws {
    let test = try TestWorkspace(loadReference: false)
    let warehouse = try test.warehouse()
    #expect(try warehouse.scalar("PRAGMA journal_mode")?.string == "wal")
    #expect(try warehouse.scalar("PRAGMA foreign_keys")?.int == 1)
    #expect(warehouse.schemaVersion == Migrations.all.last?.version)
    // Opening again applies nothing twice.
    _ = try test.warehouse()
    #expect(try test.count("SELECT count(*) FROM schema_migrations") == Migrations.all.count)
  }

  @Test func refusesFileCountsThatDoNotBalance() throws {
    let test = try TestWorkspace(loadReference: false)
    let warehouse = try test.warehouse()
    let run = try warehouse.beginRun(command: "test")
    #expect(throws: SQLiteError.self) {
      try warehouse.query(
        """
        INSERT INTO files (run_id, original_name, sha256, bytes, status, received_at,
          rows_read, rows_loaded, rows_rejected)
        VALUES (\(run), 'x', '\(String(repeating: "0", count: 64))', 1, 'loaded', 'now', 5, 3, 1)
        """)
    }
  }

  @Test func verifyPassesAfterLoadsAndCatchesATamperedCount() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    try test.ingest("feeds/police-uk-quirks-republished.csv")
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
    _ = try test.warehouse().query("DELETE FROM police_uk_street WHERE line = 2")
    let failed = try test.pipeline.verify().filter { !$0.passed }.map(\.check)
    #expect(failed == ["police_uk_street reconciles"])
  }
}

@Suite struct ConfigTests {
  @Test func pointsAtTheLineAndColumnOfBrokenTOML() throws {
    let test = try TestWorkspace(loadReference: false)
    try "[area]\nname = \"x\"\nlad_codes = [\n".write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    #expect {
      try Pipeline(workspace: test.workspace)
    } throws: { error in
      "\(error)".contains("made.toml, line 3, column")
    }
  }

  @Test func namesAMissingSetting() throws {
    let test = try TestWorkspace(loadReference: false)
    try "[area]\nname = \"x\"\n[ingest]\nmax_field_bytes = 2000\n".write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    #expect {
      try Pipeline(workspace: test.workspace)
    } throws: { error in
      "\(error)".contains("setting 'area.lad_codes' is missing")
    }
  }

  @Test func writesACommentedConfigThatReadsBackAsTheDefault() throws {
    let test = try TestWorkspace(loadReference: false)
    #expect(try test.workspace.loadConfig() == Config.default)
  }
}

@Suite struct StatusReportTests {
  @Test func reportsRejectsByReasonDroppedColumnsAndQuarantines() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/police-uk-quirks.csv")
    try test.ingest("csv/headers-any-order-and-case.csv")
    try test.ingest("csv/empty.csv")
    let text = try test.pipeline.status().description
    #expect(text.contains("police-uk            type-error: 1"))
    #expect(text.contains("headers-any-order-and-case.csv: Extra Notes"))
    #expect(text.contains("empty.csv: empty-file"))
    #expect(text.contains("police-uk        2 files, 10 records"))  // rows 1-2 again, updated
  }
}

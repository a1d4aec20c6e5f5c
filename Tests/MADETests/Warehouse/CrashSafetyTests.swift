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

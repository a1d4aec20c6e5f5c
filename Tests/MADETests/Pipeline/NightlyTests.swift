import Foundation
import Testing

@testable import MADE

/// `made nightly`: the lock, what it takes from the inbox, packs only when something changed,
/// and the run report.
@Suite struct NightlyTests {
  /// A police-uk delivery of three months (a complete quarter) in W1.
  func quarterFile() -> Data {
    var lines = [PoliceUKRows.header]
    for (index, month) in ["2025-01", "2025-02", "2025-03"].enumerated() {
      for number in 0..<12 {
        lines.append(PoliceUKRows.row(index * 100 + number + 1, month: month))
      }
    }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  func put(_ test: TestWorkspace, _ name: String, _ data: Data, age: TimeInterval) throws {
    let url = test.workspace.inbox.appendingPathComponent("police-uk").appendingPathComponent(name)
    try data.write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
  }

  @Test func takesOnlySettledDeliveriesAndWritesTheRunReport() throws {
    let test = try TestWorkspace()
    try put(test, "2025-q1.csv", quarterFile(), age: 3600)
    try put(test, "2025-04.csv", quarterFile(), age: 5)  // still being written
    try put(test, "2025-05.csv.part", quarterFile(), age: 3600)
    try put(test, "2025-06.csv.filepart", quarterFile(), age: 3600)
    try put(test, ".2025-07.csv", quarterFile(), age: 3600)
    let report = try MADE.Nightly.run(workspace: test.workspace)
    #expect(report.files.map(\.name) == ["2025-q1.csv"])
    let moved = try #require(report.files.first?.movedTo)
    #expect(
      moved.wholeMatch(of: /archive\/police-uk\/20\d\d\/\d\d\/[0-9a-f]{12}-2025-q1\.csv/) != nil,
      "\(moved)")
    #expect(FileManager.default.fileExists(atPath: test.root.appendingPathComponent(moved).path))
    #expect(report.notSettled == 1)
    // Named, with when a run will take it.
    let leftFile = try #require(report.leftForNextRun.first)
    #expect(report.leftForNextRun.count == 1 && leftFile.name == "inbox/police-uk/2025-04.csv")
    let modified = try #require(ISO8601DateFormatter().date(from: leftFile.modifiedAt))
    let takenAfter = try #require(ISO8601DateFormatter().date(from: leftFile.takenAfter))
    #expect(takenAfter.timeIntervalSince(modified) == Double(Config.Nightly().settleSeconds))
    #expect(report.exitCode == 0)
    #expect(!report.packsWritten.isEmpty)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: test.workspace.inbox.appendingPathComponent("police-uk").path
    ).sorted()
    #expect(left == [".2025-07.csv", "2025-04.csv", "2025-05.csv.part", "2025-06.csv.filepart"])
    let reports = test.root.appendingPathComponent("reports")
    let json = try Data(contentsOf: reports.appendingPathComponent("run-\(report.runID).json"))
    let decoded = try JSONDecoder().decode(MADE.Nightly.Report.self, from: json)
    #expect(decoded.files.first?.rowsLoaded == 36)
    let text = try String(
      contentsOf: reports.appendingPathComponent("run-\(report.runID).txt"), encoding: .utf8)
    #expect(text.contains("Files: 1 (1 loaded") && text.contains("1 still being written"))
    #expect(
      text.contains(
        "  LEFT inbox/police-uk/2025-04.csv: modified at \(leftFile.modifiedAt), still being "
          + "written perhaps; the first run after \(leftFile.takenAfter) takes it"))
  }

  @Test func aFileWhoseEveryRowIsRejectedIsCalledOut() throws {
    let test = try TestWorkspace()
    // An export with the month written the wrong way round on every row.
    var lines = [PoliceUKRows.header]
    for number in 1...20 { lines.append(PoliceUKRows.row(number, month: "01-2025")) }
    let broken = Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    try put(test, "2025-01.csv", broken, age: 3600)
    try put(test, "2025-q1.csv", quarterFile(), age: 3600)
    let report = try MADE.Nightly.run(workspace: test.workspace)
    #expect(report.exitCode == 0)  // row-level rejects are not a failure of the run
    #expect(report.files.map(\.everyRowRejected) == [true, false])
    let text = MADE.Nightly.text(report)
    #expect(
      text.contains(
        "Files: 2 (2 loaded, 0 duplicate, 0 quarantined, 0 not loaded); 1 with every row rejected"))
    #expect(
      text.contains(
        "LOADED 2025-01.csv [police-uk]: 0 of 20 rows loaded; EVERY ROW WAS REJECTED: ask the "
          + "partner to check the export"))
    // `made ingest` says so even with --quiet, on stderr, as it does for a quarantine.
    let again = try test.temporaryFile("again.csv", contents: broken + Data("x".utf8))
    let (status, out, err) = try runMade([
      "ingest", again, "--feed", "police-uk", "--quiet", "--workspace", test.root.path,
    ])
    #expect(status == 0 && out.isEmpty)
    #expect(
      err.hasPrefix(
        "NO ROWS     tmp-again.csv [police-uk]: every one of its 21 rows was rejected; ask the "
          + "partner to check the export (made rejects --file "))
  }

  @Test func packsAreWrittenAgainWhenOnlyTheirSettingsChange() throws {
    let test = try TestWorkspace()
    try put(test, "2025-q1.csv", quarterFile(), age: 3600)
    let first = try MADE.Nightly.run(workspace: test.workspace)
    #expect(!first.packsWritten.isEmpty)
    var config = try test.workspace.loadConfig()
    config.export.licence = "OGL-UK-3.0"
    try config.commentedTOML().write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    let relicensed = try MADE.Nightly.run(workspace: test.workspace)
    #expect(relicensed.indicatorValuesWritten == 0)
    #expect(relicensed.packsWritten == first.packsWritten)
    #expect(try MADE.Nightly.run(workspace: test.workspace).packsWritten.isEmpty)
  }

  @Test func aRunWithNothingNewChangesNothingAndWritesNoPacks() throws {
    let test = try TestWorkspace()
    try put(test, "2025-q1.csv", quarterFile(), age: 3600)
    _ = try MADE.Nightly.run(workspace: test.workspace)
    let again = try MADE.Nightly.run(workspace: test.workspace)
    #expect(again.files.isEmpty)
    #expect(again.indicatorValuesWritten == 0 && again.packsWritten.isEmpty)
    // The same bytes delivered again are recognised by checksum: a duplicate, archived once,
    // nothing to recount.
    try put(test, "2025-q1.csv", quarterFile(), age: 3600)
    let duplicate = try MADE.Nightly.run(workspace: test.workspace)
    #expect(duplicate.files.map(\.status) == ["duplicate"])
    #expect(duplicate.monthsRecounted.isEmpty && duplicate.packsWritten.isEmpty)
    let archived = try #require(
      FileManager.default.enumerator(atPath: test.workspace.archive.path)?.allObjects as? [String])
    #expect(archived.filter { $0.hasSuffix("2025-q1.csv") }.count == 1)
  }

  @Test func aSecondRunExitsFourNamingTheHolder() throws {
    let test = try TestWorkspace()
    let lock = try WorkspaceLock(workspace: test.workspace, command: "test")
    #expect(throws: WorkspaceLock.Busy.self) { try MADE.Nightly.run(workspace: test.workspace) }
    let (status, _, message) = try runMade(["nightly", "--workspace", test.root.path])
    #expect(status == 4)
    #expect(message.contains("pid \(getpid()) started") && message.contains("(made test)"))
    // Every command that writes to the warehouse or packs/ waits its turn the same way.
    let population = Fixtures.url("reference/population.csv").path
    for command in [
      ["ingest"], ["aggregate"], ["export"], ["purge"],
      ["reference", "load", "population", population, "--year", "2022"],
    ] {
      #expect(try runMade(command + ["--workspace", test.root.path]).status == 4, "\(command)")
    }
    withExtendedLifetime(lock) {}
    // Released with its holder: the next run goes ahead.
    _ = consume lock
    #expect(try MADE.Nightly.run(workspace: test.workspace).exitCode == 0)
  }
}

/// Overdue feeds: `[feeds.<name>] expect_every_days`, `made status`, `made status --check`.
@Suite struct OverdueFeedTests {
  func exitCode(_ arguments: [String]) throws -> (Int32, String) {
    let result = try runMade(arguments)
    return (result.status, result.out)
  }

  @Test func aFeedIsOverdueOnceItsCadenceHasPassedWithoutADelivery() throws {
    let config = Config(
      area: Config.default.area, ingest: Config.default.ingest,
      feeds: ["police-uk": .init(expectEveryDays: 35), "yot-offences": .init(expectEveryDays: 35)])
    let test = try TestWorkspace(config: config)
    try test.ingest("feeds/police-uk-quirks.csv")
    let today = try test.pipeline.status(now: Date())
    #expect(today.overdue.map(\.feed) == ["yot-offences"])  // never delivered
    #expect(today.overdue.first?.lastDelivery == nil)
    let later = try test.pipeline.status(now: Date().addingTimeInterval(36 * 86_400))
    #expect(later.overdue.map(\.feed) == ["police-uk", "yot-offences"])
    #expect(later.overdue.first?.lastDelivery != nil)
    #expect("\(later)".contains("police-uk            last delivery 20"))

    let (code, text) = try exitCode(["status", "--check", "--workspace", test.root.path])
    #expect(code == 5)
    #expect(text == "overdue: yot-offences: last delivery never, expected every 35 days\n")
  }

  @Test func checkExitsZeroWhenEveryFeedIsOnTime() throws {
    let config = Config(
      area: Config.default.area, ingest: Config.default.ingest,
      feeds: ["police-uk": .init(expectEveryDays: 35)])
    let test = try TestWorkspace(config: config)
    try test.ingest("feeds/police-uk-quirks.csv")
    let (code, text) = try exitCode(["status", "--check", "--workspace", test.root.path])
    #expect(code == 0 && text.isEmpty)
  }
}

/// `scripts/cron/made-nightly`: the wrapper cron and systemd run.
@Suite struct CronWrapperTests {
  @Test func logsTheRunAndPassesOnMadesExitCode() throws {
    let test = try TestWorkspace()
    let script = EndToEndTests.repository.appendingPathComponent("scripts/cron/made-nightly")
    func run() throws -> Int32 {
      let process = Process()
      process.executableURL = script
      process.environment = [
        "MADE_WORKSPACE": test.root.path, "MADE_BIN": CrashSafetyTests.madeExecutable.path,
        "PATH": "/usr/bin:/bin",
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    #expect(try run() == 0)
    let logs = test.root.appendingPathComponent("logs")
    let names = try FileManager.default.contentsOfDirectory(atPath: logs.path)
    #expect(names.count == 1 && names[0].hasPrefix("nightly-"))
    let log = try String(contentsOf: logs.appendingPathComponent(names[0]), encoding: .utf8)
    #expect(log.contains("made nightly") && log.contains("== exit 0"))
    // Another run holding the lock: the wrapper exits 4 like made.
    let lock = try WorkspaceLock(workspace: test.workspace, command: "test")
    #expect(try run() == 4)
    withExtendedLifetime(lock) {}
  }
}

/// `--log-format json`: the nightly report as one JSON line, errors as JSON on stderr.
@Suite struct JSONLogFormatTests {
  func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
    let result = try runMade(arguments)
    return (result.status, result.out, result.err)
  }

  @Test func printsTheRunReportAsOneJSONLine() throws {
    let test = try TestWorkspace()
    let result = try run(["nightly", "--log-format", "json", "--workspace", test.root.path])
    #expect(result.code == 0)
    let lines = result.out.split(separator: "\n")
    #expect(lines.count == 1)
    let report = try JSONDecoder().decode(MADE.Nightly.Report.self, from: Data(lines[0].utf8))
    #expect(report.exitCode == 0 && report.files.isEmpty)
  }

  @Test func reportsErrorsAsJSONWithTheExitCode() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
      "not-a-workspace-\(UUID().uuidString)")
    let result = try run(["nightly", "--log-format", "json", "--workspace", missing.path])
    #expect(result.code == 2)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.err.utf8)) as? [String: Any])
    #expect(object["level"] as? String == "error" && object["exit_code"] as? Int == 2)
    #expect((object["message"] as? String)?.contains("MADE workspace") == true)
  }
}

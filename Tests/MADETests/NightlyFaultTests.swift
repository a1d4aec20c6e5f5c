import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// `made nightly` killed at random moments, then run again, ends exactly where one
/// uninterrupted run does; and a reader holding a long transaction never stops it.
/// `scripts/faults` runs the same check with more kills (`MADE_FAULT_KILLS`).
@Suite struct NightlyFaultTests {
  /// A workspace whose inbox holds four police-uk months (one a correction) and a file to
  /// quarantine; `settle_seconds = 0` so that a rerun takes everything at once.
  static func template() throws -> TestWorkspace {
    var config = Config.default
    config.nightly.settleSeconds = 0
    let test = try TestWorkspace(config: config)
    let folder = test.workspace.inbox.appendingPathComponent("police-uk")
    let lsoas = ["E01900001", "E01900002", "E01900003", "E01900009", ""]
    let types = ["Violence and sexual offences", "Robbery", "Possession of weapons", "Burglary"]
    for (index, month) in ["2025-01", "2025-02", "2025-03", "2025-04"].enumerated() {
      var lines = [PoliceUKRows.header]
      for number in 0..<4_000 {
        let lsoa = lsoas[(number * 7 + index) % lsoas.count]
        lines.append(
          PoliceUKRows.row(
            index * 10_000 + number, location: lsoa.isEmpty ? "No Location" : "On or near X",
            month: month, lsoa: lsoa, crimeType: types[(number + index) % types.count]))
      }
      try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(
        to: folder.appendingPathComponent("\(month)-lancashire-street.csv"))
    }
    try Data("not,a,police,file\r\n1,2,3,4\r\n".utf8).write(
      to: folder.appendingPathComponent("2025-05-wrong.csv"))
    return test
  }

  /// Everything a run leaves that must not depend on whether it was interrupted.
  static func state(of root: URL) throws -> [String] {
    let workspace = Workspace(root: root)
    let warehouse = try workspace.openWarehouse()
    func rows(_ sql: String) throws -> [String] {
      try warehouse.query(sql).map { $0.map(\.description).joined(separator: "|") }
    }
    var state = try rows(
      """
      SELECT count(*), sum(content_hash % 1000003), group_concat(DISTINCT period_month)
      FROM police_uk_street
      """)
    state += try rows("SELECT count(*) FROM police_uk_street_history")
    state += try rows(
      """
      SELECT original_name, status, rows_loaded, rows_rejected FROM files
      WHERE status IN ('loaded', 'quarantined') ORDER BY original_name
      """)
    state += try rows(
      """
      SELECT indicator_id, geo_type, geo_code, period_type, period, numerator, value, suppressed
      FROM indicator_values ORDER BY 1, 2, 3, 4, 5
      """)
    let manager = FileManager.default
    for folder in ["inbox", "archive", "quarantine"] {
      let files =
        (manager.enumerator(atPath: root.appendingPathComponent(folder).path)?
          .allObjects as? [String] ?? [])
      state += files.filter { $0.contains(".") }.sorted().map { "\(folder)/\($0)" }
    }
    let packs = root.appendingPathComponent("packs")
    for name in (try? manager.contentsOfDirectory(atPath: packs.path))?.sorted() ?? [] {
      let csv = try PackAudit.entries(packs.appendingPathComponent(name))
        .first { $0.name == "indicators.csv" }
      state.append("\(name): \(String(decoding: csv?.bytes ?? Data(), as: UTF8.self))")
    }
    return state
  }

  static func nightly(_ root: URL) throws -> Process {
    let process = Process()
    process.executableURL = CrashSafetyTests.madeExecutable
    process.arguments = ["nightly", "--quiet", "--workspace", root.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  static func copy(_ test: TestWorkspace, _ name: String) throws -> URL {
    let target = test.root.deletingLastPathComponent().appendingPathComponent(
      "\(test.root.lastPathComponent)-\(name)")
    try? FileManager.default.removeItem(at: target)
    try FileManager.default.copyItem(at: test.root, to: target)
    return target
  }

  @Test func aRunKilledAtRandomMomentsIsRepairedByTheNextRun() throws {
    let template = try Self.template()
    let reference = try Self.copy(template, "reference")
    defer { try? FileManager.default.removeItem(at: reference) }
    let started = Date()
    let whole = try Self.nightly(reference)
    whole.waitUntilExit()
    let duration = Date().timeIntervalSince(started)
    #expect(whole.terminationStatus == 3)  // the wrong file is quarantined
    let expected = try Self.state(of: reference)
    #expect(expected.contains { $0.hasPrefix("quarantine/police-uk/2025-05-wrong.csv") })

    let kills = Int(ProcessInfo.processInfo.environment["MADE_FAULT_KILLS"] ?? "") ?? 4
    var generator = SystemRandomNumberGenerator()
    for attempt in 0..<kills {
      let root = try Self.copy(template, "kill-\(attempt)")
      defer { try? FileManager.default.removeItem(at: root) }
      let victim = try Self.nightly(root)
      usleep(UInt32(Double.random(in: 0.05...0.95, using: &generator) * duration * 1_000_000))
      kill(victim.processIdentifier, SIGKILL)
      victim.waitUntilExit()
      let repair = try Self.nightly(root)
      repair.waitUntilExit()
      #expect([0, 3].contains(repair.terminationStatus), "attempt \(attempt)")
      let state = try Self.state(of: root)
      #expect(
        state == expected,
        "attempt \(attempt): \(zip(state, expected).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "lengths \(state.count) vs \(expected.count)")"
      )
      #expect(try Pipeline(workspace: Workspace(root: root)).verify().allSatisfy(\.passed))
    }
  }

  @Test func aReaderHoldingALongTransactionNeverStopsTheRun() throws {
    let test = try Self.template()
    // An analyst's open read transaction on the warehouse for the whole run.
    let reader = try test.workspace.openWarehouse()
    _ = try reader.query("BEGIN")
    let before = try reader.scalar("SELECT count(*) FROM files")?.int
    let run = try Self.nightly(test.root)
    run.waitUntilExit()
    #expect(run.terminationStatus == 3)
    // The reader still sees the warehouse as it was when its transaction began.
    #expect(try reader.scalar("SELECT count(*) FROM files")?.int == before)
    _ = try reader.query("COMMIT")
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'loaded'") == 4)
  }

  @Test func aReaderInALoopNeverSeesPartOfAFile() throws {
    let test = try Self.template()
    let run = try Self.nightly(test.root)
    var reads = 0
    var filesSeen = 0
    while run.isRunning || reads == 0 {
      // A new connection each time, as an analyst's script would open one.
      let reader = try Warehouse(path: test.workspace.warehouseURL.path)
      let rows =
        (try? reader.query(
          """
          SELECT f.file_id, f.rows_inserted,
            (SELECT count(*) FROM police_uk_street r WHERE r.file_id = f.file_id)
          FROM files f WHERE f.status = 'loaded'
          """)) ?? []
      for row in rows {
        #expect(row[1] == row[2], "file \(row[0]): \(row[2]) of \(row[1]) rows visible")
      }
      filesSeen = max(filesSeen, rows.count)
      reads += 1
    }
    run.waitUntilExit()
    #expect(run.terminationStatus == 3)
    #expect(reads > 1)
  }
}

import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// `made nightly` killed at every step that must survive a crash, and at random moments, then
/// run again, ends exactly where one uninterrupted run does; and a reader holding a long
/// transaction never stops it. `scripts/faults` runs the random check with more kills
/// (`MADE_FAULT_KILLS`).
@Suite struct NightlyFaultTests {
  /// A workspace whose inbox holds, in the order a run takes them: an A&E file carrying NHS
  /// numbers (refused and deleted), four police-uk months, a second copy of one (a duplicate)
  /// and a file to quarantine; an archive folder of 2020 past police-uk's retention, which is
  /// set to end at 2025-01; `settle_seconds = 0` so that a rerun takes everything at once.
  static func template() throws -> TestWorkspace {
    var config = Config.default
    config.nightly.settleSeconds = 0
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let today = calendar.dateComponents([.year, .month], from: Date())
    let monthsSince2025 = ((today.year ?? 2025) - 2025) * 12 + (today.month ?? 1) - 1
    config.feeds["police-uk", default: .init(expectEveryDays: nil)].retentionMonths =
      monthsSince2025
    let test = try TestWorkspace(config: config)
    let old = test.workspace.archive.appendingPathComponent("police-uk/2020/01")
    try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
    try Data("old delivery\n".utf8).write(to: old.appendingPathComponent("0123456789ab-old.csv"))
    try Data(
      """
      NHS Number,ED Site Code,Arrival Date,Arrival Time,Assault Date,Patient Age,Sex
      9995776480,RXR01,01/08/2024,00:37,31/07/2024,19,F

      """.utf8
    ).write(to: test.workspace.inbox.appendingPathComponent("ae-attendances/with-nhs.csv"))
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
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("2025-02-lancashire-street.csv"),
      to: folder.appendingPathComponent("2025-02-lancashire-street-copy.csv"))
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
      SELECT original_name, status, rows_loaded, rows_rejected, duplicate_of IS NOT NULL,
        inbox_path, filed_path
      FROM files ORDER BY original_name, file_id
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
      for file in files.filter({ $0.contains(".") }).sorted() {
        var line = "\(folder)/\(file)"
        if file.hasSuffix(".reason.txt") {
          line +=
            ": "
            + (try String(
              contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file),
              encoding: .utf8))
        }
        state.append(line)
      }
    }
    // Files are archived by the month they were filed in: the same whichever run filed them,
    // unless the runs straddle a month's end.
    state = state.map {
      $0.replacing(/archive\/([a-z-]+)\/20\d\d\/\d\d\//) { "archive/\($0.1)/YYYY/MM/" }
    }
    let packs = root.appendingPathComponent("packs")
    for name in (try? manager.contentsOfDirectory(atPath: packs.path))?.sorted() ?? [] {
      let csv = try PackAudit.entries(packs.appendingPathComponent(name))
        .first { $0.name == "indicators.csv" }
      state.append("\(name): \(String(decoding: csv?.bytes ?? Data(), as: UTF8.self))")
    }
    return state
  }

  static func nightly(_ root: URL, crashAt point: String? = nil) throws -> Process {
    let process = Process()
    process.executableURL = CrashSafetyTests.madeExecutable
    process.arguments = ["nightly", "--quiet", "--workspace", root.path]
    if let point {
      process.environment = ProcessInfo.processInfo.environment.merging(["MADE_CRASH_AT": point]) {
        $1
      }
    }
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

  /// Each step of a run that must survive a crash, with the occurrence to die at: the first
  /// file is the refused health file, the second January, the fourth the duplicate and the
  /// seventh the quarantined one.
  static let crashes = [
    "load-before-commit:2", "file-committed:1", "file-committed:2", "file-committed:4",
    "file-committed:7", "filing-target-recorded:1", "filing-target-recorded:2",
    "filing-target-recorded:4", "filing-target-recorded:7", "file-staged:1", "file-staged:6",
    "file-moved:1", "file-moved:3",
    "file-moved:7", "purge-committed", "aggregate-before-commit", "pack-written:1",
    "pack-written:3", "packs-written", "before-run-report",
  ]

  @Test func aRunKilledAtEachStepIsRepairedByTheNextRun() throws {
    // Every crash point is exercised.
    #expect(
      Set(Self.crashes.map { String($0.prefix { $0 != ":" }) })
        == Set(CrashPoint.allCases.map(\.rawValue)))
    let template = try Self.template()
    let reference = try Self.copy(template, "reference")
    defer { try? FileManager.default.removeItem(at: reference) }
    let whole = try Self.nightly(reference)
    whole.waitUntilExit()
    #expect(whole.terminationStatus == 3)  // the wrong file is quarantined
    let expected = try Self.state(of: reference)
    #expect(expected.contains { $0.hasPrefix("quarantine/police-uk/2025-05-wrong.csv.reason.txt") })
    #expect(
      expected.contains {
        $0.hasPrefix("quarantine/ae-attendances/with-nhs.csv.reason.txt: reason: identifier-in")
      })
    #expect(!expected.contains("quarantine/ae-attendances/with-nhs.csv"))  // deleted
    #expect(expected.contains { $0.contains("|duplicate|0|0|1|NULL|archive/police-uk/") })
    #expect(!expected.contains { $0.contains("old.csv") })  // purged past retention
    #expect(expected.filter { $0.hasSuffix(".zip") || $0.contains(".zip: ") }.count > 3)

    for point in Self.crashes {
      let root = try Self.copy(template, "crash-\(point.replacingOccurrences(of: ":", with: "-"))")
      defer { try? FileManager.default.removeItem(at: root) }
      let victim = try Self.nightly(root, crashAt: point)
      victim.waitUntilExit()
      // It died at that step: a point never reached would let the run finish.
      #expect(victim.terminationReason == .uncaughtSignal, "\(point)")
      #expect(victim.terminationStatus == SIGKILL, "\(point)")
      let repair = try Self.nightly(root)
      repair.waitUntilExit()
      #expect([0, 3].contains(repair.terminationStatus), "\(point)")
      // The report names the interrupted run, and no run is left marked as running.
      let reports = root.appendingPathComponent("reports")
      let names = try FileManager.default.contentsOfDirectory(atPath: reports.path)
        .filter { $0.hasSuffix(".txt") }
      #expect(names.count == 1, "\(point): \(names)")
      let report = try String(
        contentsOf: reports.appendingPathComponent(names.first ?? "none"), encoding: .utf8)
      #expect(report.contains("Interrupted earlier: run 1 (nightly, started "), "\(point)")
      #expect(
        try Warehouse(path: root.appendingPathComponent("warehouse.sqlite").path)
          .scalar("SELECT count(*) FROM runs WHERE status = 'running'")?.int == 0, "\(point)")
      let state = try Self.state(of: root)
      #expect(
        state == expected,
        "\(point): \(zip(state, expected).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "lengths \(state.count) vs \(expected.count)")"
      )
      #expect(try Pipeline(workspace: Workspace(root: root)).verify().allSatisfy(\.passed))
    }
  }

  /// Killed after January's commit (before its move, or after it), the partner then sends
  /// January again, corrected, under the same name: the next run finishes what it can of the
  /// first delivery and loads the second as a new one.
  @Test(arguments: [
    ("file-committed:2", ["loaded|1|NULL", "loaded|1|1"]),
    ("file-moved:2", ["loaded|1|1", "loaded|1|1"]),
  ])
  func aFileReplacedBeforeAnInterruptedFilingIsFinishedIsANewDelivery(
    crash: String, filed: [String]
  ) throws {
    let test = try Self.template()
    let victim = try Self.nightly(test.root, crashAt: crash)
    victim.waitUntilExit()
    #expect(victim.terminationReason == .uncaughtSignal)
    let inbox = test.workspace.inbox.appendingPathComponent("police-uk")
    let january = inbox.appendingPathComponent("2025-01-lancashire-street.csv")
    let original = try String(
      contentsOf: inbox.appendingPathComponent("2025-02-lancashire-street.csv"), encoding: .utf8)
    try Data(original.replacingOccurrences(of: "2025-02", with: "2025-01").utf8).write(to: january)
    let repair = try Self.nightly(test.root)
    repair.waitUntilExit()
    #expect(repair.terminationStatus == 3)
    #expect(
      try test.strings(
        """
        SELECT status, inbox_path IS NULL, filed_path LIKE 'archive/police-uk/%'
        FROM files WHERE original_name = '2025-01-lancashire-street.csv' ORDER BY file_id
        """) == filed)
    #expect(try test.count("SELECT count(*) FROM files WHERE inbox_path IS NOT NULL") == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
    let archived = try #require(
      FileManager.default.enumerator(atPath: test.workspace.archive.path)?.allObjects as? [String])
    #expect(
      archived.filter { $0.hasSuffix("2025-01-lancashire-street.csv") }.count == filed.count
        - filed.filter { $0.hasSuffix("NULL") }.count)
  }

  @Test func theSameBytesResentAfterAnInterruptedFilingAreANewDelivery() throws {
    let test = try Self.template()
    let inbox = test.workspace.inbox.appendingPathComponent("police-uk")
    let wrong = try Data(contentsOf: inbox.appendingPathComponent("2025-05-wrong.csv"))
    // Killed after the wrong file was moved to quarantine, before its note; the partner then
    // sends the same file again.
    let victim = try Self.nightly(test.root, crashAt: "file-moved:7")
    victim.waitUntilExit()
    #expect(victim.terminationReason == .uncaughtSignal)
    try wrong.write(to: inbox.appendingPathComponent("2025-05-wrong.csv"))
    let repair = try Self.nightly(test.root)
    repair.waitUntilExit()
    #expect(repair.terminationStatus == 3)
    // Two deliveries, two rows, two files in quarantine, each with its note.
    #expect(
      try test.strings(
        "SELECT status, filed_path FROM files WHERE original_name = '2025-05-wrong.csv'")
        == [
          "quarantined|quarantine/police-uk/2025-05-wrong.csv",
          "quarantined|quarantine/police-uk/2025-05-wrong.csv.2",
        ])
    let quarantined = try FileManager.default.contentsOfDirectory(
      atPath: test.workspace.quarantine.appendingPathComponent("police-uk").path
    ).sorted()
    #expect(
      quarantined == [
        "2025-05-wrong.csv", "2025-05-wrong.csv.2", "2025-05-wrong.csv.2.reason.txt",
        "2025-05-wrong.csv.reason.txt",
      ])
  }

  @Test func aCopyCutShortIsNeverTakenForTheFiledFile() throws {
    let test = try Self.template()
    let victim = try Self.nightly(test.root, crashAt: "filing-target-recorded:2")
    victim.waitUntilExit()
    #expect(victim.terminationReason == .uncaughtSignal)
    // As a copy to another file system killed halfway leaves it: part of the file at the
    // staging name beside the target, the whole file still in the inbox.
    let target = try #require(
      try test.strings(
        "SELECT filed_path FROM files WHERE original_name = '2025-01-lancashire-street.csv'"
      ).first)
    let delivered = try Data(
      contentsOf: test.workspace.inbox.appendingPathComponent(
        "police-uk/2025-01-lancashire-street.csv"))
    let staging = InboxFiler.staging(for: test.root.appendingPathComponent(target))
    try FileManager.default.createDirectory(
      at: staging.deletingLastPathComponent(), withIntermediateDirectories: true)
    try delivered.prefix(5).write(to: staging)
    let repair = try Self.nightly(test.root)
    repair.waitUntilExit()
    #expect(repair.terminationStatus == 3)
    #expect(try Data(contentsOf: test.root.appendingPathComponent(target)) == delivered)
    #expect(!FileManager.default.fileExists(atPath: staging.path))
    #expect(
      try test.count(
        "SELECT count(*) FROM files WHERE original_name = '2025-01-lancashire-street.csv'") == 1)
  }

  @Test func aFileRemovedByHandBeforeAnInterruptedFilingIsFinishedIsLeftRecorded() throws {
    let test = try Self.template()
    let victim = try Self.nightly(test.root, crashAt: "file-committed:2")
    victim.waitUntilExit()
    #expect(victim.terminationReason == .uncaughtSignal)
    // `made status` says the file is committed but not filed, and by what it will be.
    let status = try runMade(["status", "--workspace", test.root.path]).out
    #expect(
      status.contains(
        "Committed but not yet filed (a run stopped before moving them; the next `made nightly` "
          + "or `made ingest` without file names files them):\n"
          + "  inbox/police-uk/2025-01-lancashire-street.csv"))
    #expect(status.contains("nightly: running"))
    let inbox = test.workspace.inbox.appendingPathComponent("police-uk")
    try FileManager.default.removeItem(
      at: inbox.appendingPathComponent("2025-01-lancashire-street.csv"))
    let repair = try Self.nightly(test.root)
    repair.waitUntilExit()
    #expect(repair.terminationStatus == 3)
    // Its records stay (they were committed); nothing claims it is still in the inbox.
    #expect(
      try test.strings(
        """
        SELECT status, inbox_path IS NULL FROM files
        WHERE original_name = '2025-01-lancashire-street.csv'
        """) == ["loaded|1"])
    #expect(
      try test.count("SELECT count(*) FROM police_uk_street WHERE period_month = '2025-01'") > 0)
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

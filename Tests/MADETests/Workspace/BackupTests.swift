import Foundation
import Testing

@testable import MADE

/// `made backup` / `made restore`: a restored workspace verifies and holds the same values,
/// key and settings; a backup is the committed state whatever a writer is doing; a changed
/// backup or an occupied target is refused.
@Suite struct BackupTests {
  static func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-\(name)-\(UUID().uuidString)")
  }

  static func mode(_ url: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber)
      .intValue
  }

  @Test func aRestoredBackupVerifiesAndHoldsTheSameValuesKeyAndSettings() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    _ = try test.pipeline.export()
    let backup = Self.scratch("backup")
    let restored = Self.scratch("restored")
    defer {
      try? FileManager.default.removeItem(at: backup)
      try? FileManager.default.removeItem(at: restored)
    }
    let manifest = try WorkspaceBackup.backUp(test.workspace, to: backup)
    #expect(manifest.files["secrets/made.key"] != nil && manifest.files["made.toml"] != nil)
    #expect(manifest.files.keys.contains { $0.hasPrefix("packs/") })
    // One self-contained file, private like the key and the backup's folder.
    let files = try FileManager.default.contentsOfDirectory(atPath: backup.path)
    #expect(!files.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") }, "\(files)")
    #expect(try Self.mode(backup) == 0o700)
    #expect(try Self.mode(backup.appendingPathComponent("warehouse.sqlite")) == 0o600)
    #expect(try Self.mode(backup.appendingPathComponent("secrets/made.key")) == 0o600)

    try WorkspaceBackup.restore(from: backup, to: restored, feeds: try FeedCatalog().names)
    let copy = Workspace(root: restored)
    #expect(try Pipeline(workspace: copy).verify().allSatisfy(\.passed))
    let values = """
      SELECT indicator_id, geo_type, geo_code, period_type, period, numerator, denominator,
        value, lower_95, upper_95, comparison, trend, suppressed FROM indicator_values
      ORDER BY 1, 2, 3, 4, 5
      """
    let original = try test.warehouse().query(values)
    #expect(!original.isEmpty)
    #expect(try copy.openWarehouse().query(values) == original)
    #expect(try Data(contentsOf: copy.keyURL) == Data(contentsOf: test.workspace.keyURL))
    #expect(try Self.mode(copy.keyURL) == 0o600)
    #expect(try Data(contentsOf: copy.configURL) == Data(contentsOf: test.workspace.configURL))
    for feed in try FeedCatalog().names {
      #expect(EntryKind(atPath: copy.inbox.appendingPathComponent(feed).path) == .directory)
    }
    // The same key: a resent record gets the pseudonym it had.
    #expect(try copy.loadKey() == test.workspace.loadKey())
  }

  @Test func aBackupHoldsTheCommittedStateWhileAWriterIsMidTransaction() throws {
    let test = try TestWorkspace()
    let before = try test.count("SELECT count(*) FROM audit_log")
    let writer = try SQLiteConnection(path: test.workspace.warehouseURL.path)
    // A committed row still only in the WAL (a copy of the file alone would miss it)...
    try writer.execute("PRAGMA wal_autocheckpoint = 0")
    try writer.execute(
      "INSERT INTO audit_log (at, os_user, host, action, detail, rows) "
        + "VALUES ('now', 'u', 'h', 'committed', 'in the WAL', 1)")
    // ...and one not committed yet.
    try writer.execute("BEGIN IMMEDIATE")
    try writer.execute(
      "INSERT INTO audit_log (at, os_user, host, action, detail, rows) "
        + "VALUES ('now', 'u', 'h', 'mid-transaction', 'not committed', 1)")
    let backup = Self.scratch("backup")
    defer { try? FileManager.default.removeItem(at: backup) }
    try WorkspaceBackup.backUp(test.workspace, to: backup)
    try writer.execute("ROLLBACK")
    let copy = try SQLiteConnection(
      path: backup.appendingPathComponent("warehouse.sqlite").path, readOnly: true)
    #expect(try copy.integer("SELECT count(*) FROM audit_log") == before + 1)
    #expect(try copy.integer("SELECT count(*) FROM audit_log WHERE action = 'committed'") == 1)
  }

  @Test func refusesAChangedBackupAnOccupiedFolderAndAWorkspaceWithoutItsKey() throws {
    let test = try TestWorkspace()
    let backup = Self.scratch("backup")
    let restored = Self.scratch("restored")
    defer {
      try? FileManager.default.removeItem(at: backup)
      try? FileManager.default.removeItem(at: restored)
    }
    try WorkspaceBackup.backUp(test.workspace, to: backup)
    // Into a folder that holds something: refused.
    #expect {
      try WorkspaceBackup.backUp(test.workspace, to: backup)
    } throws: { "\($0)".contains("exists and is not an empty folder") }
    // Over an existing workspace: refused.
    #expect {
      try WorkspaceBackup.restore(from: backup, to: test.root, feeds: [])
    } throws: { "\($0)".contains("exists and is not an empty folder") }
    // A backup changed after it was taken: refused, nothing restored.
    let settings = backup.appendingPathComponent("made.toml")
    try (try String(contentsOf: settings, encoding: .utf8) + "# edited\n")
      .write(to: settings, atomically: true, encoding: .utf8)
    #expect {
      try WorkspaceBackup.restore(from: backup, to: restored, feeds: [])
    } throws: { "\($0)".contains("made.toml is missing or has changed since the backup") }
    #expect(!EntryKind(atPath: restored.path).exists)
    // Not a backup at all.
    #expect {
      try WorkspaceBackup.restore(from: test.root, to: restored, feeds: [])
    } throws: { "\($0)".contains("is not a MADE backup") }
    // A workspace that lost its key cannot be backed up as if whole.
    try FileManager.default.removeItem(at: test.workspace.keyURL)
    #expect {
      try WorkspaceBackup.backUp(test.workspace, to: Self.scratch("nokey"))
    } throws: { "\($0)".contains("made.key is missing") }
  }
}

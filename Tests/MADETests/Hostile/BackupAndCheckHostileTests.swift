import Crypto
import Foundation
import Testing

@testable import MADE

/// Backups, checks and workbooks as a hostile or careless hand would give them (found by a
/// review): a backup.json that climbs out of the restore, hard-linked backups, a backup inside
/// the workspace, a check killed midway, a check without a key, a workbook cell beyond XFD.
@Suite struct BackupAndCheckHostileTests {
  static func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-\(name)-\(UUID().uuidString)")
  }

  @Test func anEditedManifestCannotWriteOutsideTheRestore() throws {
    let test = try TestWorkspace()
    let outer = Self.scratch("outer")
    defer { try? FileManager.default.removeItem(at: outer) }
    let backup = outer.appendingPathComponent("x/y/bk")
    try WorkspaceBackup.backUp(test.workspace, to: backup)
    // A file planted beside the backup, listed with a path that climbs out.
    let planted = outer.appendingPathComponent("x/ESCAPED")
    try Data("payload".utf8).write(to: planted)
    let manifestURL = backup.appendingPathComponent("backup.json")
    var manifest = try JSONDecoder().decode(
      WorkspaceBackup.Manifest.self, from: Data(contentsOf: manifestURL))
    for path in [
      "../../ESCAPED", "/etc/made-escaped", "packs/../../ESCAPED", "secrets/./made.key2",
    ] {
      var edited = manifest
      edited.files[path] = SHA256.hash(data: Data("payload".utf8)).hexString
      try JSONEncoder().encode(edited).write(to: manifestURL)
      let restored = outer.appendingPathComponent("restored-\(path.count)")
      #expect {
        try WorkspaceBackup.restore(from: backup, to: restored, feeds: [])
      } throws: { "\($0)".contains("which is not a file a MADE backup holds") }
      #expect(!EntryKind(atPath: restored.path).exists)
    }
    #expect(!EntryKind(atPath: outer.appendingPathComponent("ESCAPED").path).exists)
    // A packs/ folder that is a link to elsewhere: refused, not followed.
    manifest.files["packs/evil.zip"] = SHA256.hash(data: Data("payload".utf8)).hexString
    try JSONEncoder().encode(manifest).write(to: manifestURL)
    let packs = backup.appendingPathComponent("packs")
    try? FileManager.default.removeItem(at: packs)
    try FileManager.default.createDirectory(
      at: outer.appendingPathComponent("x/elsewhere"), withIntermediateDirectories: true)
    try Data("payload".utf8).write(to: outer.appendingPathComponent("x/elsewhere/evil.zip"))
    try FileManager.default.createSymbolicLink(
      atPath: packs.path, withDestinationPath: outer.appendingPathComponent("x/elsewhere").path)
    #expect {
      try WorkspaceBackup.restore(
        from: backup, to: outer.appendingPathComponent("restored-link"), feeds: [])
    } throws: { "\($0)".contains("packs/evil.zip is missing or has changed") }
  }

  @Test func aBackupOfHardLinksRestoresAndABackupInsideTheWorkspaceIsRefused() throws {
    let test = try TestWorkspace()
    let first = Self.scratch("first")
    let second = Self.scratch("second")
    let restored = Self.scratch("restored")
    defer {
      for url in [first, second, restored] { try? FileManager.default.removeItem(at: url) }
    }
    try WorkspaceBackup.backUp(test.workspace, to: first)
    // Rotated as rsync --link-dest or cp -al would: every file a hard link of the first.
    try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
    for path in try FileManager.default.subpathsOfDirectory(atPath: first.path) {
      let from = first.appendingPathComponent(path)
      let to = second.appendingPathComponent(path)
      if EntryKind(atPath: from.path) == .directory {
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
      } else {
        try FileManager.default.linkItem(at: from, to: to)
      }
    }
    try WorkspaceBackup.restore(from: second, to: restored, feeds: [])
    #expect(try Pipeline(workspace: Workspace(root: restored)).verify().allSatisfy(\.passed))
    #expect {
      try WorkspaceBackup.backUp(
        test.workspace, to: test.workspace.packs.appendingPathComponent("backup"))
    } throws: { "\($0)".contains("is inside the workspace") }
  }

  @Test func aCheckKilledMidwayIsCleanedUpByTheNextAndACheckWithoutAKeySaysWhatIngestWould()
    throws
  {
    let test = try TestWorkspace()
    // What a killed check leaves: a copy named for a process that is gone.
    let left = test.root.appendingPathComponent("\(DeliveryCheck.scratchPrefix)999999-dead")
    try FileManager.default.createDirectory(
      at: left.appendingPathComponent("secrets"), withIntermediateDirectories: true)
    try Data("key".utf8).write(to: left.appendingPathComponent("secrets/made.key"))
    let fixture = Fixtures.url("feeds/police-uk-quirks.csv").path
    _ = try test.pipeline.check(path: fixture, feed: "police-uk")
    #expect(!EntryKind(atPath: left.path).exists)
    let copies = try FileManager.default.contentsOfDirectory(atPath: test.root.path)
      .filter { $0.hasPrefix(DeliveryCheck.scratchPrefix) }
    #expect(copies.isEmpty, "\(copies)")
    // Without the key, the check says what ingest says (the feed needs pseudonyms), rather
    // than pseudonymising with a key of its own.
    let ingest = try TestWorkspace()
    try FileManager.default.removeItem(at: test.workspace.keyURL)
    try FileManager.default.removeItem(at: ingest.workspace.keyURL)
    let checked = try test.pipeline.check(path: fixture, feed: "police-uk")
    let ingested = try ingest.ingest(fixture)
    #expect(checked.outcome.status == ingested.status)
    #expect(checked.outcome.rowsLoaded == ingested.rowsLoaded)
  }

  @Test func aWorkbookCellBeyondXFDIsRefusedNotAllocated() throws {
    let test = try TestWorkspace()
    for reference in ["XFE2", "ZZZZZZ2", "ZZZZZZZZZZZZZZZ2"] {
      let sheet =
        #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ward Code 1</t></is></c></row><row r="2"><c r=""#
        + reference + #"" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
      let book = try Workbook(
        sheets: [(name: "S", rows: [[.shared("Ward Code 1")]])],
        overrides: ["xl/worksheets/sheet1.xml": sheet]
      ).data()
      let path = try test.temporaryFile("far-\(reference.count).xlsx", contents: book)
      #expect {
        try test.pipeline.loadReference(.population, path: path, year: 2023)
      } throws: { "\($0)".contains("a cell beyond Excel's last column, XFD") }
    }
  }
}

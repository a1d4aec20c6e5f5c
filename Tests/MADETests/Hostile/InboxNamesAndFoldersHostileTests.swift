import Foundation
import Testing

@testable import MADE

/// Issue 12, round 2 of the inbox: names that carry control characters are escaped where they
/// are taken, folders no feed reads are named, and hard links are refused unopened.
extension InboxHostileTests {
  /// A workspace whose nightly takes files at once (the binary reads its made.toml).
  static func settledWorkspace() throws -> TestWorkspace {
    var config = Config.default
    config.nightly.settleSeconds = 0
    return try TestWorkspace(config: config)
  }

  /// Text holds no character that moves or colours a terminal (a line break is allowed: it is
  /// checked apart, by the lines a forged name would make).
  static func expectPrintable(_ text: String, _ context: String) {
    let bad = text.unicodeScalars.filter { $0 != "\n" && InboxListing.isUnprintable($0) }
    #expect(bad.isEmpty, "\(context): \(bad.map { String($0.value, radix: 16) })")
  }

  // MARK: Names with control characters

  /// The issue's case, through the `made` binary: an escape sequence and a newline in two
  /// names. Both load under their escaped names; ingest, nightly (and its report) and status
  /// print no control character, and no line begins with what followed the newline.
  @Test func controlCharactersInNamesAreEscapedEverywhereTheNameIsPrinted() throws {
    let test = try Self.settledWorkspace()
    let folder = Self.folder(test)
    try Self.policeUK(rows: 2).write(
      to: folder.appendingPathComponent("ctl\u{1}\u{1B}[31mred.csv"))
    try Self.policeUK(rows: 3, first: 10).write(
      to: folder.appendingPathComponent("new\nOK forged.csv"))
    let ingest = try runMade(["ingest", "--workspace", test.root.path])
    #expect(ingest.status == 0, "\(ingest.err)")
    try Self.policeUK(rows: 1, first: 20).write(
      to: folder.appendingPathComponent("late\u{7F}\u{1B}]0;title\u{7}.csv"))
    let nightly = try runMade(["nightly", "--workspace", test.root.path])
    #expect(nightly.status == 0, "\(nightly.err)")
    let status = try runMade(["status", "--workspace", test.root.path])
    #expect(status.status == 0, "\(status.err)")
    let reports = try FileManager.default.contentsOfDirectory(
      at: test.root.appendingPathComponent("reports"), includingPropertiesForKeys: nil)
    let printed =
      [ingest.out, ingest.err, nightly.out, nightly.err, status.out, status.err]
      + (try reports.map { try String(contentsOf: $0, encoding: .utf8) })
    for text in printed {
      Self.expectPrintable(text, text)
      #expect(!text.split(separator: "\n").contains { $0.hasPrefix("OK forged") }, "\(text)")
    }
    #expect(
      try test.strings("SELECT original_name FROM files ORDER BY file_id") == [
        "ctl%01%1B[31mred.csv", "new%0AOK forged.csv", "late%7F%1B]0;title%07.csv",
      ])
    #expect(try Self.records(test) == 6)
    #expect(status.out.contains("police-uk"))
    #expect(nightly.out.contains("late%7F%1B]0;title%07.csv"))
    try Self.expectVerified(test)
  }

  /// Variants not in the issue: C1 controls (NEL, CSI), the line separator U+2028, a
  /// right-to-left override (shows `txt.exe` as `exe.txt`), a tab, a control beside a literal
  /// `%` (escaped too, so the name can be read back), in inbox/ itself (feed from the header).
  @Test(
    arguments: [
      ("a\u{85}b.csv", "a%C2%85b.csv", "police-uk"),
      ("\u{9B}31mx.csv", "%C2%9B31mx.csv", "police-uk"),
      ("line\u{2028}sep.csv", "line%E2%80%A8sep.csv", "police-uk"),
      ("invoice\u{202E}vsc.exe", "invoice%E2%80%AEvsc.exe", "police-uk"),
      ("tab\there.csv", "tab%09here.csv", "police-uk"),
      ("50%\u{1B}.csv", "50%25%1B.csv", ""),
    ] as [(String, String, String)])
  func anUnprintableCharacterInANameIsEscapedAtTheRename(
    name: String, escaped: String, feed: String
  )
    throws
  {
    let test = try TestWorkspace()
    let folder = Self.folder(test, feed.isEmpty ? nil : feed)
    try Self.policeUK(rows: 4).write(to: folder.appendingPathComponent(name))
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes.map(\.status) == [.loaded])
    #expect(outcomes[0].deliveredName == escaped)
    #expect(try Self.records(test) == 4)
    #expect(try test.strings("SELECT original_name FROM files") == [escaped])
    #expect(try Self.filedPaths(test).first?.hasSuffix(escaped) == true)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  /// A partial upload with a control character keeps its name (its uploader renames it).
  @Test func aPartialUploadWithAControlCharacterIsNotRenamed() throws {
    let test = try TestWorkspace()
    let folder = Self.folder(test)
    let partial = folder.appendingPathComponent("up\u{1B}load.csv.part")
    try Self.policeUK(rows: 2).write(to: partial)
    #expect(try Self.ingestInbox(test).isEmpty)
    #expect(EntryKind(atPath: partial.path) == .regular)
    #expect(try test.count("SELECT count(*) FROM files") == 0)
  }

  /// A symbolic link whose target holds an escape sequence: the reason message (printed by
  /// the nightly report) writes the target escaped.
  @Test func aLinkTargetWithControlCharactersIsEscapedInTheReason() throws {
    let test = try TestWorkspace()
    let link = Self.folder(test).appendingPathComponent("2025-01.csv")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "../x\u{1B}[2J\nOK.csv")
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes[0].reason == .notARegularFile)
    let message = try #require(outcomes[0].message)
    #expect(message.contains("(to ../x%1B[2J%0AOK.csv)"), "\(message)")
    Self.expectPrintable(message, message)
    #expect(!message.contains("\n"))
    try Self.expectVerified(test)
  }

  // MARK: Folders no feed reads

  /// The issue's case: a folder inside a feed folder and two misspelt feed folders. Nothing in
  /// them is read or moved; ingest (exit 0), nightly and status name each, with a count of
  /// what it holds and the feed it most likely meant.
  @Test func foldersNoFeedReadsAreNamedWithTheirFileCountAndTheNearestFeed() throws {
    let test = try Self.settledWorkspace()
    let inbox = test.workspace.inbox
    let placed = [
      "police-uk/sub/inner.csv", "police-ul/a.csv", "Police-UK/b.csv", "Police-UK/c.csv",
    ]
    for path in placed {
      let url = inbox.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Self.policeUK(rows: 2).write(to: url)
    }
    #expect(
      try test.pipeline.strayInboxFolders() == [
        StrayInboxFolder(path: "inbox/Police-UK", files: 2, folders: 0, nearestFeed: "police-uk"),
        StrayInboxFolder(path: "inbox/police-uk/sub", files: 1, folders: 0, nearestFeed: nil),
        StrayInboxFolder(path: "inbox/police-ul", files: 1, folders: 0, nearestFeed: "police-uk"),
      ])
    let ingest = try runMade(["ingest", "--workspace", test.root.path])
    #expect(ingest.status == 0, "\(ingest.err)")
    #expect(!ingest.out.contains("inbox/ is empty"), "\(ingest.out)")
    for line in [
      "WARNING: inbox/police-ul: a folder no feed reads, holding 1 file (not taken); "
        + "did you mean police-uk?",
      "WARNING: inbox/Police-UK: a folder no feed reads, holding 2 files (not taken); "
        + "did you mean police-uk?",
      "WARNING: inbox/police-uk/sub: a folder no feed reads, holding 1 file (not taken)",
    ] {
      #expect(ingest.err.contains(line), "\(ingest.err)")
    }
    let nightly = try runMade(["nightly", "--quiet", "--workspace", test.root.path])
    #expect(nightly.status == 0, "\(nightly.err)")
    #expect(nightly.out.contains("WARNING: inbox/police-ul: a folder no feed reads"))
    let status = try runMade(["status", "--workspace", test.root.path])
    #expect(status.out.contains("WARNING: inbox/police-uk/sub: a folder no feed reads"))
    // Nothing was read, recorded or moved.
    #expect(try test.count("SELECT count(*) FROM files") == 0)
    for path in placed {
      #expect(EntryKind(atPath: inbox.appendingPathComponent(path).path) == .regular)
    }
    try Self.expectVerified(test)
  }

  /// Variants: a folder with no likely feed, an empty folder inside a feed folder, a folder
  /// holding folders, a folder whose name carries an escape sequence (shown escaped, not
  /// renamed), a hidden folder (left alone, like hidden files); the files beside them load.
  @Test func strayFoldersOfEveryShapeAreNamedAndTheFilesBesideThemLoad() throws {
    let test = try TestWorkspace()
    let inbox = test.workspace.inbox
    let manager = FileManager.default
    for path in ["old-stuff/2024/x", "police-uk/empty", "bad\u{1B}[31m", ".hidden"] {
      try manager.createDirectory(
        at: inbox.appendingPathComponent(path), withIntermediateDirectories: true)
    }
    try Self.policeUK(rows: 1).write(to: inbox.appendingPathComponent("old-stuff/a.csv"))
    try Self.policeUK(rows: 3).write(to: inbox.appendingPathComponent("police-uk/2025-01.csv"))
    try Self.policeUK(rows: 2, first: 10).write(to: inbox.appendingPathComponent("2025-02.csv"))
    let stray = try test.pipeline.strayInboxFolders()
    #expect(
      stray == [
        StrayInboxFolder(path: "inbox/bad%1B[31m", files: 0, folders: 0, nearestFeed: nil),
        StrayInboxFolder(path: "inbox/old-stuff", files: 1, folders: 1, nearestFeed: nil),
        StrayInboxFolder(path: "inbox/police-uk/empty", files: 0, folders: 0, nearestFeed: nil),
      ])
    try #require(stray.count == 3)
    #expect(stray[1].warning.contains("holding 1 file and 1 folder"))
    let outcomes = try Self.ingestInbox(test)
    #expect(outcomes.map(\.status) == [.loaded, .loaded])
    #expect(try Self.records(test) == 5)
    #expect(EntryKind(atPath: inbox.appendingPathComponent("bad\u{1B}[31m").path) == .directory)
    let report = try test.pipeline.status().description
    #expect(report.contains("WARNING: inbox/bad%1B[31m: a folder no feed reads"))
    Self.expectPrintable(report, report)
    try Self.expectVerified(test)
  }

  // MARK: Hard links

  /// The issue's case: the workspace key hard-linked into a feed folder. It is quarantined
  /// unopened (not-a-regular-file, no bytes read), the key is untouched and still readable,
  /// and the file beside it loads. Variant: the warehouse itself, hard-linked into inbox/.
  @Test(arguments: ["key", "warehouse"])
  func aHardLinkInTheInboxIsRefusedWithoutBeingOpened(target: String) throws {
    let test = try TestWorkspace()
    let source = target == "key" ? test.workspace.keyURL : test.workspace.warehouseURL
    let folder = Self.folder(test, target == "key" ? "police-uk" : nil)
    let before = try Data(contentsOf: source)
    let linked = folder.appendingPathComponent("0-linked.csv")
    #expect(link(source.path, linked.path) == 0)
    try Self.policeUK(rows: 3).write(to: Self.folder(test).appendingPathComponent("2025-01.csv"))
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 2)
    #expect(outcomes.map(\.status) == [.quarantined, .loaded])
    #expect(outcomes[0].reason == .notARegularFile)
    #expect(outcomes[0].message?.contains("a hard link") == true)
    #expect(
      try test.strings(
        "SELECT status || '|' || bytes || '|' || sha256 FROM files ORDER BY file_id"
      ).first == "quarantined|0|\(String(repeating: "0", count: 64))")
    #expect(try Self.records(test) == 3)
    if target == "key" { #expect(try Data(contentsOf: source) == before) }
    #expect(!EntryKind(atPath: linked.path).exists)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  /// Variant: two names of one file, both in the inbox: neither is taken.
  @Test func twoNamesOfOneFileInTheInboxAreBothRefused() throws {
    let test = try TestWorkspace()
    let folder = Self.folder(test)
    let first = folder.appendingPathComponent("2025-01.csv")
    try Self.policeUK(rows: 3).write(to: first)
    #expect(link(first.path, folder.appendingPathComponent("2025-02.csv").path) == 0)
    let outcomes = try Self.ingestInbox(test)
    #expect(outcomes.map(\.status) == [.quarantined, .quarantined])
    #expect(outcomes.map(\.reason) == [.notARegularFile, .notARegularFile])
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'loaded'") == 0)
    try Self.expectVerified(test)
  }

  /// Variant: the open checks the link count itself (a link made after the listing is
  /// refused), while a path the operator names may have other names.
  @Test func theOpenRefusesAHardLinkFromTheInboxButNotANamedPath() throws {
    let test = try TestWorkspace()
    let file = Self.folder(test).appendingPathComponent("2025-01.csv")
    try Self.policeUK(rows: 3).write(to: file)
    let other = test.root.appendingPathComponent("other-name.csv")
    #expect(link(file.path, other.path) == 0)
    #expect(throws: ExtractError.self) { try DeliveredFile(path: file.path) }
    #expect(try DeliveredFile(path: file.path, followLink: true).size > 0)
    let outcomes = try test.pipeline.ingest(paths: [other.path], feed: "police-uk")
    #expect(outcomes.map(\.status) == [.loaded])
    #expect(try Self.records(test) == 3)
    try Self.expectVerified(test)
  }
}

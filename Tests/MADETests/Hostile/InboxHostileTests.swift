import Foundation
import Testing

@testable import MADE

/// Issue 12, cases 3 and 5: an inbox that cannot be jammed. Only regular files are taken (a
/// link, FIFO, socket or device is moved to quarantine unopened), names the archive cannot
/// hold are shortened, names that are not UTF-8 are seen, one file's filing problem is that
/// file's problem, and every read has a bound. Each case: exact outcomes and counts, `made
/// verify` passing, and a later run that works.
@Suite(.serialized, .timeLimit(.minutes(5))) struct InboxHostileTests {
  // MARK: Helpers

  /// A police-uk delivery of `rows` rows, crime IDs from `first`.
  static func policeUK(rows: Int, first: Int = 1) -> Data {
    var lines = [PoliceUKRows.header]
    for number in first..<(first + rows) { lines.append(PoliceUKRows.row(number)) }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  static func folder(_ test: TestWorkspace, _ feed: String? = "police-uk") -> URL {
    feed.map { test.workspace.inbox.appendingPathComponent($0) } ?? test.workspace.inbox
  }

  /// Writes `contents` under a name given as raw bytes (which need not be UTF-8).
  static func save(_ contents: Data, rawName: [UInt8], in folder: URL) throws {
    let path = Array(folder.path.utf8) + [0x2F] + rawName + [0]
    let descriptor = path.withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    #expect(written == contents.count)
  }

  static func ingestInbox(_ test: TestWorkspace) throws -> [FileOutcome] {
    try test.pipeline.ingest(paths: [], feed: nil)
  }

  /// `made verify` finds nothing wrong.
  static func expectVerified(_ test: TestWorkspace) throws {
    let failed = try test.pipeline.verify().filter { !$0.passed }
    #expect(failed.isEmpty, "\(failed)")
  }

  /// `files` as "status|reason|bytes|original_name" lines, in order.
  static func files(_ test: TestWorkspace) throws -> [String] {
    try test.strings(
      "SELECT status, coalesce(reason, ''), bytes, original_name FROM files ORDER BY file_id")
  }

  static func records(_ test: TestWorkspace) throws -> Int {
    try test.count("SELECT count(*) FROM police_uk_street")
  }

  /// Where each file was filed, by file_id.
  static func filedPaths(_ test: TestWorkspace) throws -> [String] {
    try test.strings("SELECT coalesce(filed_path, '') FROM files ORDER BY file_id").map {
      test.workspace.url(recordedPath: $0).path
    }
  }

  /// A folder outside the workspace with a valid delivery of `rows` rows in it.
  static func outsideFile(rows: Int, first: Int = 1_000) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-outside-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("outside.csv")
    try policeUK(rows: rows, first: first).write(to: file)
    return file
  }

  // MARK: Case 5 and variants: only regular files are taken

  /// The issue's case: a link to a CSV outside the workspace loaded. Now it is moved to
  /// quarantine as a link, its target neither read nor moved, and the real file beside it
  /// loads.
  @Test func aSymlinkToACSVOutsideTheWorkspaceIsQuarantinedUnreadAndTheRestLoads() throws {
    let test = try TestWorkspace()
    let outside = try Self.outsideFile(rows: 7)
    defer { try? FileManager.default.removeItem(at: outside.deletingLastPathComponent()) }
    let folder = Self.folder(test)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("2025-01.csv").path, withDestinationPath: outside.path)
    try Self.policeUK(rows: 5).write(to: folder.appendingPathComponent("2025-02.csv"))

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 2)
    #expect(outcomes.map(\.status) == [.quarantined, .loaded])
    #expect(outcomes[0].reason == .notARegularFile)
    #expect(outcomes[0].message?.contains("a symbolic link (to \(outside.path))") == true)
    #expect(try Self.records(test) == 5)
    #expect(
      try Self.files(test) == [
        "quarantined|not-a-regular-file|0|2025-01.csv",
        "loaded||\(Self.policeUK(rows: 5).count)|2025-02.csv",
      ])
    // The link itself went to quarantine; its target is where it was, whole.
    let quarantined = test.workspace.quarantine.appendingPathComponent("police-uk/2025-01.csv")
    #expect(EntryKind(atPath: quarantined.path) == .symbolicLink)
    #expect(EntryKind(atPath: quarantined.path + ".reason.txt") == .regular)
    #expect(try Data(contentsOf: outside) == Self.policeUK(rows: 7, first: 1_000))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  /// Variants: a link to a device, a dangling link, a link to a folder, a link to itself, a
  /// FIFO and a device node: each is refused without being opened (none of them can hang
  /// the run), moved to quarantine, and the file beside them loads.
  @Test(arguments: ["/dev/zero", "dangling", "folder", "loop", "fifo", "device"])
  func anEntryThatIsNotARegularFileIsQuarantinedWithoutBeingOpened(kind: String) throws {
    let test = try TestWorkspace()
    let folder = Self.folder(test)
    let entry = folder.appendingPathComponent("2025-01.csv")
    switch kind {
    case "dangling":
      try FileManager.default.createSymbolicLink(
        atPath: entry.path, withDestinationPath: "/nonexistent/\(UUID().uuidString).csv")
    case "folder":
      try FileManager.default.createSymbolicLink(atPath: entry.path, withDestinationPath: "/etc")
    case "loop":
      try FileManager.default.createSymbolicLink(
        atPath: entry.path, withDestinationPath: entry.path)
    case "fifo":
      #expect(mkfifo(entry.path, 0o644) == 0)
    case "device":
      #expect(DiskFaultTests.shell("mknod", entry.path, "c", "1", "5") == 0)  // as /dev/zero
    default:
      try FileManager.default.createSymbolicLink(atPath: entry.path, withDestinationPath: kind)
    }
    let before = EntryKind(atPath: entry.path)
    try Self.policeUK(rows: 3).write(to: folder.appendingPathComponent("2025-02.csv"))

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 2)
    #expect(outcomes.map(\.status) == [.quarantined, .loaded])
    #expect(outcomes[0].reason == .notARegularFile)
    #expect(try Self.records(test) == 3)
    #expect(
      try test.count("SELECT count(*) FROM files WHERE bytes = 0 AND status = 'quarantined'") == 1)
    let quarantined = test.workspace.quarantine.appendingPathComponent("police-uk/2025-01.csv")
    #expect(EntryKind(atPath: quarantined.path) == before)
    #expect(EntryKind(atPath: quarantined.path + ".reason.txt") == .regular)
    #expect(!EntryKind(atPath: entry.path).exists)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  /// Variant: a link directly in inbox/ (feed unknown) goes to quarantine/unknown/.
  @Test func aSymlinkDirectlyInTheInboxIsQuarantinedUnderUnknown() throws {
    let test = try TestWorkspace()
    try FileManager.default.createSymbolicLink(
      atPath: Self.folder(test, nil).appendingPathComponent("passwd.csv").path,
      withDestinationPath: "/etc/passwd")
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes.map(\.status) == [.quarantined])
    #expect(outcomes[0].feed == nil)
    #expect(
      EntryKind(atPath: test.workspace.quarantine.appendingPathComponent("unknown/passwd.csv").path)
        == .symbolicLink)
    #expect(try Self.files(test) == ["quarantined|not-a-regular-file|0|passwd.csv"])
    try Self.expectVerified(test)
  }

  /// A path named on the command line may be a link the operator chose: it is read through
  /// (and `files.bytes` is the file's size, not the link's length); but it must end in a
  /// regular file, and a FIFO or /dev/zero is refused at once.
  @Test func aNamedPathMayBeALinkButMustEndInARegularFile() throws {
    let test = try TestWorkspace()
    let outside = try Self.outsideFile(rows: 4)
    defer { try? FileManager.default.removeItem(at: outside.deletingLastPathComponent()) }
    let link = test.root.appendingPathComponent("latest.csv")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.path)
    let outcome = try test.ingest(link.path)
    #expect(outcome.status == .loaded)
    #expect(try Self.records(test) == 4)
    #expect(try Self.files(test) == ["loaded||\(try Data(contentsOf: outside).count)|latest.csv"])

    let fifo = test.root.appendingPathComponent("pipe.csv")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    for path in [fifo.path, "/dev/zero"] {
      #expect(throws: UsageError.self) { try test.ingest(path) }
      let result = try runMade([
        "ingest", path, "--feed", "police-uk", "--workspace", test.root.path,
      ])
      #expect(result.status == 2, "\(result.err)")
      #expect(result.err.contains("not a regular file"), "\(result.err)")
    }
    #expect(try test.count("SELECT count(*) FROM files") == 1)
    try Self.expectVerified(test)
  }

  /// The open itself refuses what is not a regular file, so a file swapped for a link or a
  /// FIFO after it was listed is not read either.
  @Test func theOpenRefusesALinkAndAFIFOWhateverTheListingSaw() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-open-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let link = folder.appendingPathComponent("link.csv")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
    let fifo = folder.appendingPathComponent("fifo.csv")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    #expect(throws: ExtractError.notRegularFile(path: link.path, kind: "a symbolic link")) {
      try DeliveredFile(path: link.path)
    }
    #expect(
      throws: ExtractError.notRegularFile(path: link.path, kind: "a character device")
    ) { try DeliveredFile(path: link.path, followLink: true) }
    #expect(throws: ExtractError.notRegularFile(path: fifo.path, kind: "a FIFO (named pipe)")) {
      try DeliveredFile(path: fifo.path, followLink: true)
    }
  }

  // MARK: Case 3: names the archive cannot hold

  /// The issue's case (a 240-byte name) and variants at 250 and 255 bytes, and a two-byte
  /// UTF-8 name at the limit: each loads, is filed under a shortened name that keeps its
  /// extension, `files.original_name` keeps the name as delivered, and later runs work.
  @Test(arguments: [240, 250, 255])
  func aLongNameLoadsAndIsFiledUnderAShortenedName(length: Int) throws {
    let test = try TestWorkspace()
    let name = String(repeating: "n", count: length - 4) + ".csv"
    try Self.policeUK(rows: 6).write(to: Self.folder(test).appendingPathComponent(name))
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes.map(\.status) == [.loaded])
    #expect(outcomes[0].filingProblem == nil)
    #expect(try Self.records(test) == 6)
    #expect(try test.strings("SELECT original_name FROM files") == [name])
    let filed = try #require(Self.filedPaths(test).first)
    #expect(EntryKind(atPath: filed) == .regular)
    let filedName = URL(fileURLWithPath: filed).lastPathComponent
    #expect(filedName.hasSuffix(".csv"))
    #expect(filedName.utf8.count <= 255 - FiledName.filingAddition)
    #expect(try Data(contentsOf: URL(fileURLWithPath: filed)) == Self.policeUK(rows: 6))
    try Self.expectVerified(test)

    // Later runs: the same name again (new rows) loads and files beside it.
    try Self.policeUK(rows: 2, first: 50).write(to: Self.folder(test).appendingPathComponent(name))
    #expect(try Self.ingestInbox(test).map(\.status) == [.loaded])
    #expect(try Self.records(test) == 8)
    #expect(Set(try Self.filedPaths(test)).count == 2)
    #expect(try Self.ingestInbox(test).isEmpty)
    try Self.expectVerified(test)
  }

  @Test func aMultiByteNameNearTheLimitAndAQuarantinedLongNameFile() throws {
    let test = try TestWorkspace()
    let accented = String(repeating: "é", count: 125) + ".csv"  // 254 bytes
    let empty = String(repeating: "q", count: 251) + ".csv"  // 255 bytes, quarantined
    #expect(accented.utf8.count == 254)
    try Self.policeUK(rows: 3).write(to: Self.folder(test).appendingPathComponent(accented))
    try Data().write(to: Self.folder(test).appendingPathComponent(empty))
    let outcomes = try Self.ingestInbox(test)
    #expect(Set(outcomes.map(\.status)) == [.loaded, .quarantined])
    #expect(outcomes.allSatisfy { $0.filingProblem == nil })
    #expect(try Self.records(test) == 3)
    #expect(Set(try test.strings("SELECT original_name FROM files")) == [accented, empty])
    for path in try Self.filedPaths(test) {
      #expect(EntryKind(atPath: path) == .regular)
      #expect(URL(fileURLWithPath: path).lastPathComponent.utf8.count <= 235)
    }
    let quarantined = try #require(
      test.strings("SELECT filed_path FROM files WHERE status = 'quarantined'").first)
    #expect(
      EntryKind(atPath: test.workspace.url(recordedPath: quarantined).path + ".reason.txt")
        == .regular)
    // The same quarantined name again: numbered beside the first, still within the limit.
    try Data().write(to: Self.folder(test).appendingPathComponent(empty))
    #expect(try Self.ingestInbox(test).map(\.status) == [.quarantined])
    #expect(Set(try Self.filedPaths(test)).count == 3)
    #expect(try Self.ingestInbox(test).isEmpty)
    try Self.expectVerified(test)
  }

  @Test func shortenedNamesKeepTheirExtensionAndStayApart() {
    let long = String(repeating: "a", count: 300)
    let first = FiledName.fitting(long + "-1.csv.gz", budget: 100)
    let second = FiledName.fitting(long + "-2.csv.gz", budget: 100)
    #expect(first.utf8.count <= 100)
    #expect(first.hasSuffix(".csv.gz"))
    #expect(first != second)
    #expect(FiledName.fitting("short.csv", budget: 100) == "short.csv")
    let multiByte = FiledName.fitting(String(repeating: "€", count: 90) + ".csv", budget: 50)
    #expect(multiByte.utf8.count <= 50)
    #expect(multiByte.hasPrefix("€"))
  }

  // MARK: Case 3: one file's filing problem is that file's problem

  /// Variant: a folder where the archive name would go. The delivery is filed beside it,
  /// never taken for "the same bytes already filed" (which deleted it).
  @Test func aFolderNamedLikeTheArchiveTargetIsStepppedAround() throws {
    let test = try TestWorkspace()
    let contents = Self.policeUK(rows: 4)
    let digest = try DeliveredFile(
      path: test.temporaryFile("digest.csv", contents: contents)
    ).readToEndAndDigest()
    let now = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC")!, from: Date())
    let month = test.workspace.archive.appendingPathComponent(
      String(format: "police-uk/%04d/%02d", now.year!, now.month!))
    let blocker = month.appendingPathComponent("\(digest.prefix(12))-2025-01.csv")
    try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
    try contents.write(to: Self.folder(test).appendingPathComponent("2025-01.csv"))

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes.map(\.status) == [.loaded])
    #expect(outcomes[0].filingProblem == nil)
    let filed = try #require(Self.filedPaths(test).first)
    #expect(filed == blocker.path + ".2")
    #expect(try Data(contentsOf: URL(fileURLWithPath: filed)) == contents)
    #expect(try Self.records(test) == 4)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  /// Variant: a file where the archive's feed folder should be. The delivery loads (once),
  /// stays in the inbox with the reason, the other files are filed, the run exits 2 rather
  /// than 1, and every later run works; once the blocker is gone the next run files it.
  @Test func aFilingThatFailsBlocksOnlyItsOwnFile() throws {
    var config = Config.default
    config.nightly.settleSeconds = 0
    let test = try TestWorkspace(config: config)
    let blocker = test.workspace.archive.appendingPathComponent("police-uk")
    try Data("not a folder".utf8).write(to: blocker)
    let inbox = Self.folder(test)
    try Self.policeUK(rows: 5).write(to: inbox.appendingPathComponent("2025-01.csv"))
    try Data().write(to: inbox.appendingPathComponent("2025-02.csv"))  // quarantined: filed

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 2)
    #expect(outcomes.map(\.status) == [.loaded, .quarantined])
    #expect(outcomes[0].filingProblem?.contains(blocker.path) == true, "\(outcomes[0])")
    #expect(outcomes[1].filingProblem == nil)
    #expect(EntryKind(atPath: inbox.appendingPathComponent("2025-01.csv").path) == .regular)
    #expect(try Self.records(test) == 5)
    try Self.expectVerified(test)

    // The command line: exit 2 with the reason, never "internal error"; nothing loaded twice.
    let again = try runMade(["ingest", "--workspace", test.root.path])
    #expect(again.status == 2, "\(again.err)")
    #expect(again.err.contains("NOT FILED"), "\(again.err)")
    #expect(!again.err.contains("internal error"))
    try Self.policeUK(rows: 2, first: 90).write(to: inbox.appendingPathComponent("2025-03.csv"))
    let nightly = try runMade(["nightly", "--quiet", "--workspace", test.root.path])
    #expect(nightly.status == 2, "\(nightly.err)\(nightly.out)")
    #expect(try Self.records(test) == 7)
    #expect(try test.count("SELECT count(*) FROM files") == 3)

    try FileManager.default.removeItem(at: blocker)
    let repaired = try Self.ingestInbox(test)
    #expect(repaired.count == 2)
    #expect(repaired.allSatisfy { $0.filingProblem == nil && $0.filedAfterInterruption })
    #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
    #expect(try Self.records(test) == 7)
    #expect(try test.count("SELECT count(*) FROM files WHERE inbox_path IS NOT NULL") == 0)
    try Self.expectVerified(test)
  }

  static let canMakeImmutable: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-chattr-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    defer {
      DiskFaultTests.shell("chattr", "-i", probe.path)
      try? FileManager.default.removeItem(at: probe)
    }
    guard DiskFaultTests.shell("chattr", "+i", probe.path) == 0 else {
      print("note: an immutable-folder test skipped: chattr +i does not work here")
      return false
    }
    return !FileManager.default.createFile(
      atPath: probe.appendingPathComponent("x").path, contents: Data())
  }()

  /// Variant: a quarantine folder nobody may write (immutable, which binds root too). The
  /// refused file stays in the inbox with the reason; the good file loads and is archived;
  /// once writable again, the next run files it.
  @Test(.enabled(if: canMakeImmutable, "chattr +i does not work here"))
  func aQuarantineFolderThatCannotBeWrittenBlocksOnlyItsFile()
    throws
  {
    let test = try TestWorkspace()
    let locked = test.workspace.quarantine.appendingPathComponent("police-uk")
    try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
    #expect(DiskFaultTests.shell("chattr", "+i", locked.path) == 0)
    defer { DiskFaultTests.shell("chattr", "-i", locked.path) }
    let inbox = Self.folder(test)
    try Data().write(to: inbox.appendingPathComponent("2025-01.csv"))
    try Self.policeUK(rows: 3).write(to: inbox.appendingPathComponent("2025-02.csv"))

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 2)
    #expect(outcomes.map(\.status) == [.quarantined, .loaded])
    #expect(outcomes[0].filingProblem != nil)
    #expect(outcomes[1].filingProblem == nil)
    #expect(try Self.records(test) == 3)
    try Self.expectVerified(test)

    #expect(DiskFaultTests.shell("chattr", "-i", locked.path) == 0)
    let repaired = try Self.ingestInbox(test)
    try #require(repaired.count == 1)
    #expect(repaired.map(\.status) == [.quarantined])
    #expect(repaired[0].filingProblem == nil)
    #expect(
      EntryKind(atPath: locked.appendingPathComponent("2025-01.csv.reason.txt").path) == .regular)
    #expect(try test.count("SELECT count(*) FROM files") == 2)
    try Self.expectVerified(test)
  }

  // MARK: Case 3: names that are not UTF-8

  /// The issue's case (a Windows-1252 é) and variants: 0xFF with a literal %, a name in
  /// inbox/ itself (feed from the header), an over-long sequence, and a name so long that
  /// its escaped form must be shortened. Each is seen, renamed in place to its escaped form,
  /// loaded and recorded under that name.
  @Test(
    arguments: [
      ([0x63, 0x61, 0x66, 0xE9] + Array(".csv".utf8), "caf%E9.csv", "police-uk"),
      ([0xFF] + Array("100%.csv".utf8), "%FF100%25.csv", "police-uk"),
      (Array("r\u{e9}sum".utf8) + [0xE9, 0x2E, 0x63, 0x73, 0x76], "r\u{e9}sum%E9.csv", ""),
      ([0xC0, 0xAF] + Array("x.csv".utf8), "%C0%AFx.csv", "police-uk"),
    ] as [([UInt8], String, String)])
  func aNameThatIsNotUTF8IsSeenAndRecordedEscaped(raw: [UInt8], escaped: String, feed: String)
    throws
  {
    let test = try TestWorkspace()
    let folder = Self.folder(test, feed.isEmpty ? nil : feed)
    try Self.save(Self.policeUK(rows: 4), rawName: raw, in: folder)
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 1)
    #expect(outcomes.map(\.status) == [.loaded])
    #expect(outcomes[0].feed == "police-uk")
    #expect(try Self.records(test) == 4)
    #expect(try test.strings("SELECT original_name FROM files") == [escaped])
    #expect(EntryKind(atPath: try #require(Self.filedPaths(test).first)) == .regular)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
        $0.hasSuffix(".csv")
      }.isEmpty)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  @Test func aLongNonUTF8NameIsEscapedShortenedAndKeptApartFromAnEscapedTwin() throws {
    let test = try TestWorkspace()
    let folder = Self.folder(test)
    // 240 bytes of 0xE9 escape to 720 characters: shortened to fit, extension kept.
    try Self.save(
      Self.policeUK(rows: 2), rawName: Array(repeating: 0xE9, count: 240) + Array(".csv".utf8),
      in: folder)
    // A valid name already equal to another's escaped form: the raw one is numbered.
    try Self.policeUK(rows: 3, first: 10).write(to: folder.appendingPathComponent("a%E9.csv"))
    try Self.save(
      Self.policeUK(rows: 1, first: 20), rawName: [0x61, 0xE9] + Array(".csv".utf8), in: folder)
    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 3)
    #expect(outcomes.map(\.status) == [.loaded, .loaded, .loaded])
    #expect(try Self.records(test) == 6)
    let names = try test.strings("SELECT original_name FROM files")
    #expect(Set(names).count == 3)
    #expect(names.contains("a%E9.csv"))
    #expect(names.contains("a%E9-2.csv"))
    #expect(names.allSatisfy { $0.utf8.count <= 255 && $0.hasSuffix(".csv") })
    try Self.expectVerified(test)
  }

  /// A partial upload under a name that is not UTF-8 is neither taken nor renamed, so that
  /// its uploader can still rename it when done; then it is taken.
  @Test func aPartialUploadWithANonUTF8NameIsLeftAsItIs() throws {
    let test = try TestWorkspace()
    let folder = Self.folder(test)
    let partial: [UInt8] = [0x2E, 0x63, 0x61, 0x66, 0xE9] + Array(".csv.part".utf8)
    try Self.save(Self.policeUK(rows: 2), rawName: partial, in: folder)
    #expect(try Self.ingestInbox(test).isEmpty)
    let stillThere = (Array(folder.path.utf8) + [0x2F] + partial + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { access($0.baseAddress!, F_OK) }
    }
    #expect(stillThere == 0)
    #expect(try test.count("SELECT count(*) FROM files") == 0)
  }

  // MARK: Every read has a bound

  /// A gzip bomb: inflating past `[ingest] max_inflated_bytes` quarantines the file
  /// (`gzip-too-large`), nothing from it is loaded, and the file beside it loads. Variants:
  /// several members that only together pass the bound, and one just under it, which loads.
  @Test func aGzipThatInflatesPastTheBoundIsQuarantined() throws {
    var config = Config.default
    config.ingest.maxInflatedBytes = 1 << 20
    let test = try TestWorkspace(config: config)
    let folder = Self.folder(test)
    func gzip(_ data: Data, _ name: String) throws -> Data {
      let plain = test.root.appendingPathComponent(name)
      try data.write(to: plain)
      #expect(DiskFaultTests.shell("gzip", "-f", plain.path) == 0)
      return try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
    }
    let rowBytes = PoliceUKRows.row(1).utf8.count + 2
    let big = try gzip(Self.policeUK(rows: (3 << 20) / rowBytes), "big.csv")  // ~3 MiB
    #expect(big.count < 1 << 20)
    try big.write(to: folder.appendingPathComponent("2025-01.csv.gz"))
    // Two members of ~0.6 MiB each: 1.2 MiB together.
    let half = (600 << 10) / rowBytes
    var members = try gzip(Self.policeUK(rows: half, first: 500_000), "m1.csv")
    var second = Self.policeUK(rows: half, first: 600_000)
    second = second.suffix(from: second.firstIndex(of: 0x0A)! + 1)  // rows only
    members += try gzip(second, "m2.csv")
    try members.write(to: folder.appendingPathComponent("2025-02.csv.gz"))
    let under = (900 << 10) / rowBytes
    try gzip(Self.policeUK(rows: under, first: 700_000), "under.csv").write(
      to: folder.appendingPathComponent("2025-03.csv.gz"))

    let outcomes = try Self.ingestInbox(test)
    try #require(outcomes.count == 3)
    #expect(outcomes.map(\.status) == [.quarantined, .quarantined, .loaded])
    #expect(outcomes.prefix(2).allSatisfy { $0.reason == .gzipTooLarge })
    #expect(outcomes[0].message?.contains("max_inflated_bytes") == true)
    #expect(try Self.records(test) == under)
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'loaded'") == 1)
    try Self.expectVerified(test)
    #expect(try Self.ingestInbox(test).isEmpty)
  }

  @Test func maxInflatedBytesHasARange() throws {
    let test = try TestWorkspace(loadReference: false)
    for value in ["1000", "2199023255552"] {
      let text = try String(contentsOf: test.workspace.configURL, encoding: .utf8)
        .replacingOccurrences(
          of: #"max_inflated_bytes = \d+"#, with: "max_inflated_bytes = \(value)",
          options: .regularExpression)
      try text.write(to: test.workspace.configURL, atomically: true, encoding: .utf8)
      #expect(throws: ConfigurationError.self) { try test.workspace.loadConfig() }
    }
  }

  /// A file still growing while it is read is not loaded from a prefix: it is left for the
  /// next run (`UnsettledFile`), which reads it whole.
  @Test func aFileThatChangesWhileReadIsUnsettled() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile("growing.csv", contents: Self.policeUK(rows: 3))
    let file = try DeliveredFile(path: path)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data((PoliceUKRows.row(9) + "\r\n").utf8))
    try handle.close()
    #expect(throws: UnsettledFile.self) { try file.readToEndAndDigest() }
    // Read whole next time.
    #expect(try DeliveredFile(path: path).readToEndAndDigest().count == 64)
  }
}

/// Issue 12, case 10: a workspace this user cannot write (a read-only mount, another user's
/// workspace) or cannot read. Every command says which path and what to do, exits 2, never
/// "internal error"; the commands that only read (status, verify, rejects) work wherever the
/// warehouse can be read. Tests run as root, which bypasses mode bits: a read-only tmpfs
/// stands for the mount, and `made` is run as `nobody` (setpriv) for the permission cases;
/// each is skipped, with a note, where the machine does not allow it.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ReadOnlyWorkspaceHostileTests {
  static let canRunAsNobody: Bool = {
    let ok =
      DiskFaultTests.shell(
        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        CrashSafetyTests.madeExecutable.path, "--version") == 0
    if !ok { print("note: permission tests skipped: cannot run made as nobody (setpriv)") }
    return ok
  }()

  /// Runs `made` as nobody (uid 65534).
  static func runMadeAsNobody(_ arguments: [String]) throws -> (
    status: Int32, out: String, err: String
  ) {
    try runMade(
      arguments, through: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
  }

  /// A workspace with one loaded police-uk file (3 rows, one rejected) and one waiting.
  static func loadedWorkspace(root: URL? = nil) throws -> TestWorkspace {
    var config = Config.default
    config.nightly.settleSeconds = 0
    let test = try TestWorkspace(config: config, root: root)
    let rows = [PoliceUKRows.header, PoliceUKRows.row(1), PoliceUKRows.row(2), "x,y"]
    let first = test.workspace.inbox.appendingPathComponent("police-uk/2025-01.csv")
    try Data((rows.joined(separator: "\r\n") + "\r\n").utf8).write(to: first)
    #expect(try test.pipeline.ingest(paths: [], feed: nil).map(\.status) == [.loaded])
    try InboxHostileTests.policeUK(rows: 4, first: 10).write(
      to: test.workspace.inbox.appendingPathComponent("police-uk/2025-02.csv"))
    return test
  }

  static func expectClearRefusal(
    _ result: (status: Int32, out: String, err: String), naming path: String, advice: String
  ) {
    #expect(result.status == 2, "\(result.err)")
    #expect(!result.err.contains("internal error"), "\(result.err)")
    #expect(result.err.contains(path), "\(result.err)")
    #expect(result.err.contains(advice), "\(result.err)")
  }

  /// The issue's case: a read-only mount. status, verify and rejects work; every writer exits
  /// 2 naming the path and the mount; after remounting read-write the next run completes.
  @Test(.enabled(if: DiskFaultTests.canMount, "cannot mount a tmpfs here (needs root)"))
  func aReadOnlyMountLetsTheReadersWorkAndTheWritersSayWhy()
    throws
  {
    let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-ro-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
    #expect(
      DiskFaultTests.shell("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mountPoint.path) == 0)
    defer {
      DiskFaultTests.shell("umount", mountPoint.path)
      try? FileManager.default.removeItem(at: mountPoint)
    }
    let test = try Self.loadedWorkspace(root: mountPoint.appendingPathComponent("ws"))
    let root = test.root.path
    #expect(DiskFaultTests.shell("mount", "-o", "remount,ro", mountPoint.path) == 0)

    let status = try runMade(["status", "--workspace", root])
    #expect(status.status == 0, "\(status.err)")
    #expect(status.out.contains("police-uk"))
    let verify = try runMade(["verify", "--workspace", root])
    #expect(verify.status == 0, "\(verify.err)\(verify.out)")
    let rejects = try runMade(["rejects", "--workspace", root])
    #expect(rejects.status == 0, "\(rejects.err)")
    #expect(rejects.out.contains("1 of 3 rows rejected"), "\(rejects.out)")
    for command in [["ingest"], ["aggregate"], ["nightly"], ["export"], ["purge"]] {
      Self.expectClearRefusal(
        try runMade(command + ["--workspace", root]), naming: root, advice: "check the mount")
    }
    #expect(DiskFaultTests.shell("mount", "-o", "remount,rw", mountPoint.path) == 0)
    #expect(try runMade(["nightly", "--quiet", "--workspace", root]).status == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 6)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  /// Variant: another user, who may not read the warehouse (mode 0600): every reader says so
  /// and names the owner; writers cannot take the workspace.
  @Test(.enabled(if: canRunAsNobody, "cannot run made as nobody (setpriv)"))
  func aWarehouseThisUserCannotReadIsNamed() throws {
    let test = try Self.loadedWorkspace()
    let root = test.root.path
    for command in [["status"], ["verify"], ["rejects"], ["rejects", "--file", "1"]] {
      Self.expectClearRefusal(
        try Self.runMadeAsNobody(command + ["--workspace", root]),
        naming: test.workspace.warehouseURL.path, advice: "owner (root)")
    }
    for command in [["ingest"], ["nightly"], ["aggregate"]] {
      Self.expectClearRefusal(
        try Self.runMadeAsNobody(command + ["--workspace", root]), naming: root,
        advice: "owner (root)")
    }
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 2)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  /// Variant: a warehouse this user may read in a folder they may not write (no `-shm` can
  /// be made): the readers work from the file as it is; the writers say why they cannot.
  @Test(.enabled(if: canRunAsNobody, "cannot run made as nobody (setpriv)"))
  func aReadableWarehouseInAFolderThisUserCannotWriteCanBeRead()
    throws
  {
    let test = try Self.loadedWorkspace()
    let root = test.root.path
    #expect(chmod(test.workspace.warehouseURL.path, 0o644) == 0)
    let status = try Self.runMadeAsNobody(["status", "--workspace", root])
    #expect(status.status == 0, "\(status.err)")
    let verify = try Self.runMadeAsNobody(["verify", "--workspace", root])
    #expect(verify.status == 0, "\(verify.err)\(verify.out)")
    let rejects = try Self.runMadeAsNobody(["rejects", "--file", "1", "--workspace", root])
    #expect(rejects.status == 0, "\(rejects.err)")
    #expect(rejects.out.contains("line 4"), "\(rejects.out)")
    Self.expectClearRefusal(
      try Self.runMadeAsNobody(["ingest", "--workspace", root]),
      naming: root + "/.made.lock", advice: "owner (root)")
    // The owner's next run completes.
    #expect(try runMade(["nightly", "--quiet", "--workspace", root]).status == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 6)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  /// Variant: the owner's run is under way (its `-wal` and `-shm` are there). A reader who
  /// may read them sees the warehouse with the latest changes; one who may read only the
  /// warehouse file is told so, rather than shown figures without the latest changes.
  @Test(.enabled(if: canRunAsNobody, "cannot run made as nobody (setpriv)"))
  func aReaderNeverSeesAWarehouseWithoutItsLatestChanges()
    throws
  {
    let test = try Self.loadedWorkspace()
    let root = test.root.path
    let warehouse = try test.warehouse()  // held open: its WAL stays
    try warehouse.audit(action: "test", detail: "a change in the WAL", rows: 1)
    let path = test.workspace.warehouseURL.path
    #expect(chmod(path, 0o644) == 0)
    Self.expectClearRefusal(
      try Self.runMadeAsNobody(["verify", "--workspace", root]), naming: path + "-wal",
      advice: "owner (root)")
    #expect(chmod(path + "-wal", 0o644) == 0)
    #expect(chmod(path + "-shm", 0o644) == 0)
    let verify = try Self.runMadeAsNobody(["verify", "--workspace", root])
    #expect(verify.status == 0, "\(verify.err)\(verify.out)")
    withExtendedLifetime(warehouse) {}
  }

  /// Variant: secrets/ this user cannot read, in a workspace they may otherwise write. A feed
  /// with identifiers is not loaded, with the key's path and the reason (never "no key: run
  /// made init", which would make a key that links nothing); other feeds load.
  @Test(.enabled(if: canRunAsNobody, "cannot run made as nobody (setpriv)"))
  func anUnreadableKeyStopsOnlyTheFeedsThatNeedIt() throws {
    let test = try Self.loadedWorkspace()
    let crimes = try String(
      contentsOf: Fixtures.url("feeds/police-crimes-small.csv"), encoding: .utf8)
    try crimes.write(
      to: test.workspace.inbox.appendingPathComponent("police-crimes/2025-01.csv"),
      atomically: true, encoding: .utf8)
    #expect(DiskFaultTests.shell("chmod", "-R", "a+rwX", test.root.path) == 0)
    #expect(chmod(test.workspace.keyURL.deletingLastPathComponent().path, 0o700) == 0)
    let result = try Self.runMadeAsNobody(["ingest", "--workspace", test.root.path])
    #expect(result.status == 2, "\(result.err)")
    #expect(result.err.contains("NOT LOADED"), "\(result.err)")
    #expect(result.err.contains(test.workspace.keyURL.path), "\(result.err)")
    #expect(!result.err.contains("internal error"))
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 6)
    #expect(try test.count("SELECT count(*) FROM files WHERE feed = 'police-crimes'") == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: test.workspace.inbox.appendingPathComponent("police-crimes/2025-01.csv").path))
    // The owner loads it.
    #expect(try test.pipeline.ingest(paths: [], feed: nil).map(\.status) == [.loaded])
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }
}

import Crypto
import Foundation

/// `made backup` and `made restore`: what a workspace needs to come back on another machine —
/// the warehouse (a consistent copy taken while nightly and readers run), the key that makes
/// the pseudonyms (without it, a resent record would get a new pseudonym), `made.toml`, the
/// workspace's own feed schemas and the packs `pack_files` records — each with its SHA-256 in
/// `backup.json`, so a restore refuses a backup that changed.
///
/// Not in a backup: `inbox/` (deliveries not yet taken), `archive/` and `quarantine/` (the
/// partners' original files, as large as every delivery; back them up with the file system
/// if your retention policy needs them).
public enum WorkspaceBackup {
  public struct Manifest: Codable, Sendable, Equatable {
    public var madeVersion: String
    /// When the backup was taken (ISO 8601, UTC).
    public var createdAt: String
    /// Each file's path in the backup and its SHA-256.
    public var files: [String: String]
  }

  static let manifestName = "backup.json"

  /// Backs `workspace` up into `directory`, which must not exist or be empty; returns what it
  /// wrote.
  @discardableResult
  public static func backUp(_ workspace: Workspace, to directory: URL) throws -> Manifest {
    _ = try workspace.loadConfig()  // a workspace, with a config that reads
    let inside = directory.standardizedFileURL.path + "/"
    guard !inside.hasPrefix(workspace.root.standardizedFileURL.path + "/") else {
      throw UsageError(
        "\(directory.path) is inside the workspace: a backup there would be lost with it and "
          + "would put a copy of the key among its files. Choose a folder elsewhere.")
    }
    try prepareEmpty(directory, for: "a backup")
    let warehouse = directory.appendingPathComponent(Workspace.warehouseFileName)
    try SQLiteConnection(path: workspace.warehouseURL.path, readOnly: true)
      .backUp(to: warehouse.path)
    chmod(warehouse.path, 0o600)
    let check = try SQLiteConnection(path: warehouse.path, readOnly: true)
      .rows("PRAGMA integrity_check").map { try $0.text("integrity_check") }
    guard check == ["ok"] else {
      throw UsageError(
        "the copy of the warehouse in \(directory.path) fails SQLite's integrity check: "
          + check.prefix(3).joined(separator: "; "))
    }
    for (from, to) in try copied(workspace, key: .required) {
      try copy(from, to: directory.appendingPathComponent(to))
    }
    chmod(directory.appendingPathComponent("secrets").path, 0o700)
    var files: [String: String] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted() {
      let url = directory.appendingPathComponent(path)
      guard EntryKind(atPath: url.path) == .regular else { continue }
      files[path] = try digest(url)
    }
    let manifest = Manifest(
      madeVersion: MADEVersion.string, createdAt: Clock.nowISO(), files: files)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(manifest).write(to: directory.appendingPathComponent(manifestName))
    return manifest
  }

  /// Restores the backup in `directory` as a new workspace at `root` (which must not exist or
  /// be empty), after checking every file against `backup.json`; the warehouse is brought up
  /// to this version of MADE.
  @discardableResult
  public static func restore(from directory: URL, to root: URL, feeds: [String]) throws
    -> Manifest
  {
    let manifestURL = directory.appendingPathComponent(manifestName)
    guard let data = try? Data(contentsOf: manifestURL),
      let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
    else {
      throw UsageError(
        "\(directory.path) is not a MADE backup (no readable \(manifestName)); make one with "
          + "`made backup DIR`")
    }
    for required in [Workspace.warehouseFileName, "made.toml", "secrets/made.key"]
    where manifest.files[required] == nil {
      throw UsageError("\(manifestURL.path) lists no \(required): the backup is incomplete")
    }
    // Only the layout a backup has: a path that climbs out (`../`), is absolute, or passes
    // through a link would let an edited backup.json write outside the new workspace.
    for path in manifest.files.keys.sorted() where !isBackupPath(path) {
      throw UsageError(
        "\(manifestURL.path) lists '\(path)', which is not a file a MADE backup holds; "
          + "nothing was restored")
    }
    for (path, sha256) in manifest.files.sorted(by: { $0.key < $1.key }) {
      let url = directory.appendingPathComponent(path)
      guard isPlainFile(path, under: directory), try digest(url) == sha256 else {
        throw UsageError(
          "\(url.path) is missing or has changed since the backup was taken (its SHA-256 is "
            + "not the one in \(manifestName)); nothing was restored")
      }
    }
    let created = !EntryKind(atPath: root.path).exists
    try prepareEmpty(root, for: "the restored workspace")
    let workspace = Workspace(root: root)
    do {
      for path in manifest.files.keys.sorted() {
        try copy(directory.appendingPathComponent(path), to: root.appendingPathComponent(path))
      }
    } catch {
      // A half-written workspace is worse than none.
      if created { try? FileManager.default.removeItem(at: root) }
      throw error
    }
    for folder in [workspace.inbox, workspace.archive, workspace.quarantine, workspace.packs]
      + feeds.map({ workspace.inbox.appendingPathComponent($0) })
    {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    chmod(root.appendingPathComponent("secrets").path, 0o700)
    _ = try workspace.openWarehouse()  // migrations of a newer MADE run here
    return manifest
  }

  /// Whether a copy of the workspace must have its key (a backup) or takes it when it is
  /// there and readable (a check, where ingest itself says what a missing key stops).
  enum Key { case required, ifReadable }

  /// The workspace's files a backup holds besides the warehouse: (source, path in backup).
  static func copied(_ workspace: Workspace, key: Key) throws -> [(URL, String)] {
    var files: [(URL, String)] = [(workspace.configURL, "made.toml")]
    let hasKey = EntryKind(atPath: workspace.keyURL.path) == .regular
    switch key {
    case .required:
      guard hasKey else {
        throw UsageError(
          "\(workspace.keyURL.path) is missing: without the key the pseudonyms cannot be "
            + "made again, so a backup without it would not restore the workspace")
      }
      files.append((workspace.keyURL, "secrets/made.key"))
    case .ifReadable:
      if hasKey, access(workspace.keyURL.path, R_OK) == 0 {
        files.append((workspace.keyURL, "secrets/made.key"))
      }
    }
    let manager = FileManager.default
    for (folder, name) in [
      (workspace.schemaOverrides, "schemas/feeds"), (workspace.packs, "packs"),
    ]
    where EntryKind(atPath: folder.path) == .directory {
      for file in try manager.contentsOfDirectory(atPath: folder.path).sorted()
      where !file.hasPrefix(".") {
        let url = folder.appendingPathComponent(file)
        if EntryKind(atPath: url.path) == .regular { files.append((url, "\(name)/\(file)")) }
      }
    }
    return files
  }

  /// Whether `path` is one of the files a backup holds: the warehouse, `made.toml`, the key,
  /// or a file directly in `schemas/feeds/` or `packs/`.
  static func isBackupPath(_ path: String) -> Bool {
    if [Workspace.warehouseFileName, "made.toml", "secrets/made.key"].contains(path) {
      return true
    }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let folder = parts.dropLast().joined(separator: "/")
    guard let name = parts.last, folder == "schemas/feeds" || folder == "packs" else {
      return false
    }
    return !name.isEmpty && name != "." && name != ".." && !name.hasPrefix(".")
  }

  /// Whether `path` (relative, as `isBackupPath` allows) is a regular file under `root`,
  /// reached through folders, never through a link.
  static func isPlainFile(_ path: String, under root: URL) -> Bool {
    let parts = path.split(separator: "/").map(String.init)
    guard !parts.isEmpty, !parts.contains("..") else { return false }
    var current = root
    for folder in parts.dropLast() {
      current = current.appendingPathComponent(folder)
      guard EntryKind(atPath: current.path) == .directory else { return false }
    }
    return EntryKind(atPath: current.appendingPathComponent(parts.last!).path) == .regular
  }

  /// Creates `directory` (mode 0700) unless it is an empty folder of this user already: a
  /// backup holds the key, so it goes nowhere another user owns or can write.
  static func prepareEmpty(_ directory: URL, for what: String) throws {
    let manager = FileManager.default
    if EntryKind(atPath: directory.path).exists {
      var info = stat()
      guard EntryKind(atPath: directory.path) == .directory,
        (try manager.contentsOfDirectory(atPath: directory.path)).isEmpty,
        lstat(directory.path, &info) == 0, info.st_uid == getuid()
      else {
        throw UsageError(
          "\(directory.path) exists and is not an empty folder of yours; choose a new folder "
            + "for \(what)")
      }
    } else {
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    guard chmod(directory.path, 0o700) == 0 else {
      throw UsageError(
        "cannot make \(directory.path) private (mode 0700): \(String(cString: strerror(errno)))")
    }
  }

  /// Copies a file, keeping it private (0600) when it is the key or the warehouse.
  static func copy(_ source: URL, to destination: URL) throws {
    let manager = FileManager.default
    try manager.createDirectory(
      at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
    try manager.copyItem(at: source, to: destination)
    let name = destination.lastPathComponent
    if name == "made.key" || name == Workspace.warehouseFileName {
      chmod(destination.path, 0o600)
    }
  }

  /// The SHA-256 of a file already checked not to be a link (a hard-linked one is fine: a
  /// backup rotated with `rsync --link-dest` or `cp -al` has them).
  static func digest(_ url: URL) throws -> String {
    try DeliveredFile(path: url.path, followLink: true).readToEndAndDigest()
  }
}

import Foundation

/// A MADE workspace: `made.toml`, `inbox/`, `archive/`, `quarantine/`, `packs/`,
/// `warehouse.sqlite` and `secrets/made.key`.
public struct Workspace: Sendable {
  public let root: URL

  public init(root: URL) {
    self.root = root.standardizedFileURL
  }

  /// `--workspace`, else `$MADE_WORKSPACE`, else the current directory.
  public static func resolve(option: String?) -> Workspace {
    if let option { return Workspace(root: URL(fileURLWithPath: option)) }
    if let environment = ProcessInfo.processInfo.environment["MADE_WORKSPACE"],
      !environment.isEmpty
    {
      return Workspace(root: URL(fileURLWithPath: environment))
    }
    return Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  }

  public var configURL: URL { root.appendingPathComponent("made.toml") }
  public var inbox: URL { root.appendingPathComponent("inbox") }
  public var archive: URL { root.appendingPathComponent("archive") }
  public var quarantine: URL { root.appendingPathComponent("quarantine") }
  public var packs: URL { root.appendingPathComponent("packs") }
  public static let warehouseFileName = "warehouse.sqlite"
  public var warehouseURL: URL { root.appendingPathComponent(Self.warehouseFileName) }
  public var keyURL: URL { root.appendingPathComponent("secrets/made.key") }
  /// Feed schemas that add to or override the built-in ones.
  public var schemaOverrides: URL { root.appendingPathComponent("schemas/feeds") }

  /// A path as the warehouse records it: relative to the workspace when inside it (so a
  /// workspace can be moved), else absolute.
  func recordedPath(_ path: String) -> String {
    let prefix = root.path + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  /// The file a recorded path names.
  func url(recordedPath: String) -> URL {
    recordedPath.hasPrefix("/")
      ? URL(fileURLWithPath: recordedPath) : root.appendingPathComponent(recordedPath)
  }

  /// Creates the folders, `made.toml` (unless present), a new key (unless present) and the
  /// migrated warehouse.
  public func create(config: Config = .default, feeds: [String]) throws {
    let manager = FileManager.default
    for folder in [root, inbox, archive, quarantine, packs, root.appendingPathComponent("secrets")]
    {
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for feed in feeds {
      try manager.createDirectory(
        at: inbox.appendingPathComponent(feed), withIntermediateDirectories: true)
    }
    chmod(root.appendingPathComponent("secrets").path, 0o700)
    if !manager.fileExists(atPath: configURL.path) {
      try config.commentedTOML().write(to: configURL, atomically: true, encoding: .utf8)
    }
    if !manager.fileExists(atPath: keyURL.path) {
      try writeNewKey()
    }
    _ = try Warehouse(path: warehouseURL.path)
  }

  private func writeNewKey() throws {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let hex = bytes.hexString + "\n"
    let descriptor = open(keyURL.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
    guard descriptor >= 0 else {
      throw ConfigurationError("cannot create \(keyURL.path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    let written = hex.utf8CString.withUnsafeBufferPointer {
      write(descriptor, $0.baseAddress, hex.utf8.count)
    }
    guard written == hex.utf8.count else {
      throw ConfigurationError("cannot write \(keyURL.path)")
    }
  }

  /// The pseudonymisation key, or nil when the workspace has none. A key that is there but
  /// cannot be read by this user (secrets/ is the owner's only) is an `AccessProblem`, never
  /// taken for a missing key.
  public func loadKey() throws -> [UInt8]? {
    guard let text = try? String(contentsOf: keyURL, encoding: .utf8) else {
      var info = stat()
      if stat(keyURL.path, &info) == 0 || errno != ENOENT {
        let reason = access(keyURL.path, R_OK) == 0 ? EIO : errno
        throw AccessProblem(path: keyURL.path, writing: false, errno: reason, workspace: self)
      }
      return nil
    }
    let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
      guard let byte = UInt8(hex[index..<next], radix: 16) else {
        throw ConfigurationError("\(keyURL.path) is not a hex key")
      }
      bytes.append(byte)
      index = next
    }
    guard bytes.count >= 16 else {
      throw ConfigurationError("\(keyURL.path) is too short: a key needs at least 16 bytes")
    }
    return bytes
  }

  public func loadConfig() throws -> Config {
    try Config.load(from: configURL)
  }

  public func openWarehouse() throws -> Warehouse {
    try checkIsWorkspace()
    do {
      return try Warehouse(path: warehouseURL.path)
    } catch let error as SQLiteError {
      throw AccessProblem.recognise(error, workspace: self) ?? error
    }
  }

  /// The warehouse for a command that only reads it (`status`, `verify`, `rejects`): opened
  /// read-only (`Warehouse(readOnlyAt:)`), so it works on a workspace this user may read but
  /// not write. A warehouse not yet migrated to this version (or not yet created) is opened
  /// as a writer would, which needs write access.
  public func openWarehouseForReading() throws -> Warehouse {
    try checkIsWorkspace()
    if EntryKind(atPath: warehouseURL.path).exists {
      do {
        let warehouse = try Warehouse(readOnlyAt: warehouseURL.path)
        if warehouse.isCurrent { return warehouse }
      } catch let problem as AccessProblem {
        throw problem.within(self)
      }
    }
    do {
      return try openWarehouse()
    } catch let problem as AccessProblem {
      throw AccessProblem(
        path: problem.path, writing: true,
        reason: "\(problem.reason); the warehouse must first be brought up to this version of "
          + "made, which needs write access", workspaceRoot: root.path)
    }
  }

  private func checkIsWorkspace() throws {
    guard FileManager.default.fileExists(atPath: configURL.path) else {
      throw UsageError(
        "\(root.path) is not a MADE workspace (no made.toml). Create one with `made init "
          + "\(root.path)`, or pass --workspace DIR / set MADE_WORKSPACE.")
    }
  }
}

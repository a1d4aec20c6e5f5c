import Foundation

/// A path of the workspace this user may not read or write: permissions, an immutable file, or
/// a read-only mount. Says which path, what the system said and what to do; `made` exits 2 (a
/// condition of the workspace, not a bug), never "internal error".
public struct AccessProblem: Error, CustomStringConvertible, Sendable {
  public let path: String
  /// Writing (true) or reading (false) failed.
  public let writing: Bool
  /// The system's words ("Permission denied", "Read-only file system").
  public let reason: String
  /// The workspace, for the advice (who owns it).
  public let workspaceRoot: String?

  public init(path: String, writing: Bool, reason: String, workspaceRoot: String? = nil) {
    self.path = path
    self.writing = writing
    self.reason = reason
    self.workspaceRoot = workspaceRoot
  }

  init(path: String, writing: Bool, errno code: Int32, workspace: Workspace? = nil) {
    self.init(
      path: path, writing: writing, reason: String(cString: strerror(code)),
      workspaceRoot: workspace?.root.path)
  }

  /// The same problem, with the workspace it belongs to (for the advice).
  func within(_ workspace: Workspace) -> AccessProblem {
    AccessProblem(path: path, writing: writing, reason: reason, workspaceRoot: workspace.root.path)
  }

  public var description: String {
    var text = "\(path) cannot be \(writing ? "written" : "read") by this user (\(reason)). "
    if reason.lowercased().contains("read-only file system") {
      text += "The file system holding it is mounted read-only: check the mount (`mount`, "
    } else {
      text +=
        "Run made as the workspace's owner\(owner.map { " (\($0))" } ?? ""), or check "
        + "the permissions and the mount (`ls -l`, `lsattr`, "
    }
    return text + "`findmnt -T \(path)`), then run again; nothing was changed."
  }

  /// The owner of the workspace folder, by name when known.
  private var owner: String? {
    guard let root = workspaceRoot else { return nil }
    var info = stat()
    guard stat(root, &info) == 0 else { return nil }
    if let entry = getpwuid(info.st_uid), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return "uid \(info.st_uid)"
  }

  static let accessErrors: Set<Int32> = [EACCES, EPERM, EROFS]

  /// The access problem `error` is, if it is one (nil for anything else). SQLite's errors name
  /// no path: they are the warehouse's.
  public static func recognise(_ error: any Error, workspace: Workspace) -> AccessProblem? {
    switch error {
    case let problem as AccessProblem:
      return problem
    case let error as SQLiteError:
      switch error.code & 0xff {
      case 8:  // SQLITE_READONLY
        return AccessProblem(
          path: workspace.warehouseURL.path, writing: true,
          reason: "the warehouse or its folder is read-only: \(error.message)",
          workspaceRoot: workspace.root.path)
      case 3, 14, 23:  // SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH
        return AccessProblem(
          path: workspace.warehouseURL.path, writing: false, reason: error.message,
          workspaceRoot: workspace.root.path)
      default:
        return nil
      }
    case let error as FilingError where accessErrors.contains(error.errno):
      return AccessProblem(
        path: error.path, writing: true, errno: error.errno, workspace: workspace)
    case let error as CocoaError:
      let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? workspace.root.path
      let underlying = (error.userInfo[NSUnderlyingErrorKey] as? POSIXError)?.code.rawValue
      switch error.code {
      case .fileWriteNoPermission, .fileWriteVolumeReadOnly:
        return AccessProblem(
          path: path, writing: true, errno: underlying ?? EACCES, workspace: workspace)
      case .fileReadNoPermission:
        return AccessProblem(
          path: path, writing: false, errno: underlying ?? EACCES, workspace: workspace)
      default:
        guard let underlying, accessErrors.contains(underlying) else { return nil }
        return AccessProblem(path: path, writing: true, errno: underlying, workspace: workspace)
      }
    case let error as POSIXError where accessErrors.contains(error.code.rawValue):
      return AccessProblem(
        path: workspace.root.path, writing: true, errno: error.code.rawValue, workspace: workspace)
    default:
      return nil
    }
  }
}

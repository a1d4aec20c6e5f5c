import Foundation

/// What a folder entry is, as `lstat(2)` sees it: a symbolic link is itself, never its target.
///
/// Only regular files are taken from the inbox; anything else is refused without being opened
/// (a FIFO or `/dev/zero` would never end, a link may point anywhere on the machine).
enum EntryKind: Equatable, Sendable {
  case regular, directory, symbolicLink, fifo, socket, characterDevice, blockDevice, other
  /// A regular file with more than one name (a hard link): what it holds may be anything on
  /// the file system (the key, the warehouse), so it is refused like a symbolic link.
  case hardLinkedFile
  case missing

  /// The entry at `path`, not following a link at its end.
  init(atPath path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      self = .missing
      return
    }
    self.init(mode: info.st_mode)
  }

  /// The kind of an entry with `mode`; with `links` (its `st_nlink`, when a hard link is to be
  /// told apart), a regular file with more than one name is `hardLinkedFile`.
  init(mode: mode_t, links: Int = 1) {
    switch mode & S_IFMT {
    case S_IFREG: self = links > 1 ? .hardLinkedFile : .regular
    case S_IFDIR: self = .directory
    case S_IFLNK: self = .symbolicLink
    case S_IFIFO: self = .fifo
    case S_IFSOCK: self = .socket
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    default: self = .other
    }
  }

  /// Something is there (of any kind).
  var exists: Bool { self != .missing }

  /// "a symbolic link", "a FIFO (named pipe)"…, for messages.
  var description: String {
    switch self {
    case .regular: return "a regular file"
    case .directory: return "a folder"
    case .symbolicLink: return "a symbolic link"
    case .fifo: return "a FIFO (named pipe)"
    case .socket: return "a socket"
    case .characterDevice: return "a character device"
    case .blockDevice: return "a block device"
    case .other: return "not a regular file"
    case .hardLinkedFile: return "a hard link (a file with another name elsewhere)"
    case .missing: return "missing"
    }
  }

  /// How many names (hard links) the entry at `path` has; 0 when there is none.
  static func linkCount(atPath path: String) -> Int {
    var info = stat()
    return lstat(path, &info) == 0 ? Int(info.st_nlink) : 0
  }

  /// Where the symbolic link at `path` points, as written in the link (for the reason note).
  static func linkTarget(atPath path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

import Foundation

/// A folder listed and looked at by raw bytes (names need not be UTF-8), nothing followed.
enum RawFolder {
  /// The names in the folder at `path` (raw bytes), without `.` and `..`; none if unreadable.
  static func names(at path: [UInt8]) -> [[UInt8]] {
    guard let directory = withCString(path, { opendir($0) }) else { return [] }
    defer { closedir(directory) }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
      names.append(bytes)
    }
    return names
  }

  /// A folder itself (lstat: a link to one is not).
  static func isDirectory(_ path: [UInt8]) -> Bool {
    var info = stat()
    return withCString(path) { lstat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// A folder, or a link to one (a feed folder may be a link to an upload area).
  static func isDirectoryOrLink(_ path: [UInt8]) -> Bool {
    var info = stat()
    return withCString(path) { stat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  static func withCString<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    (path + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}

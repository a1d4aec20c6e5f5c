import Crypto
import Foundation

/// Names that fit the file system. A delivered name may already be at the limit (NAME_MAX,
/// 255 bytes on most Linux file systems), and filing adds to it: the archive's
/// `<sha256 prefix>-`, the staging `.<name>.moving`, the note `<name>.reason.txt` and its
/// temporary `.<note>.partial`, a `.2` for a name already taken. A name that would not fit is
/// shortened here, keeping its extension and a hash of the whole name (so two long names that
/// share a start stay apart); `files.original_name` keeps the name as delivered.
enum FiledName {
  /// The most filing adds around a target's name: `.` + name + `.reason.txt` + `.partial`.
  static let filingAddition = 1 + ".reason.txt".utf8.count + ".partial".utf8.count

  /// The longest name `folder` (or, before it exists, the nearest folder above it) holds.
  static func nameMax(in folder: URL) -> Int {
    var candidate = folder
    while true {
      let limit = pathconf(candidate.path, Int32(_PC_NAME_MAX))
      if limit > 0 { return limit }
      let parent = candidate.deletingLastPathComponent()
      if parent.path == candidate.path { return 255 }
      candidate = parent
    }
  }

  /// `name` when it has at most `budget` UTF-8 bytes; otherwise the start of its stem (cut
  /// between characters), `~`, twelve hex digits of the SHA-256 of the whole name, and its
  /// extension (`.csv`, `.csv.gz`).
  static func fitting(_ name: String, budget: Int) -> String {
    guard name.utf8.count > budget else { return name }
    let digest = SHA256.hash(data: Data(name.utf8)).prefix(6).hexString
    var ext = extensionOf(name)
    let marker = "~" + digest
    if ext.utf8.count + marker.utf8.count + 8 > budget { ext = "" }
    var stem = String(name.dropLast(ext.count))
    let room = max(0, budget - ext.utf8.count - marker.utf8.count)
    while stem.utf8.count > room { stem.removeLast() }
    return stem + marker + ext
  }

  /// `name` with `-<attempt>` before its extension (`report-2.csv`), within `budget` bytes.
  static func numbered(_ name: String, _ attempt: Int, budget: Int) -> String {
    let ext = extensionOf(name)
    let suffix = "-\(attempt)" + ext
    return fitting(String(name.dropLast(ext.count)), budget: budget - suffix.utf8.count) + suffix
  }

  /// The last one or two short extensions of a name: `.csv`, `.gz`, `.csv.gz` (at most eight
  /// letters or digits each), or "".
  static func extensionOf(_ name: String) -> String {
    var ext = ""
    var rest = Substring(name)
    for _ in 0..<2 {
      guard let dot = rest.lastIndex(of: "."), dot != rest.startIndex else { break }
      let part = rest[rest.index(after: dot)...]
      guard (1...8).contains(part.count),
        part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
      else { break }
      ext = "." + part + ext
      rest = rest[..<dot]
    }
    return ext
  }
}

import Foundation

/// One entry of an inbox folder, as `lstat` saw it.
struct InboxEntry: Sendable {
  var name: String
  var path: String
  var kind: EntryKind
  /// The entry's own modification time (a link's, not its target's).
  var modified: Date
}

/// The entries of an inbox folder, read by their raw bytes (`opendir`/`readdir`) and looked at
/// with `lstat`: nothing is followed or opened here.
///
/// A name that is not valid UTF-8 (byte 0xE9 of a Windows-1252 "café", or 0xFF) has no
/// `String` form: FileManager leaves it out of its listing and such a delivery was never seen.
/// It is renamed in place to its escaped form, each byte outside valid UTF-8 (and `%` itself)
/// written `%XX` (`caf%E9.csv`), and taken under that name, which `files.original_name`
/// records. The escape is reversible: the bytes as delivered can be recovered from it.
enum InboxListing {
  /// The entries of `folder` whose names (escaped or not) `including` accepts; an entry it
  /// refuses (a partial upload, say `.caf\xE9.csv.part`) is not renamed either, so that its
  /// uploader can still finish it.
  static func entries(in folder: URL, including: (String) -> Bool = { _ in true })
    -> [InboxEntry]
  {
    guard let directory = opendir(folder.path) else { return [] }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
      names.append(bytes)
    }
    closedir(directory)
    return names.compactMap { bytes in
      let valid = String(validating: bytes, as: UTF8.self)
      guard including(valid ?? escaped(bytes)),
        let name = valid ?? renameEscaped(bytes, in: folder)
      else { return nil }
      let path = folder.appendingPathComponent(name).path
      var info = stat()
      guard lstat(path, &info) == 0 else { return nil }  // gone since it was listed
      let modified = Date(
        timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
      return InboxEntry(
        name: name, path: path, kind: EntryKind(mode: info.st_mode), modified: modified)
    }
  }

  /// `bytes` with every byte that is not part of a valid UTF-8 character, and every `%`,
  /// written `%XX`.
  static func escaped(_ bytes: [UInt8]) -> String {
    var result = ""
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      if length > 0, index + length <= bytes.count,
        let character = String(validating: bytes[index..<index + length], as: UTF8.self),
        character != "%"
      {
        result += character
        index += length
      } else {
        result += String(format: "%%%02X", lead)
        index += 1
      }
    }
    return result
  }

  /// Renames the entry named `bytes` to its escaped name (shortened to fit, numbered if that
  /// name is taken); returns the new name, or nil when it cannot be renamed (then it stays
  /// where it is, unseen, as before).
  static func renameEscaped(_ bytes: [UInt8], in folder: URL) -> String? {
    let limit = FiledName.nameMax(in: folder)
    let escapedName = FiledName.fitting(escaped(bytes), budget: limit)
    var candidate = escapedName
    var attempt = 1
    while EntryKind(atPath: folder.appendingPathComponent(candidate).path).exists {
      attempt += 1
      candidate = FiledName.numbered(escapedName, attempt, budget: limit)
    }
    let source = Array(folder.path.utf8) + [0x2F] + bytes + [0]
    let renamed = source.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        rename($0.baseAddress!, folder.appendingPathComponent(candidate).path)
      }
    }
    return renamed == 0 ? candidate : nil
  }
}

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
///
/// A name that holds a control character (`ctl\u{1}\u{1B}[31mred.csv`, `new\nline.csv`) is
/// renamed the same way, each byte of the character written `%XX` (`ctl%01%1B[31mred.csv`):
/// printed raw, it would colour or clear a terminal, or forge a line of the nightly report.
/// Escaped at the rename, the name is safe everywhere it is recorded or printed.
enum InboxListing {
  /// The entries of `folder` whose names (escaped or not) `including` accepts; an entry it
  /// refuses (a partial upload, say `.caf\xE9.csv.part`) is not renamed either, so that its
  /// uploader can still finish it.
  static func entries(in folder: URL, including: (String) -> Bool = { _ in true })
    -> [InboxEntry]
  {
    RawFolder.names(at: Array(folder.path.utf8)).compactMap { bytes in
      let shown = printable(bytes)
      let folderPath = Array(folder.path.utf8) + [0x2F]
      let renamed = !shown.utf8.elementsEqual(bytes)
      // A folder is never taken, so never renamed: `StrayInboxFolder` shows its name escaped.
      guard including(shown), !(renamed && RawFolder.isDirectory(folderPath + bytes)),
        let name = renamed ? renameEscaped(bytes, in: folder) : shown
      else { return nil }
      let path = folder.appendingPathComponent(name).path
      var info = stat()
      guard lstat(path, &info) == 0 else { return nil }  // gone since it was listed
      let modified = Date(
        timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
      return InboxEntry(
        name: name, path: path, kind: EntryKind(mode: info.st_mode, links: Int(info.st_nlink)),
        modified: modified)
    }
  }

  /// The name as it would be taken: itself when it is valid UTF-8 and printable, else its
  /// escaped form (for names shown but not renamed).
  static func printable(_ bytes: [UInt8]) -> String {
    String(validating: bytes, as: UTF8.self).flatMap {
      $0.unicodeScalars.contains(where: isUnprintable) ? nil : $0
    } ?? escaped(bytes)
  }

  /// A character that moves or colours a terminal, or breaks a line, rather than being seen:
  /// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
  /// controls (which show `txt.exe` as `exe.txt`).
  static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E,
      0x2066...0x2069:
      return true
    default: return false
    }
  }

  /// `bytes` with every byte that is not part of a valid UTF-8 character, every byte of an
  /// unprintable character (`isUnprintable`), and every `%`, written `%XX`.
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
        character != "%", !character.unicodeScalars.contains(where: isUnprintable)
      {
        result += character
        index += length
      } else if length > 0, index + length <= bytes.count,
        String(validating: bytes[index..<index + length], as: UTF8.self) != nil
      {
        // A valid character that must not be printed: all of its bytes.
        for byte in bytes[index..<index + length] { result += String(format: "%%%02X", byte) }
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

import Foundation

/// Moving and removing one folder entry while filing a delivery: never following a link,
/// never deleting a folder's contents, and saying in a sentence what failed.
enum EntryMoves {
  /// A file-system error in a sentence: what failed, on which path.
  static func describe(_ error: any Error) -> String {
    if let error = error as? CocoaError {
      let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? ""
      let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map {
        "\($0.localizedDescription)"
      }
      return [path, underlying ?? error.localizedDescription].filter { !$0.isEmpty }
        .joined(separator: ": ")
    }
    return "\(error)"
  }

  /// Removes one entry, never a folder's contents (`unlink`, not a recursive delete).
  static func remove(_ url: URL) throws {
    guard unlink(url.path) == 0 || errno == ENOENT else {
      throw FilingError(path: url.path, action: "cannot remove", errno: errno)
    }
  }

  /// Moves an entry (a link as a link) with `rename`; across file systems a regular file is
  /// copied then removed (unless it has another name: a hard link is only removed), a link is
  /// made again beside the target, and anything else (a FIFO, a device: nothing to keep) is
  /// removed.
  static func move(_ source: URL, to target: URL) throws {
    if rename(source.path, target.path) == 0 { return }
    let failure = errno
    guard failure == EXDEV else {
      throw FilingError(path: target.path, action: "cannot move \(source.path) to", errno: failure)
    }
    switch EntryKind(atPath: source.path) {
    case .regular where EntryKind.linkCount(atPath: source.path) > 1:
      // A refused hard link: a copy would put whatever it names (the key, the warehouse) in
      // quarantine; its bytes stay under their other name.
      break
    case .regular:
      try FileManager.default.copyItem(at: source, to: target)
    case .symbolicLink:
      if let destination = EntryKind.linkTarget(atPath: source.path),
        symlink(destination, target.path) != 0
      {
        throw FilingError(path: target.path, action: "cannot link", errno: errno)
      }
    default:
      break
    }
    try remove(source)
  }

}

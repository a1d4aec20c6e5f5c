import Foundation

/// A folder in the inbox that no feed reads: `inbox/police-crime/` (a misspelt feed),
/// `inbox/Police-Crimes/` (a feed name in other capitals), or `inbox/police-crimes/sub/` (a
/// folder inside a feed folder). What it holds is never taken, so it is named (with a count of
/// what it holds and the feed it most likely meant) by ingest, nightly and status, rather than
/// left unseen while `made ingest` says the inbox is empty.
///
/// Found without reading or renaming anything (status may run on a read-only workspace): the
/// folder is listed, not walked, and its name is written escaped as delivered names are.
public struct StrayInboxFolder: Codable, Equatable, Sendable {
  /// The folder as the workspace records paths (`inbox/police-crime`).
  public var path: String
  /// Entries directly inside it that are not folders, and folders inside it.
  public var files: Int
  public var folders: Int
  /// The feed it most likely meant, for a folder directly in `inbox/`.
  public var nearestFeed: String?

  /// The warning line: "inbox/police-crime: a folder no feed reads, holding 2 files (not
  /// taken); did you mean police-crimes? Move them into inbox/police-crimes/."
  public var warning: String {
    var held = "\(files) \(files == 1 ? "file" : "files")"
    if folders > 0 { held += " and \(folders) \(folders == 1 ? "folder" : "folders")" }
    var line = "WARNING: \(path): a folder no feed reads, holding \(held) (not taken)"
    if let nearestFeed {
      line += "; did you mean \(nearestFeed)? Move its files into inbox/\(nearestFeed)/"
    } else if path.split(separator: "/").count > 2 {
      line += "; folders inside a feed folder are not read: move its files up a level"
    } else {
      line += "; put deliveries in inbox/<feed>/ or directly in inbox/"
    }
    return line
  }

  /// The folders under `inbox` that no feed of `feeds` reads: folders directly in it not
  /// named for a feed, and folders inside a feed folder.
  static func all(in inbox: URL, feeds: [String]) -> [StrayInboxFolder] {
    let root = Array(inbox.path.utf8)
    var stray: [StrayInboxFolder] = []
    for name in RawFolder.names(at: root) {
      let display = InboxListing.printable(name)
      if feeds.contains(display), RawFolder.isDirectoryOrLink(root + [0x2F] + name) {
        // A feed folder (or a link to an upload area): folders inside it are stray.
        for inner in RawFolder.names(at: root + [0x2F] + name)
        where RawFolder.isDirectory(root + [0x2F] + name + [0x2F] + inner) {
          stray.append(
            folder(
              root + [0x2F] + name + [0x2F] + inner,
              path: "inbox/\(display)/\(InboxListing.printable(inner))", nearestFeed: nil))
        }
      } else if RawFolder.isDirectory(root + [0x2F] + name),
        !InboxDeliveries.isPartialUpload(display)
      {
        stray.append(
          folder(
            root + [0x2F] + name, path: "inbox/\(display)",
            nearestFeed: ConfigKeys.nearest(to: display, among: feeds)))
      }
    }
    return stray.sorted { $0.path < $1.path }
  }

  private static func folder(_ bytes: [UInt8], path: String, nearestFeed: String?)
    -> StrayInboxFolder
  {
    let inside = RawFolder.names(at: bytes)
    let folders = inside.filter { RawFolder.isDirectory(bytes + [0x2F] + $0) }.count
    return StrayInboxFolder(
      path: path, files: inside.count - folders, folders: folders, nearestFeed: nearestFeed)
  }
}

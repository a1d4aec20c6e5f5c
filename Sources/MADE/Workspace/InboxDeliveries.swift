import Foundation

/// One inbox entry to take: a regular file to read, or (`refused`) an entry of another kind
/// to quarantine without opening it.
struct InboxWork {
  var path: String
  var feed: String?
  var refused: EntryKind?
  /// When the entry was last modified (the nightly report says when an unsettled file will
  /// be taken).
  var modified: Date? = nil
}

/// What waits in the inbox to be taken, in the order it is taken.
enum InboxDeliveries {
  /// Entries waiting in `inbox/<feed>/` (feed known) and `inbox/` itself (feed from header),
  /// listed by their raw names and seen with lstat (`InboxListing`): regular files, settled;
  /// and every symbolic link, hard link, FIFO, socket or device, refused. Folders are left
  /// alone (`strayInboxFolders` names them).
  static func waiting(in workspace: Workspace, feeds: [String], settledBefore: Date?) -> [InboxWork]
  {
    func entries(in folder: URL, feed: String?) -> [InboxWork] {
      InboxListing.entries(in: folder, including: { !Self.isPartialUpload($0) })
        .sorted { Self.deliveryOrder($0.name, $1.name) }
        .compactMap { entry in
          switch entry.kind {
          case .directory, .missing: return nil
          case .regular:
            if let settledBefore, entry.modified > settledBefore { return nil }
            return InboxWork(path: entry.path, feed: feed, refused: nil, modified: entry.modified)
          default:
            return InboxWork(path: entry.path, feed: feed, refused: entry.kind)
          }
        }
    }
    // The feed folders themselves are the workspace's own (one may be a link to an upload
    // area the operator set up): only what is inside them is a delivery.
    var work = entries(in: workspace.inbox, feed: nil).filter {
      !feeds.contains(URL(fileURLWithPath: $0.path).lastPathComponent)
    }
    for feed in feeds {
      work += entries(in: workspace.inbox.appendingPathComponent(feed), feed: feed)
    }
    return work
  }

  /// A name that upload tools give a file still being written (or a hidden file).
  static func isPartialUpload(_ name: String) -> Bool {
    let lower = name.lowercased()
    return name.hasPrefix(".")
      || [".part", ".tmp", ".filepart", ".crdownload", ".partial"].contains { lower.hasSuffix($0) }
  }

  /// Name order, comparing names without their extensions first, so that
  /// `2025-01.csv` comes before its correction `2025-01-resend.csv`.
  static func deliveryOrder(_ left: String, _ right: String) -> Bool {
    func stem(_ name: String) -> String {
      var stem = name
      for suffix in [".gz", ".csv", ".txt"] where stem.lowercased().hasSuffix(suffix) {
        stem.removeLast(suffix.count)
      }
      return stem
    }
    let (leftStem, rightStem) = (stem(left), stem(right))
    return leftStem == rightStem ? left < right : leftStem < rightStem
  }
}

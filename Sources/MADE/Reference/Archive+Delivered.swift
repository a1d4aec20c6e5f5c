import Foundation
import ZIPFoundation

/// What the reference readers need of a downloaded zip (boundaries, lookups, workbooks), in
/// one place.
extension Archive {
  /// The files of a download: not folders, not the `__MACOSX/` forks a Mac adds, not hidden
  /// files.
  var deliveredFiles: [Entry] {
    filter {
      $0.type == .file && !$0.path.hasPrefix("__MACOSX/")
        && !URL(fileURLWithPath: $0.path).lastPathComponent.hasPrefix(".")
    }
  }

  /// Inflates `entry` through `consumer`, refusing more than `limit` bytes before and while it
  /// is inflated: the header's size may lie (a zip bomb). `tooLarge` is the refusal.
  func extract(
    _ entry: Entry, atMost limit: UInt64, tooLarge: @autoclosure () -> Error,
    _ consumer: (Data) throws -> Void
  ) throws {
    guard entry.uncompressedSize <= limit else { throw tooLarge() }
    var inflated: UInt64 = 0
    _ = try extract(entry, skipCRC32: false) { chunk in
      inflated += UInt64(chunk.count)
      if inflated > limit { throw tooLarge() }
      try consumer(chunk)
    }
  }
}

import Foundation

extension Data {
  /// Writes the file whole or not at all, through a temporary name that is the same for every
  /// write of `url` (`.<name>.partial` beside it), then a rename. A write cut short by a crash
  /// leaves that name, which the next write of the file takes over; Foundation's `.atomic`
  /// leaves a randomly named `.dat.nosync…` file that nothing ever removes (seen in packs/
  /// after a nightly run was killed while exporting).
  func replace(_ url: URL) throws {
    let partial = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).partial")
    try write(to: partial)
    guard rename(partial.path, url.path) == 0 else {
      let failure = errno
      try? FileManager.default.removeItem(at: partial)
      if failure == EISDIR || failure == ENOTEMPTY || failure == EEXIST {
        // A folder where the file belongs (made by hand, or by a careless copy): say so.
        throw ConfigurationError(
          "\(url.path) is a folder, where MADE writes a file: move it away and run the "
            + "command again")
      }
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSFilePathErrorKey: url.path,
          NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO),
        ])
    }
  }
}

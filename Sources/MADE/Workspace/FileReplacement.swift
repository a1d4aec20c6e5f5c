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
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSFilePathErrorKey: url.path,
          NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO),
        ])
    }
  }
}

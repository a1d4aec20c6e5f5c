@testable import MADE

extension Warehouse {
  /// The rejects of a file as compact lines ("line 3, Victim Age: type-error"), in order, as
  /// `made rejects` reads them (rows loaded with a warning left out).
  func rejectLines(fileID: Int64) throws -> [String] {
    try rejectedRows(fileID: fileID).filter { !$0.isWarning }.map {
      "line \($0.line)\($0.column.isEmpty ? "" : ", \($0.column)"): \($0.reason)"
    }
  }
}

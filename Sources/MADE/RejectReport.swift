import Foundation

/// `made rejects`: the rejected rows of a delivery, as feedback for the partner that sent it,
/// and the rows loaded with a warning (`row_warnings`: a row repeating a key of an earlier
/// row, kept as published).
///
/// Rows carry the line (as an editor counts), the column, the reason code and the message;
/// messages never quote a delivered value (ingest describes values by their shape, see
/// `ValueShape`), so the report can be sent back.
/// A warning's message begins "WARNING (loaded): ", in text and in CSV alike.
public enum RejectReport {
  /// One delivered file with rejected rows.
  public struct FileSummary: Sendable, Equatable {
    public var fileID: Int64
    public var name: String
    public var feed: String
    public var receivedAt: String
    public var rowsRead: Int
    public var rowsRejected: Int
    /// Rows loaded with a warning: they repeat a key of an earlier row of the file.
    public var rowsRepeatedKey: Int = 0
  }

  public struct Row: Sendable, Equatable {
    public var line: Int
    public var column: String
    public var reason: String
    public var message: String
    /// A row that was loaded, with a warning (`row_warnings`), rather than rejected.
    public var isWarning = false
  }

  /// The files with rejected rows or rows loaded with a warning, latest first.
  public static func files(in workspace: Workspace) throws -> [FileSummary] {
    try workspace.openWarehouseForReading().filesWithRejects()
  }

  /// The prefix of a warning's message: the row was loaded.
  public static let warningPrefix = "WARNING (loaded): "

  /// The rejected rows of one file, by line.
  public static func rows(fileID: Int64, in workspace: Workspace) throws -> [Row] {
    let warehouse = try workspace.openWarehouseForReading()
    guard try warehouse.hasFile(fileID: fileID) else {
      throw UsageError(
        "there is no file \(fileID); `made rejects` lists the files with rejected rows")
    }
    return try warehouse.rejectedRows(fileID: fileID)
  }

  /// `line,column,reason,message` with CRLF line ends, text escaped for spreadsheets.
  public static func csv(_ rows: [Row]) -> String {
    var lines = ["line,column,reason,message"]
    for row in rows {
      lines.append(
        [
          String(row.line), PackWriter.text(row.column), PackWriter.text(row.reason),
          PackWriter.text(row.message),
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}

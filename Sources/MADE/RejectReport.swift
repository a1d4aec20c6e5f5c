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
    try workspace.openWarehouseForReading().query(
      """
      SELECT file_id, original_name, coalesce(feed, ''), received_at, rows_read, rows_rejected,
        rows_repeated_key
      FROM files WHERE rows_rejected > 0 OR rows_repeated_key > 0 ORDER BY file_id DESC
      """
    ).map {
      FileSummary(
        fileID: Int64($0[0].int ?? 0), name: $0[1].string ?? "", feed: $0[2].string ?? "",
        receivedAt: $0[3].string ?? "", rowsRead: $0[4].int ?? 0, rowsRejected: $0[5].int ?? 0,
        rowsRepeatedKey: $0[6].int ?? 0)
    }
  }

  /// The prefix of a warning's message: the row was loaded.
  public static let warningPrefix = "WARNING (loaded): "

  /// The rejected rows of one file, by line.
  public static func rows(fileID: Int64, in workspace: Workspace) throws -> [Row] {
    let warehouse = try workspace.openWarehouseForReading()
    guard try warehouse.scalar("SELECT 1 FROM files WHERE file_id = ?", [.integer(fileID)]) != nil
    else {
      throw UsageError(
        "there is no file \(fileID); `made rejects` lists the files with rejected rows")
    }
    return try warehouse.query(
      """
      SELECT line, coalesce(field, ''), reason, message, 0 AS warning, reject_id AS id
      FROM rejects WHERE file_id = ?1
      UNION ALL
      SELECT line, coalesce(field, ''), reason, message, 1, warning_id
      FROM row_warnings WHERE file_id = ?1
      ORDER BY line, warning, id
      """, [.integer(fileID)]
    ).map {
      let isWarning = $0[4].int == 1
      return Row(
        line: $0[0].int ?? 0, column: $0[1].string ?? "", reason: $0[2].string ?? "",
        message: (isWarning ? warningPrefix : "") + ($0[3].string ?? ""), isWarning: isWarning)
    }
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

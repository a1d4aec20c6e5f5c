import Foundation

/// `made rejects`: the rejected rows of a delivery, as feedback for the partner that sent it.
///
/// Rows carry the line (as an editor counts), the column, the reason code and the message;
/// messages never quote an identifier (ingest guarantees it), so the report can be sent back.
public enum RejectReport {
  /// One delivered file with rejected rows.
  public struct FileSummary: Sendable, Equatable {
    public var fileID: Int64
    public var name: String
    public var feed: String
    public var receivedAt: String
    public var rowsRead: Int
    public var rowsRejected: Int
  }

  public struct Row: Sendable, Equatable {
    public var line: Int
    public var column: String
    public var reason: String
    public var message: String
  }

  /// The files with rejected rows, latest first.
  public static func files(in workspace: Workspace) throws -> [FileSummary] {
    try workspace.openWarehouseForReading().query(
      """
      SELECT file_id, original_name, coalesce(feed, ''), received_at, rows_read, rows_rejected
      FROM files WHERE rows_rejected > 0 ORDER BY file_id DESC
      """
    ).map {
      FileSummary(
        fileID: Int64($0[0].int ?? 0), name: $0[1].string ?? "", feed: $0[2].string ?? "",
        receivedAt: $0[3].string ?? "", rowsRead: $0[4].int ?? 0, rowsRejected: $0[5].int ?? 0)
    }
  }

  /// The rejected rows of one file, by line.
  public static func rows(fileID: Int64, in workspace: Workspace) throws -> [Row] {
    let warehouse = try workspace.openWarehouseForReading()
    guard try warehouse.scalar("SELECT 1 FROM files WHERE file_id = ?", [.integer(fileID)]) != nil
    else {
      throw ConfigurationError(
        "there is no file \(fileID); `made rejects` lists the files with rejected rows")
    }
    return try warehouse.query(
      """
      SELECT line, coalesce(field, ''), reason, message FROM rejects WHERE file_id = ?
      ORDER BY line, reject_id
      """, [.integer(fileID)]
    ).map {
      Row(
        line: $0[0].int ?? 0, column: $0[1].string ?? "", reason: $0[2].string ?? "",
        message: $0[3].string ?? "")
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

import ArgumentParser
import Foundation
import MADE

struct Rejects: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a delivery's rejected rows, as feedback for the partner.",
    discussion: """
      Without --file, lists the files that had rejected rows or warnings (latest first). With \
      --file ID (the file_id shown there, in made status or in the run report), lists that \
      file's rejected rows: line (as a text editor counts), column, reason code and message; \
      and its rows loaded with a warning (repeated-key: a row repeating the key of an earlier \
      row, kept as published), whose message begins "WARNING (loaded)". Messages never quote \
      an identifier, so the report can go back to the sender.

      Examples:
        made rejects
        made rejects --file 42 --csv > police-crimes-2025-03-rejects.csv
      """)

  @OptionGroup var options: GlobalOptions

  @Option(help: "The file_id of the delivery.")
  var file: Int64?

  @Flag(help: "Write CSV (line,column,reason,message) instead of text.")
  var csv = false

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let workspace = options.resolvedWorkspace
      guard let file else {
        let files = try RejectReport.files(in: workspace)
        if files.isEmpty { print("No delivery has rejected rows or warnings.") }
        for entry in files {
          var line =
            "\(entry.fileID)\t\(entry.receivedAt)\t\(entry.feed)\t\(entry.name)\t"
            + "\(entry.rowsRejected) of \(entry.rowsRead) rows rejected"
          if entry.rowsRepeatedKey > 0 {
            line += "; WARNING: \(entry.rowsRepeatedKey) loaded with a repeated key"
          }
          print(line)
        }
        return
      }
      let rows = try RejectReport.rows(fileID: file, in: workspace)
      if csv {
        print(RejectReport.csv(rows), terminator: "")
      } else {
        for row in rows {
          print(
            "line \(row.line)\(row.column.isEmpty ? "" : ", \(row.column)"): \(row.reason): "
              + row.message)
        }
      }
    }
  }
}

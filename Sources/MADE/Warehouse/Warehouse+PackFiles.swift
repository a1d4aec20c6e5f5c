import Foundation

/// `pack_files`: the packs in `packs/` and what each publishes (migration 13).
extension Warehouse {
  /// A pack file as recorded when it was written.
  struct PackFile: Equatable {
    var fileName: String
    var figuresSHA256: String
    var bytesSHA256: String
  }

  /// Every recorded pack file, by name.
  func packFiles() throws -> [String: PackFile] {
    var files: [String: PackFile] = [:]
    for row in try connection.rows(
      "SELECT file_name, figures_sha256, bytes_sha256 FROM pack_files ORDER BY file_name")
    {
      let file = PackFile(
        fileName: try row.text("file_name"), figuresSHA256: try row.text("figures_sha256"),
        bytesSHA256: try row.text("bytes_sha256"))
      files[file.fileName] = file
    }
    return files
  }

  /// Records a pack just written into `packs/` by run `runID`.
  func recordPackFile(_ file: PackFile, runID: Int64) throws {
    try connection.execute(
      """
      INSERT OR REPLACE INTO pack_files (file_name, figures_sha256, bytes_sha256, run_id, written_at)
      VALUES (?, ?, ?, ?, ?)
      """,
      [
        .text(file.fileName), .text(file.figuresSHA256), .text(file.bytesSHA256),
        .integer(runID), .text(Clock.nowISO()),
      ])
  }

  /// Forgets the records of pack files a complete export no longer produces (the packs of an
  /// earlier latest quarter): their files stay in `packs/`, as published then.
  func forgetPackFiles(except kept: Set<String>) throws {
    for name in try packFiles().keys where !kept.contains(name) {
      try connection.execute("DELETE FROM pack_files WHERE file_name = ?", [.text(name)])
    }
  }
}

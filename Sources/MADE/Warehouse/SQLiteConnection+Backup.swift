import CSQLite

extension SQLiteConnection {
  /// Copies this database into a new file at `path` with SQLite's online backup API, in one
  /// step: the copy is the last committed state, whatever other connections are writing
  /// (in WAL mode a reader holds its snapshot and blocks no writer).
  func backUp(to path: String) throws {
    let destination = try SQLiteConnection(path: path)
    guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
      throw SQLiteError(
        code: sqlite3_errcode(destination.handle),
        message: "cannot start a backup to \(path): \(destination.lastErrorMessage)", sql: nil)
    }
    let stepped = sqlite3_backup_step(backup, -1)
    let finished = sqlite3_backup_finish(backup)
    guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
      throw SQLiteError(
        code: stepped == SQLITE_DONE ? finished : stepped,
        message: "the backup to \(path) stopped: \(destination.lastErrorMessage)", sql: nil)
    }
    // One self-contained file, with no -wal or -shm beside it (the workspace turns WAL back
    // on when it opens a restored copy).
    try destination.execute("PRAGMA journal_mode = DELETE")
  }
}

// The statuses the warehouse records, one enum per column. Their raw values are the column's
// CHECK constraint in `Migrations` (`StatusConstraintTests` compares the two), so a status
// written from Swift is always one the table accepts.

/// `runs.status`: a command run still running, finished, finished with a file quarantined,
/// or failed (or interrupted, found by the next run).
public enum RunStatus: String, CaseIterable, Sendable {
  case running, ok, quarantined, failed
}

/// `files.status`: what became of a delivered file. (`FileOutcome.Status` adds the files
/// that were not recorded at all.)
public enum FileStatus: String, CaseIterable, Sendable {
  case loaded, duplicate, quarantined
}

/// `files.compression`: how a delivered file was packed.
public enum FileCompression: String, CaseIterable, Sendable {
  case uncompressed = "none"
  case gzip
}

-- One row per pack file in packs/ that the last complete export produced: a digest of the
-- figures it publishes (its rows, indicator metadata and settings, but not its creation date
-- or the feeds' latest deliveries) and the SHA-256 of the bytes written. Nightly rewrites a
-- pack only when its figures changed or its file is missing or altered (`PackExport`), and
-- `made verify` checks the files against it.
CREATE TABLE pack_files (
  file_name TEXT PRIMARY KEY,
  figures_sha256 TEXT NOT NULL,
  bytes_sha256 TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  written_at TEXT NOT NULL
) WITHOUT ROWID;

-- Rows loaded that repeat a natural key already used in the same file, for feeds whose
-- schema keeps them ("repeatedKeys": "keep": data.police.uk lists some crimes twice); each
-- is a record (key_occurrence > 1) and a row of row_warnings.
ALTER TABLE files ADD COLUMN rows_repeated_key INTEGER NOT NULL DEFAULT 0
  CHECK (rows_repeated_key BETWEEN 0 AND rows_loaded);

-- One row per loaded row of a delivered file that MADE warns about: loaded (not a reject),
-- but worth a look. Never holds a raw identifier.
CREATE TABLE row_warnings (
  warning_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(file_id),
  line INTEGER NOT NULL,
  field TEXT,
  reason TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX row_warnings_by_file ON row_warnings(file_id, line);

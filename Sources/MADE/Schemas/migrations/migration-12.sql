-- How each record table's record_key is laid out (`RecordKeyLayout`): 1 = 16 bytes of SHA-256
-- (every table made before this migration), 2 = month first (the record's month and source,
-- then 12 bytes of the same SHA-256), so that a new month's keys append to the unique index
-- instead of landing on random pages of it. A table is re-keyed from 1 to 2 the first time a
-- feed whose keys fix the month (`periodInKey`) loads into it (`Warehouse.ensureKeyLayout`).
ALTER TABLE feed_tables ADD COLUMN key_layout INTEGER NOT NULL DEFAULT 1
  CHECK (key_layout IN (1, 2));

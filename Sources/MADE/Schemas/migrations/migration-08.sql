-- Filing of inbox deliveries. inbox_path: where the delivered file sat, relative to the
-- workspace; it stays set from the file's commit until the file is in archive/ or
-- quarantine/, so a value left behind means MADE stopped in between and the next run
-- finishes the move. filed_path: where the file went (for a health file refused for
-- identifiers, which is deleted, its reason note).
ALTER TABLE files ADD COLUMN inbox_path TEXT;
ALTER TABLE files ADD COLUMN filed_path TEXT;

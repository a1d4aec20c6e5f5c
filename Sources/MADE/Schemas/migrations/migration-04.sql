-- Keyless records (no natural key) that a later delivery of the same period and source
-- superseded without re-delivering them: moved to history, counted here.
ALTER TABLE files ADD COLUMN rows_replaced INTEGER NOT NULL DEFAULT 0;

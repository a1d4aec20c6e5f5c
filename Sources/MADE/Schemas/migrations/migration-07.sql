-- The machine each audited action ran on.
ALTER TABLE audit_log ADD COLUMN host TEXT;

-- One row per feed and `made purge` that deleted anything: records, and superseded versions,
-- whose month ended before the feed's retention window. `made verify` reconciles with it.
CREATE TABLE purges (
  purge_id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(run_id),
  at TEXT NOT NULL,
  feed TEXT NOT NULL,
  table_name TEXT NOT NULL,
  before_month TEXT NOT NULL,
  records_deleted INTEGER NOT NULL CHECK (records_deleted >= 0),
  history_deleted INTEGER NOT NULL CHECK (history_deleted >= 0)
);

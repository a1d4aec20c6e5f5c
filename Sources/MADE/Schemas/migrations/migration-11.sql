-- One row per loaded file and month it delivered records for: the delivery evidence that
-- decides which periods are complete (`DeliveredMonths`), instead of the span between a
-- feed's earliest and latest record, which one wild date stretched across decades.
-- Filled when a file commits; warehouses from before this migration are filled from their
-- records once (`Warehouse.backfillDeliveredMonths`).
CREATE TABLE file_months (
  file_id INTEGER NOT NULL REFERENCES files(file_id),
  period_month TEXT NOT NULL,
  records INTEGER NOT NULL CHECK (records > 0),
  PRIMARY KEY (file_id, period_month)
) WITHOUT ROWID;

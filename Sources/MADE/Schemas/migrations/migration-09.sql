-- Reject counts by file and reason (the run report, `made status`) read in index order;
-- a GROUP BY over all rejects sorted millions of rows in memory.
CREATE INDEX rejects_by_file_reason ON rejects(file_id, reason);

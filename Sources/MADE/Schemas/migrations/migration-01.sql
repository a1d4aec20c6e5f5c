-- One row per command run.
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'ok', 'quarantined', 'failed')),
  os_user TEXT NOT NULL,
  made_version TEXT NOT NULL
);

-- One row per delivered file, whatever became of it.
CREATE TABLE files (
  file_id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  feed TEXT,
  original_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL,
  compression TEXT NOT NULL DEFAULT 'none' CHECK (compression IN ('none', 'gzip')),
  encoding TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_loaded INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  ignored_columns TEXT,
  status TEXT NOT NULL CHECK (status IN ('loaded', 'duplicate', 'quarantined')),
  reason TEXT,
  message TEXT,
  duplicate_of INTEGER REFERENCES files(file_id),
  received_at TEXT NOT NULL,
  CHECK (rows_read = rows_loaded + rows_rejected),
  CHECK (rows_loaded = rows_inserted + rows_updated + rows_unchanged)
);
CREATE INDEX files_by_sha256 ON files(sha256, status);

-- One row per rejected row of a delivered file. Never holds a raw identifier.
CREATE TABLE rejects (
  reject_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(file_id),
  line INTEGER NOT NULL,
  field TEXT,
  reason TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX rejects_by_file ON rejects(file_id, line);

-- One row per action that touched data: ingest, reference load, aggregate, export, purge.
CREATE TABLE audit_log (
  audit_id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT,
  rows INTEGER
);

-- One row per reference file loaded.
CREATE TABLE reference_loads (
  load_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  original_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  vintage TEXT,
  rows INTEGER NOT NULL,
  loaded_at TEXT NOT NULL
);

-- One row per local authority district; in_area marks the VRN's (made.toml).
CREATE TABLE ref_lads (
  lad_code TEXT PRIMARY KEY,
  lad_name TEXT NOT NULL,
  in_area INTEGER NOT NULL DEFAULT 0 CHECK (in_area IN (0, 1))
);

-- One row per ward of the configured vintage.
CREATE TABLE ref_wards (
  ward_code TEXT PRIMARY KEY,
  ward_name TEXT NOT NULL,
  lad_code TEXT NOT NULL REFERENCES ref_lads(lad_code),
  vintage TEXT
);

-- One row per community safety partnership and LAD (a CSP groups LADs).
CREATE TABLE ref_csps (
  csp_code TEXT NOT NULL,
  csp_name TEXT NOT NULL,
  lad_code TEXT NOT NULL REFERENCES ref_lads(lad_code),
  PRIMARY KEY (csp_code, lad_code)
);

-- One row per LSOA code and vintage: its best-fit ward.
CREATE TABLE ref_lsoa_wards (
  lsoa_code TEXT NOT NULL,
  lsoa_vintage TEXT NOT NULL,
  lsoa_name TEXT,
  ward_code TEXT NOT NULL,
  lad_code TEXT NOT NULL,
  PRIMARY KEY (lsoa_code, lsoa_vintage)
);

-- One row per postcode (compact form, no spaces) from ONSPD or NSPL.
CREATE TABLE ref_postcodes (
  postcode TEXT PRIMARY KEY,
  postcode_display TEXT NOT NULL,
  ward_code TEXT,
  lad_code TEXT,
  lsoa_code TEXT,
  terminated TEXT,
  source TEXT NOT NULL
) WITHOUT ROWID;

-- One row per ward, mid-year, single year of age (90 means 90 and over).
CREATE TABLE ref_population (
  ward_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 90),
  population INTEGER NOT NULL CHECK (population >= 0),
  PRIMARY KEY (ward_code, year, age)
) WITHOUT ROWID;

-- One row per Home Office offence code: group, local flags, harm weight.
CREATE TABLE ref_offences (
  offence_code TEXT PRIMARY KEY,
  description TEXT,
  offence_group TEXT NOT NULL,
  is_serious_violence INTEGER NOT NULL CHECK (is_serious_violence IN (0, 1)),
  is_knife_eligible INTEGER NOT NULL CHECK (is_knife_eligible IN (0, 1)),
  harm_weight_days REAL,
  weight_source TEXT
);

-- One row per feed whose record table exists: the columns MADE created.
CREATE TABLE feed_tables (
  feed TEXT PRIMARY KEY,
  table_name TEXT NOT NULL UNIQUE,
  columns TEXT NOT NULL
);

-- One row per indicator in Schemas/indicators.json.
CREATE TABLE indicators (
  indicator_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  definition TEXT NOT NULL,
  source_feeds TEXT NOT NULL,
  numerator TEXT NOT NULL,
  denominator TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('rate', 'proportion', 'harm', 'count')),
  multiplier REAL,
  polarity TEXT NOT NULL CHECK (polarity IN ('low_is_good', 'high_is_good', 'no_judgement')),
  suppression TEXT NOT NULL CHECK (suppression IN ('primary_secondary', 'nhs', 'none'))
);

-- One row per indicator x geography x period.
CREATE TABLE indicator_values (
  indicator_id TEXT NOT NULL REFERENCES indicators(indicator_id),
  geo_type TEXT NOT NULL CHECK (geo_type IN ('ward', 'lad', 'csp', 'county')),
  geo_code TEXT NOT NULL,
  period_type TEXT NOT NULL
    CHECK (period_type IN ('month', 'quarter', 'financial_year', 'rolling_12m')),
  period TEXT NOT NULL,
  numerator REAL,
  denominator REAL,
  value REAL,
  lower_95 REAL,
  upper_95 REAL,
  lower_998 REAL,
  upper_998 REAL,
  method TEXT,
  benchmark_value REAL,
  comparison TEXT,
  suppressed INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1)),
  PRIMARY KEY (indicator_id, geo_type, geo_code, period_type, period)
) WITHOUT ROWID;

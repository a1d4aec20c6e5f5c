/// The warehouse's versioned migrations. Never edit a released migration: add a new one.
///
/// Grain of each table is in its comment; the README's data dictionary follows these.
enum Migrations {
  static let all: [(version: Int, name: String, sql: String)] = [
    (1, "operations, reference and indicator tables", v1),
    (2, "keyword rules that classify free-text methods", v2),
    (3, "schools and exclusion reasons", v3),
    (4, "records replaced by a later delivery of their period", v4),
    (5, "method rules may name words that are not a method", v5),
    (6, "the indicator catalogue: areas, monthly cells, periods, trends and analysts' views", v6),
    (7, "purges of records past their retention; the host on audit entries", v7),
    (8, "where each inbox delivery was filed, so an interrupted filing is finished", v8),
    (9, "rejects counted by file and reason without sorting them all", v9),
    (10, "rows that repeat a key in their file, loaded with a warning", v10),
    (11, "the months each delivery covers, which decide what periods are published", v11),
  ]

  static let v11 = """
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
    """

  static let v10 = """
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
    """

  static let v9 = """
    -- Reject counts by file and reason (the run report, `made status`) read in index order;
    -- a GROUP BY over all rejects sorted millions of rows in memory.
    CREATE INDEX rejects_by_file_reason ON rejects(file_id, reason);
    """

  static let v8 = """
    -- Filing of inbox deliveries. inbox_path: where the delivered file sat, relative to the
    -- workspace; it stays set from the file's commit until the file is in archive/ or
    -- quarantine/, so a value left behind means MADE stopped in between and the next run
    -- finishes the move. filed_path: where the file went (for a health file refused for
    -- identifiers, which is deleted, its reason note).
    ALTER TABLE files ADD COLUMN inbox_path TEXT;
    ALTER TABLE files ADD COLUMN filed_path TEXT;
    """

  static let v7 = """
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
    """

  static let v6 = """
    -- Catalogue metadata beyond v1's: the partner type an indicator speaks for (the multi-agency
    -- hotspot counts partner types), where and when it is published, and its catalogue order.
    ALTER TABLE indicators ADD COLUMN partner_type TEXT;
    ALTER TABLE indicators ADD COLUMN geographies TEXT;
    ALTER TABLE indicators ADD COLUMN periods TEXT;
    ALTER TABLE indicators ADD COLUMN sort_order INTEGER;

    -- records: how many records the value rests on (for harm, the offences behind the weights);
    -- disclosure control applies to it. population_year: the mid-year estimate used.
    -- comparison_two_level: Fingertips' two-level result (better_998 … worse_998).
    -- previous_value, change: the previous period of the same type and value minus it.
    -- trend: over the last five periods of the type (increasing, decreasing,
    -- no_significant_change, not_calculated).
    ALTER TABLE indicator_values ADD COLUMN records INTEGER;
    ALTER TABLE indicator_values ADD COLUMN population_year INTEGER;
    ALTER TABLE indicator_values ADD COLUMN comparison_two_level TEXT;
    ALTER TABLE indicator_values ADD COLUMN previous_value REAL;
    ALTER TABLE indicator_values ADD COLUMN change REAL;
    ALTER TABLE indicator_values ADD COLUMN trend TEXT;

    -- One row per area MADE publishes (ward, lad, csp, county), with its name and the district
    -- and partnership it lies in. Rebuilt by `made aggregate` from ref_wards, ref_lads and
    -- made.toml.
    CREATE TABLE ref_areas (
      geo_type TEXT NOT NULL CHECK (geo_type IN ('ward', 'lad', 'csp', 'county')),
      geo_code TEXT NOT NULL,
      geo_name TEXT NOT NULL,
      lad_code TEXT,
      csp_code TEXT,
      PRIMARY KEY (geo_type, geo_code)
    ) WITHOUT ROWID;

    -- One row per indicator x month x ward of the area (ward_code '' for records placed only
    -- in a district, lad_code '' too for unplaced records): the counts every period is summed
    -- from. A cache that `made aggregate` refreshes only for the months new files touched.
    CREATE TABLE indicator_cells (
      indicator_id TEXT NOT NULL,
      month TEXT NOT NULL,
      lad_code TEXT NOT NULL,
      ward_code TEXT NOT NULL,
      records INTEGER NOT NULL,
      numerator REAL NOT NULL,
      denominator REAL,
      PRIMARY KEY (indicator_id, month, lad_code, ward_code)
    ) WITHOUT ROWID;

    -- One row per fact `made aggregate` keeps between runs to work out what changed.
    CREATE TABLE aggregation_state (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- One row per school whose GIAS postcode is in ref_postcodes: where it is.
    CREATE VIEW v_school_places AS
    SELECT s.urn, p.ward_code, p.lad_code, coalesce(l.in_area, 0) AS in_area
    FROM ref_schools s
    JOIN ref_postcodes p ON p.postcode = replace(upper(s.postcode), ' ', '')
    LEFT JOIN ref_lads l ON l.lad_code = p.lad_code;

    -- One row per indicator, area and period type: the latest period, with names.
    CREATE VIEW v_indicator_latest AS
    SELECT v.indicator_id, i.title AS indicator_title, v.geo_type, v.geo_code, a.geo_name,
      v.period_type, v.period, v.records, v.numerator, v.denominator, v.value, v.lower_95,
      v.upper_95, v.lower_998, v.upper_998, v.method, v.benchmark_value, v.comparison,
      v.comparison_two_level, v.previous_value, v.change, v.trend
    FROM indicator_values v
    JOIN indicators i ON i.indicator_id = v.indicator_id
    LEFT JOIN ref_areas a ON a.geo_type = v.geo_type AND a.geo_code = v.geo_code
    WHERE v.period = (
      SELECT max(l.period) FROM indicator_values l
      WHERE l.indicator_id = v.indicator_id AND l.geo_type = v.geo_type
        AND l.geo_code = v.geo_code AND l.period_type = v.period_type);

    -- One row per ward and period: harm-weighted serious violence and the multi-agency hotspot
    -- count, ranked within the period (1 = most partner types worse, then most harm).
    CREATE VIEW v_hotspots AS
    SELECT h.period_type, h.period, h.geo_code AS ward_code, a.geo_name AS ward_name,
      a.lad_code, w.lad_name, h.value AS partner_types_worse, harm.value AS sv_harm,
      harm.records AS sv_offences,
      rank() OVER (PARTITION BY h.period_type, h.period
        ORDER BY h.value DESC, coalesce(harm.value, 0) DESC) AS hotspot_rank
    FROM indicator_values h
    LEFT JOIN indicator_values harm ON harm.indicator_id = 'sv_harm'
      AND harm.geo_type = 'ward' AND harm.geo_code = h.geo_code
      AND harm.period_type = h.period_type AND harm.period = h.period
    LEFT JOIN ref_areas a ON a.geo_type = 'ward' AND a.geo_code = h.geo_code
    LEFT JOIN ref_lads w ON w.lad_code = a.lad_code
    WHERE h.indicator_id = 'multi_agency_hotspot' AND h.geo_type = 'ward';
    """

  static let v5 = """
    CREATE TABLE ref_method_rules_new (
      keyword TEXT PRIMARY KEY,
      category TEXT NOT NULL CHECK (category IN
        ('sharp_object', 'blunt_object', 'body_part', 'firearm', 'other', 'not_a_method')),
      priority INTEGER NOT NULL
    );
    INSERT INTO ref_method_rules_new SELECT keyword, category, priority FROM ref_method_rules;
    DROP TABLE ref_method_rules;
    ALTER TABLE ref_method_rules_new RENAME TO ref_method_rules;
    """

  static let v4 = """
    -- Keyless records (no natural key) that a later delivery of the same period and source
    -- superseded without re-delivering them: moved to history, counted here.
    ALTER TABLE files ADD COLUMN rows_replaced INTEGER NOT NULL DEFAULT 0;
    """

  static let v3 = """
    -- One row per school (URN) from a GIAS extract; its postcode places its pupils' records.
    CREATE TABLE ref_schools (
      urn TEXT PRIMARY KEY,
      school_name TEXT NOT NULL,
      postcode TEXT,
      la_code TEXT,
      la_name TEXT,
      status TEXT,
      phase TEXT
    );

    -- One row per DfE suspension and exclusion reason code.
    CREATE TABLE ref_exclusion_reasons (
      reason_code TEXT PRIMARY KEY,
      description TEXT NOT NULL,
      is_violence_related INTEGER NOT NULL CHECK (is_violence_related IN (0, 1))
    );
    """

  static let v2 = """
    -- One row per keyword: free text containing it (or a near spelling) is this category.
    CREATE TABLE ref_method_rules (
      keyword TEXT PRIMARY KEY,
      category TEXT NOT NULL
        CHECK (category IN ('sharp_object', 'blunt_object', 'body_part', 'firearm', 'other')),
      priority INTEGER NOT NULL
    );
    """

  static let v1 = """
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
    """
}

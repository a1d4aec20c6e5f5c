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

-- What a pack may not show besides a withheld cell itself, decided by `made aggregate` with
-- `suppressed` (`Disclosure`) so that packs and views withhold the same things:
-- comparison_withheld: the comparison rests on a withheld cell (this one, or the county's
--   value it is compared with);
-- trend_withheld: the trend, previous value or change reads a withheld cell (this one, or
--   one of the earlier periods of the same area the trend is computed over).
-- Rows written before this migration get them at the end of it; the next aggregation
-- recomputes every value.
ALTER TABLE indicator_values ADD COLUMN comparison_withheld INTEGER NOT NULL DEFAULT 0
  CHECK (comparison_withheld IN (0, 1));
ALTER TABLE indicator_values ADD COLUMN trend_withheld INTEGER NOT NULL DEFAULT 0
  CHECK (trend_withheld IN (0, 1));

-- The views are what an analyst may copy into a public document: they show what a pack
-- shows. Only quarters and financial years, the periods packs publish: small-number
-- protection checks each total against its parts, and a rolling year minus the one before
-- it, plus the month a year earlier, gives a month that protection never saw (a review
-- recovered 1,820 withheld monthly counts that way from the demo). A withheld cell's
-- counts, value and limits are blank, and so are comparisons and trends that rest on a
-- withheld cell; counts under the NHS policy are rounded to the nearest 5 as in packs.
-- `indicator_values` keeps every row, months and rolling years included, not for
-- publication.
DROP VIEW v_indicator_latest;
DROP VIEW v_hotspots;
-- v_ward_profile is built from the catalogue by `made aggregate` (the next one builds it
-- again, blanking withheld values); until then it is gone rather than showing them.
DROP VIEW IF EXISTS v_ward_profile;

-- One row per indicator x geography x quarter or financial year, with names, as a pack
-- would publish it: a withheld cell's counts, value and limits blank, comparisons and
-- trends resting on a withheld cell blank, NHS counts rounded to the nearest 5. The
-- analyst's path to every published period; `indicator_values` holds the raw rows.
CREATE VIEW v_indicator_values AS
SELECT v.indicator_id, i.title AS indicator_title, v.geo_type, v.geo_code, a.geo_name,
  v.period_type, v.period, v.suppressed,
  CASE WHEN v.suppressed = 1 THEN NULL
    WHEN i.suppression = 'nhs' THEN CAST(round(v.records / 5.0) * 5 AS INTEGER)
    ELSE v.records END AS records,
  CASE WHEN v.suppressed = 1 THEN NULL
    WHEN i.suppression = 'nhs' THEN round(v.numerator / 5.0) * 5
    ELSE v.numerator END AS numerator,
  CASE WHEN v.suppressed = 1 AND i.method = 'proportion' THEN NULL
    ELSE v.denominator END AS denominator,
  CASE WHEN v.suppressed = 1 THEN NULL ELSE v.value END AS value,
  CASE WHEN v.suppressed = 1 THEN NULL ELSE v.lower_95 END AS lower_95,
  CASE WHEN v.suppressed = 1 THEN NULL ELSE v.upper_95 END AS upper_95,
  CASE WHEN v.suppressed = 1 THEN NULL ELSE v.lower_998 END AS lower_998,
  CASE WHEN v.suppressed = 1 THEN NULL ELSE v.upper_998 END AS upper_998,
  v.method,
  CASE WHEN v.comparison_withheld = 1 THEN NULL ELSE v.benchmark_value END AS benchmark_value,
  CASE WHEN v.comparison_withheld = 1 THEN NULL ELSE v.comparison END AS comparison,
  CASE WHEN v.comparison_withheld = 1 THEN NULL ELSE v.comparison_two_level END
    AS comparison_two_level,
  CASE WHEN v.trend_withheld = 1 THEN NULL ELSE v.previous_value END AS previous_value,
  CASE WHEN v.trend_withheld = 1 THEN NULL ELSE v.change END AS change,
  CASE WHEN v.trend_withheld = 1 THEN NULL ELSE v.trend END AS trend
FROM indicator_values v
JOIN indicators i ON i.indicator_id = v.indicator_id
LEFT JOIN ref_areas a ON a.geo_type = v.geo_type AND a.geo_code = v.geo_code
WHERE v.period_type IN ('quarter', 'financial_year');

-- One row per indicator, area and period type (quarter, financial year): the latest
-- period, as `v_indicator_values` shows it.
CREATE VIEW v_indicator_latest AS
SELECT p.* FROM v_indicator_values p
WHERE p.period = (
  SELECT max(l.period) FROM indicator_values l
  WHERE l.indicator_id = p.indicator_id AND l.geo_type = p.geo_type
    AND l.geo_code = p.geo_code AND l.period_type = p.period_type);

-- (sv_harm_offences, the count behind sv_harm, was sv_offences here: a name that is a rate,
-- the sv_offences indicator, in v_ward_profile.)

-- One row per ward and quarter or financial year: the multi-agency hotspot count and harm-weighted serious
-- violence as a pack would publish them, ranked within the period (1 = most partner types
-- worse, then most harm).
CREATE VIEW v_hotspots AS
SELECT h.period_type, h.period, h.geo_code AS ward_code, a.geo_name AS ward_name,
  a.lad_code, w.lad_name, CAST(h.value AS INTEGER) AS partner_types_worse,
  coalesce(harm.suppressed, 0) AS sv_harm_suppressed,
  CASE WHEN harm.suppressed = 1 THEN NULL ELSE harm.value END AS sv_harm,
  CASE WHEN harm.suppressed = 1 THEN NULL ELSE harm.records END AS sv_harm_offences,
  rank() OVER (PARTITION BY h.period_type, h.period
    ORDER BY h.value DESC,
      CASE WHEN harm.suppressed = 1 THEN 0 ELSE coalesce(harm.value, 0) END DESC)
    AS hotspot_rank
FROM indicator_values h
LEFT JOIN indicator_values harm ON harm.indicator_id = 'sv_harm'
  AND harm.geo_type = 'ward' AND harm.geo_code = h.geo_code
  AND harm.period_type = h.period_type AND harm.period = h.period
LEFT JOIN ref_areas a ON a.geo_type = 'ward' AND a.geo_code = h.geo_code
LEFT JOIN ref_lads w ON w.lad_code = a.lad_code
WHERE h.indicator_id = 'multi_agency_hotspot' AND h.geo_type = 'ward'
  AND h.period_type IN ('quarter', 'financial_year');

-- The rows already stored get the flags now, so that no pack or view shows a comparison
-- or trend resting on a withheld cell before the next aggregation: comparisons exactly, and
-- trends conservatively (withheld after any earlier withheld period of the same area, not
-- only the four the trend reads; period labels of one type sort in time order). The next
-- `made aggregate` recomputes every value (its inputs are forgotten) and sets them exactly.
UPDATE indicator_values SET
  comparison_withheld = (suppressed = 1 OR EXISTS (
    SELECT 1 FROM indicator_values c WHERE c.indicator_id = indicator_values.indicator_id
      AND c.geo_type = 'county' AND c.period_type = indicator_values.period_type
      AND c.period = indicator_values.period AND c.suppressed = 1)),
  trend_withheld = (suppressed = 1 OR EXISTS (
    SELECT 1 FROM indicator_values e WHERE e.indicator_id = indicator_values.indicator_id
      AND e.geo_type = indicator_values.geo_type AND e.geo_code = indicator_values.geo_code
      AND e.period_type = indicator_values.period_type AND e.period < indicator_values.period
      AND e.suppressed = 1));
DELETE FROM aggregation_state WHERE name = 'value_inputs';
-- The hotspot counted comparisons with a withheld county value as worse: its rows go, and
-- the next aggregation counts it again from published comparisons only.
DELETE FROM indicator_values WHERE indicator_id = 'multi_agency_hotspot';

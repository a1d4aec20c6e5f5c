-- One row per ward or district boundary that maps draw: the area's, and with `--neighbours`
-- those touching them, drawn for context. Loaded from ONS GeoJSON by
-- `made reference load boundaries`, simplified once for an inline SVG (shared borders
-- simplified once, so neighbours neither gap nor overlap), projected to British National
-- Grid and rounded to whole metres. A load replaces the stored boundaries of its level.
CREATE TABLE ref_boundaries (
  geo_type TEXT NOT NULL CHECK (geo_type IN ('ward', 'lad')),
  geo_code TEXT NOT NULL,
  geo_name TEXT NOT NULL,
  vintage TEXT NOT NULL,
  tolerance_m REAL NOT NULL CHECK (tolerance_m >= 0),
  area_m2 REAL NOT NULL CHECK (area_m2 > 0),
  min_easting INTEGER NOT NULL,
  min_northing INTEGER NOT NULL,
  max_easting INTEGER NOT NULL,
  max_northing INTEGER NOT NULL,
  geometry TEXT NOT NULL CHECK (json_valid(geometry)),
  PRIMARY KEY (geo_type, geo_code)
) WITHOUT ROWID;

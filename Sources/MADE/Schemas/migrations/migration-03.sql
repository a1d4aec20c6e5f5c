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

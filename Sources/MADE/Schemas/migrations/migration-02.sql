-- One row per keyword: free text containing it (or a near spelling) is this category.
CREATE TABLE ref_method_rules (
  keyword TEXT PRIMARY KEY,
  category TEXT NOT NULL
    CHECK (category IN ('sharp_object', 'blunt_object', 'body_part', 'firearm', 'other')),
  priority INTEGER NOT NULL
);

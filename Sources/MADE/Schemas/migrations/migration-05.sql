CREATE TABLE ref_method_rules_new (
  keyword TEXT PRIMARY KEY,
  category TEXT NOT NULL CHECK (category IN
    ('sharp_object', 'blunt_object', 'body_part', 'firearm', 'other', 'not_a_method')),
  priority INTEGER NOT NULL
);
INSERT INTO ref_method_rules_new SELECT keyword, category, priority FROM ref_method_rules;
DROP TABLE ref_method_rules;
ALTER TABLE ref_method_rules_new RENAME TO ref_method_rules;

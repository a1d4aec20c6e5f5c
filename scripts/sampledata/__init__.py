"""MADE's synthetic Lancashire sample data (SampleData/), one module per part.

Everything written here is SYNTHETIC. The 14 Lancashire local authority district (LAD) codes and
names, the three neighbouring LADs, the Home Office offence codes and the data.police.uk crime
types are real published codes; every ward, LSOA, MSOA, output area, postcode, population figure
and record is invented. No real person or place-level statistic is represented.

Run it through scripts/generate-sample-data.py (or `python3 -m sampledata` from scripts/).

Deterministic: standard library only, one fixed seed, no clock, no hash-ordered iteration, no
locale. Running it twice gives byte-identical files (gzip members carry mtime 0 and no file
name). It deletes and rewrites only the files it owns (see cli.owned_paths()).

Each part draws from its own random stream (common.rng_for(name)), so parts are independent of
one another, but within a part the order of the draws is the data: moving, adding or removing
one call changes every byte after it. The parts run in cli.main's order because some read what
an earlier one built (suspensions move excluded pupils; absence reads those moves).

Modules:
  common          streams, weighted picks, CSV text with physical line numbers, gzip, dates
  areas           real LAD and NSPL codes, place names the invented wards are built from
  geography       LADs, wards, LSOAs (2021 and 2011), MSOAs, output areas, postcodes
  population      ward populations; where a record's person lives or its offence happens
  reference       reference/*.csv: lookups, population, offences, exclusion reasons
  method_rules    reference/method-rules.csv and a Python port of MethodClassifier.swift
  police_crimes   the force's extract: records per month
  police_crimes_files  its files, awkward cases and quarantined deliveries
  police_uk       data.police.uk street-level files
  schools         reference/schools.csv (GIAS)
  pupils          the pupils behind the school feeds, and the school calendar
  suspensions     school-suspensions
  absence         school-absence
  yot             yot-offences
  ae              ae-attendances
  expected        SampleData/expected.json
  readme, readme_feeds  SampleData/README.md
  cli             the command line and the order of the parts
  national        not SampleData: a national year of street files and an invented England and
                  Wales geography for `scripts/bench --case national`
"""

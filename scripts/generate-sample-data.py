#!/usr/bin/env python3
"""Generate MADE's synthetic Lancashire sample data (SampleData/).

Everything written here is SYNTHETIC. The 14 Lancashire local authority district (LAD) codes and
names, the three neighbouring LADs, the Home Office offence codes and the data.police.uk crime
types are real published codes; every ward, LSOA, MSOA, output area, postcode, population figure
and record is invented. No real person or place-level statistic is represented.

    python3 scripts/generate-sample-data.py            # writes SampleData/ next to scripts/
    python3 scripts/generate-sample-data.py --out DIR  # writes into DIR instead

Deterministic: standard library only, one fixed seed, no clock, no hash-ordered iteration, no
locale. Running it twice gives byte-identical files (gzip members carry mtime 0 and no file
name). It deletes and rewrites only the files it owns (see owned_paths() in sampledata/cli.py).

Besides the data it writes SampleData/expected.json (figures computed here, independently of the
Swift code, for end-to-end tests) and SampleData/README.md (including the file and line of every
deliberately awkward case).

This file is only the command line: the generator is the package scripts/sampledata/, one module
per feed (its __init__.py lists them).
"""

import sys

from sampledata.cli import main

if __name__ == "__main__":
    sys.exit(main())

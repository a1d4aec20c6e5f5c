"""`python3 -m sampledata` (from scripts/): the same as scripts/generate-sample-data.py."""

import sys

from .cli import main

sys.exit(main(prog="python3 -m sampledata"))

#!/usr/bin/env python3
"""Write a large synthetic data.police.uk street-level file for benchmarks.

    python3 scripts/generate-police-uk.py --rows 1000000 --out /tmp/bench-street.csv [--seed S]
    python3 scripts/generate-police-uk.py --national DIR [--forces 39] [--months 2024-04..2025-03]
                                          [--rows 9200]
    python3 scripts/generate-police-uk.py --force SLUG --month 2024-04 --rows 9200 --out FILE

Same format and quirks as SampleData/inbox/police-uk/ (written by generate-sample-data.py):
CRLF, the 12 published columns, ~30% anti-social behaviour rows with a blank Crime ID and
outcome, ~3% "No Location" rows (blank coordinates and LSOA), ~3% 2011-only LSOA codes, ~2%
LSOAs in the neighbouring LADs, the rest 2021 LSOAs of the 14 Lancashire districts. LSOA codes
and names come from SampleData/reference/lsoa-wards.csv and lsoa11-wards.csv (map points from
postcodes.csv), so every located row resolves to a ward. Everything is synthetic.

Streams to disk in batches with precomputed row fragments: memory stays constant whatever
--rows is; 1,000,000 rows (~210 MB) take a few seconds. Deterministic: the same --seed and
reference files give byte-identical output (standard library only, no clock).

--national DIR writes a national year instead (scripts/sampledata/national.py, for
`scripts/bench --case national`): an invented England and Wales geography in the ONS layouts
(DIR/reference/: lsoa-wards.csv, lsoa11-wards.csv, wards.csv, population.csv, lads.csv) and one
street file per force and month named as data.police.uk names them
(DIR/files/2024-04-avon-and-somerset-street.csv …): --forces of the 43 forces (default 39),
--months, --rows the mean rows of a force-month file (scaled by the force's size; default
9200: ~4.3M rows in 468 files). --force SLUG writes one force's file of --month to --out, the
same bytes as --national writes for it (--rows is then that mean too, not the file's count).
--seed does not apply to either: each force-month has its own fixed stream.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

# The crime types, outcomes, header and streets are SampleData's own (scripts/sampledata/).
from sampledata.common import csv_field
from sampledata.police_uk import FORCE, POLICE_UK_HEADER
from sampledata.police_uk import STREETS as SAMPLE_STREETS
from sampledata.police_uk import UK_CRIME_TYPES as CRIME_TYPES
from sampledata.police_uk import UK_OUTCOMES as OUTCOMES
from sampledata import national

DEFAULT_SEED = 20261127
AREA_LADS = ["E06000008", "E06000009", "E07000117", "E07000118", "E07000119", "E07000120",
             "E07000121", "E07000122", "E07000123", "E07000124", "E07000125", "E07000126",
             "E07000127", "E07000128"]
HEADER = ",".join(POLICE_UK_HEADER)
# The sample's 30 ordinary streets, then landmarks: the list this script has always drawn from
# (a seed's output must not change).
STREETS = SAMPLE_STREETS[:30] + [
    "St Mary's Road", "St John's Street", "King's Drive", "Queen's Road", "Priory Lane",
    "Parking Area", "Supermarket", "Petrol Station", "Nightclub", "Shopping Area",
    "Sports/Recreation Area", "Hospital", "Bus/Coach Station", "Pedestrian Subway"]
POINTS_PER_LSOA = 8
LOCATION_SHARES = [("area", 92.0), ("lsoa11", 3.0), ("outside", 2.0), ("none", 3.0)]
ASB_SHARE = 0.30
BATCH = 8192


def read_csv(path: Path):
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def centroids(rows, key):
    """Mean lat/long per key over postcodes that have a grid reference (insertion-ordered)."""
    acc = {}
    for r in rows:
        if r["osgrdind"] == "9" or not r[key] or r[key].endswith("99999999"):
            continue
        lat, lon = float(r["lat"]), float(r["long"])
        a = acc.setdefault(r[key], [0.0, 0.0, 0])
        a[0] += lat
        a[1] += lon
        a[2] += 1
    return {k: (v[0] / v[2], v[1] / v[2]) for k, v in acc.items()}


def build_fragments(reference: Path, rng: random.Random):
    """Location fragments ',lon,lat,Location,LSOA code,LSOA name' per category."""
    lsoa21 = read_csv(reference / "lsoa-wards.csv")
    lsoa11 = read_csv(reference / "lsoa11-wards.csv")
    postcodes = read_csv(reference / "postcodes.csv")
    by_lsoa = centroids(postcodes, "lsoa21")
    by_ward = centroids(postcodes, "ward")
    area = set(AREA_LADS)
    codes21 = {r["LSOA21CD"] for r in lsoa21}

    def points(code, name, centre):
        frags = []
        for street in rng.sample(STREETS, k=POINTS_PER_LSOA):
            lat = centre[0] + rng.uniform(-0.0025, 0.0025)
            lon = centre[1] + rng.uniform(-0.004, 0.004)
            frags.append(f",{lon:.6f},{lat:.6f},{csv_field('On or near ' + street)},"
                         f"{code},{csv_field(name)}")
        return frags

    frags = {"area": [], "lsoa11": [], "outside": [], "none": [",,,No Location,,"]}
    for r in lsoa21:
        centre = by_lsoa.get(r["LSOA21CD"]) or by_ward.get(r["WD24CD"])
        if centre is None:
            continue
        kind = "area" if r["LAD24CD"] in area else "outside"
        frags[kind] += points(r["LSOA21CD"], r["LSOA21NM"], centre)
    for r in lsoa11:
        if r["LSOA11CD"] in codes21 or r["LAD24CD"] not in area:
            continue
        centre = by_ward.get(r["WD24CD"])
        if centre is not None:
            frags["lsoa11"] += points(r["LSOA11CD"], r["LSOA11NM"], centre)
    missing = [k for k, v in frags.items() if not v]
    if missing:
        raise SystemExit(f"generate-police-uk: no LSOAs for {', '.join(missing)} in {reference}; "
                         "run scripts/generate-sample-data.py first")
    # One flat list with cumulative weights: each category gets its share, spread evenly.
    pool, cum, acc = [], [], 0.0
    for kind, share in LOCATION_SHARES:
        each = share / len(frags[kind])
        for f in frags[kind]:
            acc += each
            pool.append(f)
            cum.append(acc)
    return pool, cum


def main(argv=None) -> int:
    default_ref = Path(__file__).resolve().parent.parent / "SampleData" / "reference"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, help="number of data rows (--national, --force: the "
                    f"mean rows of a force-month file, default {national.DEFAULT_ROWS})")
    ap.add_argument("--out", type=Path, help="file to write")
    ap.add_argument("--national", type=Path, metavar="DIR",
                    help="write a national year of force-month files and their reference data")
    ap.add_argument("--forces", type=int, default=national.DEFAULT_FORCES,
                    help=f"--national: the first N of the {len(national.FORCES)} forces "
                         f"(default {national.DEFAULT_FORCES})")
    ap.add_argument("--months", default="2024-04..2025-03",
                    help="--national: FIRST..LAST or a comma list (default 2024-04..2025-03)")
    ap.add_argument("--force", metavar="SLUG",
                    help="write one force's file of --month (a data.police.uk slug, e.g. kent)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    ap.add_argument("--month", default="2025-01", help="value of the Month column (YYYY-MM)")
    ap.add_argument("--reference", type=Path, default=default_ref,
                    help=f"folder with lsoa-wards.csv, lsoa11-wards.csv, postcodes.csv "
                         f"(default {default_ref})")
    args = ap.parse_args(argv)
    if args.national or args.force:
        return national_main(ap, args)
    if args.rows is None or args.out is None:
        ap.error("--rows and --out are required (or --national DIR)")
    if args.rows < 0:
        ap.error("--rows must be >= 0")

    rng = random.Random(args.seed)
    loc_pool, loc_cum = build_fragments(args.reference, rng)
    # Crime type + outcome, precombined: ',Crime type,Outcome,\r\n' (Context blank).
    kinds, kind_cum, acc = [], [], 0.0
    total_type = sum(w for _, w in CRIME_TYPES)
    total_out = sum(w for _, w in OUTCOMES)
    for ctype, wt in CRIME_TYPES:
        for outcome, wo in OUTCOMES:
            acc += (wt / total_type) * (wo / total_out)
            kinds.append(f",{csv_field(ctype)},{csv_field(outcome)},\r\n")
            kind_cum.append(acc)
    head = f",{args.month},{FORCE},{FORCE}"
    asb_tail = ",Anti-social behaviour,,\r\n"

    choices, getrandbits, random_ = rng.choices, rng.getrandbits, rng.random
    written = 0
    with open(args.out, "wb", buffering=4 * 1024 * 1024) as f:
        f.write((HEADER + "\r\n").encode("utf-8"))
        while written < args.rows:
            n = min(BATCH, args.rows - written)
            locs = choices(loc_pool, cum_weights=loc_cum, k=n)
            tails = choices(kinds, cum_weights=kind_cum, k=n)
            parts = []
            for i in range(n):
                if random_() < ASB_SHARE:
                    parts.append(head + locs[i] + asb_tail)
                else:
                    parts.append(format(getrandbits(256), "064x") + head + locs[i] + tails[i])
            f.write("".join(parts).encode("utf-8"))
            written += n
    print(f"wrote {written} rows to {args.out}", file=sys.stderr)
    return 0


def month_list(text: str):
    """'2024-04..2025-03' or '2024-04,2024-05' as a list of YYYY-MM."""
    if ".." not in text:
        return [m.strip() for m in text.split(",") if m.strip()]
    first, last = text.split("..")
    y, m = map(int, first.split("-"))
    months = []
    while f"{y}-{m:02d}" <= last:
        months.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def national_main(ap, args) -> int:
    rows = national.DEFAULT_ROWS if args.rows is None else args.rows
    if rows < 0:
        ap.error("--rows must be >= 0")
    slugs = [slug for slug, _, _ in national.FORCES]
    if args.force:
        if args.force not in slugs or args.out is None:
            ap.error(f"--force needs --out and one of: {', '.join(slugs)}")
        geo = national.Geography()
        n = national.ForceWriter(geo, args.force, rows).write(args.month, args.out)
        print(f"wrote {n} rows to {args.out}", file=sys.stderr)
        return 0
    if not 1 <= args.forces <= len(slugs):
        ap.error(f"--forces must be 1 … {len(slugs)}")
    months = month_list(args.months)
    written = national.write_national(args.national, args.forces, months, rows,
                                      log=lambda text: print(text, file=sys.stderr, flush=True))
    print(f"wrote {sum(n for _, n in written):,} rows in {len(written)} files to "
          f"{args.national / 'files'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

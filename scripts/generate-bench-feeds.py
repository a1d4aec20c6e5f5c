#!/usr/bin/env python3
"""Write years of synthetic partner deliveries (all six feeds) for the aggregation benchmark.

    python3 scripts/generate-bench-feeds.py --out DIR [--first 2020-04] [--last 2025-03]
        [--crimes-per-year 1000000] [--feeds police-crimes,...] [--seed S]

One file per feed and month (school-absence: one per term, in the month the term starts:
September, January, April), as SampleData/inbox/<feed>/ lays them out, into DIR/<feed>/:

- police-crimes: --crimes-per-year records a year, spread evenly over the months (1,000,000 a
  year is 83,333 or 83,334 a month).
- the other feeds (ae-attendances, yot-offences, school-suspensions, school-absence,
  police-uk): SampleData's volume for the same calendar month (or term) times the factor
  crimes-per-year / SampleData's police-crimes per year (~35 for a million), so their
  seasonality (no suspensions in August) and their size relative to police-crimes are
  SampleData's.

Rows are SampleData's own rows with new dates and identifiers: each row takes the shape of a
random valid SampleData row of its feed (offence code with its victim age and sex, weapon,
outcome; A&E site with its patient's postcode, method and age; school URN with its sessions;
...), its dates moved into the target month (keeping the gap between e.g. recorded and
committed date, and the age at the event), and a fresh unique identifier (crime reference,
YOT case ID, UPN). police-crimes rows take their offence postcode and LSOA from another random
SampleData row, so postcodes are SampleData's mix (~2% malformed or unknown, ~0.2% outside the
area) and every code resolves against SampleData/reference. police-uk months come from
scripts/generate-police-uk.py (its seed derived from --seed and the month). Nothing rejects
or quarantines on purpose: every row should load.

Deterministic: each file depends only on --seed, its feed, its month and its row count, so a
shorter range writes a subset of a longer range's files, byte for byte. Standard library only,
plain string writing, constant memory per file. DIR/manifest.json lists every file written
(feed, month, rows, bytes) with the parameters. About 25 million rows (five years at a million
police-crimes a year) take a couple of minutes.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime
import gzip
import importlib.util
import io
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "SampleData"
DEFAULT_SEED = 20261127
FEEDS = ["police-crimes", "ae-attendances", "yot-offences", "school-suspensions",
         "school-absence", "police-uk"]
# SampleData deliveries that are quarantined or superseded on purpose: not shapes to copy.
NOT_LOADED = ("wrong-export", "copy-interrupted", "with-nhs-number", "resend")
# Header aliases SampleData uses (yot-offences-2024-10.csv), to the canonical lower-case names.
ALIASES = {"caseid": "case id", "disposal": "outcome tier", "fte": "first time entrant"}
PERIOD = {"police-crimes": "recorded date", "ae-attendances": "arrival date",
          "yot-offences": "offence date", "school-suspensions": "start date",
          "police-uk": "month"}
HEADERS = {
    "police-crimes": "Crime Reference,Recorded Date,Committed Date,Committed Time,HO Offence Code,"
                     "Offence Description,Offence Postcode,LSOA Code,Victim Age,Victim Sex,Weapon,"
                     "Domestic Abuse,Outcome",
    "ae-attendances": "ED Site Code,Arrival Date,Arrival Time,Assault Date,Assault Time,"
                      "Assault Location Type,Assault Location Description,Method,Patient Age,Sex,"
                      "Home Postcode,LSOA of Residence",
    "yot-offences": "Case ID,Date of Birth,Sex,Ethnicity,Home Postcode,Offence Date,"
                    "HO Offence Code,Offence Category,Outcome Tier,First Time Entrant",
    "school-suspensions": "School URN,UPN,Date of Birth,Sex,Home Postcode,Type,Start Date,"
                          "Sessions,Reason Code",
    "school-absence": "UPN,School URN,Academic Year,Term,Sessions Possible,Authorised Absence,"
                      "Unauthorised Absence",
}
TERMS = {9: "Autumn", 1: "Spring", 4: "Summer"}  # the month a term starts -> term
BATCH = 8192


def csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def dmy_to_date(text: str) -> datetime.date | None:
    try:
        d, m, y = text.split("/")
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None


class DateText(dict):
    """Proleptic ordinal -> 'dd/mm/yyyy', computed once per day."""

    def __missing__(self, ordinal):
        d = datetime.date.fromordinal(ordinal)
        text = self[ordinal] = f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
        return text


DATES = DateText()


def months_between(first: str, last: str) -> list[tuple[int, int]]:
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def sample_rows(feed: str) -> list[dict]:
    """The rows of SampleData's loadable deliveries of a feed, keyed by lower-case header."""
    rows = []
    for path in sorted((SAMPLE / "inbox" / feed).iterdir()):
        if any(s in path.name for s in NOT_LOADED):
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in next(reader)]
        for fields in reader:
            if len(fields) == len(header):
                rows.append(dict(zip(header, fields)))
    return rows


def period_of(feed: str, row: dict) -> tuple[int, int] | None:
    """The (year, month) a SampleData row counts in (school-absence: its term's first month)."""
    if feed == "school-absence":
        start = int(row["academic year"][:4])
        term = row["term"].strip().lower()
        return {"autumn": (start, 9), "spring": (start + 1, 1), "summer": (start + 1, 4)}.get(term)
    if feed == "police-uk":
        y, m = row["month"].split("-")
        return int(y), int(m)
    d = dmy_to_date(row[PERIOD[feed]])
    return (d.year, d.month) if d else None


def calendar_profile(feed: str, rows: list[dict]) -> dict[int, float]:
    """Mean rows per calendar month (1-12) over the months SampleData covers (zeros count)."""
    per_month: dict[tuple[int, int], int] = {}
    for row in rows:
        p = period_of(feed, row)
        if p:
            per_month[p] = per_month.get(p, 0) + 1
    covered = months_between("%d-%02d" % min(per_month), "%d-%02d" % max(per_month))
    if feed == "school-absence":
        covered = [p for p in covered if p[1] in TERMS]
    profile = {}
    for cm in range(1, 13):
        ms = [p for p in covered if p[1] == cm]
        profile[cm] = sum(per_month.get(p, 0) for p in ms) / len(ms) if ms else 0.0
    return profile


# --------------------------------------------------------------------------------------------
# Row shapes per feed
# --------------------------------------------------------------------------------------------

def offence_codes() -> set[str]:
    with (SAMPLE / "reference" / "offences.csv").open(newline="", encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(f)}


def days_between(later: str, earlier: str) -> int | None:
    a, b = dmy_to_date(later), dmy_to_date(earlier)
    return (a - b).days if a and b else None


def shapes(feed: str, rows: list[dict]):
    """Per feed: what a generated row keeps from a SampleData row."""
    out = []
    if feed == "police-crimes":
        codes = offence_codes()
        locs = []
        for r in rows:
            age = r["victim age"]
            if (r["ho offence code"] not in codes or (age and not age.isdigit())
                    or not dmy_to_date(r["recorded date"])
                    or (r["committed date"] and not dmy_to_date(r["committed date"]))):
                continue
            lag = days_between(r["recorded date"], r["committed date"]) if r["committed date"] else None
            mid = ",".join(csv_field(r[k]) for k in
                           ("committed time", "ho offence code", "offence description"))
            tail = ",".join(csv_field(r[k]) for k in
                            ("victim age", "victim sex", "weapon", "domestic abuse", "outcome"))
            out.append((lag, "," + mid + ",", "," + tail + "\r\n"))
            locs.append(csv_field(r["offence postcode"]) + "," + csv_field(r["lsoa code"]))
        return out, locs
    if feed == "ae-attendances":
        for r in rows:
            lag = days_between(r["arrival date"], r["assault date"]) if r["assault date"] else None
            rest = ",".join(csv_field(r[k]) for k in (
                "assault time", "assault location type", "assault location description", "method",
                "patient age", "sex", "home postcode", "lsoa of residence"))
            out.append((csv_field(r["ed site code"]) + ",", "," + r["arrival time"] + ",", lag,
                        "," + rest + "\r\n"))
        return out, None
    if feed == "yot-offences":
        for r in rows:
            age_days = days_between(r["offence date"], r["date of birth"])
            mid = ",".join(csv_field(r[k]) for k in ("sex", "ethnicity", "home postcode"))
            tail = ",".join(csv_field(r[k]) for k in (
                "ho offence code", "offence category", "outcome tier", "first time entrant"))
            out.append((age_days, "," + mid + ",", "," + tail + "\r\n"))
        return out, None
    if feed == "school-suspensions":
        for r in rows:
            age_days = days_between(r["start date"], r["date of birth"]) if r["date of birth"] else None
            mid = ",".join(csv_field(r[k]) for k in ("sex", "home postcode", "type"))
            tail = ",".join(csv_field(r[k]) for k in ("sessions", "reason code"))
            out.append((csv_field(r["school urn"]), age_days, "," + mid + ",", "," + tail + "\r\n"))
        return out, None
    if feed == "school-absence":
        for r in rows:
            tail = ",".join(r[k] for k in
                            ("sessions possible", "authorised absence", "unauthorised absence"))
            out.append(("," + r["school urn"] + ",", "," + tail + "\r\n"))
        return out, None
    raise ValueError(feed)


def write_rows(path: Path, header: str, make_batch, n: int):
    with open(path, "wb", buffering=4 * 1024 * 1024) as f:
        f.write((header + "\r\n").encode("utf-8"))
        done = 0
        while done < n:
            k = min(BATCH, n - done)
            f.write("".join(make_batch(done, k)).encode("utf-8"))
            done += k


def gen_police_crimes(path, y, m, n, rng, shape):
    templates, locs = shape
    first = datetime.date(y, m, 1).toordinal()
    days = list(range(first, first + calendar.monthrange(y, m)[1]))
    prefix = f"LB-{y % 100:02d}{m:02d}-"

    def batch(done, k):
        ts, ls, ds = rng.choices(templates, k=k), rng.choices(locs, k=k), rng.choices(days, k=k)
        parts = []
        for i in range(k):
            lag, mid, tail = ts[i]
            d = ds[i]
            parts.append(f"{prefix}{done + i:07d},{DATES[d]},"
                         f"{'' if lag is None else DATES[d - lag]}{mid}{ls[i]}{tail}")
        return parts
    write_rows(path, HEADERS["police-crimes"], batch, n)


def gen_ae(path, y, m, n, rng, shape):
    templates, _ = shape
    first = datetime.date(y, m, 1).toordinal()
    days = list(range(first, first + calendar.monthrange(y, m)[1]))

    def batch(done, k):
        ts, ds = rng.choices(templates, k=k), rng.choices(days, k=k)
        parts = []
        for i in range(k):
            site, arrival_time, lag, rest = ts[i]
            d = ds[i]
            parts.append(f"{site}{DATES[d]}{arrival_time}"
                         f"{'' if lag is None else DATES[d - lag]}{rest}")
        return parts
    write_rows(path, HEADERS["ae-attendances"], batch, n)


def gen_yot(path, y, m, n, rng, shape):
    templates, _ = shape
    first = datetime.date(y, m, 1).toordinal()
    days = list(range(first, first + calendar.monthrange(y, m)[1]))
    prefix = f"YB-{y % 100:02d}{m:02d}"

    def batch(done, k):
        ts, ds = rng.choices(templates, k=k), rng.choices(days, k=k)
        parts = []
        for i in range(k):
            age_days, mid, tail = ts[i]
            d = ds[i]
            parts.append(f"{prefix}{done + i:06d},{DATES[d - age_days]}{mid}{DATES[d]}{tail}")
        return parts
    write_rows(path, HEADERS["yot-offences"], batch, n)


def gen_suspensions(path, y, m, n, rng, shape):
    templates, _ = shape
    first = datetime.date(y, m, 1)
    days = [first.toordinal() + i for i in range(calendar.monthrange(y, m)[1])
            if (first + datetime.timedelta(days=i)).weekday() < 5]
    prefix = f"S{y % 100:02d}{m:02d}"

    def batch(done, k):
        ts, ds = rng.choices(templates, k=k), rng.choices(days, k=k)
        parts = []
        for i in range(k):
            urn, age_days, mid, tail = ts[i]
            d = ds[i]
            parts.append(f"{urn},{prefix}{done + i:08d},"
                         f"{'' if age_days is None else DATES[d - age_days]}{mid}{DATES[d]}{tail}")
        return parts
    write_rows(path, HEADERS["school-suspensions"], batch, n)


def gen_absence(path, y, m, n, rng, shape):
    templates, _ = shape
    start = y if m == 9 else y - 1
    year = f"{start}/{(start + 1) % 100:02d}"
    term = TERMS[m]
    middle = f",{year},{term}"
    prefix = f"A{start % 100:02d}{m:02d}"

    def batch(done, k):
        ts = rng.choices(templates, k=k)
        return [f"{prefix}{done + i:08d}{urn}{middle[1:]}{tail}"
                for i, (urn, tail) in enumerate(ts)]
    write_rows(path, HEADERS["school-absence"], batch, n)


_POLICE_UK = None


def gen_police_uk(path, y, m, n, seed):
    global _POLICE_UK
    if _POLICE_UK is None:
        spec = importlib.util.spec_from_file_location(
            "generate_police_uk", ROOT / "scripts" / "generate-police-uk.py")
        _POLICE_UK = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_POLICE_UK)
    import contextlib
    with contextlib.redirect_stderr(io.StringIO()):
        _POLICE_UK.main(["--rows", str(n), "--out", str(path), "--month", f"{y}-{m:02d}",
                         "--seed", str(seed * 100 + y * 12 + m)])


def file_name(feed: str, y: int, m: int) -> str:
    if feed == "police-uk":
        return f"{y}-{m:02d}-lancashire-street.csv"
    if feed == "school-absence":
        start = y if m == 9 else y - 1
        return f"school-absence-{start}-{(start + 1) % 100:02d}-{TERMS[m].lower()}.csv"
    return f"{feed}-{y}-{m:02d}.csv"


def rows_for(y: int, m: int, per_year: int) -> int:
    """Police-crimes rows of a month: per_year spread evenly, each year's months summing up."""
    i = m - 1
    return per_year * (i + 1) // 12 - per_year * i // 12


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write <feed>/ files into")
    ap.add_argument("--first", default="2020-04", help="first month, YYYY-MM (default 2020-04)")
    ap.add_argument("--last", default="2025-03", help="last month, YYYY-MM (default 2025-03)")
    ap.add_argument("--crimes-per-year", type=int, default=1_000_000,
                    help="police-crimes records a year; the other feeds scale with it")
    ap.add_argument("--feeds", default=",".join(FEEDS), help="comma-separated (default: all six)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    args = ap.parse_args(argv)
    feeds = [f.strip() for f in args.feeds.split(",") if f.strip()]
    for feed in feeds:
        if feed not in FEEDS:
            ap.error(f"unknown feed {feed!r} (feeds: {', '.join(FEEDS)})")
    months = months_between(args.first, args.last)
    if not months:
        ap.error("--first is after --last")

    crimes = sample_rows("police-crimes")
    crimes_per_year = sum(calendar_profile("police-crimes", crimes).values())
    factor = args.crimes_per_year / crimes_per_year
    manifest = {"params": {"first": args.first, "last": args.last, "feeds": feeds,
                           "crimes_per_year": args.crimes_per_year, "seed": args.seed},
                "factor": factor, "sample_police_crimes_per_year": crimes_per_year, "files": []}
    generators = {"police-crimes": gen_police_crimes, "ae-attendances": gen_ae,
                  "yot-offences": gen_yot, "school-suspensions": gen_suspensions,
                  "school-absence": gen_absence}
    for feed in feeds:
        started = time.perf_counter()
        rows = crimes if feed == "police-crimes" else sample_rows(feed)
        profile = calendar_profile(feed, rows)
        shape = None if feed == "police-uk" else shapes(feed, rows)
        folder = args.out / feed
        folder.mkdir(parents=True, exist_ok=True)
        total = 0
        for y, m in months:
            if feed == "police-crimes":
                n = rows_for(y, m, args.crimes_per_year)
            else:
                n = round(profile[m] * factor)
            if n == 0 or (feed == "school-absence" and m not in TERMS):
                continue
            path = folder / file_name(feed, y, m)
            if feed == "police-uk":
                gen_police_uk(path, y, m, n, args.seed)
            else:
                rng = random.Random(f"{args.seed}/{feed}/{y}-{m:02d}/{n}")
                generators[feed](path, y, m, n, rng, shape)
            total += n
            manifest["files"].append({"feed": feed, "month": f"{y}-{m:02d}", "rows": n,
                                      "bytes": path.stat().st_size,
                                      "path": str(path.relative_to(args.out))})
        print(f"{feed}: {total:,} rows in {sum(1 for f in manifest['files'] if f['feed'] == feed)}"
              f" files ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes big malformed deliveries, and two good ones, into an inbox for `scripts/faults-large`.

    python3 scripts/make-large-malformed.py INBOX [--scale S] [--expected FILE]

Bad input at scale: what `scripts/make-malformed-corpus.py` does with a few rows each, done
with hundreds of megabytes, so that one `made nightly` shows large broken files quarantined
(or loaded with their rows rejected, as the README's reason codes say) with bounded memory
and without touching the good files taken in the same run. Files go to INBOX/<feed>/<name>;
the expected outcomes to --expected (default INBOX/../large-malformed-expected.json: not in
the inbox itself, where nightly would take it as a delivery).

At --scale 1 (the default) the plain files are 150-300 MB each and the three .gz files are a
few MB that inflate to 0.5-1.5 GB: ~1.6 GB on disk, ~4.9 GB to read. --scale 0.01 is a
quick look. Row counts scale linearly; the good files do not scale.

expected.json maps "<feed>/<name>" to:
  status          loaded or quarantined
  reason          the file-level reason code when quarantined, else null
  rows_read, rows_loaded, rows_rejected   (loaded files; 0 when quarantined)
  reject_counts   {"<field>: <reason>" or "<reason>": count} over all rejects of the file
  rejects_sample  compact reject lines ("line 3, Month: type-error") that must be among them
  loaded_lines    [first, last] line of the loaded records, for the good files and for files
                  whose loaded lines are few (then every line is listed under loaded_lines_all)
  good            true for a delivery with nothing wrong in it
  fault           what the file exercises, in words
  bytes           the file's size; inflated_bytes for a .gz
  known_issue     only where MADE is believed wrong: what it does instead (faults-large
                  reports such a file as a known issue while it still does that)

Synthetic data only: crime IDs are lower-case hex counters (file number first), crime
references LC-8-…; LSOA codes, names and postcodes are taken from SampleData/reference so
every located row resolves to a ward. Each police-uk file has a month of its own, so no
delivery replaces another's records (`replaceByPeriod`). Standard library only;
deterministic: the same --scale gives byte-identical files (gzip members carry mtime 0).
"""

import argparse
import csv
import gzip
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "SampleData" / "reference"

PUK = "police-uk"
PUK_HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
              "LSOA name,Crime type,Last outcome category,Context")
FORCE = "Lancashire Constabulary"
CRIME_TYPES = ["Violence and sexual offences", "Public order", "Shoplifting",
               "Criminal damage and arson", "Other theft", "Vehicle crime", "Burglary",
               "Drugs", "Other crime", "Possession of weapons", "Theft from the person",
               "Robbery", "Bicycle theft"]
OUTCOMES = ["Under investigation", "Investigation complete; no suspect identified",
            "Unable to prosecute suspect", "Awaiting court outcome", "Local resolution"]
STREETS = ["Church Street", "Mill Lane", "Station Road", "Park Road", "Victoria Street",
           "Queen Street", "King Street", "High Street", "Market Street", "Chapel Street",
           "Garstang Road", "Bolton Road", "Water Street", "Union Street", "Moor Lane"]

CRIMES = "police-crimes"
CRIMES_HEADER = ("Crime Reference,Recorded Date,Committed Date,Committed Time,HO Offence Code,"
                 "Offence Description,Offence Postcode,LSOA Code,Victim Age,Victim Sex,Weapon,"
                 "Domestic Abuse,Outcome")
OFFENCES = [("8N", "Assault with injury"), ("105A", "Assault without injury"),
            ("34B", "Robbery of personal property"), ("5D", "Assault with intent to cause "
                                                           "serious harm")]

CRLF = "\r\n"
MB = 1_000_000


def reference_rows(name):
    with (REFERENCE / name).open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


class Places:
    """LSOAs (code, name) and live postcodes of SampleData, the first few of each."""

    def __init__(self):
        lsoas = reference_rows("lsoa-wards.csv")
        self.lsoas = [(r["LSOA21CD"], r["LSOA21NM"]) for r in lsoas[:97]]
        postcodes = [r for r in reference_rows("postcodes.csv")
                     if not r["doterm"] and r["osgrdind"] != "9"]
        self.postcodes = [(r["pcds"], r["lat"], r["long"]) for r in postcodes[:89]]
        # Location text for a located row: point, street, LSOA (the row's tail after Falls within).
        self.locations = []
        for i in range(len(self.lsoas) * 3):
            code, name = self.lsoas[i % len(self.lsoas)]
            _, lat, lon = self.postcodes[i % len(self.postcodes)]
            street = STREETS[i % len(STREETS)]
            self.locations.append(f"{float(lon):.6f},{float(lat):.6f},On or near {street},"
                                  f"{code},{name}")


class PoliceUK:
    """Rows of one data.police.uk file: a month, a file number that makes its crime IDs its
    own, and precomputed fragments (writing millions of rows stays quick)."""

    def __init__(self, places, file_number, month):
        self.places = places
        self.prefix = f"{file_number:02x}"
        self.month = month
        tails = [f"{t},{o}," for t in CRIME_TYPES for o in OUTCOMES]
        self.tails = tails

    def crime_id(self, n):
        return f"{self.prefix}{n:062x}"

    def row(self, n, month=None, crime_id=None, location=None, tail=None):
        """Row n (0-based) as text without its line end: a crime with an ID."""
        return ",".join([
            crime_id if crime_id is not None else self.crime_id(n),
            month or self.month, FORCE, FORCE,
            location if location is not None
            else self.places.locations[n % len(self.places.locations)],
            tail if tail is not None else self.tails[(n * 7) % len(self.tails)],
        ])

    def asb_row(self, n):
        """An anti-social behaviour row: no crime ID, no outcome (keyed by its content)."""
        location = self.places.locations[n % len(self.places.locations)]
        return f",{self.month},{FORCE},{FORCE},{location},Anti-social behaviour,,"


class Expectations:
    def __init__(self, scale):
        self.scale = scale
        self.entries = {}

    def add(self, key, status, fault, reason=None, rows_read=0, rows_loaded=0,
            reject_counts=None, rejects_sample=(), loaded_lines=None, loaded_lines_all=None,
            good=False, known_issue=None, inflated_bytes=None):
        reject_counts = dict(sorted((reject_counts or {}).items()))
        entry = {
            "status": status,
            "reason": reason,
            "rows_read": rows_read if status == "loaded" else 0,
            "rows_loaded": rows_loaded if status == "loaded" else 0,
            "rows_rejected": sum(reject_counts.values()) if status == "loaded" else 0,
            "reject_counts": reject_counts if status == "loaded" else {},
            "rejects_sample": list(rejects_sample),
            "good": good,
            "fault": fault,
        }
        if loaded_lines is not None:
            entry["loaded_lines"] = list(loaded_lines)
        if loaded_lines_all is not None:
            entry["loaded_lines_all"] = list(loaded_lines_all)
        if known_issue:
            entry["known_issue"] = known_issue
        if inflated_bytes is not None:
            entry["inflated_bytes"] = inflated_bytes
        self.entries[key] = entry

    def sizes(self, inbox):
        for key, entry in self.entries.items():
            path = inbox / key
            entry["bytes"] = path.stat().st_size


class LineWriter:
    """Writes CRLF lines to a file (plain or gzip), counting lines and bytes as delivered."""

    def __init__(self, path, gzip_level=None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.raw = path.open("wb")
        self.out = (gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0,
                                  compresslevel=gzip_level)
                    if gzip_level else self.raw)
        self.line = 1          # the line the next write starts on
        self.written = 0       # uncompressed bytes written
        self.pending = []
        self.pending_bytes = 0

    def write(self, text):
        """Writes text (which may hold line ends) as UTF-8, buffered."""
        data = text.encode("utf-8")
        self.pending.append(data)
        self.pending_bytes += len(data)
        self.written += len(data)
        if self.pending_bytes >= 1 << 22:
            self.flush()

    def write_line(self, text):
        self.write(text + CRLF)
        self.line += 1

    def write_bytes(self, data):
        self.flush()
        self.out.write(data)
        self.written += len(data)

    def flush(self):
        if self.pending:
            self.out.write(b"".join(self.pending))
            self.pending.clear()
            self.pending_bytes = 0

    def close(self):
        self.flush()
        if self.out is not self.raw:
            self.out.close()
        self.raw.close()


def size(count):
    """A byte count as people say it: 1.5 GB, 300 MB, 64 kB."""
    if count >= 1_000 * MB:
        return f"{count / (1_000 * MB):.1f} GB"
    if count >= MB:
        return f"{count / MB:,.0f} MB"
    return f"{count / 1000:,.0f} kB"


def zeros(writer, count):
    block = bytes(1 << 20)
    while count > 0:
        take = min(count, len(block))
        writer.write_bytes(block[:take])
        count -= take


# --- the cases ------------------------------------------------------------------------------

def good_police_uk(inbox, places, expect):
    name = f"{PUK}/good-2023-01-street.csv"
    feed = PoliceUK(places, 0x01, "2023-01")
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    rows = 2000
    for n in range(rows):
        if n % 10 < 3:
            w.write_line(feed.asb_row(n))
        elif n % 50 == 7:
            # A location with a comma, quoted as data.police.uk never does but CSV allows.
            code, lsoa_name = places.lsoas[n % len(places.lsoas)]
            w.write_line(feed.row(n, location=f'-2.700000,53.760000,"On or near Mill Lane, '
                                             f'Preston",{code},{lsoa_name}'))
        else:
            w.write_line(feed.row(n))
    w.close()
    expect.add(name, "loaded", "a good month of 2,000 rows (30% keyless anti-social behaviour, "
               "some quoted locations with a comma), taken in the same run as the bad files",
               rows_read=rows, rows_loaded=rows, loaded_lines=[2, rows + 1], good=True)


def good_police_crimes(inbox, places, expect):
    name = f"{CRIMES}/good-2023-01.csv"
    w = LineWriter(inbox / name)
    w.write_line(CRIMES_HEADER)
    rows = 1000
    for n in range(rows):
        day = n % 28 + 1
        code, description = OFFENCES[n % len(OFFENCES)]
        postcode = places.postcodes[n % len(places.postcodes)][0]
        lsoa = places.lsoas[n % len(places.lsoas)][0] if n % 5 == 0 else ""
        w.write_line(",".join([
            f"LC-8-{n:07d}", f"{day:02d}/01/2023", f"{day:02d}/01/2023",
            f"{n % 24:02d}:{n % 60:02d}", code, description, postcode, lsoa,
            str(16 + n % 60), "MFU"[n % 3], ["NONE", "KNIFE", "OTHER", "NONE"][n % 4],
            "YN"[n % 2], "Under investigation"]))
    w.close()
    expect.add(name, "loaded", "a good extract of 1,000 crimes, taken in the same run as the "
               "bad files", rows_read=rows, rows_loaded=rows, loaded_lines=[2, rows + 1],
               good=True)


def bomb_header_then_zeros(inbox, places, expect, scale):
    name = f"{PUK}/bomb-header-then-zeros.csv.gz"
    w = LineWriter(inbox / name, gzip_level=6)
    w.write_line(PUK_HEADER)
    zeros(w, max(int(1_500 * MB * scale), 4 << 20))
    w.close()
    expect.add(
        name, "quarantined",
        f"a gzip bomb: a valid header, then zero bytes, {size(w.written)} inflated from "
        f"{size((inbox / name).stat().st_size)}; the same bytes uncompressed are binary-file "
        "(header-then-zeros-plain.csv)",
        reason="binary-file", inflated_bytes=w.written)


def bomb_zeros_no_header(inbox, places, expect, scale):
    name = f"{PUK}/bomb-zeros-no-header.csv.gz"
    w = LineWriter(inbox / name, gzip_level=6)
    zeros(w, max(int(1_000 * MB * scale), 4 << 20))
    w.close()
    expect.add(name, "quarantined",
               f"a gzip bomb of zero bytes and nothing else, {size(w.written)} inflated from "
               f"{size((inbox / name).stat().st_size)}: the first line cannot be read as a header",
               reason="binary-file", inflated_bytes=w.written)


# RepeatedKeys.maxRowsPerKey: rows of one key a file may hold in a feed that keeps repeats.
MAX_ROWS_PER_KEY = 10


def bomb_repeated_row(inbox, places, expect, scale):
    name = f"{PUK}/bomb-repeated-row.csv.gz"
    feed = PoliceUK(places, 0x06, "2023-06")
    w = LineWriter(inbox / name, gzip_level=6)
    w.write_line(PUK_HEADER)
    row = feed.row(0) + CRLF
    rows = max(int(500 * MB * scale) // len(row), 10)
    block_rows = 4096
    block = row * block_rows
    left = rows
    while left >= block_rows:
        w.write(block)
        left -= block_rows
    w.write(row * left)
    w.close()
    expect.add(
        name, "loaded",
        f"a gzip bomb of one valid row repeated {rows:,} times ({size(w.written)} inflated from "
        f"{size((inbox / name).stat().st_size)}): police-uk keeps a repeated Crime ID "
        f"(\"repeatedKeys\": \"keep\"), but at most {MAX_ROWS_PER_KEY} rows of one key a file; every "
        "later repeat is a duplicate key",
        rows_read=rows, rows_loaded=MAX_ROWS_PER_KEY,
        reject_counts={"Crime ID: duplicate-key": rows - MAX_ROWS_PER_KEY},
        rejects_sample=[f"line {MAX_ROWS_PER_KEY + 2}, Crime ID: duplicate-key",
                        f"line {rows + 1}, Crime ID: duplicate-key"],
        loaded_lines_all=list(range(2, MAX_ROWS_PER_KEY + 2)), inflated_bytes=w.written)


def unclosed_quote_after_header(inbox, places, expect, scale):
    name = f"{PUK}/unclosed-quote-after-header.csv"
    feed = PoliceUK(places, 0x07, "2023-07")
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    code, lsoa_name = places.lsoas[0]
    w.write_line(feed.row(0, location=f'-2.700000,53.760000,"On or near Mill Lane,{code},'
                                      f'{lsoa_name}'))
    target = max(int(300 * MB * scale), 1 << 20)
    n = 1
    while w.written < target:
        w.write_line(feed.row(n))
        n += 1
    w.close()
    last = w.line - 1
    expect.add(
        name, "loaded",
        f"a quote opened on line 2 never closes: the other {last - 2:,} lines "
        f"({size(w.written)}) are inside it, one rejected row",
        rows_read=1, rows_loaded=0, reject_counts={"unterminated-quote": 1},
        rejects_sample=["line 2: unterminated-quote"])


def flattened_rows(feed, writer, target, start):
    """Rows joined by a space (line ends lost), until `target` bytes are written."""
    n = start
    while writer.written < target:
        writer.write(" ".join(feed.row(n + i) for i in range(512)) + " ")
        n += 512
    return n


def one_line_no_line_breaks(inbox, places, expect, scale):
    name = f"{PUK}/one-line-no-line-breaks.csv"
    feed = PoliceUK(places, 0x08, "2023-08")
    w = LineWriter(inbox / name)
    w.write(PUK_HEADER + " ")
    flattened_rows(feed, w, max(int(300 * MB * scale), 1 << 20), 0)
    w.close()
    expect.add(
        name, "quarantined",
        f"{size(w.written)} with no line break at all (every line end became a space): the "
        "header line is over the size limit", reason="binary-file")


def huge_line_after_header(inbox, places, expect, scale):
    name = f"{PUK}/huge-line-after-header.csv"
    feed = PoliceUK(places, 0x09, "2023-05")
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    n = flattened_rows(feed, w, max(int(200 * MB * scale), 1 << 20), 0)
    w.write(CRLF)
    w.line += 1
    w.write_line(feed.row(n))
    w.write_line(feed.row(n + 1))
    w.close()
    expect.add(
        name, "loaded",
        f"a header, one line of {size(w.written)} (line ends lost), then two good rows: the "
        "huge line is one rejected row and reading goes on after it",
        rows_read=3, rows_loaded=2, reject_counts={"field-too-large": 1},
        rejects_sample=["line 2: field-too-large"], loaded_lines_all=[3, 4])


def all_rows_bad_month(inbox, places, expect, scale):
    name = f"{PUK}/all-rows-bad-month.csv"
    feed = PoliceUK(places, 0x0A, "2023-13")
    rows = max(int(1_200_000 * scale), 100)
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    for n in range(rows):
        w.write_line(feed.row(n))
    w.close()
    expect.add(
        name, "loaded",
        f"{rows:,} rows ({size(w.written)}), every one of month 2023-13: all rejected, "
        "nothing loaded",
        rows_read=rows, rows_loaded=0, reject_counts={"Month: type-error": rows},
        rejects_sample=["line 2, Month: type-error", f"line {rows + 1}, Month: type-error"])


# What goes wrong on a bad line, in turn: (change to the row, the reject's "field: reason").
EVERY_OTHER_FAULTS = [
    ("month", "Month: type-error"),
    ("crime type", "Crime type: constraint-error"),
    ("longitude", "Longitude: constraint-error"),
    ("latitude", "Latitude: type-error"),
    ("short row", "wrong-field-count"),
    ("upper-case ID", "Crime ID: constraint-error"),
]


def bad_row_every_other_line(inbox, places, expect, scale):
    name = f"{PUK}/bad-row-every-other-line.csv"
    feed = PoliceUK(places, 0x0B, "2023-02")
    rows = max(int(1_200_000 * scale), 100)
    code, lsoa_name = places.lsoas[3]
    counts, sample = {}, []
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    for n in range(rows):
        if n % 2 == 0:
            w.write_line(feed.row(n))
            continue
        kind, reject = EVERY_OTHER_FAULTS[(n // 2) % len(EVERY_OTHER_FAULTS)]
        if kind == "month":
            text = feed.row(n, month="2023-13")
        elif kind == "crime type":
            text = feed.row(n, tail="Violent crime,Under investigation,")
        elif kind == "longitude":
            text = feed.row(n, location=f"200.500000,53.760000,On or near Park Road,{code},"
                                        f"{lsoa_name}")
        elif kind == "latitude":
            text = feed.row(n, location=f"-2.700000,north,On or near Park Road,{code},"
                                        f"{lsoa_name}")
        elif kind == "short row":
            text = feed.row(n).rsplit(",", 1)[0]
        else:
            text = feed.row(n, crime_id=feed.crime_id(n).upper())
        counts[reject] = counts.get(reject, 0) + 1
        if len(sample) < len(EVERY_OTHER_FAULTS):
            sample.append(f"line {w.line}, {reject}" if ":" in reject
                          else f"line {w.line}: {reject}")
        w.write_line(text)
    w.close()
    good = (rows + 1) // 2
    expect.add(
        name, "loaded",
        f"{rows:,} rows ({size(w.written)}), every other one bad in one of six ways (month, "
        "crime type, "
        "longitude, latitude, a field short, an upper-case crime ID)",
        rows_read=rows, rows_loaded=good, reject_counts=counts, rejects_sample=sample)


def nul_bytes_after_100mb(inbox, places, expect, scale):
    name = f"{PUK}/nul-bytes-after-100mb.csv"
    feed = PoliceUK(places, 0x0C, "2023-03")
    code, lsoa_name = places.lsoas[5]
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    n = 0
    first = max(int(100 * MB * scale), 1 << 20)
    while w.written < first:
        w.write_line(feed.row(n))
        n += 1
    block_line = w.line
    # A 4 KiB run of NULs inside the Location field (a hole in a sparse copy).
    w.write_line(feed.row(n, location="-2.700000,53.760000," + "\x00" * 4096 + f",{code},"
                                      f"{lsoa_name}"))
    n += 1
    for _ in range(1000):
        w.write_line(feed.row(n))
        n += 1
    single_line = w.line
    w.write_line(feed.row(n, location=f"-2.700000,53.760000,On or near Mill Lane,{code},"
                                      f"{lsoa_name[:5]}\x00{lsoa_name[5:]}"))
    n += 1
    total = max(int(150 * MB * scale), 2 << 20)
    while w.written < total:
        w.write_line(feed.row(n))
        n += 1
    w.close()
    expect.add(
        name, "loaded",
        f"{n:,} rows ({size(w.written)}); after the first {size(first)} a row with 4 KiB of "
        "NULs in its "
        "location, 1,000 rows later one NUL in an LSOA name",
        rows_read=n, rows_loaded=n - 2,
        reject_counts={"Location: nul-byte": 1, "LSOA name: nul-byte": 1},
        rejects_sample=[f"line {block_line}, Location: nul-byte",
                        f"line {single_line}, LSOA name: nul-byte"],
        loaded_lines=[2, n + 1])


def column_count_drift(inbox, places, expect, scale):
    name = f"{PUK}/column-count-drift.csv"
    feed = PoliceUK(places, 0x0D, "2023-04")
    rows = max(int(1_200_000 * scale), 100)
    # 40% as the header says, 30% with a 13th field, 20% with 11, the last 10% right again.
    bounds = [int(rows * 0.4), int(rows * 0.7), int(rows * 0.9)]
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    wrong = 0
    for n in range(rows):
        text = feed.row(n)
        if bounds[0] <= n < bounds[1]:
            text += ",E23000003"
            wrong += 1
        elif bounds[1] <= n < bounds[2]:
            text = text.rsplit(",", 1)[0]
            wrong += 1
        w.write_line(text)
    w.close()
    expect.add(
        name, "loaded",
        f"{rows:,} rows ({size(w.written)}) under a right header whose field count drifts: "
        "12, then a "
        "13th field, then 11, then 12 again",
        rows_read=rows, rows_loaded=rows - wrong, reject_counts={"wrong-field-count": wrong},
        rejects_sample=[f"line {bounds[0] + 2}: wrong-field-count",
                        f"line {bounds[1] + 1}: wrong-field-count",
                        f"line {bounds[2] + 1}: wrong-field-count"])


def header_then_zeros_plain(inbox, places, expect, scale):
    name = f"{PUK}/header-then-zeros-plain.csv"
    w = LineWriter(inbox / name)
    w.write_line(PUK_HEADER)
    zeros(w, 1 << 16)
    w.close()
    expect.add(name, "quarantined",
               "the gzip bomb's content in small and uncompressed: a header, then 64 KiB of "
               "zero bytes", reason="binary-file")


def pdf_inside_gzip(inbox, places, expect, scale):
    name = f"{PUK}/pdf-inside-gzip.csv.gz"
    pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           + b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" * 64 + b"%%EOF\n")
    (inbox / name).write_bytes(gzip.compress(pdf, compresslevel=9, mtime=0))
    expect.add(name, "quarantined",
               "a PDF document gzipped and named .csv.gz (small: the inflated bytes must be "
               "sniffed, as for a PDF named .csv)", reason="binary-file",
               inflated_bytes=len(pdf))


CASES = [good_police_uk, good_police_crimes]
SCALED = [bomb_header_then_zeros, bomb_zeros_no_header, bomb_repeated_row,
          unclosed_quote_after_header, one_line_no_line_breaks, huge_line_after_header,
          all_rows_bad_month, bad_row_every_other_line, nul_bytes_after_100mb,
          column_count_drift, header_then_zeros_plain, pdf_inside_gzip]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inbox", type=Path, help="the inbox folder to write <feed>/<name> into")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size factor (1: files of ~150-300 MB, bombs of 0.5-1.5 GB)")
    parser.add_argument("--expected", type=Path,
                        help="where to write the expected outcomes (default "
                             "INBOX/../large-malformed-expected.json)")
    args = parser.parse_args()
    if args.scale <= 0:
        parser.error("--scale must be positive")
    inbox = args.inbox
    expected_path = args.expected or inbox.resolve().parent / "large-malformed-expected.json"
    for feed in (PUK, CRIMES):
        shutil.rmtree(inbox / feed, ignore_errors=True)
    places = Places()
    expect = Expectations(args.scale)
    for case in CASES:
        case(inbox, places, expect)
    for case in SCALED:
        case(inbox, places, expect, args.scale)
    expect.sizes(inbox)
    document = {"scale": args.scale, "files": dict(sorted(expect.entries.items()))}
    expected_path.parent.mkdir(parents=True, exist_ok=True)
    expected_path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    total = sum(e["bytes"] for e in expect.entries.values())
    inflated = sum(e.get("inflated_bytes", e["bytes"]) for e in expect.entries.values())
    print(f"{len(expect.entries)} files, {total / MB:,.1f} MB on disk, {inflated / MB:,.1f} MB "
          f"to read, in {inbox}; expected outcomes in {expected_path}")


if __name__ == "__main__":
    main()

"""Helpers every part of the generator shares: the random streams, weighted picks, CSV text that
knows the physical line of each row, gzip without a clock, date formats, the feeds' months."""

from __future__ import annotations

import datetime
import gzip
import io
import random

SEED = 20261127

# Seasonal factor by calendar month: police-crimes, police-uk and A&E volumes follow it.
SEASON = {1: 0.93, 2: 0.90, 3: 0.97, 4: 1.00, 5: 1.05, 6: 1.08, 7: 1.10, 8: 1.06, 9: 1.00,
          10: 0.99, 11: 0.96, 12: 0.96}

# The months of the monthly partner feeds (youth offending, A&E).
FEED_MONTHS = [(2023, m) for m in range(4, 13)] + [(2024, m) for m in range(1, 13)] \
    + [(2025, m) for m in range(1, 4)]

FEED_PLAIN_MONTHS = 6  # the last six months of each monthly feed stay uncompressed


def rng_for(name: str) -> random.Random:
    """An independent, deterministic stream per section (str seeds are hashed with SHA-512)."""
    return random.Random(f"{SEED}/{name}")


def weighted(rng: random.Random, items):
    """Pick one of [(value, weight), ...]."""
    values = [v for v, _ in items]
    return rng.choices(values, weights=[w for _, w in items], k=1)[0]


def draw_unique(draw, taken: set, key=lambda value: value):
    """Call draw() until key(value) is not in taken, record it there and return the value.
    Refused values still used the caller's stream: every draw() counts."""
    while True:
        value = draw()
        if key(value) not in taken:
            taken.add(key(value))
            return value


def csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(fields) -> str:
    return ",".join(csv_field(f) for f in fields)


def fmt6(x: float) -> str:
    return f"{x:.6f}"


class Writer:
    """Collects the text of one CSV file and the physical line of every data row."""

    def __init__(self, header_text: str, newline: str):
        self.parts = [header_text + newline]
        self.newline = newline
        self.line = 1 + header_text.count("\n")  # last physical line used

    def row(self, text: str) -> int:
        start = self.line + 1
        self.parts.append(text + self.newline)
        self.line += 1 + text.count("\n")
        return start

    def text(self) -> str:
        return "".join(self.parts)


def monthly_files(feed: str, months):
    """(month, file name, gzipped) for each month of a monthly feed, in order: all but the last
    FEED_PLAIN_MONTHS are delivered gzipped."""
    for idx, key in enumerate(months):
        gz = idx < len(months) - FEED_PLAIN_MONTHS
        yield key, f"{feed}-{key}.csv" + (".gz" if gz else ""), gz


def csv_writer(header) -> Writer:
    """A Writer for a CRLF file whose header is these fields (the partner feeds, GIAS)."""
    return Writer(csv_line(header), "\r\n")


def gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


def dmy(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def age_on(dob: datetime.date, d: datetime.date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))

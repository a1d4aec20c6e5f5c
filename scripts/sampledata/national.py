"""A synthetic national year of data.police.uk street files: England and Wales, force by force.

Not part of SampleData/ (cli.main never calls it): scripts/generate-police-uk.py --national
writes it for `scripts/bench --case national`.

The geography is invented, in the ONS layouts `made reference load` reads: each of the 43
territorial forces of England and Wales (real names and data.police.uk slugs) gets 3-12
districts (LAD codes E07 9xxxxx, W06 9xxxxx for the Welsh forces), each district 12-30 wards
(E05 9xxxxx / W05 9xxxxx), each ward 3-7 2021 LSOAs (E01 9xxxxx / W01 9xxxxx) at a made-up
map point; every seventh LSOA also has a 2011 predecessor code (E01 8xxxxx / W01 8xxxxx).
About 330 districts, 6,900 wards, 35,000 LSOAs: the scale of the real ones. Ward
populations are invented too.

Each force's street file for a month has, like the published ones: the 12 columns, CRLF,
~30% anti-social behaviour (blank Crime ID and outcome), ~3% "No Location" rows, ~1% 2011
LSOA codes and ~1% LSOAs of the next force in the list (a border crossing), the rest the
force's own 2021 LSOAs. Its row count is --rows times the force's share of the LSOAs (its
size), the month's seasonal factor and a 3% jitter.

Deterministic: the geography draws from one stream, each force's map points from its own and
each force-month file from its own (common.rng_for), so a file depends only on its force and
month, never on which other forces or months are asked for.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from .common import SEASON, csv_field, rng_for
from .police_uk import POLICE_UK_HEADER, STREETS, UK_CRIME_TYPES, UK_OUTCOMES

# (data.police.uk slug, force name as in "Reported by", Welsh). The default 39 are the first
# 39: the last four are left out (Greater Manchester has published no street data since
# 2019), which gives the 468-file shape issue 14 measured.
FORCES = [
    ("avon-and-somerset", "Avon and Somerset Constabulary", False),
    ("bedfordshire", "Bedfordshire Police", False),
    ("cambridgeshire", "Cambridgeshire Constabulary", False),
    ("cheshire", "Cheshire Constabulary", False),
    ("cumbria", "Cumbria Constabulary", False),
    ("derbyshire", "Derbyshire Constabulary", False),
    ("devon-and-cornwall", "Devon & Cornwall Police", False),
    ("dorset", "Dorset Police", False),
    ("durham", "Durham Constabulary", False),
    ("dyfed-powys", "Dyfed-Powys Police", True),
    ("essex", "Essex Police", False),
    ("gloucestershire", "Gloucestershire Constabulary", False),
    ("hampshire", "Hampshire Constabulary", False),
    ("hertfordshire", "Hertfordshire Constabulary", False),
    ("humberside", "Humberside Police", False),
    ("kent", "Kent Police", False),
    ("lancashire", "Lancashire Constabulary", False),
    ("leicestershire", "Leicestershire Police", False),
    ("lincolnshire", "Lincolnshire Police", False),
    ("merseyside", "Merseyside Police", False),
    ("metropolitan", "Metropolitan Police Service", False),
    ("norfolk", "Norfolk Constabulary", False),
    ("north-wales", "North Wales Police", True),
    ("north-yorkshire", "North Yorkshire Police", False),
    ("northamptonshire", "Northamptonshire Police", False),
    ("northumbria", "Northumbria Police", False),
    ("nottinghamshire", "Nottinghamshire Police", False),
    ("south-wales", "South Wales Police", True),
    ("south-yorkshire", "South Yorkshire Police", False),
    ("staffordshire", "Staffordshire Police", False),
    ("suffolk", "Suffolk Constabulary", False),
    ("surrey", "Surrey Police", False),
    ("sussex", "Sussex Police", False),
    ("thames-valley", "Thames Valley Police", False),
    ("warwickshire", "Warwickshire Police", False),
    ("west-mercia", "West Mercia Police", False),
    ("west-midlands", "West Midlands Police", False),
    ("west-yorkshire", "West Yorkshire Police", False),
    ("wiltshire", "Wiltshire Police", False),
    ("cleveland", "Cleveland Police", False),
    ("gwent", "Gwent Police", True),
    ("city-of-london", "City of London Police", False),
    ("greater-manchester", "Greater Manchester Police", False),
]
DEFAULT_FORCES = 39
# A financial year, as SampleData's police-uk files.
DEFAULT_MONTHS = [f"2024-{m:02d}" for m in range(4, 13)] + [f"2025-{m:02d}" for m in (1, 2, 3)]
DEFAULT_ROWS = 9200  # mean rows of a force-month file: 39 x 12 x 9,200 ~ 4.3M rows
POINTS_PER_LSOA = 6
# Where a row is: the force's own 2021 LSOAs, a 2011 code, the next force's LSOAs, nowhere.
LOCATION_SHARES = [("own", 95.0), ("lsoa11", 1.0), ("border", 1.0), ("none", 3.0)]
ASB_SHARE = 0.30
BATCH = 8192
HEADER = ",".join(POLICE_UK_HEADER)


def file_name(slug: str, month: str) -> str:
    """data.police.uk's name for a force's street file of a month."""
    return f"{month}-{slug}-street.csv"


class Geography:
    """The invented national geography: forces -> LADs -> wards -> LSOAs (built in full,
    whatever the number of forces asked for, so codes never depend on it)."""

    def __init__(self):
        rng = rng_for("national-geography")
        self.lads = []    # dict(code, name, force)
        self.wards = []   # dict(code, name, lad)
        self.lsoas = []   # dict(code, name, ward, lad, lat, lon, force)
        self.lsoa11 = []  # dict(code, name, ward, lad, lat, lon, force)
        self.force_lsoas = {slug: [] for slug, _, _ in FORCES}
        self.force_lsoa11 = {slug: [] for slug, _, _ in FORCES}
        self.population = {}  # ward code -> 91 counts (ages 0 … 89, 90+)
        seq = {"E": [0, 0, 0, 0], "W": [0, 0, 0, 0]}  # lad, ward, lsoa, lsoa11
        cols = 7
        for fi, (slug, name, welsh) in enumerate(FORCES):
            c = "W" if welsh else "E"
            short = name.split(" Police")[0].split(" Constabulary")[0]
            # A jittered grid over England and Wales for map points.
            base_lat = 50.4 + (fi // cols) * 0.75 + rng.uniform(-0.1, 0.1)
            base_lon = -4.6 + (fi % cols) * 0.8 + rng.uniform(-0.1, 0.1)
            for li in range(rng.randint(3, 12)):
                seq[c][0] += 1
                lad = {"code": f"{c}0{'6' if welsh else '7'}9{seq[c][0]:05d}",
                       "name": f"{short} {li + 1:02d}", "force": slug}
                self.lads.append(lad)
                lad_lat = base_lat + rng.uniform(-0.3, 0.3)
                lad_lon = base_lon + rng.uniform(-0.35, 0.35)
                for wi in range(rng.randint(12, 30)):
                    seq[c][1] += 1
                    ward = {"code": f"{c}059{seq[c][1]:05d}",
                            "name": f"{lad['name']} Ward {wi + 1:02d}", "lad": lad["code"]}
                    self.wards.append(ward)
                    w_lat = lad_lat + rng.uniform(-0.08, 0.08)
                    w_lon = lad_lon + rng.uniform(-0.1, 0.1)
                    n_lsoa = rng.randint(3, 7)
                    for _ in range(n_lsoa):
                        seq[c][2] += 1
                        n = seq[c][2]
                        lsoa = {"code": f"{c}019{n:05d}",
                                "name": f"{lad['name']} {n % 1000:03d}{'ABCDE'[n % 5]}",
                                "ward": ward["code"], "lad": lad["code"], "force": slug,
                                "lat": w_lat + rng.uniform(-0.02, 0.02),
                                "lon": w_lon + rng.uniform(-0.03, 0.03)}
                        self.lsoas.append(lsoa)
                        self.force_lsoas[slug].append(lsoa)
                        if n % 7 == 0:
                            seq[c][3] += 1
                            old = dict(lsoa, code=f"{c}018{seq[c][3]:05d}",
                                       name=lsoa["name"][:-1] + "F")
                            self.lsoa11.append(old)
                            self.force_lsoa11[slug].append(old)
                    # ~1,500 residents an LSOA, spread over the ages.
                    people = n_lsoa * rng.randint(1300, 1800)
                    weights = [1.0 if a < 65 else max(0.1, 1.0 - (a - 65) * 0.035)
                               for a in range(91)]
                    total_w = sum(weights)
                    counts = [int(people * w / total_w) for w in weights]
                    counts[30] += people - sum(counts)
                    self.population[ward["code"]] = counts
        self.lad_by_code = {l["code"]: l for l in self.lads}
        self.ward_by_code = {w["code"]: w for w in self.wards}

    def write_reference(self, out: Path):
        """lsoa-wards.csv, lsoa11-wards.csv, wards.csv (ONS lookup layouts, as SampleData's),
        population.csv (ONS ward estimates layout) and lads.csv (LAD code, name and force)."""
        out.mkdir(parents=True, exist_ok=True)

        def write(name, header, rows):
            with open(out / name, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\r\n")
                w.writerow(header)
                w.writerows(rows)

        lad_name = {l["code"]: l["name"] for l in self.lads}
        ward_name = {w["code"]: w["name"] for w in self.wards}
        write("lsoa-wards.csv", ["FID", "LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD",
                                 "LAD24NM"],
              [[i + 1, l["code"], l["name"], l["ward"], ward_name[l["ward"]], l["lad"],
                lad_name[l["lad"]]] for i, l in enumerate(self.lsoas)])
        write("lsoa11-wards.csv", ["LSOA11CD", "LSOA11NM", "WD24CD", "WD24NM", "LAD24CD",
                                   "LAD24NM"],
              [[l["code"], l["name"], l["ward"], ward_name[l["ward"]], l["lad"],
                lad_name[l["lad"]]] for l in self.lsoa11])
        write("wards.csv", ["FID", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
              [[i + 1, w["code"], w["name"], w["lad"], lad_name[w["lad"]]]
               for i, w in enumerate(self.wards)])
        ages = [str(a) for a in range(90)] + ["90+"]
        write("population.csv", ["Ward Code 1", "Ward Name 1", "LA Code (2021 boundaries)",
                                 "LA name (2021 boundaries)", "All Ages", *ages],
              [[w["code"], w["name"], w["lad"], lad_name[w["lad"]],
                sum(self.population[w["code"]]), *self.population[w["code"]]]
               for w in self.wards])
        write("lads.csv", ["LAD24CD", "LAD24NM", "force"],
              [[l["code"], l["name"], l["force"]] for l in self.lads])

    def force_size(self, slug: str) -> float:
        """The force's share of the LSOAs relative to the average force (1.0 = average)."""
        return len(self.force_lsoas[slug]) * len(FORCES) / len(self.lsoas)


def _points(lsoas, rng: random.Random):
    """Location fragments ',lon,lat,Location,LSOA code,LSOA name' of each LSOA."""
    frags = []
    for l in lsoas:
        for street in rng.sample(STREETS, k=POINTS_PER_LSOA):
            lat = l["lat"] + rng.uniform(-0.0025, 0.0025)
            lon = l["lon"] + rng.uniform(-0.004, 0.004)
            frags.append(f",{lon:.6f},{lat:.6f},{csv_field('On or near ' + street)},"
                         f"{l['code']},{csv_field(l['name'])}")
    return frags


class ForceWriter:
    """Writes one force's street files, month by month."""

    def __init__(self, geo: Geography, slug: str, rows: int):
        index = [s for s, _, _ in FORCES].index(slug)
        self.slug, self.name = slug, FORCES[index][1]
        self.rows = rows
        self.size = geo.force_size(slug)
        neighbour = FORCES[(index + 1) % len(FORCES)][0]
        rng = rng_for(f"national/{slug}/points")
        frags = {"own": _points(geo.force_lsoas[slug], rng),
                 "lsoa11": _points(geo.force_lsoa11[slug], rng),
                 "border": _points(geo.force_lsoas[neighbour][:40], rng),
                 "none": [",,,No Location,,"]}
        self.pool, self.cum, acc = [], [], 0.0
        for kind, share in LOCATION_SHARES:
            each = share / len(frags[kind])
            for f in frags[kind]:
                acc += each
                self.pool.append(f)
                self.cum.append(acc)
        self.kinds, self.kind_cum, acc = [], [], 0.0
        total_type = sum(w for _, w in UK_CRIME_TYPES)
        total_out = sum(w for _, w in UK_OUTCOMES)
        for ctype, wt in UK_CRIME_TYPES:
            for outcome, wo in UK_OUTCOMES:
                acc += (wt / total_type) * (wo / total_out)
                self.kinds.append(f",{csv_field(ctype)},{csv_field(outcome)},\r\n")
                self.kind_cum.append(acc)

    def write(self, month: str, path: Path) -> int:
        """Write the force's file of month to path; return its row count."""
        rng = rng_for(f"national/{self.slug}/{month}")
        n = int(round(self.rows * self.size * SEASON[int(month[5:])] * rng.uniform(0.97, 1.03)))
        head = f",{month},{csv_field(self.name)},{csv_field(self.name)}"
        asb_tail = ",Anti-social behaviour,,\r\n"
        choices, getrandbits, random_ = rng.choices, rng.getrandbits, rng.random
        written = 0
        with open(path, "wb", buffering=4 * 1024 * 1024) as f:
            f.write((HEADER + "\r\n").encode("utf-8"))
            while written < n:
                k = min(BATCH, n - written)
                locs = choices(self.pool, cum_weights=self.cum, k=k)
                tails = choices(self.kinds, cum_weights=self.kind_cum, k=k)
                parts = []
                for i in range(k):
                    if random_() < ASB_SHARE:
                        parts.append(head + locs[i] + asb_tail)
                    else:
                        parts.append(format(getrandbits(256), "064x") + head + locs[i]
                                     + tails[i])
                f.write("".join(parts).encode("utf-8"))
                written += k
        return n


def write_national(out: Path, forces: int = DEFAULT_FORCES, months=DEFAULT_MONTHS,
                   rows: int = DEFAULT_ROWS, log=None):
    """Write out/reference/ and out/files/<month>-<force>-street.csv for the first `forces`
    forces and each month; return [(file name, rows)] in file-name order."""
    geo = Geography()
    geo.write_reference(out / "reference")
    files_dir = out / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, _, _ in FORCES[:forces]:
        writer = ForceWriter(geo, slug, rows)
        for month in months:
            name = file_name(slug, month)
            written.append((name, writer.write(month, files_dir / name)))
        if log:
            log(f"  {slug}: {sum(n for f, n in written if f'-{slug}-street' in f):,} rows")
    return sorted(written)

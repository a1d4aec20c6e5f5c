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
name). It deletes and rewrites only the files it owns (see owned_paths()).

Besides the data it writes SampleData/expected.json (figures computed here, independently of the
Swift code, for end-to-end tests) and SampleData/README.md (including the file and line of every
deliberately awkward case).
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import gzip
import io
import json
import math
import random
import sys
from pathlib import Path

SEED = 20261127


def rng_for(name: str) -> random.Random:
    """An independent, deterministic stream per section (str seeds are hashed with SHA-512)."""
    return random.Random(f"{SEED}/{name}")


# --------------------------------------------------------------------------------------------
# Real published codes
# --------------------------------------------------------------------------------------------

LANCASHIRE_CTY = "E10000017"
CTRY_ENGLAND = "E92000001"
RGN_NORTH_WEST = "E12000002"
PSEUDO = "E99999999"

# code, name, main town, (second town, its outward) or None, places, outward codes,
# centre (lat, lon), spread in km, number of wards, county code in NSPL, police force area
AREA_LADS = [
    ("E06000008", "Blackburn with Darwen", "Blackburn", ("Darwen", "BB3"),
     ["Audley", "Ewood", "Mill Hill", "Livesey", "Shadsworth", "Wensley Fold", "Little Harwood",
      "Roe Lee", "Beardwood", "Lower Darwen", "Sunnyhurst", "Whitehall"],
     ["BB1", "BB2", "BB3"], (53.735, -2.475), 4.0, 11, PSEUDO),
    ("E06000009", "Blackpool", "Blackpool", None,
     ["Bispham", "Layton", "Marton", "Squires Gate", "Talbot", "Claremont", "Anchorsholme",
      "Hawes Side", "Stanley", "Warbreck", "Norbreck", "Brunswick"],
     ["FY1", "FY2", "FY3", "FY4"], (53.815, -3.035), 3.2, 11, PSEUDO),
    ("E07000117", "Burnley", "Burnley", ("Padiham", "BB12"),
     ["Rosegrove", "Gannow", "Briercliffe", "Cliviger", "Whittlefield", "Lanehead", "Trinity",
      "Rosehill", "Hapton", "Worsthorne"],
     ["BB10", "BB11", "BB12"], (53.790, -2.245), 4.0, 9, LANCASHIRE_CTY),
    ("E07000118", "Chorley", "Chorley", None,
     ["Adlington", "Buckshaw", "Clayton-le-Woods", "Coppull", "Eccleston", "Euxton",
      "Whittle-le-Woods", "Croston", "Brindle", "Heapey"],
     ["PR7", "PR6"], (53.650, -2.630), 5.0, 9, LANCASHIRE_CTY),
    ("E07000119", "Fylde", "St Anne's", ("Kirkham", "PR4"),
     ["Lytham", "Ansdell", "Fairhaven", "Warton", "Freckleton", "Wesham", "Staining", "Elswick",
      "Ribby", "Heyhouses"],
     ["FY8", "PR4"], (53.755, -2.960), 5.5, 8, LANCASHIRE_CTY),
    ("E07000120", "Hyndburn", "Accrington", ("Oswaldtwistle", "BB5"),
     ["Great Harwood", "Rishton", "Clayton-le-Moors", "Church", "Huncoat", "Baxenden",
      "Altham", "Milnshaw", "Spring Hill"],
     ["BB5", "BB6"], (53.755, -2.365), 3.2, 8, LANCASHIRE_CTY),
    ("E07000121", "Lancaster", "Lancaster", ("Morecambe", "LA4"),
     ["Heysham", "Carnforth", "Bolton-le-Sands", "Halton", "Scotforth", "Bulk", "Skerton",
      "Torrisholme", "Bare", "Galgate", "Silverdale", "Overton"],
     ["LA1", "LA3", "LA4", "LA2", "LA5"], (54.050, -2.790), 8.0, 11, LANCASHIRE_CTY),
    ("E07000122", "Pendle", "Nelson", ("Colne", "BB8"),
     ["Brierfield", "Barnoldswick", "Earby", "Trawden", "Barrowford", "Foulridge", "Higham",
      "Reedley", "Waterside"],
     ["BB9", "BB8", "BB18"], (53.860, -2.190), 5.0, 8, LANCASHIRE_CTY),
    ("E07000123", "Preston", "Preston", None,
     ["Fulwood", "Ashton-on-Ribble", "Ribbleton", "Deepdale", "Ingol", "Larches", "Moor Park",
      "Plungington", "Cadley", "Broughton", "Grimsargh", "Lea"],
     ["PR1", "PR2", "PR3"], (53.770, -2.700), 4.0, 11, LANCASHIRE_CTY),
    ("E07000124", "Ribble Valley", "Clitheroe", None,
     ["Whalley", "Longridge", "Billington", "Read", "Sabden", "Chatburn", "Ribchester",
      "Wilpshire", "Mellor", "Gisburn"],
     ["BB7", "PR3"], (53.880, -2.420), 8.0, 8, LANCASHIRE_CTY),
    ("E07000125", "Rossendale", "Rawtenstall", ("Haslingden", "BB4"),
     ["Bacup", "Whitworth", "Helmshore", "Waterfoot", "Stacksteads", "Edenfield",
      "Crawshawbooth", "Goodshaw"],
     ["BB4", "OL13"], (53.695, -2.280), 4.0, 8, LANCASHIRE_CTY),
    ("E07000126", "South Ribble", "Leyland", None,
     ["Penwortham", "Bamber Bridge", "Walton-le-Dale", "Lostock Hall", "Farington", "Longton",
      "Hutton", "Samlesbury", "Much Hoole", "Seven Stars"],
     ["PR25", "PR26", "PR5", "PR4"], (53.715, -2.670), 4.5, 9, LANCASHIRE_CTY),
    ("E07000127", "West Lancashire", "Ormskirk", ("Skelmersdale", "WN8"),
     ["Burscough", "Aughton", "Parbold", "Upholland", "Tarleton", "Hesketh Bank", "Rufford",
      "Scarisbrick", "Halsall", "Digmoor", "Tanhouse"],
     ["L39", "L40", "WN8"], (53.585, -2.860), 7.0, 9, LANCASHIRE_CTY),
    ("E07000128", "Wyre", "Fleetwood", ("Poulton", "FY6"),
     ["Thornton", "Cleveleys", "Garstang", "Preesall", "Knott End", "Hambleton", "Carleton",
      "Catterall", "Pilling", "Great Eccleston"],
     ["FY7", "FY5", "FY6", "PR3"], (53.900, -2.960), 7.0, 9, LANCASHIRE_CTY),
]

# Neighbours outside the VRN area: real LAD codes, synthetic wards/LSOAs/postcodes.
OUTSIDE_LADS = [
    ("E08000010", "Wigan", ["Standish", "Shevington", "Orrell"], ["WN6", "WN5"],
     (53.575, -2.680), 3.0, "E11000001", "E23000005"),
    ("E08000014", "Sefton", ["Southport Central", "Ainsdale"], ["PR8", "PR9"],
     (53.640, -3.005), 3.0, "E11000002", "E23000004"),
    ("E06000064", "Westmorland and Furness", ["Kirkby Lonsdale", "Arnside", "Milnthorpe"],
     ["LA6", "LA5", "LA7"], (54.205, -2.690), 5.0, PSEUDO, "E23000002"),
]

# Ward names that exercise quoting and punctuation (placed deliberately).
FORCED_WARD_NAMES = {"E07000124": "Bowland, Newton and Slaidburn"}

INVENTED_NAMES = ["Brookfield", "Oakhill", "Larkside", "Moorview", "Hollinbank", "Fernlea",
                  "Ashgrove", "Kingsmead", "Riversway", "Thornleigh", "Highfield", "Greenbank",
                  "Willowdene", "Beechwood", "Castle Hill", "Millbrook", "Cherry Tree",
                  "Heatherlea", "Fox Hill", "Linden Park"]

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Home Office offence codes: code, description, group, serious violence, knife eligible,
# indicative harm weight in days.
OFFENCES = [
    ("1", "Murder", "homicide", "Y", "Y", 5475),
    ("4/1", "Manslaughter", "homicide", "Y", "Y", 2920),
    ("4/2", "Infanticide", "homicide", "Y", "Y", 1095),
    ("2", "Attempted murder", "violence with injury", "Y", "Y", 4380),
    ("5D", "Assault with intent to cause serious harm", "violence with injury", "Y", "Y", 1460),
    ("5E", "Endangering life", "violence with injury", "Y", "Y", 730),
    ("8N", "Assault with injury", "violence with injury", "Y", "Y", 365),
    ("8P", "Racially or religiously aggravated assault with injury", "violence with injury",
     "Y", "Y", 455),
    ("3B", "Threats to kill", "violence without injury", "Y", "Y", 365),
    ("105A", "Assault without injury", "violence without injury", "N", "N", 20),
    ("105B", "Racially or religiously aggravated assault without injury",
     "violence without injury", "N", "N", 60),
    ("8L", "Harassment", "stalking and harassment", "N", "N", 30),
    ("8M", "Racially or religiously aggravated harassment", "stalking and harassment", "N", "N",
     60),
    ("8Q", "Stalking", "stalking and harassment", "N", "N", 180),
    ("34A", "Robbery of business property", "robbery", "Y", "Y", 365),
    ("34B", "Robbery of personal property", "robbery", "Y", "Y", 365),
    ("19C", "Rape of a female aged 16 and over", "sexual offences", "Y", "Y", 1825),
    ("19D", "Rape of a female child under 16", "sexual offences", "Y", "Y", 2920),
    ("19E", "Rape of a female child under 13", "sexual offences", "Y", "Y", 3650),
    ("19F", "Rape of a male aged 16 and over", "sexual offences", "Y", "Y", 1825),
    ("19G", "Rape of a male child under 16", "sexual offences", "Y", "Y", 2920),
    ("19H", "Rape of a male child under 13", "sexual offences", "Y", "Y", 3650),
    ("17A", "Sexual assault on a male aged 13 and over", "sexual offences", "N", "Y", 365),
    ("17B", "Sexual assault on a male child under 13", "sexual offences", "Y", "Y", 1460),
    ("20A", "Sexual assault on a female aged 13 and over", "sexual offences", "N", "Y", 365),
    ("20B", "Sexual assault on a female child under 13", "sexual offences", "Y", "Y", 1460),
    ("10A", "Possession of firearms with intent", "possession of weapons", "Y", "N", 1825),
    ("10B", "Possession of firearms offences, excluding with intent", "possession of weapons",
     "N", "N", 730),
    ("10C", "Possession of other weapons", "possession of weapons", "N", "N", 60),
    ("10D", "Possession of article with blade or point", "possession of weapons", "Y", "N", 180),
    ("81", "Other firearms offences", "possession of weapons", "N", "N", 365),
    ("90", "Other knives offences, including sale to persons under 18", "possession of weapons",
     "N", "N", 30),
]
WEIGHT_SOURCE = ("indicative sample value; official table: Cambridge Crime Harm Index "
                 "(Sherman, Neyroud & Neyroud 2016)")
OFFENCE_BY_CODE = {o[0]: o for o in OFFENCES}

# Monthly volumes of the police-crimes extract (county-wide, before seasonal factor), and the
# relative frequency of codes within each family.
# The nominal volumes are the brief's (~2,000 violence records a month county-wide); the
# committed sample uses DEFAULT_SCALE of them to keep SampleData small (--scale 1 for full).
DEFAULT_SCALE = 1.0
FAMILY_VOLUME = [("violence", 2000), ("robbery", 120), ("sexual", 200), ("weapons", 80)]
FAMILY_CODES = {
    "violence": [("1", 0.05), ("4/1", 0.015), ("4/2", 0.002), ("2", 0.2), ("5D", 2.5),
                 ("5E", 0.4), ("8N", 25.0), ("8P", 0.6), ("3B", 2.0), ("105A", 42.0),
                 ("105B", 1.2), ("8L", 13.0), ("8M", 1.2), ("8Q", 10.0)],
    "robbery": [("34B", 85), ("34A", 15)],
    "sexual": [("20A", 40), ("19C", 25), ("19D", 8), ("20B", 8), ("17A", 6), ("19E", 5),
               ("17B", 4), ("19F", 2), ("19G", 1), ("19H", 1)],
    "weapons": [("10D", 45), ("10C", 30), ("90", 10), ("10B", 8), ("81", 4), ("10A", 3)],
}
SEASON = {1: 0.93, 2: 0.90, 3: 0.97, 4: 1.00, 5: 1.05, 6: 1.08, 7: 1.10, 8: 1.06, 9: 1.00,
          10: 0.99, 11: 0.96, 12: 0.96}

OUTCOMES = [
    ("Investigation complete - no suspect identified", 18),
    ("Evidential difficulties - victim does not support action", 28),
    ("Evidential difficulties - suspect identified, victim supports action", 14),
    ("Charged/summonsed", 9),
    ("Caution - adults", 2),
    ("Caution - youths", 0.7),
    ("Community resolution", 4),
    ("Prosecution prevented or not in the public interest", 2),
    ("Responsibility for further investigation transferred to another body", 1.5),
    ("Under investigation", 4),
]

POLICE_CRIMES_HEADER = ["Crime Reference", "Recorded Date", "Committed Date", "Committed Time",
                        "HO Offence Code", "Offence Description", "Offence Postcode",
                        "LSOA Code", "Victim Age", "Victim Sex", "Weapon", "Domestic Abuse",
                        "Outcome"]
# police-crimes-2024-11.csv: a different column order, headers in other case and spacing.
REORDERED_HEADER = [("Crime Reference", "crime reference"),
                    ("HO Offence Code", " HO offence code "),
                    ("Offence Description", "offence description"),
                    ("Recorded Date", "RECORDED DATE"),
                    ("Committed Date", "committed date"),
                    ("Committed Time", "Committed time "),
                    ("LSOA Code", "lsoa code"),
                    ("Offence Postcode", " Offence postcode"),
                    ("Victim Age", "victim age"),
                    ("Victim Sex", "VICTIM SEX"),
                    ("Weapon", "weapon"),
                    ("Outcome", "outcome"),
                    ("Domestic Abuse", "Domestic abuse")]

POLICE_UK_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
                    "Location", "LSOA code", "LSOA name", "Crime type",
                    "Last outcome category", "Context"]
FORCE = "Lancashire Constabulary"
VIOLENCE_UK = "Violence and sexual offences"
ASB = "Anti-social behaviour"
UK_CRIME_TYPES = [("Violence and sexual offences", 30.0), ("Public order", 11.0),
                  ("Shoplifting", 9.0), ("Criminal damage and arson", 9.0),
                  ("Other theft", 9.0), ("Vehicle crime", 7.0), ("Burglary", 6.0),
                  ("Drugs", 4.0), ("Other crime", 3.0), ("Possession of weapons", 1.5),
                  ("Theft from the person", 1.5), ("Robbery", 1.0), ("Bicycle theft", 1.0)]
UK_OUTCOMES = [("Under investigation", 22), ("Investigation complete; no suspect identified", 24),
               ("Unable to prosecute suspect", 30), ("Awaiting court outcome", 6),
               ("Status update unavailable", 4), ("Local resolution", 3),
               ("Offender given a caution", 1.5),
               ("Formal action is not in the public interest", 2),
               ("Further investigation is not in the public interest", 2),
               ("Action to be taken by another organisation", 2.5),
               ("Court result unavailable", 1), ("Suspect charged as part of another case", 1)]
STREETS = ["Church Street", "Mill Lane", "Station Road", "Park Road", "Victoria Street",
           "Queen Street", "King Street", "High Street", "Market Street", "Chapel Street",
           "Manchester Road", "Blackburn Road", "Preston Road", "Garstang Road", "Bolton Road",
           "Water Street", "Albert Road", "Union Street", "Moor Lane", "Green Lane",
           "Highfield Road", "Newton Street", "Cross Street", "Bank Street", "Dale Street",
           "Bridge Street", "Canal Street", "School Lane", "Hawthorn Avenue", "Elm Grove",
           "Beech Grove", "Oak Avenue", "Cedar Close", "Larch Drive", "Rowan Close",
           "Ash Street", "Willow Road", "Meadow Way", "Fern Bank", "Brook Street",
           "St Mary's Road", "St John's Street", "King's Drive", "Queen's Road", "Priory Lane",
           "Abbey Road", "Castle Street", "Derby Road", "Lytham Road", "Lancaster Road",
           "Ribble Way", "Wyre Street", "Pendle Road", "Calder Street", "Hodder Close",
           "Lune Street", "Burnley Road", "Accrington Road", "Whalley Road", "Colne Road",
           "Parking Area", "Supermarket", "Petrol Station", "Nightclub", "Shopping Area",
           "Sports/Recreation Area", "Further/Higher Educational Building", "Hospital",
           "Police Station", "Theatre/Concert Hall", "Bus/Coach Station", "Pedestrian Subway"]

POLICE_CRIMES_MONTHS = [(2023, m) for m in range(4, 13)] + [(2024, m) for m in range(1, 13)] \
    + [(2025, m) for m in range(1, 4)]
# Months delivered gzipped: all but those that carry an awkward case (kept plain to read).
AWKWARD_MONTHS = {"2024-06", "2024-09", "2024-11", "2025-01", "2025-02", "2025-03"}
GZIP_MONTHS = {f"{y}-{m:02d}" for (y, m) in POLICE_CRIMES_MONTHS} - AWKWARD_MONTHS
# data.police.uk street-level files: a financial year, 2024-04 … 2025-03. The last three months
# came first and draw, in order, from the one "police-uk" stream (their bytes must not change);
# each earlier month has its own stream ("police-uk-<month>") and is delivered gzipped.
POLICE_UK_PLAIN_MONTHS = ["2025-01", "2025-02", "2025-03"]
POLICE_UK_MONTHS = [f"2024-{m:02d}" for m in range(4, 13)] + POLICE_UK_PLAIN_MONTHS
POLICE_UK_GZIP_MONTHS = [m for m in POLICE_UK_MONTHS if m not in POLICE_UK_PLAIN_MONTHS]
EXTRACT_DATE = datetime.date(2025, 4, 6)  # the (fixed, not clock) date of the latest extract


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(fields) -> str:
    return ",".join(csv_field(f) for f in fields)


def weighted(rng: random.Random, items):
    """Pick one of [(value, weight), ...]."""
    values = [v for v, _ in items]
    return rng.choices(values, weights=[w for _, w in items], k=1)[0]


def km_to_deg(lat_km: float, lon_km: float):
    return lat_km / 111.2, lon_km / 65.8


def osgb(lat: float, lon: float):
    """Rough linear OSGB36 easting/northing around Preston (plausible, not survey grade)."""
    return (int(round(354000 + (lon + 2.7031) * 65900)),
            int(round(429500 + (lat - 53.7632) * 111250)))


def fmt6(x: float) -> str:
    return f"{x:.6f}"


class Writer:
    """Collects the text of one CSV file and the physical line of every data row."""

    def __init__(self, header_text: str, newline: str):
        self.parts = [header_text + newline]
        self.newline = newline
        self.line = 1 + header_text.count("\n")  # last physical line used
        self.row_lines = []

    def row(self, text: str) -> int:
        start = self.line + 1
        self.parts.append(text + self.newline)
        self.line += 1 + text.count("\n")
        self.row_lines.append(start)
        return start

    def text(self) -> str:
        return "".join(self.parts)


# --------------------------------------------------------------------------------------------
# Geography
# --------------------------------------------------------------------------------------------

class Geo:
    def __init__(self):
        self.lads = []       # dicts: code, name, area, outwards, cty, pfa
        self.wards = []      # dicts: code, name, lad, hot, outward, lat, lon, lsoas
        self.lsoas = []      # dicts: code, name, ward, lad, msoa, lat, lon, oas, sector, postcodes
        self.lsoa11 = []     # dicts: code, name, ward, lad, successor (2021 code)
        self.postcodes = []  # dicts (NSPL fields + lsoa/ward refs)
        self.pseudo_postcodes = []
        self.lad_by_code = {}
        self.ward_by_code = {}
        self.lsoa_by_code = {}


def build_geography() -> Geo:
    rng = rng_for("geography")
    geo = Geo()
    ward_no = 1000
    lsoa_no = 20000
    msoa_no = 8000
    oa_no = 30000

    def next_code(prefix, n):
        return f"{prefix}{n:05d}"

    for spec in AREA_LADS + OUTSIDE_LADS:
        area = spec in AREA_LADS
        if area:
            (code, name, main, second, places, outwards, centre, spread, n_wards, cty) = spec
            pfa = "E23000003"
            names = [(f"{main} Central", outwards[0], True, (0.0, 0.0))]
            if second:
                off = (rng.uniform(-0.6, 0.6) * spread, rng.uniform(-0.6, 0.6) * spread)
                names.append((f"{second[0]} Town Centre", second[1], True, off))
            directions = ["North", "South", "East", "West"]
            rng.shuffle(directions)
            shift = {"North": (1, 0), "South": (-1, 0), "East": (0, 1), "West": (0, -1)}
            for d in directions[:2]:
                dy, dx = shift[d]
                names.append((f"{main} {d}", outwards[0], False,
                              (dy * spread * 0.35, dx * spread * 0.35)))
            forced = FORCED_WARD_NAMES.get(code)
            if forced:
                names.append((forced, outwards[-1], False,
                              (rng.uniform(0.5, 1.0) * spread, rng.uniform(-1, 1) * spread)))
            pool = list(places)
            rng.shuffle(pool)
            candidates = []
            for i, p in enumerate(pool):
                r = rng.random()
                if r < 0.62:
                    candidates.append(p)
                elif r < 0.80 and i + 1 < len(pool):
                    candidates.append(f"{p} and {pool[(i + 1) % len(pool)]}")
                else:
                    candidates.append(f"{p} {rng.choice(['Park', 'Village', 'Moor', 'Rural'])}")
            invented = list(INVENTED_NAMES)
            rng.shuffle(invented)
            candidates += invented
            used = {n for n, _, _, _ in names}
            for cand in candidates:
                if len(names) >= n_wards:
                    break
                if cand in used:
                    continue
                used.add(cand)
                ow = weighted(rng, [(o, 3 if j == 0 else 1) for j, o in enumerate(outwards)])
                names.append((cand, ow, False,
                              (rng.uniform(-1, 1) * spread, rng.uniform(-1, 1) * spread)))
        else:
            (code, name, ward_names, outwards, centre, spread, cty, pfa) = spec
            names = [(wn, outwards[j % len(outwards)], False,
                      (rng.uniform(-1, 1) * spread, rng.uniform(-1, 1) * spread))
                     for j, wn in enumerate(ward_names)]
        lad = dict(code=code, name=name, area=area, outwards=outwards, cty=cty, pfa=pfa)
        geo.lads.append(lad)
        geo.lad_by_code[code] = lad

        msoa_in_lad = 0
        for (wname, outward, hot, (dy_km, dx_km)) in names:
            ward_no += rng.randint(1, 9)
            dlat, dlon = km_to_deg(dy_km, dx_km)
            wlat, wlon = centre[0] + dlat, centre[1] + dlon
            if area:
                wlat = min(max(wlat, 53.52), 54.18)
                wlon = min(max(wlon, -3.08), -2.12)
            ward = dict(code=next_code("E059", ward_no), name=wname, lad=code, hot=hot,
                        outward=outward, lat=wlat, lon=wlon, lsoas=[])
            geo.wards.append(ward)
            geo.ward_by_code[ward["code"]] = ward
            n_lsoa = rng.randint(4, 6) if area else rng.randint(3, 4)
            # MSOAs of at most five LSOAs, numbered within the LAD as ONS does.
            groups = [n_lsoa] if n_lsoa <= 5 else [n_lsoa - n_lsoa // 2, n_lsoa // 2]
            for size in groups:
                msoa_in_lad += 1
                msoa_no += rng.randint(1, 5)
                msoa_code = next_code("E029", msoa_no)
                for k in range(size):
                    lsoa_no += rng.randint(1, 7)
                    dlat, dlon = km_to_deg(rng.uniform(-0.9, 0.9), rng.uniform(-0.9, 0.9))
                    oas = []
                    for _ in range(rng.randint(4, 6)):
                        oa_no += rng.randint(1, 3)
                        oas.append(next_code("E009", oa_no))
                    lsoa = dict(code=next_code("E019", lsoa_no),
                                name=f"{name} {msoa_in_lad:03d}{chr(ord('A') + k)}",
                                ward=ward["code"], lad=code, msoa=msoa_code,
                                msoa_number=msoa_in_lad, letter_count=size,
                                lat=wlat + dlat, lon=wlon + dlon, oas=oas,
                                sector=rng.randint(0, 9), postcodes=[])
                    geo.lsoas.append(lsoa)
                    geo.lsoa_by_code[lsoa["code"]] = lsoa
                    ward["lsoas"].append(lsoa["code"])

    # 2011 vintage: ~5% of the area's LSOAs had another code in 2011 (boundary change or merge).
    lsoa11_no = 40000
    changed = {}
    area_lsoas = [l for l in geo.lsoas if geo.lad_by_code[l["lad"]]["area"]]
    picks = rng.sample(range(len(area_lsoas)), k=round(len(area_lsoas) * 0.05))
    for idx in sorted(picks):
        l21 = area_lsoas[idx]
        n_old = 2 if rng.random() < 0.3 else 1  # two 2011 LSOAs merged into one 2021 LSOA
        olds = []
        for j in range(n_old):
            lsoa11_no += rng.randint(1, 9)
            letter = chr(ord("A") + l21["letter_count"] + j + rng.randint(0, 2))
            olds.append(dict(code=next_code("E018", lsoa11_no),
                             name=f"{geo.lad_by_code[l21['lad']]['name']} "
                                  f"{l21['msoa_number']:03d}{letter}",
                             ward=l21["ward"], lad=l21["lad"], successor=l21["code"]))
        changed[l21["code"]] = olds
    for l in geo.lsoas:
        if l["code"] in changed:
            geo.lsoa11.extend(changed[l["code"]])
        else:
            geo.lsoa11.append(dict(code=l["code"], name=l["name"], ward=l["ward"],
                                   lad=l["lad"], successor=l["code"]))
    geo.lsoa11.sort(key=lambda r: r["code"])
    # Unique names in the 2011 table (letters chosen above may collide only by accident).
    seen = {}
    for r in geo.lsoa11:
        base = r["name"]
        while r["name"] in seen:
            r["name"] = base[:-1] + chr(ord(r["name"][-1]) + 1)
            base = r["name"]
        seen[r["name"]] = True

    build_postcodes(geo, rng)
    return geo


def inward(rng, sector=None) -> str:
    d = sector if sector is not None else rng.randint(0, 9)
    return f"{d}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def postcode_forms(outward: str, inw: str):
    return outward.ljust(4) + inw, outward.ljust(5) + inw, f"{outward} {inw}"


def build_postcodes(geo: Geo, rng: random.Random):
    taken = set()  # membership only; never iterated
    rows = []
    for l in geo.lsoas:
        ward = geo.ward_by_code[l["ward"]]
        lad = geo.lad_by_code[l["lad"]]
        n = rng.randint(10, 12) if lad["area"] else rng.randint(10, 12)
        for _ in range(n):
            outward = ward["outward"] if rng.random() < 0.9 else rng.choice(lad["outwards"])
            while True:
                inw = inward(rng, l["sector"] if rng.random() < 0.8 else None)
                pcds = f"{outward} {inw}"
                if pcds not in taken:
                    break
            taken.add(pcds)
            lat = l["lat"] + rng.uniform(-0.0035, 0.0035)
            lon = l["lon"] + rng.uniform(-0.0055, 0.0055)
            east, north = osgb(lat, lon)
            if rng.random() < 0.55:
                dointr = "198001"
            else:
                dointr = f"{rng.randint(1981, 2023)}{rng.randint(1, 12):02d}"
            doterm = ""
            if rng.random() < 0.03:
                start = max(int(dointr[:4]) + 1, 1995)
                doterm = f"{rng.randint(start, 2024)}{rng.randint(1, 12):02d}"
            pcd, pcd2, _ = postcode_forms(outward, inw)
            pc = dict(pcd=pcd, pcd2=pcd2, pcds=pcds, dointr=dointr, doterm=doterm,
                      usertype="0", oseast1m=str(east), osnrth1m=str(north), osgrdind="1",
                      oa21=rng.choice(l["oas"]), cty=lad["cty"], laua=lad["code"],
                      ward=ward["code"], ctry=CTRY_ENGLAND, rgn=RGN_NORTH_WEST,
                      lsoa21=l["code"], msoa21=l["msoa"], lat=fmt6(lat), long=fmt6(lon),
                      pfa=lad["pfa"], outward=outward, inward=inw)
            rows.append(pc)
            l["postcodes"].append(pc)
    # A handful of postcodes with no grid reference: every geography is the pseudo code.
    for outward in ["PR1", "FY1", "BB1", "LA1", "BB11", "PR7"]:
        while True:
            inw = inward(rng)
            pcds = f"{outward} {inw}"
            if pcds not in taken:
                break
        taken.add(pcds)
        pcd, pcd2, _ = postcode_forms(outward, inw)
        pc = dict(pcd=pcd, pcd2=pcd2, pcds=pcds, dointr=f"{rng.randint(2019, 2024)}"
                  f"{rng.randint(1, 12):02d}", doterm="", usertype="0", oseast1m="",
                  osnrth1m="", osgrdind="9", oa21=PSEUDO, cty=PSEUDO, laua=PSEUDO,
                  ward=PSEUDO, ctry=CTRY_ENGLAND, rgn=RGN_NORTH_WEST, lsoa21=PSEUDO,
                  msoa21=PSEUDO, lat="99.999999", long="0.000000", pfa="E23000003",
                  outward=outward, inward=inw)
        rows.append(pc)
        geo.pseudo_postcodes.append(pc)
    rows.sort(key=lambda p: p["pcd"])
    geo.postcodes = rows
    geo.postcode_taken = taken


# --------------------------------------------------------------------------------------------
# Population (ONS ward mid-year estimates, mid-2022)
# --------------------------------------------------------------------------------------------

def age_weight(a: int) -> float:
    if a <= 17:
        return 1.10
    if a <= 24:
        return 1.15
    if a <= 44:
        return 1.25
    if a <= 64:
        return 1.30
    if a <= 74:
        return 1.10
    if a <= 84:
        return 0.70 - (a - 75) * 0.03
    return 0.35 - (a - 85) * 0.04


def build_population(geo: Geo):
    rng = rng_for("population")
    rows = []
    older_lads = {"E07000119", "E07000128", "E07000124"}  # Fylde, Wyre, Ribble Valley
    students = {"E07000123", "E07000121"}                   # Preston, Lancaster
    for ward in geo.wards:
        if not geo.lad_by_code[ward["lad"]]["area"]:
            continue
        total = sum(rng.randint(1350, 1850) for _ in ward["lsoas"])
        weights = []
        for a in range(90):
            w = age_weight(a)
            if ward["hot"] and 18 <= a <= 34:
                w *= 1.9 if ward["lad"] in students else 1.35
            if ward["lad"] in older_lads and a >= 60:
                w *= 1.35
            weights.append(w * rng.uniform(0.92, 1.08))
        weights.append(0.95 * (1.3 if ward["lad"] in older_lads else 1.0) * rng.uniform(0.85, 1.15))
        s = sum(weights)
        counts = [int(round(total * w / s)) for w in weights]
        rows.append((ward, sum(counts), counts))
    return rows


# --------------------------------------------------------------------------------------------
# police-crimes: the force's own extract
# --------------------------------------------------------------------------------------------

def area_ward_weights(geo: Geo, pop_rows, rng):
    items = []
    for ward, total, _ in pop_rows:
        items.append((ward, total * (3.0 if ward["hot"] else 1.0) * rng.uniform(0.7, 1.3)))
    return items


AGE_BANDS = [((0, 9), 0.3), ((10, 15), 1.2), ((16, 17), 2.0), ((18, 24), 3.0), ((25, 34), 2.6),
             ((35, 44), 2.0), ((45, 54), 1.3), ((55, 64), 0.7), ((65, 74), 0.3), ((75, 95), 0.1)]
AGE_LIMITS = {"19D": (13, 15), "19G": (13, 15), "19E": (4, 12), "19H": (4, 12), "17B": (4, 12),
              "20B": (4, 12), "17A": (13, 80), "20A": (13, 80), "19C": (16, 85),
              "19F": (16, 85)}
SEX_FIXED = {"19C": "F", "19D": "F", "19E": "F", "20A": "F", "20B": "F",
             "19F": "M", "19G": "M", "19H": "M", "17A": "M", "17B": "M"}
DA_RATE = {"homicide": 0.3, "violence with injury": 0.33, "violence without injury": 0.30,
           "stalking and harassment": 0.40, "sexual offences": 0.20, "robbery": 0.02,
           "possession of weapons": 0.01}
HOURS = [3, 2, 1.5, 1, 0.7, 0.5, 0.6, 1, 1.5, 2, 2.2, 2.5, 3, 3, 3.2, 3.5, 4, 4.3, 4.5, 4.6,
         4.5, 4.4, 4.5, 4]


def pick_age(rng, code):
    lim = AGE_LIMITS.get(code)
    if lim:
        return rng.randint(*lim)
    lo, hi = weighted(rng, AGE_BANDS)
    return rng.randint(lo, hi)


def pick_weapon(rng, code, group):
    if code in ("10D", "90"):
        return "KNIFE"
    if code in ("10A", "10B", "81"):
        return "FIREARM"
    if code == "10C":
        return "OTHER"
    if group == "homicide":
        return weighted(rng, [("KNIFE", 40), ("OTHER", 25), ("FIREARM", 3), ("NONE", 32)])
    if group in ("violence with injury", "robbery"):
        return weighted(rng, [("KNIFE", 6), ("FIREARM", 0.3), ("OTHER", 10), ("NONE", 83.7)])
    if code == "3B":
        return weighted(rng, [("KNIFE", 5), ("OTHER", 5), ("NONE", 90)])
    if group == "violence without injury":
        return weighted(rng, [("OTHER", 3), ("NONE", 97)])
    if group == "sexual offences":
        return weighted(rng, [("KNIFE", 0.5), ("NONE", 99.5)])
    return "NONE"


def pick_outcome(rng, group, da, recorded: datetime.date):
    age_days = (EXTRACT_DATE - recorded).days
    items = []
    for phrase, w in OUTCOMES:
        if phrase == "Under investigation":
            w = 45 if age_days < 70 else (15 if age_days < 180 else 3)
        elif da and phrase.startswith("Evidential difficulties - victim"):
            w *= 1.8
        elif group == "robbery" and phrase.startswith("Investigation complete"):
            w *= 2.5
        items.append((phrase, w))
    return weighted(rng, items)


def postcode_written(rng, outward, inw):
    form = weighted(rng, [("canonical", 74.0), ("lower", 10.5), ("nospace", 10.5),
                          ("double", 5.0)])
    if form == "canonical":
        return f"{outward} {inw}", form
    if form == "lower":
        return f"{outward} {inw}".lower(), form
    if form == "nospace":
        return f"{outward}{inw}", form
    return f"{outward}  {inw}", form


def build_police_crimes(geo: Geo, pop_rows, scale: float):
    rng = rng_for("police-crimes")
    ward_items = area_ward_weights(geo, pop_rows, rng)
    wards = [w for w, _ in ward_items]
    ward_cum = []
    acc = 0.0
    for _, w in ward_items:
        acc += w
        ward_cum.append(acc)
    active = {}  # lsoa code -> active (non-terminated) postcodes
    for l in geo.lsoas:
        active[l["code"]] = [p for p in l["postcodes"] if not p["doterm"]]
    terminated = [p for p in geo.postcodes
                  if p["doterm"] and geo.lad_by_code.get(p["laua"], {}).get("area")]
    outside = [p for p in geo.postcodes
               if p["laua"] in geo.lad_by_code and not geo.lad_by_code[p["laua"]]["area"]
               and not p["doterm"]]
    fake_taken = set()
    counters = {}
    months = {}
    for (y, m) in POLICE_CRIMES_MONTHS:
        ndays = calendar.monthrange(y, m)[1]
        recs = []
        for family, base in FAMILY_VOLUME:
            n = int(round(base * scale * SEASON[m] * rng.uniform(0.96, 1.04)))
            codes = FAMILY_CODES[family]
            picked = rng.choices([c for c, _ in codes], weights=[w for _, w in codes], k=n)
            for code in picked:
                recs.append(make_crime(rng, geo, code, y, m, ndays, wards, ward_cum, active,
                                       terminated, outside, fake_taken))
        rng.shuffle(recs)
        recs.sort(key=lambda r: r["recorded"])
        yy = y % 100
        for r in recs:
            counters[yy] = counters.get(yy, rng.randint(100000, 300000)) + rng.randint(1, 20)
            r["ref"] = f"LC-{yy:02d}-{counters[yy]:07d}"
        months[f"{y}-{m:02d}"] = recs
    return months


def make_crime(rng, geo, code, y, m, ndays, wards, ward_cum, active, terminated, outside,
               fake_taken):
    _, desc, group, _, _, _ = OFFENCE_BY_CODE[code]
    ward = rng.choices(wards, cum_weights=ward_cum, k=1)[0]
    lsoa = geo.lsoa_by_code[rng.choice(ward["lsoas"])]
    pc = rng.choice(active[lsoa["code"]])
    category = weighted(rng, [("normal", 94.7), ("blank", 4.0), ("not-in-directory", 0.5),
                              ("rubbish", 0.3), ("terminated", 0.3), ("outside", 0.2)])
    form = None
    if category == "normal":
        written, form = postcode_written(rng, pc["outward"], pc["inward"])
    elif category == "terminated":
        pc = rng.choice(terminated)
        lsoa = geo.lsoa_by_code[pc["lsoa21"]]
        written, form = postcode_written(rng, pc["outward"], pc["inward"])
    elif category == "outside":
        pc = rng.choice(outside)
        lsoa = geo.lsoa_by_code[pc["lsoa21"]]
        written, form = postcode_written(rng, pc["outward"], pc["inward"])
    elif category == "not-in-directory":
        while True:
            inw = inward(rng)
            full = f"{ward['outward']} {inw}"
            if full not in geo.postcode_taken and full not in fake_taken:
                break
        fake_taken.add(full)
        written, form = postcode_written(rng, ward["outward"], inw)
    elif category == "rubbish":
        written = rng.choice(["UNKNOWN", "N/A", "TBC"])
    else:
        written = ""
    has_lsoa = rng.random() < 0.6
    day = rng.randint(1, ndays)
    recorded = datetime.date(y, m, day)
    before = weighted(rng, [(0, 40), (1, 20), (2, 8)] + [(d, 3) for d in range(3, 8)]
                      + [(d, 0.5) for d in range(8, 31)])
    committed = recorded - datetime.timedelta(days=before)
    if rng.random() < 0.10:
        ctime = ""
    else:
        hour = rng.choices(range(24), weights=HOURS, k=1)[0]
        minute = rng.choice([0, 0, 0, 15, 30, 30, 45] + list(range(60)))
        ctime = f"{hour:02d}:{minute:02d}"
    da = rng.random() < DA_RATE[group]
    age = "" if rng.random() < 0.05 else str(pick_age(rng, code))
    sex = SEX_FIXED.get(code) or weighted(
        rng, [("F", 70), ("M", 29), ("U", 1)] if da else [("M", 56), ("F", 42), ("U", 2)])
    return dict(code=code, desc=desc, group=group, ward=lsoa["ward"], lad=lsoa["lad"],
                lsoa=lsoa["code"], category=category, form=form, postcode=written,
                has_lsoa=has_lsoa, recorded=recorded, committed=committed, time=ctime,
                age=age, sex=sex, weapon=pick_weapon(rng, code, group), da="Y" if da else "N",
                outcome=pick_outcome(rng, group, da, recorded))


def crime_fields(r) -> dict:
    return {"Crime Reference": r["ref"],
            "Recorded Date": r["recorded"].strftime("%d/%m/%Y"),
            "Committed Date": r["committed"].strftime("%d/%m/%Y"),
            "Committed Time": r["time"],
            "HO Offence Code": r["code"],
            "Offence Description": r["desc"],
            "Offence Postcode": r["postcode"],
            "LSOA Code": r["lsoa"] if r["has_lsoa"] else "",
            "Victim Age": r["age"],
            "Victim Sex": r["sex"],
            "Weapon": r["weapon"],
            "Domestic Abuse": r["da"],
            "Outcome": r["outcome"]}


def expected_geography(geo: Geo, r):
    """(method, status, lad, ward) the loader should reach: postcode first, then LSOA."""
    if r["category"] in ("normal", "terminated", "outside"):
        method = "postcode"
    elif r["has_lsoa"]:
        method = "lsoa"
    else:
        return "none", "unplaced", None, None
    lad = geo.lad_by_code[r["lad"]]
    return method, ("in_area" if lad["area"] else "outside_area"), r["lad"], r["ward"]


def write_police_crimes(geo: Geo, months, rng: random.Random):
    """Returns (files written: name -> bytes, expected, awkward-case notes)."""
    files = {}
    expected = {}
    notes = {}
    malformed_plan = {}
    # (e) four malformed rows in 2025-02, at fixed random positions
    feb = months["2025-02"]
    positions = sorted(rng.sample(range(50, len(feb) - 50), k=4))
    kinds = ["wrong-field-count", "bad-date", "unknown-code", "bad-age"]
    rng.shuffle(kinds)
    for pos, kind in zip(positions, kinds):
        malformed_plan[pos] = kind
    # (c) the resend corrects three 105A rows of 2025-01 to 8N
    jan = months["2025-01"]
    candidates = [i for i, r in enumerate(jan) if r["code"] == "105A"]
    corrected_idx = sorted(rng.sample(candidates, k=3))
    # (f) one row in 2025-03 with a comma, a doubled quote and an embedded newline
    mar = months["2025-03"]
    f_idx = rng.choice([i for i, r in enumerate(mar) if r["code"] == "8N" and 100 <= i < len(mar) - 100])
    f_desc = 'Assault with injury, victim reports "glassing"\nat licensed premises (see MG5)'

    plan = []
    for key, recs in months.items():
        name = f"police-crimes-{key}.csv" + (".gz" if key in GZIP_MONTHS else "")
        plan.append((name, key, recs, None))
        if key == "2025-01":
            plan.append(("police-crimes-2025-01-resend.csv", key, recs, "resend"))

    for name, key, recs, variant in plan:
        encoding, bom, newline = "utf-8", False, "\r\n"
        order = POLICE_CRIMES_HEADER
        header_names = POLICE_CRIMES_HEADER
        if key == "2024-06":
            encoding = "cp1252"
        if key == "2024-09":
            bom, newline = True, "\n"
        if key == "2024-11":
            order = [canon for canon, _ in REORDERED_HEADER]
            header_names = [shown for _, shown in REORDERED_HEADER]
        w = Writer(",".join(header_names), newline)
        info = dict(rows=0, encoding="windows-1252" if encoding == "cp1252" else "utf-8",
                    bom=bom, line_ending="LF" if newline == "\n" else "CRLF",
                    gzip=name.endswith(".gz"), malformed=[], rows_rejected=0)
        by_group = {}
        geo_counts = {"postcode": 0, "lsoa": 0, "none": 0}
        status_counts = {"in_area": 0, "outside_area": 0, "unplaced": 0}
        placed_by_lad = {lad["code"]: 0 for lad in geo.lads if lad["area"]}
        forms = {}
        en_dash_lines = []
        corrected = []
        multiline = None
        for i, r in enumerate(recs):
            fields = crime_fields(r)
            code = r["code"]
            kind = malformed_plan.get(i) if key == "2025-02" else None
            if variant == "resend" and i in corrected_idx:
                code = "8N"
                fields["HO Offence Code"] = "8N"
                fields["Offence Description"] = OFFENCE_BY_CODE["8N"][1]
            if key == "2024-06" and " - " in fields["Outcome"]:
                fields["Outcome"] = fields["Outcome"].replace(" - ", " \u2013 ")
            if key == "2025-03" and i == f_idx:
                fields["Offence Description"] = f_desc
            if kind == "bad-date":
                fields["Recorded Date"] = "31/02/2025"
            elif kind == "unknown-code":
                fields["HO Offence Code"] = "99Z"
                fields["Offence Description"] = "Offence code not recognised"
            elif kind == "bad-age":
                fields["Victim Age"] = "abc"
            values = [fields[c] for c in order]
            if kind == "wrong-field-count":
                values = [v for c, v in zip(order, values) if c != "Committed Time"]
            line = w.row(csv_line(values))
            info["rows"] += 1
            if kind:
                reason = {"wrong-field-count": "wrong-field-count", "bad-date": "type-error",
                          "unknown-code": "unknown-code", "bad-age": "type-error"}[kind]
                field = {"wrong-field-count": None, "bad-date": "Recorded Date",
                         "unknown-code": "HO Offence Code", "bad-age": "Victim Age"}[kind]
                value = {"wrong-field-count": None, "bad-date": "31/02/2025",
                         "unknown-code": "99Z", "bad-age": "abc"}[kind]
                info["malformed"].append(dict(line=line, crime_reference=r["ref"],
                                              reason=reason, field=field, value=value,
                                              fields=len(values)))
                continue
            if "\u2013" in fields["Outcome"]:
                en_dash_lines.append(line)
            if variant == "resend" and i in corrected_idx:
                corrected.append(dict(crime_reference=r["ref"], line=line, from_code=r["code"],
                                      to_code="8N"))
            if key == "2025-03" and i == f_idx:
                multiline = dict(line=line, last_line=w.line, crime_reference=r["ref"],
                                 offence_description=f_desc)
            group = OFFENCE_BY_CODE[code][2]
            by_group[group] = by_group.get(group, 0) + 1
            method, status, lad, _ = expected_geography(geo, r)
            geo_counts[method] += 1
            status_counts[status] += 1
            if status == "in_area":
                placed_by_lad[lad] += 1
            label = r["category"] if r["category"] != "normal" else f"normal-{r['form']}"
            forms[label] = forms.get(label, 0) + 1
            if r["category"] != "normal" or r["form"] != "canonical":
                notes.setdefault((name, label), []).append(line)
        info["rows_rejected"] = len(info["malformed"])
        info["rows_loaded"] = info["rows"] - info["rows_rejected"]
        info["physical_lines"] = w.line
        info["by_group"] = {g: by_group[g] for g in sorted(by_group)}
        info["geo_method"] = geo_counts
        info["geo_status"] = status_counts
        info["in_area_by_lad"] = placed_by_lad
        info["postcode_cases"] = {k: forms[k] for k in sorted(forms)}
        if en_dash_lines:
            info["rows_with_en_dash_outcome"] = len(en_dash_lines)
            notes[(name, "en-dash")] = en_dash_lines
        if corrected:
            info["corrected"] = corrected
        if multiline:
            info["multiline_row"] = multiline
        text = w.text()
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        files[name] = data
        expected[name] = info
    return files, expected, notes


# --------------------------------------------------------------------------------------------
# police-uk: data.police.uk street-level files
# --------------------------------------------------------------------------------------------

def street_points(geo: Geo, rng: random.Random):
    points = {}
    for l in geo.lsoas:
        names = rng.sample(STREETS, k=rng.randint(4, 7))
        pts = []
        for n in names:
            pts.append((fmt6(l["lon"] + rng.uniform(-0.004, 0.004)),
                        fmt6(l["lat"] + rng.uniform(-0.0025, 0.0025)), f"On or near {n}"))
        points[l["code"]] = pts
    return points


def build_police_uk(geo: Geo, pop_rows):
    rng = rng_for("police-uk")
    points = street_points(geo, rng)
    ward_w = {w["code"]: wt for w, wt in area_ward_weights(geo, pop_rows, rng)}
    area_lsoas, area_cum = [], []
    acc = 0.0
    for l in geo.lsoas:
        if l["ward"] in ward_w:
            acc += ward_w[l["ward"]] / len(geo.ward_by_code[l["ward"]]["lsoas"])
            area_lsoas.append(l)
            area_cum.append(acc)
    outside_lsoas = [l for l in geo.lsoas if not geo.lad_by_code[l["lad"]]["area"]]
    old_only = [r for r in geo.lsoa11 if r["code"] not in geo.lsoa_by_code]
    crime_types = [t for t, _ in UK_CRIME_TYPES]
    crime_w = [w for _, w in UK_CRIME_TYPES]
    ids = set()
    files, expected, notes = {}, {}, {}

    def one_month(month: str, rng: random.Random, gz: bool):
        n = int(round(4000 * SEASON[int(month[5:])] * rng.uniform(0.97, 1.03)))
        w = Writer(",".join(POLICE_UK_HEADER), "\r\n")
        exp = dict(month=month, rows=0, asb_rows=0, no_location_rows=0, outside_area_rows=0,
                   lsoa11_rows=0, duplicate_content_rows=0)
        viol_ward = {wd["code"]: 0 for wd in geo.wards if geo.lad_by_code[wd["lad"]]["area"]}
        viol_lad = {lad["code"]: 0 for lad in geo.lads if lad["area"]}
        viol = dict(in_area=0, no_location=0, outside_area=0)
        seen_content = set()
        first_lines = {}
        for _ in range(n):
            is_asb = rng.random() < 0.30
            ctype = ASB if is_asb else rng.choices(crime_types, weights=crime_w, k=1)[0]
            where = weighted(rng, [("area", 92), ("lsoa11", 3), ("outside", 2), ("none", 3)])
            if where == "none":
                lon = lat = code = lname = ""
                location = "No Location"
                ward = None
            else:
                if where == "outside":
                    l = rng.choice(outside_lsoas)
                    code, lname = l["code"], l["name"]
                elif where == "lsoa11":
                    old = rng.choice(old_only)
                    l = geo.lsoa_by_code[old["successor"]]
                    code, lname = old["code"], old["name"]
                else:
                    l = rng.choices(area_lsoas, cum_weights=area_cum, k=1)[0]
                    code, lname = l["code"], l["name"]
                lon, lat, location = rng.choice(points[l["code"]])
                ward = l["ward"]
            if is_asb:
                crime_id = ""
                outcome = ""
            else:
                while True:
                    crime_id = f"{rng.getrandbits(256):064x}"
                    if crime_id not in ids:
                        break
                ids.add(crime_id)
                outcome = weighted(rng, UK_OUTCOMES)
            values = [crime_id, month, FORCE, FORCE, lon, lat, location, code, lname, ctype,
                      outcome, ""]
            text = csv_line(values)
            line = w.row(text)
            exp["rows"] += 1
            if text in seen_content:
                exp["duplicate_content_rows"] += 1
                first_lines.setdefault("duplicate-content", line)
            seen_content.add(text)
            if is_asb:
                exp["asb_rows"] += 1
            if where == "none":
                exp["no_location_rows"] += 1
                first_lines.setdefault("no-location", line)
            elif where == "outside":
                exp["outside_area_rows"] += 1
                first_lines.setdefault("outside-area", line)
            elif where == "lsoa11":
                exp["lsoa11_rows"] += 1
                first_lines.setdefault("lsoa11", line)
            if ctype == VIOLENCE_UK:
                if where == "none":
                    viol["no_location"] += 1
                elif where == "outside":
                    viol["outside_area"] += 1
                else:
                    viol["in_area"] += 1
                    viol_ward[ward] += 1
                    viol_lad[geo.ward_by_code[ward]["lad"]] += 1
        exp["violence_and_sexual_offences"] = dict(
            county=viol["in_area"] + viol["no_location"], in_area=viol["in_area"],
            no_location=viol["no_location"], outside_area=viol["outside_area"],
            by_lad=viol_lad, by_ward={k: viol_ward[k] for k in sorted(viol_ward)})
        exp["gzip"] = gz
        name = f"{month}-lancashire-street.csv" + (".gz" if gz else "")
        files[name] = w.text().encode("utf-8")  # main() gzips the ".gz" ones
        expected[name] = exp
        notes[name] = first_lines

    # The original three months first, from the shared stream, exactly as before; then the
    # earlier months, each from its own stream (crime IDs stay unique across all twelve).
    for month in POLICE_UK_PLAIN_MONTHS:
        one_month(month, rng, gz=False)
    for month in POLICE_UK_GZIP_MONTHS:
        one_month(month, rng_for(f"police-uk-{month}"), gz=True)
    order = sorted(files, key=lambda k: k[:7])
    return ({k: files[k] for k in order}, {k: expected[k] for k in order},
            {k: notes[k] for k in order})


# --------------------------------------------------------------------------------------------
# Reference files
# --------------------------------------------------------------------------------------------

def reference_files(geo: Geo, pop_rows):
    files = {}
    notes = {}
    nl = "\r\n"
    wards = sorted(geo.wards, key=lambda w: w["code"])
    w = Writer("FID,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for i, ward in enumerate(wards, 1):
        lad = geo.lad_by_code[ward["lad"]]
        line = w.row(csv_line([str(i), ward["code"], ward["name"], lad["code"], lad["name"]]))
        if "," in ward["name"] or "'" in ward["name"]:
            notes.setdefault("wards", []).append((line, ward["name"]))
    files["reference/wards.csv"] = w.text()

    w = Writer("FID,LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for i, l in enumerate(sorted(geo.lsoas, key=lambda x: x["code"]), 1):
        ward = geo.ward_by_code[l["ward"]]
        lad = geo.lad_by_code[l["lad"]]
        w.row(csv_line([str(i), l["code"], l["name"], ward["code"], ward["name"], lad["code"],
                        lad["name"]]))
    files["reference/lsoa-wards.csv"] = w.text()

    w = Writer("LSOA11CD,LSOA11NM,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for r in geo.lsoa11:
        ward = geo.ward_by_code[r["ward"]]
        lad = geo.lad_by_code[r["lad"]]
        line = w.row(csv_line([r["code"], r["name"], ward["code"], ward["name"], lad["code"],
                               lad["name"]]))
        if r["code"] != r["successor"]:
            notes.setdefault("lsoa11", []).append((line, r["code"], r["successor"]))
    files["reference/lsoa11-wards.csv"] = w.text()

    cols = ["pcd", "pcd2", "pcds", "dointr", "doterm", "usertype", "oseast1m", "osnrth1m",
            "osgrdind", "oa21", "cty", "laua", "ward", "ctry", "rgn", "lsoa21", "msoa21", "lat",
            "long", "pfa"]
    w = Writer(",".join(cols), nl)
    for p in geo.postcodes:
        line = w.row(csv_line([p[c] for c in cols]))
        if p["laua"] == PSEUDO:
            notes.setdefault("pseudo", []).append((line, p["pcds"]))
        elif p["doterm"]:
            notes.setdefault("terminated", []).append((line, p["pcds"]))
        elif not geo.lad_by_code[p["laua"]]["area"]:
            notes.setdefault("outside-postcodes", []).append((line, p["pcds"]))
    files["reference/postcodes.csv"] = w.text()

    header = ["Ward Code 1", "Ward Name 1", "LA Code (2021 boundaries)",
              "LA name (2021 boundaries)", "All Ages"] + [str(a) for a in range(90)] + ["90+"]
    w = Writer(csv_line(header), nl)
    for ward, total, counts in pop_rows:
        lad = geo.lad_by_code[ward["lad"]]
        w.row(csv_line([ward["code"], ward["name"], lad["code"], lad["name"], str(total)]
                       + [str(c) for c in counts]))
    files["reference/population.csv"] = w.text()

    w = Writer("code,description,group,serious_violence,knife_eligible,harm_weight_days,"
               "weight_source", "\n")
    for (code, desc, group, sv, knife, days) in OFFENCES:
        line = w.row(csv_line([code, desc, group, sv, knife, str(days), WEIGHT_SOURCE]))
        if "," in desc:
            notes.setdefault("offences", []).append((line, code))
    files["reference/offences.csv"] = w.text()
    return {k: v.encode("utf-8") for k, v in files.items()}, notes


# --------------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------------

def feeds_readme(f):
    """README sections for schools, pupils and the education, youth justice and health feeds."""
    L = []
    a = L.append
    exp = f["expected"]
    sn = f["school_notes"]
    a("## reference/schools.csv (GIAS)")
    a("")
    a(f"A Get Information about Schools extract as GIAS publishes it: **Windows-1252**, CRLF, "
      f"header `{','.join(GIAS_HEADER)}`. {exp['schools']['open']} open schools "
      f"({exp['schools']['open_by_phase']['Primary']} primary, "
      f"{exp['schools']['open_by_phase']['Secondary']} secondary: 3 primaries and 1–2 "
      "secondaries in each of the 14 area LADs) plus "
      f"{exp['schools']['closed']} closed ones. URNs are invented (`9000NN`–`9003NN`); "
      "`LA (code)` is the real GIAS code (888 Lancashire for the 12 districts, 889 Blackburn "
      "with Darwen, 890 Blackpool); each postcode is an active in-area postcode from "
      "`postcodes.csv`. Rows are ordered by URN.")
    a("")
    a(f"- Lines {', '.join(str(x) for x in sn['rsquo'])}: names with an apostrophe written as "
      "the right single quote ’ (byte 0x92), e.g. `St Bede’s Catholic Primary School`. "
      "Expected: decoded as Windows-1252 (U+2019).")
    a(f"- Line {sn['accent'][0]}: `{sn['accent'][1]}` (é = byte 0xE9). The file is not valid "
      "UTF-8.")
    a(f"- Line {sn['comma'][0]}: `{sn['comma'][1]}` contains a comma, so it is quoted.")
    for line, urn, succ, name in sn["closed"]:
        a(f"- Line {line}: URN {urn} `{name}` is **Closed**: the predecessor of open academy "
          f"URN {succ}, same name and postcode. No pupil record uses a closed URN.")
    a("")
    a("## Pupils (behind school-absence and school-suspensions)")
    a("")
    pe = exp["pupils"]
    a(f"{pe['count']:,} synthetic pupils (a sample, ~1/15 of Lancashire's ~190,000), 13 birth "
      f"cohorts from Sep {FIRST_COHORT} to Aug {FIRST_COHORT + N_COHORTS}: Reception to Year "
      f"11, aged 4–16, in {' and '.join(pe['on_roll'])} "
      f"({', '.join(f'{v:,}' for v in pe['on_roll'].values())} on roll). Each has a stable "
      "UPN (a check letter and 12 digits, built as DfE does: check letter, LA code, "
      "establishment number of the first school, year of entry, serial; the check letter is "
      "valid), a date of birth, sex, a primary and a secondary school (pupils in Years 7–11 "
      "attend the secondary) and a home postcode (same LAD as the school for ~88%, another "
      "area LAD ~11%, an outside LAD ~1%). A pupil permanently excluded moves to another "
      "school of the same phase the next day; later records show the new school.")
    a("")
    a("## school-absence")
    a("")
    a(f"Header `{','.join(ABSENCE_HEADER)}`; CRLF, UTF-8. One row per pupil on roll per term "
      "(a pupil who moved school during the term, after a permanent exclusion, has one row "
      "at each school, with the sessions possible split), ordered by School URN then UPN. `school-absence-2023-24-autumn.csv.gz` … "
      "`school-absence-2024-25-summer.csv` (the last one uncompressed; the 2024/25 summer "
      "term ends in July 2025, so it is a delivery from after the other feeds' last month).")
    a("")
    a("| file | rows | pupils | persistently absent (rows) | full sessions possible |")
    a("|---|---|---|---|---|")
    for name, i in exp["school_absence"]["files"].items():
        a(f"| `{name}` | {i['rows']:,} | {i['distinct_pupils']:,} | "
          f"{i['persistently_absent']:,} | {i['sessions_possible_full']} |")
    a("")
    a("Sessions possible follow an invented school calendar (two sessions a weekday in term, "
      "minus half-term, bank holidays and 1–3 INSET days per school): ~100–146; ~1.5% of rows "
      "(joined or left mid-term) have fewer. Authorised + unauthorised ≤ possible always. "
      "~20% of pupils are persistently absent (missed ≥ 10%) in a term, more in Spring; no "
      "row sits exactly on the 10% line.")
    a("")
    a("## school-suspensions")
    a("")
    sx = exp["school_suspensions"]
    a(f"Header `{','.join(SUSPENSION_HEADER)}`; CRLF, UTF-8; rows ordered by Start Date. "
      "Term-time months 2023-09 … 2025-03 (no August file); the last six months are "
      f"uncompressed. **Volume**: {sx['rows']:,} rows, ~{SUSPENSIONS_PER_SCHOOL_DAY:g} per "
      "school day (~300 a month; fewer in December, April, July and September), i.e. about "
      "1/5 of the ~1,500 a month a county the size of Lancashire records, scaled to this "
      f"pupil sample. {sx['distinct_pupils']:,} distinct pupils: the same pupils recur across "
      "months (up to ~25 rows for one pupil). Start Date is a school day inside the file's "
      "month. ~15% have a violence-related reason (PP, PA, OW, VP, VA), ~3% are `Permanent "
      "exclusion` (Sessions `0`), Sessions otherwise 0.5–10. Home Postcode is given on ~50% "
      "of rows (some lower case or without the space); blank means the record is placed by "
      "the school's postcode.")
    a("")
    last = [k for k in exp["school_suspensions"]["files"] if not k.endswith(".gz")]
    name = last[-1]
    a(f"- `{name}`: {sx['files'][name]['rows']} rows, "
      f"{sx['files'][name]['violence_related']} violence-related, permanent exclusions on "
      f"lines {fmt_lines(f['su_notes'][name], 8)}.")
    # A pupil who recurs in the uncompressed files.
    seen = {}
    for fname in last:
        recs = f["su_months"][fname[len("school-suspensions-"):-len(".csv")]]
        for i, r in enumerate(recs):
            seen.setdefault(r["pupil"]["upn"], []).append(f"{fname}:{i + 2}")
    upn = max(sorted(seen), key=lambda u: len(seen[u]))
    a(f"- Recurring pupil: UPN `{upn}` has {len(seen[upn])} rows in the uncompressed months "
      f"({', '.join(seen[upn][:6])}{' …' if len(seen[upn]) > 6 else ''}).")
    a("")
    a("## yot-offences")
    a("")
    yx = exp["yot_offences"]
    a(f"Header `{','.join(YOT_HEADER)}`; CRLF, UTF-8; rows ordered by Offence Date. "
      f"2023-04 … 2025-03, {yx['rows']:,} rows (~150 a month), {yx['distinct_case_ids']:,} "
      "case IDs `YC-NNNNN` that recur across months (a young person offends 1–12 times, "
      "~75 days apart on average). Ages 10–17 at every offence. First Time Entrant is `Y` on "
      "a case's first offence and `N` after; cases whose first offence was before 2023-04 "
      "(the service knew them already) have only `N` rows. Ethnicity ~80% White, 9% Asian, "
      "5% Mixed, 2% Black, 1% Other, 3% Not stated; ~84% male. ~68% of rows carry a HO "
      "code from `offences.csv` with Offence Category `Violence against the person`, "
      "`Robbery`, `Sexual offences` or `Possession of weapons`; ~32% are `Criminal damage`, "
      "`Theft` or `Drugs` with a blank HO code. Home Postcode blank on ~5%, lower case or "
      "without the space on ~10%. The last six months are uncompressed.")
    a("")
    aliases = ",".join(YOT_ALIASES.get(h, h) for h in YOT_HEADER)
    a(f"- **`yot-offences-{YOT_ALIAS_MONTH}.csv` line 1 uses renamed headers**: `{aliases}` "
      "(`CaseID` for `Case ID`, `Disposal` for `Outcome Tier`, `FTE` for `First Time "
      f"Entrant`). Expected: matched through the schema's aliases; all "
      f"{yx['files'][f'yot-offences-{YOT_ALIAS_MONTH}.csv']['rows']} rows load.")
    plain = [k for k in yx["files"] if not k.endswith(".gz")]
    seen = {}
    for fname in plain:
        for i, (c, o) in enumerate(f["yot_months"][fname[len("yot-offences-"):-len(".csv")]]):
            seen.setdefault(c["id"], []).append((fname, i + 2, o["fte"]))
    cid = max(sorted(seen), key=lambda u: (any(x[2] == "Y" for x in seen[u]), len(seen[u])))
    a(f"- Recurring case: `{cid}` on " + ", ".join(f"{n}:{ln} (FTE {y})"
                                                  for n, ln, y in seen[cid][:6]) + ".")
    a("")
    a("## ae-attendances")
    a("")
    ax = exp["ae_attendances"]
    a(f"Header `{','.join(AE_HEADER)}` (the schema's field names in order); CRLF, UTF-8; rows "
      f"ordered by arrival. 2023-04 … 2025-03, {ax['rows']:,} rows (~600 a month, seasonal), "
      "four ED sites: RXN01 and RXN02 (trust prefix RXN), RXR01 (RXR), RXL01 (RXL); the trust "
      "prefixes are real ODS codes, the sites invented. Each patient's site follows their "
      "home LAD. Arrivals skew to nights and weekends; Assault Date/Time are 15 minutes to "
      "2 days before arrival (date blank ~6%, time blank ~15%). Location type from the "
      "schema's enum; the description is invented free text (`outside a bar on Church "
      "Street`, `at home`, `bus station`, …; blank on ~30%; never stored). Patient age "
      "12–80, mostly 18–44 (blank ~1%); sex M/F/U. Home Postcode on ~80% (some lower case or "
      "without the space; ~10% of these also give the LSOA), LSOA of Residence only on "
      "~17%, neither on ~3%. ~3% of patients live in Wigan, Sefton or Westmorland and "
      "Furness. The last six months are uncompressed.")
    a("")
    a("Method is typed as reception staff type it (any case: ~20% capitalised, ~8% upper "
      "case): `punched`, `kicked`, `headbutted`, `hit with bat`, `stabbed`, `glassed`, "
      "`bottle`, `gun`, `shot`, `acid attack`, `unknown`, blank … ~8% classify as "
      "sharp_object. Typos are only those the committed rules resolve: `stabed` (prefix "
      "stab), `knfe`, `kinfe` (one edit from knife), `botle` (bottle), `hamer` (hammer), "
      "`punchd` (prefix punch), `kickd` (prefix kick). Expected counts per category are in "
      "expected.json.")
    a("")
    name = [k for k in ax["files"] if not k.endswith(".gz")][-1]
    notes = f["ae_notes"][name]
    found = [f"`{t}` line {notes[t][0]}" for t in AE_TYPOS if t in notes]
    a(f"- `{name}`: {ax['files'][name]['rows']} rows, {ax['files'][name]['sharp_object']} "
      f"sharp_object; first typos: {', '.join(found)}; blank Method e.g. lines "
      f"{fmt_lines(notes.get('', []), 4)}.")
    q = ax["quarantined_files"][AE_NHS_FILE]
    a(f"- **`{AE_NHS_FILE}`** (line 1: `NHS Number,{','.join(AE_HEADER)}`): {q['copies']} "
      "with an `NHS Number` column first, holding fake numbers in the 999 range (never "
      "issued; valid check digit), e.g. line 2 `" + exp["identifiers_never_stored"][-4]
      + "`. Expected: the whole file quarantined, `identifier-in-health-feed`; nothing from "
      "it stored; the normal 2024-08 file loads as usual.")
    a("")
    return L


def fmt_lines(lines, limit=5):
    shown = ", ".join(str(x) for x in lines[:limit])
    return shown + (f" … ({len(lines)} rows)" if len(lines) > limit else "")


def build_readme(geo, ref_notes, pc_expected, pc_notes, uk_expected, uk_notes, sizes, feeds):
    area = [l for l in geo.lads if l["area"]]
    n_area_wards = sum(1 for w in geo.wards if geo.lad_by_code[w["lad"]]["area"])
    n_area_lsoas = sum(1 for l in geo.lsoas if geo.lad_by_code[l["lad"]]["area"])
    L = []
    a = L.append
    a("# SampleData: a synthetic Lancashire")
    a("")
    a("Written by `scripts/generate-sample-data.py` (deterministic, seed 20261127). Do not edit "
      "these files by hand: change the generator and run it again (`python3 "
      "scripts/generate-sample-data.py`); two runs give byte-identical files.")
    a("")
    a("**Everything here is synthetic.** The 14 Lancashire district (LAD) codes and names, the "
      "three neighbouring LADs (E08000010 Wigan, E08000014 Sefton, E06000064 Westmorland and "
      "Furness), the Home Office offence codes, the NSPL county/region/police-force-area codes "
      "and the data.police.uk crime categories are real published codes. Every ward "
      "(`E059…`), LSOA (`E019…`, 2011 `E018…`), MSOA (`E029…`), output area (`E009…`), "
      "postcode, population figure, crime reference, crime ID and record is invented; no real "
      "person, place-level statistic or real postcode-to-area assignment is represented. "
      "Outward codes (PR1, FY1, BB11 …) are real districts; the inward parts are random.")
    a("")
    a("The same holds for the partner feeds: the GIAS local authority codes, the DfE "
      "exclusion reason codes and the NHS trust prefixes (RXN, RXR, RXL) are real codes; "
      "every school (URN, name), pupil (UPN, date of birth), youth offending case ID, NHS "
      "number (all in the never-issued 999 range), attendance and record is invented.")
    a("")
    a("## What is here")
    a("")
    a("| path | what | size |")
    a("|---|---|---|")
    desc = {
        "reference/wards.csv": f"ONS ward→LAD lookup layout; {len(geo.wards)} wards "
                               f"({n_area_wards} in the 14 area LADs, the rest in the 3 "
                               f"neighbours)",
        "reference/lsoa-wards.csv": f"ONS LSOA(2021)→ward best-fit layout; {len(geo.lsoas)} "
                                    f"LSOAs ({n_area_lsoas} in area)",
        "reference/lsoa11-wards.csv": f"2011-vintage LSOA→ward; {len(geo.lsoa11)} LSOAs "
                                      f"(~5% with a 2011-only `E018…` code)",
        "reference/postcodes.csv": f"NSPL layout; {len(geo.postcodes)} postcodes",
        "reference/population.csv": "ONS ward mid-year estimates (mid-2022: load with "
                                    "`--year 2022`), single year of age 0–89 and 90+, area "
                                    "wards only",
        "reference/offences.csv": f"offence classification, {len(OFFENCES)} Home Office codes, "
                                  "indicative harm weights (LF line endings)",
        "reference/method-rules.csv": f"{len(METHOD_RULES)} keyword rules that classify A&E "
                                      "method free text (`made reference load method-rules`)",
        "reference/exclusion-reasons.csv": f"{len(EXCLUSION_REASONS)} DfE suspension and "
                                           "exclusion reason codes with a violence-related flag",
        "inbox/police-crimes/": "the force's violence extract, 2023-04 … 2025-03 (gzipped but "
                                "for the months with an awkward case) plus one resend",
        "inbox/police-uk/": f"data.police.uk street-level files, {POLICE_UK_MONTHS[0]} … "
                            f"{POLICE_UK_MONTHS[-1]} ({len(POLICE_UK_MONTHS)} months; "
                            f"{POLICE_UK_GZIP_MONTHS[0]} … {POLICE_UK_GZIP_MONTHS[-1]} gzipped)",
        "reference/schools.csv": f"GIAS extract (Windows-1252), {len(feeds['schools'])} "
                                 "schools in the 14 area LADs",
        "inbox/school-absence/": "pupil absence by term, 2023/24 and 2024/25 (6 files)",
        "inbox/school-suspensions/": "suspensions and permanent exclusions, 2023-09 … 2025-03 "
                                     "(term-time months)",
        "inbox/yot-offences/": "youth offending service offences, 2023-04 … 2025-03",
        "inbox/ae-attendances/": "A&E assault attendances (ISTV), 2023-04 … 2025-03, plus one "
                                 "delivery that must be quarantined",
        "expected.json": "figures computed by the generator for end-to-end tests",
    }
    for k, v in desc.items():
        a(f"| `{k}` | {v} | {sizes[k]} |")
    a("")
    a("ONS/NSPL reference files use CRLF line endings, UTF-8 without BOM. Headers are exactly "
      "the published ones.")
    a("")
    a("## Reference data: the awkward cases")
    a("")
    for line, name in ref_notes.get("wards", []):
        a(f"- `reference/wards.csv` line {line}: ward name `{name}` "
          f"({'contains a comma, so it is quoted' if ',' in name else 'contains an apostrophe'}).")
    pseudo = ref_notes["pseudo"]
    a(f"- `reference/postcodes.csv` lines {', '.join(str(x) for x, _ in pseudo)}: "
      f"{len(pseudo)} postcodes ({', '.join(p for _, p in pseudo)}) with no grid reference: "
      "`laua`, `ward`, `cty`, `oa21`, `lsoa21`, `msoa21` are the pseudo code `E99999999`, `osgrdind` 9, "
      "blank eastings/northings, lat 99.999999, long 0.000000 (as NSPL publishes them). "
      "Expected: loaded, but they place nothing (a record with one is unplaced unless its LSOA "
      "resolves). No record in the inbox uses them.")
    term = ref_notes["terminated"]
    a(f"- `reference/postcodes.csv`: {len(term)} terminated postcodes (`doterm` set), e.g. lines "
      f"{', '.join(str(x) for x, _ in term[:5])}. Expected: still resolvable.")
    out_pc = ref_notes["outside-postcodes"]
    a(f"- `reference/postcodes.csv`: {len(out_pc)} postcodes in the three outside LADs, e.g. "
      f"line {out_pc[0][0]} ({out_pc[0][1]}). Expected: resolve to an outside LAD "
      "(`outside_area`).")
    a("- `reference/postcodes.csv`: `cty` is `E10000017` (Lancashire) for the 12 two-tier "
      "districts but `E99999999` for the unitaries (Blackburn with Darwen, Blackpool, "
      "Westmorland and Furness) and `E11000001`/`E11000002` for Wigan/Sefton, as in the real "
      "NSPL: do not use `cty` to decide what is in the area.")
    l11 = ref_notes["lsoa11"]
    a(f"- `reference/lsoa11-wards.csv`: {len(l11)} 2011-only codes (`E018…`, lines "
      f"{l11[0][0]}–{l11[-1][0]}); some pairs map to the same 2021 LSOA (a merge). All other "
      "2011 codes equal their 2021 code.")
    for line, code in ref_notes.get("offences", []):
        a(f"- `reference/offences.csv` line {line}: code {code}, description contains a comma "
          "(quoted).")
    a("")
    a("## police-crimes: the awkward cases")
    a("")
    a("Rows are ordered by recorded date. CRLF, UTF-8, no BOM unless stated. Line numbers are "
      "as a text editor counts them (header = line 1).")
    a("")
    e = pc_expected
    a(f"- **(a) `police-crimes-2024-06.csv` is Windows-1252.** The outcome phrases with a dash "
      f"are written with an en dash (byte 0x96), e.g. \"Evidential difficulties – victim does "
      f"not support action\", on {e['police-crimes-2024-06.csv']['rows_with_en_dash_outcome']} "
      f"rows, e.g. lines {fmt_lines(pc_notes[('police-crimes-2024-06.csv', 'en-dash')])}. The "
      "file is not valid UTF-8. Expected: decoded as Windows-1252 (U+2013 in the stored "
      "outcome), all rows load.")
    a("- **(b) `police-crimes-2024-09.csv` starts with a UTF-8 BOM (EF BB BF) and uses LF line "
      "endings.** Expected: header matches (the BOM is not part of `Crime Reference`), all rows "
      "load.")
    cor = e["police-crimes-2025-01-resend.csv"]["corrected"]
    a("- **(c) `police-crimes-2025-01-resend.csv`** repeats every row of "
      "`police-crimes-2025-01.csv` identically, in the same order, except lines "
      + ", ".join(f"{c['line']} ({c['crime_reference']})" for c in cor)
      + ", whose HO Offence Code is corrected 105A → 8N (with its description). Expected: "
      "same crime references upserted; 3 prior versions go to history; counts of 105A fall "
      "by 3 and 8N rise by 3 for 2025-01.")
    a("- **(d) `police-crimes-2024-11.csv` has its columns in another order** and headers in "
      "other case and spacing (line 1: `" + ",".join(s for _, s in REORDERED_HEADER)
      + "`). Expected: matched case- and space-insensitively; all rows load.")
    mal = e["police-crimes-2025-02.csv"]["malformed"]
    a("- **(e) `police-crimes-2025-02.csv` has four malformed rows:**")
    for m in mal:
        what = {"wrong-field-count": "12 fields instead of 13 (Committed Time missing)",
                "type-error": f"`{m['field']}` = `{m['value']}`",
                "unknown-code": "`HO Offence Code` = `99Z` (not in offences.csv)"}[m["reason"]]
        a(f"  - line {m['line']} ({m['crime_reference']}): {what} → reject `{m['reason']}`.")
    ml = e["police-crimes-2025-03.csv"]["multiline_row"]
    a(f"- **(f) `police-crimes-2025-03.csv` lines {ml['line']}–{ml['last_line']}** "
      f"({ml['crime_reference']}): Offence Description is a quoted field with a comma, a "
      "doubled quote and an embedded LF: `Assault with injury, victim reports \"glassing\"` / "
      "`at licensed premises (see MG5)`. Expected: one row; it loads; from there on data row n "
      "sits on line n + 2, not n + 1.")
    a("- **Offence Postcode** (every file): ~70% `PR1 8XB`, ~10% lower case, ~10% without "
      "space, ~5% with two spaces; ~4% blank; ~0.5% well-formed but not in the directory; "
      "~0.3% rubbish (`UNKNOWN`, `N/A`, `TBC`); ~0.3% terminated; ~0.2% in an outside LAD. "
      "LSOA Code is filled on ~60% of rows (2021 codes). Expected placement: by postcode when "
      "it is in the directory (terminated ones included), else by LSOA when given, else "
      "unplaced; none of these is a reject. First examples in `police-crimes-2025-03.csv`:")
    f0 = "police-crimes-2025-03.csv"
    for label, title in [("normal-lower", "lower case"), ("normal-nospace", "no space"),
                         ("normal-double", "double space"), ("blank", "blank"),
                         ("not-in-directory", "not in the directory"),
                         ("rubbish", "rubbish"), ("terminated", "terminated"),
                         ("outside", "outside LAD")]:
        lines = pc_notes.get((f0, label), [])
        a(f"  - {title}: lines {fmt_lines(lines, 4)}")
    a("- Crime references `LC-YY-NNNNNNN` are unique across files (the resend excepted). "
      "Sexual-offence victims' age and sex agree with the code (e.g. 19E: female under 13). "
      "Victim Age is blank on ~5% of rows, Committed Time on ~10%.")
    a("- **(g) Deliveries that cannot be loaded** (the demo quarantines them on purpose; nothing "
      "from them is loaded):")
    for name, info in sorted(QUARANTINED.items()):
        a(f"  - `{name}`: {info['why']} → `{info['reason']}`.")
    a("")
    a("## police-uk: what to expect")
    a("")
    a("Exactly as data.police.uk publishes: CRLF, UTF-8, no quirks in the header. Per month "
      "~4,000 rows: ~30% anti-social behaviour (blank Crime ID and outcome); ~3% `No Location` "
      "(blank coordinates and LSOA); ~3% a 2011-only LSOA code (resolve through "
      "`lsoa11-wards.csv`); ~2% an LSOA in an outside LAD; the rest 2021 area LSOAs.")
    a("")
    a(f"Twelve months, {POLICE_UK_MONTHS[0]} … {POLICE_UK_MONTHS[-1]} (a financial year, and a "
      f"rolling 12 months to {POLICE_UK_MONTHS[-1]}). The older months, "
      f"{POLICE_UK_GZIP_MONTHS[0]} … {POLICE_UK_GZIP_MONTHS[-1]}, are gzipped (`.csv.gz`) to "
      f"keep the repository small; the latest {len(POLICE_UK_PLAIN_MONTHS)} stay plain to "
      "read. Line numbers below count lines of the decompressed text.")
    a("")
    for name, ex in uk_expected.items():
        fl = uk_notes[name]
        a(f"- `{name}`: {ex['rows']} rows, {ex['asb_rows']} ASB, first no-location line "
          f"{fl['no-location']}, first 2011-code line {fl['lsoa11']}, first outside-area line "
          f"{fl['outside-area']}; {ex['duplicate_content_rows']} rows (all ASB, blank Crime "
          f"ID) repeat an earlier row's content exactly (real files do this too), first at "
          f"line {fl.get('duplicate-content', '-')}.")
    a("")
    L.extend(feeds_readme(feeds))
    a("## expected.json")
    a("")
    a("Computed by the generator from what it wrote, independently of the Swift code:")
    a("")
    a("- `schools`: rows, open/closed, open schools by phase and by LAD. `pupils`: count and "
      "pupils on roll per academic year.")
    a("- `school_absence.files.<file>`: academic year, term, rows, `persistently_absent` "
      "(rows with authorised + unauthorised ≥ 10% of possible; no row sits exactly on 10%), "
      "the term's full sessions possible.")
    a("- `school_suspensions.files.<file>`: rows, `violence_related` (reason flagged Y in "
      "exclusion-reasons.csv), permanent exclusions, rows with a home postcode, distinct "
      "pupils; totals.")
    a("- `yot_offences.files.<file>`: rows, first-time-entrant rows, blank HO code rows, rows "
      "by Offence Category, distinct cases (`header_aliases` for 2024-10); totals.")
    a("- `ae_attendances.files.<file>`: rows, `method_category` counts (a Python port of "
      "`MethodClassifier.swift` over `method-rules.csv`: lower case, words of letters a–z, "
      "equal / keyword of 4+ letters as prefix / one edit from a keyword of 5+ letters for "
      "words of 4+ letters; highest priority wins; blank or no match → unknown), "
      "`sharp_object`, rows by site and by kind of residence; `quarantined`: "
      f"`{AE_NHS_FILE}` → `identifier-in-health-feed`.")
    a("- `identifiers_never_stored`: UPNs, YOT case IDs and NHS numbers exactly as the files "
      "write them, and dates of birth as dd/mm/yyyy and yyyy-mm-dd. None of these strings may "
      "appear anywhere in the warehouse's bytes after a load.")
    a("- `police_uk.<file>` (one per month, `.csv.gz` for the gzipped ones): month, rows, "
      "ASB rows, no-location, outside-area and 2011-code rows, "
      "duplicate-content rows, `gzip`; `violence_and_sexual_offences`: county (= in-area + "
      "no-location, never outside), by LAD and by ward (in-area wards, zeros included).")
    a("- `police_crimes.files.<file>`: data rows (a quoted embedded newline is inside one "
      "row), physical lines, encoding/BOM/line ending, malformed rows (line, reason, field), "
      "rows rejected/loaded, rows by offence group, expected geography (`geo_method` postcode "
      "→ lsoa → none; `geo_status` in_area / outside_area / unplaced) and in-area rows by LAD; "
      "`police_crimes.resend`: the 3 corrected crime references.")
    a("- `population`: All Ages per ward and per LAD (mid-2022) and the county total.")
    a("")
    a("## Bench data")
    a("")
    a("`python3 scripts/generate-police-uk.py --rows 1000000 --out /tmp/bench.csv [--seed S] "
      "[--month YYYY-MM] [--reference DIR]` streams a larger street-level file (~210 MB for a "
      "million rows, a few seconds, constant memory) in the same format and with the same "
      "quirks, with LSOA codes taken from `reference/` here so that they resolve. Same seed, "
      "same bytes.")
    a("")
    a("## Volumes")
    a("")
    a(f"police-crimes is generated at {DEFAULT_SCALE:g} × the nominal ~2,000 violence + ~400 "
      "other records a month; `generate-sample-data.py --scale S --out DIR` writes another "
      "volume (with its own expected.json and README) elsewhere. The gzip members are byte-identical as long as zlib is the same; their "
      "content is identical everywhere. The schools, pupils and partner feeds (absence, "
      "suspensions, YOT, A&E) have fixed volumes that `--scale` does not change.")
    a("")
    return "\n".join(L)


# --------------------------------------------------------------------------------------------
# Schools (GIAS), pupils and the partner feeds: school absence, school suspensions, youth
# offending service offences, A&E assault attendances
# --------------------------------------------------------------------------------------------

GIAS_HEADER = ["URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
               "TypeOfEstablishment (name)", "EstablishmentStatus (name)",
               "PhaseOfEducation (name)", "Postcode"]
# GIAS local authority codes (real): the 12 two-tier districts are Lancashire County Council's.
GIAS_LA = {"E06000008": ("889", "Blackburn with Darwen"), "E06000009": ("890", "Blackpool")}
GIAS_LA_COUNTY = ("888", "Lancashire")
RSQ = "\u2019"  # right single quotation mark, byte 0x92 in Windows-1252
SAINTS = ["Mary", "John", "Peter", "Paul", "Anne", "Joseph", "Michael", "Andrew", "Bede",
          "Wilfrid", "Augustine", "Cuthbert", "Oswald", "Thomas", "James", "Wulstan"]
SCHOOL_INVENTED = ["Brookside", "Larkfield", "Oakwood", "Moorland", "Hollins", "Fernhill",
                   "Ashworth", "Kingsfold", "Riverside", "Thornbury", "Heathfield", "Greenlands",
                   "Willow Bank", "Beech Hill", "Millfield", "Cherry Fold", "Foxdale", "Lindale"]
PRIMARY_NAMES = [("{place} Primary School", 30), ("{place} Community Primary School", 18),
                 ("St {saint}" + RSQ + "s Church of England Primary School", 5),
                 ("St {saint}" + RSQ + "s Catholic Primary School", 4),
                 ("{invented} Primary Academy", 10), ("{place} Methodist Primary School", 3),
                 ("Holy Trinity Church of England Primary School, {place}", 0),
                 ("{place} County Primary School", 6)]
SECONDARY_NAMES = [("{place} High School", 30), ("{place} Academy", 20),
                   ("St {saint}" + RSQ + "s Catholic High School", 6),
                   ("{invented} Community College", 8),
                   ("{place} Church of England Academy", 4)]
# LADs with a second secondary school (the larger towns).
TWO_SECONDARIES = {"E06000008", "E06000009", "E07000121", "E07000123"}
ACCENTED_SCHOOL = ("E07000123", "St Th\u00e9r\u00e8se of Lisieux Catholic Primary School")
COMMA_SCHOOL_LAD = "E07000124"  # "Holy Trinity Church of England Primary School, <place>"

# School terms (Lancashire-style calendar, invented but plausible): (academic year start,
# term, first day, last day, closures inside the term).
D = datetime.date
TERM_DATES = [
    (2023, "Autumn", D(2023, 9, 5), D(2023, 12, 20), [(D(2023, 10, 30), D(2023, 11, 3))]),
    (2023, "Spring", D(2024, 1, 8), D(2024, 3, 28), [(D(2024, 2, 12), D(2024, 2, 16))]),
    (2023, "Summer", D(2024, 4, 15), D(2024, 7, 19),
     [(D(2024, 5, 6), D(2024, 5, 6)), (D(2024, 5, 27), D(2024, 5, 31))]),
    (2024, "Autumn", D(2024, 9, 4), D(2024, 12, 20), [(D(2024, 10, 28), D(2024, 11, 1))]),
    (2024, "Spring", D(2025, 1, 6), D(2025, 4, 4), [(D(2025, 2, 17), D(2025, 2, 21))]),
    (2024, "Summer", D(2025, 4, 22), D(2025, 7, 22),
     [(D(2025, 5, 5), D(2025, 5, 5)), (D(2025, 5, 26), D(2025, 5, 30))]),
]
ACADEMIC_YEARS = [2023, 2024]
N_PUPILS = 12000
FIRST_COHORT = 2007  # born Sep 2007 - Aug 2008: Year 11 in 2023/24
N_COHORTS = 13       # ... to born Sep 2019 - Aug 2020: Reception in 2024/25
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

SUSPENSION_MONTHS = [(2023, m) for m in range(9, 13)] + [(2024, m) for m in range(1, 8)] \
    + [(2024, m) for m in range(9, 13)] + [(2025, m) for m in range(1, 4)]
SUSPENSIONS_PER_SCHOOL_DAY = 15.5  # ~300 a month: 1/5 of the county's ~1,500 (see README)
SUSPENSION_HEADER = ["School URN", "UPN", "Date of Birth", "Sex", "Home Postcode", "Type",
                     "Start Date", "Sessions", "Reason Code"]
REASON_WEIGHTS = {"PP": 6.0, "PA": 3.0, "OW": 1.0, "VP": 1.5, "VA": 3.5, "SM": 1.0, "BU": 2.0,
                  "RA": 1.0, "AS": 0.5, "AD": 0.2, "DA": 3.5, "DM": 3.0, "TH": 1.5, "MT": 52.0,
                  "OL": 2.0, "WT": 0.3, "OT": 18.0}
SESSION_LENGTHS = [("1", 28), ("2", 25), ("0.5", 8), ("1.5", 6), ("3", 9), ("4", 9), ("6", 6),
                   ("10", 5), ("2.5", 2), ("5", 2)]
ABSENCE_HEADER = ["UPN", "School URN", "Academic Year", "Term", "Sessions Possible",
                  "Authorised Absence", "Unauthorised Absence"]

FEED_MONTHS = [(2023, m) for m in range(4, 13)] + [(2024, m) for m in range(1, 13)] \
    + [(2025, m) for m in range(1, 4)]
YOT_HEADER = ["Case ID", "Date of Birth", "Sex", "Ethnicity", "Home Postcode", "Offence Date",
              "HO Offence Code", "Offence Category", "Outcome Tier", "First Time Entrant"]
YOT_ALIAS_MONTH = "2024-10"
YOT_ALIASES = {"Case ID": "CaseID", "Outcome Tier": "Disposal", "First Time Entrant": "FTE"}
YOT_TARGET_ROWS = 3600  # ~150 a month over 24 months
YOT_ETHNICITY = [("White", 80), ("Asian", 9), ("Mixed", 5), ("Black", 2), ("Other", 1),
                 ("Not stated", 3)]
YOT_FAMILIES = [("violence", 45), ("robbery", 7), ("sexual", 4), ("weapons", 12),
                ("Criminal damage", 12), ("Theft", 12), ("Drugs", 8)]
YOT_CATEGORY = {"violence": "Violence against the person", "robbery": "Robbery",
                "sexual": "Sexual offences", "weapons": "Possession of weapons"}
YOT_CODES = {
    "violence": [("105A", 40), ("8N", 25), ("8L", 5), ("3B", 3), ("5D", 2), ("8Q", 1),
                 ("105B", 2), ("8P", 0.5), ("2", 0.1)],
    "robbery": [("34B", 90), ("34A", 10)],
    "sexual": [("20A", 50), ("17A", 10), ("19D", 12), ("20B", 8), ("19C", 8), ("17B", 5),
               ("19E", 4), ("19G", 2), ("19H", 1)],
    "weapons": [("10D", 50), ("10C", 30), ("90", 5), ("10B", 3), ("81", 2), ("10A", 1)],
}
YOT_TIERS = ["Community resolution", "Youth caution", "Youth conditional caution",
             "Referral order", "Youth rehabilitation order", "Custody"]
YOT_TIER_FIRST = [40, 20, 15, 20, 4, 1]
YOT_TIER_LATER = [15, 8, 12, 25, 30, 10]
YOT_AGE_AT_FIRST = [(10, 2), (11, 4), (12, 7), (13, 11), (14, 15), (15, 18), (16, 20), (17, 14)]

AE_HEADER = ["ED Site Code", "Arrival Date", "Arrival Time", "Assault Date", "Assault Time",
             "Assault Location Type", "Assault Location Description", "Method", "Patient Age",
             "Sex", "Home Postcode", "LSOA of Residence"]
AE_NHS_FILE = "ae-attendances-2024-08-with-nhs-number.csv"
AE_NHS_ROWS = 40
# ED sites (real trust ODS prefixes, invented site suffixes) and the LADs each serves.
AE_SITES = {
    "RXN01": ["E07000123", "E07000126", "E07000127", "E07000121", "E07000119", "E07000128",
              "E07000124", "E07000118", "E08000010", "E08000014"],
    "RXN02": ["E07000118", "E07000126", "E07000127", "E08000010"],
    "RXR01": ["E06000008", "E07000120", "E07000117", "E07000122", "E07000125", "E07000124"],
    "RXL01": ["E06000009", "E07000119", "E07000128", "E07000121", "E06000064"],
}
AE_SITE_WEIGHT = {("RXN01", "E07000118"): 0.4, ("RXN02", "E07000118"): 1.0,
                  ("RXN02", "E07000126"): 0.3, ("RXN02", "E07000127"): 0.4,
                  ("RXN01", "E07000119"): 0.3, ("RXN01", "E07000128"): 0.3,
                  ("RXN01", "E07000124"): 0.4, ("RXL01", "E07000121"): 0.3}
AE_AGES = [((12, 15), 4), ((16, 17), 6), ((18, 24), 25), ((25, 34), 28), ((35, 44), 18),
           ((45, 54), 11), ((55, 64), 5), ((65, 80), 3)]
AE_WEEKDAY = [0.85, 0.8, 0.8, 0.9, 1.2, 1.6, 1.4]
AE_LOCATION_TYPES = [("Home", 22), ("Street/public place", 38), ("Licensed premises", 18),
                     ("School/college", 3), ("Workplace", 5), ("Other", 8), ("Unknown", 6)]
AE_DESCRIPTIONS = {
    "Home": ["at home", "home address", "partner's house", "friend's flat", "at home, kitchen",
             "ex-partner's address", "house party on {street}"],
    "Street/public place": ["outside a bar on {street}", "bus station", "{street}",
                            "park near {street}", "outside takeaway on {street}", "town centre",
                            "car park behind {street}", "train station", "walking home, {street}",
                            "outside the shops on {street}"],
    "Licensed premises": ["nightclub", "in a pub on {street}", "outside a bar on {street}",
                          "beer garden", "pub toilets", "bar, {street}", "nightclub queue"],
    "School/college": ["school playground", "college car park", "outside school gates",
                       "on the school field"],
    "Workplace": ["at work", "shop where pt works", "care home (staff)", "warehouse",
                  "behind the counter"],
    "Other": ["taxi", "on a bus", "hospital car park", "gym", "festival", "football ground"],
    "Unknown": ["not stated", "pt unable to say", "?"],
}
# Method as reception staff type it: (text, category the committed rules give it, weight).
# Typos are only those the rules resolve; the port of the classifier checks every entry.
AE_METHODS = [
    ("stabbed", "sharp_object", 1.5), ("stabed", "sharp_object", 0.4),
    ("knife", "sharp_object", 1.0), ("knfe", "sharp_object", 0.3),
    ("kinfe", "sharp_object", 0.3), ("stabbed with knife", "sharp_object", 0.8),
    ("glassed", "sharp_object", 1.0), ("glass bottle", "sharp_object", 0.4),
    ("bottle", "sharp_object", 0.6), ("botle", "sharp_object", 0.3),
    ("bottled", "sharp_object", 0.3), ("slashed with blade", "sharp_object", 0.2),
    ("stab wound to leg", "sharp_object", 0.3), ("knife wound", "sharp_object", 0.2),
    ("hit with bottle, glassed", "sharp_object", 0.2),
    ("gun", "firearm", 0.15), ("shot", "firearm", 0.2), ("shot with air rifle", "firearm", 0.1),
    ("airgun", "firearm", 0.1),
    ("hit with bat", "blunt_object", 2.5), ("baseball bat", "blunt_object", 1.0),
    ("hammer", "blunt_object", 1.0), ("hamer", "blunt_object", 0.3),
    ("hit with brick", "blunt_object", 0.8), ("metal pole", "blunt_object", 0.8),
    ("struck with pole", "blunt_object", 0.5), ("hit with chair", "blunt_object", 0.8),
    ("hit with a stick", "blunt_object", 0.8), ("weapon", "blunt_object", 0.3),
    ("hit with weapon", "blunt_object", 0.3), ("crowbar", "blunt_object", 0.2),
    ("punched", "body_part", 14.0), ("punchd", "body_part", 1.5),
    ("punched to face", "body_part", 4.0), ("kicked", "body_part", 6.0),
    ("kickd", "body_part", 0.8), ("punched and kicked", "body_part", 6.0),
    ("headbutted", "body_part", 4.0), ("headbutt", "body_part", 1.0), ("fist", "body_part", 1.0),
    ("stamped on", "body_part", 2.0), ("bitten", "body_part", 1.0),
    ("slapped", "body_part", 1.5), ("strangled", "body_part", 1.0), ("hit", "body_part", 3.0),
    ("punched x3", "body_part", 1.0), ("kicked in head", "body_part", 1.5),
    ("assaulted - hit", "body_part", 2.0),
    ("acid attack", "other", 0.5), ("hit by car", "other", 1.0), ("dog bite", "other", 0.7),
    ("pushed over", "other", 2.0), ("burns", "other", 0.4), ("vehicle", "other", 0.3),
    ("", "unknown", 10.0), ("unknown", "unknown", 4.0), ("not stated", "unknown", 2.0),
    ("assault", "unknown", 3.0), ("pt declined to say", "unknown", 1.0),
    ("fell", "unknown", 1.0), ("unk", "unknown", 0.5),
]
AE_TYPOS = ["stabed", "knfe", "kinfe", "botle", "hamer", "punchd", "kickd"]
METHOD_CATEGORIES = ["sharp_object", "blunt_object", "body_part", "firearm", "other", "unknown"]
FEED_PLAIN_MONTHS = 6  # the last six months of each monthly feed stay uncompressed


def gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


def dmy(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def age_on(dob: datetime.date, d: datetime.date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def academic_year_of(d: datetime.date) -> int:
    return d.year if d.month >= 9 else d.year - 1


def ay_label(ay: int) -> str:
    return f"{ay}/{(ay + 1) % 100:02d}"


def school_days(first, last, closures):
    days = []
    d = first
    while d <= last:
        if d.weekday() < 5 and not any(a <= d <= b for a, b in closures):
            days.append(d)
        d += datetime.timedelta(days=1)
    return days


def method_category(text: str) -> str:
    """Python port of MethodClassifier.swift (same words, same matching, same priority)."""
    rules = [(k.lower(), c, p) for k, c, p in METHOD_RULES]
    best = None

    def one_edit(a: str, b: str) -> bool:
        if abs(len(a) - len(b)) > 1:
            return False
        i = 0
        while i < len(a) and i < len(b) and a[i] == b[i]:
            i += 1
        if i == len(a) and i == len(b):
            return True
        if len(a) == len(b):
            if a[i + 1:] == b[i + 1:]:
                return True
            return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] \
                and a[i + 2:] == b[i + 2:]
        if len(a) > len(b):
            return a[i + 1:] == b[i:]
        return a[i:] == b[i + 1:]

    def matches(word: str, kw: str) -> bool:
        if word == kw:
            return True
        if len(kw) < 4:
            return False
        if word.startswith(kw):
            rest = word[len(kw):]
            return rest in ("s", "es", "ed", "d", "ing", "er", "ers", "y") or (
                rest[:1] == kw[-1] and rest[1:] in ("ed", "ing", "er", "ers"))
        return len(kw) >= 5 and len(word) >= 4 and one_edit(word, kw)

    ignored = {k for k, c, _ in rules if c == "not_a_method"}
    rules = [r for r in rules if r[1] != "not_a_method"]

    words, cur = [], []
    for byte in text.encode("utf-8"):
        low = byte + 0x20 if 0x41 <= byte <= 0x5A else byte
        if 0x61 <= low <= 0x7A:
            cur.append(chr(low))
        else:
            if cur:
                words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    for word in words:
        if word in ignored:
            continue
        for kw, cat, pri in rules:
            if (best[2] if best else -10**9) < pri and matches(word, kw):
                best = (kw, cat, pri)
    return best[1] if best else "unknown"


def active_postcodes(geo: Geo):
    return {l["code"]: [p for p in l["postcodes"] if not p["doterm"]] for l in geo.lsoas}


def lad_ward_picker(geo: Geo, pop_rows, hot_factor: float):
    """lad code -> (wards, cumulative weights): population-weighted (uniform outside area)."""
    totals = {w["code"]: t for w, t, _ in pop_rows}
    out = {}
    for lad in geo.lads:
        wards = [w for w in geo.wards if w["lad"] == lad["code"]]
        cum, acc = [], 0.0
        for w in wards:
            acc += totals.get(w["code"], 1500) * (hot_factor if w["hot"] else 1.0)
            cum.append(acc)
        out[lad["code"]] = (wards, cum)
    return out


def pick_home(rng, geo, pickers, active, lad_code):
    wards, cum = pickers[lad_code]
    ward = rng.choices(wards, cum_weights=cum, k=1)[0]
    lsoa = rng.choice(ward["lsoas"])
    return rng.choice(active[lsoa])


def write_postcode(rng, pc, blank=0.0, lower=0.0, nospace=0.0):
    r = rng.random()
    if r < blank:
        return ""
    r -= blank
    if r < lower:
        return pc["pcds"].lower()
    r -= lower
    if r < nospace:
        return pc["pcds"].replace(" ", "")
    return pc["pcds"]


def build_schools(geo: Geo):
    rng = rng_for("schools")
    active = active_postcodes(geo)
    schools = []
    names_used = set()
    numbers_used = set()
    pcs_used = set()
    for spec in AREA_LADS:
        code, _, main_town, second, places = spec[0], spec[1], spec[2], spec[3], spec[4]
        la_code, la_name = GIAS_LA.get(code, GIAS_LA_COUNTY)
        towns = [main_town] + ([second[0]] if second else [])
        pool = towns * 2 + list(places)
        lad_wards = [w for w in geo.wards if w["lad"] == code]
        plan = [("Primary", j) for j in range(3)] + \
            [("Secondary", j) for j in range(2 if code in TWO_SECONDARIES else 1)]
        for phase, j in plan:
            for _ in range(100):
                place = rng.choice(pool).replace("'", RSQ)
                templates = PRIMARY_NAMES if phase == "Primary" else SECONDARY_NAMES
                tpl = weighted(rng, templates)
                if phase == "Primary" and code == COMMA_SCHOOL_LAD and j == 1:
                    tpl = "Holy Trinity Church of England Primary School, {place}"
                name = tpl.format(place=place, saint=rng.choice(SAINTS),
                                  invented=rng.choice(SCHOOL_INVENTED))
                if phase == "Primary" and code == ACCENTED_SCHOOL[0] and j == 2:
                    name = ACCENTED_SCHOOL[1]
                if name not in names_used:
                    break
            names_used.add(name)
            faith = any(s in name for s in ("Catholic", "Church of England", "Methodist"))
            if "Academy" in name:
                kind = weighted(rng, [("Academy converter", 55), ("Academy sponsor led", 35),
                                      ("Free schools", 10)])
            elif faith:
                kind = weighted(rng, [("Voluntary aided school", 50),
                                      ("Voluntary controlled school",
                                       25 if phase == "Primary" else 0),
                                      ("Academy converter", 25)])
            else:
                kind = weighted(rng, [("Community school", 60), ("Foundation school", 10),
                                      ("Academy converter", 30)])
            base = (3000 if faith else 2000) if phase == "Primary" else (4600 if faith else 4000)
            while True:
                number = base + rng.randint(1, 99 if (faith and phase == "Secondary") else 799)
                if (la_code, number) not in numbers_used:
                    break
            numbers_used.add((la_code, number))
            while True:
                ward = rng.choice(lad_wards)
                pc = rng.choice(active[rng.choice(ward["lsoas"])])
                if pc["pcds"] not in pcs_used:
                    break
            pcs_used.add(pc["pcds"])
            schools.append(dict(lad=code, la_code=la_code, la_name=la_name, number=number,
                                name=name, kind=kind, status="Open", phase=phase,
                                postcode=pc["pcds"], size=rng.uniform(0.6, 1.4)))
    # Two academies whose predecessor school (same name and postcode, another URN) is in the
    # extract as Closed, as GIAS keeps them.
    academies = [s for s in schools if s["kind"].startswith("Academy")]
    closed = []
    for s in rng.sample(academies, k=2):
        faith = any(x in s["name"] for x in ("Catholic", "Church of England", "Methodist"))
        while True:
            number = s["number"] + rng.randint(1, 40)
            if (s["la_code"], number) not in numbers_used:
                break
        numbers_used.add((s["la_code"], number))
        closed.append(dict(s, number=number, status="Closed",
                           kind="Voluntary aided school" if faith else "Community school",
                           successor=s))
    # URNs: predecessors are older (lower) than every open school.
    urns = sorted(rng.sample(range(900001, 900400), k=len(schools) + len(closed)))
    for s, u in zip(closed, urns):
        s["urn"] = str(u)
    open_urns = urns[len(closed):]
    shuffled = list(schools)
    rng.shuffle(shuffled)
    for s, u in zip(shuffled, open_urns):
        s["urn"] = str(u)
    allrows = sorted(schools + closed, key=lambda s: s["urn"])
    w = Writer(csv_line(GIAS_HEADER), "\r\n")
    notes = {"rsquo": [], "accent": None, "comma": None, "closed": []}
    for s in allrows:
        line = w.row(csv_line([s["urn"], s["la_code"], s["la_name"], str(s["number"]),
                               s["name"], s["kind"], s["status"], s["phase"], s["postcode"]]))
        if RSQ in s["name"]:
            notes["rsquo"].append(line)
        if "\u00e9" in s["name"]:
            notes["accent"] = (line, s["name"])
        if "," in s["name"]:
            notes["comma"] = (line, s["name"])
        if s["status"] == "Closed":
            notes["closed"].append((line, s["urn"], s["successor"]["urn"], s["name"]))
    data = w.text().encode("cp1252")
    return schools, allrows, data, notes


def upn_check_letter(digits: str) -> str:
    return UPN_LETTERS[sum(int(c) * wt for c, wt in zip(digits, range(2, 14))) % 23]


def build_pupils(geo: Geo, pop_rows, schools):
    rng = rng_for("pupils")
    active = active_postcodes(geo)
    pickers = lad_ward_picker(geo, pop_rows, 1.0)
    area_lads = [l["code"] for l in geo.lads if l["area"]]
    outside_lads = [l["code"] for l in geo.lads if not l["area"]]
    lad_children = {c: 0 for c in area_lads}
    for ward, _, counts in pop_rows:
        lad_children[ward["lad"]] += sum(counts[4:17])
    by_lad_phase = {}
    for s in schools:
        by_lad_phase.setdefault((s["lad"], s["phase"]), []).append(s)
    serials = set()
    pupils = []
    for i in range(N_PUPILS):
        cohort = FIRST_COHORT + i % N_COHORTS
        start = datetime.date(cohort, 9, 1)
        dob = start + datetime.timedelta(days=rng.randint(0, 365 if cohort % 4 == 3 else 364))
        sex = "M" if rng.random() < 0.51 else "F"
        lad = weighted(rng, [(c, lad_children[c]) for c in area_lads])
        prims = by_lad_phase[(lad, "Primary")]
        prim = rng.choices(prims, weights=[s["size"] for s in prims], k=1)[0]
        sec_lad = lad if rng.random() < 0.95 else rng.choice(area_lads)
        secs = by_lad_phase[(sec_lad, "Secondary")]
        sec = rng.choices(secs, weights=[s["size"] for s in secs], k=1)[0]
        r = rng.random()
        home_lad = lad if r < 0.88 else (rng.choice(area_lads) if r < 0.99
                                         else rng.choice(outside_lads))
        home = pick_home(rng, geo, pickers, active, home_lad)
        entry = (cohort + 5) % 100
        while True:
            digits = f"{prim['la_code']}{prim['number']:04d}{entry:02d}{rng.randint(1, 999):03d}"
            if digits not in serials:
                break
        serials.add(digits)
        upn = upn_check_letter(digits) + digits
        absence = rng.gauss(math.log(0.046), 0.72)
        susp = 0.0
        if rng.random() < 0.18:
            susp = min(8.0, rng.paretovariate(2.0) * (2.0 if sex == "M" else 1.0)
                       * math.exp(0.5 * (absence - math.log(0.046))))
        pupils.append(dict(upn=upn, dob=dob, sex=sex, cohort=cohort, primary=prim,
                           secondary=sec, home=home, absence=absence, susp=susp, moves=[]))
    return pupils, by_lad_phase


def ncy(p, ay: int) -> int:
    """National curriculum year in academic year ay (0 = Reception)."""
    return ay - p["cohort"] - 5


def school_at(p, d: datetime.date):
    year = ncy(p, academic_year_of(d))
    phase = "Primary" if year <= 6 else "Secondary"
    school = p["primary"] if phase == "Primary" else p["secondary"]
    for when, ph, s in p["moves"]:
        if ph == phase and when <= d:
            school = s
    return school


def build_suspensions(pupils, by_lad_phase, schools):
    rng = rng_for("school-suspensions")
    days = []
    for _, _, first, last, closures in TERM_DATES:
        days += school_days(first, last, closures)
    pools = {}
    for ay in ACADEMIC_YEARS:
        cand, cum, acc = [], [], 0.0
        for p in pupils:
            y = ncy(p, ay)
            if p["susp"] <= 0 or not 0 <= y <= 11:
                continue
            f = 0.1 if y <= 2 else (0.5 if y <= 6 else (5.0 if y in (9, 10) else 4.0))
            acc += p["susp"] * f
            cand.append(p)
            cum.append(acc)
        pools[ay] = (cand, cum)
    violent = {c for c, _, v in EXCLUSION_REASONS if v == "Y"}
    keys = set()
    months = {}
    for (y, m) in SUSPENSION_MONTHS:
        mdays = [d for d in days if d.year == y and d.month == m]
        n = int(round(SUSPENSIONS_PER_SCHOOL_DAY * len(mdays) * (0.8 if m == 9 else 1.0)
                      * rng.uniform(0.92, 1.08)))
        recs = []
        while len(recs) < n:
            d = rng.choice(mdays)
            cand, cum = pools[academic_year_of(d)]
            p = rng.choices(cand, cum_weights=cum, k=1)[0]
            reason = weighted(rng, list(REASON_WEIGHTS.items()))
            pex = rng.random() < (0.08 if reason in violent else 0.018)
            if ncy(p, academic_year_of(d)) <= 6 and pex and rng.random() < 0.7:
                pex = False  # permanent exclusion from primary is rare
            school = school_at(p, d)
            kind = "Permanent exclusion" if pex else "Suspension"
            key = (p["upn"], school["urn"], d, kind)
            if key in keys:
                continue
            keys.add(key)
            sessions = "0" if pex else weighted(rng, SESSION_LENGTHS)
            postcode = write_postcode(rng, p["home"], lower=0.03, nospace=0.05) \
                if rng.random() < 0.5 else ""
            recs.append(dict(pupil=p, school=school, date=d, kind=kind, sessions=sessions,
                             reason=reason, postcode=postcode))
            if pex:
                phase = school["phase"]
                barred = {id(school)} | {id(s) for _, _, s in p["moves"]}
                barred |= {id(p["primary"] if phase == "Primary" else p["secondary"])}
                others = [s for s in by_lad_phase[(school["lad"], phase)]
                          if id(s) not in barred]
                if not others:
                    others = [s for s in schools if s["phase"] == phase and id(s) not in barred]
                p["moves"].append((d + datetime.timedelta(days=1), phase, rng.choice(others)))
        recs.sort(key=lambda r: (r["date"], r["school"]["urn"], r["pupil"]["upn"]))
        months[f"{y}-{m:02d}"] = recs
    files, expected, notes = {}, {}, {}
    keys_sorted = list(months)
    for idx, key in enumerate(keys_sorted):
        gz = idx < len(keys_sorted) - FEED_PLAIN_MONTHS
        name = f"school-suspensions-{key}.csv" + (".gz" if gz else "")
        w = Writer(csv_line(SUSPENSION_HEADER), "\r\n")
        info = dict(rows=0, violence_related=0, permanent_exclusions=0, with_home_postcode=0,
                    distinct_pupils=0, gzip=gz)
        pex_lines = []
        upns = set()
        for r in months[key]:
            p = r["pupil"]
            line = w.row(csv_line([r["school"]["urn"], p["upn"], dmy(p["dob"]), p["sex"],
                                   r["postcode"], r["kind"], dmy(r["date"]), r["sessions"],
                                   r["reason"]]))
            info["rows"] += 1
            info["violence_related"] += r["reason"] in violent
            info["with_home_postcode"] += bool(r["postcode"])
            upns.add(p["upn"])
            if r["kind"] != "Suspension":
                info["permanent_exclusions"] += 1
                pex_lines.append(line)
        info["distinct_pupils"] = len(upns)
        files[name] = w.text().encode("utf-8")
        expected[name] = info
        notes[name] = pex_lines
    return files, expected, notes, months


def build_absence(pupils):
    rng = rng_for("school-absence")
    term_effect = {"Autumn": 0.0, "Spring": 0.08, "Summer": -0.04}
    inset = {}
    files, expected = {}, {}
    for idx, (ay, term, first, last, closures) in enumerate(TERM_DATES):
        days = school_days(first, last, closures)
        possible_base = 2 * len(days)
        rows = []
        persistent = 0
        for p in pupils:
            year = ncy(p, ay)
            if not 0 <= year <= 11:
                continue
            # One row per school the pupil was on roll at during the term (a pupil moves
            # after a permanent exclusion).
            segments = [[school_at(p, first), len(days)]]
            if any(first < when <= last for when, _, _ in p["moves"]):
                segments = []
                for d in days:
                    s = school_at(p, d)
                    if segments and segments[-1][0] is s:
                        segments[-1][1] += 1
                    else:
                        segments.append([s, 1])
            for school, ndays in segments:
                k = (school["urn"], ay, term)
                if k not in inset:
                    inset[k] = rng.choice([2, 4, 4, 4, 6])
                possible = 2 * ndays - int(round(inset[k] * ndays / len(days)))
                if len(segments) == 1 and rng.random() < 0.015:  # joined or left mid-term
                    possible = int(possible * rng.uniform(0.3, 0.9))
                if possible <= 0:
                    continue
                lr = p["absence"] + term_effect[term] + (0.2 if year >= 10 else 0.0) \
                    + rng.gauss(0.0, 0.45)
                rate = min(1.0, math.exp(lr))
                missed = min(possible, int(round(possible * rate)))
                if missed * 10 == possible:  # never exactly on the 10% line
                    missed += 1 if rng.random() < 0.5 else -1
                auth_share = rng.uniform(0.55, 0.9) if missed * 10 < possible \
                    else rng.uniform(0.3, 0.75)
                auth = int(round(missed * auth_share))
                unauth = missed - auth
                if missed * 10 >= possible:
                    persistent += 1
                rows.append((school["urn"], p["upn"], possible, auth, unauth))
        rows.sort()
        w = Writer(csv_line(ABSENCE_HEADER), "\r\n")
        for urn, upn, possible, auth, unauth in rows:
            w.row(csv_line([upn, urn, ay_label(ay), term, str(possible), str(auth),
                            str(unauth)]))
        gz = idx < len(TERM_DATES) - 1
        name = f"school-absence-{ay}-{(ay + 1) % 100:02d}-{term.lower()}.csv" \
            + (".gz" if gz else "")
        files[name] = w.text().encode("utf-8")
        upns = [r[1] for r in rows]
        expected[name] = dict(academic_year=ay_label(ay), term=term, rows=len(rows),
                              distinct_pupils=len(set(upns)),
                              persistently_absent=persistent, sessions_possible_full=
                              possible_base, gzip=gz)
    return files, expected


def build_yot(geo: Geo, pop_rows):
    rng = rng_for("yot-offences")
    active = active_postcodes(geo)
    pickers = lad_ward_picker(geo, pop_rows, 2.0)
    area_lads = [l["code"] for l in geo.lads if l["area"]]
    lad_pop = {c: 0 for c in area_lads}
    for ward, total, _ in pop_rows:
        lad_pop[ward["lad"]] += total * (1.5 if ward["hot"] else 1.0)
    start, end = datetime.date(2023, 4, 1), datetime.date(2025, 3, 31)
    history_start = datetime.date(2021, 4, 1)
    span = (end - history_start).days
    cases = []
    in_window = 0
    while in_window < YOT_TARGET_ROWS:
        first = history_start + datetime.timedelta(days=rng.randint(0, span))
        age = weighted(rng, YOT_AGE_AT_FIRST)
        while True:
            dob = first - datetime.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
            if age_on(dob, first) == age:
                break
        sex = "M" if rng.random() < 0.84 else "F"
        ethnicity = weighted(rng, YOT_ETHNICITY)
        lad = weighted(rng, list(lad_pop.items()))
        home = pick_home(rng, geo, pickers, active, lad)
        dates = [first]
        while rng.random() < 0.6 and len(dates) < 12:
            dates.append(dates[-1] + datetime.timedelta(days=int(rng.expovariate(1 / 75)) + 1))
        dates = [d for d in dates if d <= end and age_on(dob, d) <= 17]
        offences = []
        for k, d in enumerate(dates):
            family = weighted(rng, YOT_FAMILIES)
            code = weighted(rng, YOT_CODES[family]) if family in YOT_CODES else ""
            category = YOT_CATEGORY.get(family, family)
            serious = family in ("robbery", "sexual") or code in ("5D", "2", "10A")
            tiers = YOT_TIER_FIRST if k == 0 and not serious else YOT_TIER_LATER
            tier = rng.choices(YOT_TIERS, weights=tiers, k=1)[0]
            postcode = write_postcode(rng, home, blank=0.05, lower=0.05, nospace=0.05)
            offences.append(dict(date=d, code=code, category=category, tier=tier,
                                 fte="Y" if k == 0 else "N", postcode=postcode))
        n = sum(1 for o in offences if o["date"] >= start)
        if n == 0:
            continue
        in_window += n
        cases.append(dict(first=first, dob=dob, sex=sex, ethnicity=ethnicity,
                          offences=offences))
    cases.sort(key=lambda c: c["first"])
    number = 10000
    for c in cases:
        number += rng.randint(1, 3)
        c["id"] = f"YC-{number:05d}"
    months = {f"{y}-{m:02d}": [] for (y, m) in FEED_MONTHS}
    for c in cases:
        for o in c["offences"]:
            if o["date"] >= start:
                months[o["date"].strftime("%Y-%m")].append((c, o))
    files, expected, notes = {}, {}, {}
    for idx, (key, recs) in enumerate(months.items()):
        recs.sort(key=lambda co: (co[1]["date"], co[0]["id"]))
        gz = idx < len(months) - FEED_PLAIN_MONTHS
        name = f"yot-offences-{key}.csv" + (".gz" if gz else "")
        header = [YOT_ALIASES.get(h, h) for h in YOT_HEADER] if key == YOT_ALIAS_MONTH \
            else YOT_HEADER
        w = Writer(csv_line(header), "\r\n")
        info = dict(rows=0, first_time_entrants=0, blank_offence_code=0, by_category={},
                    distinct_cases=0, gzip=gz)
        ids = set()
        for c, o in recs:
            w.row(csv_line([c["id"], dmy(c["dob"]), c["sex"], c["ethnicity"], o["postcode"],
                            dmy(o["date"]), o["code"], o["category"], o["tier"], o["fte"]]))
            info["rows"] += 1
            info["first_time_entrants"] += o["fte"] == "Y"
            info["blank_offence_code"] += o["code"] == ""
            info["by_category"][o["category"]] = info["by_category"].get(o["category"], 0) + 1
            ids.add(c["id"])
        info["by_category"] = {k: info["by_category"][k] for k in sorted(info["by_category"])}
        info["distinct_cases"] = len(ids)
        if key == YOT_ALIAS_MONTH:
            info["header_aliases"] = {YOT_ALIASES[h]: h for h in YOT_HEADER if h in YOT_ALIASES}
        files[name] = w.text().encode("utf-8")
        expected[name] = info
    return files, expected, cases, months


def nhs_number(rng, taken):
    """A 10-digit number in the 999 range (never issued to patients) with a valid check digit."""
    while True:
        body = "999" + f"{rng.randint(0, 999999):06d}"
        total = sum(int(c) * (10 - i) for i, c in enumerate(body))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10 and body not in taken:
            taken.add(body)
            return body + str(check)


def build_ae(geo: Geo, pop_rows):
    rng = rng_for("ae-attendances")
    active = active_postcodes(geo)
    pickers = lad_ward_picker(geo, pop_rows, 2.0)
    streets = STREETS[:STREETS.index("Parking Area")]
    for text, cat, _ in AE_METHODS:
        assert method_category(text) == cat, (text, method_category(text), cat)
    area_lads = [l["code"] for l in geo.lads if l["area"]]
    outside_lads = [l["code"] for l in geo.lads if not l["area"]]
    lad_pop = {c: 0.0 for c in area_lads}
    for ward, total, _ in pop_rows:
        lad_pop[ward["lad"]] += total * (2.0 if ward["hot"] else 1.0)
    lad_items = list(lad_pop.items()) + [(c, sum(lad_pop.values()) * 0.01) for c in
                                         outside_lads]
    site_of = {}
    for lad in area_lads + outside_lads:
        site_of[lad] = [(s, AE_SITE_WEIGHT.get((s, lad), 1.0)) for s, lads in AE_SITES.items()
                        if lad in lads]
    methods = [(t, wt) for t, _, wt in AE_METHODS]
    months = {}
    for (y, m) in FEED_MONTHS:
        ndays = calendar.monthrange(y, m)[1]
        day_items = [(d, AE_WEEKDAY[datetime.date(y, m, d).weekday()])
                     for d in range(1, ndays + 1)]
        n = int(round(600 * SEASON[m] * rng.uniform(0.96, 1.04)))
        recs, seen = [], set()
        while len(recs) < n:
            arrival = datetime.datetime(y, m, weighted(rng, day_items),
                                        rng.choices(range(24), weights=HOURS, k=1)[0],
                                        rng.randint(0, 59))
            band = weighted(rng, [(0, 70), (1, 20), (2, 10)])
            delay = rng.randint(*[(15, 180), (180, 720), (720, 2880)][band])
            assault = arrival - datetime.timedelta(minutes=delay)
            r = rng.random()
            a_date = "" if r < 0.06 else dmy(assault.date())
            a_time = "" if r < 0.15 else assault.strftime("%H:%M")
            lad = weighted(rng, lad_items)
            site = weighted(rng, site_of[lad])
            home = pick_home(rng, geo, pickers, active, lad)
            ltype = weighted(rng, AE_LOCATION_TYPES)
            desc = ""
            if rng.random() < 0.7:
                desc = rng.choice(AE_DESCRIPTIONS[ltype]).format(street=rng.choice(streets))
            method = weighted(rng, methods)
            case = rng.random()
            if case < 0.2:
                method = method[:1].upper() + method[1:]
            elif case < 0.28:
                method = method.upper()
            lo, hi = weighted(rng, AE_AGES)
            age = "" if rng.random() < 0.01 else str(rng.randint(lo, hi))
            sex = weighted(rng, [("M", 65), ("F", 34), ("U", 1)])
            r = rng.random()
            if r < 0.80:
                postcode = write_postcode(rng, home, lower=0.08, nospace=0.06)
                lsoa = home["lsoa21"] if rng.random() < 0.1 else ""
            elif r < 0.97:
                postcode, lsoa = "", home["lsoa21"]
            else:
                postcode, lsoa = "", ""
            values = [site, dmy(arrival.date()), arrival.strftime("%H:%M"), a_date, a_time,
                      ltype, desc, method, age, sex, postcode, lsoa]
            text = csv_line(values)
            if text in seen:
                continue
            seen.add(text)
            recs.append((arrival, site, values))
        recs.sort(key=lambda r: (r[0], r[1]))
        months[f"{y}-{m:02d}"] = [v for _, _, v in recs]
    files, expected, notes = {}, {}, {}
    for idx, (key, rows) in enumerate(months.items()):
        gz = idx < len(months) - FEED_PLAIN_MONTHS
        name = f"ae-attendances-{key}.csv" + (".gz" if gz else "")
        w = Writer(csv_line(AE_HEADER), "\r\n")
        cats = {c: 0 for c in METHOD_CATEGORIES}
        info = dict(rows=0, method_category=cats, sharp_object=0, by_site={},
                    home_postcode_rows=0, lsoa_only_rows=0, no_residence_rows=0, gzip=gz)
        typo_lines = {}
        for v in rows:
            line = w.row(csv_line(v))
            info["rows"] += 1
            cat = method_category(v[7])
            cats[cat] += 1
            info["sharp_object"] += cat == "sharp_object"
            info["by_site"][v[0]] = info["by_site"].get(v[0], 0) + 1
            if v[10]:
                info["home_postcode_rows"] += 1
            elif v[11]:
                info["lsoa_only_rows"] += 1
            else:
                info["no_residence_rows"] += 1
            if v[7].lower() in AE_TYPOS:
                typo_lines.setdefault(v[7].lower(), []).append(line)
            if not v[7]:
                typo_lines.setdefault("", []).append(line)
        info["by_site"] = {k: info["by_site"][k] for k in sorted(info["by_site"])}
        files[name] = w.text().encode("utf-8")
        expected[name] = info
        notes[name] = typo_lines
    # The delivery with an identifier column: the first rows of 2024-08 with NHS numbers.
    taken = set()
    w = Writer(csv_line(["NHS Number"] + AE_HEADER), "\r\n")
    nhs = []
    for v in months["2024-08"][:AE_NHS_ROWS]:
        number = nhs_number(rng, taken)
        nhs.append(number)
        w.row(csv_line([number] + v))
    files[AE_NHS_FILE] = w.text().encode("utf-8")
    quarantined = dict(rows=AE_NHS_ROWS, reason="identifier-in-health-feed",
                       refused_column="NHS Number", copies="the first "
                       f"{AE_NHS_ROWS} rows of ae-attendances-2024-08.csv.gz")
    return files, expected, notes, quarantined, nhs


def identifiers_never_stored(susp_months, yot_cases, nhs):
    """Sample identifiers exactly as the files write them, and dates of birth in both forms."""
    rng = rng_for("identifiers-never-stored")
    upns, pupil_dobs = [], []
    recs = [r for key in sorted(susp_months) for r in susp_months[key]]
    for r in rng.sample(recs, k=60):
        p = r["pupil"]
        if p["upn"] not in upns and len(upns) < 10:
            upns.append(p["upn"])
            if len(pupil_dobs) < 2:
                pupil_dobs.append(p["dob"])
    cases = [c for c in yot_cases if any(o["date"] >= datetime.date(2023, 4, 1)
                                         for o in c["offences"])]
    picked = rng.sample(cases, k=8)
    ids = [c["id"] for c in picked]
    dobs = pupil_dobs + [picked[0]["dob"], picked[1]["dob"]]
    return upns + ids + [dmy(d) for d in dobs] + [d.isoformat() for d in dobs] + nhs[:4]


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

# Deliveries the loader must quarantine whole (the demo shows them on purpose).
QUARANTINED = {
    "police-crimes-2025-03-copy-interrupted.csv.gz": {
        "reason": "truncated-gzip",
        "why": "the gzip of police-crimes-2025-03.csv cut at 60% of its bytes, as an "
               "interrupted transfer leaves it",
    },
    "police-crimes-2025-02-wrong-export.csv": {
        "reason": "missing-required-column",
        "why": "the first 20 rows of 2025-02 from a different report that has no "
               "`HO Offence Code` column",
    },
}

# Keyword rules that classify A&E method free text (reference data: `made reference load
# method-rules`). Higher priority wins when several keywords match one text.
METHOD_RULES = [
    ("gun", "firearm", 50), ("guns", "firearm", 50), ("shot", "firearm", 50),
    ("shotgun", "firearm", 50), ("pistol", "firearm", 50), ("rifle", "firearm", 50),
    ("firearm", "firearm", 50), ("airgun", "firearm", 50),
    ("acid", "other", 45), ("corrosive", "other", 45),
    ("knife", "sharp_object", 40), ("stab", "sharp_object", 40), ("blade", "sharp_object", 40),
    ("machete", "sharp_object", 40), ("glass", "sharp_object", 40),
    ("scissors", "sharp_object", 40), ("screwdriver", "sharp_object", 40),
    ("sword", "sharp_object", 40), ("razor", "sharp_object", 40), ("slash", "sharp_object", 40),
    ("bottle", "sharp_object", 35), ("cut", "sharp_object", 30), ("cuts", "sharp_object", 30),
    ("bat", "blunt_object", 20), ("baseball", "blunt_object", 20), ("hammer", "blunt_object", 20),
    ("brick", "blunt_object", 20), ("stick", "blunt_object", 20), ("pole", "blunt_object", 20),
    ("crowbar", "blunt_object", 20), ("club", "blunt_object", 20),
    ("chair", "blunt_object", 20), ("weapon", "blunt_object", 15),
    ("burn", "other", 12), ("vehicle", "other", 12), ("car", "other", 12), ("dog", "other", 12),
    ("punch", "body_part", 10), ("kick", "body_part", 10), ("headbutt", "body_part", 10),
    ("fist", "body_part", 10), ("stamp", "body_part", 10), ("bite", "body_part", 10),
    ("bitten", "body_part", 10), ("slap", "body_part", 10), ("strangle", "body_part", 10),
    ("hit", "body_part", 5), ("pushed", "other", 8),
    ("knives", "sharp_object", 40), ("shoot", "firearm", 50), ("gunpoint", "firearm", 50),
    # Everyday words one letter from a weapon, or starting with one: never a method.
    ("grass", "not_a_method", 0), ("hair", "not_a_method", 0), ("swore", "not_a_method", 0),
    ("class", "not_a_method", 0), ("lash", "not_a_method", 0), ("splash", "not_a_method", 0),
    ("stable", "not_a_method", 0), ("clubbing", "not_a_method", 0), ("chain", "blunt_object", 20),
]


# DfE suspension and permanent exclusion reason codes (school census, from 2023/24), with the
# local violence-related flag the indicators use.
EXCLUSION_REASONS = [
    ("PP", "Physical assault against a pupil", "Y"),
    ("PA", "Physical assault against an adult", "Y"),
    ("OW", "Use or threat of use of an offensive weapon or prohibited item", "Y"),
    ("VP", "Verbal abuse or threatening behaviour against a pupil", "Y"),
    ("VA", "Verbal abuse or threatening behaviour against an adult", "Y"),
    ("SM", "Sexual misconduct", "N"),
    ("BU", "Bullying", "N"),
    ("RA", "Racist abuse", "N"),
    ("AS", "Abuse against sexual orientation and gender identity", "N"),
    ("AD", "Abuse relating to disability", "N"),
    ("DA", "Use or threat of use of drugs or alcohol", "N"),
    ("DM", "Damage", "N"),
    ("TH", "Theft", "N"),
    ("MT", "Persistent or general disruptive behaviour", "N"),
    ("OL", "Inappropriate use of social media or online technology", "N"),
    ("WT", "Wilful and repeated transgression of protective measures", "N"),
    ("OT", "Other", "N"),
]


def exclusion_reasons_csv() -> bytes:
    lines = ["code,description,violence_related"] + [f"{c},{d},{v}" for c, d, v in
                                                     EXCLUSION_REASONS]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def method_rules_csv() -> bytes:
    lines = ["keyword,category,priority"] + [f"{k},{c},{p}" for k, c, p in METHOD_RULES]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


REFERENCE_NAMES = ["wards.csv", "lsoa-wards.csv", "lsoa11-wards.csv", "postcodes.csv",
                   "population.csv", "offences.csv", "method-rules.csv",
                   "exclusion-reasons.csv", "schools.csv"]


def owned_paths(out: Path):
    paths = [out / "reference" / n for n in REFERENCE_NAMES]
    paths += [out / "expected.json", out / "README.md"]
    pc = out / "inbox" / "police-crimes"
    if pc.is_dir():
        paths += sorted(pc.glob("police-crimes-*.csv")) + sorted(pc.glob("police-crimes-*.csv.gz"))
    uk = out / "inbox" / "police-uk"
    if uk.is_dir():
        paths += sorted(uk.glob("*-lancashire-street.csv")) \
            + sorted(uk.glob("*-lancashire-street.csv.gz"))
    for feed in ["school-absence", "school-suspensions", "yot-offences", "ae-attendances"]:
        folder = out / "inbox" / feed
        if folder.is_dir():
            paths += sorted(folder.glob(f"{feed}-*.csv")) + sorted(folder.glob(f"{feed}-*.csv.gz"))
    return paths


def human(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def main(argv=None) -> int:
    default_out = Path(__file__).resolve().parent.parent / "SampleData"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=default_out,
                    help=f"output folder (default: {default_out})")
    ap.add_argument("--scale", type=float, default=DEFAULT_SCALE,
                    help="police-crimes volume relative to ~2,000 violence records a month "
                         f"(default {DEFAULT_SCALE})")
    args = ap.parse_args(argv)
    out: Path = args.out

    geo = build_geography()
    pop_rows = build_population(geo)
    ref_files, ref_notes = reference_files(geo, pop_rows)
    months = build_police_crimes(geo, pop_rows, args.scale)
    pc_files, pc_expected, pc_notes = write_police_crimes(geo, months,
                                                          rng_for("police-crimes-quirks"))
    uk_files, uk_expected, uk_notes = build_police_uk(geo, pop_rows)
    schools, school_rows, schools_csv, school_notes = build_schools(geo)
    pupils, by_lad_phase = build_pupils(geo, pop_rows, schools)
    su_files, su_expected, su_notes, su_months = build_suspensions(pupils, by_lad_phase, schools)
    ab_files, ab_expected = build_absence(pupils)
    yot_files, yot_expected, yot_cases, yot_months = build_yot(geo, pop_rows)
    ae_files, ae_expected, ae_notes, ae_quarantined, nhs = build_ae(geo, pop_rows)

    outputs = {}
    for k, v in ref_files.items():
        outputs[k] = v
    outputs["reference/method-rules.csv"] = method_rules_csv()
    outputs["reference/exclusion-reasons.csv"] = exclusion_reasons_csv()
    for k, v in pc_files.items():
        if k.endswith(".gz"):
            buf = io.BytesIO()
            with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0,
                               compresslevel=9) as g:
                g.write(v)
            v = buf.getvalue()
        outputs[f"inbox/police-crimes/{k}"] = v
    for k, v in uk_files.items():
        outputs[f"inbox/police-uk/{k}"] = gzip_bytes(v) if k.endswith(".gz") else v
    outputs["reference/schools.csv"] = schools_csv
    for feed, fs in [("school-absence", ab_files), ("school-suspensions", su_files),
                     ("yot-offences", yot_files), ("ae-attendances", ae_files)]:
        for k, v in fs.items():
            outputs[f"inbox/{feed}/{k}"] = gzip_bytes(v) if k.endswith(".gz") else v
    interrupted = outputs["inbox/police-crimes/police-crimes-2025-03.csv"]
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(interrupted)
    whole = buf.getvalue()
    outputs["inbox/police-crimes/police-crimes-2025-03-copy-interrupted.csv.gz"] = \
        whole[: len(whole) * 6 // 10]
    february = pc_files["police-crimes-2025-02.csv"].decode("utf-8").split("\r\n")
    header = february[0].split(",")
    drop = header.index("HO Offence Code")
    wrong = []
    for line in february[:21]:
        fields = line.split(",")
        wrong.append(",".join(f for i, f in enumerate(fields) if i != drop))
    outputs["inbox/police-crimes/police-crimes-2025-02-wrong-export.csv"] = \
        ("\r\n".join(wrong) + "\r\n").encode("utf-8")

    # expected.json
    all_refs = []
    for key, recs in months.items():
        all_refs.extend(r["ref"] for r in recs)
    assert len(all_refs) == len(set(all_refs)), "crime references are not unique"
    rejected = sum(len(i["malformed"]) for i in pc_expected.values())
    by_ward = {w["code"]: t for w, t, _ in pop_rows}
    by_lad = {}
    for w, t, _ in pop_rows:
        by_lad[w["lad"]] = by_lad.get(w["lad"], 0) + t
    expected = {
        "generator": "scripts/generate-sample-data.py",
        "seed": SEED,
        "synthetic": True,
        "area_lads": [l["code"] for l in geo.lads if l["area"]],
        "outside_lads": [l["code"] for l in geo.lads if not l["area"]],
        "reference": {
            "wards": len(geo.wards),
            "area_wards": sum(1 for w in geo.wards if geo.lad_by_code[w["lad"]]["area"]),
            "lsoa21": len(geo.lsoas), "lsoa11": len(geo.lsoa11),
            "lsoa11_only_codes": sum(1 for r in geo.lsoa11 if r["code"] not in geo.lsoa_by_code),
            "postcodes": len(geo.postcodes),
            "postcodes_terminated": sum(1 for p in geo.postcodes if p["doterm"]),
            "postcodes_pseudo": len(geo.pseudo_postcodes),
            "population_rows": len(pop_rows), "offences": len(OFFENCES),
        },
        "police_uk": uk_expected,
        "police_crimes": {
            "notes": "rows = data rows (header excluded; a quoted embedded newline stays in one "
                     "row); lines are physical lines as an editor counts them (header = 1). "
                     "geo_method assumes postcode first (any written form, terminated included), "
                     "then LSOA Code, else none; rubbish/unknown postcodes are not rejects.",
            "files": pc_expected,
            "resend": {"file": "police-crimes-2025-01-resend.csv",
                       "corrects": "police-crimes-2025-01.csv",
                       "corrected": pc_expected["police-crimes-2025-01-resend.csv"]["corrected"]},
            "quarantined": {k: v["reason"] for k, v in sorted(QUARANTINED.items())},
            "distinct_crime_references": len(all_refs),
            "records_after_load": len(all_refs) - rejected,
        },
        "population": {"year": 2022, "county_total": sum(by_ward.values()),
                       "by_lad": by_lad, "by_ward": {k: by_ward[k] for k in sorted(by_ward)}},
        "schools": {
            "file": "reference/schools.csv", "encoding": "windows-1252",
            "rows": len(school_rows),
            "open": sum(1 for s in school_rows if s["status"] == "Open"),
            "closed": sum(1 for s in school_rows if s["status"] == "Closed"),
            "open_by_phase": {ph: sum(1 for s in schools if s["phase"] == ph)
                              for ph in ["Primary", "Secondary"]},
            "open_by_lad": {l["code"]: sum(1 for s in schools if s["lad"] == l["code"])
                            for l in geo.lads if l["area"]},
            "names_with_right_single_quote": len(school_notes["rsquo"]),
            "accented_name": school_notes["accent"][1],
        },
        "pupils": {
            "count": len(pupils),
            "on_roll": {ay_label(ay): sum(1 for p in pupils if 0 <= ncy(p, ay) <= 11)
                        for ay in ACADEMIC_YEARS},
        },
        "school_absence": {
            "notes": "rows = one per pupil on roll per school that term (a pupil who moved "
                     "school during the term, after a permanent exclusion, has a row at each); "
                     "persistently_absent = rows with (Authorised + Unauthorised) * 10 >= "
                     "Sessions Possible (no row sits exactly on 10%).",
            "files": ab_expected,
        },
        "school_suspensions": {
            "notes": "violence_related = rows whose Reason Code is flagged Y in "
                     "reference/exclusion-reasons.csv (PP, PA, OW, VP, VA).",
            "files": su_expected,
            "rows": sum(i["rows"] for i in su_expected.values()),
            "distinct_pupils": len({r["pupil"]["upn"] for recs in su_months.values()
                                    for r in recs}),
        },
        "yot_offences": {
            "notes": "first_time_entrants = rows with First Time Entrant Y (a case's first "
                     "offence ever; cases already known before 2023-04 have only N rows); "
                     "yot-offences-2024-10.csv uses the alias headers CaseID, Disposal, FTE.",
            "files": yot_expected,
            "rows": sum(i["rows"] for i in yot_expected.values()),
            "distinct_case_ids": len({c["id"] for c in yot_cases}),
        },
        "ae_attendances": {
            "notes": "method_category by a port of MethodClassifier.swift over "
                     "reference/method-rules.csv; sharp_object = rows whose category is "
                     "sharp_object.",
            "files": ae_expected,
            "rows": sum(i["rows"] for i in ae_expected.values()),
            "quarantined": {AE_NHS_FILE: ae_quarantined["reason"]},
            "quarantined_files": {AE_NHS_FILE: ae_quarantined},
        },
        "identifiers_never_stored": identifiers_never_stored(su_months, yot_cases, nhs),
    }
    outputs["expected.json"] = (json.dumps(expected, indent=1, ensure_ascii=False) + "\n") \
        .encode("utf-8")

    sizes = {}
    for k, v in outputs.items():
        top = k if k.startswith("reference/") or k == "expected.json" else \
            k.rsplit("/", 1)[0] + "/"
        sizes[top] = sizes.get(top, 0) + len(v)
    sizes = {k: human(v) for k, v in sizes.items()}
    feeds = dict(schools=school_rows, school_notes=school_notes, pupils=pupils,
                 su_expected=su_expected, su_notes=su_notes, ab_expected=ab_expected,
                 yot_expected=yot_expected, yot_cases=yot_cases, ae_expected=ae_expected,
                 ae_notes=ae_notes, ae_quarantined=ae_quarantined, su_months=su_months,
                 yot_months=yot_months, expected=expected)
    outputs["README.md"] = build_readme(geo, ref_notes, pc_expected, pc_notes, uk_expected,
                                        uk_notes, sizes, feeds).encode("utf-8")

    for p in owned_paths(out):
        if p.is_file():
            p.unlink()
    for k in sorted(outputs):
        path = out / k
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(outputs[k])
    total = sum(len(v) for v in outputs.values())
    print(f"wrote {len(outputs)} files, {human(total)}, to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

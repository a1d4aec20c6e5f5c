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
POLICE_UK_MONTHS = ["2025-01", "2025-02", "2025-03"]
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
    for month in POLICE_UK_MONTHS:
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
        name = f"{month}-lancashire-street.csv"
        files[name] = w.text().encode("utf-8")
        expected[name] = exp
        notes[name] = first_lines
    return files, expected, notes


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

def fmt_lines(lines, limit=5):
    shown = ", ".join(str(x) for x in lines[:limit])
    return shown + (f" … ({len(lines)} rows)" if len(lines) > limit else "")


def build_readme(geo, ref_notes, pc_expected, pc_notes, uk_expected, uk_notes, sizes):
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
        "inbox/police-uk/": "data.police.uk street-level files, 2025-01 … 2025-03",
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
    for name, ex in uk_expected.items():
        fl = uk_notes[name]
        a(f"- `{name}`: {ex['rows']} rows, {ex['asb_rows']} ASB, first no-location line "
          f"{fl['no-location']}, first 2011-code line {fl['lsoa11']}, first outside-area line "
          f"{fl['outside-area']}; {ex['duplicate_content_rows']} rows (all ASB, blank Crime "
          f"ID) repeat an earlier row's content exactly (real files do this too), first at "
          f"line {fl.get('duplicate-content', '-')}.")
    a("")
    a("## expected.json")
    a("")
    a("Computed by the generator from what it wrote, independently of the Swift code:")
    a("")
    a("- `police_uk.<file>`: rows, ASB rows, no-location, outside-area and 2011-code rows, "
      "duplicate-content rows; `violence_and_sexual_offences`: county (= in-area + "
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
      "content is identical everywhere.")
    a("")
    return "\n".join(L)


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
    ("bar", "blunt_object", 20), ("crowbar", "blunt_object", 20), ("club", "blunt_object", 20),
    ("chair", "blunt_object", 20), ("weapon", "blunt_object", 15),
    ("burn", "other", 12), ("vehicle", "other", 12), ("car", "other", 12), ("dog", "other", 12),
    ("punch", "body_part", 10), ("kick", "body_part", 10), ("headbutt", "body_part", 10),
    ("fist", "body_part", 10), ("stamp", "body_part", 10), ("bite", "body_part", 10),
    ("bitten", "body_part", 10), ("slap", "body_part", 10), ("strangle", "body_part", 10),
    ("hit", "body_part", 5), ("pushed", "other", 8),
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
                   "exclusion-reasons.csv"]


def owned_paths(out: Path):
    paths = [out / "reference" / n for n in REFERENCE_NAMES]
    paths += [out / "expected.json", out / "README.md"]
    pc = out / "inbox" / "police-crimes"
    if pc.is_dir():
        paths += sorted(pc.glob("police-crimes-*.csv")) + sorted(pc.glob("police-crimes-*.csv.gz"))
    uk = out / "inbox" / "police-uk"
    if uk.is_dir():
        paths += sorted(uk.glob("*-lancashire-street.csv"))
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
        outputs[f"inbox/police-uk/{k}"] = v
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
    }
    outputs["expected.json"] = (json.dumps(expected, indent=1, ensure_ascii=False) + "\n") \
        .encode("utf-8")

    sizes = {}
    for k, v in outputs.items():
        top = k if k.startswith("reference/") or k == "expected.json" else \
            k.rsplit("/", 1)[0] + "/"
        sizes[top] = sizes.get(top, 0) + len(v)
    sizes = {k: human(v) for k, v in sizes.items()}
    outputs["README.md"] = build_readme(geo, ref_notes, pc_expected, pc_notes, uk_expected,
                                        uk_notes, sizes).encode("utf-8")

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

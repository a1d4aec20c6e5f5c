"""police-uk: data.police.uk street-level files, one a month, exactly in the published format."""

from __future__ import annotations

import random

from .common import SEASON, Writer, csv_line, draw_unique, fmt6, rng_for, weighted
from .geography import Geo
from .population import area_ward_weights

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
# Street-level locations ("On or near ..."). A&E location descriptions use the streets before
# "Parking Area"; generate-police-uk.py uses the first 30 and some landmarks.
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

# data.police.uk street-level files: a financial year, 2024-04 … 2025-03. The last three months
# came first and draw, in order, from the one "police-uk" stream (their bytes must not change);
# each earlier month has its own stream ("police-uk-<month>") and is delivered gzipped.
POLICE_UK_PLAIN_MONTHS = ["2025-01", "2025-02", "2025-03"]
POLICE_UK_MONTHS = [f"2024-{m:02d}" for m in range(4, 13)] + POLICE_UK_PLAIN_MONTHS
POLICE_UK_GZIP_MONTHS = [m for m in POLICE_UK_MONTHS if m not in POLICE_UK_PLAIN_MONTHS]


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
    outside_lsoas = [l for l in geo.lsoas if not geo.in_area(l["lad"])]
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
        viol_ward = {wd["code"]: 0 for wd in geo.wards if geo.in_area(wd["lad"])}
        viol_lad = {code: 0 for code in geo.area_lad_codes()}
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
                crime_id = draw_unique(lambda: f"{rng.getrandbits(256):064x}", ids)
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
        files[name] = w.text().encode("utf-8")  # cli.main() gzips the ".gz" ones
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

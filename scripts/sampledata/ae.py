"""ae-attendances: A&E assault attendances (ISTV), one file a month, and the delivery with an NHS
number column that must be quarantined."""

from __future__ import annotations

import calendar
import datetime

from .common import (FEED_MONTHS, SEASON, csv_line, csv_writer, dmy, monthly_files, rng_for,
                     weighted)
from .geography import Geo
from .method_rules import method_category
from .police_crimes import HOURS
from .police_uk import STREETS
from .population import (active_postcodes, lad_populations, lad_ward_picker, pick_home,
                         write_postcode)

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
    area_lads, outside_lads = geo.area_lad_codes(), geo.outside_lad_codes()
    lad_pop = lad_populations(geo, pop_rows, 2.0)
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
    for key, name, gz in monthly_files("ae-attendances", months):
        rows = months[key]
        w = csv_writer(AE_HEADER)
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
    w = csv_writer(["NHS Number"] + AE_HEADER)
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

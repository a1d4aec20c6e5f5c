"""police-crimes, the force's own extract: each month's records (offence, place, dates, victim,
weapon, outcome) and where the loader is expected to place them."""

from __future__ import annotations

import calendar
import datetime

from .common import SEASON, rng_for, weighted
from .geography import Geo, inward
from .population import active_postcodes, area_ward_weights
from .reference import OFFENCE_BY_CODE

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

POLICE_CRIMES_MONTHS = [(2023, m) for m in range(4, 13)] + [(2024, m) for m in range(1, 13)] \
    + [(2025, m) for m in range(1, 4)]

EXTRACT_DATE = datetime.date(2025, 4, 6)  # the (fixed, not clock) date of the latest extract

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
# Relative weight of each hour of the day (A&E arrivals follow it too).
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
    active = active_postcodes(geo)
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

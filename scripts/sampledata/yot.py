"""yot-offences: the youth offending service's offences, one file a month; case IDs recur across
months."""

from __future__ import annotations

import datetime

from .common import (FEED_MONTHS, age_on, csv_line, csv_writer, dmy, monthly_files, rng_for,
                     weighted)
from .geography import Geo
from .population import (active_postcodes, lad_populations, lad_ward_picker, pick_home,
                         write_postcode)

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


def build_yot(geo: Geo, pop_rows):
    rng = rng_for("yot-offences")
    active = active_postcodes(geo)
    pickers = lad_ward_picker(geo, pop_rows, 2.0)
    lad_pop = lad_populations(geo, pop_rows, 1.5)
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
    files, expected = {}, {}
    for key, name, gz in monthly_files("yot-offences", months):
        recs = months[key]
        recs.sort(key=lambda co: (co[1]["date"], co[0]["id"]))
        header = [YOT_ALIASES.get(h, h) for h in YOT_HEADER] if key == YOT_ALIAS_MONTH \
            else YOT_HEADER
        w = csv_writer(header)
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

"""school-suspensions: suspensions and permanent exclusions, one file a term-time month."""

from __future__ import annotations

import datetime

from .common import csv_line, csv_writer, dmy, monthly_files, rng_for, weighted
from .population import write_postcode
from .pupils import ACADEMIC_YEARS, TERM_DATES, academic_year_of, ncy, school_at, school_days
from .reference import EXCLUSION_REASONS

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
    for key, name, gz in monthly_files("school-suspensions", months):
        w = csv_writer(SUSPENSION_HEADER)
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

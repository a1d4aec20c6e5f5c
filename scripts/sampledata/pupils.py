"""The pupils behind school-absence and school-suspensions, and the school calendar both feeds
follow."""

from __future__ import annotations

import datetime
import math

from .common import draw_unique, rng_for, weighted
from .geography import Geo
from .population import active_postcodes, lad_ward_picker, pick_home

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


def upn_check_letter(digits: str) -> str:
    return UPN_LETTERS[sum(int(c) * wt for c, wt in zip(digits, range(2, 14))) % 23]


def build_pupils(geo: Geo, pop_rows, schools):
    rng = rng_for("pupils")
    active = active_postcodes(geo)
    pickers = lad_ward_picker(geo, pop_rows, 1.0)
    area_lads, outside_lads = geo.area_lad_codes(), geo.outside_lad_codes()
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
        school_part = f"{prim['la_code']}{prim['number']:04d}{entry:02d}"
        digits = draw_unique(lambda: f"{school_part}{rng.randint(1, 999):03d}", serials)
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

"""school-absence: sessions possible and missed per pupil per school per term, one file a term."""

from __future__ import annotations

import math

from .common import csv_line, csv_writer, rng_for
from .pupils import TERM_DATES, ay_label, ncy, school_at, school_days

ABSENCE_HEADER = ["UPN", "School URN", "Academic Year", "Term", "Sessions Possible",
                  "Authorised Absence", "Unauthorised Absence"]


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
        w = csv_writer(ABSENCE_HEADER)
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

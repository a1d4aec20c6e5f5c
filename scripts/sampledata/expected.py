"""expected.json: figures computed from what the generator wrote, independently of the Swift
code, for end-to-end tests."""

from __future__ import annotations

import datetime

from .ae import AE_NHS_FILE
from .common import SEED, dmy, rng_for
from .police_crimes_files import QUARANTINED
from .pupils import ACADEMIC_YEARS, ay_label, ncy
from .reference import OFFENCES


def build_expected(geo, pop_rows, crime_months, pc_expected, uk_expected, feeds) -> dict:
    """feeds: the partner-feed parts as main() collects them for the README."""
    school_rows, school_notes, pupils = feeds["schools"], feeds["school_notes"], feeds["pupils"]
    schools = [s for s in school_rows if s["status"] == "Open"]
    ab_expected = feeds["ab_expected"]
    su_expected, su_months = feeds["su_expected"], feeds["su_months"]
    yot_expected, yot_cases = feeds["yot_expected"], feeds["yot_cases"]
    ae_expected, ae_quarantined = feeds["ae_expected"], feeds["ae_quarantined"]
    all_refs = []
    for recs in crime_months.values():
        all_refs.extend(r["ref"] for r in recs)
    assert len(all_refs) == len(set(all_refs)), "crime references are not unique"
    rejected = sum(len(i["malformed"]) for i in pc_expected.values())
    by_ward = {w["code"]: t for w, t, _ in pop_rows}
    by_lad = {}
    for w, t, _ in pop_rows:
        by_lad[w["lad"]] = by_lad.get(w["lad"], 0) + t
    return {
        "generator": "scripts/generate-sample-data.py",
        "seed": SEED,
        "synthetic": True,
        "area_lads": geo.area_lad_codes(),
        "outside_lads": geo.outside_lad_codes(),
        "reference": {
            "wards": len(geo.wards),
            "area_wards": sum(1 for w in geo.wards if geo.in_area(w["lad"])),
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
            "open_by_lad": {code: sum(1 for s in schools if s["lad"] == code)
                            for code in geo.area_lad_codes()},
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
        "identifiers_never_stored": identifiers_never_stored(su_months, yot_cases, feeds["nhs"]),
    }


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

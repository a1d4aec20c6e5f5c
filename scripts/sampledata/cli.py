"""The command line: build every part in a fixed order, then write the files, expected.json and
README.md."""

from __future__ import annotations

import argparse
import datetime
import gzip
import io
import json
import sys
from pathlib import Path

from .absence import build_absence
from .ae import AE_NHS_FILE, build_ae
from .common import SEED, dmy, gzip_bytes, rng_for
from .geography import build_geography
from .method_rules import method_rules_csv
from .police_crimes import DEFAULT_SCALE, build_police_crimes
from .police_crimes_files import QUARANTINED, write_police_crimes
from .police_uk import build_police_uk
from .population import build_population
from .pupils import ACADEMIC_YEARS, ay_label, build_pupils, ncy
from .readme import build_readme
from .reference import OFFENCES, exclusion_reasons_csv, reference_files
from .schools import build_schools
from .suspensions import build_suspensions
from .yot import build_yot

DESCRIPTION = "Generate MADE's synthetic Lancashire sample data (SampleData/)."


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


def main(argv=None, prog=None) -> int:
    default_out = Path(__file__).resolve().parents[2] / "SampleData"
    ap = argparse.ArgumentParser(prog=prog, description=DESCRIPTION)
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

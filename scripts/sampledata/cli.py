"""The command line: build every part in a fixed order, then write the files, expected.json and
README.md."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .absence import build_absence
from .ae import build_ae
from .boundaries import build_boundaries
from .common import gzip_bytes, rng_for
from .expected import build_expected
from .geography import build_geography
from .method_rules import method_rules_csv
from .police_crimes import DEFAULT_SCALE, build_police_crimes
from .police_crimes_files import quarantined_deliveries, write_police_crimes
from .police_uk import build_police_uk
from .population import build_population
from .pupils import build_pupils
from .readme import build_readme
from .reference import exclusion_reasons_csv, reference_files
from .schools import build_schools
from .suspensions import build_suspensions
from .yot import build_yot

DESCRIPTION = "Generate MADE's synthetic Lancashire sample data (SampleData/)."

REFERENCE_NAMES = ["wards.csv", "lsoa-wards.csv", "lsoa11-wards.csv", "postcodes.csv",
                   "population.csv", "offences.csv", "method-rules.csv",
                   "exclusion-reasons.csv", "schools.csv", "ward-boundaries.geojson",
                   "district-boundaries.geojson"]


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

    # Each part draws from its own stream, but some read what an earlier one built (pupils
    # are moved by permanent exclusions in suspensions; absence reads the moves): keep the order.
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

    # The partner-feed parts, as expected.json and the README read them.
    feeds = dict(schools=school_rows, school_notes=school_notes, pupils=pupils,
                 su_expected=su_expected, su_notes=su_notes, ab_expected=ab_expected,
                 yot_expected=yot_expected, yot_cases=yot_cases, ae_expected=ae_expected,
                 ae_notes=ae_notes, ae_quarantined=ae_quarantined, su_months=su_months,
                 yot_months=yot_months, nhs=nhs)

    outputs = dict(ref_files)
    outputs["reference/method-rules.csv"] = method_rules_csv()
    outputs["reference/exclusion-reasons.csv"] = exclusion_reasons_csv()
    outputs["reference/schools.csv"] = schools_csv
    (outputs["reference/ward-boundaries.geojson"],
     outputs["reference/district-boundaries.geojson"]) = build_boundaries(geo)
    for feed, files in [("police-crimes", pc_files), ("police-uk", uk_files),
                        ("school-absence", ab_files), ("school-suspensions", su_files),
                        ("yot-offences", yot_files), ("ae-attendances", ae_files)]:
        for k, v in files.items():
            outputs[f"inbox/{feed}/{k}"] = gzip_bytes(v) if k.endswith(".gz") else v
    for k, v in quarantined_deliveries(pc_files).items():
        outputs[f"inbox/police-crimes/{k}"] = v

    expected = build_expected(geo, pop_rows, months, pc_expected, uk_expected, feeds)
    outputs["expected.json"] = (json.dumps(expected, indent=1, ensure_ascii=False) + "\n") \
        .encode("utf-8")

    sizes = {}
    for k, v in outputs.items():
        top = k if k.startswith("reference/") or k == "expected.json" else \
            k.rsplit("/", 1)[0] + "/"
        sizes[top] = sizes.get(top, 0) + len(v)
    sizes = {k: human(v) for k, v in sizes.items()}
    feeds["expected"] = expected
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

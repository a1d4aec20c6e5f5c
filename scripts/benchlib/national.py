"""`scripts/bench --case national`: a national year of data.police.uk street files.

Target 1 of issue 14: `made ingest` of every file plus `made aggregate` under 60 s with peak
RSS under 1 GB, against `sqlite3 .import` of the same files into one table in the same run.

1. Files (cached in WORK/national/, reused while --national-forces, --national-rows,
   --national-months and the generator's source are unchanged): `scripts/generate-police-uk.py
   --national` writes one street file per force and month, named as data.police.uk names them
   (2024-04-avon-and-somerset-street.csv), and the invented England and Wales geography they
   fall in (lsoa-wards.csv, lsoa11-wards.csv, wards.csv, population.csv, lads.csv). The
   expected per-(month, ward) row counts are counted once from the files with Python's csv
   module and the LSOA lookups (expected.json, cached with the files).
2. Workspace template (rebuilt each time, not timed): `made init`, made.toml's [area]
   lad_codes = the districts of the generated forces (no [[csp]] tables), and `made reference
   load` of wards, both LSOA lookups and population (--year 2022).
3. --runs runs, each: anchor `sqlite3 NEW.db ".import --csv F1 t" ".import --csv --skip 1 F2
   t" …` (every file, one process), then, on a fresh copy of the template (copy not timed),
   `made ingest F1 F2 … --feed police-uk --quiet` (every file in one command, month by month
   in data.police.uk's order) and `made aggregate --quiet`, each under GNU time.
4. After the first run: `SELECT period_month, ward_code, count(*) FROM police_uk_street GROUP
   BY 1, 2` must equal the expected counts (NULL ward: No Location rows): MATCH or MISMATCH
   (scripts/bench then exits 1).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPTS = ROOT / "scripts"
TARGET_S, TARGET_RSS_MB = 60.0, 1000.0
POPULATION_YEAR = "2022"
COUNT_SQL = ("SELECT period_month, ward_code, count(*) FROM police_uk_street "
             "GROUP BY 1, 2")


def add_arguments(ap):
    """The options of --case national."""
    ap.add_argument("--national-forces", type=int, default=39,
                    help="national: forces (the first N of the 43; default 39)")
    ap.add_argument("--national-rows", type=int, default=9200,
                    help="national: mean rows of a force-month file, scaled by the force's "
                         "size (default 9200: ~4.3M rows in 468 files)")
    ap.add_argument("--national-months", default="2024-04..2025-03",
                    help="national: FIRST..LAST or a comma list (default 2024-04..2025-03)")


def measured(cmd, stdout=subprocess.DEVNULL):
    """Run cmd under GNU time: (wall s, peak RSS MB, user s, system s); exits on failure."""
    with tempfile.NamedTemporaryFile(mode="r") as out:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", out.name,
                               *map(str, cmd)], stdout=stdout, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            shown = " ".join(map(str, cmd[:6])) + (" …" if len(cmd) > 6 else "")
            sys.exit(f"bench: {shown} failed (exit {proc.returncode}):\n"
                     + proc.stderr.decode(errors="replace")[-4000:])
        rss_kib, user, system = out.read().splitlines()[-1].split()
        return wall, int(rss_kib) * 1024 / 1e6, float(user), float(system)


def generator_sha():
    h = hashlib.sha256()
    for path in ["generate-police-uk.py", "sampledata/national.py", "sampledata/police_uk.py",
                 "sampledata/common.py"]:
        h.update((SCRIPTS / path).read_bytes())
    return h.hexdigest()[:16]


def lsoa_lookup(reference: Path):
    """LSOA code (2021 and 2011) -> ward code, from the generated lookups."""
    lookup = {}
    for name, column in (("lsoa-wards.csv", "LSOA21CD"), ("lsoa11-wards.csv", "LSOA11CD")):
        with open(reference / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                lookup[row[column]] = row["WD24CD"]
    return lookup


def count_files(files, reference: Path):
    """The independent count: rows per (Month, ward of the LSOA code; None when blank or
    unknown), read with the csv module."""
    lookup = lsoa_lookup(reference)
    counts = {}
    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            header = next(rows)
            month_i, lsoa_i = header.index("Month"), header.index("LSOA code")
            for row in rows:
                key = (row[month_i], lookup.get(row[lsoa_i]))
                counts[key] = counts.get(key, 0) + 1
    return counts


def ensure_files(args, work: Path):
    """Generate (or reuse) the national files; return (folder, file paths, expected counts)."""
    folder = work / "national"
    params_path, expected_path = folder / "bench-params.json", folder / "expected.json"
    wanted = {"forces": args.national_forces, "rows": args.national_rows,
              "months": args.national_months, "generator": generator_sha()}
    if params_path.exists() and expected_path.exists() \
            and json.loads(params_path.read_text()) == wanted:
        print(f"reusing the national files in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"generating {args.national_forces} forces x {args.national_months} at "
              f"~{args.national_rows:,} rows a force-month into {folder} ...", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(SCRIPTS / "generate-police-uk.py"),
                        "--national", str(folder), "--forces", str(args.national_forces),
                        "--months", args.national_months, "--rows", str(args.national_rows)],
                       check=True, stderr=subprocess.DEVNULL)
        generated = time.perf_counter() - started
        files = sorted((folder / "files").glob("*-street.csv"))
        print(f"  generated {len(files)} files in {generated:.0f} s; counting them ...",
              flush=True)
        started = time.perf_counter()
        counts = count_files(files, folder / "reference")
        print(f"  counted in {time.perf_counter() - started:.0f} s", flush=True)
        expected_path.write_text(json.dumps(
            [[m, w, n] for (m, w), n in sorted(counts.items(), key=lambda kv: (kv[0][0],
                                                                              kv[0][1] or ""))]))
        params_path.write_text(json.dumps(wanted) + "\n")
    files = sorted((folder / "files").glob("*-street.csv"))
    expected = {(m, w): n for m, w, n in json.loads(expected_path.read_text())}
    return folder, files, expected


def area_lads(folder: Path, forces: int):
    """The LAD codes of the generated forces, in lads.csv's order."""
    sys.path.insert(0, str(SCRIPTS))
    from sampledata.national import FORCES
    chosen = {slug for slug, _, _ in FORCES[:forces]}
    with open(folder / "reference" / "lads.csv", newline="", encoding="utf-8") as f:
        return [r["LAD24CD"] for r in csv.DictReader(f) if r["force"] in chosen]


def make_template(made: Path, folder: Path, work: Path, lads):
    """made init, made.toml's area = lads (no CSPs), the national reference data."""
    template = work / "national-template"
    shutil.rmtree(template, ignore_errors=True)
    print(f"preparing the workspace template ({len(lads)} districts) ...", flush=True)
    subprocess.run([str(made), "init", str(template), "--quiet"], check=True)
    toml = template / "made.toml"
    text = toml.read_text()
    area_start = text.index("[area]")
    area_end = text.index("\n[", area_start + 1)
    codes = "\n".join(f'  "{code}",' for code in lads)
    area = (f'[area]\nname = "England and Wales (synthetic, scripts/bench --case national)"\n'
            f"lad_codes = [\n{codes}\n]\n")
    text = text[:area_start] + area + text[area_end:]
    if "[[csp]]" in text:  # the sample partnerships name Lancashire's districts
        text = text[:text.index("[[csp]]")]
        comment = text.rfind("\n# Community safety partnerships")
        if comment >= 0:
            text = text[:comment + 1]
    toml.write_text(text)
    reference = folder / "reference"
    started = time.perf_counter()
    for kind, name, *extra in [("wards", "wards.csv"), ("lsoa-wards", "lsoa-wards.csv"),
                               ("lsoa-wards", "lsoa11-wards.csv"),
                               ("population", "population.csv", "--year", POPULATION_YEAR)]:
        subprocess.run([str(made), "reference", "load", kind, str(reference / name), *extra,
                        "--workspace", str(template), "--quiet"], check=True)
    print(f"  reference loaded in {time.perf_counter() - started:.1f} s", flush=True)
    return template


def warehouse_counts(space: Path):
    db = sqlite3.connect(space / "warehouse.sqlite")
    counts = {(m, w): n for m, w, n in db.execute(COUNT_SQL)}
    files = db.execute("SELECT count(*), coalesce(sum(rows_read), 0), "
                       "coalesce(sum(rows_loaded), 0), coalesce(sum(rows_rejected), 0) "
                       "FROM files WHERE status = 'loaded'").fetchone()
    statuses = dict(db.execute("SELECT status, count(*) FROM files GROUP BY 1").fetchall())
    geo = dict(db.execute("SELECT geo_status, count(*) FROM police_uk_street GROUP BY 1"))
    db.close()
    return counts, {"files_loaded": files[0], "rows_read": files[1], "rows_loaded": files[2],
                    "rows_rejected": files[3], "file_statuses": statuses, "geo_status": geo}


def compare(expected, got):
    """The (month, ward) cells whose counts differ: [(month, ward, expected, got)]."""
    diff = []
    for key in sorted(set(expected) | set(got), key=lambda k: (k[0], k[1] or "")):
        if expected.get(key, 0) != got.get(key, 0):
            diff.append((key[0], key[1], expected.get(key, 0), got.get(key, 0)))
    return diff


def national_case(args, work: Path, made: Path, machine_facts, binary):
    """The national benchmark; returns its figures (the JSON of --case national)."""
    folder, files, expected = ensure_files(args, work)
    rows = sum(expected.values())
    size = sum(f.stat().st_size for f in files)
    lads = area_lads(folder, args.national_forces)
    template = make_template(made, folder, work, lads)
    for f in files:  # warm the page cache, untimed
        with open(f, "rb") as fh:
            while fh.read(1 << 22):
                pass
    anchor_cmd = ["sqlite3", None] + [
        f".import --csv {'--skip 1 ' if i else ''}{f} t" for i, f in enumerate(files)]
    load_before = os.getloadavg()
    runs = {"sqlite3": [], "ingest": [], "aggregate": []}
    check = None
    for i in range(args.runs):
        print(f"run {i + 1}/{args.runs}: sqlite3 .import of {len(files)} files ...", flush=True)
        db = work / "national-anchor.db"
        db.unlink(missing_ok=True)
        anchor_cmd[1] = str(db)
        runs["sqlite3"].append(measured(anchor_cmd))
        anchor_rows = sqlite3.connect(db).execute("SELECT count(*) FROM t").fetchone()[0]
        db.unlink()
        if anchor_rows != rows:
            sys.exit(f"bench: sqlite3 imported {anchor_rows:,} rows, expected {rows:,}")
        space = work / "national-run"
        shutil.rmtree(space, ignore_errors=True)
        shutil.copytree(template, space)
        print(f"run {i + 1}/{args.runs}: made ingest, made aggregate ...", flush=True)
        runs["ingest"].append(measured([made, "ingest", *files, "--feed", "police-uk",
                                        "--workspace", space, "--quiet"]))
        runs["aggregate"].append(measured([made, "aggregate", "--workspace", space, "--quiet"]))
        if check is None:
            got, load = warehouse_counts(space)
            diff = compare(expected, got)
            warehouse_bytes = sum(p.stat().st_size for p in space.rglob("*") if p.is_file())
            check = {"match": not diff, "cells": len(expected), "mismatched_cells": len(diff),
                     "first_mismatches": diff[:10], "made_load": load,
                     "workspace_bytes": warehouse_bytes}
        shutil.rmtree(space)
    load_after = os.getloadavg()
    facts = machine_facts()
    facts["made_binary_changed"] = made.stat().st_mtime_ns != binary
    facts["loadavg_1m_before_after"] = [load_before[0], load_after[0]]

    def stat(key):
        r = runs[key]
        walls = [x[0] for x in r]
        return {"best_s": min(walls), "median_s": statistics.median(walls), "walls_s": walls,
                "peak_rss_mb": max(x[1] for x in r),
                "user_median_s": statistics.median(x[2] for x in r),
                "system_median_s": statistics.median(x[3] for x in r)}

    stats = {k: stat(k) for k in runs}
    totals = [a[0] + b[0] for a, b in zip(runs["ingest"], runs["aggregate"])]
    total = {"best_s": min(totals), "median_s": statistics.median(totals), "walls_s": totals,
             "peak_rss_mb": max(stats["ingest"]["peak_rss_mb"],
                                stats["aggregate"]["peak_rss_mb"])}
    ratio = total["median_s"] / stats["sqlite3"]["median_s"]
    time_ok, rss_ok = total["median_s"] < TARGET_S, total["peak_rss_mb"] < TARGET_RSS_MB
    load = check["made_load"]

    print(f"\nMADE national benchmark, {facts['date']}")
    print(f"machine: {facts['nproc']} CPUs; {facts['swift']}; sqlite3 {facts['sqlite3']}; "
          f"made {facts['made']}")
    print(f"files: {len(files)} data.police.uk street files ({args.national_forces} forces x "
          f"{args.national_months}), {rows:,} rows, {size / 1e6:.0f} MB; area {len(lads)} "
          f"districts; {args.runs} run(s); load average (1 min) {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after (MB = 10^6 bytes)\n")
    print(f"{'step':<40}{'best s':>9}{'median s':>10}{'user s':>8}{'sys s':>8}"
          f"{'rows/s':>11}{'peak RSS MB':>13}")
    for key, label in [("sqlite3", "anchor: sqlite3 .import (one table)"),
                       ("ingest", "made ingest FILES --feed police-uk"),
                       ("aggregate", "made aggregate")]:
        s = stats[key]
        print(f"{label:<40}{s['best_s']:>9.2f}{s['median_s']:>10.2f}{s['user_median_s']:>8.1f}"
              f"{s['system_median_s']:>8.1f}{rows / s['median_s']:>11,.0f}"
              f"{s['peak_rss_mb']:>13.1f}")
    print(f"{'made ingest + aggregate':<40}{total['best_s']:>9.2f}{total['median_s']:>10.2f}"
          f"{'':>16}{rows / total['median_s']:>11,.0f}{total['peak_rss_mb']:>13.1f}")
    print(f"\n(ingest + aggregate)/sqlite3: median {ratio:.2f}")
    print(f"target ingest + aggregate < {TARGET_S:.0f} s (median; "
          f"{total['median_s']:.1f} s): {'PASS' if time_ok else 'MISS'}")
    print(f"target peak RSS < {TARGET_RSS_MB:.0f} MB ({total['peak_rss_mb']:.1f} MB): "
          f"{'PASS' if rss_ok else 'MISS'}")
    print(f"made loaded {load['files_loaded']} files, {load['rows_loaded']:,} of "
          f"{load['rows_read']:,} rows, rejected {load['rows_rejected']:,}; geo_status "
          f"{load['geo_status']}; workspace {check['workspace_bytes'] / 1e9:.2f} GB")
    if args.national_forces != 39 or args.national_rows != 9200 \
            or args.national_months != "2024-04..2025-03":
        print("(a scaled run: the target is stated for 39 forces x 12 months x ~9,200 rows)")
    if check["match"]:
        print(f"per-ward monthly counts: MATCH ({check['cells']:,} (month, ward) cells equal "
              f"the count of the files)")
    else:
        print(f"per-ward monthly counts: MISMATCH in {check['mismatched_cells']:,} of "
              f"{check['cells']:,} cells; first (month, ward, files, warehouse): "
              f"{check['first_mismatches']}")
    if facts["made_binary_changed"]:
        print(f"WARNING: {made} was rebuilt during the benchmark; rerun it")
    return {"machine": facts, "files": len(files), "rows": rows, "bytes": size,
            "forces": args.national_forces, "months": args.national_months,
            "mean_rows": args.national_rows, "area_lads": len(lads), "runs": args.runs,
            "steps": stats, "ingest_plus_aggregate": total, "ratio_median": ratio,
            "time_pass": time_ok, "rss_pass": rss_ok, "check": check}

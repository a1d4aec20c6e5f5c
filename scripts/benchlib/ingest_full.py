"""scripts/bench --case ingest-full: issue 14's second target, the same file into an empty
warehouse and into one that already holds --full-months x --rows police.uk records.

A new month should cost what it costs into an empty warehouse: its records land after the
months before them (record keys start with the month: docs/methods.md § "Record keys"), and
nothing per file scans what earlier months hold. The full warehouse is built once into
--work/ingest-full-base/ by ingesting --full-months files of --rows rows (Month 2024-03 on,
each its own seed) and reused while those options and `made --version` are unchanged; each
run ingests the --case ingest file (Month 2025-01) into a fresh copy of it (copy not timed)
and into a fresh copy of the empty template, alternating. Target: full/empty median wall
time <= 1.5.
"""

import json, shutil, sqlite3, statistics, subprocess, sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5


def add_arguments(ap):
    ap.add_argument("--full-months", type=int, default=10,
                    help="ingest-full: months of --rows rows already in the full warehouse "
                         "(default 10: 10M records at the default --rows)")


def month(index):
    """2024-03 for 0, 2024-04 for 1, ..."""
    year, offset = divmod(2 + index, 12)
    return f"{2024 + year}-{offset + 1:02d}"


def build_base(made: Path, template: Path, work: Path, rows: int, months: int, version: str):
    """The full warehouse (cached); returns its folder."""
    base = work / "ingest-full-base"
    params = {"rows": rows, "months": months, "made": version}
    params_path = base / "bench-params.json"
    if params_path.exists() and json.loads(params_path.read_text()) == params:
        print(f"reusing the full warehouse in {base}")
        return base
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(template, base)
    feeds = work / "ingest-full-feeds"
    feeds.mkdir(exist_ok=True)
    for index in range(months):
        path = feeds / f"police-uk-{month(index)}.csv"
        sidecar = path.with_suffix(".rows")
        if not (path.exists() and sidecar.exists() and sidecar.read_text() == str(rows)):
            print(f"generating {rows:,} rows of {month(index)} ...", flush=True)
            subprocess.run([sys.executable, str(SCRIPTS / "generate-police-uk.py"), "--rows",
                            str(rows), "--month", month(index), "--seed", str(1000 + index),
                            "--out", str(path)], check=True, stderr=subprocess.DEVNULL)
            sidecar.write_text(str(rows))
        print(f"loading {path.name} into the full warehouse ...", flush=True)
        subprocess.run([str(made), "ingest", str(path), "--feed", "police-uk", "--workspace",
                        str(base), "--quiet"], check=True)
    params_path.write_text(json.dumps(params) + "\n")
    return base


def ingest_full_case(args, work: Path, made: Path, csv: Path, template: Path, run_measured,
                     machine_facts):
    """Returns the figures (the JSON of --case ingest-full)."""
    version = subprocess.run([str(made), "--version"], capture_output=True,
                             text=True).stdout.strip()
    base = build_base(made, template, work, args.rows, args.full_months, version)
    held = _records(base)
    walls = {"empty": [], "full": []}
    rss = {"empty": [], "full": []}
    for i in range(args.runs):
        for label, source in [("empty", template), ("full", base)]:
            space = work / f"ingest-full-{label}"
            shutil.rmtree(space, ignore_errors=True)
            shutil.copytree(source, space)
            print(f"run {i + 1}/{args.runs}: made ingest into the {label} warehouse ...",
                  flush=True)
            w, r = run_measured([str(made), "ingest", str(csv), "--feed", "police-uk",
                                 "--workspace", str(space), "--quiet"])
            walls[label].append(w)
            rss[label].append(r)
            added = _records(space) - (held if label == "full" else 0)
            shutil.rmtree(space)
            if added != args.rows:
                sys.exit(f"bench: the {label} warehouse gained {added:,} records, "
                         f"expected {args.rows:,}")
    median = statistics.median
    ratio = median(walls["full"]) / median(walls["empty"])
    facts = machine_facts()
    print(f"\nmade ingest of one {args.rows:,}-row month, empty warehouse vs one holding "
          f"{held:,} records ({args.runs} run(s) each)")
    print(f"{'warehouse':<22}{'best s':>9}{'median s':>10}{'peak RSS MB':>13}")
    for label in ("empty", "full"):
        print(f"{label:<22}{min(walls[label]):>9.3f}{median(walls[label]):>10.3f}"
              f"{max(rss[label]):>13.1f}")
    verdict = "PASS" if ratio <= TARGET_RATIO else "MISS"
    print(f"full/empty median ratio {ratio:.2f}; target <= {TARGET_RATIO}: {verdict}")
    return {"machine": facts, "records_held": held, "rows": args.rows, "walls_s": walls,
            "peak_rss_mb": {k: max(v) for k, v in rss.items()}, "ratio_median": ratio,
            "pass": ratio <= TARGET_RATIO}


def _records(space: Path) -> int:
    db = sqlite3.connect(space / "warehouse.sqlite")
    try:
        return db.execute("SELECT count(*) FROM police_uk_street").fetchone()[0]
    finally:
        db.close()

"""scripts/bench --case boundaries: issue 15's map budget, a county of ~300 wards loaded from
detailed boundaries.

The county is invented with SampleData's boundary generator (scripts/sampledata/boundaries.py)
on a finer grid: --boundary-wards wards in the 14 Lancashire district codes (so the default
made.toml's area fits), tiling ~80 x 60 km on cells of --boundary-cell-km, so the file holds
far more points than a map needs. Each run loads it with `made reference load boundaries`
into a workspace holding the ward lookup; the anchor is Python's C JSON parser reading the
same file (`json.load`), in the same run. Figures: load time and its ratio to the anchor, the
points read and stored, the tolerance, the largest change in a ward's area, and the bytes of
the SVG paths of all the wards drawn as one map the way the report draws them
(Sources/MADE/Export/Report/MapDrawing.swift). Target: under ~300 KB.
"""

import json, random, re, shutil, sqlite3, statistics, subprocess, sys
from pathlib import Path
from types import SimpleNamespace

SCRIPTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SCRIPTS))
from sampledata import boundaries as generator  # noqa: E402
from sampledata.areas import AREA_LADS  # noqa: E402

TARGET_KB = 300


def add_arguments(ap):
    ap.add_argument("--boundary-wards", type=int, default=300,
                    help="boundaries: wards in the invented county (default 300)")
    ap.add_argument("--boundary-cell-km", type=float, default=0.1,
                    help="boundaries: the generator's grid cell (default 0.1 km: ~200 points "
                         "a ward)")


def county(wards: int):
    """14 districts on a 5 x 3 grid of ~16 x 20 km around 54.0 N 2.6 W, the wards scattered
    in them (fixed seed)."""
    rng = random.Random(15)
    lads, ward_list = [], []
    for index, spec in enumerate(AREA_LADS):
        code, name = spec[0], spec[1]
        row, col = divmod(index, 5)
        lat0, lon0 = 53.73 + row * 0.18, -3.2 + col * 0.24
        lads.append(dict(code=code, name=name))
        share = wards // len(AREA_LADS) + (1 if index < wards % len(AREA_LADS) else 0)
        for number in range(share):
            ward_list.append(dict(code=f"E059{len(ward_list) + 1:05d}", name=f"{name} {number + 1}",
                                  lad=code, lat=lat0 + rng.uniform(0, 0.18),
                                  lon=lon0 + rng.uniform(0, 0.24)))
    return SimpleNamespace(wards=ward_list, lads=lads)


def svg_path_bytes(geometries):
    """Bytes of the SVG paths of these shapes in one map, as MapDrawing writes them."""
    shapes = [json.loads(g) for g in geometries]
    polygons = [[s["coordinates"]] if s["type"] == "Polygon" else s["coordinates"] for s in shapes]
    xs = [p[0] for shape in polygons for poly in shape for ring in poly for p in ring]
    ys = [p[1] for shape in polygons for poly in shape for ring in poly for p in ring]
    margin = max(max(xs) - min(xs), max(ys) - min(ys), 1) * 0.05
    span_x, span_y = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
    scale = min(1000 / span_x, 1300 / span_y)
    west, north = min(xs) - margin, max(ys) + margin

    def swift_round(v):  # Swift's rounded(): half away from zero
        return int(v + 0.5) if v >= 0 else -int(-v + 0.5)
    total = 0
    for shape in polygons:
        parts = []
        for poly in shape:
            for ring in poly:
                points = [(swift_round((x - west) * scale), swift_round((north - y) * scale))
                          for x, y in ring[:-1]]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(points) < 3:
                    continue
                text = f"M{points[0][0]} {points[0][1]}"
                for a, b in zip(points, points[1:]):
                    text += f"l{b[0] - a[0]} {b[1] - a[1]}"
                parts.append(text + "z")
        total += len("".join(parts))
    return total


def boundaries_case(args, work: Path, made: Path, run_measured, machine_facts):
    folder = work / "boundaries"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    geo = county(args.boundary_wards)
    generator.CELL_KM = args.boundary_cell_km
    generator.LAND_KM = 12.0  # the districts' wards tile the county without gaps
    print(f"generating {len(geo.wards)} wards on {generator.CELL_KM} km cells ...", flush=True)
    wards, _ = generator.build_boundaries(geo)
    geojson = folder / "wards.geojson"
    geojson.write_bytes(wards)
    lookup = folder / "wards.csv"
    lookup.write_text("WD24CD,WD24NM,LAD24CD,LAD24NM\n" + "".join(
        f"{w['code']},{w['name']},{w['lad']},{next(l['name'] for l in geo.lads if l['code'] == w['lad'])}\n"
        for w in geo.wards))
    workspace = folder / "workspace"
    subprocess.run([str(made), "init", str(workspace), "--quiet"], check=True)
    subprocess.run([str(made), "reference", "load", "wards", str(lookup), "--workspace",
                    str(workspace), "--quiet"], check=True)

    made_walls, anchor_walls, rss = [], [], []
    summary = ""
    for _ in range(args.runs):
        wall, peak = run_measured([sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))",
                                   geojson])
        anchor_walls.append(wall)
        out = folder / "load.txt"
        with open(out, "w") as handle:
            wall, peak = run_measured([made, "reference", "load", "boundaries", geojson,
                                       "--workspace", workspace], stdout=handle)
        made_walls.append(wall)
        rss.append(peak)
        summary = out.read_text()
    db = sqlite3.connect(workspace / "warehouse.sqlite")
    geometries = [g for (g,) in db.execute("SELECT geometry FROM ref_boundaries")]
    tolerance = db.execute("SELECT max(tolerance_m) FROM ref_boundaries").fetchone()[0]
    db.close()
    points = re.search(r"Simplified from (\d+) to (\d+) points", summary)
    change = re.search(r"area ([0-9.]+)%", summary)
    svg = svg_path_bytes(geometries)
    made_median, anchor_median = statistics.median(made_walls), statistics.median(anchor_walls)
    figures = {
        "machine": machine_facts(), "wards": len(geo.wards), "stored": len(geometries),
        "file_mb": geojson.stat().st_size / 1e6,
        "points_read": int(points.group(1)), "points_stored": int(points.group(2)),
        "tolerance_m": tolerance, "largest_area_change_pct": float(change.group(1)),
        "svg_paths_kb": svg / 1024, "target_kb": TARGET_KB,
        "made_median_s": made_median, "anchor_json_load_median_s": anchor_median,
        "ratio_to_anchor": made_median / anchor_median, "peak_rss_mb": max(rss),
        "walls_s": made_walls, "anchor_walls_s": anchor_walls,
    }
    print(f"\nboundaries: {figures['wards']} wards, {figures['file_mb']:.1f} MB of GeoJSON, "
          f"{figures['points_read']:,} points")
    print(f"  made reference load boundaries: median {made_median:.2f} s, peak RSS "
          f"{figures['peak_rss_mb']:.0f} MB; anchor json.load {anchor_median:.2f} s; ratio "
          f"{figures['ratio_to_anchor']:.2f}")
    print(f"  stored {figures['stored']} wards, {figures['points_stored']:,} points, tolerance "
          f"{tolerance:.1f} m, largest area change {figures['largest_area_change_pct']:.2f}%")
    verdict = "PASS" if figures["svg_paths_kb"] <= TARGET_KB else "FAIL"
    print(f"  all wards as one SVG map: {figures['svg_paths_kb']:.0f} KB of paths "
          f"(target < {TARGET_KB} KB): {verdict}")
    return figures

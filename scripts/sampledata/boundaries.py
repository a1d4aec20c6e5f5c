"""Synthetic ward and district boundaries for the invented wards, as the ONS Open Geography Portal
publishes boundaries: GeoJSON FeatureCollections in WGS84 (CRS84), properties WD24CD/WD24NM and
LAD24CD/LAD24NM.

The wards tile the land: a grid of ~400 m cells, each given to the nearest ward point (cells
further than LAND_KM from every ward are sea or moor, left out), so neighbouring wards share
their borders exactly, as real ones do. Grid corners are nudged by a fixed pseudo-random amount
so the borders are not staircases; a corner keeps its nudge in every ring that uses it."""

from __future__ import annotations

import json

from .common import SEED, fmt6
from .geography import Geo, km_to_deg

LAND_KM = 12.0
CELL_KM = 0.4
NUDGE = 0.3  # of a cell: below 0.35, nudged edges that do not meet cannot cross
CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}


def build_boundaries(geo: Geo):
    """(ward GeoJSON bytes, district GeoJSON bytes) for every ward and district of `geo`."""
    dlat, dlon = km_to_deg(CELL_KM, CELL_KM)
    lats = [w["lat"] for w in geo.wards]
    lons = [w["lon"] for w in geo.wards]
    margin_lat, margin_lon = km_to_deg(LAND_KM + 1, LAND_KM + 1)
    south, west = min(lats) - margin_lat, min(lons) - margin_lon
    rows = int((max(lats) + margin_lat - south) / dlat) + 1
    cols = int((max(lons) + margin_lon - west) / dlon) + 1

    wards = geo.wards
    lad_of = [w["lad"] for w in wards]
    label = assign_cells(wards, south, west, dlat, dlon, rows, cols)
    remove_saddles(label, rows, cols, lad_of)

    def corner(i, j):
        """Grid corner (row i, column j) as (lon, lat), nudged by a hash of its position."""
        h = (i * 73856093 ^ j * 19349663 ^ SEED) & 0xFFFFFFFF
        h = (h * 1103515245 + 12345) & 0xFFFFFFFF
        u = (h >> 8) / float(1 << 24) - 0.5
        h = (h * 1103515245 + 12345) & 0xFFFFFFFF
        v = (h >> 8) / float(1 << 24) - 0.5
        edge = i in (0, rows) or j in (0, cols)
        nudge = 0 if edge else 2 * NUDGE
        return (west + (j + u * nudge) * dlon, south + (i + v * nudge) * dlat)

    ward_rings = trace(label, rows, cols, lambda k: k)
    lad_rings = trace(label, rows, cols, lambda k: lad_of[k])
    ward_features = []
    for k, ward in enumerate(wards):
        assert k in ward_rings, f"ward {ward['code']} was given no land"
        ward_features.append(feature(
            {"WD24CD": ward["code"], "WD24NM": ward["name"], "WD24NMW": ""},
            ward_rings[k], corner))
    lad_features = []
    for lad in geo.lads:
        lad_features.append(feature(
            {"LAD24CD": lad["code"], "LAD24NM": lad["name"], "LAD24NMW": ""},
            lad_rings[lad["code"]], corner))
    return collection(ward_features), collection(lad_features)


def assign_cells(wards, south, west, dlat, dlon, rows, cols):
    """label[i][j]: the index of the ward nearest cell (i, j)'s centre, or None beyond LAND_KM.
    Every ward keeps at least the cell its point lies in."""
    bucket_km = LAND_KM
    buckets = {}
    for k, w in enumerate(wards):
        key = (int((w["lat"] - south) * 111.2 // bucket_km), int((w["lon"] - west) * 65.8 // bucket_km))
        buckets.setdefault(key, []).append(k)
    label = [[None] * cols for _ in range(rows)]
    for i in range(rows):
        lat = south + (i + 0.5) * dlat
        bi = int((lat - south) * 111.2 // bucket_km)
        for j in range(cols):
            lon = west + (j + 0.5) * dlon
            bj = int((lon - west) * 65.8 // bucket_km)
            best, best_d = None, LAND_KM * LAND_KM
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for k in buckets.get((bi + di, bj + dj), ()):
                        w = wards[k]
                        d = ((w["lat"] - lat) * 111.2) ** 2 + ((w["lon"] - lon) * 65.8) ** 2
                        if d < best_d or (d == best_d and best is not None and k < best):
                            best, best_d = k, d
            label[i][j] = best
    for k, w in enumerate(wards):
        label[int((w["lat"] - south) / dlat)][int((w["lon"] - west) / dlon)] = k
    return label


def remove_saddles(label, rows, cols, lad_of):
    """Where two cells of one ward (or one district) meet only at a corner, across two cells of
    others, the first of the others joins them: a ring never touches itself at a point."""
    def lad(k):
        return None if k is None else lad_of[k]

    for _ in range(100):
        changed = False
        for key in (lambda k: k, lad):
            for i in range(rows - 1):
                for j in range(cols - 1):
                    a, b = label[i][j], label[i][j + 1]
                    c, d = label[i + 1][j], label[i + 1][j + 1]
                    if key(a) == key(d) and key(b) != key(a) and key(c) != key(a):
                        label[i][j + 1] = a
                        changed = True
                    elif key(b) == key(c) and key(a) != key(b) and key(d) != key(b):
                        label[i][j] = b
                        changed = True
        if not changed:
            return
    raise AssertionError("saddles remain after 100 passes")


def trace(label, rows, cols, key):
    """{key: [ring, ...]} where each ring is a list of grid corners (i, j), closed, land on its
    left: anticlockwise outer rings, clockwise holes."""
    edges = {}
    for i in range(rows):
        for j in range(cols):
            k = label[i][j]
            if k is None:
                continue
            g = key(k)
            # The cell's sides, anticlockwise; a side shared with a cell of the same key is inside.
            for (a, b, ni, nj) in (((i, j), (i, j + 1), i - 1, j), ((i, j + 1), (i + 1, j + 1), i, j + 1),
                                   ((i + 1, j + 1), (i + 1, j), i + 1, j), ((i + 1, j), (i, j), i, j - 1)):
                inside = 0 <= ni < rows and 0 <= nj < cols and label[ni][nj] is not None \
                    and key(label[ni][nj]) == g
                if not inside:
                    edges.setdefault(g, {})[a] = b
    rings = {}
    for g, following in edges.items():
        left = dict(following)
        while left:
            start = min(left)
            ring = [start]
            point = left.pop(start)
            while point != start:
                ring.append(point)
                point = left.pop(point)
            ring.append(start)
            rings.setdefault(g, []).append(ring)
    return rings


def feature(properties, rings, corner):
    """A Feature of the rings: each ring with positive area (in lon/lat, with rows as latitude)
    is an outer ring, each with negative area a hole in the outer ring that holds it."""
    def area(ring):
        return sum(a[1] * b[0] - b[1] * a[0] for a, b in zip(ring, ring[1:])) / 2

    outers = [r for r in rings if area(r) > 0]
    holes = [r for r in rings if area(r) < 0]
    polygons = [[r] for r in sorted(outers, key=lambda r: -area(r))]
    for hole in holes:
        inside = [p for p in polygons if contains(p[0], hole[0])]
        assert inside, "a hole outside every outer ring"
        min(inside, key=lambda p: area(p[0])).append(hole)

    def position(point):
        lon, lat = corner(*point)
        return [float(fmt6(lon)), float(fmt6(lat))]

    coordinates = [[[position(p) for p in ring] for ring in polygon] for polygon in polygons]
    geometry = {"type": "Polygon", "coordinates": coordinates[0]} if len(coordinates) == 1 else \
        {"type": "MultiPolygon", "coordinates": coordinates}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def contains(ring, point):
    """Whether grid corner `point` (not on the ring) lies inside `ring` (even-odd rule)."""
    i, j = point
    crossings = 0
    for (ai, aj), (bi, bj) in zip(ring, ring[1:]):
        if aj == bj and min(ai, bi) <= i < max(ai, bi) and aj > j:
            crossings += 1
    return crossings % 2 == 1


def collection(features):
    """The FeatureCollection as ONS writes it: one feature per line."""
    for number, f in enumerate(features, start=1):
        f["properties"] = {"FID": number, **f["properties"]}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return ('{"type":"FeatureCollection","name":"boundaries","crs":' + json.dumps(CRS84)
            + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")

"""Ward populations (ONS mid-year estimate layout, mid-2022), and the population-weighted picks of
where a record's person lives or its offence happens."""

from __future__ import annotations

from .common import rng_for
from .geography import Geo


def age_weight(a: int) -> float:
    if a <= 17:
        return 1.10
    if a <= 24:
        return 1.15
    if a <= 44:
        return 1.25
    if a <= 64:
        return 1.30
    if a <= 74:
        return 1.10
    if a <= 84:
        return 0.70 - (a - 75) * 0.03
    return 0.35 - (a - 85) * 0.04


def build_population(geo: Geo):
    rng = rng_for("population")
    rows = []
    older_lads = {"E07000119", "E07000128", "E07000124"}  # Fylde, Wyre, Ribble Valley
    students = {"E07000123", "E07000121"}                   # Preston, Lancaster
    for ward in geo.wards:
        if not geo.in_area(ward["lad"]):
            continue
        total = sum(rng.randint(1350, 1850) for _ in ward["lsoas"])
        weights = []
        for a in range(90):
            w = age_weight(a)
            if ward["hot"] and 18 <= a <= 34:
                w *= 1.9 if ward["lad"] in students else 1.35
            if ward["lad"] in older_lads and a >= 60:
                w *= 1.35
            weights.append(w * rng.uniform(0.92, 1.08))
        weights.append(0.95 * (1.3 if ward["lad"] in older_lads else 1.0) * rng.uniform(0.85, 1.15))
        s = sum(weights)
        counts = [int(round(total * w / s)) for w in weights]
        rows.append((ward, sum(counts), counts))
    return rows


def area_ward_weights(geo: Geo, pop_rows, rng):
    items = []
    for ward, total, _ in pop_rows:
        items.append((ward, total * (3.0 if ward["hot"] else 1.0) * rng.uniform(0.7, 1.3)))
    return items


def active_postcodes(geo: Geo):
    return {l["code"]: [p for p in l["postcodes"] if not p["doterm"]] for l in geo.lsoas}


def lad_populations(geo: Geo, pop_rows, hot_factor: float):
    """Area LAD code -> population, a hot ward's counted hot_factor times."""
    populations = {code: 0.0 for code in geo.area_lad_codes()}
    for ward, total, _ in pop_rows:
        populations[ward["lad"]] += total * (hot_factor if ward["hot"] else 1.0)
    return populations


def lad_ward_picker(geo: Geo, pop_rows, hot_factor: float):
    """lad code -> (wards, cumulative weights): population-weighted (uniform outside area)."""
    totals = {w["code"]: t for w, t, _ in pop_rows}
    out = {}
    for lad in geo.lads:
        wards = [w for w in geo.wards if w["lad"] == lad["code"]]
        cum, acc = [], 0.0
        for w in wards:
            acc += totals.get(w["code"], 1500) * (hot_factor if w["hot"] else 1.0)
            cum.append(acc)
        out[lad["code"]] = (wards, cum)
    return out


def pick_home(rng, geo, pickers, active, lad_code):
    wards, cum = pickers[lad_code]
    ward = rng.choices(wards, cum_weights=cum, k=1)[0]
    lsoa = rng.choice(ward["lsoas"])
    return rng.choice(active[lsoa])


def write_postcode(rng, pc, blank=0.0, lower=0.0, nospace=0.0):
    r = rng.random()
    if r < blank:
        return ""
    r -= blank
    if r < lower:
        return pc["pcds"].lower()
    r -= lower
    if r < nospace:
        return pc["pcds"].replace(" ", "")
    return pc["pcds"]

"""Geography: LADs, wards, LSOAs (2021 and 2011), MSOAs, output areas and postcodes, all invented
inside the real LAD codes. One stream ("geography") draws them in a fixed order."""

from __future__ import annotations

import random

from .areas import (AREA_LADS, CTRY_ENGLAND, FORCED_WARD_NAMES, INVENTED_NAMES,
                    INWARD_LETTERS, OUTSIDE_LADS, PSEUDO, RGN_NORTH_WEST)
from .common import draw_unique, fmt6, rng_for, weighted


def km_to_deg(lat_km: float, lon_km: float):
    return lat_km / 111.2, lon_km / 65.8


def osgb(lat: float, lon: float):
    """Rough linear OSGB36 easting/northing around Preston (plausible, not survey grade)."""
    return (int(round(354000 + (lon + 2.7031) * 65900)),
            int(round(429500 + (lat - 53.7632) * 111250)))


class Geo:
    def __init__(self):
        self.lads = []       # dicts: code, name, area, outwards, cty, pfa
        self.wards = []      # dicts: code, name, lad, hot, outward, lat, lon, lsoas
        self.lsoas = []      # dicts: code, name, ward, lad, msoa, lat, lon, oas, sector, postcodes
        self.lsoa11 = []     # dicts: code, name, ward, lad, successor (2021 code)
        self.postcodes = []  # dicts (NSPL fields + lsoa/ward refs)
        self.pseudo_postcodes = []
        self.lad_by_code = {}
        self.ward_by_code = {}
        self.lsoa_by_code = {}
        self.postcode_taken = set()  # every postcode written, pseudo ones included

    def in_area(self, lad_code: str) -> bool:
        """Whether a LAD is one of the 14 in the VRN area (else one of the three neighbours)."""
        return self.lad_by_code[lad_code]["area"]

    def area_lad_codes(self):
        return [lad["code"] for lad in self.lads if lad["area"]]

    def outside_lad_codes(self):
        return [lad["code"] for lad in self.lads if not lad["area"]]


def build_geography() -> Geo:
    rng = rng_for("geography")
    geo = Geo()
    ward_no = 1000
    lsoa_no = 20000
    msoa_no = 8000
    oa_no = 30000

    def next_code(prefix, n):
        return f"{prefix}{n:05d}"

    for spec in AREA_LADS + OUTSIDE_LADS:
        area = spec in AREA_LADS
        if area:
            (code, name, main, second, places, outwards, centre, spread, n_wards, cty) = spec
            pfa = "E23000003"
            names = [(f"{main} Central", outwards[0], True, (0.0, 0.0))]
            if second:
                off = (rng.uniform(-0.6, 0.6) * spread, rng.uniform(-0.6, 0.6) * spread)
                names.append((f"{second[0]} Town Centre", second[1], True, off))
            directions = ["North", "South", "East", "West"]
            rng.shuffle(directions)
            shift = {"North": (1, 0), "South": (-1, 0), "East": (0, 1), "West": (0, -1)}
            for d in directions[:2]:
                dy, dx = shift[d]
                names.append((f"{main} {d}", outwards[0], False,
                              (dy * spread * 0.35, dx * spread * 0.35)))
            forced = FORCED_WARD_NAMES.get(code)
            if forced:
                names.append((forced, outwards[-1], False,
                              (rng.uniform(0.5, 1.0) * spread, rng.uniform(-1, 1) * spread)))
            pool = list(places)
            rng.shuffle(pool)
            candidates = []
            for i, p in enumerate(pool):
                r = rng.random()
                if r < 0.62:
                    candidates.append(p)
                elif r < 0.80 and i + 1 < len(pool):
                    candidates.append(f"{p} and {pool[(i + 1) % len(pool)]}")
                else:
                    candidates.append(f"{p} {rng.choice(['Park', 'Village', 'Moor', 'Rural'])}")
            invented = list(INVENTED_NAMES)
            rng.shuffle(invented)
            candidates += invented
            used = {n for n, _, _, _ in names}
            for cand in candidates:
                if len(names) >= n_wards:
                    break
                if cand in used:
                    continue
                used.add(cand)
                ow = weighted(rng, [(o, 3 if j == 0 else 1) for j, o in enumerate(outwards)])
                names.append((cand, ow, False,
                              (rng.uniform(-1, 1) * spread, rng.uniform(-1, 1) * spread)))
        else:
            (code, name, ward_names, outwards, centre, spread, cty, pfa) = spec
            names = [(wn, outwards[j % len(outwards)], False,
                      (rng.uniform(-1, 1) * spread, rng.uniform(-1, 1) * spread))
                     for j, wn in enumerate(ward_names)]
        lad = dict(code=code, name=name, area=area, outwards=outwards, cty=cty, pfa=pfa)
        geo.lads.append(lad)
        geo.lad_by_code[code] = lad

        msoa_in_lad = 0
        for (wname, outward, hot, (dy_km, dx_km)) in names:
            ward_no += rng.randint(1, 9)
            dlat, dlon = km_to_deg(dy_km, dx_km)
            wlat, wlon = centre[0] + dlat, centre[1] + dlon
            if area:
                wlat = min(max(wlat, 53.52), 54.18)
                wlon = min(max(wlon, -3.08), -2.12)
            ward = dict(code=next_code("E059", ward_no), name=wname, lad=code, hot=hot,
                        outward=outward, lat=wlat, lon=wlon, lsoas=[])
            geo.wards.append(ward)
            geo.ward_by_code[ward["code"]] = ward
            n_lsoa = rng.randint(4, 6) if area else rng.randint(3, 4)
            # MSOAs of at most five LSOAs, numbered within the LAD as ONS does.
            groups = [n_lsoa] if n_lsoa <= 5 else [n_lsoa - n_lsoa // 2, n_lsoa // 2]
            for size in groups:
                msoa_in_lad += 1
                msoa_no += rng.randint(1, 5)
                msoa_code = next_code("E029", msoa_no)
                for k in range(size):
                    lsoa_no += rng.randint(1, 7)
                    dlat, dlon = km_to_deg(rng.uniform(-0.9, 0.9), rng.uniform(-0.9, 0.9))
                    oas = []
                    for _ in range(rng.randint(4, 6)):
                        oa_no += rng.randint(1, 3)
                        oas.append(next_code("E009", oa_no))
                    lsoa = dict(code=next_code("E019", lsoa_no),
                                name=f"{name} {msoa_in_lad:03d}{chr(ord('A') + k)}",
                                ward=ward["code"], lad=code, msoa=msoa_code,
                                msoa_number=msoa_in_lad, letter_count=size,
                                lat=wlat + dlat, lon=wlon + dlon, oas=oas,
                                sector=rng.randint(0, 9), postcodes=[])
                    geo.lsoas.append(lsoa)
                    geo.lsoa_by_code[lsoa["code"]] = lsoa
                    ward["lsoas"].append(lsoa["code"])

    # 2011 vintage: ~5% of the area's LSOAs had another code in 2011 (boundary change or merge).
    lsoa11_no = 40000
    changed = {}
    area_lsoas = [l for l in geo.lsoas if geo.in_area(l["lad"])]
    picks = rng.sample(range(len(area_lsoas)), k=round(len(area_lsoas) * 0.05))
    for idx in sorted(picks):
        l21 = area_lsoas[idx]
        n_old = 2 if rng.random() < 0.3 else 1  # two 2011 LSOAs merged into one 2021 LSOA
        olds = []
        for j in range(n_old):
            lsoa11_no += rng.randint(1, 9)
            letter = chr(ord("A") + l21["letter_count"] + j + rng.randint(0, 2))
            olds.append(dict(code=next_code("E018", lsoa11_no),
                             name=f"{geo.lad_by_code[l21['lad']]['name']} "
                                  f"{l21['msoa_number']:03d}{letter}",
                             ward=l21["ward"], lad=l21["lad"], successor=l21["code"]))
        changed[l21["code"]] = olds
    for l in geo.lsoas:
        if l["code"] in changed:
            geo.lsoa11.extend(changed[l["code"]])
        else:
            geo.lsoa11.append(dict(code=l["code"], name=l["name"], ward=l["ward"],
                                   lad=l["lad"], successor=l["code"]))
    geo.lsoa11.sort(key=lambda r: r["code"])
    # Unique names in the 2011 table (letters chosen above may collide only by accident).
    seen = {}
    for r in geo.lsoa11:
        base = r["name"]
        while r["name"] in seen:
            r["name"] = base[:-1] + chr(ord(r["name"][-1]) + 1)
            base = r["name"]
        seen[r["name"]] = True

    build_postcodes(geo, rng)
    return geo


def inward(rng, sector=None) -> str:
    d = sector if sector is not None else rng.randint(0, 9)
    return f"{d}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def postcode_forms(outward: str, inw: str):
    return outward.ljust(4) + inw, outward.ljust(5) + inw, f"{outward} {inw}"


def build_postcodes(geo: Geo, rng: random.Random):
    taken = geo.postcode_taken  # membership only; never iterated
    rows = []
    for l in geo.lsoas:
        ward = geo.ward_by_code[l["ward"]]
        lad = geo.lad_by_code[l["lad"]]
        for _ in range(rng.randint(10, 12)):
            outward = ward["outward"] if rng.random() < 0.9 else rng.choice(lad["outwards"])
            inw = draw_unique(lambda: inward(rng, l["sector"] if rng.random() < 0.8 else None),
                              taken, key=lambda i: f"{outward} {i}")
            pcds = f"{outward} {inw}"
            lat = l["lat"] + rng.uniform(-0.0035, 0.0035)
            lon = l["lon"] + rng.uniform(-0.0055, 0.0055)
            east, north = osgb(lat, lon)
            if rng.random() < 0.55:
                dointr = "198001"
            else:
                dointr = f"{rng.randint(1981, 2023)}{rng.randint(1, 12):02d}"
            doterm = ""
            if rng.random() < 0.03:
                start = max(int(dointr[:4]) + 1, 1995)
                doterm = f"{rng.randint(start, 2024)}{rng.randint(1, 12):02d}"
            pcd, pcd2, _ = postcode_forms(outward, inw)
            pc = dict(pcd=pcd, pcd2=pcd2, pcds=pcds, dointr=dointr, doterm=doterm,
                      usertype="0", oseast1m=str(east), osnrth1m=str(north), osgrdind="1",
                      oa21=rng.choice(l["oas"]), cty=lad["cty"], laua=lad["code"],
                      ward=ward["code"], ctry=CTRY_ENGLAND, rgn=RGN_NORTH_WEST,
                      lsoa21=l["code"], msoa21=l["msoa"], lat=fmt6(lat), long=fmt6(lon),
                      pfa=lad["pfa"], outward=outward, inward=inw)
            rows.append(pc)
            l["postcodes"].append(pc)
    # A handful of postcodes with no grid reference: every geography is the pseudo code.
    for outward in ["PR1", "FY1", "BB1", "LA1", "BB11", "PR7"]:
        inw = draw_unique(lambda: inward(rng), taken, key=lambda i: f"{outward} {i}")
        pcds = f"{outward} {inw}"
        pcd, pcd2, _ = postcode_forms(outward, inw)
        pc = dict(pcd=pcd, pcd2=pcd2, pcds=pcds, dointr=f"{rng.randint(2019, 2024)}"
                  f"{rng.randint(1, 12):02d}", doterm="", usertype="0", oseast1m="",
                  osnrth1m="", osgrdind="9", oa21=PSEUDO, cty=PSEUDO, laua=PSEUDO,
                  ward=PSEUDO, ctry=CTRY_ENGLAND, rgn=RGN_NORTH_WEST, lsoa21=PSEUDO,
                  msoa21=PSEUDO, lat="99.999999", long="0.000000", pfa="E23000003",
                  outward=outward, inward=inw)
        rows.append(pc)
        geo.pseudo_postcodes.append(pc)
    rows.sort(key=lambda p: p["pcd"])
    geo.postcodes = rows

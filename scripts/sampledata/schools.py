"""reference/schools.csv: a GIAS extract of the area's schools, in Windows-1252 as GIAS
publishes it."""

from __future__ import annotations

from .areas import AREA_LADS
from .common import csv_line, csv_writer, draw_unique, rng_for, weighted
from .geography import Geo
from .population import active_postcodes

GIAS_HEADER = ["URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
               "TypeOfEstablishment (name)", "EstablishmentStatus (name)",
               "PhaseOfEducation (name)", "Postcode"]
# GIAS local authority codes (real): the 12 two-tier districts are Lancashire County Council's.
GIAS_LA = {"E06000008": ("889", "Blackburn with Darwen"), "E06000009": ("890", "Blackpool")}
GIAS_LA_COUNTY = ("888", "Lancashire")
RSQ = "\u2019"  # right single quotation mark, byte 0x92 in Windows-1252
SAINTS = ["Mary", "John", "Peter", "Paul", "Anne", "Joseph", "Michael", "Andrew", "Bede",
          "Wilfrid", "Augustine", "Cuthbert", "Oswald", "Thomas", "James", "Wulstan"]
SCHOOL_INVENTED = ["Brookside", "Larkfield", "Oakwood", "Moorland", "Hollins", "Fernhill",
                   "Ashworth", "Kingsfold", "Riverside", "Thornbury", "Heathfield", "Greenlands",
                   "Willow Bank", "Beech Hill", "Millfield", "Cherry Fold", "Foxdale", "Lindale"]
PRIMARY_NAMES = [("{place} Primary School", 30), ("{place} Community Primary School", 18),
                 ("St {saint}" + RSQ + "s Church of England Primary School", 5),
                 ("St {saint}" + RSQ + "s Catholic Primary School", 4),
                 ("{invented} Primary Academy", 10), ("{place} Methodist Primary School", 3),
                 ("Holy Trinity Church of England Primary School, {place}", 0),
                 ("{place} County Primary School", 6)]
SECONDARY_NAMES = [("{place} High School", 30), ("{place} Academy", 20),
                   ("St {saint}" + RSQ + "s Catholic High School", 6),
                   ("{invented} Community College", 8),
                   ("{place} Church of England Academy", 4)]
# LADs with a second secondary school (the larger towns).
TWO_SECONDARIES = {"E06000008", "E06000009", "E07000121", "E07000123"}
ACCENTED_SCHOOL = ("E07000123", "St Th\u00e9r\u00e8se of Lisieux Catholic Primary School")
COMMA_SCHOOL_LAD = "E07000124"  # "Holy Trinity Church of England Primary School, <place>"


def build_schools(geo: Geo):
    rng = rng_for("schools")
    active = active_postcodes(geo)
    schools = []
    names_used = set()
    numbers_used = set()
    pcs_used = set()
    for spec in AREA_LADS:
        code, _, main_town, second, places = spec[0], spec[1], spec[2], spec[3], spec[4]
        la_code, la_name = GIAS_LA.get(code, GIAS_LA_COUNTY)
        towns = [main_town] + ([second[0]] if second else [])
        pool = towns * 2 + list(places)
        lad_wards = [w for w in geo.wards if w["lad"] == code]

        def postcode_in_lad():
            ward = rng.choice(lad_wards)
            return rng.choice(active[rng.choice(ward["lsoas"])])

        plan = [("Primary", j) for j in range(3)] + \
            [("Secondary", j) for j in range(2 if code in TWO_SECONDARIES else 1)]
        for phase, j in plan:
            for _ in range(100):
                place = rng.choice(pool).replace("'", RSQ)
                templates = PRIMARY_NAMES if phase == "Primary" else SECONDARY_NAMES
                tpl = weighted(rng, templates)
                if phase == "Primary" and code == COMMA_SCHOOL_LAD and j == 1:
                    tpl = "Holy Trinity Church of England Primary School, {place}"
                name = tpl.format(place=place, saint=rng.choice(SAINTS),
                                  invented=rng.choice(SCHOOL_INVENTED))
                if phase == "Primary" and code == ACCENTED_SCHOOL[0] and j == 2:
                    name = ACCENTED_SCHOOL[1]
                if name not in names_used:
                    break
            names_used.add(name)
            faith = any(s in name for s in ("Catholic", "Church of England", "Methodist"))
            if "Academy" in name:
                kind = weighted(rng, [("Academy converter", 55), ("Academy sponsor led", 35),
                                      ("Free schools", 10)])
            elif faith:
                kind = weighted(rng, [("Voluntary aided school", 50),
                                      ("Voluntary controlled school",
                                       25 if phase == "Primary" else 0),
                                      ("Academy converter", 25)])
            else:
                kind = weighted(rng, [("Community school", 60), ("Foundation school", 10),
                                      ("Academy converter", 30)])
            base = (3000 if faith else 2000) if phase == "Primary" else (4600 if faith else 4000)
            span = 99 if (faith and phase == "Secondary") else 799
            number = draw_unique(lambda: base + rng.randint(1, span), numbers_used,
                                 key=lambda n: (la_code, n))
            pc = draw_unique(postcode_in_lad, pcs_used, key=lambda p: p["pcds"])
            schools.append(dict(lad=code, la_code=la_code, la_name=la_name, number=number,
                                name=name, kind=kind, status="Open", phase=phase,
                                postcode=pc["pcds"], size=rng.uniform(0.6, 1.4)))
    # Two academies whose predecessor school (same name and postcode, another URN) is in the
    # extract as Closed, as GIAS keeps them.
    academies = [s for s in schools if s["kind"].startswith("Academy")]
    closed = []
    for s in rng.sample(academies, k=2):
        faith = any(x in s["name"] for x in ("Catholic", "Church of England", "Methodist"))
        number = draw_unique(lambda: s["number"] + rng.randint(1, 40), numbers_used,
                             key=lambda n: (s["la_code"], n))
        closed.append(dict(s, number=number, status="Closed",
                           kind="Voluntary aided school" if faith else "Community school",
                           successor=s))
    # URNs: predecessors are older (lower) than every open school.
    urns = sorted(rng.sample(range(900001, 900400), k=len(schools) + len(closed)))
    for s, u in zip(closed, urns):
        s["urn"] = str(u)
    open_urns = urns[len(closed):]
    shuffled = list(schools)
    rng.shuffle(shuffled)
    for s, u in zip(shuffled, open_urns):
        s["urn"] = str(u)
    allrows = sorted(schools + closed, key=lambda s: s["urn"])
    w = csv_writer(GIAS_HEADER)
    notes = {"rsquo": [], "accent": None, "comma": None, "closed": []}
    for s in allrows:
        line = w.row(csv_line([s["urn"], s["la_code"], s["la_name"], str(s["number"]),
                               s["name"], s["kind"], s["status"], s["phase"], s["postcode"]]))
        if RSQ in s["name"]:
            notes["rsquo"].append(line)
        if "\u00e9" in s["name"]:
            notes["accent"] = (line, s["name"])
        if "," in s["name"]:
            notes["comma"] = (line, s["name"])
        if s["status"] == "Closed":
            notes["closed"].append((line, s["urn"], s["successor"]["urn"], s["name"]))
    data = w.text().encode("cp1252")
    return schools, allrows, data, notes

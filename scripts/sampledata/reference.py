"""The reference files: ONS/NSPL lookups, ward populations, the Home Office offence classification
and the DfE exclusion reasons."""

from __future__ import annotations

from .areas import PSEUDO
from .common import Writer, csv_line
from .geography import Geo

# Home Office offence codes: code, description, group, serious violence, knife eligible,
# indicative harm weight in days.
OFFENCES = [
    ("1", "Murder", "homicide", "Y", "Y", 5475),
    ("4/1", "Manslaughter", "homicide", "Y", "Y", 2920),
    ("4/2", "Infanticide", "homicide", "Y", "Y", 1095),
    ("2", "Attempted murder", "violence with injury", "Y", "Y", 4380),
    ("5D", "Assault with intent to cause serious harm", "violence with injury", "Y", "Y", 1460),
    ("5E", "Endangering life", "violence with injury", "Y", "Y", 730),
    ("8N", "Assault with injury", "violence with injury", "Y", "Y", 365),
    ("8P", "Racially or religiously aggravated assault with injury", "violence with injury",
     "Y", "Y", 455),
    ("3B", "Threats to kill", "violence without injury", "Y", "Y", 365),
    ("105A", "Assault without injury", "violence without injury", "N", "N", 20),
    ("105B", "Racially or religiously aggravated assault without injury",
     "violence without injury", "N", "N", 60),
    ("8L", "Harassment", "stalking and harassment", "N", "N", 30),
    ("8M", "Racially or religiously aggravated harassment", "stalking and harassment", "N", "N",
     60),
    ("8Q", "Stalking", "stalking and harassment", "N", "N", 180),
    ("34A", "Robbery of business property", "robbery", "Y", "Y", 365),
    ("34B", "Robbery of personal property", "robbery", "Y", "Y", 365),
    ("19C", "Rape of a female aged 16 and over", "sexual offences", "Y", "Y", 1825),
    ("19D", "Rape of a female child under 16", "sexual offences", "Y", "Y", 2920),
    ("19E", "Rape of a female child under 13", "sexual offences", "Y", "Y", 3650),
    ("19F", "Rape of a male aged 16 and over", "sexual offences", "Y", "Y", 1825),
    ("19G", "Rape of a male child under 16", "sexual offences", "Y", "Y", 2920),
    ("19H", "Rape of a male child under 13", "sexual offences", "Y", "Y", 3650),
    ("17A", "Sexual assault on a male aged 13 and over", "sexual offences", "N", "Y", 365),
    ("17B", "Sexual assault on a male child under 13", "sexual offences", "Y", "Y", 1460),
    ("20A", "Sexual assault on a female aged 13 and over", "sexual offences", "N", "Y", 365),
    ("20B", "Sexual assault on a female child under 13", "sexual offences", "Y", "Y", 1460),
    ("10A", "Possession of firearms with intent", "possession of weapons", "Y", "N", 1825),
    ("10B", "Possession of firearms offences, excluding with intent", "possession of weapons",
     "N", "N", 730),
    ("10C", "Possession of other weapons", "possession of weapons", "N", "N", 60),
    ("10D", "Possession of article with blade or point", "possession of weapons", "Y", "N", 180),
    ("81", "Other firearms offences", "possession of weapons", "N", "N", 365),
    ("90", "Other knives offences, including sale to persons under 18", "possession of weapons",
     "N", "N", 30),
]
WEIGHT_SOURCE = ("indicative sample value; official table: Cambridge Crime Harm Index "
                 "(Sherman, Neyroud & Neyroud 2016)")
OFFENCE_BY_CODE = {o[0]: o for o in OFFENCES}

# DfE suspension and permanent exclusion reason codes (school census, from 2023/24), with the
# local violence-related flag the indicators use.
EXCLUSION_REASONS = [
    ("PP", "Physical assault against a pupil", "Y"),
    ("PA", "Physical assault against an adult", "Y"),
    ("OW", "Use or threat of use of an offensive weapon or prohibited item", "Y"),
    ("VP", "Verbal abuse or threatening behaviour against a pupil", "Y"),
    ("VA", "Verbal abuse or threatening behaviour against an adult", "Y"),
    ("SM", "Sexual misconduct", "N"),
    ("BU", "Bullying", "N"),
    ("RA", "Racist abuse", "N"),
    ("AS", "Abuse against sexual orientation and gender identity", "N"),
    ("AD", "Abuse relating to disability", "N"),
    ("DA", "Use or threat of use of drugs or alcohol", "N"),
    ("DM", "Damage", "N"),
    ("TH", "Theft", "N"),
    ("MT", "Persistent or general disruptive behaviour", "N"),
    ("OL", "Inappropriate use of social media or online technology", "N"),
    ("WT", "Wilful and repeated transgression of protective measures", "N"),
    ("OT", "Other", "N"),
]


def reference_files(geo: Geo, pop_rows):
    files = {}
    notes = {}
    nl = "\r\n"
    wards = sorted(geo.wards, key=lambda w: w["code"])
    w = Writer("FID,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for i, ward in enumerate(wards, 1):
        lad = geo.lad_by_code[ward["lad"]]
        line = w.row(csv_line([str(i), ward["code"], ward["name"], lad["code"], lad["name"]]))
        if "," in ward["name"] or "'" in ward["name"]:
            notes.setdefault("wards", []).append((line, ward["name"]))
    files["reference/wards.csv"] = w.text()

    w = Writer("FID,LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for i, l in enumerate(sorted(geo.lsoas, key=lambda x: x["code"]), 1):
        ward = geo.ward_by_code[l["ward"]]
        lad = geo.lad_by_code[l["lad"]]
        w.row(csv_line([str(i), l["code"], l["name"], ward["code"], ward["name"], lad["code"],
                        lad["name"]]))
    files["reference/lsoa-wards.csv"] = w.text()

    w = Writer("LSOA11CD,LSOA11NM,WD24CD,WD24NM,LAD24CD,LAD24NM", nl)
    for r in geo.lsoa11:
        ward = geo.ward_by_code[r["ward"]]
        lad = geo.lad_by_code[r["lad"]]
        line = w.row(csv_line([r["code"], r["name"], ward["code"], ward["name"], lad["code"],
                               lad["name"]]))
        if r["code"] != r["successor"]:
            notes.setdefault("lsoa11", []).append((line, r["code"], r["successor"]))
    files["reference/lsoa11-wards.csv"] = w.text()

    cols = ["pcd", "pcd2", "pcds", "dointr", "doterm", "usertype", "oseast1m", "osnrth1m",
            "osgrdind", "oa21", "cty", "laua", "ward", "ctry", "rgn", "lsoa21", "msoa21", "lat",
            "long", "pfa"]
    w = Writer(",".join(cols), nl)
    for p in geo.postcodes:
        line = w.row(csv_line([p[c] for c in cols]))
        if p["laua"] == PSEUDO:
            notes.setdefault("pseudo", []).append((line, p["pcds"]))
        elif p["doterm"]:
            notes.setdefault("terminated", []).append((line, p["pcds"]))
        elif not geo.in_area(p["laua"]):
            notes.setdefault("outside-postcodes", []).append((line, p["pcds"]))
    files["reference/postcodes.csv"] = w.text()

    header = ["Ward Code 1", "Ward Name 1", "LA Code (2021 boundaries)",
              "LA name (2021 boundaries)", "All Ages"] + [str(a) for a in range(90)] + ["90+"]
    w = Writer(csv_line(header), nl)
    for ward, total, counts in pop_rows:
        lad = geo.lad_by_code[ward["lad"]]
        w.row(csv_line([ward["code"], ward["name"], lad["code"], lad["name"], str(total)]
                       + [str(c) for c in counts]))
    files["reference/population.csv"] = w.text()

    w = Writer("code,description,group,serious_violence,knife_eligible,harm_weight_days,"
               "weight_source", "\n")
    for (code, desc, group, sv, knife, days) in OFFENCES:
        line = w.row(csv_line([code, desc, group, sv, knife, str(days), WEIGHT_SOURCE]))
        if "," in desc:
            notes.setdefault("offences", []).append((line, code))
    files["reference/offences.csv"] = w.text()
    return {k: v.encode("utf-8") for k, v in files.items()}, notes


def exclusion_reasons_csv() -> bytes:
    lines = ["code,description,violence_related"] + [f"{c},{d},{v}" for c, d, v in
                                                     EXCLUSION_REASONS]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")

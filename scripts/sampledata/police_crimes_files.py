"""police-crimes files: each month's records written as the force delivers them, with the awkward
cases (a)-(f) of SampleData/README.md placed on purpose, and the deliveries that must be
quarantined (g)."""

from __future__ import annotations

import random

from .common import Writer, csv_line, gzip_bytes
from .geography import Geo
from .police_crimes import POLICE_CRIMES_MONTHS, crime_fields, expected_geography
from .reference import OFFENCE_BY_CODE

POLICE_CRIMES_HEADER = ["Crime Reference", "Recorded Date", "Committed Date", "Committed Time",
                        "HO Offence Code", "Offence Description", "Offence Postcode",
                        "LSOA Code", "Victim Age", "Victim Sex", "Weapon", "Domestic Abuse",
                        "Outcome"]
# police-crimes-2024-11.csv: a different column order, headers in other case and spacing.
REORDERED_HEADER = [("Crime Reference", "crime reference"),
                    ("HO Offence Code", " HO offence code "),
                    ("Offence Description", "offence description"),
                    ("Recorded Date", "RECORDED DATE"),
                    ("Committed Date", "committed date"),
                    ("Committed Time", "Committed time "),
                    ("LSOA Code", "lsoa code"),
                    ("Offence Postcode", " Offence postcode"),
                    ("Victim Age", "victim age"),
                    ("Victim Sex", "VICTIM SEX"),
                    ("Weapon", "weapon"),
                    ("Outcome", "outcome"),
                    ("Domestic Abuse", "Domestic abuse")]

# Months delivered gzipped: all but those that carry an awkward case (kept plain to read).
AWKWARD_MONTHS = {"2024-06", "2024-09", "2024-11", "2025-01", "2025-02", "2025-03"}
GZIP_MONTHS = {f"{y}-{m:02d}" for (y, m) in POLICE_CRIMES_MONTHS} - AWKWARD_MONTHS

# Deliveries the loader must quarantine whole (the demo shows them on purpose).
QUARANTINED = {
    "police-crimes-2025-03-copy-interrupted.csv.gz": {
        "reason": "truncated-gzip",
        "why": "the gzip of police-crimes-2025-03.csv cut at 60% of its bytes, as an "
               "interrupted transfer leaves it",
    },
    "police-crimes-2025-02-wrong-export.csv": {
        "reason": "missing-required-column",
        "why": "the first 20 rows of 2025-02 from a different report that has no "
               "`HO Offence Code` column",
    },
}


def write_police_crimes(geo: Geo, months, rng: random.Random):
    """Returns (files written: name -> bytes, expected, awkward-case notes)."""
    files = {}
    expected = {}
    notes = {}
    malformed_plan = {}
    # (e) four malformed rows in 2025-02, at fixed random positions
    feb = months["2025-02"]
    positions = sorted(rng.sample(range(50, len(feb) - 50), k=4))
    kinds = ["wrong-field-count", "bad-date", "unknown-code", "bad-age"]
    rng.shuffle(kinds)
    for pos, kind in zip(positions, kinds):
        malformed_plan[pos] = kind
    # (c) the resend corrects three 105A rows of 2025-01 to 8N
    jan = months["2025-01"]
    candidates = [i for i, r in enumerate(jan) if r["code"] == "105A"]
    corrected_idx = sorted(rng.sample(candidates, k=3))
    # (f) one row in 2025-03 with a comma, a doubled quote and an embedded newline
    mar = months["2025-03"]
    f_idx = rng.choice([i for i, r in enumerate(mar) if r["code"] == "8N" and 100 <= i < len(mar) - 100])
    f_desc = 'Assault with injury, victim reports "glassing"\nat licensed premises (see MG5)'

    plan = []
    for key, recs in months.items():
        name = f"police-crimes-{key}.csv" + (".gz" if key in GZIP_MONTHS else "")
        plan.append((name, key, recs, None))
        if key == "2025-01":
            plan.append(("police-crimes-2025-01-resend.csv", key, recs, "resend"))

    for name, key, recs, variant in plan:
        encoding, bom, newline = "utf-8", False, "\r\n"
        order = POLICE_CRIMES_HEADER
        header_names = POLICE_CRIMES_HEADER
        if key == "2024-06":
            encoding = "cp1252"
        if key == "2024-09":
            bom, newline = True, "\n"
        if key == "2024-11":
            order = [canon for canon, _ in REORDERED_HEADER]
            header_names = [shown for _, shown in REORDERED_HEADER]
        w = Writer(",".join(header_names), newline)
        info = dict(rows=0, encoding="windows-1252" if encoding == "cp1252" else "utf-8",
                    bom=bom, line_ending="LF" if newline == "\n" else "CRLF",
                    gzip=name.endswith(".gz"), malformed=[], rows_rejected=0)
        by_group = {}
        geo_counts = {"postcode": 0, "lsoa": 0, "none": 0}
        status_counts = {"in_area": 0, "outside_area": 0, "unplaced": 0}
        placed_by_lad = {code: 0 for code in geo.area_lad_codes()}
        forms = {}
        en_dash_lines = []
        corrected = []
        multiline = None
        for i, r in enumerate(recs):
            fields = crime_fields(r)
            code = r["code"]
            kind = malformed_plan.get(i) if key == "2025-02" else None
            if variant == "resend" and i in corrected_idx:
                code = "8N"
                fields["HO Offence Code"] = "8N"
                fields["Offence Description"] = OFFENCE_BY_CODE["8N"][1]
            if key == "2024-06" and " - " in fields["Outcome"]:
                fields["Outcome"] = fields["Outcome"].replace(" - ", " \u2013 ")
            if key == "2025-03" and i == f_idx:
                fields["Offence Description"] = f_desc
            if kind == "bad-date":
                fields["Recorded Date"] = "31/02/2025"
            elif kind == "unknown-code":
                fields["HO Offence Code"] = "99Z"
                fields["Offence Description"] = "Offence code not recognised"
            elif kind == "bad-age":
                fields["Victim Age"] = "abc"
            values = [fields[c] for c in order]
            if kind == "wrong-field-count":
                values = [v for c, v in zip(order, values) if c != "Committed Time"]
            line = w.row(csv_line(values))
            info["rows"] += 1
            if kind:
                reason = {"wrong-field-count": "wrong-field-count", "bad-date": "type-error",
                          "unknown-code": "unknown-code", "bad-age": "type-error"}[kind]
                field = {"wrong-field-count": None, "bad-date": "Recorded Date",
                         "unknown-code": "HO Offence Code", "bad-age": "Victim Age"}[kind]
                value = {"wrong-field-count": None, "bad-date": "31/02/2025",
                         "unknown-code": "99Z", "bad-age": "abc"}[kind]
                info["malformed"].append(dict(line=line, crime_reference=r["ref"],
                                              reason=reason, field=field, value=value,
                                              fields=len(values)))
                continue
            if "\u2013" in fields["Outcome"]:
                en_dash_lines.append(line)
            if variant == "resend" and i in corrected_idx:
                corrected.append(dict(crime_reference=r["ref"], line=line, from_code=r["code"],
                                      to_code="8N"))
            if key == "2025-03" and i == f_idx:
                multiline = dict(line=line, last_line=w.line, crime_reference=r["ref"],
                                 offence_description=f_desc)
            group = OFFENCE_BY_CODE[code][2]
            by_group[group] = by_group.get(group, 0) + 1
            method, status, lad, _ = expected_geography(geo, r)
            geo_counts[method] += 1
            status_counts[status] += 1
            if status == "in_area":
                placed_by_lad[lad] += 1
            label = r["category"] if r["category"] != "normal" else f"normal-{r['form']}"
            forms[label] = forms.get(label, 0) + 1
            if r["category"] != "normal" or r["form"] != "canonical":
                notes.setdefault((name, label), []).append(line)
        info["rows_rejected"] = len(info["malformed"])
        info["rows_loaded"] = info["rows"] - info["rows_rejected"]
        info["physical_lines"] = w.line
        info["by_group"] = {g: by_group[g] for g in sorted(by_group)}
        info["geo_method"] = geo_counts
        info["geo_status"] = status_counts
        info["in_area_by_lad"] = placed_by_lad
        info["postcode_cases"] = {k: forms[k] for k in sorted(forms)}
        if en_dash_lines:
            info["rows_with_en_dash_outcome"] = len(en_dash_lines)
            notes[(name, "en-dash")] = en_dash_lines
        if corrected:
            info["corrected"] = corrected
        if multiline:
            info["multiline_row"] = multiline
        text = w.text()
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        files[name] = data
        expected[name] = info
    return files, expected, notes


def quarantined_deliveries(files) -> dict:
    """The deliveries of QUARANTINED (name -> bytes), cut from the plain months they copy."""
    whole = gzip_bytes(files["police-crimes-2025-03.csv"])
    february = files["police-crimes-2025-02.csv"].decode("utf-8").split("\r\n")
    drop = february[0].split(",").index("HO Offence Code")
    wrong = [",".join(f for i, f in enumerate(line.split(",")) if i != drop)
             for line in february[:21]]
    return {"police-crimes-2025-03-copy-interrupted.csv.gz": whole[: len(whole) * 6 // 10],
            "police-crimes-2025-02-wrong-export.csv":
                ("\r\n".join(wrong) + "\r\n").encode("utf-8")}

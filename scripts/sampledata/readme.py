"""SampleData/README.md: what is there, and the file and line of every deliberately awkward
case."""

from __future__ import annotations

from .ae import AE_NHS_FILE
from .police_crimes import DEFAULT_SCALE
from .method_rules import METHOD_RULES
from .police_crimes_files import QUARANTINED, REORDERED_HEADER
from .police_uk import POLICE_UK_GZIP_MONTHS, POLICE_UK_MONTHS, POLICE_UK_PLAIN_MONTHS
from .readme_feeds import feeds_readme, fmt_lines
from .reference import EXCLUSION_REASONS, OFFENCES


def build_readme(geo, ref_notes, pc_expected, pc_notes, uk_expected, uk_notes, sizes, feeds):
    n_area_wards = sum(1 for w in geo.wards if geo.in_area(w["lad"]))
    n_area_lsoas = sum(1 for l in geo.lsoas if geo.in_area(l["lad"]))
    L = []
    a = L.append
    a("# SampleData: a synthetic Lancashire")
    a("")
    a("Written by `scripts/generate-sample-data.py` (deterministic, seed 20261127). Do not edit "
      "these files by hand: change the generator and run it again (`python3 "
      "scripts/generate-sample-data.py`); two runs give byte-identical files.")
    a("")
    a("**Everything here is synthetic.** The 14 Lancashire district (LAD) codes and names, the "
      "three neighbouring LADs (E08000010 Wigan, E08000014 Sefton, E06000064 Westmorland and "
      "Furness), the Home Office offence codes, the NSPL county/region/police-force-area codes "
      "and the data.police.uk crime categories are real published codes. Every ward "
      "(`E059…`), LSOA (`E019…`, 2011 `E018…`), MSOA (`E029…`), output area (`E009…`), "
      "postcode, population figure, crime reference, crime ID and record is invented; no real "
      "person, place-level statistic or real postcode-to-area assignment is represented. "
      "Outward codes (PR1, FY1, BB11 …) are real districts; the inward parts are random.")
    a("")
    a("The same holds for the partner feeds: the GIAS local authority codes, the DfE "
      "exclusion reason codes and the NHS trust prefixes (RXN, RXR, RXL) are real codes; "
      "every school (URN, name), pupil (UPN, date of birth), youth offending case ID, NHS "
      "number (all in the never-issued 999 range), attendance and record is invented.")
    a("")
    a("## What is here")
    a("")
    a("| path | what | size |")
    a("|---|---|---|")
    desc = {
        "reference/wards.csv": f"ONS ward→LAD lookup layout; {len(geo.wards)} wards "
                               f"({n_area_wards} in the 14 area LADs, the rest in the 3 "
                               f"neighbours)",
        "reference/lsoa-wards.csv": f"ONS LSOA(2021)→ward best-fit layout; {len(geo.lsoas)} "
                                    f"LSOAs ({n_area_lsoas} in area)",
        "reference/lsoa11-wards.csv": f"2011-vintage LSOA→ward; {len(geo.lsoa11)} LSOAs "
                                      f"(~5% with a 2011-only `E018…` code)",
        "reference/postcodes.csv": f"NSPL layout; {len(geo.postcodes)} postcodes",
        "reference/population.csv": "ONS ward mid-year estimates (mid-2022: load with "
                                    "`--year 2022`), single year of age 0–89 and 90+, area "
                                    "wards only",
        "reference/offences.csv": f"offence classification, {len(OFFENCES)} Home Office codes, "
                                  "indicative harm weights (LF line endings)",
        "reference/method-rules.csv": f"{len(METHOD_RULES)} keyword rules that classify A&E "
                                      "method free text (`made reference load method-rules`)",
        "reference/exclusion-reasons.csv": f"{len(EXCLUSION_REASONS)} DfE suspension and "
                                           "exclusion reason codes with a violence-related flag",
        "inbox/police-crimes/": "the force's violence extract, 2023-04 … 2025-03 (gzipped but "
                                "for the months with an awkward case) plus one resend",
        "inbox/police-uk/": f"data.police.uk street-level files, {POLICE_UK_MONTHS[0]} … "
                            f"{POLICE_UK_MONTHS[-1]} ({len(POLICE_UK_MONTHS)} months; "
                            f"{POLICE_UK_GZIP_MONTHS[0]} … {POLICE_UK_GZIP_MONTHS[-1]} gzipped)",
        "reference/schools.csv": f"GIAS extract (Windows-1252), {len(feeds['schools'])} "
                                 "schools in the 14 area LADs",
        "reference/ward-boundaries.geojson": f"ONS boundary GeoJSON layout (WGS84, WD24CD/"
                                             f"WD24NM); {len(geo.wards)} invented wards tiling "
                                             "a grid of ~400 m cells, borders shared exactly "
                                             "(`made reference load boundaries`)",
        "reference/district-boundaries.geojson": f"the same for the {len(geo.lads)} districts "
                                                 "(LAD24CD/LAD24NM), the union of their wards",
        "inbox/school-absence/": "pupil absence by term, 2023/24 and 2024/25 (6 files)",
        "inbox/school-suspensions/": "suspensions and permanent exclusions, 2023-09 … 2025-03 "
                                     "(term-time months)",
        "inbox/yot-offences/": "youth offending service offences, 2023-04 … 2025-03",
        "inbox/ae-attendances/": "A&E assault attendances (ISTV), 2023-04 … 2025-03, plus one "
                                 "delivery that must be quarantined",
        "expected.json": "figures computed by the generator for end-to-end tests",
    }
    for k, v in desc.items():
        a(f"| `{k}` | {v} | {sizes[k]} |")
    a("")
    a("ONS/NSPL reference files use CRLF line endings, UTF-8 without BOM. Headers are exactly "
      "the published ones.")
    a("")
    a("## Reference data: the awkward cases")
    a("")
    for line, name in ref_notes.get("wards", []):
        a(f"- `reference/wards.csv` line {line}: ward name `{name}` "
          f"({'contains a comma, so it is quoted' if ',' in name else 'contains an apostrophe'}).")
    pseudo = ref_notes["pseudo"]
    a(f"- `reference/postcodes.csv` lines {', '.join(str(x) for x, _ in pseudo)}: "
      f"{len(pseudo)} postcodes ({', '.join(p for _, p in pseudo)}) with no grid reference: "
      "`laua`, `ward`, `cty`, `oa21`, `lsoa21`, `msoa21` are the pseudo code `E99999999`, `osgrdind` 9, "
      "blank eastings/northings, lat 99.999999, long 0.000000 (as NSPL publishes them). "
      "Expected: loaded, but they place nothing (a record with one is unplaced unless its LSOA "
      "resolves). No record in the inbox uses them.")
    term = ref_notes["terminated"]
    a(f"- `reference/postcodes.csv`: {len(term)} terminated postcodes (`doterm` set), e.g. lines "
      f"{', '.join(str(x) for x, _ in term[:5])}. Expected: still resolvable.")
    out_pc = ref_notes["outside-postcodes"]
    a(f"- `reference/postcodes.csv`: {len(out_pc)} postcodes in the three outside LADs, e.g. "
      f"line {out_pc[0][0]} ({out_pc[0][1]}). Expected: resolve to an outside LAD "
      "(`outside_area`).")
    a("- `reference/postcodes.csv`: `cty` is `E10000017` (Lancashire) for the 12 two-tier "
      "districts but `E99999999` for the unitaries (Blackburn with Darwen, Blackpool, "
      "Westmorland and Furness) and `E11000001`/`E11000002` for Wigan/Sefton, as in the real "
      "NSPL: do not use `cty` to decide what is in the area.")
    l11 = ref_notes["lsoa11"]
    a(f"- `reference/lsoa11-wards.csv`: {len(l11)} 2011-only codes (`E018…`, lines "
      f"{l11[0][0]}–{l11[-1][0]}); some pairs map to the same 2021 LSOA (a merge). All other "
      "2011 codes equal their 2021 code.")
    for line, code in ref_notes.get("offences", []):
        a(f"- `reference/offences.csv` line {line}: code {code}, description contains a comma "
          "(quoted).")
    a("")
    a("## police-crimes: the awkward cases")
    a("")
    a("Rows are ordered by recorded date. CRLF, UTF-8, no BOM unless stated. Line numbers are "
      "as a text editor counts them (header = line 1).")
    a("")
    e = pc_expected
    a(f"- **(a) `police-crimes-2024-06.csv` is Windows-1252.** The outcome phrases with a dash "
      f"are written with an en dash (byte 0x96), e.g. \"Evidential difficulties – victim does "
      f"not support action\", on {e['police-crimes-2024-06.csv']['rows_with_en_dash_outcome']} "
      f"rows, e.g. lines {fmt_lines(pc_notes[('police-crimes-2024-06.csv', 'en-dash')])}. The "
      "file is not valid UTF-8. Expected: decoded as Windows-1252 (U+2013 in the stored "
      "outcome), all rows load.")
    a("- **(b) `police-crimes-2024-09.csv` starts with a UTF-8 BOM (EF BB BF) and uses LF line "
      "endings.** Expected: header matches (the BOM is not part of `Crime Reference`), all rows "
      "load.")
    cor = e["police-crimes-2025-01-resend.csv"]["corrected"]
    a("- **(c) `police-crimes-2025-01-resend.csv`** repeats every row of "
      "`police-crimes-2025-01.csv` identically, in the same order, except lines "
      + ", ".join(f"{c['line']} ({c['crime_reference']})" for c in cor)
      + ", whose HO Offence Code is corrected 105A → 8N (with its description). Expected: "
      "same crime references upserted; 3 prior versions go to history; counts of 105A fall "
      "by 3 and 8N rise by 3 for 2025-01.")
    a("- **(d) `police-crimes-2024-11.csv` has its columns in another order** and headers in "
      "other case and spacing (line 1: `" + ",".join(s for _, s in REORDERED_HEADER)
      + "`). Expected: matched case- and space-insensitively; all rows load.")
    mal = e["police-crimes-2025-02.csv"]["malformed"]
    a("- **(e) `police-crimes-2025-02.csv` has four malformed rows:**")
    for m in mal:
        what = {"wrong-field-count": "12 fields instead of 13 (Committed Time missing)",
                "type-error": f"`{m['field']}` = `{m['value']}`",
                "unknown-code": "`HO Offence Code` = `99Z` (not in offences.csv)"}[m["reason"]]
        a(f"  - line {m['line']} ({m['crime_reference']}): {what} → reject `{m['reason']}`.")
    ml = e["police-crimes-2025-03.csv"]["multiline_row"]
    a(f"- **(f) `police-crimes-2025-03.csv` lines {ml['line']}–{ml['last_line']}** "
      f"({ml['crime_reference']}): Offence Description is a quoted field with a comma, a "
      "doubled quote and an embedded LF: `Assault with injury, victim reports \"glassing\"` / "
      "`at licensed premises (see MG5)`. Expected: one row; it loads; from there on data row n "
      "sits on line n + 2, not n + 1.")
    a("- **Offence Postcode** (every file): ~70% `PR1 8XB`, ~10% lower case, ~10% without "
      "space, ~5% with two spaces; ~4% blank; ~0.5% well-formed but not in the directory; "
      "~0.3% rubbish (`UNKNOWN`, `N/A`, `TBC`); ~0.3% terminated; ~0.2% in an outside LAD. "
      "LSOA Code is filled on ~60% of rows (2021 codes). Expected placement: by postcode when "
      "it is in the directory (terminated ones included), else by LSOA when given, else "
      "unplaced; none of these is a reject. First examples in `police-crimes-2025-03.csv`:")
    f0 = "police-crimes-2025-03.csv"
    for label, title in [("normal-lower", "lower case"), ("normal-nospace", "no space"),
                         ("normal-double", "double space"), ("blank", "blank"),
                         ("not-in-directory", "not in the directory"),
                         ("rubbish", "rubbish"), ("terminated", "terminated"),
                         ("outside", "outside LAD")]:
        lines = pc_notes.get((f0, label), [])
        a(f"  - {title}: lines {fmt_lines(lines, 4)}")
    a("- Crime references `LC-YY-NNNNNNN` are unique across files (the resend excepted). "
      "Sexual-offence victims' age and sex agree with the code (e.g. 19E: female under 13). "
      "Victim Age is blank on ~5% of rows, Committed Time on ~10%.")
    a("- **(g) Deliveries that cannot be loaded** (the demo quarantines them on purpose; nothing "
      "from them is loaded):")
    for name, info in sorted(QUARANTINED.items()):
        a(f"  - `{name}`: {info['why']} → `{info['reason']}`.")
    a("")
    a("## police-uk: what to expect")
    a("")
    a("Exactly as data.police.uk publishes: CRLF, UTF-8, no quirks in the header. Per month "
      "~4,000 rows: ~30% anti-social behaviour (blank Crime ID and outcome); ~3% `No Location` "
      "(blank coordinates and LSOA); ~3% a 2011-only LSOA code (resolve through "
      "`lsoa11-wards.csv`); ~2% an LSOA in an outside LAD; the rest 2021 area LSOAs.")
    a("")
    a(f"Twelve months, {POLICE_UK_MONTHS[0]} … {POLICE_UK_MONTHS[-1]} (a financial year, and a "
      f"rolling 12 months to {POLICE_UK_MONTHS[-1]}). The older months, "
      f"{POLICE_UK_GZIP_MONTHS[0]} … {POLICE_UK_GZIP_MONTHS[-1]}, are gzipped (`.csv.gz`) to "
      f"keep the repository small; the latest {len(POLICE_UK_PLAIN_MONTHS)} stay plain to "
      "read. Line numbers below count lines of the decompressed text.")
    a("")
    for name, ex in uk_expected.items():
        fl = uk_notes[name]
        a(f"- `{name}`: {ex['rows']} rows, {ex['asb_rows']} ASB, first no-location line "
          f"{fl['no-location']}, first 2011-code line {fl['lsoa11']}, first outside-area line "
          f"{fl['outside-area']}; {ex['duplicate_content_rows']} rows (all ASB, blank Crime "
          f"ID) repeat an earlier row's content exactly (real files do this too), first at "
          f"line {fl.get('duplicate-content', '-')}.")
    a("")
    L.extend(feeds_readme(feeds))
    a("## expected.json")
    a("")
    a("Computed by the generator from what it wrote, independently of the Swift code:")
    a("")
    a("- `schools`: rows, open/closed, open schools by phase and by LAD. `pupils`: count and "
      "pupils on roll per academic year.")
    a("- `school_absence.files.<file>`: academic year, term, rows, `persistently_absent` "
      "(rows with authorised + unauthorised ≥ 10% of possible; no row sits exactly on 10%), "
      "the term's full sessions possible.")
    a("- `school_suspensions.files.<file>`: rows, `violence_related` (reason flagged Y in "
      "exclusion-reasons.csv), permanent exclusions, rows with a home postcode, distinct "
      "pupils; totals.")
    a("- `yot_offences.files.<file>`: rows, first-time-entrant rows, blank HO code rows, rows "
      "by Offence Category, distinct cases (`header_aliases` for 2024-10); totals.")
    a("- `ae_attendances.files.<file>`: rows, `method_category` counts (a Python port of "
      "`MethodClassifier.swift` over `method-rules.csv`: lower case, words of letters a–z, "
      "equal / keyword of 4+ letters as prefix / one edit from a keyword of 5+ letters for "
      "words of 4+ letters; highest priority wins; blank or no match → unknown), "
      "`sharp_object`, rows by site and by kind of residence; `quarantined`: "
      f"`{AE_NHS_FILE}` → `identifier-in-health-feed`.")
    a("- `identifiers_never_stored`: UPNs, YOT case IDs and NHS numbers exactly as the files "
      "write them, and dates of birth as dd/mm/yyyy and yyyy-mm-dd. None of these strings may "
      "appear anywhere in the warehouse's bytes after a load.")
    a("- `police_uk.<file>` (one per month, `.csv.gz` for the gzipped ones): month, rows, "
      "ASB rows, no-location, outside-area and 2011-code rows, "
      "duplicate-content rows, `gzip`; `violence_and_sexual_offences`: county (= in-area + "
      "no-location, never outside), by LAD and by ward (in-area wards, zeros included).")
    a("- `police_crimes.files.<file>`: data rows (a quoted embedded newline is inside one "
      "row), physical lines, encoding/BOM/line ending, malformed rows (line, reason, field), "
      "rows rejected/loaded, rows by offence group, expected geography (`geo_method` postcode "
      "→ lsoa → none; `geo_status` in_area / outside_area / unplaced) and in-area rows by LAD; "
      "`police_crimes.resend`: the 3 corrected crime references.")
    a("- `population`: All Ages per ward and per LAD (mid-2022) and the county total.")
    a("")
    a("## Bench data")
    a("")
    a("`python3 scripts/generate-police-uk.py --rows 1000000 --out /tmp/bench.csv [--seed S] "
      "[--month YYYY-MM] [--reference DIR]` streams a larger street-level file (~210 MB for a "
      "million rows, a few seconds, constant memory) in the same format and with the same "
      "quirks, with LSOA codes taken from `reference/` here so that they resolve. Same seed, "
      "same bytes.")
    a("")
    a("## Volumes")
    a("")
    a(f"police-crimes is generated at {DEFAULT_SCALE:g} × the nominal ~2,000 violence + ~400 "
      "other records a month; `generate-sample-data.py --scale S --out DIR` writes another "
      "volume (with its own expected.json and README) elsewhere. The gzip members are byte-identical as long as zlib is the same; their "
      "content is identical everywhere. The schools, pupils and partner feeds (absence, "
      "suspensions, YOT, A&E) have fixed volumes that `--scale` does not change.")
    a("")
    return "\n".join(L)

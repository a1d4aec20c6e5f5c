"""SampleData/README.md's sections on schools, pupils and the partner feeds."""

from __future__ import annotations

from .absence import ABSENCE_HEADER
from .ae import AE_HEADER, AE_NHS_FILE, AE_TYPOS
from .pupils import FIRST_COHORT, N_COHORTS
from .schools import GIAS_HEADER
from .suspensions import SUSPENSION_HEADER, SUSPENSIONS_PER_SCHOOL_DAY
from .yot import YOT_ALIAS_MONTH, YOT_ALIASES, YOT_HEADER


def feeds_readme(f):
    """README sections for schools, pupils and the education, youth justice and health feeds."""
    L = []
    a = L.append
    exp = f["expected"]
    sn = f["school_notes"]
    a("## reference/schools.csv (GIAS)")
    a("")
    a(f"A Get Information about Schools extract as GIAS publishes it: **Windows-1252**, CRLF, "
      f"header `{','.join(GIAS_HEADER)}`. {exp['schools']['open']} open schools "
      f"({exp['schools']['open_by_phase']['Primary']} primary, "
      f"{exp['schools']['open_by_phase']['Secondary']} secondary: 3 primaries and 1–2 "
      "secondaries in each of the 14 area LADs) plus "
      f"{exp['schools']['closed']} closed ones. URNs are invented (`9000NN`–`9003NN`); "
      "`LA (code)` is the real GIAS code (888 Lancashire for the 12 districts, 889 Blackburn "
      "with Darwen, 890 Blackpool); each postcode is an active in-area postcode from "
      "`postcodes.csv`. Rows are ordered by URN.")
    a("")
    a(f"- Lines {', '.join(str(x) for x in sn['rsquo'])}: names with an apostrophe written as "
      "the right single quote ’ (byte 0x92), e.g. `St Bede’s Catholic Primary School`. "
      "Expected: decoded as Windows-1252 (U+2019).")
    a(f"- Line {sn['accent'][0]}: `{sn['accent'][1]}` (é = byte 0xE9). The file is not valid "
      "UTF-8.")
    a(f"- Line {sn['comma'][0]}: `{sn['comma'][1]}` contains a comma, so it is quoted.")
    for line, urn, succ, name in sn["closed"]:
        a(f"- Line {line}: URN {urn} `{name}` is **Closed**: the predecessor of open academy "
          f"URN {succ}, same name and postcode. No pupil record uses a closed URN.")
    a("")
    a("## Pupils (behind school-absence and school-suspensions)")
    a("")
    pe = exp["pupils"]
    a(f"{pe['count']:,} synthetic pupils (a sample, ~1/15 of Lancashire's ~190,000), 13 birth "
      f"cohorts from Sep {FIRST_COHORT} to Aug {FIRST_COHORT + N_COHORTS}: Reception to Year "
      f"11, aged 4–16, in {' and '.join(pe['on_roll'])} "
      f"({', '.join(f'{v:,}' for v in pe['on_roll'].values())} on roll). Each has a stable "
      "UPN (a check letter and 12 digits, built as DfE does: check letter, LA code, "
      "establishment number of the first school, year of entry, serial; the check letter is "
      "valid), a date of birth, sex, a primary and a secondary school (pupils in Years 7–11 "
      "attend the secondary) and a home postcode (same LAD as the school for ~88%, another "
      "area LAD ~11%, an outside LAD ~1%). A pupil permanently excluded moves to another "
      "school of the same phase the next day; later records show the new school.")
    a("")
    a("## school-absence")
    a("")
    a(f"Header `{','.join(ABSENCE_HEADER)}`; CRLF, UTF-8. One row per pupil on roll per term "
      "(a pupil who moved school during the term, after a permanent exclusion, has one row "
      "at each school, with the sessions possible split), ordered by School URN then UPN. `school-absence-2023-24-autumn.csv.gz` … "
      "`school-absence-2024-25-summer.csv` (the last one uncompressed; the 2024/25 summer "
      "term ends in July 2025, so it is a delivery from after the other feeds' last month).")
    a("")
    a("| file | rows | pupils | persistently absent (rows) | full sessions possible |")
    a("|---|---|---|---|---|")
    for name, i in exp["school_absence"]["files"].items():
        a(f"| `{name}` | {i['rows']:,} | {i['distinct_pupils']:,} | "
          f"{i['persistently_absent']:,} | {i['sessions_possible_full']} |")
    a("")
    a("Sessions possible follow an invented school calendar (two sessions a weekday in term, "
      "minus half-term, bank holidays and 1–3 INSET days per school): ~100–146; ~1.5% of rows "
      "(joined or left mid-term) have fewer. Authorised + unauthorised ≤ possible always. "
      "~20% of pupils are persistently absent (missed ≥ 10%) in a term, more in Spring; no "
      "row sits exactly on the 10% line.")
    a("")
    a("## school-suspensions")
    a("")
    sx = exp["school_suspensions"]
    a(f"Header `{','.join(SUSPENSION_HEADER)}`; CRLF, UTF-8; rows ordered by Start Date. "
      "Term-time months 2023-09 … 2025-03 (no August file); the last six months are "
      f"uncompressed. **Volume**: {sx['rows']:,} rows, ~{SUSPENSIONS_PER_SCHOOL_DAY:g} per "
      "school day (~300 a month; fewer in December, April, July and September), i.e. about "
      "1/5 of the ~1,500 a month a county the size of Lancashire records, scaled to this "
      f"pupil sample. {sx['distinct_pupils']:,} distinct pupils: the same pupils recur across "
      "months (up to ~25 rows for one pupil). Start Date is a school day inside the file's "
      "month. ~15% have a violence-related reason (PP, PA, OW, VP, VA), ~3% are `Permanent "
      "exclusion` (Sessions `0`), Sessions otherwise 0.5–10. Home Postcode is given on ~50% "
      "of rows (some lower case or without the space); blank means the record is placed by "
      "the school's postcode.")
    a("")
    last = [k for k in exp["school_suspensions"]["files"] if not k.endswith(".gz")]
    name = last[-1]
    a(f"- `{name}`: {sx['files'][name]['rows']} rows, "
      f"{sx['files'][name]['violence_related']} violence-related, permanent exclusions on "
      f"lines {fmt_lines(f['su_notes'][name], 8)}.")
    # A pupil who recurs in the uncompressed files.
    seen = {}
    for fname in last:
        recs = f["su_months"][fname[len("school-suspensions-"):-len(".csv")]]
        for i, r in enumerate(recs):
            seen.setdefault(r["pupil"]["upn"], []).append(f"{fname}:{i + 2}")
    upn = max(sorted(seen), key=lambda u: len(seen[u]))
    a(f"- Recurring pupil: UPN `{upn}` has {len(seen[upn])} rows in the uncompressed months "
      f"({', '.join(seen[upn][:6])}{' …' if len(seen[upn]) > 6 else ''}).")
    a("")
    a("## yot-offences")
    a("")
    yx = exp["yot_offences"]
    a(f"Header `{','.join(YOT_HEADER)}`; CRLF, UTF-8; rows ordered by Offence Date. "
      f"2023-04 … 2025-03, {yx['rows']:,} rows (~150 a month), {yx['distinct_case_ids']:,} "
      "case IDs `YC-NNNNN` that recur across months (a young person offends 1–12 times, "
      "~75 days apart on average). Ages 10–17 at every offence. First Time Entrant is `Y` on "
      "a case's first offence and `N` after; cases whose first offence was before 2023-04 "
      "(the service knew them already) have only `N` rows. Ethnicity ~80% White, 9% Asian, "
      "5% Mixed, 2% Black, 1% Other, 3% Not stated; ~84% male. ~68% of rows carry a HO "
      "code from `offences.csv` with Offence Category `Violence against the person`, "
      "`Robbery`, `Sexual offences` or `Possession of weapons`; ~32% are `Criminal damage`, "
      "`Theft` or `Drugs` with a blank HO code. Home Postcode blank on ~5%, lower case or "
      "without the space on ~10%. The last six months are uncompressed.")
    a("")
    aliases = ",".join(YOT_ALIASES.get(h, h) for h in YOT_HEADER)
    a(f"- **`yot-offences-{YOT_ALIAS_MONTH}.csv` line 1 uses renamed headers**: `{aliases}` "
      "(`CaseID` for `Case ID`, `Disposal` for `Outcome Tier`, `FTE` for `First Time "
      f"Entrant`). Expected: matched through the schema's aliases; all "
      f"{yx['files'][f'yot-offences-{YOT_ALIAS_MONTH}.csv']['rows']} rows load.")
    plain = [k for k in yx["files"] if not k.endswith(".gz")]
    seen = {}
    for fname in plain:
        for i, (c, o) in enumerate(f["yot_months"][fname[len("yot-offences-"):-len(".csv")]]):
            seen.setdefault(c["id"], []).append((fname, i + 2, o["fte"]))
    cid = max(sorted(seen), key=lambda u: (any(x[2] == "Y" for x in seen[u]), len(seen[u])))
    a(f"- Recurring case: `{cid}` on " + ", ".join(f"{n}:{ln} (FTE {y})"
                                                  for n, ln, y in seen[cid][:6]) + ".")
    a("")
    a("## ae-attendances")
    a("")
    ax = exp["ae_attendances"]
    a(f"Header `{','.join(AE_HEADER)}` (the schema's field names in order); CRLF, UTF-8; rows "
      f"ordered by arrival. 2023-04 … 2025-03, {ax['rows']:,} rows (~600 a month, seasonal), "
      "four ED sites: RXN01 and RXN02 (trust prefix RXN), RXR01 (RXR), RXL01 (RXL); the trust "
      "prefixes are real ODS codes, the sites invented. Each patient's site follows their "
      "home LAD. Arrivals skew to nights and weekends; Assault Date/Time are 15 minutes to "
      "2 days before arrival (date blank ~6%, time blank ~15%). Location type from the "
      "schema's enum; the description is invented free text (`outside a bar on Church "
      "Street`, `at home`, `bus station`, …; blank on ~30%; never stored). Patient age "
      "12–80, mostly 18–44 (blank ~1%); sex M/F/U. Home Postcode on ~80% (some lower case or "
      "without the space; ~10% of these also give the LSOA), LSOA of Residence only on "
      "~17%, neither on ~3%. ~3% of patients live in Wigan, Sefton or Westmorland and "
      "Furness. The last six months are uncompressed.")
    a("")
    a("Method is typed as reception staff type it (any case: ~20% capitalised, ~8% upper "
      "case): `punched`, `kicked`, `headbutted`, `hit with bat`, `stabbed`, `glassed`, "
      "`bottle`, `gun`, `shot`, `acid attack`, `unknown`, blank … ~8% classify as "
      "sharp_object. Typos are only those the committed rules resolve: `stabed` (prefix "
      "stab), `knfe`, `kinfe` (one edit from knife), `botle` (bottle), `hamer` (hammer), "
      "`punchd` (prefix punch), `kickd` (prefix kick). Expected counts per category are in "
      "expected.json.")
    a("")
    name = [k for k in ax["files"] if not k.endswith(".gz")][-1]
    notes = f["ae_notes"][name]
    found = [f"`{t}` line {notes[t][0]}" for t in AE_TYPOS if t in notes]
    a(f"- `{name}`: {ax['files'][name]['rows']} rows, {ax['files'][name]['sharp_object']} "
      f"sharp_object; first typos: {', '.join(found)}; blank Method e.g. lines "
      f"{fmt_lines(notes.get('', []), 4)}.")
    q = ax["quarantined_files"][AE_NHS_FILE]
    a(f"- **`{AE_NHS_FILE}`** (line 1: `NHS Number,{','.join(AE_HEADER)}`): {q['copies']} "
      "with an `NHS Number` column first, holding fake numbers in the 999 range (never "
      "issued; valid check digit), e.g. line 2 `" + exp["identifiers_never_stored"][-4]
      + "`. Expected: the whole file quarantined, `identifier-in-health-feed`; nothing from "
      "it stored; the normal 2024-08 file loads as usual.")
    a("")
    return L


def fmt_lines(lines, limit=5):
    shown = ", ".join(str(x) for x in lines[:limit])
    return shown + (f" … ({len(lines)} rows)" if len(lines) > limit else "")

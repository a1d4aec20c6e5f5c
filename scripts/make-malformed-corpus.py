#!/usr/bin/env python3
"""Writes the malformed-delivery corpus: Tests/MADETests/Fixtures/malformed/<feed>/<name> and
Tests/MADETests/Fixtures/malformed/expected.json.

Bad input at scale: dozens of broken deliveries across all six feeds, with a few good ones
beside them, all taken by one `made nightly` (MalformedCorpusTests). Each file is named by what
it exercises and declared here with the outcome worked out by hand from the README's rules
(reason codes, keys, constraints) and the reference fixtures the tests load (postcodes
PR1 8XB, PR7 1AA, WN1 1AA; LSOAs E019000xx; offences 105A 8N 34B 5D; exclusion reasons PP PA
OW VP VA …; school URNs 119001 and 119002).

expected.json maps "<feed>/<name>" to:
  status          loaded, quarantined or duplicate
  reason          the file-level reason code when quarantined, else null
  rows_loaded, rows_rejected
  reject_reasons  the row reject reason codes, sorted
  rejects         the rejects as compact lines ("line 3, Victim Age: constraint-error")
  loaded_lines    for a loaded file, the lines of its records (as an editor counts them)
  encoding        for a loaded file, files.encoding
  duplicate_of    for a duplicate, the "<feed>/<name>" of the file it repeats
  good            true for a delivery with nothing wrong in it
  fault           what the file exercises, in words

Every value is synthetic (crime references LC-9…, case IDs YC-9…, UPNs A9…1, NHS numbers in
the 999 test range). Keys never repeat across files, and every A&E file has its own site, so
no delivery supersedes another's records. Run it twice: the output is byte-identical (gzip
members carry mtime 0; zip entries a fixed date).
"""
import gzip
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "Tests" / "MADETests" / "Fixtures" / "malformed"

EXPECTED = {}


def crlf(lines, encoding="utf-8"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def junk(count, seed):
    """Deterministic binary bytes (a SHA-256 chain)."""
    out = b""
    block = seed.encode()
    while len(out) < count:
        block = hashlib.sha256(block).digest()
        out += block
    return out[:count]


def add(feed, name, data, status, fault, reason=None, rejects=(), loaded_lines=(), good=False,
        encoding="utf-8", duplicate_of=None):
    """Writes one delivery and records what must become of it."""
    path = ROOT / feed / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    entry = {
        "status": status,
        "reason": reason,
        "rows_loaded": len(loaded_lines) if status == "loaded" else 0,
        "rows_rejected": len(rejects) if status == "loaded" else 0,
        "reject_reasons": sorted(line.rsplit(": ", 1)[1] for line in rejects),
        "rejects": list(rejects),
        "good": good,
        "fault": fault,
    }
    if status == "loaded":
        entry["loaded_lines"] = list(loaded_lines)
        entry["encoding"] = encoding
    if duplicate_of:
        entry["duplicate_of"] = duplicate_of
    EXPECTED[f"{feed}/{name}"] = entry


def quarantined(feed, name, data, reason, fault):
    add(feed, name, data, "quarantined", fault, reason=reason)


# --- police-uk: data.police.uk street-level crime -------------------------------------------

PUK = "police-uk"
PUK_HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
              "LSOA name,Crime type,Last outcome category,Context")
LSOA_NAMES = {"E01900001": "Preston 001A", "E01900002": "Preston 001B",
              "E01900003": "Chorley 001A", "E01900009": "Wigan 001A"}


def puk_row(n, month="2024-06", lsoa="E01900001", crime="Violence and sexual offences",
            location="On or near High Street", crime_id=None, lon="-2.700000", lat="53.760000",
            with_id=True, force="Lancashire Constabulary"):
    if crime_id is None:
        crime_id = f"{0x9C0000 + n:064x}" if with_id else ""
    if not lsoa:
        lon = lat = ""
    outcome = "Under investigation" if with_id else ""
    return ",".join([crime_id, month, "Lancashire Constabulary", force, lon, lat, location, lsoa,
                     LSOA_NAMES.get(lsoa, ""), crime, outcome, ""])


def police_uk():
    good = crlf([
        PUK_HEADER,
        puk_row(101),
        puk_row(102, lsoa="E01900003", crime="Robbery"),
        puk_row(0, lsoa="E01900002", crime="Anti-social behaviour", with_id=False),
        puk_row(0, lsoa="E01900002", crime="Anti-social behaviour", with_id=False),
        puk_row(103, lsoa="", location="No Location", crime="Possession of weapons"),
    ])
    add(PUK, "good-2024-06-street.csv", good, "loaded",
        "a good month: crimes with IDs, two identical keyless anti-social behaviour rows "
        "(both kept), a crime with no location", loaded_lines=[2, 3, 4, 5, 6], good=True)
    add(PUK, "good-2024-06-street-resent-copy.csv", good, "duplicate",
        "a byte-identical copy of the good month, taken after it in the same run",
        duplicate_of=f"{PUK}/good-2024-06-street.csv")
    quarantined(PUK, "empty.csv", b"", "empty-file", "no bytes at all")
    quarantined(PUK, "bom-and-blank-lines.csv", b"\xef\xbb\xbf\r\n\r\n\r\n", "empty-file",
                "only a UTF-8 byte-order mark and blank lines")
    quarantined(PUK, "header-only.csv", crlf([PUK_HEADER]), "no-data-rows",
                "a header and no rows")
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_STORED) as archive:
        for entry, text in [("[Content_Types].xml", "<Types/>"),
                            ("xl/worksheets/sheet1.xml", "<worksheet/>")]:
            archive.writestr(zipfile.ZipInfo(entry, date_time=(2024, 7, 1, 0, 0, 0)), text)
    quarantined(PUK, "xlsx-saved-as-csv.csv", workbook.getvalue(), "binary-file",
                "an Excel workbook (zip bytes) renamed .csv")
    month = crlf([PUK_HEADER] + [puk_row(110 + n, month="2024-07") for n in range(6)])
    quarantined(PUK, "truncated.csv.gz", gz(month)[: len(gz(month)) // 2], "truncated-gzip",
                "a gzip stream cut off half way")
    quarantined(PUK, "trailing-garbage.csv.gz", gz(month) + b"garbage after the stream\n",
                "corrupt-gzip", "text appended after the end of a valid gzip stream")
    add(PUK, "wrong-field-count.csv", crlf([
        PUK_HEADER,
        puk_row(121, month="2024-08"),
        puk_row(122, month="2024-08").rsplit(",", 1)[0],
        puk_row(123, month="2024-08") + ",extra",
        puk_row(124, month="2024-08"),
    ]), "loaded", "a row with 11 fields and a row with 13 (the header has 12)",
        rejects=["line 3: wrong-field-count", "line 4: wrong-field-count"], loaded_lines=[2, 5])
    add(PUK, "bad-values.csv", crlf([
        PUK_HEADER,
        puk_row(131, month="2024-13"),
        puk_row(132, month="2024-09", crime="Violent crime"),
        puk_row(133, month="2024-09", lon="200.5"),
        # Not hexadecimal: an upper-case Crime ID is the same crime (loaded lower-case).
        puk_row(134, month="2024-09", crime_id=f"{0x9C0000 + 134:064x}".replace("0", "g", 1)),
        puk_row(135, month="2024-09", lsoa="E0190000"),
        puk_row(136, month="2024-09", lat="north"),
        puk_row(137, month="2024-09"),
    ]), "loaded",
        "a month 13, a crime type not in the list, a longitude over 180, a crime ID that is "
        "not hexadecimal, a short LSOA code, a latitude that is not a number",
        rejects=["line 2, Month: type-error", "line 3, Crime type: constraint-error",
                 "line 4, Longitude: constraint-error", "line 5, Crime ID: constraint-error",
                 "line 6, LSOA code: constraint-error", "line 7, Latitude: type-error"],
        loaded_lines=[8])
    add(PUK, "over-long-location.csv.gz", gz(crlf([
        PUK_HEADER,
        puk_row(141, month="2024-10"),
        puk_row(142, month="2024-10", location="x" * ((1 << 20) + 1)),
        puk_row(143, month="2024-10"),
    ])), "loaded", "a 1 MiB + 1 byte location (over max_field_bytes), gzipped to stay small",
        rejects=["line 3, Location: field-too-large"], loaded_lines=[2, 4])
    add(PUK, "cr-only-line-ends.csv",
        ("\r".join([PUK_HEADER, puk_row(151, month="2024-11"), puk_row(152, month="2024-11")])
         + "\r").encode(), "loaded", "old Mac line ends (CR only)", loaded_lines=[2, 3])


# --- police-crimes: the force's record-level extract ----------------------------------------

CRIMES = "police-crimes"
CRIMES_COLUMNS = ["Crime Reference", "Recorded Date", "Committed Date", "Committed Time",
                  "HO Offence Code", "Offence Description", "Offence Postcode", "LSOA Code",
                  "Victim Age", "Victim Sex", "Weapon", "Domestic Abuse", "Outcome"]
CRIMES_HEADER = ",".join(CRIMES_COLUMNS)


def crime(n, **values):
    row = {"Crime Reference": f"LC-9-{n:07d}", "Recorded Date": "03/07/2024",
           "Committed Date": "02/07/2024", "Committed Time": "23:15", "HO Offence Code": "8N",
           "Offence Description": "Assault with injury", "Offence Postcode": "PR1 8XB",
           "LSOA Code": "", "Victim Age": "23", "Victim Sex": "M", "Weapon": "KNIFE",
           "Domestic Abuse": "N", "Outcome": "Under investigation"}
    row.update(values)
    return ",".join(row[column] for column in CRIMES_COLUMNS)


def police_crimes():
    add(CRIMES, "good-2024-07.csv", crlf([
        CRIMES_HEADER,
        crime(101),
        crime(102, **{"Recorded Date": "04/07/2024", "Committed Time": "",
                      "HO Offence Code": "105a", "Offence Postcode": "pr18xb",
                      "Victim Sex": "f", "Weapon": "none", "Domestic Abuse": "Y"}),
        crime(103, **{"HO Offence Code": "34B", "Offence Postcode": "PR7  1AA",
                      "Weapon": "knife", "Domestic Abuse": "No"}),
        crime(104, **{"HO Offence Code": "5D", "Offence Postcode": "UNKNOWN",
                      "LSOA Code": "E01900002", "Victim Sex": "U", "Weapon": "OTHER",
                      "Domestic Abuse": "1"}),
    ]), "loaded", "a good extract: codes and flags in mixed case, postcodes written three ways",
        loaded_lines=[2, 3, 4, 5], good=True)
    without_code = [c for c in CRIMES_COLUMNS if c != "HO Offence Code"]
    quarantined(CRIMES, "missing-required-column.csv", crlf([
        ",".join(without_code),
        ",".join(["LC-9-0000201", "03/07/2024", "", "", "Assault", "PR1 8XB", "", "23", "M",
                  "NONE", "N", "Under investigation"]),
    ]), "missing-required-column", "no HO Offence Code column")
    quarantined(CRIMES, "duplicate-column.csv", crlf([
        CRIMES_HEADER + ",Victim Age",
        crime(211) + ",24",
    ]), "duplicate-column", "the Victim Age column twice")
    quarantined(
        CRIMES, "alias-duplicate-column.csv", crlf([
            CRIMES_HEADER + ",Crime Number",
            crime(221) + ",LC-9-0000222",
            crime(223) + ",LC-9-0000224",
        ]), "duplicate-column",
        "Crime Reference and its alias Crime Number both present, with different values")
    add(CRIMES, "duplicate-crime-reference.csv", crlf([
        CRIMES_HEADER,
        crime(231),
        crime(231, **{"Victim Age": "24"}),
        crime(231).replace("LC-9-0000231", " lc-9-0000231 "),
        crime(232),
    ]), "loaded",
        "a crime reference repeated, once as sent and once in lower case with spaces (one "
        "crime after normalisation)",
        rejects=["line 3, Crime Reference: duplicate-key",
                 "line 4, Crime Reference: duplicate-key"],
        loaded_lines=[2, 5])
    add(CRIMES, "unknown-offence-code.csv", crlf([
        CRIMES_HEADER,
        crime(241, **{"HO Offence Code": "99Z"}),
        crime(242, **{"HO Offence Code": " 8n "}),
        crime(243, **{"HO Offence Code": "105"}),
    ]), "loaded", "offence codes not in ref_offences (99Z, 105); ' 8n ' is 8N",
        rejects=["line 2, HO Offence Code: unknown-code", "line 4, HO Offence Code: unknown-code"],
        loaded_lines=[3])
    add(CRIMES, "bad-dates.csv", crlf([
        CRIMES_HEADER,
        crime(251, **{"Recorded Date": "31/02/2024"}),
        crime(252, **{"Recorded Date": "2024-03-01"}),
        crime(253, **{"Recorded Date": "01/03/2024", "Committed Date": "29/02/2023"}),
        crime(254, **{"Recorded Date": "29/02/2024", "Committed Date": "29/02/2024"}),
        crime(255, **{"Committed Time": "24:00"}),
        crime(256, **{"Committed Time": "9:5"}),
        crime(257, **{"Recorded Date": "1/3/2024", "Committed Date": "1/3/2024"}),
    ]), "loaded",
        "31/02, an ISO date, 29/02 of a common year, hour 24, a one-digit minute; 29/02/2024 "
        "and 1/3/2024 are dates",
        rejects=["line 2, Recorded Date: type-error", "line 3, Recorded Date: type-error",
                 "line 4, Committed Date: type-error", "line 6, Committed Time: type-error",
                 "line 7, Committed Time: type-error"],
        loaded_lines=[5, 8])
    add(CRIMES, "out-of-range-values.csv", crlf([
        CRIMES_HEADER,
        crime(261, **{"Victim Age": "121"}),
        crime(262, **{"Victim Age": "-1"}),
        crime(263, **{"Victim Age": "twenty"}),
        crime(264, **{"Victim Sex": "X"}),
        crime(265, **{"Weapon": "GUN"}),
        crime(266, **{"Domestic Abuse": "maybe"}),
        crime(267, **{"Victim Age": "120"}),
        crime(268, **{"LSOA Code": "E019000011"}),
    ]), "loaded",
        "victim ages 121, -1 and 'twenty', sex X, weapon GUN, domestic abuse 'maybe', a "
        "10-character LSOA; age 120 is allowed",
        rejects=["line 2, Victim Age: constraint-error", "line 3, Victim Age: constraint-error",
                 "line 4, Victim Age: type-error", "line 5, Victim Sex: constraint-error",
                 "line 6, Weapon: constraint-error", "line 7, Domestic Abuse: type-error",
                 "line 9, LSOA Code: constraint-error"],
        loaded_lines=[8])
    add(CRIMES, "windows-1252-description.csv", crlf([
        CRIMES_HEADER,
        crime(271, **{"Offence Description": "Assault \u2013 outside the caf\u00e9"}),
        crime(272, **{"Offence Description": "Assault \u2018in the street\u2019"}),
    ], encoding="cp1252"), "loaded", "descriptions in Windows-1252 (en dash, e acute, quotes)",
        loaded_lines=[2, 3], encoding="windows-1252")
    add(CRIMES, "missing-values.csv", crlf([
        CRIMES_HEADER,
        crime(281, **{"Crime Reference": ""}),
        crime(282, **{"Recorded Date": ""}),
        crime(283, **{"HO Offence Code": "   "}),
        crime(284),
        "," * (len(CRIMES_COLUMNS) - 1),
    ]), "loaded",
        "a blank crime reference, a blank recorded date, an offence code of spaces, a row of "
        "empty fields",
        rejects=["line 2, Crime Reference: missing-value", "line 3, Recorded Date: missing-value",
                 "line 4, HO Offence Code: missing-value",
                 "line 6, Crime Reference: missing-value"],
        loaded_lines=[5])
    # A valid gzip header, then a deflate block of the reserved type 3.
    quarantined(CRIMES, "corrupt.csv.gz",
                bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x07]) + b"not deflate data",
                "corrupt-gzip", "a gzip header followed by an invalid deflate block")
    quarantined(CRIMES, "utf16le.csv", ("\ufeff" + CRIMES_HEADER + "\r\n" + crime(291) + "\r\n")
                .encode("utf-16-le"), "binary-file",
                "UTF-16 little-endian with a byte-order mark (Excel's 'Unicode Text')")


# --- ae-attendances: the ISTV minimum dataset ------------------------------------------------

AE = "ae-attendances"
AE_COLUMNS = ["ED Site Code", "Arrival Date", "Arrival Time", "Assault Date", "Assault Time",
              "Assault Location Type", "Assault Location Description", "Method", "Patient Age",
              "Sex", "Home Postcode", "LSOA of Residence"]
AE_HEADER = ",".join(AE_COLUMNS)


def attendance(site, **values):
    row = {"ED Site Code": site, "Arrival Date": "03/08/2024", "Arrival Time": "23:40",
           "Assault Date": "03/08/2024", "Assault Time": "23:05",
           "Assault Location Type": "Licensed premises",
           "Assault Location Description": "outside a bar", "Method": "punched",
           "Patient Age": "24", "Sex": "M", "Home Postcode": "PR1 8XB", "LSOA of Residence": ""}
    row.update(values)
    return ",".join(row[column] for column in AE_COLUMNS)


def ae_attendances():
    add(AE, "good-2024-08-rxa01.csv", crlf([
        AE_HEADER,
        attendance("RXA01", Method="stabbed with knife"),
        attendance("RXA01", **{"Arrival Date": "04/08/2024", "Arrival Time": "01:10",
                               "Assault Date": "", "Assault Time": "",
                               "Assault Location Type": "Street/public place",
                               "Assault Location Description": "", "Patient Age": "19",
                               "Sex": "F", "Home Postcode": "", "LSOA of Residence": "E01900003"}),
        attendance("RXA01", **{"Arrival Date": "05/08/2024", "Assault Location Type": "home",
                               "Method": '"bottle, glass"', "Patient Age": "41", "Sex": "f",
                               "Home Postcode": "WN1 1AA"}),
    ]), "loaded", "a good week: a quoted method with a comma, residence by LSOA, enums in "
        "lower case", loaded_lines=[2, 3, 4], good=True)
    add(AE, "bom-and-crlf.csv", b"\xef\xbb\xbf" + crlf([
        AE_HEADER,
        attendance("RXA05"),
        attendance("RXA05", **{"Arrival Date": "06/08/2024", "Method": "kicked"}),
    ]), "loaded", "a UTF-8 byte-order mark and CRLF line ends", loaded_lines=[2, 3])
    quarantined(AE, "nhs-number-column.csv", crlf([
        AE_HEADER + ",NHS Number",
        attendance("RXA09") + ",999 000 0018",
    ]), "identifier-in-health-feed", "an NHS Number column (the file must be deleted)")
    quarantined(
        AE, "patient-nhs-no-column.csv", crlf([
            AE_HEADER + ",Patient NHS No",
            attendance("RXA06") + ",999 000 0026",
            attendance("RXA06", **{"Arrival Date": "07/08/2024"}) + ",999 000 0034",
        ]), "identifier-in-health-feed",
        "a 'Patient NHS No' column: a longer name containing the alias 'NHS No'")
    add(AE, "bad-values.csv", crlf([
        AE_HEADER,
        attendance("RXA02", Sex="Male"),
        attendance("RXA02", **{"Assault Location Type": "Pub"}),
        attendance("RXA02", **{"Patient Age": "130"}),
        attendance("RXA02", **{"Patient Age": "12.5"}),
        attendance("RXA02", **{"Home Postcode": "", "LSOA of Residence": "E0190001"}),
        attendance("RXA02"),
        attendance(""),
    ]), "loaded",
        "sex 'Male', location type 'Pub', age 130, age 12.5, a short LSOA, a blank site code",
        rejects=["line 2, Sex: constraint-error", "line 3, Assault Location Type: constraint-error",
                 "line 4, Patient Age: constraint-error", "line 5, Patient Age: type-error",
                 "line 6, LSOA of Residence: constraint-error",
                 "line 8, ED Site Code: missing-value"],
        loaded_lines=[7])
    add(AE, "impossible-dates-and-times.csv", crlf([
        AE_HEADER,
        attendance("RXA07", **{"Arrival Date": "31/04/2024"}),
        attendance("RXA07", **{"Arrival Date": "28/02/2024", "Arrival Time": "7pm"}),
        attendance("RXA07", **{"Arrival Date": "28/02/2024", "Assault Date": "32/02/2024"}),
        attendance("RXA07", **{"Arrival Date": "29/02/2024", "Assault Date": "29/02/2024"}),
    ]), "loaded", "31 April, a time '7pm', a 32nd day; 29/02/2024 is a date",
        rejects=["line 2, Arrival Date: type-error", "line 3, Arrival Time: type-error",
                 "line 4, Assault Date: type-error"],
        loaded_lines=[5])
    add(AE, "unterminated-quote-at-eof.csv", crlf([
        AE_HEADER,
        attendance("RXA03"),
        attendance("RXA03", **{"Arrival Date": "09/08/2024"}),
        attendance("RXA03", **{"Arrival Date": "10/08/2024", "Method": '"hit with a bottle'}),
    ]), "loaded", "the last row opens a quote that the file never closes",
        rejects=["line 4: unterminated-quote"], loaded_lines=[2, 3])
    add(AE, "nul-byte.csv", crlf([
        AE_HEADER,
        attendance("RXA04"),
        attendance("RXA04", **{"Assault Location Description": "car\x00park"}),
        attendance("RXA04", **{"Arrival Date": "11/08/2024"}),
    ]), "loaded", "a NUL byte inside the location description",
        rejects=["line 3, Assault Location Description: nul-byte"], loaded_lines=[2, 4])
    quarantined(AE, "binary-junk.csv", junk(600, "ae binary junk"), "binary-file",
                "600 bytes of binary data")


# --- yot-offences: youth offending service ---------------------------------------------------

YOT = "yot-offences"
YOT_COLUMNS = ["Case ID", "Date of Birth", "Sex", "Ethnicity", "Home Postcode", "Offence Date",
               "HO Offence Code", "Offence Category", "Outcome Tier", "First Time Entrant"]
YOT_HEADER = ",".join(YOT_COLUMNS)


def offence(n, **values):
    row = {"Case ID": f"YC-9{n:04d}", "Date of Birth": "15/06/2008", "Sex": "M",
           "Ethnicity": "White", "Home Postcode": "PR1 8XB", "Offence Date": "14/09/2024",
           "HO Offence Code": "8N", "Offence Category": "Violence against the person",
           "Outcome Tier": "Referral order", "First Time Entrant": "Y"}
    row.update(values)
    return ",".join(row[column] for column in YOT_COLUMNS)


def yot_offences():
    add(YOT, "good-2024-09.csv", crlf([
        YOT_HEADER,
        offence(1),
        offence(2, **{"Date of Birth": "29/02/2008", "Sex": "F", "Ethnicity": "Mixed",
                      "Home Postcode": "pr7 1aa", "Offence Date": "28/09/2024",
                      "HO Offence Code": "34B", "Offence Category": "Robbery",
                      "Outcome Tier": "Youth conditional caution"}),
        offence(3, **{"Date of Birth": "01/01/2009", "Sex": "U", "Ethnicity": "Not stated",
                      "Home Postcode": "", "Offence Date": "01/09/2024", "HO Offence Code": "",
                      "Offence Category": "Criminal damage",
                      "Outcome Tier": "Community resolution", "First Time Entrant": "N"}),
    ]), "loaded", "a good month: a 29 February birthday, no offence code, no postcode",
        loaded_lines=[2, 3, 4], good=True)
    renamed = ["CaseID", "Date of Offence", "Birth Date", "gender", "Ethnic Group", "postcode",
               "HO Code", "Offence Type", "Disposal", "FTE"]
    add(YOT, "renamed-headers.csv", crlf([
        ",".join(renamed),
        "YC-90011,15/09/2024,15/06/2008,M,White,PR1 8XB,8N,Violence against the person,Custody,N",
        "YC-90012,16/09/2024,01/02/2009,F,Black,PR7 1AA,105A,Violence against the person,"
        "Youth caution,Y",
    ]), "loaded", "every column under an alias, in another order", loaded_lines=[2, 3])
    add(YOT, "windows-1252-category.csv", crlf([
        YOT_HEADER,
        offence(21, **{"Offence Category": "Violence against the person \u2013 assault"}),
        offence(22, **{"Offence Category": "Robbery \u2013 personal property",
                       "HO Offence Code": "34B"}),
    ], encoding="cp1252"), "loaded", "offence categories in Windows-1252 (en dash)",
        loaded_lines=[2, 3], encoding="windows-1252")
    add(YOT, "dob-problems.csv", crlf([
        YOT_HEADER,
        offence(31, **{"Date of Birth": "01/01/2025", "Offence Date": "01/03/2024"}),
        offence(32, **{"Date of Birth": ""}),
        offence(33, **{"Date of Birth": "31/06/2008"}),
        offence(34),
        offence(35, **{"Date of Birth": "01/01/1890"}),
    ]), "loaded",
        "a date of birth after the offence, a blank one, 31 June, one 134 years before",
        rejects=["line 2, Date of Birth: constraint-error", "line 3, Date of Birth: missing-value",
                 "line 4, Date of Birth: type-error", "line 6, Date of Birth: constraint-error"],
        loaded_lines=[5])
    add(YOT, "bad-codes-and-enums.csv", crlf([
        YOT_HEADER,
        offence(41, **{"HO Offence Code": "ZZ9"}),
        offence(42, Ethnicity="Unknown"),
        offence(43, **{"Outcome Tier": "Prison"}),
        offence(44, **{"First Time Entrant": "Maybe"}),
        offence(45, Sex="Male"),
        offence(46, **{"Ethnicity": "white", "Outcome Tier": "youth caution",
                       "First Time Entrant": "yes"}),
        offence(47, **{"Offence Category": ""}),
    ]), "loaded",
        "offence code ZZ9, ethnicity 'Unknown', outcome 'Prison', first-time entrant 'Maybe', "
        "sex 'Male', a blank category; enums in lower case are fine",
        rejects=["line 2, HO Offence Code: unknown-code", "line 3, Ethnicity: constraint-error",
                 "line 4, Outcome Tier: constraint-error",
                 "line 5, First Time Entrant: type-error", "line 6, Sex: constraint-error",
                 "line 8, Offence Category: missing-value"],
        loaded_lines=[7])
    add(YOT, "duplicate-keys.csv", crlf([
        YOT_HEADER,
        offence(51, **{"Offence Date": "10/09/2024"}),
        offence(51, **{"Offence Date": "10/09/2024", "Outcome Tier": "Custody"}),
        offence(51, **{"Offence Date": "10/09/2024"}).replace("YC-90051", " yc-90051 "),
        offence(51, **{"Offence Date": "10/09/2024", "Offence Category": "Robbery",
                       "HO Offence Code": "34B"}),
        offence(52),
    ]), "loaded",
        "case, date and category repeated (once with the case ID in lower case); another "
        "category that day is another offence",
        rejects=["line 3, Case ID: duplicate-key", "line 4, Case ID: duplicate-key"],
        loaded_lines=[2, 5, 6])
    quarantined(YOT, "header-and-blank-lines.csv", crlf([YOT_HEADER, "", "", ""]),
                "no-data-rows", "a header followed by blank lines only")
    quarantined(YOT, "pdf-saved-as-csv.csv",
                b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
                "binary-file", "a PDF document named .csv")
    quarantined(YOT, "nul-in-header.csv", crlf([
        YOT_HEADER.replace("Case ID", "Case\x00ID"),
        offence(61),
        offence(62),
    ]), "binary-file", "a NUL byte inside the header (too few to look binary at a glance)")


# --- school-suspensions ----------------------------------------------------------------------

SUSP = "school-suspensions"
SUSP_COLUMNS = ["School URN", "UPN", "Date of Birth", "Sex", "Home Postcode", "Type",
                "Start Date", "Sessions", "Reason Code"]
SUSP_HEADER = ",".join(SUSP_COLUMNS)


def upn(n):
    return f"A9{n:010d}1"


def suspension(n, **values):
    row = {"School URN": "119002", "UPN": upn(n), "Date of Birth": "03/09/2010", "Sex": "M",
           "Home Postcode": "", "Type": "Suspension", "Start Date": "07/10/2024", "Sessions": "2",
           "Reason Code": "PP"}
    row.update(values)
    return ",".join(row[column] for column in SUSP_COLUMNS)


def school_suspensions():
    add(SUSP, "good-2024-10.csv", crlf([
        SUSP_HEADER,
        suspension(101, **{"Home Postcode": "WN1 1AA"}),
        suspension(102, **{"Date of Birth": "14/11/2010", "Sex": "F", "Start Date": "08/10/2024",
                           "Sessions": "1.5", "Reason Code": "va"}),
        suspension(103, **{"School URN": "119001", "Date of Birth": "", "Type":
                           "Permanent exclusion", "Start Date": "09/10/2024", "Sessions": "0",
                           "Reason Code": "OW"}),
    ]), "loaded", "a good month: half sessions, a reason code in lower case, no date of birth",
        loaded_lines=[2, 3, 4], good=True)
    add(SUSP, "unknown-reason-code.csv", crlf([
        SUSP_HEADER,
        suspension(111, **{"Reason Code": "XX"}),
        suspension(112, **{"Reason Code": ""}),
        suspension(113, **{"Reason Code": "BU"}),
    ]), "loaded", "reason code XX (not in ref_exclusion_reasons) and a blank one",
        rejects=["line 2, Reason Code: unknown-code", "line 3, Reason Code: missing-value"],
        loaded_lines=[4])
    add(SUSP, "bad-type-urn-sessions.csv", crlf([
        SUSP_HEADER,
        suspension(121, Type="Expelled"),
        suspension(122, **{"School URN": "11900"}),
        suspension(123, Sessions="-1"),
        suspension(124, Sessions="two"),
        suspension(125, **{"School URN": "119001"}),
        suspension(126, **{"Start Date": "15/13/2024"}),
    ]), "loaded", "type 'Expelled', a five-digit URN, sessions -1 and 'two', month 13",
        rejects=["line 2, Type: constraint-error", "line 3, School URN: constraint-error",
                 "line 4, Sessions: constraint-error", "line 5, Sessions: type-error",
                 "line 7, Start Date: type-error"],
        loaded_lines=[6])
    add(SUSP, "dob-after-start.csv", crlf([
        SUSP_HEADER,
        suspension(131, **{"Date of Birth": "01/01/2025"}),
        suspension(132),
    ]), "loaded", "a date of birth after the start date",
        rejects=["line 2, Date of Birth: constraint-error"], loaded_lines=[3])
    add(SUSP, "duplicate-key.csv", crlf([
        SUSP_HEADER,
        suspension(141, **{"Start Date": "14/10/2024"}),
        suspension(141, **{"Start Date": "14/10/2024", "Reason Code": "PA"}),
        suspension(141, **{"Start Date": "14/10/2024", "Type": "Permanent exclusion"}),
    ]), "loaded", "pupil, school, date and type repeated; a permanent exclusion the same day "
        "is another record",
        rejects=["line 3, UPN: duplicate-key"], loaded_lines=[2, 4])
    quarantined(SUSP, "missing-upn-column.csv", crlf([
        ",".join(c for c in SUSP_COLUMNS if c != "UPN"),
        "119002,03/09/2010,M,,Suspension,07/10/2024,2,PP",
    ]), "missing-required-column", "no UPN column")
    add(SUSP, "unterminated-quote-mid-file.csv", crlf([
        SUSP_HEADER,
        suspension(151),
        suspension(152, **{"Home Postcode": '"PR1 8XB'}),
        suspension(153),
        suspension(154),
    ]), "loaded", "a quote opened on line 3 never closes: lines 3-5 are one rejected row",
        rejects=["line 3: unterminated-quote"], loaded_lines=[2])
    quarantined(SUSP, "xls-saved-as-csv.csv",
                bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + junk(504, "xls"),
                "binary-file", "an old Excel workbook (.xls, OLE2 bytes) named .csv")


# --- school-absence --------------------------------------------------------------------------

ABS = "school-absence"
ABS_COLUMNS = ["UPN", "School URN", "Academic Year", "Term", "Sessions Possible",
               "Authorised Absence", "Unauthorised Absence"]
ABS_HEADER = ",".join(ABS_COLUMNS)


def absence(n, **values):
    row = {"UPN": upn(500 + n), "School URN": "119002", "Academic Year": "2024/25",
           "Term": "Autumn", "Sessions Possible": "140", "Authorised Absence": "10",
           "Unauthorised Absence": "6"}
    row.update(values)
    return ",".join(row[column] for column in ABS_COLUMNS)


def school_absence():
    add(ABS, "good-2024-25.csv", crlf([
        ABS_HEADER,
        absence(1),
        absence(2, **{"School URN": "119001", "Term": "autumn", "Sessions Possible": "130",
                      "Authorised Absence": "0", "Unauthorised Absence": "0"}),
        absence(3, **{"Academic Year": "2023/24", "Term": "summer",
                      "Sessions Possible": "100", "Authorised Absence": "5",
                      "Unauthorised Absence": "5"}),
    ]), "loaded", "a good return: terms in lower case, a pupil with no absence",
        loaded_lines=[2, 3, 4], good=True)
    add(ABS, "absence-above-sessions.csv", crlf([
        ABS_HEADER,
        absence(11, **{"Sessions Possible": "100", "Authorised Absence": "90",
                       "Unauthorised Absence": "20"}),
        absence(12, **{"Sessions Possible": "100", "Authorised Absence": "60",
                       "Unauthorised Absence": "40"}),
        absence(13, **{"Sessions Possible": "100", "Authorised Absence": "101",
                       "Unauthorised Absence": "0"}),
    ]), "loaded", "sessions missed above sessions possible (110, 101); exactly equal is fine",
        rejects=["line 2, Sessions Possible: constraint-error",
                 "line 4, Sessions Possible: constraint-error"],
        loaded_lines=[3])
    add(ABS, "bad-year-and-term.csv", crlf([
        ABS_HEADER,
        absence(21, **{"Academic Year": "2024/26"}),
        absence(22, **{"Academic Year": "2024-25"}),
        absence(23, Term="Winter"),
        absence(24, **{"Sessions Possible": "-5"}),
        absence(25, **{"Authorised Absence": "abc"}),
        absence(26, **{"School URN": "ABCDEF"}),
        absence(27),
    ]), "loaded",
        "academic years 2024/26 and 2024-25, term 'Winter', sessions possible -5, authorised "
        "'abc', a URN of letters",
        rejects=["line 2, Academic Year: constraint-error",
                 "line 3, Academic Year: constraint-error", "line 4, Term: constraint-error",
                 "line 5, Sessions Possible: constraint-error",
                 "line 6, Authorised Absence: type-error", "line 7, School URN: constraint-error"],
        loaded_lines=[8])
    add(ABS, "duplicate-key.csv", crlf([
        ABS_HEADER,
        absence(31, Term="Spring", **{"Sessions Possible": "120"}),
        absence(31, Term="spring", **{"Sessions Possible": "118"}),
        absence(31, Term="Summer"),
    ]), "loaded", "pupil, school, year and term repeated (the term in lower case)",
        rejects=["line 3, UPN: duplicate-key"], loaded_lines=[2, 4])
    big = "x" * 900_000
    add(ABS, "row-too-large.csv.gz", gz(crlf([
        ABS_HEADER,
        absence(41),
        ",".join([big] * 5 + ["10", "6"]),
        absence(42),
    ])), "loaded", "a row of five 900 kB fields: under the field limit, over the row limit (4 MiB)",
        rejects=["line 3: field-too-large"], loaded_lines=[2, 4])
    good_gzip = gz(crlf([ABS_HEADER, absence(51), absence(52)]))
    crc_flipped = good_gzip[:-8] + bytes([good_gzip[-8] ^ 0xFF]) + good_gzip[-7:]
    quarantined(ABS, "bad-crc.csv.gz", crc_flipped, "corrupt-gzip",
                "a gzip file whose CRC-32 does not match its contents")
    quarantined(ABS, "empty-inside.csv.gz", gz(b""), "empty-file",
                "a valid gzip file holding no bytes")
    quarantined(ABS, "utf16be.csv", ("\ufeff" + ABS_HEADER + "\r\n" + absence(61) + "\r\n")
                .encode("utf-16-be"), "binary-file", "UTF-16 big-endian with a byte-order mark")


def main():
    if ROOT.exists():
        shutil.rmtree(ROOT)
    police_uk()
    police_crimes()
    ae_attendances()
    yot_offences()
    school_suspensions()
    school_absence()
    text = json.dumps(EXPECTED, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (ROOT / "expected.json").write_text(text, encoding="utf-8")
    feeds = sorted({key.split("/")[0] for key in EXPECTED})
    counts = ", ".join(f"{feed} {sum(k.startswith(feed + '/') for k in EXPECTED)}"
                       for feed in feeds)
    print(f"{len(EXPECTED)} files ({counts}) in {ROOT}")


if __name__ == "__main__":
    main()

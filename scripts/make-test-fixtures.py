#!/usr/bin/env python3
"""Writes the small hand-designed fixtures under Tests/MADETests/Fixtures/.

Run once by hand after changing a fixture's design; the outputs are committed. Every value is
synthetic. Each fixture is named by what it exercises; the tests state the expected results,
worked out by hand from the rows below.
"""
import gzip
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "Tests" / "MADETests" / "Fixtures"
CSV = ROOT / "csv"
REF = ROOT / "reference"
FEEDS = ROOT / "feeds"

PUK_HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
              "LSOA name,Crime type,Last outcome category,Context")


def write(path, data, mode="wb"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, mode) as handle:
        handle.write(data)


def crlf(lines):
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def crime_id(n):
    return f"{n:064x}"


def puk_row(n, month="2025-01", lsoa="E01900001", crime="Violence and sexual offences",
            outcome="Under investigation", location="On or near High Street", with_id=True):
    lon, lat = ("-2.700000", "53.760000") if lsoa else ("", "")
    name = {"E01900001": "Preston 001A", "E01900002": "Preston 001B", "E01900003": "Chorley 001A",
            "E01900009": "Wigan 001A", "E01800001": "Preston 001C"}.get(lsoa, "")
    return ",".join([crime_id(n) if with_id else "", month, "Lancashire Constabulary",
                     "Lancashire Constabulary", lon, lat, location, lsoa, name, crime, outcome, ""])


def reference():
    write(REF / "wards.csv", crlf([
        "FID,WD24CD,WD24NM,LAD24CD,LAD24NM",
        "1,E05900001,Preston Central,E07000123,Preston",
        "2,E05900002,Preston North,E07000123,Preston",
        "3,E05900003,Chorley East,E07000118,Chorley",
        "4,E05900009,Wigan Town,E08000010,Wigan",
    ]))
    write(REF / "lsoa-wards.csv", crlf([
        "FID,LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM",
        "1,E01900001,Preston 001A,E05900001,Preston Central,E07000123,Preston",
        "2,E01900002,Preston 001B,E05900002,Preston North,E07000123,Preston",
        "3,E01900003,Chorley 001A,E05900003,Chorley East,E07000118,Chorley",
        "4,E01900009,Wigan 001A,E05900009,Wigan Town,E08000010,Wigan",
    ]))
    write(REF / "lsoa11-wards.csv", crlf([
        "LSOA11CD,LSOA11NM,WD24CD,WD24NM,LAD24CD,LAD24NM",
        "E01800001,Preston 001C,E05900001,Preston Central,E07000123,Preston",
    ]))
    write(REF / "postcodes.csv", crlf([
        "pcd,pcd2,pcds,dointr,doterm,laua,ward,lsoa21",
        "PR1 8XB,PR1  8XB,PR1 8XB,198001,,E07000123,E05900001,E01900001",
        "PR1 9ZZ,PR1  9ZZ,PR1 9ZZ,198001,202001,E07000123,E05900002,E01900002",
        "PR7 1AA,PR7  1AA,PR7 1AA,198001,,E07000118,E05900003,E01900003",
        "WN1 1AA,WN1  1AA,WN1 1AA,198001,,E08000010,E05900009,E01900009",
        "PR0 0AA,PR0  0AA,PR0 0AA,198001,,E99999999,E99999999,E99999999",
    ]))
    # Populations chosen for hand-checkable rates: 1,000 / 2,000 / 5,000 residents, all ages.
    ages = [str(a) for a in range(90)] + ["90+"]
    rows = ["Ward Code 1,Ward Name 1,LA Code (2021 boundaries),LA name (2021 boundaries),All Ages,"
            + ",".join(ages)]
    for code, name, lad, ladname, total in [
        ("E05900001", "Preston Central", "E07000123", "Preston", 1000),
        ("E05900002", "Preston North", "E07000123", "Preston", 2000),
        ("E05900003", "Chorley East", "E07000118", "Chorley", 5000),
    ]:
        counts = [0] * 91
        # 40% aged 0-24 spread evenly over 25 years, the rest over 25-90+.
        young = total * 40 // 100
        for a in range(25):
            counts[a] = young // 25
        counts[24] += young - sum(counts[:25])
        old = total - young
        for a in range(25, 91):
            counts[a] = old // 66
        counts[90] += old - sum(counts[25:])
        assert sum(counts) == total
        rows.append(",".join([code, name, lad, ladname, f'"{total:,}"' if total >= 1000 else str(total)]
                             + [str(c) for c in counts]))
    write(REF / "population.csv", crlf(rows))
    write(REF / "offences.csv", crlf([
        "code,description,group,serious_violence,knife_eligible,harm_weight_days,weight_source",
        "105A,Assault without injury,violence without injury,N,N,10,indicative",
        "8N,Assault with injury,violence with injury,Y,Y,60,indicative",
        "34B,\"Robbery of personal property\",robbery,Y,Y,365,indicative",
        "5D,Assault with intent to cause serious harm,violence with injury,Y,Y,1095,indicative",
    ]))


def police_uk():
    # The quirks fixture: expected results are stated in PoliceUKFeedTests.
    lines = [PUK_HEADER,
             puk_row(1),                                                     # 2 W1 violence
             puk_row(2),                                                     # 3 W1 violence
             puk_row(3, lsoa="E01900002", crime="Anti-social behaviour", outcome="", with_id=False),  # 4 ASB W2
             puk_row(3, lsoa="E01900002", crime="Anti-social behaviour", outcome="", with_id=False),  # 5 same ASB again
             puk_row(5, lsoa="", location="No Location"),                    # 6 no location
             puk_row(6, lsoa="E01900009"),                                   # 7 outside (Wigan)
             puk_row(7, lsoa="E01800001"),                                   # 8 2011 LSOA -> W1
             puk_row(8, lsoa="E01900003", crime="Robbery"),                  # 9 W3 robbery
             puk_row(9, lsoa="E01900003"),                                   # 10 W3 violence
             puk_row(10, month="2025-13"),                                   # 11 bad month
             puk_row(11, lsoa="E01999999"),                                  # 12 LSOA not in lookup
             ]
    write(FEEDS / "police-uk-quirks.csv", crlf(lines))
    # The same rows again, later outcome for crime 1: a republished month.
    again = list(lines)
    again[1] = puk_row(1, outcome="Awaiting court outcome")
    write(FEEDS / "police-uk-quirks-republished.csv", crlf(again))


PC_HEADER = ("Crime Reference,Recorded Date,Committed Date,Committed Time,HO Offence Code,"
             "Offence Description,Offence Postcode,LSOA Code,Victim Age,Victim Sex,Weapon,"
             "Domestic Abuse,Outcome")


def police_crimes():
    rows = [
        "LC-25-0000001,03/01/2025,02/01/2025,23:15,8N,Assault with injury,PR1 8XB,,23,M,KNIFE,N,Charged/summonsed",
        "LC-25-0000002,04/01/2025,04/01/2025,,105A,Assault without injury,pr18xb,,17,F,NONE,Y,Under investigation",
        "LC-25-0000003,05/01/2025,01/01/2025,01:05,34B,Robbery of personal property,PR7  1AA,,31,M,knife,N,Under investigation",
        "LC-25-0000004,06/01/2025,06/01/2025,12:00,5D,Assault with intent,UNKNOWN,E01900002,45,F,OTHER,Y,Under investigation",
        "LC-25-0000005,07/01/2025,07/01/2025,12:00,8N,Assault with injury,WN1 1AA,,22,U,NONE,N,Under investigation",
        "LC-25-0000006,08/01/2025,08/01/2025,12:00,8N,Assault with injury,,,60,F,NONE,N,Under investigation",
    ]
    write(FEEDS / "police-crimes-small.csv", crlf([PC_HEADER] + rows))
    corrected = list(rows)
    corrected[1] = corrected[1].replace(",105A,Assault without injury,", ",8N,Assault with injury,")
    write(FEEDS / "resend-corrects-offence-code.csv", crlf([PC_HEADER] + corrected))


def csv_cases():
    rows = [puk_row(n) for n in range(1, 4)]
    write(CSV / "bom-and-crlf.csv", b"\xef\xbb\xbf" + crlf([PUK_HEADER] + rows))
    write(CSV / "lf-only.csv", ("\n".join([PUK_HEADER] + rows) + "\n").encode())
    quoted = [PUK_HEADER,
              puk_row(1, location='"On or near Mill Lane, Bridge End"'),          # line 2
              puk_row(2, location='"On or near ""The Crescent"""'),              # line 3
              puk_row(3, location='"On or near Line One\r\nLine Two"'),          # lines 4-5
              puk_row(4, month="2025-99"),                                       # line 6: reject
              ]
    write(CSV / "quoted-commas-quotes-newlines.csv", crlf(quoted))
    cp = [PUK_HEADER, puk_row(1, location="On or near Caf\u00e9 Row \u2013 East"), puk_row(2)]
    write(CSV / "cp1252-names.csv", ("\r\n".join(cp) + "\r\n").encode("cp1252"))
    shuffled_header = ("  crime TYPE ,month,Crime ID,LSOA Code,longitude,Latitude,location,"
                       "LSOA name,reported by,FALLS WITHIN,Last Outcome Category,context,Extra Notes")
    def reorder(row):
        f = row.split(",")
        return ",".join([f[9], f[1], f[0], f[7], f[4], f[5], f[6], f[8], f[2], f[3], f[10], f[11], "note"])
    write(CSV / "headers-any-order-and-case.csv",
          crlf([shuffled_header] + [reorder(puk_row(n)) for n in range(1, 3)]))
    wrong = [PUK_HEADER, puk_row(1), puk_row(2) + ",extra", ",".join(puk_row(3).split(",")[:-2]), puk_row(4)]
    write(CSV / "wrong-field-count.csv", crlf(wrong))
    open_quote = [PUK_HEADER, puk_row(1), puk_row(2), puk_row(3, location='"On or near Never Closed')]
    write(CSV / "unterminated-quote-at-eof.csv", crlf(open_quote))
    nul = crlf([PUK_HEADER, puk_row(1)]) + puk_row(2, location="On or near \x00Nul Street").encode() + b"\r\n" + crlf([puk_row(3)])
    write(CSV / "nul-byte.csv", nul)
    write(CSV / "empty.csv", b"")
    write(CSV / "header-only.csv", crlf([PUK_HEADER]))
    junk = random.Random(4).randbytes(6000)
    write(CSV / "binary-junk.csv", junk)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(crlf([PUK_HEADER] + [puk_row(n) for n in range(1, 2001)]))
    whole = buffer.getvalue()
    write(CSV / "police-uk-2000-rows.csv.gz", whole)
    write(CSV / "truncated.csv.gz", whole[: len(whole) // 2])
    missing = [PUK_HEADER.replace("Crime type,", "Category,"), puk_row(1).replace("Violence and sexual offences,", "x,")]
    write(CSV / "missing-required-column.csv", crlf(missing))


def gz(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def more_cases():
    rows = [puk_row(n) for n in range(1, 4)]
    write(CSV / "bom-inside.csv.gz", gz(b"\xef\xbb\xbf" + crlf([PUK_HEADER] + rows)))
    # Two gzip members, as `cat a.gz b.gz` makes: the second carries rows 3-4.
    write(CSV / "two-members.csv.gz",
          gz(crlf([PUK_HEADER] + rows[:2])) + gz(crlf([puk_row(3), puk_row(4)])))
    whole = gz(crlf([PUK_HEADER] + rows))
    write(CSV / "zero-padded.csv.gz", whole + bytes(512))
    corrupt = bytearray(whole)
    for i in range(12, 40):
        corrupt[i] ^= 0x5A
    write(CSV / "corrupt.csv.gz", bytes(corrupt))
    # Long enough that the first megabyte inflates (and its batches load) before the cut.
    large = gz(crlf([PUK_HEADER] + [puk_row(n) for n in range(1, 20001)]))
    write(CSV / "truncated-large.csv.gz", large[: len(large) * 6 // 10])
    write(CSV / "utf16.csv", ("\r\n".join([PUK_HEADER] + rows) + "\r\n").encode("utf-16"))
    write(CSV / "blank-lines-only.csv", b"\r\n\r\n\n\r\n")
    write(CSV / "duplicate-column.csv",
          crlf([PUK_HEADER + ",crime type", puk_row(1) + ",Robbery"]))
    write(CSV / "unknown-feed.csv", crlf(["Crime Reference,Recorded Date,Victim Age",
                                          "LC-1,01/01/2025,30"]))
    write(REF / "onspd-postcodes.csv", crlf([
        "pcd,pcd2,pcds,dointr,doterm,oslaua,osward,lsoa21",
        "PR1 8XB,PR1  8XB,PR1 8XB,198001,,E07000123,E05900001,E01900001",
        "PR7 1AA,PR7  1AA,PR7 1AA,198001,,E07000118,E05900003,E01900003",
    ]))
    write(REF / "cp1252-wards.csv", ("\r\n".join([
        "WD24CD,WD24NM,LAD24CD,LAD24NM",
        "E05900001,Preston Caf\u00e9 Quarter,E07000123,Preston",
        "E05900002,Preston North,E07000123,Preston",
        "E05900003,Chorley East,E07000118,Chorley",
    ]) + "\r\n").encode("cp1252"))
    # E01900002 is in W2 in the 2021 lookup (lsoa-wards.csv) but W1 in this 2011 one.
    write(REF / "lsoa11-conflicting.csv", crlf([
        "LSOA11CD,LSOA11NM,WD24CD,WD24NM,LAD24CD,LAD24NM",
        "E01900002,Preston 001B,E05900001,Preston Central,E07000123,Preston",
    ]))
    # ONS's newer layout: one column per sex and age. W1 gets 1 + 2 people at every age.
    ages = [f"F{a}" for a in range(91)] + [f"M{a}" for a in range(91)]
    write(REF / "population-by-sex.csv", crlf([
        "Ward 2022 Code,Ward 2022 Name,LAD 2022 Code,LAD 2022 Name,Total," + ",".join(ages),
        "E05900001,Preston Central,E07000123,Preston,273," + ",".join(["1"] * 91 + ["2"] * 91),
    ]))
    # A lookup correction: E01900002 (the quirks fixture's anti-social behaviour) moves to W1.
    write(REF / "lsoa-wards-corrected.csv", crlf([
        "FID,LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM",
        "1,E01900001,Preston 001A,E05900001,Preston Central,E07000123,Preston",
        "2,E01900002,Preston 001B,E05900001,Preston Central,E07000123,Preston",
        "3,E01900003,Chorley 001A,E05900003,Chorley East,E07000118,Chorley",
        "4,E01900009,Wigan 001A,E05900009,Wigan Town,E08000010,Wigan",
    ]))


YOT_HEADER = ("Case ID,Date of Birth,Sex,Ethnicity,Home Postcode,Offence Date,HO Offence Code,"
              "Offence Category,Outcome Tier,First Time Entrant")
AE_HEADER = ("ED Site Code,Arrival Date,Arrival Time,Assault Date,Assault Time,"
             "Assault Location Type,Assault Location Description,Method,Patient Age,Sex,"
             "Home Postcode,LSOA of Residence")


def partner_feeds():
    # Ages worked by hand: born 15/06/2008, offence 14/06/2024 -> 15; on 15/06/2024 -> 16.
    yot = [
        "YC-00012,15/06/2008,M,White,PR1 8XB,14/06/2024,8N,Violence against the person,Referral order,Y",
        "YC-00012,15/06/2008,M,White,PR1 8XB,15/06/2024,105A,Violence against the person,Youth caution,N",
        "YC-00340,29/02/2008,F,Mixed,pr7 1aa,28/02/2024,34B,Robbery,Youth conditional caution,Y",
        "YC-00777,01/01/2009,U,Not stated,,01/03/2024,,Criminal damage,Community resolution,Y",
        "YC-00999,01/01/2025,M,Asian,PR1 8XB,01/03/2024,8N,Violence against the person,Custody,N",
    ]
    write(FEEDS / "yot-offences-small.csv", crlf([YOT_HEADER] + yot))
    # The next delivery, with the service's renamed headers and the case ID typed differently.
    renamed = YOT_HEADER.replace("Case ID", "CaseID").replace("Outcome Tier", "Disposal")
    write(FEEDS / "yot-offences-renamed.csv", crlf([renamed,
        " yc-00012 ,15/06/2008,M,White,PR1 8XB,01/07/2024,8N,Violence against the person,Custody,N"]))
    ae = [
        "RXN01,03/01/2025,23:40,03/01/2025,23:05,Licensed premises,outside the Red Lion,stabbed with knife,24,M,PR1 8XB,",
        "RXN01,03/01/2025,23:40,03/01/2025,23:05,Licensed premises,outside the Red Lion,stabbed with knife,24,M,PR1 8XB,",
        "RXN02,04/01/2025,01:10,,,Street/public place,,punched,19,F,,E01900003",
        "RXN02,05/01/2025,14:00,05/01/2025,13:30,Home,,\"bottle, glass\",41,F,WN1 1AA,",
    ]
    write(FEEDS / "ae-attendances-small.csv", crlf([AE_HEADER] + ae))
    write(FEEDS / "ae-with-nhs-number.csv",
          crlf([AE_HEADER + ",NHS Number", ae[0] + ",943 476 5919"]))


def shared_reference():
    """Method rules and exclusion reasons, the same as SampleData's (one list each, in the
    sample-data generator, scripts/sampledata/)."""
    from sampledata.method_rules import method_rules_csv
    from sampledata.reference import exclusion_reasons_csv
    write(REF / "method-rules.csv", method_rules_csv())
    write(REF / "exclusion-reasons.csv", exclusion_reasons_csv())


SUSPENSIONS_HEADER = "School URN,UPN,Date of Birth,Sex,Home Postcode,Type,Start Date,Sessions,Reason Code"
ABSENCE_HEADER = ("UPN,School URN,Academic Year,Term,Sessions Possible,Authorised Absence,"
                  "Unauthorised Absence")


def schools():
    # A GIAS extract as GIAS delivers it: Windows-1252, its own column names.
    write(REF / "gias-schools.csv", ("\r\n".join([
        "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,"
        "TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),Postcode",
        "119001,888,Lancashire,2001,St Mary\u2019s Church of England Primary School,"
        "Voluntary aided school,Open,Primary,PR1 8XB",
        "119002,888,Lancashire,4001,Chorley Acad\u00e9mie,Academy converter,Open,Secondary,PR7 1AA",
    ]) + "\r\n").encode("cp1252"))
    # Worked by hand: line 2 has a home postcode in Wigan (placed there, outside the area);
    # lines 3-4 have none (placed by their school); line 5's reason code is not a DfE code.
    write(FEEDS / "school-suspensions-small.csv", crlf([SUSPENSIONS_HEADER,
        "119002,A123456789012,03/09/2010,M,WN1 1AA,Suspension,12/03/2024,2,PP",
        "119002,B223456789012,14/11/2010,F,,Suspension,13/03/2024,1.5,VA",
        "119001,C323456789012,01/05/2015,M,,Permanent exclusion,14/03/2024,0,OW",
        "119001,D423456789012,01/05/2015,F,,Suspension,15/03/2024,1,XX",
    ]))
    write(FEEDS / "school-absence-small.csv", crlf([ABSENCE_HEADER,
        "A123456789012,119002,2023/24,Autumn,140,10,6",
        "A123456789012,119002,2023/24,Spring,120,4,0",
        "C323456789012,119001,2023/24,summer,100,3,2",
        "E523456789012,119001,2023/24,Autumn,100,90,20",
    ]))


if __name__ == "__main__":
    reference()
    police_uk()
    police_crimes()
    csv_cases()
    more_cases()
    partner_feeds()
    shared_reference()
    schools()
    print("fixtures written under", ROOT)

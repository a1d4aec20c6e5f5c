#!/usr/bin/env python3
"""Extract PHEindicatormethods test vectors into plain CSV fixtures for StatisticsTests.

Run once by hand; the outputs are committed and the Swift tests never read the spreadsheets:

    python3 scripts/extract-pheim-vectors.py /path/to/pheim_testdata

The input folder holds the spreadsheets from PHEindicatormethods v2.1.0 tests/testthat
(Crown copyright, Open Government Licence v3.0). Values are read as stored in the sheets
(openpyxl data_only=True, i.e. the cached results of any Excel formulas) and written with
Python's repr, which round-trips every double exactly. Fixtures hold no quoted fields; an
empty field means "no value" (R's NA).

What is kept, and what is skipped and why:

- testdata_Rate.xlsx / testdata_Rate -> rate.csv (95% and 99.8% limits, multipliers 100 and
  100,000). The sheet's value and 95% limits are Excel formulas (CHIINV, NORMSINV), the 99.8%
  limits are values pasted from R; both agree with R to far better than 1e-9. Skipped: Area09, Area10, Area11, whose numerator or denominator is NA (R returns
  NA; our API takes a count and a population, so there is nothing to call).
- testdata_Rate.xlsx / testdata_Rate_g -> rate-g.csv (grouped sums, one confidence level per
  row). Same NA rows skipped.
- testdata_Proportion.xlsx / testdata_Prop -> proportion.csv; testdata_Prop_g ->
  proportion-g.csv. Skipped: Area09, Area10, Area11 (NA numerator or denominator).
- testdata_Byars_Wilson.xlsx / testdata_B_W -> byars-wilson.csv, every row. The last Byars row
  (x = 1 at 99.8%) has no lower limit: R's byars_lower sets a negative result to NA. It is
  kept with an empty lower field; the test checks that our Byar's lower limit is negative
  there. The Wilson rows include a fractional x (0.445 of 1), exercised through the Double
  form of the Wilson limits.
- testdata_DSR_ISR.xlsx / testresults_DSR -> dsr.csv, with the age-band inputs from
  testdata_multiarea and testdata_1976 -> dsr-inputs.csv.
  * A "dsr NA for total count < 10" row carries no multiplier in its statistic; it takes the
    multiplier of the row above it (the sheet lists areas in blocks per multiplier). Its
    expected value and limits are empty: the DSR is not published.
  * testdata_1976 (ESP1976, 18 bands): only value and 95% limits are kept. The sheet's 99.8%
    limits for that area are exactly ten times the Dobson limits (lower 7659.28 against a
    value of 859.21 per 10,000; the same method gives 765.928) and are not checked by the
    package's own testDSRs.R, which compares only total count, population, value and the 95%
    limits for this area.
  * testdata_multiarea has no standard population column: R's tests use the package's
    esp2013 vector. Its standard_population fields are left empty so that the test supplies
    Statistics.europeanStandardPopulation2013 and so checks those weights as well.
  * testdata_tiny has one NA count (band 10-14); R's na.zero counts it as 0, and so does the
    fixture.
  * Skipped: the testdata_nonind_* rows (Dobson with confidence adjusted for non-independent
    events: needs event-frequency breakdowns, a method MADE does not implement).
- Skipped entirely: testresults_ISR and its inputs (indirect standardisation is not
  implemented); the testdata_err* sheets (inputs that R rejects with an error: negative count,
  zero or negative population); testdata_multiarea_isr / _lookup / refdata (ISR inputs).
- DSR_testdata.csv is skipped: it lists DSR values and limits per deprivation quintile for the
  SII tests but not the counts and populations they came from, so there are no inputs to
  reproduce.
"""

import os
import re
import sys

import openpyxl

OUTPUT = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "MADETests", "Fixtures", "pheim"
))


def number(value):
    """A cell as CSV text: empty for NA, integers plainly, doubles by repr (exact)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(f"unexpected boolean cell {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    raise ValueError(f"unexpected cell {value!r}")


def confidence(text):
    """'95%' or '99.8%' as a fraction: 0.95, 0.998."""
    match = re.fullmatch(r"([0-9.]+)%", str(text).strip())
    if not match:
        raise ValueError(f"unexpected confidence {text!r}")
    return {"95": "0.95", "99.8": "0.998"}[match.group(1)]


def rows(sheet):
    """Data rows as dictionaries keyed by the header row, blank rows dropped."""
    values = list(sheet.iter_rows(values_only=True))
    header = [str(name) if name is not None else "" for name in values[0]]
    for row in values[1:]:
        if all(cell is None for cell in row):
            continue
        yield dict(zip(header, row))


def write(name, header, records):
    path = os.path.join(OUTPUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(",".join(header) + "\n")
        for record in records:
            for field in record:
                if "," in field or '"' in field or "\n" in field:
                    raise ValueError(f"{name}: field needs quoting: {field!r}")
            out.write(",".join(record) + "\n")
    print(f"wrote {path}: {len(records)} rows")


def has_inputs(row, *names):
    return all(row[name] is not None for name in names)


def extract_rates(folder):
    book = openpyxl.load_workbook(os.path.join(folder, "testdata_Rate.xlsx"), data_only=True)
    full = []
    for row in rows(book["testdata_Rate"]):
        if not has_inputs(row, "Numerator", "Denominator"):
            continue
        full.append([
            number(row["Numerator"]), number(row["Denominator"]), number(row["multiplier"]),
            number(row["value"]),
            number(row["lower95_0cl"]), number(row["upper95_0cl"]),
            number(row["lower99_8cl"]), number(row["upper99_8cl"]),
            row["method"],
        ])
    write("rate.csv", ["numerator", "denominator", "multiplier", "value", "lower95", "upper95",
                       "lower998", "upper998", "method"], full)

    grouped = []
    for row in rows(book["testdata_Rate_g"]):
        if not has_inputs(row, "Numerator", "Denominator"):
            continue
        grouped.append([
            number(row["Numerator"]), number(row["Denominator"]), number(row["multiplier"]),
            confidence(row["confidence"]),
            number(row["value"]), number(row["lowercl"]), number(row["uppercl"]),
            row["method"],
        ])
    write("rate-g.csv", ["numerator", "denominator", "multiplier", "confidence", "value",
                         "lower", "upper", "method"], grouped)


def extract_proportions(folder):
    book = openpyxl.load_workbook(
        os.path.join(folder, "testdata_Proportion.xlsx"), data_only=True)
    full = []
    for row in rows(book["testdata_Prop"]):
        if not has_inputs(row, "Numerator", "Denominator"):
            continue
        full.append([
            number(row["Numerator"]), number(row["Denominator"]), number(row["multiplier"]),
            number(row["value"]),
            number(row["lower95_0cl"]), number(row["upper95_0cl"]),
            number(row["lower99_8cl"]), number(row["upper99_8cl"]),
        ])
    write("proportion.csv", ["numerator", "denominator", "multiplier", "value", "lower95",
                             "upper95", "lower998", "upper998"], full)

    grouped = []
    for row in rows(book["testdata_Prop_g"]):
        if not has_inputs(row, "Numerator", "Denominator"):
            continue
        grouped.append([
            number(row["Numerator"]), number(row["Denominator"]), number(row["multiplier"]),
            confidence(row["confidence"]),
            number(row["value"]), number(row["lowercl"]), number(row["uppercl"]),
        ])
    write("proportion-g.csv", ["numerator", "denominator", "multiplier", "confidence", "value",
                               "lower", "upper"], grouped)


def extract_byars_wilson(folder):
    book = openpyxl.load_workbook(
        os.path.join(folder, "testdata_Byars_Wilson.xlsx"), data_only=True)
    records = []
    for row in rows(book["testdata_B_W"]):
        if row["method"] not in ("Byars", "Wilson"):
            raise ValueError(f"unexpected method {row['method']!r}")
        records.append([
            row["method"], number(row["x"]), number(row["n"]), confidence(row["confidence"]),
            number(row["lowercl"]), number(row["uppercl"]),
        ])
    write("byars-wilson.csv", ["method", "x", "n", "confidence", "lower", "upper"], records)


ESP2013_BANDS = 19


def extract_dsr(folder):
    book = openpyxl.load_workbook(os.path.join(folder, "testdata_DSR_ISR.xlsx"), data_only=True)

    inputs = []
    bands_per_area = {}
    for row in rows(book["testdata_multiarea"]):
        area = row["area"]
        bands_per_area[area] = bands_per_area.get(area, 0) + 1
        count = row["count"] if row["count"] is not None else 0  # R's na.zero
        # Empty standard population: ESP2013, supplied by the test.
        inputs.append([area, row["ageband"], number(count), number(row["pop"]), ""])
    if any(total != ESP2013_BANDS for total in bands_per_area.values()):
        raise ValueError(f"testdata_multiarea: expected 19 bands per area: {bands_per_area}")
    for row in rows(book["testdata_1976"]):
        inputs.append(["testdata_1976", row["Age Band"], number(row["count"]),
                       number(row["pop"]), number(row["esp1976"])])
    write("dsr-inputs.csv", ["area", "ageband", "count", "population", "standard_population"],
          inputs)

    known_areas = set(bands_per_area) | {"testdata_1976"}
    results = []
    multiplier = None
    for row in rows(book["testresults_DSR"]):
        area = row["area"]
        if area not in known_areas:
            continue  # testdata_nonind_*: non-independent events, not implemented
        match = re.fullmatch(r"dsr per (\d+)", row["statistic"])
        if match:
            multiplier = match.group(1)
        elif row["statistic"] != "dsr NA for total count < 10" or multiplier is None:
            raise ValueError(f"unexpected statistic {row['statistic']!r}")
        lower998, upper998 = row["lower99_8cl"], row["upper99_8cl"]
        if area == "testdata_1976":
            lower998, upper998 = None, None  # see the module docstring
        results.append([
            area, multiplier, number(row["total_count"]), number(row["total_pop"]),
            number(row["value"]), number(row["lower95_0cl"]), number(row["upper95_0cl"]),
            number(lower998), number(upper998),
        ])
    write("dsr.csv", ["area", "multiplier", "total_count", "total_pop", "value", "lower95",
                      "upper95", "lower998", "upper998"], results)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: extract-pheim-vectors.py PHEIM_TESTDATA_FOLDER")
    folder = sys.argv[1]
    os.makedirs(OUTPUT, exist_ok=True)
    extract_rates(folder)
    extract_proportions(folder)
    extract_byars_wilson(folder)
    extract_dsr(folder)


if __name__ == "__main__":
    main()

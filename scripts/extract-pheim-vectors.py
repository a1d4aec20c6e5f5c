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
- Skipped: testdata_DSR_ISR.xlsx (directly and indirectly standardised rates): no indicator of
  MADE is age-standardised, so MADE has no DSR to test (docs/methods.md § "Directly standardised rate").
- Skipped entirely: the testdata_err* sheets (inputs that R rejects with an error: negative count,
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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: extract-pheim-vectors.py PHEIM_TESTDATA_FOLDER")
    folder = sys.argv[1]
    os.makedirs(OUTPUT, exist_ok=True)
    extract_rates(folder)
    extract_proportions(folder)
    extract_byars_wilson(folder)


if __name__ == "__main__":
    main()

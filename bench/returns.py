"""Benchmark the returns layer on ASC-WDS Staff files with 1% bad rows, against a csv loop.

Run from the repository root: ``.venv/bin/python bench/returns.py`` (add ``--large`` for a
million rows, ``--xlsx`` to time a 10,000-row workbook too).

For each size it generates a Staff file (varied, valid rows; every hundredth row carries one
planted mistake, of ten kinds), then times reading, validating and normalising it, and checks that
the errors found are exactly the planted ones. The baseline, measured in the same run on the same
bytes, is a plain per-row loop over ``csv.reader`` checking a subset of the rules; its time is
also scaled up to the full rule count, since that is what a hand-written validator would check.
The target is 100,000 rows read, validated and normalised in under 30 s (the lead adds the
database load).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import re
import resource
import time
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
from oneworkforce.intelligence.returns.reading import read_upload
from oneworkforce.intelligence.returns.rules.common import Context
from oneworkforce.intelligence.returns.validation import rules_for, validate

REFERENCE_DATE = date(2026, 3, 31)
TARGET_ROWS, TARGET_SECONDS = 100_000, 30.0
BAD_EVERY = 100

# One mistake per bad row, each breaking exactly one error rule on a permanent care worker row.
MISTAKES: tuple[tuple[str, str], ...] = (
    ("MAINJOBROLE", "99"),
    ("GENDER", "9"),
    ("EMPLSTATUS", ""),
    ("POSTCODE", "DY1"),
    ("SCQUAL", "1"),
    ("NINUMBER", "QQ12"),
    ("STATUS", "ADD"),
    ("L2CARECERT", "4"),
    ("ETHNICITY", "50"),
    ("ZEROHRCONT", "1"),
)


def generate(rows: int, seed: int = 7) -> tuple[bytes, set[int]]:
    """A Staff file of ``rows`` rows as CSV bytes, and the lines of the planted mistakes."""
    rng = np.random.default_rng(seed)
    n = rows

    def pick(values: list[str], p: list[float] | None = None) -> np.ndarray:
        return rng.choice(np.array(values, dtype=object), size=n, p=p)

    roles = pick(
        ["8", "7", "16", "6", "23", "25", "4", "52", "26"],
        [0.45, 0.15, 0.06, 0.04, 0.04, 0.08, 0.03, 0.1, 0.05],
    )
    contracts = pick(["1", "2", "3", "4"], [0.7, 0.1, 0.15, 0.05])
    contracted = np.isin(contracts, ["1", "2"])
    born = rng.integers(date(1956, 1, 1).toordinal(), date(2006, 1, 1).toordinal(), size=n)
    started = np.maximum(
        born + 18 * 366,
        rng.integers(date(2000, 1, 1).toordinal(), date(2026, 3, 1).toordinal(), size=n),
    )
    salary_annual = rng.random(n) < 0.2
    frame = pl.DataFrame(
        {
            "LOCALESTID": [f"HOME{index:03}" for index in rng.integers(0, 400, size=n)],
            "UNIQUEWORKERID": [f"W{index:07}" for index in range(n)],
            "STATUS": pick(["NEW", "UPDATE"], [0.3, 0.7]),
            "DISPLAYID": [f"ID-{index:07}" for index in range(n)],
            "NINUMBER": np.where(rng.random(n) < 0.3, "QQ123456C", ""),
            "POSTCODE": pick(["DY1 1AA", "DY2 8PP", "WV1 1AA", "B69 2AA", "DY4 7DS"]),
            "DOB": [date.fromordinal(int(day)).strftime("%d/%m/%Y") for day in born],
            "GENDER": pick(["1", "2", "3", "4"], [0.18, 0.8, 0.01, 0.01]),
            "ETHNICITY": pick(["31", "34", "39", "44", "45", "99"]),
            "NATIONALITY": pick(["826", "999"], [0.8, 0.2]),
            "COUNTRYOFBIRTH": pick(["826", "999"], [0.8, 0.2]),
            "DISABLED": pick(["0", "1", "2", "3"]),
            "CARECERT": pick(["1", "2", "3"]),
            "L2CARECERT": pick(["1;2025", "2", "3"]),
            "HANDCVISA": pick(["1", "2", "999"], [0.1, 0.85, 0.05]),
            "STARTDATE": [date.fromordinal(int(day)).strftime("%d/%m/%Y") for day in started],
            "STARTINSECT": [str(date.fromordinal(int(day)).year) for day in started],
            "DHA": pick(["1", "2", "999"]),
            "APPRENTICE": pick(["1", "2"], [0.05, 0.95]),
            "EMPLSTATUS": contracts,
            "ZEROHRCONT": np.where(contracted, "2", pick(["1", "2"])),
            "DAYSSICK": pick(["0", "2", "4.5", "12", "999"]),
            "SALARYINT": np.where(salary_annual, "1", "3"),
            "SALARY": np.where(salary_annual, "26500", ""),
            "HOURLYRATE": np.where(salary_annual, "", "12.60"),
            "MAINJOBROLE": roles,
            "MAINJRDESC": np.where(roles == "23", "Night care assistant", ""),
            "CONTHOURS": np.where(contracted, pick(["16", "22.5", "30", "37.5"]), ""),
            "AVGHOURS": np.where(contracted, "", pick(["8", "12.5", "20", "999"])),
            "NMCREG": np.where(roles == "16", "1", ""),
            "AMHP": np.where(roles == "6", "2", ""),
            "SCQUAL": pick(["1;2", "1;3", "2", "999"]),
            "NONSCQUAL": pick(["1;4", "2", "999"]),
            "CWPCATEGORY": pick(["1", "2", "3", "998"]),
            "QUALACH01": np.where(rng.random(n) < 0.3, "121;2020", ""),
        }
    )
    # Bad rows become a plain permanent care worker first, so each mistake breaks one rule only.
    bad = (np.arange(n) % BAD_EVERY) == BAD_EVERY - 1
    plain = {
        "EMPLSTATUS": "1", "ZEROHRCONT": "2", "CONTHOURS": "37.5", "AVGHOURS": "",
        "MAINJOBROLE": "8", "MAINJRDESC": "", "NMCREG": "", "AMHP": "", "SALARYINT": "3",
        "SALARY": "", "HOURLYRATE": "12.60",
    }  # fmt: skip
    kind = (np.arange(n) // BAD_EVERY) % len(MISTAKES)
    bad_series = pl.Series(bad)
    kind_series = pl.Series(kind)
    frame = frame.with_columns(
        pl.when(bad_series).then(pl.lit(value)).otherwise(pl.col(name)).alias(name)
        for name, value in plain.items()
    )
    frame = frame.with_columns(
        pl.when(bad_series & (kind_series == number))
        .then(pl.lit(value))
        .otherwise(pl.col(name))
        .alias(name)
        for number, (name, value) in enumerate(MISTAKES)
    )
    frame = frame.with_columns(
        pl.lit("").alias(name) for name in ASCWDS_STAFF.names if name not in frame.columns
    ).select(ASCWDS_STAFF.names)
    planted = {int(index) + 2 for index in np.flatnonzero(bad)}
    return frame.write_csv(line_terminator="\r\n").encode("utf-8"), planted


_CODES = reference()
_ROLE_CODES = set(_CODES["ascwds_job_role"].accepted)
_POSTCODE = re.compile(r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")
_NI = re.compile(r"^[A-Za-z]{2}\s*(?:\d\s*){6}[A-Za-z]?$")
_BASELINE_RULES = 14


def baseline(content: bytes) -> tuple[float, set[int]]:
    """A hand-written validator: csv.reader and a Python loop, checking 14 of the rules."""
    started = time.perf_counter()
    text = content.decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    at = {name: position for position, name in enumerate(header)}
    bad_lines: set[int] = set()
    seen: set[tuple[str, str]] = set()
    statuses = {"NEW", "UPDATE", "DELETE", "NOCHANGE", "UNCHECKED"}
    genders = set(_CODES["ascwds_gender"].accepted)
    ethnicities = set(_CODES["ascwds_ethnicity"].accepted)
    contracts = set(_CODES["ascwds_contract_type"].accepted)
    for line, row in enumerate(reader, start=2):
        problems = 0
        status = row[at["STATUS"]].strip().upper()
        problems += status not in statuses
        key = (row[at["LOCALESTID"]], row[at["UNIQUEWORKERID"]])
        problems += key in seen
        seen.add(key)
        if status in {"DELETE", "NOCHANGE", "UNCHECKED"}:
            continue
        role = row[at["MAINJOBROLE"]]
        problems += role not in _ROLE_CODES
        problems += role in {"23", "27"} and not row[at["MAINJRDESC"]]
        contract = row[at["EMPLSTATUS"]]
        problems += contract not in contracts
        problems += bool(row[at["GENDER"]]) and row[at["GENDER"]] not in genders
        problems += bool(row[at["ETHNICITY"]]) and row[at["ETHNICITY"]] not in ethnicities
        problems += bool(row[at["POSTCODE"]]) and not _POSTCODE.match(row[at["POSTCODE"]])
        problems += bool(row[at["NINUMBER"]]) and not _NI.match(row[at["NINUMBER"]])
        try:
            born = date(*reversed([int(part) for part in row[at["DOB"]].split("/")]))
            _ = 14 <= (REFERENCE_DATE - born).days // 365 <= 100
        except (ValueError, TypeError):
            pass
        hours = row[at["CONTHOURS"]]
        if hours and row[at["ZEROHRCONT"]] in {"1", "999"}:
            problems += float(hours) > 0
        scqual = row[at["SCQUAL"]].split(";")
        problems += scqual[0] not in {"1", "2", "999", ""}
        problems += scqual[0] == "1" and len(scqual) < 2
        problems += row[at["L2CARECERT"]].split(";")[0] not in {"", "1", "2", "3"}
        if problems:
            bad_lines.add(line)
    return time.perf_counter() - started, bad_lines


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(rows: int) -> dict[str, Any]:
    content, planted = generate(rows)
    gc.collect()
    started = time.perf_counter()
    uploaded = read_upload(
        content=content, filename="staff.csv", file_format=ASCWDS_STAFF, max_bytes=len(content) + 1
    )
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    report = validate(uploaded, reference_date=REFERENCE_DATE)
    validate_s = time.perf_counter() - started
    # Normalising runs on the valid rows: the lead's service refuses a file with errors, so the
    # bench drops the planted lines to time the step a clean upload goes through.
    bad = pl.Series(sorted(planted))
    clean = uploaded.frame.filter(~pl.col("line").is_in(bad.implode()))
    started = time.perf_counter()
    from oneworkforce.intelligence.returns.normalised import normalise_frame

    tables = normalise_frame(
        clean, ASCWDS_STAFF, reference_date=REFERENCE_DATE, ni_hash_key=b"bench"
    )
    normalise_s = time.perf_counter() - started
    loop_s, loop_lines = baseline(content)
    found = set(report.lines_with_errors)
    return {
        "rows": rows,
        "mb": len(content) / 1e6,
        "read": read_s,
        "validate": validate_s,
        "normalise": normalise_s,
        "total": read_s + validate_s + normalise_s,
        "planted": len(planted),
        "errors": len(report.errors),
        "exact": found == planted and len(report.errors) == len(planted),
        "warnings": len(report.warnings),
        "posts": tables.posts.height,
        "loop": loop_s,
        "loop_exact": loop_lines == planted,
        "peak_mb": peak_mb(),
    }


def measure_xlsx(rows: int) -> tuple[float, float, bool]:
    from openpyxl import Workbook

    content, planted = generate(rows)
    frame = pl.read_csv(content, infer_schema=False)
    # A normal workbook, as Excel saves one, records its dimensions; openpyxl's write-only mode
    # does not, and openpyxl then reads such a sheet twice.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(frame.columns))
    for row in frame.iter_rows():
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.perf_counter()
    uploaded = read_upload(
        content=buffer.getvalue(), filename="staff.xlsx", file_format=ASCWDS_STAFF
    )
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    report = validate(uploaded, reference_date=REFERENCE_DATE)
    validate_s = time.perf_counter() - started
    return read_s, validate_s, set(report.lines_with_errors) == planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also run 1,000,000 rows")
    parser.add_argument("--xlsx", action="store_true", help="also time a 10,000-row .xlsx")
    arguments = parser.parse_args()
    sizes = [10_000, 100_000] + ([1_000_000] if arguments.large else [])
    rules = len(rules_for(ASCWDS_STAFF, Context(reference_date=REFERENCE_DATE)))

    # Warm up: the first validation builds the pandera schema and imports pandera's backends.
    validate(
        read_upload(content=generate(100)[0], filename="w.csv", file_format=ASCWDS_STAFF),
        reference_date=REFERENCE_DATE,
    )

    load = os.getloadavg()[0]
    print(
        f"Returns bench: ASC-WDS Staff files, 1 row in {BAD_EVERY} bad; {rules} rules;"
        f" {os.cpu_count()} CPUs, load average {load:.1f}; polars {pl.__version__}"
    )
    print()
    header = (
        f"{'rows':>10} {'MB':>6} {'read s':>7} {'valid. s':>8} {'norm. s':>7} {'total s':>8}"
        f" {'rows/s':>9} {'errors/planted':>15} {'exact':>5} {'warn':>5}"
        f" {'csv loop s':>10} {f'loop*{rules}/{_BASELINE_RULES} s':>14} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    results = []
    for rows in sizes:
        result = measure(rows)
        results.append(result)
        scaled = float(result["loop"]) * rules / _BASELINE_RULES
        print(
            f"{rows:>10,} {result['mb']:>6.1f} {result['read']:>7.2f} {result['validate']:>8.2f}"
            f" {result['normalise']:>7.2f} {result['total']:>8.2f}"
            f" {rows / float(result['total']):>9,.0f}"
            f" {result['errors']:>7,}/{result['planted']:<7,}"
            f" {'yes' if result['exact'] else 'NO':>5} {result['warnings']:>5}"
            f" {result['loop']:>10.2f} {scaled:>14.2f} {result['peak_mb']:>8.0f}"
        )
    print()
    target = next(result for result in results if result["rows"] == TARGET_ROWS)
    verdict = "met" if float(target["total"]) < TARGET_SECONDS and target["exact"] else "MISSED"
    print(
        f"Target: {TARGET_ROWS:,} rows read, validated and normalised in under"
        f" {TARGET_SECONDS:.0f} s"
        f" -> {float(target['total']):.1f} s, every planted error found: {verdict}."
    )
    print(
        f"The csv loop checks {_BASELINE_RULES} of the {rules} rules; the scaled column is its time"
        " for all of them, with no line numbers, messages or warnings."
    )
    if arguments.xlsx:
        read_s, validate_s, exact = measure_xlsx(10_000)
        print(
            f"10,000 rows as .xlsx: read {read_s:.2f} s (openpyxl, cell by cell), validate"
            f" {validate_s:.2f} s, every planted error found: {'yes' if exact else 'NO'}."
        )


if __name__ == "__main__":
    main()

"""Helpers that build return files from rows of text cells, and validate them once per module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pytest

from oneworkforce.intelligence.returns.formats import FileFormat
from oneworkforce.intelligence.returns.reading import UploadedFile, read_upload
from oneworkforce.intelligence.returns.report import Issue, Severity, ValidationReport
from oneworkforce.intelligence.returns.validation import validate

REFERENCE_DATE = date(2026, 3, 31)


def example_row(file_format: FileFormat, **cells: str) -> dict[str, str]:
    """The template's example row, with some cells changed."""
    row = {column.name: column.example for column in file_format.columns}
    row.update(cells)
    return row


def csv_bytes(
    file_format: FileFormat,
    rows: Iterable[Mapping[str, str]],
    *,
    header: Iterable[str] | None = None,
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> bytes:
    names = list(header) if header is not None else list(file_format.names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(name, "") for name in names])
    return buffer.getvalue().encode(encoding)


def upload(
    file_format: FileFormat, rows: Iterable[Mapping[str, str]], **options: object
) -> UploadedFile:
    return read_upload(
        content=csv_bytes(file_format, rows, **options),  # type: ignore[arg-type]
        filename="return.csv",
        file_format=file_format,
    )


def check(
    file_format: FileFormat, rows: Iterable[Mapping[str, str]], **context: object
) -> ValidationReport:
    return validate(upload(file_format, rows), reference_date=REFERENCE_DATE, **context)  # type: ignore[arg-type]


def on_line(report: ValidationReport, line: int) -> list[Issue]:
    return [issue for issue in (*report.errors, *report.warnings) if issue.line == line]


@dataclass(frozen=True)
class Case:
    """One rule broken by one row: the cells that break it and what the report must say."""

    says: str  # the test id, a sentence
    cells: Mapping[str, str]
    rule: str
    severity: Severity
    message: str
    also: tuple[str, ...] = ()  # other rules the same row breaks, on purpose


def validate_cases(
    file_format: FileFormat,
    cases: Iterable[Case],
    *,
    key_columns: tuple[str, ...] = (),
    **context: object,
) -> dict[str, list[Issue]]:
    """Validate one file holding a row per case (on its own line) and return each row's issues."""
    cases = list(cases)
    rows = []
    for number, case in enumerate(cases):
        row = example_row(file_format)
        for key_column in key_columns:
            row[key_column] = f"C{number:03}"
        row.update(case.cells)
        rows.append(row)
    report = check(file_format, rows, **context)
    return {case.says: on_line(report, number + 2) for number, case in enumerate(cases)}


def assert_case(case: Case, issues: list[Issue]) -> None:
    found = {issue.rule: issue for issue in issues}
    assert case.rule in found, f"{case.rule} not reported; got {sorted(found)}"
    assert found[case.rule].severity is case.severity
    assert found[case.rule].message == case.message
    assert set(found) <= {case.rule, *case.also}, (
        f"unexpected: {set(found) - {case.rule, *case.also}}"
    )


@pytest.fixture
def reference_date() -> date:
    return REFERENCE_DATE

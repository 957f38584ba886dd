"""What validation tells a person about their file: every problem, with its line and column.

An error blocks the upload; a warning does not (ASC-WDS's own split: a value it "will ignore"
is a warning, a value it cannot accept is an error). Line numbers count rows as a spreadsheet
shows them, the header being line 1; a cell holding a line break does not shift them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

__all__ = ["VALUE_LIMIT", "Issue", "Severity", "ValidationReport", "truncate_value"]

# Values are shown truncated, so a report never repeats a whole pasted paragraph.
VALUE_LIMIT = 40


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    line: int
    column: str
    value: str
    message: str
    rule: str
    severity: Severity = Severity.ERROR


def truncate_value(value: str) -> str:
    """The value as a report shows it.

    >>> truncate_value("x" * 50)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
    """
    return value if len(value) <= VALUE_LIMIT else value[: VALUE_LIMIT - 1] + "…"


ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "line": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "message": pl.String(),
    "rule": pl.String(),
    "severity": pl.String(),
}


@dataclass(frozen=True)
class ValidationReport:
    """Errors and warnings of one file, sorted by line; ``rows`` counts the data rows read.

    >>> report = ValidationReport(file_format="ascwds-staff", rows=2, errors=(), warnings=())
    >>> report.is_valid, report.lines_with_errors
    (True, ())
    """

    file_format: str
    rows: int
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    # Rows marked DELETE, NOCHANGE or UNCHECKED: checked only for their identifiers and STATUS.
    rows_not_checked: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def lines_with_errors(self) -> tuple[int, ...]:
        return tuple(sorted({issue.line for issue in self.errors}))

    def as_frame(self) -> pl.DataFrame:
        """Every issue as one table (errors first), for a page that lists thousands of them."""
        return pl.DataFrame(
            [
                (i.line, i.column, i.value, i.message, i.rule, str(i.severity))
                for i in (*self.errors, *self.warnings)
            ],
            schema=ISSUE_SCHEMA,
            orient="row",
        )

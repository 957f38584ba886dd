"""Validate a return against its format: every bad row, column and reason, found at once.

Pandera checks the shape of the polars frame of text cells (every column of the format, as
text); then every rule (``rules/``) runs in one polars query, a boolean column per rule, and
each failing (row, rule) pair becomes an issue with the file's line number and a message saying
how to fix the cell. Nothing loops over rows: each rule is one vectorised expression, and only
failing rows are gathered to write their messages. See docs/decisions/0050 and 0055.

Complexity: O(rows * rules) vectorised work in one query; under 1 s for 100,000 Staff rows on
two cores, a few hundredths of a second for a file of a few hundred rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from functools import lru_cache

import pandera.polars as pa
import polars as pl
from pandera.config import ValidationDepth, config_context
from pandera.errors import SchemaErrors

from oneworkforce.intelligence.returns.formats import FileFormat
from oneworkforce.intelligence.returns.reading import UploadedFile
from oneworkforce.intelligence.returns.report import (
    ISSUE_SCHEMA,
    Issue,
    Severity,
    ValidationReport,
)
from oneworkforce.intelligence.returns.rules import (
    ascwds_staff,
    ascwds_training,
    ascwds_workplace,
    nhs_staff,
)
from oneworkforce.intelligence.returns.rules.common import (
    SKIPPED_STATUSES,
    Context,
    Rule,
    truncated,
)

__all__ = ["rules_for", "staff_keys", "validate", "validate_frame", "workplace_ids"]

_RULES: dict[str, Callable[[Context], Iterable[Rule]]] = {
    "ascwds-workplace": ascwds_workplace.rules,
    "ascwds-staff": ascwds_staff.rules,
    "ascwds-training": ascwds_training.rules,
    "nhs-staff": nhs_staff.rules,
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def rules_for(file_format: FileFormat, context: Context) -> tuple[Rule, ...]:
    """The rules of a format; keys are unique, anchors are columns of the format.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
    >>> rules = rules_for(ASCWDS_TRAINING, Context(reference_date=date(2026, 3, 31)))
    >>> "CATEGORY.code" in {rule.key for rule in rules}
    True
    """
    rules = tuple(_RULES[file_format.key](context))
    names = {column.name for column in file_format.all_columns}
    keys = [rule.key for rule in rules]
    if len(keys) != len(set(keys)) or any(rule.anchor not in names for rule in rules):
        raise ValueError(f"the rules of {file_format.key} have a repeated key or a bad anchor")
    return rules


def workplace_ids(uploaded: UploadedFile) -> frozenset[str]:
    """The LOCALESTIDs of a Workplace file, to check a Staff or Training file against.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_WORKPLACE
    >>> from oneworkforce.intelligence.returns.reading import read_upload
    >>> from oneworkforce.intelligence.returns.templates import template_csv
    >>> workplace_ids(read_upload(content=template_csv(ASCWDS_WORKPLACE), filename="w.csv",
    ...                           file_format=ASCWDS_WORKPLACE))
    frozenset({'HOME01'})
    """
    return frozenset(uploaded.frame.get_column("LOCALESTID").unique().to_list()) - {""}


def staff_keys(uploaded: UploadedFile) -> frozenset[tuple[str, str]]:
    """The (LOCALESTID, UNIQUEWORKERID) pairs of a Staff file, to check a Training file against."""
    pairs = uploaded.frame.select("LOCALESTID", "UNIQUEWORKERID").unique().iter_rows()
    return frozenset((workplace, worker) for workplace, worker in pairs)


def validate(
    uploaded: UploadedFile,
    *,
    reference_date: date,
    workplace_ids: Collection[str] | None = None,
    staff_keys: Collection[tuple[str, str]] | None = None,
) -> ValidationReport:
    """Check every row of an uploaded file; errors block the upload, warnings do not.

    ``workplace_ids`` (from the Workplace file uploaded with it) makes a Staff or Training row
    with an unknown LOCALESTID an error; ``staff_keys`` does the same for Training rows whose
    worker is not in the Staff file.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
    >>> from oneworkforce.intelligence.returns.reading import read_upload
    >>> header = ",".join(ASCWDS_TRAINING.names)
    >>> rows = ["HOME01,W1,6,Fire safety,,,,,,,,", "HOME01,W2,99,Fire safety,,,,,,,,"]
    >>> uploaded = read_upload(content="\\n".join([header, *rows]).encode(),
    ...                        filename="training.csv", file_format=ASCWDS_TRAINING)
    >>> report = validate(uploaded, reference_date=date(2026, 3, 31))
    >>> [(issue.line, issue.column, issue.value) for issue in report.errors]
    [(3, 'CATEGORY', '99')]
    >>> print(report.errors[0].message)
    CATEGORY 99 is not a training category code; use a code from the list, like 6 for Fire safety.
    """
    return validate_frame(
        uploaded.frame,
        uploaded.file_format,
        reference_date=reference_date,
        workplace_ids=workplace_ids,
        staff_keys=staff_keys,
        reading_issues=uploaded.issues,
    )


def validate_frame(
    frame: pl.DataFrame,
    file_format: FileFormat,
    *,
    reference_date: date,
    workplace_ids: Collection[str] | None = None,
    staff_keys: Collection[tuple[str, str]] | None = None,
    reading_issues: Iterable[Issue] = (),
) -> ValidationReport:
    """Validate a frame shaped like ``UploadedFile.frame``: ``line`` and every column, as text."""
    context = Context(
        reference_date=reference_date,
        workplace_ids=frozenset(workplace_ids) if workplace_ids is not None else None,
        staff_keys=frozenset(staff_keys) if staff_keys is not None else None,
    )
    _check_shape(file_format, tuple(frame.schema.items()))
    found = _issues(frame, _compiled(file_format, context))
    issues = sorted(
        [*reading_issues, *_to_issues(found)],
        key=lambda issue: (issue.line, _position(file_format, issue.column), issue.rule),
    )
    not_checked = 0
    if file_format.status_column is not None:
        status = frame.get_column(file_format.status_column).str.to_uppercase()
        not_checked = int(status.is_in(SKIPPED_STATUSES).sum())
    return ValidationReport(
        file_format=file_format.key,
        rows=frame.height,
        errors=tuple(issue for issue in issues if issue.severity is Severity.ERROR),
        warnings=tuple(issue for issue in issues if issue.severity is Severity.WARNING),
        rows_not_checked=not_checked,
    )


def _position(file_format: FileFormat, column: str) -> int:
    names = [item.name for item in file_format.all_columns]
    first = column.split("/")[0]
    return names.index(first) if first in names else -1


_KNOWN_IDS_RULES: dict[str, Callable[[Context], Iterable[Rule]]] = {
    "ascwds-staff": ascwds_staff.known_ids_rules,
    "ascwds-training": ascwds_training.known_ids_rules,
}


def _compiled(file_format: FileFormat, context: Context) -> tuple[Rule, ...]:
    """``rules_for(file_format, context)``, in another order: the rules that read only the
    reference date are built once per date (building a format's hundred rules costs more
    than running them on a small file), the few that check ids against the partner's other
    files are built for each file."""
    by_date = _rules_on(file_format, context.reference_date)
    known_ids = _KNOWN_IDS_RULES.get(file_format.key)
    if known_ids is None or (context.workplace_ids is None and context.staff_keys is None):
        return by_date
    return (*by_date, *known_ids(context))


@lru_cache(maxsize=16)
def _rules_on(file_format: FileFormat, reference_date: date) -> tuple[Rule, ...]:
    return rules_for(file_format, Context(reference_date=reference_date))


@lru_cache(maxsize=32)
def _check_shape(file_format: FileFormat, columns: tuple[tuple[str, pl.DataType], ...]) -> None:
    """Pandera's check that a frame has every column of its format, as text. It reads only
    the frame's schema, so it runs on an empty frame of that schema, once per schema: every
    file the reader makes has the same one, and pandera takes a few hundredths of a second."""
    schema = pa.DataFrameSchema(
        {column.name: pa.Column(pl.String) for column in file_format.all_columns},
        name=file_format.key,
        strict=False,
    )
    # Forced on: pandera can be switched off by an environment variable.
    with config_context(validation_enabled=True, validation_depth=ValidationDepth.SCHEMA_ONLY):
        try:
            schema.validate(pl.DataFrame(schema=dict(columns)), lazy=True)
        except SchemaErrors as errors:
            raise RuntimeError(f"the frame to validate is not of its format: {errors}") from errors


def _issues(frame: pl.DataFrame, rules: tuple[Rule, ...]) -> pl.DataFrame:
    """Every (row, rule) that fails, as rows of ``ISSUE_SCHEMA``.

    The rules run as one polars query, one boolean column per rule, so their shared cell
    readers are computed once (common subexpressions) and a small file costs one query, not
    one per rule (decision 0055)."""
    # Pandera's nullable check would run a query per column; polars keeps each column's count.
    nulls = [name for name in frame.columns if frame.get_column(name).null_count()]
    if nulls:
        raise RuntimeError(f"the frame to validate has empty cells as nulls in {nulls}")
    if not rules or frame.is_empty():
        return pl.DataFrame(schema=ISSUE_SCHEMA)
    broken = (
        frame.lazy()
        .select(rule.breaks.fill_null(False).alias(str(index)) for index, rule in enumerate(rules))
        .collect()
    )
    counts = broken.sum().row(0)
    parts = [
        _describe(frame, rule, broken.get_column(str(index)).arg_true())
        for index, (rule, count) in enumerate(zip(rules, counts, strict=True))
        if count
    ]
    return pl.concat(parts) if parts else pl.DataFrame(schema=ISSUE_SCHEMA)


def _describe(frame: pl.DataFrame, rule: Rule, indices: pl.Series) -> pl.DataFrame:
    """The issues of one rule: gather its failing rows, then write their messages."""
    base = frame
    fields = {name: pl.col(f"__{name}") for name in rule.fields}
    if rule.fields:
        base = frame.with_columns(
            **{f"__{name}": expr.cast(pl.String) for name, expr in rule.fields.items()}
        )
    failing = base[indices.sort().cast(pl.Int64)]
    value = truncated(
        (rule.value if rule.value is not None else pl.col(rule.anchor)).cast(pl.String)
    )
    return failing.select(
        pl.col("line").cast(pl.Int64),
        pl.lit(rule.column, dtype=pl.String).alias("column"),
        value.fill_null("").alias("value"),
        _render(rule.message, {"value": value, **fields}).alias("message"),
        pl.lit(rule.key, dtype=pl.String).alias("rule"),
        pl.lit(str(rule.severity), dtype=pl.String).alias("severity"),
    )


def _render(template: str, fields: dict[str, pl.Expr]) -> pl.Expr:
    """A message per row: the template's literal text with each row placeholder filled."""
    parts: list[pl.Expr] = []
    for position, piece in enumerate(_PLACEHOLDER.split(template)):
        if position % 2 == 0:
            if piece:
                parts.append(pl.lit(piece, dtype=pl.String))
        elif piece in fields:
            parts.append(fields[piece].cast(pl.String).fill_null(""))
        else:
            parts.append(pl.lit("{" + piece + "}", dtype=pl.String))
    return pl.concat_str(parts) if parts else pl.lit("", dtype=pl.String)


def _to_issues(found: pl.DataFrame) -> Iterator[Issue]:
    for line, column, value, message, rule, severity in found.iter_rows():
        yield Issue(
            line=line,
            column=column,
            value=value,
            message=message,
            rule=rule,
            severity=Severity(severity),
        )

"""Rules as data, the expressions that read cells, and the rules every format shares.

A ``Rule`` names the rows that break it with a polars expression over the text cells
(``breaks``), the column it reports, its severity and a message template. The validation engine
runs every rule of a format in one polars query; nothing here loops over rows.

The same cell readers (``whole``, ``date_value``, ``code_key``...) produce the values the
normalised tables store, so a value a warning says "will be ignored" is the value that is not
stored: one module decides both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from oneworkforce.intelligence.returns.codes import CodeList, reference
from oneworkforce.intelligence.returns.formats import Column, FileFormat
from oneworkforce.intelligence.returns.report import Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING

REQUIRED_BLANK = "{column} is blank but required ({what}). Enter a value, like {example}."
TOO_LONG = "{column} is {length} characters long; the limit is {limit}. Shorten it."
NOT_A_CODE = "{column} {value} is not {list_title} code; use a code from the list, like {example}."
LEGACY_CODE = (
    "{column} {value} is an old code that ASC-WDS no longer accepts; use a current code, like"
    " {example}."
)
NOT_A_WHOLE_NUMBER = "{column} {value} is not a whole number; enter digits only, like {example}."
NOT_A_NUMBER = (
    "{column} {value} is not a number; enter digits with a decimal point, like {example}."
)
NOT_A_DATE = (
    "{column} {value} is not a date in DD/MM/YYYY form between 1900 and 2099; enter one like"
    " 01/04/2024."
)
NOT_A_YEAR = "{column} {value} is not a year; enter four digits, like 2019."
NOT_A_POSTCODE = "{column} {value} is not a postcode; enter one like DY1 1AA."
DUPLICATE_KEY = (
    "{column} {value} appears more than once{scope}; it was first on line {first_line}."
    " Give each {thing} its own {column}."
)
UNKNOWN_WORKPLACE = (
    "LOCALESTID {value} is not in the Workplace file; add the workplace there, or correct the"
    " LOCALESTID."
)
CODE_IGNORED = (
    "{column} {value} is not {list_title} code, so it will be ignored; use a code from the"
    " list, like {example}."
)

SKIPPED_STATUSES = ("DELETE", "NOCHANGE", "UNCHECKED")
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
_WHOLE = r"^\d{1,9}$"
_NUMBER = r"^\d{1,7}(\.\d{1,2})?$"
_DATE = r"^\d{1,2}/\d{1,2}/\d{4}$"
_YEAR = r"^\d{4}$"


@dataclass(frozen=True)
class Rule:
    """One check: the rows where ``breaks`` is true get ``message`` at ``column``.

    ``message`` may hold row placeholders: ``{value}`` (the cell at ``anchor``, or ``value``)
    and the names in ``fields``; the other placeholders were filled when the rule was built.
    """

    key: str
    column: str
    anchor: str
    severity: Severity
    breaks: pl.Expr
    message: str
    value: pl.Expr | None = None
    fields: Mapping[str, pl.Expr] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What a rule needs beyond the file: the return's reference date and the other files."""

    reference_date: date
    workplace_ids: frozenset[str] | None = None
    staff_keys: frozenset[tuple[str, str]] | None = None


class _Template(dict[str, str]):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def fill(template: str, **static: object) -> str:
    """Fill the placeholders known when the rule is built, keeping the row placeholders.

    >>> fill("{column} {value} is wrong", column="GENDER")
    'GENDER {value} is wrong'
    """
    return template.format_map(_Template({name: str(value) for name, value in static.items()}))


# Cell readers: text in, a typed value or null out.


def given(name: str) -> pl.Expr:
    return pl.col(name) != ""


def blank(name: str) -> pl.Expr:
    return pl.col(name) == ""


def whole(name: str | pl.Expr) -> pl.Expr:
    cell = pl.col(name) if isinstance(name, str) else name
    return pl.when(cell.str.contains(_WHOLE)).then(cell.cast(pl.Int64, strict=False))


def number(name: str | pl.Expr) -> pl.Expr:
    cell = pl.col(name) if isinstance(name, str) else name
    return pl.when(cell.str.contains(_NUMBER)).then(cell.cast(pl.Float64, strict=False))


def date_value(name: str) -> pl.Expr:
    cell = pl.col(name)
    parsed = cell.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    return pl.when(cell.str.contains(_DATE) & parsed.dt.year().is_between(1900, 2099)).then(parsed)


def year_value(name: str | pl.Expr) -> pl.Expr:
    cell = pl.col(name) if isinstance(name, str) else name
    return pl.when(cell.str.contains(_YEAR)).then(cell.cast(pl.Int64, strict=False))


def age_on(born: pl.Expr, day: date) -> pl.Expr:
    """Whole years between ``born`` and ``day``."""
    # Month and day come as Int8, so widen them before multiplying.
    month_day = born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(pl.Int32)
    before_birthday = month_day > (day.month * 100 + day.day)
    return pl.lit(day.year) - born.dt.year().cast(pl.Int64) - before_birthday.cast(pl.Int64)


def spelling(name: str | pl.Expr, codes: CodeList) -> pl.Expr:
    cell = pl.col(name) if isinstance(name, str) else name
    return cell.str.to_uppercase() if codes.case_insensitive else cell


def code_of(name: str | pl.Expr, codes: CodeList) -> pl.Expr:
    """The code a cell spells, or null when it spells none (legacy codes included)."""
    spellings = codes.spellings()
    for legacy in codes.legacy:
        spellings[legacy.upper() if codes.case_insensitive else legacy] = legacy
    return spelling(name, codes).replace_strict(spellings, default=None, return_dtype=pl.String)


def code_key(name: str | pl.Expr, codes: CodeList) -> pl.Expr:
    """The product key of an accepted code, or null."""
    accepted = {spelling: codes.key_of(code) for spelling, code in codes.spellings().items()}
    return spelling(name, codes).replace_strict(accepted, default=None, return_dtype=pl.String)


def is_code(name: str | pl.Expr, codes: CodeList) -> pl.Expr:
    return spelling(name, codes).is_in(list(codes.spellings()))


def items(name: str) -> pl.Expr:
    """A ;-list as a list of trimmed items; a trailing ; is allowed, blank is empty."""
    cell = pl.col(name)
    return (
        pl.when(cell == "")
        .then(pl.lit([], dtype=pl.List(pl.String)))
        .otherwise(
            cell.str.strip_chars_end(";").str.split(";").list.eval(pl.element().str.strip_chars())
        )
    )


def postcode(name: str) -> pl.Expr:
    """A postcode in capitals with one space before the inward code, or null."""
    compact = pl.col(name).str.replace_all(" ", "").str.to_uppercase()
    return pl.when(pl.col(name).str.contains(POSTCODE_PATTERN)).then(
        compact.str.slice(0, compact.str.len_chars() - 3) + " " + compact.str.slice(-3)
    )


def checked_rows(file_format: FileFormat) -> pl.Expr:
    """Rows checked in full: ASC-WDS does not check DELETE, NOCHANGE or UNCHECKED rows."""
    if file_format.status_column is None:
        return pl.lit(True)
    return ~pl.col(file_format.status_column).str.to_uppercase().is_in(SKIPPED_STATUSES)


def truncated(expr: pl.Expr, limit: int = 40) -> pl.Expr:
    return (
        pl.when(expr.str.len_chars() > limit)
        .then(expr.str.slice(0, limit - 1) + "…")
        .otherwise(expr)
    )


# Rules from a column's specification.


def example_code(column: Column, codes: CodeList) -> str:
    code = column.example.split(";")[0] if column.example else ""
    label = next((item.label for item in codes.codes if item.code == code), None)
    if label is None:
        code, label = codes.example.code, codes.example.label
    return code if code.lower() == label.lower() else f"{code} for {label}"


def column_rules(
    column: Column, *, checked: pl.Expr, always: bool = False, code_severity: Severity = ERROR
) -> Iterator[Rule]:
    """Blank, length and code checks that follow from the specification alone."""
    name = column.name
    scope = pl.lit(True) if always else checked
    if column.required:
        what = column.description.split(";")[0].split(". ")[0].rstrip(".")
        example = column.example or "a value"
        if column.codes is not None and column.kind.value == "code":
            example = example_code(column, reference()[column.codes])
        yield Rule(
            f"{name}.required",
            name,
            name,
            ERROR,
            scope & blank(name),
            fill(REQUIRED_BLANK, column=name, what=what, example=example),
        )
    if column.max_length is not None:
        yield Rule(
            f"{name}.length",
            name,
            name,
            ERROR,
            scope & (pl.col(name).str.len_chars() > column.max_length),
            fill(TOO_LONG, column=name, limit=column.max_length),
            fields={"length": pl.col(name).str.len_chars().cast(pl.String)},
        )
    if column.codes is not None and column.kind.value == "code":
        codes = reference()[column.codes]
        title = codes.description
        example = example_code(column, codes)
        template = NOT_A_CODE if code_severity is ERROR else CODE_IGNORED
        legacy_spellings = [
            spelling.upper() if codes.case_insensitive else spelling for spelling in codes.legacy
        ]
        yield Rule(
            f"{name}.code",
            name,
            name,
            code_severity,
            scope
            & given(name)
            & ~is_code(name, codes)
            & ~spelling(name, codes).is_in(legacy_spellings),
            fill(template, column=name, list_title=title, example=example),
        )
        if codes.legacy:
            yield Rule(
                f"{name}.legacy_code",
                name,
                name,
                code_severity,
                scope & spelling(name, codes).is_in(legacy_spellings),
                fill(LEGACY_CODE, column=name, example=example),
            )


def whole_number_rule(column: Column, *, checked: pl.Expr, severity: Severity = ERROR) -> Rule:
    name = column.name
    return Rule(
        f"{name}.whole_number",
        name,
        name,
        severity,
        checked & given(name) & whole(name).is_null(),
        fill(NOT_A_WHOLE_NUMBER, column=name, example=column.example or "12"),
    )


def date_rule(column: Column, *, checked: pl.Expr, severity: Severity = ERROR) -> Rule:
    name = column.name
    message = (
        NOT_A_DATE
        if severity is ERROR
        else NOT_A_DATE.replace("; enter", "; it will be ignored. Enter")
    )
    return Rule(
        f"{name}.date",
        name,
        name,
        severity,
        checked & given(name) & date_value(name).is_null(),
        fill(message, column=name),
    )


def postcode_rule(name: str, *, checked: pl.Expr) -> Rule:
    return Rule(
        f"{name}.postcode",
        name,
        name,
        ERROR,
        checked & given(name) & ~pl.col(name).str.contains(POSTCODE_PATTERN),
        fill(NOT_A_POSTCODE, column=name),
    )


def duplicate_rule(
    key: str, columns: tuple[str, ...], *, scope: str, thing: str, severity: Severity = ERROR
) -> Rule:
    """Rows after the first that repeat the values of ``columns``; the last column is reported."""
    reported = columns[-1]
    nonblank = pl.all_horizontal([given(column) for column in columns])
    position = pl.int_range(pl.len()).over(list(columns))
    return Rule(
        key,
        reported,
        reported,
        severity,
        nonblank & (position > 0),
        fill(DUPLICATE_KEY, column=reported, scope=scope, thing=thing),
        fields={"first_line": pl.col("line").first().over(list(columns)).cast(pl.String)},
    )


def unknown_workplace_rule(context: Context) -> Rule | None:
    if context.workplace_ids is None:
        return None
    return Rule(
        "LOCALESTID.unknown_workplace",
        "LOCALESTID",
        "LOCALESTID",
        ERROR,
        given("LOCALESTID") & ~pl.col("LOCALESTID").is_in(sorted(context.workplace_ids)),
        UNKNOWN_WORKPLACE,
    )


def person_key(workplace: str = "LOCALESTID", person: str = "UNIQUEWORKERID") -> pl.Expr:
    """A worker's key within a partner's returns: the workplace id, length-prefixed, and the
    worker id, so that no two different pairs give the same key (``5:HOME1:W01``)."""
    return pl.concat_str(
        [
            pl.col(workplace).str.len_chars().cast(pl.String),
            pl.lit(":"),
            pl.col(workplace),
            pl.lit(":"),
            pl.col(person),
        ]
    )


def person_key_text(workplace: str, person: str) -> str:
    """``person_key`` for one pair.

    >>> person_key_text("HOME1", "W01")
    '5:HOME1:W01'
    """
    return f"{len(workplace)}:{workplace}:{person}"

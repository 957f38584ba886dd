"""The documented input of every metric: the workforce frame and the workplaces frame.

The **workforce frame** has one row per post in the returns in scope (a person with two
posts has two rows, sharing a ``person_key``). Its columns mirror the intelligence models
(``Post`` with its ``Person``, ``Workplace`` and organisation), flattened:

=============================  =========  =====================================================
column                         type       meaning
=============================  =========  =====================================================
post_id                        String     the post (required)
person_key                     String     the person holding it, pseudonymous (required)
organisation_id                String     the partner (required)
organisation_name              String     the partner's name, for labels
organisation_kind              String     council, nhs_trust, care_home_provider, ...
workplace_id                   String     the workplace (site); empty when not given
site_postcode                  String     the workplace's postcode
local_authority_code           String     ONS code of the workplace's local authority
sector                         String     "health" or "social_care" (required)
job_role                       String     the role's name ("Deputy manager") or key
role_group                     String     care_providing, professional, managerial_supervisory, ...
is_care_providing              Boolean    a care-providing role (ASC-WDS flag)
is_manager                     Boolean    a manager post (for the leadership mapping)
contract_type                  String     permanent, temporary, pool-or-bank, agency, other
is_zero_hours                  Boolean    on a zero-hours contract
contracted_hours               Float64    hours a week; empty when not known
fte                            Float64    full-time equivalent of the post (required)
pay_band                       String     Agenda for Change band ("Band 5", "8a") or empty
start_date                     Date       when the post started; empty when not known
left_date                      Date       when the post ended; empty while in post
leaving_reason                 String     why the post holder left (label)
leaving_destination            String     where they went (label)
recruitment_source             String     where they were recruited from (label)
sickness_days                  Int64      days off sick in the 12 months to the return
care_qualification_level       Int64      highest relevant care qualification level, 0-8
has_leadership_qualification   Boolean    holds a Level 5 in leadership and management
birth_date                     Date       the person's date of birth
sex                            String     female, male, other, unknown
ethnicity_group                String     white, mixed, asian, black, other, unknown
disability                     String     yes, no, unknown
=============================  =========  =====================================================

The **workplaces frame** has one row per workplace in the workplace returns: organisation_id,
workplace_id (String), and declared_staff, vacancies, starters, leavers (Int64, empty when
not declared). ``declared_staff`` is the workplace's declared total of permanent and
temporary staff (ASC-WDS TOTALPERMTEMP).

Empty text and missing values are read as "not known" everywhere.
"""

from datetime import date

import polars as pl

from oneworkforce.intelligence.metrics.errors import (
    BAD_VALUES,
    MISSING_COLUMN,
    MISSING_VALUES,
    WRONG_TYPE,
    FrameError,
)

__all__ = [
    "CONTRACT_TYPES",
    "DIRECTLY_EMPLOYED",
    "ETHNICITY_GROUPS",
    "SECTORS",
    "WORKFORCE_SCHEMA",
    "WORKPLACES_SCHEMA",
    "conform_frame",
    "conform_workplaces",
    "directly_employed",
    "empty_workforce_frame",
    "empty_workplaces_frame",
    "in_post",
    "left_in_year",
    "started_in_year",
    "validate_frame",
    "validate_workplaces",
    "year_before",
]

WORKFORCE_SCHEMA: dict[str, pl.DataType] = {
    "post_id": pl.String(),
    "person_key": pl.String(),
    "organisation_id": pl.String(),
    "organisation_name": pl.String(),
    "organisation_kind": pl.String(),
    "workplace_id": pl.String(),
    "site_postcode": pl.String(),
    "local_authority_code": pl.String(),
    "sector": pl.String(),
    "job_role": pl.String(),
    "role_group": pl.String(),
    "is_care_providing": pl.Boolean(),
    "is_manager": pl.Boolean(),
    "contract_type": pl.String(),
    "is_zero_hours": pl.Boolean(),
    "contracted_hours": pl.Float64(),
    "fte": pl.Float64(),
    "pay_band": pl.String(),
    "start_date": pl.Date(),
    "left_date": pl.Date(),
    "leaving_reason": pl.String(),
    "leaving_destination": pl.String(),
    "recruitment_source": pl.String(),
    "sickness_days": pl.Int64(),
    "care_qualification_level": pl.Int64(),
    "has_leadership_qualification": pl.Boolean(),
    "birth_date": pl.Date(),
    "sex": pl.String(),
    "ethnicity_group": pl.String(),
    "disability": pl.String(),
}
"""Every column of the workforce frame and its type."""

WORKPLACES_SCHEMA: dict[str, pl.DataType] = {
    "organisation_id": pl.String(),
    "workplace_id": pl.String(),
    "declared_staff": pl.Int64(),
    "vacancies": pl.Int64(),
    "starters": pl.Int64(),
    "leavers": pl.Int64(),
}
"""Every column of the workplaces frame and its type."""

SECTORS = ("health", "social_care")
CONTRACT_TYPES = ("permanent", "temporary", "pool-or-bank", "agency", "other")
DIRECTLY_EMPLOYED = ("permanent", "temporary")
"""Contract types counted as directly employed staff in turnover, starters, vacancy and
stability rates (agency, bank and other are left out, as Skills for Care does)."""
ETHNICITY_GROUPS = ("white", "mixed", "asian", "black", "other", "unknown")
DISABILITY_VALUES = ("yes", "no", "unknown")

_REQUIRED = {
    "workforce": ("post_id", "person_key", "organisation_id", "sector", "contract_type", "fte"),
    "workplaces": ("organisation_id",),
}
_ALLOWED_VALUES = {
    "sector": SECTORS,
    "contract_type": CONTRACT_TYPES,
    "ethnicity_group": ETHNICITY_GROUPS,
    "disability": DISABILITY_VALUES,
}


def empty_workforce_frame() -> pl.DataFrame:
    """A workforce frame with every column and no posts.

    >>> frame = empty_workforce_frame()
    >>> frame.height, frame.schema["fte"], frame.schema["start_date"]
    (0, Float64, Date)
    """
    return pl.DataFrame(schema=WORKFORCE_SCHEMA)


def empty_workplaces_frame() -> pl.DataFrame:
    """A workplaces frame with every column and no workplaces.

    >>> list(empty_workplaces_frame().columns)
    ['organisation_id', 'workplace_id', 'declared_staff', 'vacancies', 'starters', 'leavers']
    """
    return pl.DataFrame(schema=WORKPLACES_SCHEMA)


def _type_fits(actual: pl.DataType, expected: pl.DataType) -> bool:
    if actual == expected or actual == pl.Null:
        return True
    if expected == pl.Float64:
        return actual.is_numeric()
    if expected == pl.Int64:
        return actual.is_integer()
    return False


def _check(df: pl.DataFrame, schema: dict[str, pl.DataType], name: str) -> None:
    for column, expected in schema.items():
        if column not in df.columns:
            raise FrameError(MISSING_COLUMN.format(frame=name, column=column, dtype=expected))
        if not _type_fits(df.schema[column], expected):
            raise FrameError(
                WRONG_TYPE.format(
                    frame=name, column=column, actual=df.schema[column], expected=expected
                )
            )


def _check_values(df: pl.DataFrame, name: str) -> None:
    for column in _REQUIRED[name]:
        missing = df.get_column(column).null_count()
        if missing:
            raise FrameError(MISSING_VALUES.format(frame=name, column=column, count=missing))
    for column, allowed in _ALLOWED_VALUES.items():
        if column not in df.columns or df.schema[column] == pl.Null:
            continue
        found = df.get_column(column).drop_nulls().unique()
        bad = sorted(set(found.to_list()) - set(allowed) - {""})
        if bad:
            raise FrameError(
                BAD_VALUES.format(
                    frame=name,
                    column=column,
                    values=", ".join(repr(v) for v in bad[:5]),
                    allowed=", ".join(repr(v) for v in allowed),
                )
            )


def validate_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Check a workforce frame's columns, types and coded values; return it unchanged.

    Integer columns may use any integer type and ``fte``/``contracted_hours`` any numeric
    type; a column that is entirely empty may have the Null type. Raises
    :class:`~.errors.FrameError` naming the first column at fault.

    >>> validate_frame(empty_workforce_frame().drop("fte"))
    Traceback (most recent call last):
    ...
    oneworkforce.intelligence.metrics.errors.FrameError: The workforce frame has no column 'fte'. Add it, of type Float64; empty_workforce_frame() shows every column and its type.

    Complexity: O(n) for n posts (the coded columns are scanned once).
    """  # noqa: E501
    _check(df, WORKFORCE_SCHEMA, "workforce")
    _check_values(df, "workforce")
    return df


def validate_workplaces(df: pl.DataFrame) -> pl.DataFrame:
    """Check a workplaces frame's columns and types; return it unchanged.

    >>> validate_workplaces(empty_workplaces_frame().drop("vacancies"))
    Traceback (most recent call last):
    ...
    oneworkforce.intelligence.metrics.errors.FrameError: The workplaces frame has no column 'vacancies'. Add it, of type Int64; empty_workplaces_frame() shows every column and its type.
    """  # noqa: E501
    _check(df, WORKPLACES_SCHEMA, "workplaces")
    _check_values(df, "workplaces")
    return df


def _conform(df: pl.DataFrame, schema: dict[str, pl.DataType], name: str) -> pl.DataFrame:
    _check(df, schema, name)
    casts = [pl.col(c).cast(t) for c, t in schema.items() if df.schema[c] != t]
    return df.with_columns(casts) if casts else df


def conform_frame(df: pl.DataFrame) -> pl.DataFrame:
    """The workforce frame with its columns checked and cast to the schema's exact types.

    Every metric calls this (it costs nothing when the types already match); it does not
    scan values, so call :func:`validate_frame` once where the frame is built.
    """
    return _conform(df, WORKFORCE_SCHEMA, "workforce")


def conform_workplaces(df: pl.DataFrame) -> pl.DataFrame:
    """The workplaces frame checked and cast to the schema's exact types."""
    return _conform(df, WORKPLACES_SCHEMA, "workplaces")


def year_before(as_of: date) -> date:
    """The same day a year earlier (28 February for 29 February).

    >>> year_before(date(2026, 3, 31)), year_before(date(2024, 2, 29))
    (datetime.date(2025, 3, 31), datetime.date(2023, 2, 28))
    """
    try:
        return as_of.replace(year=as_of.year - 1)
    except ValueError:
        return as_of.replace(year=as_of.year - 1, day=28)


def in_post(as_of: date) -> pl.Expr:
    """True for a post held on ``as_of``: started by then (or start not known), not yet left.

    A post with no start date is in the return, so it is taken to be in post; stability
    is where a missing start date matters, and it says so.
    """
    return (pl.col("start_date").is_null() | (pl.col("start_date") <= as_of)) & (
        pl.col("left_date").is_null() | (pl.col("left_date") > as_of)
    )


def left_in_year(as_of: date) -> pl.Expr:
    """True for a post that ended in the 12 months to ``as_of``: left in (a year before, as_of]."""
    return pl.col("left_date").is_between(year_before(as_of), as_of, closed="right")


def started_in_year(as_of: date) -> pl.Expr:
    """True for a post that started in the 12 months to ``as_of``."""
    return pl.col("start_date").is_between(year_before(as_of), as_of, closed="right")


def directly_employed() -> pl.Expr:
    """True for permanent and temporary posts (agency, bank and other are left out)."""
    return pl.col("contract_type").is_in(DIRECTLY_EMPLOYED)

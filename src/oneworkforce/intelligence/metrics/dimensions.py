"""The breakdowns a metric can be asked for, and the labels readers see for each value.

``by`` names any text or yes/no column of the workforce frame (``post_id`` and
``person_key`` aside, since a breakdown by person would publish people), a column the caller
added (a benchmark adds ``comparison``), or one of two derived breakdowns:

- ``age_band``: the person's age on the date, in the bands 16 to 24, 25 to 34, 35 to 44,
  45 to 54, 55 to 64, 65 and over (and "Under 16" if a record says so).
- ``band_cluster``: the Agenda for Change band cluster of ``pay_band``: bands 1 to 5,
  6 to 7, 8a and above (8a to 9 and very senior managers); anything else is
  "Not on Agenda for Change".

Coded values are shown as words ("pool-or-bank" as "Pool or bank"); empty values as
"Not known", because the disclosure library needs a label for every group and readers need
one too.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar

import polars as pl

from oneworkforce.intelligence.metrics.errors import UNKNOWN_DIMENSION, MetricRequestError

__all__ = [
    "AGE_BAND",
    "AGE_BANDS",
    "BAND_CLUSTER",
    "BAND_CLUSTERS",
    "LABELS",
    "NOT_KNOWN",
    "NOT_ON_AFC",
    "age_years",
    "allowed_dimensions",
    "check_dimensions",
    "label_column",
    "label_expression",
    "labelled",
    "ordered_categories",
]

NOT_KNOWN = "Not known"
AGE_BAND = "age_band"
BAND_CLUSTER = "band_cluster"
DERIVED = (AGE_BAND, BAND_CLUSTER)
UNDER_16 = "Under 16"
AGE_BANDS = ("16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over")
BAND_CLUSTERS = ("Bands 1 to 5", "Bands 6 to 7", "Band 8a and above")
NOT_ON_AFC = "Not on Agenda for Change"
_NEVER = ("post_id", "person_key")

LABELS: dict[str, dict[str, str]] = {
    "sector": {"health": "Health", "social_care": "Social care"},
    "contract_type": {
        "permanent": "Permanent",
        "temporary": "Temporary",
        "pool-or-bank": "Pool or bank",
        "agency": "Agency",
        "other": "Other",
    },
    "ethnicity_group": {
        "white": "White",
        "mixed": "Mixed or multiple ethnic groups",
        "asian": "Asian or Asian British",
        "black": "Black, Black British, Caribbean or African",
        "other": "Other ethnic group",
        "unknown": NOT_KNOWN,
    },
    "disability": {"yes": "Disabled", "no": "Not disabled", "unknown": NOT_KNOWN},
    "sex": {"female": "Female", "male": "Male", "other": "Other", "unknown": NOT_KNOWN},
    "role_group": {
        "care_providing": "Care providing",
        "professional": "Professional",
        "managerial_supervisory": "Managerial or supervisory",
        "it_digital_data": "IT, digital and data",
        "other": "Other roles",
    },
    "organisation_kind": {
        "partnership": "Partnership central team",
        "council": "Council",
        "nhs_trust": "NHS trust",
        "icb": "Integrated care board",
        "gp_practice": "GP practice",
        "college": "College",
        "university": "University",
        "care_home_provider": "Care home provider",
        "home_care_agency": "Home-care agency",
        "voluntary_group": "Voluntary or community group",
        "training_provider": "Training provider",
    },
}
"""Words for coded values, by column. Values not listed are shown as they are."""

_ORDER: dict[str, tuple[str, ...]] = {
    AGE_BAND: (UNDER_16, *AGE_BANDS, NOT_KNOWN),
    BAND_CLUSTER: (*BAND_CLUSTERS, NOT_ON_AFC),
    **{column: (*dict.fromkeys(words.values()), NOT_KNOWN) for column, words in LABELS.items()},
}
_AFC_CLUSTER = {
    **{str(band): BAND_CLUSTERS[0] for band in range(1, 6)},
    "6": BAND_CLUSTERS[1],
    "7": BAND_CLUSTERS[1],
    **dict.fromkeys(("8a", "8b", "8c", "8d", "9", "vsm"), BAND_CLUSTERS[2]),
    "veryseniormanager": BAND_CLUSTERS[2],
    "veryseniormanagers": BAND_CLUSTERS[2],
}


def allowed_dimensions(schema: Mapping[str, pl.DataType]) -> tuple[str, ...]:
    """The breakdowns a frame supports: its text and yes/no columns, and the derived ones."""
    own = (
        name
        for name, dtype in schema.items()
        if dtype in (pl.String, pl.Boolean) and name not in _NEVER and not name.startswith("_")
    )
    return (*own, *DERIVED)


def check_dimensions(schema: Mapping[str, pl.DataType], by: Sequence[str]) -> tuple[str, ...]:
    """``by`` as a tuple, or :class:`~.errors.MetricRequestError` naming the unknown one."""
    allowed = allowed_dimensions(schema)
    for name in by:
        if name not in allowed:
            raise MetricRequestError(
                UNKNOWN_DIMENSION.format(name=name, allowed=", ".join(allowed))
            )
    if len(set(by)) != len(by):
        raise MetricRequestError(
            UNKNOWN_DIMENSION.format(name=", ".join(by), allowed=", ".join(allowed))
        )
    return tuple(by)


def age_years(as_of: date) -> pl.Expr:
    """Whole years of age on ``as_of`` from ``birth_date`` (null when not known)."""
    birth = pl.col("birth_date")
    not_yet = (birth.dt.month().cast(pl.Int32) * 100 + birth.dt.day().cast(pl.Int32)) > (
        as_of.month * 100 + as_of.day
    )
    return pl.lit(as_of.year, pl.Int32) - birth.dt.year().cast(pl.Int32) - not_yet.cast(pl.Int32)


def _age_band(as_of: date) -> pl.Expr:
    age = age_years(as_of)
    band = pl.when(age.is_null()).then(pl.lit(NOT_KNOWN)).when(age < 16).then(pl.lit(UNDER_16))
    for low, label in zip((25, 35, 45, 55, 65), AGE_BANDS, strict=False):
        band = band.when(age < low).then(pl.lit(label))
    return band.otherwise(pl.lit(AGE_BANDS[-1]))


def _band_cluster() -> pl.Expr:
    key = (
        pl.col("pay_band")
        .str.to_lowercase()
        .str.replace_all(r"agenda for change|afc|band|[\s_\-:]", "")
    )
    return key.replace_strict(_AFC_CLUSTER, default=NOT_ON_AFC, return_dtype=pl.String).fill_null(
        NOT_ON_AFC
    )


def label_column(name: str) -> str:
    """The name of the column holding ``name``'s labels in a prepared workforce."""
    return f"~{name}"


def label_expression(schema: Mapping[str, pl.DataType], name: str, as_of: date) -> pl.Expr:
    """The reader-facing label of each row's ``name`` (a column of ``schema`` or derived)."""
    if name == AGE_BAND:
        return _age_band(as_of).alias(name)
    if name == BAND_CLUSTER:
        return _band_cluster().alias(name)
    column = pl.col(name)
    if schema[name] == pl.Boolean:
        return (
            (pl.when(column).then(pl.lit("Yes")).when(~column).then(pl.lit("No")))
            .otherwise(pl.lit(NOT_KNOWN))
            .alias(name)
        )
    words = LABELS.get(name)
    shown = column.replace(words) if words else column
    return (
        pl.when(column.is_null() | (column.str.strip_chars() == ""))
        .then(pl.lit(NOT_KNOWN))
        .otherwise(shown)
        .alias(name)
    )


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def labelled(frame: Frame, by: Sequence[str], *, as_of: date) -> Frame:
    """``frame`` with each breakdown in ``by`` replaced (or added) as reader-facing labels.

    >>> from oneworkforce.intelligence.metrics.frame import empty_workforce_frame
    >>> post = pl.DataFrame({"contract_type": ["pool-or-bank"], "pay_band": ["Band 8a"],
    ...                      "birth_date": [date(1970, 6, 1)], "is_manager": [True]})
    >>> frame = pl.concat([empty_workforce_frame(), post], how="diagonal_relaxed")
    >>> labelled(frame, ["contract_type", "band_cluster", "age_band", "is_manager"],
    ...          as_of=date(2026, 3, 31)).select(
    ...     "contract_type", "band_cluster", "age_band", "is_manager", "sector").row(0)
    ('Pool or bank', 'Band 8a and above', '55 to 64', 'Yes', None)

    Complexity: O(n) for n rows.
    """
    if not by:
        return frame
    schema = frame.collect_schema()
    return frame.with_columns(label_expression(schema, name, as_of) for name in by)


def ordered_categories(name: str, observed: Sequence[str], *, complete: bool = False) -> list[str]:
    """The order to show ``name``'s values in: the known order, then others alphabetically.

    With ``complete`` the known values are all listed (so empty ones show as 0); otherwise
    only those observed.

    >>> ordered_categories("contract_type", ["Agency", "Permanent", "Zero"])
    ['Permanent', 'Agency', 'Zero']
    >>> ordered_categories("band_cluster", [], complete=True)
    ['Bands 1 to 5', 'Bands 6 to 7', 'Band 8a and above', 'Not on Agenda for Change']
    """
    seen = set(observed)
    known = _ORDER.get(name, ())
    if name == AGE_BAND and complete and UNDER_16 not in seen:
        known = tuple(value for value in known if value != UNDER_16)
    first = [value for value in known if complete or value in seen]
    return first + sorted(seen - set(first))

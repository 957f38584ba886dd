"""Benchmark validity: a partner's rates are computed only when its records add up.

Skills for Care computes a workplace's benchmark rates only if its worker records match
the staff total it declared (benchmarksService.js, checkWorkerMismatch). Here a partner's
*post records* are its permanent and temporary posts in post on the date, and its declared
total is the sum of ``declared_staff`` (ASC-WDS TOTALPERMTEMP) over its workplaces. When
they differ, its rates are withheld: its posts are left out of every rate (so they do not
skew the partnership's or its peers' figures either) and, where rates are shown by
partner, its rows read ``[x]`` with the reason.

A partner that declared no total (an NHS partner whose ESR-shaped return has no workplace
file, say) cannot be checked and is not withheld; see decision 0061.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from oneworkforce.intelligence.metrics.dimensions import label_column
from oneworkforce.intelligence.metrics.result import NOT_AVAILABLE, MetricRow
from oneworkforce.intelligence.metrics.workforce import Workforce

__all__ = [
    "ORGANISATION_DIMENSIONS",
    "PARTNERS_LEFT_OUT",
    "RECORDS_DISAGREE",
    "Withheld",
    "benchmark_validity",
    "withhold_mismatched",
]

RECORDS_DISAGREE = (
    "Not computed: this partner's staff records do not match the staff total it declared."
)
PARTNERS_LEFT_OUT = (
    "Rates leave out {count} partner(s) whose staff records do not match the staff totals "
    "they declared."
)
ORGANISATION_DIMENSIONS = ("organisation_id", "organisation_name")


def benchmark_validity(
    frame: pl.DataFrame | Workforce, workplaces: pl.DataFrame, *, as_of: date
) -> pl.DataFrame:
    """Each partner's post records against its declared staff total.

    Returns one row per partner in either frame: ``organisation_id``, ``post_records``
    (permanent and temporary posts in post on ``as_of``), ``declared_staff`` (the sum over
    its workplaces; null when none declared), ``is_valid``. For the partner's own data
    quality page: the counts here are not protected, so never publish them.

    >>> from oneworkforce.intelligence.metrics.examples import posts, workplaces
    >>> frame = posts([{}] * 3 + [dict(organisation_id="org-2")] * 2)
    >>> declared = workplaces([dict(organisation_id="org-1", declared_staff=3),
    ...                        dict(organisation_id="org-2", declared_staff=5)])
    >>> benchmark_validity(frame, declared, as_of=date(2026, 3, 31)).rows()
    [('org-1', 3, 3, True), ('org-2', 2, 5, False)]

    Complexity: O(n + w) for n posts and w workplaces.
    """
    return Workforce.of(frame, as_of=as_of).validity(workplaces)


@dataclass(frozen=True)
class Withheld:
    """Partners whose rates are withheld, and what to show for them."""

    keep: pl.Expr
    """True for the posts of partners whose rates are computed."""
    rows: tuple[MetricRow, ...]
    """``[x]`` rows for the withheld partners, when rates are shown by partner."""
    notes: tuple[str, ...]
    partners: frozenset[str]


def withhold_mismatched(
    workforce: Workforce, workplaces: pl.DataFrame | None, *, by: Sequence[str]
) -> Withheld:
    """Which posts to keep when computing rates, leaving out partners whose records disagree.

    With no ``workplaces`` nothing is withheld.
    """
    if workplaces is None:
        return Withheld(pl.lit(True), (), (), frozenset())
    validity = workforce.validity(workplaces)
    withheld = frozenset(validity.filter(~pl.col("is_valid")).get_column("organisation_id"))
    if not withheld:
        return Withheld(pl.lit(True), (), (), withheld)
    mine = pl.col("organisation_id").is_in(sorted(withheld))
    rows: tuple[MetricRow, ...] = ()
    if any(name in ORGANISATION_DIMENSIONS for name in by):
        labels = [pl.col(label_column(name)).cast(pl.String).alias(name) for name in by]
        keys = workforce.lazy(by).filter(mine).select(labels).unique().sort(by).collect()
        rows = tuple(
            MetricRow(tuple(map(str, key)), None, NOT_AVAILABLE, False, RECORDS_DISAGREE)
            for key in keys.rows()
        )
    note = PARTNERS_LEFT_OUT.format(count=len(withheld))
    return Withheld(~mine, rows, (note,), withheld)

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
from datetime import date

import polars as pl

from oneworkforce.intelligence.metrics.dimensions import labelled
from oneworkforce.intelligence.metrics.frame import (
    conform_frame,
    conform_workplaces,
    directly_employed,
    in_post,
)
from oneworkforce.intelligence.metrics.result import NOT_AVAILABLE, MetricRow

__all__ = [
    "ORGANISATION_DIMENSIONS",
    "PARTNERS_LEFT_OUT",
    "RECORDS_DISAGREE",
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
    frame: pl.DataFrame, workplaces: pl.DataFrame, *, as_of: date
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
    records = (
        conform_frame(frame)
        .filter(in_post(as_of) & directly_employed())
        .group_by("organisation_id")
        .agg(pl.len().cast(pl.Int64).alias("post_records"))
    )
    declared = (
        conform_workplaces(workplaces)
        .group_by("organisation_id")
        .agg(
            pl.when(pl.col("declared_staff").is_not_null().any())
            .then(pl.col("declared_staff").sum())
            .alias("declared_staff")
        )
    )
    partners = pl.concat(
        [
            conform_frame(frame).select("organisation_id"),
            conform_workplaces(workplaces).select("organisation_id"),
        ]
    ).unique()
    return (
        partners.join(records, on="organisation_id", how="left")
        .join(declared, on="organisation_id", how="left")
        .with_columns(pl.col("post_records").fill_null(0))
        .with_columns(
            (
                pl.col("declared_staff").is_null()
                | (pl.col("declared_staff") == pl.col("post_records"))
            ).alias("is_valid")
        )
        .select("organisation_id", "post_records", "declared_staff", "is_valid")
        .sort("organisation_id")
    )


def withhold_mismatched(
    frame: pl.DataFrame,
    workplaces: pl.DataFrame | None,
    *,
    as_of: date,
    by: Sequence[str],
) -> tuple[pl.DataFrame, tuple[MetricRow, ...], tuple[str, ...], frozenset[str]]:
    """The frame without the partners whose records disagree, for computing rates.

    Returns the kept posts, ``[x]`` rows for the withheld partners (when ``by`` breaks the
    rate down by partner), the note to print, and the withheld partners' ids. With no
    ``workplaces`` nothing is withheld.
    """
    if workplaces is None:
        return frame, (), (), frozenset()
    validity = benchmark_validity(frame, workplaces, as_of=as_of)
    withheld = frozenset(validity.filter(~pl.col("is_valid")).get_column("organisation_id"))
    if not withheld:
        return frame, (), (), withheld
    mine = pl.col("organisation_id").is_in(list(withheld))
    rows: tuple[MetricRow, ...] = ()
    if any(name in ORGANISATION_DIMENSIONS for name in by):
        keys = labelled(frame.filter(mine), by, as_of=as_of).select(by).unique().sort(by)
        rows = tuple(
            MetricRow(tuple(map(str, key)), None, NOT_AVAILABLE, False, RECORDS_DISAGREE)
            for key in keys.rows()
        )
    note = PARTNERS_LEFT_OUT.format(count=len(withheld))
    return frame.filter(~mine), rows, (note,), withheld

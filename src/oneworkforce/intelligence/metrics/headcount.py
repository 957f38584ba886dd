"""Headcount, filled posts and FTE: people, posts and capacity, kept apart.

One person may hold several posts at several partners, so the three differ (Skills for Care
and NHS workforce statistics publish them separately):

- **filled posts** count rows in post on the date;
- **headcount** counts different people, each once, in the group of their *main post* (the
  one with the most FTE, then the most hours, then the earliest start, then the lowest post
  id). Counting each person once keeps the groups adding up to the total, which the
  disclosure library needs to protect the table (decision 0060);
- **FTE** adds up the posts' FTE. It is not a count of people, so it is not passed through
  ``protect_counts`` as one: the people behind each FTE figure are counted (a person once
  per group they hold a post in) and protected with totals, and an FTE figure is shown only
  where that count is shown, so a figure about fewer than ``threshold`` people, or one that
  could be worked out from the totals, is hidden.
"""

from collections.abc import Sequence
from datetime import date

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics._tables import (
    count_result,
    grouped_values,
    statistic_result,
)
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS
from oneworkforce.intelligence.metrics.dimensions import check_dimensions, labelled
from oneworkforce.intelligence.metrics.frame import conform_frame, in_post
from oneworkforce.intelligence.metrics.result import MetricResult

__all__ = ["filled_posts", "fte", "headcount", "main_posts", "posts_in_post"]

FTE_NOTE = (
    "FTE is hidden where fewer than {threshold} people hold the posts behind it, and where "
    "it would let a hidden figure be worked out from the totals."
)


def posts_in_post(frame: pl.DataFrame, *, as_of: date) -> pl.DataFrame:
    """The posts held on ``as_of`` (see :func:`.frame.in_post`)."""
    return conform_frame(frame).filter(in_post(as_of))


def main_posts(frame: pl.DataFrame, *, as_of: date) -> pl.DataFrame:
    """One post per person in post on ``as_of``: their main post.

    The main post has the most FTE, then the most contracted hours, then the earliest start
    date, then the lowest post id (so the choice never depends on row order).

    Complexity: O(n log n) for n posts (one sort).
    """
    held = posts_in_post(frame, as_of=as_of)
    return held.sort(
        ["fte", "contracted_hours", "start_date", "post_id"],
        descending=[True, True, False, False],
        nulls_last=True,
    ).unique(subset="person_key", keep="first", maintain_order=True)


def headcount(
    frame: pl.DataFrame,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The people in post on ``as_of``, each counted once (in their main post), by ``by``.

    A person with two posts is one person, counted in the group of their main post: p0's
    second post, a fifth of a post in social care, is not their main post.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(person_key=f"p{i}", sector="health") for i in range(6)]
    ...               + [dict(person_key="p0", sector="social_care", fte=0.2)])
    >>> result = headcount(frame, as_of=date(2026, 3, 31), by=["sector"])
    >>> [(row.labels, row.display) for row in result.rows]
    [(('Health',), '6'), (('Total',), '6')]

    Complexity: O(n log n) for n posts, plus the disclosure library's cost for the table.
    """
    names = check_dimensions(frame, by)
    people = labelled(main_posts(frame, as_of=as_of), names, as_of=as_of)
    counts = (
        people.group_by(names).agg(pl.len().alias("people")) if names else _one(people, "people")
    )
    return count_result(
        counts,
        definition=DEFINITIONS["headcount"],
        as_of=as_of,
        dims=names,
        count="people",
        rule=rule,
    )


def filled_posts(
    frame: pl.DataFrame,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The posts held on ``as_of``, by ``by``. A person with two posts fills two.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(person_key=f"p{i}") for i in range(6)] + [dict(person_key="p0")])
    >>> filled_posts(frame, as_of=date(2026, 3, 31)).total.display
    '7'

    Complexity: O(n) for n posts, plus the disclosure library's cost for the table.
    """
    names = check_dimensions(frame, by)
    held = labelled(posts_in_post(frame, as_of=as_of), names, as_of=as_of)
    counts = held.group_by(names).agg(pl.len().alias("posts")) if names else _one(held, "posts")
    return count_result(
        counts,
        definition=DEFINITIONS["filled_posts"],
        as_of=as_of,
        dims=names,
        count="posts",
        rule=rule,
    )


def fte(
    frame: pl.DataFrame,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The FTE of the posts held on ``as_of``, by ``by``; hidden where few people hold them.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(person_key=f"p{i}", fte=0.5) for i in range(6)]
    ...               + [dict(person_key="p9", sector="social_care", fte=1.0)])
    >>> result = fte(frame, as_of=date(2026, 3, 31), by=["sector"])
    >>> [(row.labels, row.display) for row in result.rows]
    [(('Health',), '[c]'), (('Social care',), '[c]'), (('Total',), '4.0')]

    The social care figure is about one person; health's is hidden too, or it would give
    social care's away (4.0 - 3.0).

    Complexity: O(n) for n posts, plus the disclosure library's cost for the table.
    """
    names = check_dimensions(frame, by)
    held = labelled(posts_in_post(frame, as_of=as_of), names, as_of=as_of)
    people = pl.col("person_key").n_unique().alias("people")
    sizes = held.group_by(names).agg(people) if names else held.select(people)
    return statistic_result(
        sizes,
        grouped_values(held, names, pl.col("fte").sum()),
        definition=DEFINITIONS["fte"],
        as_of=as_of,
        by=names,
        count="people",
        rule=rule,
        publish_table=False,
        notes=(FTE_NOTE.format(threshold=rule.threshold),),
    )


def _one(data: pl.DataFrame, count: str) -> pl.DataFrame:
    """The number of rows as a one-row frame (for a metric not broken down)."""
    return pl.DataFrame({count: [data.height]}, schema={count: pl.Int64})

"""Headcount, filled posts and FTE: people, posts and capacity, kept apart.

One person may hold several posts at several partners, so the three differ (Skills for Care
and NHS workforce statistics publish them separately):

- **filled posts** count posts in post on the date;
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
    count_by,
    count_result,
    grouped_values,
    statistic_result,
)
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS
from oneworkforce.intelligence.metrics.dimensions import check_dimensions
from oneworkforce.intelligence.metrics.result import MetricResult
from oneworkforce.intelligence.metrics.workforce import IN_POST, MAIN, Workforce, main_post_mask

__all__ = [
    "filled_posts",
    "fte",
    "headcount",
    "main_posts",
    "one_post_per_person",
    "posts_in_post",
]

FTE_NOTE = (
    "FTE is hidden where fewer than {threshold} people hold the posts behind it, and where "
    "it would let a hidden figure be worked out from the totals."
)


def posts_in_post(frame: pl.DataFrame | Workforce, *, as_of: date) -> pl.DataFrame:
    """The posts held on ``as_of`` (see :func:`.frame.in_post`)."""
    return Workforce.of(frame, as_of=as_of).held().drop(IN_POST, MAIN).collect()


def main_posts(frame: pl.DataFrame | Workforce, *, as_of: date) -> pl.DataFrame:
    """One post per person in post on ``as_of``: their main post.

    The main post has the most FTE, then the most contracted hours, then the earliest start
    date, then the lowest post id (so the choice never depends on row order).

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(person_key="ann", fte=0.4), dict(person_key="ann", fte=0.6)])
    >>> main_posts(frame, as_of=date(2026, 3, 31)).get_column("post_id").to_list()
    ['post-2']

    Complexity: O(n) for n posts, plus a sort of the posts of people with several.
    """
    return Workforce.of(frame, as_of=as_of).main().drop(IN_POST, MAIN).collect()


def one_post_per_person(posts: pl.DataFrame) -> pl.DataFrame:
    """Each person's main post among ``posts`` (most FTE, hours, earliest start, post id)."""
    return posts.filter(pl.Series(main_post_mask(posts)))


def headcount(
    frame: pl.DataFrame | Workforce,
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

    Complexity: O(n) for n posts (once per prepared workforce: see :mod:`.workforce`), plus
    the disclosure library's cost for the table.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    return count_result(
        count_by(workforce.main(names), names, "people"),
        definition=DEFINITIONS["headcount"],
        as_of=as_of,
        dims=names,
        count="people",
        rule=rule,
    )


def filled_posts(
    frame: pl.DataFrame | Workforce,
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
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    return count_result(
        count_by(workforce.held(names), names, "posts"),
        definition=DEFINITIONS["filled_posts"],
        as_of=as_of,
        dims=names,
        count="posts",
        rule=rule,
    )


def fte(
    frame: pl.DataFrame | Workforce,
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
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    held = workforce.held(names)
    return statistic_result(
        count_by(held, names, "people", pl.col("person_key").n_unique()),
        grouped_values(held, names, pl.col("fte").sum()),
        definition=DEFINITIONS["fte"],
        as_of=as_of,
        by=names,
        count="people",
        rule=rule,
        publish_table=False,
        notes=(FTE_NOTE.format(threshold=rule.threshold),),
    )

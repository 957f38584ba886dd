"""Leadership and management mapping: manager posts, their qualifications, time in post,
and the posts with no one ready to succeed.

A **manager post** is a post in post on the date whose ``is_manager`` is true (the returns
set it for ASC-WDS's managerial and supervisory roles and for NHS managers), on any
contract.

**No one ready to succeed** (decision 0062). A manager post has someone ready when another
person (not the post holder) is in post, at the same workplace (or, where the manager post
has no workplace, anywhere in the same organisation), in one of the
:data:`SUCCESSOR_ROLES`, and holds a Level 5 leadership qualification or a care
qualification at level 5 or above. The successor roles themselves are not checked: they are
the bench, not the posts it covers. Role names are matched without regard to case,
hyphens or underscores, so the reference list's keys (``deputy-manager``) match too.
"""

from collections.abc import Sequence
from datetime import date

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics._tables import (
    coded,
    count_by,
    count_result,
    grouped_values,
    ratio_result,
    statistic_result,
)
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS
from oneworkforce.intelligence.metrics.dimensions import check_dimensions
from oneworkforce.intelligence.metrics.result import MetricResult
from oneworkforce.intelligence.metrics.workforce import Workforce

__all__ = [
    "READY_LEVEL",
    "SUCCESSOR_ROLES",
    "leadership_qualification_rate",
    "manager_posts",
    "manager_time_in_post",
    "posts_without_successor",
    "succession_gap_rate",
    "successor_role_names",
]

SUCCESSOR_ROLES = ("Deputy manager", "Team leader", "Supervisor", "First-line manager")
"""Roles whose holders may step up into a manager post (names from the reference list)."""
READY_LEVEL = 5
"""A care qualification at this level or above makes a successor ready."""
HOLDS_LEVEL_5 = "Holds a Level 5 leadership qualification"
NO_LEVEL_5 = "No Level 5 leadership qualification recorded"
NO_ONE_READY = "No one ready to succeed"
SOMEONE_READY = "Someone ready to succeed"


def successor_role_names(workforce: Workforce) -> list[str]:
    """The frame's job role names that are successor roles, however they are spelt.

    Names are compared in lower case with hyphens and underscores as spaces, so the
    reference list's keys match as well as its names. Matching the few distinct names,
    not every row, keeps this cheap.
    """
    wanted = {_comparable(role) for role in SUCCESSOR_ROLES}
    return [name for name in workforce.job_roles if _comparable(name) in wanted]


def _comparable(role: str) -> str:
    """``role`` in lower case, with hyphens, underscores and runs of spaces as one space."""
    return " ".join(role.lower().replace("-", " ").replace("_", " ").split())


def _managers(workforce: Workforce, by: Sequence[str]) -> pl.LazyFrame:
    return workforce.held(by).filter(pl.col("is_manager").fill_null(False))


def manager_posts(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = ("job_role", "organisation_kind"),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """Manager posts in post on ``as_of``, by role and setting (organisation kind).

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(is_manager=True, job_role="Registered manager")] * 6 + [{}] * 9)
    >>> manager_posts(frame, as_of=date(2026, 3, 31), by=["job_role"]).total.display
    '6'

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    return count_result(
        count_by(_managers(workforce, names), names, "posts"),
        definition=DEFINITIONS["manager_posts"],
        as_of=as_of,
        dims=names,
        count="posts",
        rule=rule,
    )


def leadership_qualification_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The share of manager posts whose holder has a Level 5 leadership qualification.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(is_manager=True, has_leadership_qualification=True)] * 6
    ...               + [dict(is_manager=True)] * 6)
    >>> leadership_qualification_rate(frame, as_of=date(2026, 3, 31)).total.display
    '50.0%'

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    holds = pl.col("has_leadership_qualification").fill_null(False)
    counts = count_by(
        _managers(workforce, names).with_columns(coded(holds)),
        names,
        "posts",
        measures=(HOLDS_LEVEL_5, NO_LEVEL_5),
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["leadership_qualification_rate"],
        as_of=as_of,
        by=names,
        measures=(HOLDS_LEVEL_5, NO_LEVEL_5),
        numerator=(HOLDS_LEVEL_5,),
        denominator=(HOLDS_LEVEL_5, NO_LEVEL_5),
        partition=True,
        rule=rule,
    )


def manager_time_in_post(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The median years manager post holders have been in post, over known start dates.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> starts = [date(2025, 3, 31), date(2024, 3, 31), date(2023, 3, 31), date(2022, 3, 31),
    ...           date(2016, 3, 31)]
    >>> frame = posts([dict(is_manager=True, start_date=start) for start in starts])
    >>> manager_time_in_post(frame, as_of=date(2026, 3, 31)).total.display
    '3.0'

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    known = _managers(workforce, names).filter(pl.col("start_date").is_not_null())
    years = (pl.lit(as_of) - pl.col("start_date")).dt.total_days() / 365.25
    return statistic_result(
        count_by(known, names, "posts"),
        grouped_values(known, names, years.median()),
        definition=DEFINITIONS["manager_time_in_post"],
        as_of=as_of,
        by=names,
        count="posts",
        rule=rule,
    )


def _with_successor_flag(workforce: Workforce, by: Sequence[str] = ()) -> pl.LazyFrame:
    """The checked manager posts, each with ``has_successor`` (and the labels of ``by``)."""
    held = workforce.held(by)
    is_successor_role = pl.col("job_role").is_in(successor_role_names(workforce))
    ready = held.filter(
        is_successor_role
        & (
            pl.col("has_leadership_qualification").fill_null(False)
            | (pl.col("care_qualification_level").fill_null(0) >= READY_LEVEL)
        )
    )
    people = (pl.col("person_key").n_unique(), pl.col("person_key").min())
    at_site = (
        ready.filter(pl.col("workplace_id").is_not_null())
        .group_by("workplace_id")
        .agg(people[0].alias("_site_n"), people[1].alias("_site_one"))
    )
    in_organisation = ready.group_by("organisation_id").agg(
        people[0].alias("_org_n"), people[1].alias("_org_one")
    )
    managers = held.filter(pl.col("is_manager").fill_null(False) & ~is_successor_role)
    no_site = pl.col("workplace_id").is_null()
    checked = (
        managers.join(at_site, on="workplace_id", how="left")
        .join(in_organisation, on="organisation_id", how="left")
        .with_columns(
            pl.when(no_site).then("_org_n").otherwise("_site_n").fill_null(0).alias("_n"),
            pl.when(no_site).then("_org_one").otherwise("_site_one").alias("_one"),
        )
    )
    others_ready = (pl.col("_n") >= 2) | (
        (pl.col("_n") == 1) & (pl.col("_one") != pl.col("person_key"))
    )
    return checked.with_columns(others_ready.alias("has_successor")).drop(
        "_site_n", "_site_one", "_org_n", "_org_one", "_n", "_one"
    )


def posts_without_successor(frame: pl.DataFrame | Workforce, *, as_of: date) -> pl.DataFrame:
    """The manager posts with no one ready to succeed: post_id, organisation_id,
    workplace_id, job_role.

    A list of posts, not an aggregate: for a partner looking at its own posts only (the
    caller scopes it), never for publishing across partners.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([
    ...     dict(post_id="home-a-manager", workplace_id="a", is_manager=True),
    ...     dict(workplace_id="a", job_role="Deputy manager", has_leadership_qualification=True),
    ...     dict(post_id="home-b-manager", workplace_id="b", is_manager=True),
    ...     dict(workplace_id="b", job_role="Team leader", care_qualification_level=3),
    ... ])
    >>> posts_without_successor(frame, as_of=date(2026, 3, 31)).get_column("post_id").to_list()
    ['home-b-manager']

    Complexity: O(n) for n posts (two group-bys and two joins).
    """
    checked = _with_successor_flag(Workforce.of(frame, as_of=as_of))
    return (
        checked.filter(~pl.col("has_successor"))
        .select("post_id", "organisation_id", "workplace_id", "job_role")
        .collect()
    )


def succession_gap_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The share of manager posts with no one ready to succeed (see the module's rule).

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> homes = [f"home-{i}" for i in range(10)]
    >>> frame = posts([dict(workplace_id=h, is_manager=True) for h in homes]
    ...               + [dict(workplace_id=h, job_role="Deputy manager",
    ...                       has_leadership_qualification=True) for h in homes[:5]])
    >>> succession_gap_rate(frame, as_of=date(2026, 3, 31)).total.display
    '50.0%'

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    checked = _with_successor_flag(workforce, names)
    counts = count_by(
        checked.with_columns(coded(~pl.col("has_successor"))),
        names,
        "posts",
        measures=(NO_ONE_READY, SOMEONE_READY),
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["succession_gap_rate"],
        as_of=as_of,
        by=names,
        measures=(NO_ONE_READY, SOMEONE_READY),
        numerator=(NO_ONE_READY,),
        denominator=(NO_ONE_READY, SOMEONE_READY),
        partition=True,
        rule=rule,
    )

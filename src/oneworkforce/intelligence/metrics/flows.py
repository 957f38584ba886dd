"""Rates of staff moving in and out, staying, off sick and qualified; leavers and starters.

Windows and denominators as Skills for Care defines them (domain-facts section 2):

- *in post on the date*: started by then (or start not known) and not yet left;
- *leavers in the 12 months*: posts whose ``left_date`` is in (date minus a year, date];
  *starters* likewise by ``start_date``;
- turnover, starters, vacancy and stability rates count **directly employed** posts only
  (permanent and temporary: agency, bank and other contracts are left out).

Every rate accepts ``workplaces``: given it, partners whose post records disagree with the
staff totals they declared are withheld (see :mod:`.validity`). The vacancy rate always
needs it, since vacancies are declared per workplace.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics._tables import (
    MEASURE,
    coded,
    count_by,
    count_result,
    grouped_values,
    ratio_result,
    statistic_result,
)
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS
from oneworkforce.intelligence.metrics.dimensions import NOT_KNOWN, check_dimensions, label_column
from oneworkforce.intelligence.metrics.errors import VACANCY_DIMENSION, MetricRequestError
from oneworkforce.intelligence.metrics.frame import (
    conform_workplaces,
    directly_employed,
    left_in_year,
    started_in_year,
    year_before,
)
from oneworkforce.intelligence.metrics.result import MetricResult, MetricRow
from oneworkforce.intelligence.metrics.validity import withhold_mismatched
from oneworkforce.intelligence.metrics.workforce import IN_POST, Workforce

__all__ = [
    "leavers_by_destination",
    "leavers_by_reason",
    "qualification_rate",
    "recruitment_source",
    "sickness_days",
    "stability_rate",
    "starters_rate",
    "turnover_rate",
    "vacancy_rate",
]

LEAVERS = "Leavers"
STARTERS = "Starters"
STAFF = "Staff in post"
VACANCIES = "Vacancies"
TWELVE_MONTHS_OR_MORE = "12 months or more"
UNDER_TWELVE_MONTHS = "Under 12 months"
START_NOT_KNOWN = "Start date not known"
QUALIFIED = "Level 2 or above"
NOT_QUALIFIED = "Below level 2 or not recorded"
START_DATE_MISSING = "Not computed: a start date is missing for someone in this group."
WORKPLACE_DIMENSIONS = ("workplace_id", "site_postcode", "local_authority_code")


def _measure_counts(parts: Mapping[str, pl.LazyFrame], by: tuple[str, ...]) -> pl.DataFrame:
    """Counts of posts by ``by`` for each measure, stacked with a ``measure`` column."""
    queries = [
        posts.with_columns(pl.lit(code, pl.UInt8).alias(MEASURE))
        for code, posts in enumerate(parts.values())
    ]
    return count_by(pl.concat(queries), by, "posts", measures=tuple(parts))


@dataclass(frozen=True)
class _Scope:
    """The posts a rate is computed over, its breakdowns, and the partners withheld."""

    posts: pl.LazyFrame
    """Every post of the partners whose rates are computed."""
    by: tuple[str, ...]
    withheld_rows: tuple[MetricRow, ...]
    notes: tuple[str, ...]
    withheld: frozenset[str]

    @property
    def employed(self) -> pl.LazyFrame:
        """Their directly employed (permanent and temporary) posts."""
        return self.posts.filter(directly_employed())

    @property
    def held(self) -> pl.LazyFrame:
        """Their posts in post on the date."""
        return self.posts.filter(pl.col(IN_POST))


def _scope(workforce: Workforce, by: Sequence[str], workplaces: pl.DataFrame | None) -> _Scope:
    names = check_dimensions(workforce.schema, by)
    withheld = withhold_mismatched(workforce, workplaces, by=names)
    return _Scope(
        workforce.lazy(names).filter(withheld.keep),
        names,
        withheld.rows,
        withheld.notes,
        withheld.partners,
    )


def turnover_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
    workplaces: pl.DataFrame | None = None,
) -> MetricResult:
    """Leavers in the 12 months to ``as_of`` per 100 directly employed staff in post.

    40 permanent staff in post and 10 who left during the year:

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([{}] * 40 + [dict(left_date=date(2025, 9, 1))] * 10
    ...               + [dict(contract_type="agency", left_date=date(2025, 9, 1))] * 6)
    >>> turnover_rate(frame, as_of=date(2026, 3, 31)).total.display
    '25.0%'

    The six agency leavers are not counted. Complexity: O(n) for n posts, plus the
    disclosure library's cost for the table.
    """
    scope = _scope(Workforce.of(frame, as_of=as_of), by, workplaces)
    employed = scope.employed
    counts = _measure_counts(
        {LEAVERS: employed.filter(left_in_year(as_of)), STAFF: employed.filter(pl.col(IN_POST))},
        scope.by,
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["turnover_rate"],
        as_of=as_of,
        by=scope.by,
        measures=(LEAVERS, STAFF),
        numerator=(LEAVERS,),
        denominator=(STAFF,),
        partition=False,
        rule=rule,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def starters_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
    workplaces: pl.DataFrame | None = None,
) -> MetricResult:
    """Starters in the 12 months to ``as_of`` per 100 directly employed staff in post.

    A starter who has since left still started, so counts as a starter.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([{}] * 30 + [dict(start_date=date(2025, 6, 1))] * 10)
    >>> starters_rate(frame, as_of=date(2026, 3, 31)).total.display
    '25.0%'

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    scope = _scope(Workforce.of(frame, as_of=as_of), by, workplaces)
    employed = scope.employed
    counts = _measure_counts(
        {
            STARTERS: employed.filter(started_in_year(as_of)),
            STAFF: employed.filter(pl.col(IN_POST)),
        },
        scope.by,
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["starters_rate"],
        as_of=as_of,
        by=scope.by,
        measures=(STARTERS, STAFF),
        numerator=(STARTERS,),
        denominator=(STAFF,),
        partition=False,
        rule=rule,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def stability_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
    workplaces: pl.DataFrame | None = None,
) -> MetricResult:
    """The share of directly employed staff in post with 12 months or more in the post.

    Not computed for a group where any start date is missing (as Skills for Care does):
    the row reads ``[x]`` with the reason, and so does every total that includes it.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(sector="health")] * 15 + [dict(sector="health",
    ...                start_date=date(2025, 12, 1))] * 5
    ...               + [dict(sector="social_care")] * 9
    ...               + [dict(sector="social_care", start_date=None)])
    >>> [(row.labels, row.display) for row in
    ...  stability_rate(frame, as_of=date(2026, 3, 31), by=["sector"]).rows]
    [(('Health',), '75.0%'), (('Social care',), '[x]'), (('Total',), '[x]')]

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    scope = _scope(Workforce.of(frame, as_of=as_of), by, workplaces)
    held = scope.employed.filter(pl.col(IN_POST))
    start = pl.col("start_date")
    counts = count_by(
        held.with_columns(coded(start.is_null(), start <= year_before(as_of))),
        scope.by,
        "posts",
        measures=(START_NOT_KNOWN, TWELVE_MONTHS_OR_MORE, UNDER_TWELVE_MONTHS),
    )

    def missing_start(values: Mapping[str, float]) -> str:
        return START_DATE_MISSING if values[START_NOT_KNOWN] else ""

    return ratio_result(
        counts,
        definition=DEFINITIONS["stability_rate"],
        as_of=as_of,
        by=scope.by,
        measures=(TWELVE_MONTHS_OR_MORE, UNDER_TWELVE_MONTHS, START_NOT_KNOWN),
        numerator=(TWELVE_MONTHS_OR_MORE,),
        denominator=(TWELVE_MONTHS_OR_MORE, UNDER_TWELVE_MONTHS),
        partition=True,
        rule=rule,
        not_available=missing_start,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def sickness_days(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
    workplaces: pl.DataFrame | None = None,
) -> MetricResult:
    """Mean days off sick in the past 12 months, over directly employed posts with it recorded.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(sickness_days=d) for d in (0, 2, 4, 6, 8)] + [{}])
    >>> sickness_days(frame, as_of=date(2026, 3, 31)).total.display
    '4.0'

    The post with nothing recorded is left out. Complexity: O(n) for n posts.
    """
    scope = _scope(Workforce.of(frame, as_of=as_of), by, workplaces)
    recorded = scope.employed.filter(pl.col(IN_POST) & pl.col("sickness_days").is_not_null())
    sizes = count_by(recorded, scope.by, "posts")
    return statistic_result(
        sizes,
        grouped_values(recorded, scope.by, pl.col("sickness_days").mean()),
        definition=DEFINITIONS["sickness_days"],
        as_of=as_of,
        by=scope.by,
        count="posts",
        rule=rule,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def qualification_rate(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
    workplaces: pl.DataFrame | None = None,
) -> MetricResult:
    """The share of care-providing posts in post whose holder has a level 2+ qualification.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(is_care_providing=True, care_qualification_level=3)] * 6
    ...               + [dict(is_care_providing=True)] * 6
    ...               + [dict(is_care_providing=False, care_qualification_level=6)] * 5)
    >>> qualification_rate(frame, as_of=date(2026, 3, 31)).total.display
    '50.0%'

    A qualification not recorded counts as not held. Complexity: O(n) for n posts.
    """
    scope = _scope(Workforce.of(frame, as_of=as_of), by, workplaces)
    carers = scope.held.filter(pl.col("is_care_providing"))
    counts = count_by(
        carers.with_columns(coded(pl.col("care_qualification_level") >= 2)),
        scope.by,
        "posts",
        measures=(QUALIFIED, NOT_QUALIFIED),
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["qualification_rate"],
        as_of=as_of,
        by=scope.by,
        measures=(QUALIFIED, NOT_QUALIFIED),
        numerator=(QUALIFIED,),
        denominator=(QUALIFIED, NOT_QUALIFIED),
        partition=True,
        rule=rule,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def vacancy_rate(
    frame: pl.DataFrame | Workforce,
    workplaces: pl.DataFrame,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """Vacancies as a share of directly employed staff in post plus vacancies.

    Vacancies are declared per workplace, so ``by`` may name only breakdowns that are the
    same for all of a partner's posts (partner, kind, a column the caller added per
    partner) or for all of a workplace's (workplace, site postcode, local authority).

    >>> from oneworkforce.intelligence.metrics.examples import posts, workplaces
    >>> frame = posts([{}] * 45)
    >>> declared = workplaces([dict(declared_staff=45, vacancies=5)])
    >>> vacancy_rate(frame, declared, as_of=date(2026, 3, 31)).total.display
    '10.0%'

    Complexity: O(n + w) for n posts and w workplaces, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    workplaces = conform_workplaces(workplaces)
    scope = _scope(workforce, by, workplaces)
    declared = workplaces.filter(~pl.col("organisation_id").is_in(sorted(scope.withheld)))
    counts = pl.concat(
        [
            _vacancies_by(scope.posts, declared, scope.by),
            _measure_counts({STAFF: scope.employed.filter(pl.col(IN_POST))}, scope.by),
        ]
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["vacancy_rate"],
        as_of=as_of,
        by=scope.by,
        measures=(VACANCIES, STAFF),
        numerator=(VACANCIES,),
        denominator=(VACANCIES, STAFF),
        partition=True,
        rule=rule,
        extra_rows=scope.withheld_rows,
        notes=scope.notes,
    )


def _vacancies_by(
    posts: pl.LazyFrame, workplaces: pl.DataFrame, by: tuple[str, ...]
) -> pl.DataFrame:
    """Declared vacancies summed by ``by``, each workplace labelled from its posts."""
    at_workplace = tuple(name for name in by if name in WORKPLACE_DIMENSIONS)
    at_partner = tuple(name for name in by if name not in WORKPLACE_DIMENSIONS)
    keys = (pl.col("organisation_id").alias("_org"), pl.col("workplace_id").alias("_wp"))
    labels = [pl.col(label_column(name)).cast(pl.String).alias(name) for name in by]
    keyed = posts.select(*keys, *labels).unique().collect()
    for name in by:
        key = "_wp" if name in at_workplace else "_org"
        spread = keyed.group_by(key).agg(pl.col(name).n_unique().alias("_values"))
        if spread.filter(pl.col("_values") > 1).height:
            allowed = ", ".join((*WORKPLACE_DIMENSIONS, "organisation_id", "organisation_name"))
            raise MetricRequestError(VACANCY_DIMENSION.format(name=name, allowed=allowed))
    labelled_workplaces = workplaces.with_columns(
        pl.col("organisation_id").alias("_org"), pl.col("workplace_id").alias("_wp")
    ).drop("organisation_id", "workplace_id")
    if at_partner:
        partner_labels = keyed.group_by("_org").agg(pl.col(name).first() for name in at_partner)
        labelled_workplaces = labelled_workplaces.join(partner_labels, on="_org", how="left")
    if at_workplace:
        site_labels = (
            keyed.filter(pl.col("_wp").is_not_null())
            .group_by("_wp")
            .agg(pl.col(name).first() for name in at_workplace if name != "workplace_id")
        )
        labelled_workplaces = labelled_workplaces.join(site_labels, on="_wp", how="left")
        if "workplace_id" in at_workplace:
            labelled_workplaces = labelled_workplaces.with_columns(
                pl.col("_wp").alias("workplace_id")
            )
    filled = labelled_workplaces.lazy().select(
        *(pl.col(name).fill_null(NOT_KNOWN).alias(label_column(name)) for name in by),
        "vacancies",
    )
    vacancies = count_by(filled, by, "posts", pl.col("vacancies").fill_null(0).sum())
    return vacancies.select(*by, pl.lit(VACANCIES).alias(MEASURE), "posts")


def _leaver_or_starter_counts(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str],
    rule: DisclosureRule,
    metric: str,
    category: str,
    leavers: bool,
) -> MetricResult:
    workforce = Workforce.of(frame, as_of=as_of)
    dims = (*check_dimensions(workforce.schema, by), category)
    window = left_in_year(as_of) if leavers else started_in_year(as_of)
    chosen = workforce.lazy(dims).filter(directly_employed() & window)
    return count_result(
        count_by(chosen, dims, "posts"),
        definition=DEFINITIONS[metric],
        as_of=as_of,
        dims=dims,
        count="posts",
        rule=rule,
    )


def leavers_by_reason(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """Directly employed posts that ended in the 12 months to ``as_of``, by leaving reason.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> left = dict(left_date=date(2025, 9, 1))
    >>> frame = posts([dict(left, leaving_reason="Pay")] * 7
    ...               + [dict(left, leaving_reason="Retirement")] * 2)
    >>> [(row.labels, row.display) for row in
    ...  leavers_by_reason(frame, as_of=date(2026, 3, 31)).rows]
    [(('Pay',), '[c]'), (('Retirement',), '[c]'), (('Total',), '9')]

    Two retirements are too few to show, and showing the 7 would give them away (9 - 7).

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    return _leaver_or_starter_counts(
        frame,
        as_of=as_of,
        by=by,
        rule=rule,
        metric="leavers_by_reason",
        category="leaving_reason",
        leavers=True,
    )


def leavers_by_destination(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """Directly employed posts that ended in the 12 months to ``as_of``, by destination.

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    return _leaver_or_starter_counts(
        frame,
        as_of=as_of,
        by=by,
        rule=rule,
        metric="leavers_by_destination",
        category="leaving_destination",
        leavers=True,
    )


def recruitment_source(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """Directly employed posts that started in the 12 months to ``as_of``, by source.

    Complexity: O(n) for n posts, plus the disclosure library's cost.
    """
    return _leaver_or_starter_counts(
        frame,
        as_of=as_of,
        by=by,
        rule=rule,
        metric="recruitment_source",
        category="recruitment_source",
        leavers=False,
    )

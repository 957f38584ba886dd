"""Every metric for the whole partnership at once: what the workforce dashboard shows.

Health and social care are kept side by side (broken down by sector), never silently
merged, as domain-facts section 7 asks; the profiles and lists are for everyone.
"""

from collections.abc import Sequence
from datetime import date

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics import counts, equality, flows, leadership
from oneworkforce.intelligence.metrics.errors import MetricRequestError
from oneworkforce.intelligence.metrics.frame import conform_workplaces
from oneworkforce.intelligence.metrics.result import MetricResult
from oneworkforce.intelligence.metrics.workforce import Workforce

__all__ = ["partnership_dashboard"]

SETTING = ("organisation_kind",)


def partnership_dashboard(
    frame: pl.DataFrame | Workforce,
    workplaces: pl.DataFrame,
    *,
    as_of: date,
    rule: DisclosureRule = DEFAULT_RULE,
    by: Sequence[str] = ("sector",),
) -> dict[str, MetricResult]:
    """Every metric, by metric id: counts and rates by ``by``, leadership by setting,
    profiles, leavers and starters for the whole partnership, NHS comparisons by band.

    The vacancy rate is broken down by ``by`` when vacancies can be (see
    :func:`.flows.vacancy_rate`), otherwise given for the whole partnership.

    >>> from oneworkforce.intelligence.metrics.examples import posts, workplaces
    >>> dashboard = partnership_dashboard(posts([{}] * 12), workplaces([]),
    ...                                   as_of=date(2026, 3, 31))
    >>> dashboard["headcount"].total.display, len(dashboard)
    ('12', 23)

    Complexity: about 23 passes over the posts, plus the disclosure library's cost for
    small tables; bench/intelligence_metrics.py measures it at the region's size.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    workplaces = conform_workplaces(workplaces)
    by = tuple(by)
    results = [
        counts.headcount(workforce, as_of=as_of, by=by, rule=rule),
        counts.filled_posts(workforce, as_of=as_of, by=by, rule=rule),
        counts.fte(workforce, as_of=as_of, by=by, rule=rule),
        flows.turnover_rate(workforce, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.starters_rate(workforce, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        _vacancy_rate(workforce, workplaces, as_of=as_of, by=by, rule=rule),
        flows.stability_rate(workforce, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.sickness_days(workforce, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.qualification_rate(workforce, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        equality.age_profile(workforce, as_of=as_of, rule=rule),
        equality.share_aged_55_and_over(workforce, as_of=as_of, by=by, rule=rule),
        flows.leavers_by_reason(workforce, as_of=as_of, rule=rule),
        flows.leavers_by_destination(workforce, as_of=as_of, rule=rule),
        flows.recruitment_source(workforce, as_of=as_of, rule=rule),
        leadership.manager_posts(workforce, as_of=as_of, rule=rule),
        leadership.leadership_qualification_rate(workforce, as_of=as_of, by=SETTING, rule=rule),
        leadership.manager_time_in_post(workforce, as_of=as_of, by=SETTING, rule=rule),
        leadership.succession_gap_rate(workforce, as_of=as_of, by=SETTING, rule=rule),
        *(
            equality.equality_profile(workforce, as_of=as_of, characteristic=name, rule=rule)
            for name in ("sex", "ethnicity_group", "disability")
        ),
        equality.nhs_band_comparison(
            workforce, as_of=as_of, characteristic="ethnicity_group", rule=rule
        ),
        equality.nhs_band_comparison(
            workforce, as_of=as_of, characteristic="disability", rule=rule
        ),
    ]
    return {result.definition.id: result for result in results}


def _vacancy_rate(
    frame: Workforce,
    workplaces: pl.DataFrame,
    *,
    as_of: date,
    by: Sequence[str],
    rule: DisclosureRule,
) -> MetricResult:
    try:
        return flows.vacancy_rate(frame, workplaces, as_of=as_of, by=by, rule=rule)
    except MetricRequestError:
        return flows.vacancy_rate(frame, workplaces, as_of=as_of, rule=rule)

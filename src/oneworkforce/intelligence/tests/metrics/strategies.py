"""Hypothesis strategies for small random workforce frames, and every metric in one list."""

from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
from hypothesis import strategies as st

from oneworkforce.engines.disclosure import DisclosureRule
from oneworkforce.intelligence import metrics
from oneworkforce.intelligence.metrics.examples import posts, workplaces
from oneworkforce.intelligence.metrics.frame import CONTRACT_TYPES, ETHNICITY_GROUPS

AS_OF = date(2026, 3, 31)
PARTNERS = {"org-1": "council", "org-2": "care_home_provider", "org-3": "care_home_provider"}

_post = st.fixed_dictionaries(
    {
        "person_key": st.sampled_from([f"p{i}" for i in range(15)]),
        "organisation_id": st.sampled_from(sorted(PARTNERS)),
        "workplace_id": st.sampled_from(["a", "b", None]),
        "sector": st.sampled_from(["health", "social_care"]),
        "contract_type": st.sampled_from(CONTRACT_TYPES),
        "fte": st.sampled_from([0.2, 0.5, 1.0]),
        "start_date": st.one_of(st.none(), st.dates(date(2019, 1, 1), date(2026, 6, 30))),
        "left_date": st.one_of(st.none(), st.none(), st.dates(date(2024, 6, 1), date(2026, 6, 30))),
        "job_role": st.sampled_from(["Care worker", "Registered manager", "Deputy manager"]),
        "is_care_providing": st.booleans(),
        "care_qualification_level": st.one_of(st.none(), st.integers(0, 6)),
        "has_leadership_qualification": st.booleans(),
        "sickness_days": st.one_of(st.none(), st.integers(0, 30)),
        "pay_band": st.sampled_from(["Band 3", "Band 6", "Band 8a", ""]),
        "leaving_reason": st.sampled_from(["", "Pay", "Retirement"]),
        "birth_date": st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2008, 1, 1))),
        "sex": st.sampled_from(["female", "male"]),
        "ethnicity_group": st.sampled_from(ETHNICITY_GROUPS),
        "disability": st.sampled_from(["yes", "no", "unknown"]),
    }
)


def _consistent(row: dict[str, Any]) -> dict[str, Any]:
    start, left = row["start_date"], row["left_date"]
    if start is not None and left is not None and left < start:
        row = {**row, "left_date": None}
    kind = PARTNERS[row["organisation_id"]]
    return {
        **row,
        "organisation_kind": kind,
        "organisation_name": row["organisation_id"].replace("org-", "Partner "),
        "is_manager": row["job_role"] != "Care worker",
    }


frames = st.lists(_post.map(_consistent), max_size=60).map(posts)
"""A workforce frame of up to 60 posts held by up to 15 people at three partners."""

rules = st.sampled_from(
    [
        DisclosureRule(name="default", threshold=5),
        DisclosureRule(name="skills-for-care", threshold=10),
        DisclosureRule(name="nhs", threshold=8),
        DisclosureRule(name="small", threshold=3),
    ]
)


def declared_totals(frame: pl.DataFrame) -> pl.DataFrame:
    """A workplaces frame: each partner declares one more than its records, or as many."""
    return workplaces(
        [
            {"organisation_id": partner, "declared_staff": offset * 7, "vacancies": 3}
            for offset, partner in enumerate(sorted(PARTNERS), start=1)
        ]
    )


Metric = Callable[[Any, pl.DataFrame, tuple[str, ...], DisclosureRule], metrics.MetricResult]

EVERY_METRIC: dict[str, Metric] = {
    "headcount": lambda f, w, by, r: metrics.headcount(f, as_of=AS_OF, by=by, rule=r),
    "filled_posts": lambda f, w, by, r: metrics.filled_posts(f, as_of=AS_OF, by=by, rule=r),
    "fte": lambda f, w, by, r: metrics.fte(f, as_of=AS_OF, by=by, rule=r),
    "turnover_rate": lambda f, w, by, r: metrics.turnover_rate(
        f, as_of=AS_OF, by=by, rule=r, workplaces=w
    ),
    "starters_rate": lambda f, w, by, r: metrics.starters_rate(
        f, as_of=AS_OF, by=by, rule=r, workplaces=w
    ),
    "vacancy_rate": lambda f, w, by, r: metrics.vacancy_rate(
        f, w, as_of=AS_OF, by=tuple(d for d in by if d != "sector"), rule=r
    ),
    "stability_rate": lambda f, w, by, r: metrics.stability_rate(
        f, as_of=AS_OF, by=by, rule=r, workplaces=w
    ),
    "sickness_days": lambda f, w, by, r: metrics.sickness_days(
        f, as_of=AS_OF, by=by, rule=r, workplaces=w
    ),
    "qualification_rate": lambda f, w, by, r: metrics.qualification_rate(
        f, as_of=AS_OF, by=by, rule=r, workplaces=w
    ),
    "age_profile": lambda f, w, by, r: metrics.age_profile(f, as_of=AS_OF, by=by, rule=r),
    "share_aged_55_and_over": lambda f, w, by, r: metrics.share_aged_55_and_over(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "leavers_by_reason": lambda f, w, by, r: metrics.leavers_by_reason(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "leavers_by_destination": lambda f, w, by, r: metrics.leavers_by_destination(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "recruitment_source": lambda f, w, by, r: metrics.recruitment_source(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "manager_posts": lambda f, w, by, r: metrics.manager_posts(f, as_of=AS_OF, by=by, rule=r),
    "leadership_qualification_rate": lambda f, w, by, r: metrics.leadership_qualification_rate(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "manager_time_in_post": lambda f, w, by, r: metrics.manager_time_in_post(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "succession_gap_rate": lambda f, w, by, r: metrics.succession_gap_rate(
        f, as_of=AS_OF, by=by, rule=r
    ),
    "sex_profile": lambda f, w, by, r: metrics.equality_profile(
        f, as_of=AS_OF, characteristic="sex", by=by, rule=r
    ),
    "ethnicity_profile": lambda f, w, by, r: metrics.equality_profile(
        f, as_of=AS_OF, characteristic="ethnicity_group", by=by, rule=r
    ),
    "disability_profile": lambda f, w, by, r: metrics.equality_profile(
        f, as_of=AS_OF, characteristic="disability", by=by, rule=r
    ),
    "nhs_ethnic_minority_share_by_band": lambda f, w, by, r: metrics.nhs_band_comparison(
        f, as_of=AS_OF, characteristic="ethnicity_group", by=by, rule=r
    ),
    "nhs_disabled_share_by_band": lambda f, w, by, r: metrics.nhs_band_comparison(
        f, as_of=AS_OF, characteristic="disability", by=by, rule=r
    ),
}
"""Every metric, called the same way: (frame, workplaces, by, rule)."""

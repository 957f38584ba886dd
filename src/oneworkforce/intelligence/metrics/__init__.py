"""Workforce metrics: headcount, posts, FTE, flows, leadership, equality and benchmarks.

Plain Python over Polars (no Django). Every function takes the workforce frame (one row per
post: see :mod:`.frame`) or the same frame prepared once for a date (:func:`prepare`), the
date the figures describe (``as_of``), the breakdowns
(``by``) and the disclosure rule, and returns a :class:`MetricResult`: the metric's
definition, the protected counts behind it and rows ready to render, in which nothing too
small to publish survives. See docs/metrics.md.
"""

from oneworkforce.intelligence.metrics.benchmarks import Benchmark, benchmark
from oneworkforce.intelligence.metrics.counts import filled_posts, fte, headcount, main_posts
from oneworkforce.intelligence.metrics.dashboard import partnership_dashboard
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS, MetricDefinition, Unit
from oneworkforce.intelligence.metrics.equality import (
    age_profile,
    equality_profile,
    nhs_band_comparison,
    share_aged_55_and_over,
)
from oneworkforce.intelligence.metrics.errors import FrameError, MetricRequestError, MetricsError
from oneworkforce.intelligence.metrics.flows import (
    leavers_by_destination,
    leavers_by_reason,
    qualification_rate,
    recruitment_source,
    sickness_days,
    stability_rate,
    starters_rate,
    turnover_rate,
    vacancy_rate,
)
from oneworkforce.intelligence.metrics.frame import (
    WORKFORCE_SCHEMA,
    WORKPLACES_SCHEMA,
    empty_workforce_frame,
    empty_workplaces_frame,
    validate_frame,
    validate_workplaces,
)
from oneworkforce.intelligence.metrics.leadership import (
    SUCCESSOR_ROLES,
    leadership_qualification_rate,
    manager_posts,
    manager_time_in_post,
    posts_without_successor,
    succession_gap_rate,
)
from oneworkforce.intelligence.metrics.result import (
    NOT_AVAILABLE,
    TOTAL_LABEL,
    MetricResult,
    MetricRow,
)
from oneworkforce.intelligence.metrics.validity import benchmark_validity
from oneworkforce.intelligence.metrics.workforce import Workforce, prepare

__all__ = [
    "DEFINITIONS",
    "NOT_AVAILABLE",
    "SUCCESSOR_ROLES",
    "TOTAL_LABEL",
    "WORKFORCE_SCHEMA",
    "WORKPLACES_SCHEMA",
    "Benchmark",
    "FrameError",
    "MetricDefinition",
    "MetricRequestError",
    "MetricResult",
    "MetricRow",
    "MetricsError",
    "Unit",
    "Workforce",
    "age_profile",
    "benchmark",
    "benchmark_validity",
    "empty_workforce_frame",
    "empty_workplaces_frame",
    "equality_profile",
    "filled_posts",
    "fte",
    "headcount",
    "leadership_qualification_rate",
    "leavers_by_destination",
    "leavers_by_reason",
    "main_posts",
    "manager_posts",
    "manager_time_in_post",
    "nhs_band_comparison",
    "partnership_dashboard",
    "posts_without_successor",
    "prepare",
    "qualification_rate",
    "recruitment_source",
    "share_aged_55_and_over",
    "sickness_days",
    "stability_rate",
    "starters_rate",
    "succession_gap_rate",
    "turnover_rate",
    "vacancy_rate",
    "validate_frame",
    "validate_workplaces",
]

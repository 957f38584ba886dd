"""What the board report says: every figure gathered once, already protected, so the PDF and
the CSV pack cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, MARKER
from oneworkforce.intelligence import metrics, workforce
from oneworkforce.intelligence.planning import programme, selectors
from oneworkforce.intelligence.planning.steps import CHARACTERISTIC_NAMES
from oneworkforce.partners.access import Actor
from oneworkforce.web.charts import Chart, line_chart

__all__ = ["TREND_METRICS", "BoardReport", "Headline", "Trend", "board_report_gather"]

HEADLINE_METRICS = (
    "headcount",
    "filled_posts",
    "fte",
    "turnover_rate",
    "starters_rate",
    "vacancy_rate",
    "stability_rate",
    "share_aged_55_and_over",
)
TREND_METRICS = ("headcount", "turnover_rate", "vacancy_rate")
TREND_PERIODS = 8
GAP_YEARS = (0, 5, 10, 15)


@dataclass(frozen=True)
class Headline:
    metric_id: str
    title: str
    display: str
    unit: str
    definition: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Trend:
    metric_id: str
    title: str
    unit: str
    dates: tuple[date, ...]
    values: tuple[float | None, ...]
    display: tuple[str, ...]


@dataclass(frozen=True)
class BoardReport:
    title: str
    made_at: datetime
    as_of: date | None
    partner_count: int
    headlines: tuple[Headline, ...]
    trends: tuple[Trend, ...]
    trend_chart: Chart | None
    plans: tuple[selectors.Planned, ...]
    gap_chart: Chart | None
    gap_years: tuple[int, ...]
    projection_problem: str
    population_name: str
    population_source: str
    population_is_illustrative: bool
    programme: programme.ProgrammeFigures
    characteristic_name: str
    marker: str = MARKER

    def gap_at(self, plan: selectors.Planned) -> list[str]:
        """The plan's total gap in each of the report's gap years."""
        total = plan.protected.total_gap
        years = plan.protected.years
        return [total.display[years.index(year)] for year in self.gap_years]


def _metric_calls(
    prepared: metrics.Workforce, workplaces: pl.DataFrame, as_of: date
) -> dict[str, Callable[[], metrics.MetricResult]]:
    rule = DEFAULT_RULE
    return {
        "headcount": lambda: metrics.headcount(prepared, as_of=as_of, rule=rule),
        "filled_posts": lambda: metrics.filled_posts(prepared, as_of=as_of, rule=rule),
        "fte": lambda: metrics.fte(prepared, as_of=as_of, rule=rule),
        "turnover_rate": lambda: metrics.turnover_rate(
            prepared, as_of=as_of, rule=rule, workplaces=workplaces
        ),
        "starters_rate": lambda: metrics.starters_rate(
            prepared, as_of=as_of, rule=rule, workplaces=workplaces
        ),
        "vacancy_rate": lambda: metrics.vacancy_rate(prepared, workplaces, as_of=as_of, rule=rule),
        "stability_rate": lambda: metrics.stability_rate(
            prepared, as_of=as_of, rule=rule, workplaces=workplaces
        ),
        "share_aged_55_and_over": lambda: metrics.share_aged_55_and_over(
            prepared, as_of=as_of, rule=rule
        ),
    }


def _results(
    actor: Actor, as_of: date, today: date, wanted: tuple[str, ...]
) -> tuple[dict[str, metrics.MetricResult], int]:
    scope = workforce.scope_for(actor=actor, as_of=as_of, today=today)
    frame, workplaces = workforce.frames(scope)
    prepared = metrics.prepare(frame, as_of=as_of)
    calls = _metric_calls(prepared, workplaces, as_of)
    return {metric_id: calls[metric_id]() for metric_id in wanted}, len(scope.organisation_ids)


def board_report_gather(
    *,
    actor: Actor,
    made_at: datetime,
    today: date,
    step: Callable[[str], None] = lambda message: None,
    characteristic: str = "sex",
) -> BoardReport:
    """Every figure of the board report, for ``actor`` (an analyst or administrator).

    ``step`` is told each stage as it starts, for the job's progress.
    """
    dates = sorted(workforce.reporting_dates())
    as_of = dates[-1] if dates else None
    step("Workforce metrics")
    headlines: list[Headline] = []
    partner_count = 0
    if as_of is not None:
        results, partner_count = _results(actor, as_of, today, HEADLINE_METRICS)
        for metric_id, result in results.items():
            headlines.append(
                Headline(
                    metric_id=metric_id,
                    title=result.definition.title,
                    display=result.total.display,
                    unit=str(result.definition.unit),
                    definition=result.definition.definition,
                    notes=result.notes,
                )
            )
    step("Trends")
    trend_dates = tuple(dates[-TREND_PERIODS:])
    per_date = [_results(actor, day, today, TREND_METRICS)[0] for day in trend_dates]
    trends = tuple(
        Trend(
            metric_id=metric_id,
            title=per_date[0][metric_id].definition.title if per_date else metric_id,
            unit=str(per_date[0][metric_id].definition.unit) if per_date else "",
            dates=trend_dates,
            values=tuple(results[metric_id].total.value for results in per_date),
            display=tuple(results[metric_id].total.display for results in per_date),
        )
        for metric_id in TREND_METRICS
    )
    trend_chart = None
    if len(trend_dates) > 1:
        headcount = trends[0]
        trend_chart = line_chart(
            title="People in post, by reporting date",
            x=list(range(len(trend_dates))),
            series=[("People", headcount.values)],
            unit="People",
            x_labels=[f"{day:%b %Y}" for day in trend_dates],
        )
    step("Projection")
    plans: list[selectors.Planned] = []
    problem = ""
    population = selectors.population_in_use()
    try:
        base = selectors.baseline_for(actor=actor, as_of=as_of, today=today)
        scenarios = [None, *selectors.scenarios_visible_to(actor=actor)]
        plans = selectors.planned_many(base=base, scenarios=scenarios)
    except selectors.PlanningUnavailable as error:
        problem = str(error)
    gap_chart = None
    gap_years: tuple[int, ...] = ()
    if plans:
        years = plans[0].protected.years
        gap_years = tuple(years[0] + offset for offset in GAP_YEARS if offset < len(years))
        gap_chart = line_chart(
            title="Gap between posts needed and people in post, every role group, by scenario",
            x=years,
            series=[(plan.name, plan.protected.total_gap.values) for plan in plans],
            unit="Posts",
            zero_line=True,
        )
    step("Programme statistics")
    figures = selectors.programme_for(actor=actor, until=today, characteristic=characteristic)
    return BoardReport(
        title="Workforce board report",
        made_at=made_at,
        as_of=as_of,
        partner_count=partner_count,
        headlines=tuple(headlines),
        trends=trends,
        trend_chart=trend_chart,
        plans=tuple(plans),
        gap_chart=gap_chart,
        gap_years=gap_years,
        projection_problem=problem,
        population_name=population.name,
        population_source=population.source,
        population_is_illustrative=population.is_illustrative,
        programme=figures,
        characteristic_name=CHARACTERISTIC_NAMES[characteristic],
    )

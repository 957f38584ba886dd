"""Reads for planning, scoped by who is asking: only analysts and partnership administrators
plan (``PLANNERS``); everyone else gets nothing.

The baseline is built from the returns the actor may see (``intelligence.workforce``) and
kept per process, keyed by those returns and the population version, like the dashboard's
figures: a projection page then costs one engine run (milliseconds), not a frame build.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from threading import Lock

from django.db.models import Count, QuerySet

from oneworkforce.engines import projection as engine
from oneworkforce.engines.disclosure import DEFAULT_RULE, protect_counts
from oneworkforce.intelligence import workforce
from oneworkforce.intelligence.models import (
    Initiative,
    ParticipantStep,
    PopulationFigure,
    PopulationProjection,
    Scenario,
    SpendEntry,
    Workstream,
    WorkstreamBudget,
)
from oneworkforce.intelligence.planning import adapter, population, programme, steps
from oneworkforce.partners.access import Actor, NotAllowed
from oneworkforce.partners.models import Role

__all__ = [
    "PLANNERS",
    "Planned",
    "PopulationInUse",
    "baseline_for",
    "initiative_step_counts",
    "initiatives_visible_to",
    "may_plan",
    "planned",
    "population_in_use",
    "population_versions",
    "programme_for",
    "scenario_sentences",
    "scenarios_visible_to",
    "workstreams_visible_to",
]

PLANNERS = (Role.ANALYST, Role.PARTNERSHIP_ADMIN)
NO_RETURNS = (
    "There are no accepted workforce returns to project from yet. Partners upload them on "
    "the Workforce returns page."
)
CACHE_SIZE = 8


def may_plan(*, actor: Actor) -> bool:
    return actor.has_role(*PLANNERS)


def _require(actor: Actor) -> None:
    if not may_plan(actor=actor):
        raise NotAllowed()


def scenarios_visible_to(*, actor: Actor) -> QuerySet[Scenario]:
    if not may_plan(actor=actor):
        return Scenario.objects.none()
    return Scenario.objects.order_by("name")


def workstreams_visible_to(*, actor: Actor) -> QuerySet[Workstream]:
    if not may_plan(actor=actor):
        return Workstream.objects.none()
    return Workstream.objects.order_by("name")


def initiatives_visible_to(*, actor: Actor) -> QuerySet[Initiative]:
    if not may_plan(actor=actor):
        return Initiative.objects.none()
    return Initiative.objects.select_related("workstream", "campaign").order_by(
        "workstream__name", "name"
    )


def population_versions(*, actor: Actor) -> QuerySet[PopulationProjection]:
    if not may_plan(actor=actor):
        return PopulationProjection.objects.none()
    return PopulationProjection.objects.select_related("uploaded_by").order_by("-uploaded_at")


@dataclass(frozen=True)
class PopulationInUse:
    """The population figures the projection runs on: the latest upload, or the shipped
    illustrative file while nobody has uploaded one."""

    key: str
    name: str
    source: str
    is_illustrative: bool
    rows: tuple[population.PopulationRow, ...]


_population_lock = Lock()
_shipped: list[PopulationInUse] = []


def population_in_use() -> PopulationInUse:
    latest = PopulationProjection.objects.order_by("-uploaded_at", "-pk").first()
    if latest is not None:
        figures = PopulationFigure.objects.filter(projection=latest).values_list(
            "local_authority_code", "age_band", "year", "population"
        )
        return PopulationInUse(
            key=f"upload-{latest.pk}",
            name=latest.name,
            source=latest.source,
            is_illustrative=latest.is_illustrative,
            rows=tuple(population.PopulationRow(*figure) for figure in figures),
        )
    with _population_lock:
        if not _shipped:
            rows = population.read_population_csv(population.ILLUSTRATIVE_FILE.read_bytes())
            _shipped.append(
                PopulationInUse(
                    key="shipped",
                    name=population.ILLUSTRATIVE_NAME,
                    source=population.ILLUSTRATIVE_SOURCE,
                    is_illustrative=True,
                    rows=tuple(rows),
                )
            )
        return _shipped[0]


@dataclass(frozen=True)
class PlanningBase:
    baseline: adapter.Baseline
    population: engine.Population
    population_in_use: PopulationInUse
    local_authorities: tuple[str, ...]
    partner_count: int


class PlanningUnavailable(Exception):
    """Nothing to project from; the message says why and what to do."""


_bases: OrderedDict[tuple[object, ...], PlanningBase] = OrderedDict()
_lock = Lock()


def baseline_for(*, actor: Actor, as_of: date | None, today: date) -> PlanningBase:
    """The baseline of the returns the actor may see on ``as_of`` (the latest reporting
    date when None), and the area's population; :class:`PlanningUnavailable` if none."""
    _require(actor)
    dates = workforce.reporting_dates()
    if not dates:
        raise PlanningUnavailable(NO_RETURNS)
    as_of = as_of if as_of in dates else dates[0]
    scope = workforce.scope_for(actor=actor, as_of=as_of, today=today)
    in_use = population_in_use()
    key = (scope.return_ids, as_of, in_use.key)
    with _lock:
        if key in _bases:
            _bases.move_to_end(key)
            return _bases[key]
    frame, workplaces = workforce.frames(scope)
    try:
        baseline = adapter.baseline_build(
            frame=frame, workplaces=workplaces, as_of=as_of, rule=DEFAULT_RULE
        )
    except adapter.BaselineError as error:
        raise PlanningUnavailable(str(error)) from error
    in_file = {row.local_authority_code for row in in_use.rows}
    in_frame = set(frame.get_column("local_authority_code").drop_nulls()) - {""}
    # The area is the authorities the workforce works in; returns that name none (an NHS
    # file without site postcodes) leave the whole file as the area.
    codes = tuple(sorted(in_frame & in_file)) if in_frame else tuple(sorted(in_file))
    try:
        area = population.area_population(in_use.rows, codes=codes or in_frame)
    except population.PopulationFileError as error:
        raise PlanningUnavailable(str(error)) from error
    base = PlanningBase(
        baseline=baseline,
        population=area,
        population_in_use=in_use,
        local_authorities=codes,
        partner_count=len(scope.organisation_ids),
    )
    with _lock:
        _bases[key] = base
        while len(_bases) > CACHE_SIZE:
            _bases.popitem(last=False)
    return base


@dataclass(frozen=True)
class Planned:
    """One scenario projected: the engine's figures, the published ones, and the
    assumptions to show beside them."""

    scenario_id: int | None
    name: str
    assumptions: tuple[str, ...]
    projection: engine.Projection
    protected: adapter.ProtectedProjection


BASELINE_NAME = "Baseline"
BASELINE_SENTENCE = "Today's rates carried forward: no change to the baseline"


def change_of(scenario: Scenario) -> engine.ScenarioChange:
    return engine.ScenarioChange(
        name=scenario.name,
        turnover_points=scenario.turnover_points,
        extra_programme_starters=scenario.extra_programme_starters,
        international_factor=scenario.international_factor,
        external_factor=scenario.external_factor,
        retirement_factor=scenario.retirement_factor,
        demand_growth_factor=scenario.demand_growth_factor,
    )


def weights_sentences(weights: dict[str, dict[str, float]]) -> list[str]:
    return [
        f"Demand weights for {adapter.role_group_label(group).lower()}: "
        f"{given['aged_65_84']:.0%} on people aged 65 to 84, {given['aged_85_plus']:.0%} "
        f"on people aged 85 and over, {given['working_age']:.0%} on the working-age population"
        for group, given in sorted(weights.items())
    ]


def scenario_sentences(scenario: Scenario) -> tuple[str, ...]:
    """A saved scenario's changes to the baseline, as sentences."""
    sentences = [
        *engine.describe_change(change_of(scenario)),
        *weights_sentences(scenario.demand_weights or {}),
    ]
    return tuple(sentences) or (BASELINE_SENTENCE,)


def planned(*, base: PlanningBase, scenario: Scenario | None) -> Planned:
    """``scenario`` (the baseline when None) projected over the base; the engine's
    :class:`~oneworkforce.engines.projection.ProjectionInputError` if it cannot run."""
    if scenario is None:
        change = engine.ScenarioChange(name=BASELINE_NAME)
        weights: dict[str, dict[str, float]] = {}
    else:
        change = change_of(scenario)
        weights = scenario.demand_weights or {}
    run = adapter.engine_scenario(
        baseline=base.baseline, name=change.name, change=change, demand_weights=weights
    )
    projection = engine.project(
        workforce=base.baseline.workforce, population=base.population, scenario=run
    )
    return Planned(
        scenario_id=None if scenario is None else scenario.pk,
        name=change.name,
        assumptions=(BASELINE_SENTENCE,) if scenario is None else scenario_sentences(scenario),
        projection=projection,
        protected=adapter.protect_projection(projection, baseline=base.baseline),
    )


def planned_many(*, base: PlanningBase, scenarios: Sequence[Scenario | None]) -> list[Planned]:
    return [planned(base=base, scenario=scenario) for scenario in scenarios]


def initiative_step_counts(*, initiative: Initiative) -> dict[str, str]:
    """How many people the initiative has recorded at each step (by step label), through
    disclosure control like every count of people."""
    counts = dict.fromkeys(steps.STEPS, 0)
    for step, count in (
        ParticipantStep.objects.filter(initiative=initiative)
        .values_list("step")
        .annotate(count=Count("pk"))
    ):
        counts[step] = count
    table = protect_counts(
        [(steps.STEPS[step], count) for step, count in counts.items()],
        dimensions=["step"],
        count="people",
        rule=DEFAULT_RULE,
        totals=False,
    )
    return {label: table.cell(label).display for label in steps.STEPS.values()}


class ParticipantRecords:
    """The step records entered or imported on the programme pages."""

    key = "participant-records"
    label = "Participant records entered or imported on the programme pages"

    def records(self, *, until: date) -> Iterable[steps.StepRecord]:
        rows = ParticipantStep.objects.filter(reached_date__lte=until).values_list(
            "initiative_id", "participant_ref", "step", "reached_date", "age_band", "sex",
            "ethnicity_group", "disability",
        )  # fmt: skip
        for initiative_id, ref, step, reached, age_band, sex, ethnicity, disability in rows:
            yield steps.StepRecord(
                self.key, initiative_id, ref, step, reached, age_band, sex, ethnicity, disability
            )


steps.register_step_source(ParticipantRecords())


def _money_by_year(rows: Iterable[tuple[int, int, Decimal]]) -> dict[int, dict[int, Decimal]]:
    money: dict[int, dict[int, Decimal]] = {}
    for workstream_id, year, amount in rows:
        money.setdefault(workstream_id, {})[year] = amount or Decimal(0)
    return money


def financial_year(day: date) -> int:
    """The year a UK financial year starts in: April 2026 to March 2027 is 2026."""
    return day.year if day.month >= 4 else day.year - 1


def programme_for(
    *, actor: Actor, until: date, characteristic: str = "sex"
) -> programme.ProgrammeFigures:
    _require(actor)
    streams = list(workstreams_visible_to(actor=actor).prefetch_related("initiatives"))
    budgets = _money_by_year(
        WorkstreamBudget.objects.values_list("workstream_id", "year", "amount")
    )
    spend: dict[int, dict[int, Decimal]] = {}
    for workstream_id, spent_date, amount in SpendEntry.objects.filter(
        spent_date__lte=until
    ).values_list("workstream_id", "spent_date", "amount"):
        year = financial_year(spent_date)
        spend.setdefault(workstream_id, {}).setdefault(year, Decimal(0))
        spend[workstream_id][year] += amount
    inputs = [
        programme.WorkstreamInput(
            name=stream.name,
            initiative_ids=tuple(i.pk for i in stream.initiatives.all()),
            initiative_names=tuple(i.name for i in stream.initiatives.all()),
            budgets=budgets.get(stream.pk, {}),
            spend=spend.get(stream.pk, {}),
        )
        for stream in streams
    ]
    records = [record for source in steps.step_sources() for record in source.records(until=until)]
    return programme.programme_figures(
        workstreams=inputs,
        records=records,
        until=until,
        characteristic=characteristic,
        rule=DEFAULT_RULE,
    )

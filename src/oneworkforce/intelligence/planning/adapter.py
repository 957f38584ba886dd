"""The one adapter between the partnership's data and the projection engine.

It turns the workforce frame of the accepted returns (see ``intelligence.workforce``) into
the engine's ``Workforce`` and baseline ``Scenario``, a saved scenario into the engine's
``ScenarioChange``, and the engine's ``Projection`` into figures fit to publish (every one
through the disclosure library). Plain Python over Polars: no query here, so the tests can
hand it frames.

Where the baseline comes from (docs/projection.md, "Baseline"):

- staff by role group and age band: people in post on the date, counted once, at their
  main post; people of unknown age are spread over the bands like those of known age;
- turnover: each role group's leavers in the 12 months over its headcount, less the
  retirements its age profile implies, since the engine counts retirements apart. Leavers
  come from the post records, except for partners whose workplace return declares them
  (an ASC-WDS staff file lists only people in post, so it holds none of the year's
  leavers): theirs are the declared figure shared over their role groups by headcount;
- starters a year: counted the same way; the share recruited from abroad (recruitment
  source naming it) is international;
- vacancies: the workplaces' declared vacancies, shared over role groups by headcount
  (returns declare vacancies per workplace, not per role);
- starters' ages: the ages of the year's starters; retirement rates and demand weights:
  the documented defaults of :mod:`.assumptions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from oneworkforce.engines import projection as engine
from oneworkforce.engines.disclosure import (
    DEFAULT_RULE,
    MARKER,
    DisclosureRule,
    protect_counts,
    protect_statistic,
)
from oneworkforce.intelligence import metrics
from oneworkforce.intelligence.metrics.dimensions import LABELS, age_years
from oneworkforce.intelligence.metrics.frame import left_in_year, started_in_year
from oneworkforce.intelligence.planning import assumptions
from oneworkforce.reference.models import RoleGroup

__all__ = [
    "Baseline",
    "GroupBaseline",
    "ProtectedProjection",
    "ProtectedRow",
    "baseline_build",
    "engine_scenario",
    "protect_projection",
    "role_group_label",
]

AGE_BAND_EDGES = (25, 35, 45, 55, 65)
NO_STAFF = (
    "The accepted returns hold nobody in post on {as_of:%d %B %Y}, so there is no workforce "
    "to project; check that partners' returns for that date are accepted and shared"
)


class BaselineError(ValueError):
    """The returns cannot give a baseline; the message says what to do."""


def role_group_label(role_group: str) -> str:
    return LABELS["role_group"].get(role_group, role_group)


@dataclass(frozen=True)
class GroupBaseline:
    """What the returns say about one role group, in words and numbers to show."""

    role_group: str
    headcount: int
    vacancies: float
    leavers_a_year: float
    measured_turnover: float
    turnover_excluding_retirement: float
    starters_a_year: float
    international_a_year: float


@dataclass(frozen=True)
class Baseline:
    as_of: date
    workforce: engine.Workforce
    scenario: engine.Scenario
    groups: tuple[GroupBaseline, ...]
    international_share: float
    starter_age_mix_source: str
    partners_declaring_flows: int
    protected_headcount: Mapping[str, bool] = field(default_factory=dict)

    @property
    def base_year(self) -> int:
        return self.workforce.base_year


def _bands(as_of: date) -> pl.Expr:
    age = age_years(as_of)
    band: Any = pl.when(age.is_null()).then(pl.lit(None, pl.Int32))
    band = band.when(age < AGE_BAND_EDGES[0]).then(pl.lit(0, pl.Int32))
    for index, low in enumerate(AGE_BAND_EDGES[1:], start=1):
        band = band.when(age < low).then(pl.lit(index, pl.Int32))
    expression: pl.Expr = band.otherwise(pl.lit(len(AGE_BAND_EDGES), pl.Int32)).alias("_band")
    return expression


def _by_group_and_band(people: pl.DataFrame, groups: tuple[str, ...]) -> np.ndarray:
    """Counts of people by role group and age band, the unknown ages spread like the known
    (over the partnership's profile where a group has no one of known age)."""
    counts = np.zeros((len(groups), len(engine.WORKFORCE_AGE_BANDS)))
    unknown = np.zeros(len(groups))
    index = {group: position for position, group in enumerate(groups)}
    for group, band, number in people.group_by("_group", "_band").len().iter_rows():
        if band is None:
            unknown[index[group]] += number
        else:
            counts[index[group], band] += number
    overall = counts.sum(axis=0)
    for position in range(len(groups)):
        profile = counts[position] if counts[position].sum() else overall
        if unknown[position] and profile.sum():
            counts[position] += unknown[position] * profile / profile.sum()
        elif unknown[position]:
            counts[position, 1] += unknown[position]  # nobody's age known anywhere
    return counts


def _group_of(column: str = "role_group") -> pl.Expr:
    """A post's role group, with roles the returns do not give counted as "other"."""
    return (
        pl.when(pl.col(column).is_in(RoleGroup.values))
        .then(pl.col(column))
        .otherwise(pl.lit(RoleGroup.OTHER))
        .alias("_group")
    )


def _flows(
    prepared: metrics.Workforce,
    people: pl.DataFrame,
    workplaces: pl.DataFrame,
    as_of: date,
    groups: tuple[str, ...],
) -> tuple[np.ndarray, np.ndarray, int]:
    """Leavers and starters in the 12 months to ``as_of`` by role group, and how many
    partners' figures came from their workplace returns.

    An ASC-WDS staff file lists only the people in post, so it holds none of the year's
    leavers (nor starters who have left again); its workplace file declares both. A partner
    whose workplace return declares leavers (or starters) is counted by its declaration,
    shared over its role groups by its headcount; every other partner by its post records.
    """
    index = {group: position for position, group in enumerate(groups)}
    shares: dict[str, np.ndarray] = {}
    for organisation, group, number in (
        people.group_by("organisation_id", "_group").len().iter_rows()
    ):
        shares.setdefault(organisation, np.zeros(len(groups)))[index[group]] += number
    for organisation, counts in shares.items():
        shares[organisation] = counts / counts.sum()
    declared = {
        row["organisation_id"]: row
        for row in workplaces.group_by("organisation_id")
        .agg(
            pl.col("leavers").sum().alias("leavers"),
            pl.col("leavers").is_not_null().any().alias("declares_leavers"),
            pl.col("starters").sum().alias("starters"),
            pl.col("starters").is_not_null().any().alias("declares_starters"),
        )
        .iter_rows(named=True)
        if row["organisation_id"] in shares
    }
    totals = []
    for flow, window in (("leavers", left_in_year(as_of)), ("starters", started_in_year(as_of))):
        counts = np.zeros(len(groups))
        recorded = prepared.posts.filter(window).with_columns(_group_of())
        for organisation, group, number in (
            recorded.group_by("organisation_id", "_group").len().iter_rows()
        ):
            declares = declared.get(organisation, {}).get(f"declares_{flow}")
            # A group with nobody in post left has no headcount to be a rate of.
            if organisation in shares and not declares and group in index:
                counts[index[group]] += number
        for organisation, row in declared.items():
            if row[f"declares_{flow}"]:
                counts += float(row[flow] or 0) * shares[organisation]
        totals.append(counts)
    declaring = sum(
        1 for row in declared.values() if row["declares_leavers"] or row["declares_starters"]
    )
    return totals[0], totals[1], declaring


def baseline_build(
    *,
    frame: pl.DataFrame,
    workplaces: pl.DataFrame,
    as_of: date,
    rule: DisclosureRule = DEFAULT_RULE,
) -> Baseline:
    """The engine's workforce and baseline scenario from the returns' frames on ``as_of``.

    Complexity: O(n) for n posts.
    """
    prepared = metrics.prepare(frame, as_of=as_of)
    people = prepared.main().with_columns(_group_of(), _bands(as_of)).collect()
    if people.is_empty():
        raise BaselineError(NO_STAFF.format(as_of=as_of))
    groups = tuple(group for group in RoleGroup.values if group in set(people["_group"]))
    staff = _by_group_and_band(people, groups)
    headcount = staff.sum(axis=1)

    leavers, starters, declaring = _flows(prepared, people, workplaces, as_of, groups)
    year_starters = prepared.posts.filter(started_in_year(as_of))
    sources = year_starters.get_column("recruitment_source").fill_null("").str.to_lowercase()
    pattern = "|".join(assumptions.INTERNATIONAL_SOURCE_WORDS)
    share: Any = sources.str.contains(pattern).mean() if len(sources) else 0.0
    international_share = float(share or 0.0)
    declared: Any = workplaces.select(pl.col("vacancies").fill_null(0).sum()).item()
    vacancies = float(declared or 0) * headcount / headcount.sum()

    mix_counts = np.zeros(len(engine.WORKFORCE_AGE_BANDS))
    for band, number in (
        year_starters.select(_bands(as_of)).drop_nulls().group_by("_band").len().iter_rows()
    ):
        mix_counts[band] += number
    if mix_counts.sum():
        starter_age_mix = tuple(float(share) for share in mix_counts / mix_counts.sum())
        mix_source = f"the ages of the {int(mix_counts.sum()):,} starters of known age in the year"
    else:
        starter_age_mix = assumptions.DEFAULT_STARTER_AGE_MIX
        mix_source = "the default mix (no starter of known age in the returns)"

    retirement = assumptions.RETIREMENT_RATES
    retirement_vector = np.array([retirement[band] for band in engine.WORKFORCE_AGE_BANDS])
    details = []
    turnover_rate, external, international = {}, {}, {}
    for position, group in enumerate(groups):
        measured = min(1.0, leavers[position] / headcount[position])
        implied_retirement = float(staff[position] @ retirement_vector / headcount[position])
        turnover_rate[group] = max(0.0, measured - implied_retirement)
        international[group] = float(starters[position]) * international_share
        external[group] = float(starters[position]) - international[group]
        details.append(
            GroupBaseline(
                role_group=group,
                headcount=round(float(headcount[position])),
                vacancies=float(vacancies[position]),
                leavers_a_year=float(leavers[position]),
                measured_turnover=measured,
                turnover_excluding_retirement=turnover_rate[group],
                starters_a_year=float(starters[position]),
                international_a_year=international[group],
            )
        )
    workforce = engine.Workforce(
        base_year=as_of.year, role_groups=groups, staff=staff, vacancies=vacancies
    )
    scenario = engine.Scenario(
        name="Baseline",
        demand_weights={group: assumptions.demand_weights_for(group) for group in groups},
        turnover_rate=turnover_rate,
        retirement_rate=dict(retirement),
        external_starters=external,
        international_starters=international,
        programme_starters=dict.fromkeys(groups, 0.0),
        starter_age_mix=starter_age_mix,
        horizon_years=assumptions.HORIZON_YEARS,
    )
    protected = protect_counts(
        [(group, round(float(count))) for group, count in zip(groups, headcount, strict=True)],
        dimensions=["role_group"],
        count="people",
        rule=rule,
    )
    hidden = {group: protected.cell(group).hidden for group in groups}
    return Baseline(
        as_of=as_of,
        workforce=workforce,
        scenario=scenario,
        groups=tuple(details),
        international_share=international_share,
        starter_age_mix_source=mix_source,
        partners_declaring_flows=declaring,
        protected_headcount=hidden,
    )


def engine_scenario(
    *,
    baseline: Baseline,
    name: str,
    change: engine.ScenarioChange,
    demand_weights: Mapping[str, Mapping[str, float]] | None = None,
) -> engine.Scenario:
    """The baseline with the analyst's own demand weights (where given) and ``change``."""
    weights = dict(baseline.scenario.demand_weights)
    for group, given in (demand_weights or {}).items():
        if group in weights:
            weights[group] = engine.DemandWeights(
                aged_65_84=float(given["aged_65_84"]),
                aged_85_plus=float(given["aged_85_plus"]),
                working_age=float(given["working_age"]),
            )
    start = engine.Scenario(
        name=name,
        demand_weights=weights,
        turnover_rate=baseline.scenario.turnover_rate,
        retirement_rate=baseline.scenario.retirement_rate,
        external_starters=baseline.scenario.external_starters,
        international_starters=baseline.scenario.international_starters,
        programme_starters=baseline.scenario.programme_starters,
        starter_age_mix=baseline.scenario.starter_age_mix,
        horizon_years=baseline.scenario.horizon_years,
    )
    return engine.apply_change(baseline=start, change=change, workforce=baseline.workforce)


@dataclass(frozen=True)
class ProtectedRow:
    """One role group's (or the total's) figures by year: a display string per year and
    the value to plot (None when hidden)."""

    label: str
    values: tuple[float | None, ...]
    display: tuple[str, ...]
    is_total: bool = False

    def cells(self) -> list[int | str]:
        """The figures for a CSV file: whole numbers, or the marker where hidden."""
        return [MARKER if value is None else round(value) for value in self.values]


@dataclass(frozen=True)
class ProtectedProjection:
    scenario_name: str
    years: tuple[int, ...]
    demand: tuple[ProtectedRow, ...]
    supply: tuple[ProtectedRow, ...]
    gap: tuple[ProtectedRow, ...]
    note: str

    def measure(self, name: str) -> tuple[ProtectedRow, ...]:
        return {"demand": self.demand, "supply": self.supply, "gap": self.gap}[name]

    @property
    def total_gap(self) -> ProtectedRow:
        return self.gap[-1]


PROJECTION_NOTE = (
    "Figures are modelled, rounded to whole posts. A role group too small to publish is "
    "hidden as {marker}."
)


def protect_projection(
    projection: engine.Projection, *, baseline: Baseline, rule: DisclosureRule = DEFAULT_RULE
) -> ProtectedProjection:
    """Every figure of ``projection`` through the disclosure library: a role group whose
    base-year headcount is hidden (or hidden to protect another) is hidden in every year;
    the others are statistics over that many people."""
    sizes = {group.role_group: group.headcount for group in baseline.groups}
    total_size = sum(sizes.values())

    def rows(array: np.ndarray) -> tuple[ProtectedRow, ...]:
        made = []
        for position, group in enumerate(projection.role_groups):
            hide = baseline.protected_headcount.get(group, False)
            made.append(_row(role_group_label(group), array[position], sizes[group], hide, rule))
        made.append(_row("Total", array.sum(axis=0), total_size, False, rule, is_total=True))
        return tuple(made)

    return ProtectedProjection(
        scenario_name=projection.scenario_name,
        years=tuple(projection.years),
        demand=rows(projection.demand),
        supply=rows(projection.supply),
        gap=rows(projection.gap),
        note=PROJECTION_NOTE.format(marker=MARKER),
    )


def _row(
    label: str,
    series: np.ndarray,
    size: int,
    hide: bool,
    rule: DisclosureRule,
    *,
    is_total: bool = False,
) -> ProtectedRow:
    values: list[float | None] = []
    display: list[str] = []
    for value in series:
        protected = protect_statistic(float(value), group_size=size, rule=rule, decimals=0)
        # "+ 0.0" turns a rounded -0.0 into 0.0, so no "-0" is printed.
        shown = None if hide or protected.shown is None else protected.shown + 0.0
        values.append(shown)
        display.append(MARKER if shown is None else f"{shown:,.0f}")
    return ProtectedRow(label, tuple(values), tuple(display), is_total)

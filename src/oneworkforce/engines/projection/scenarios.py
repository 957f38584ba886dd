"""Scenarios stated as changes to a baseline, the way an analyst puts them to a board.

"Turnover down 5 points, 200 more apprentices a year, international recruitment halved"
is a :class:`ScenarioChange`; :func:`apply_change` turns it into a full
:class:`Scenario` the model can run, and :func:`describe_change` into the sentences
shown beside the chart.
"""

import math
from dataclasses import dataclass, fields

import numpy as np

from oneworkforce.engines.projection.errors import (
    CHANGE_FACTOR_NEGATIVE,
    CHANGE_NOT_FINITE,
    ProjectionInputError,
)
from oneworkforce.engines.projection.types import DemandWeights, Scenario, Workforce
from oneworkforce.engines.projection.validation import (
    WEIGHT_SUM_TOLERANCE,
    check_scenario,
    check_workforce,
)

__all__ = ["ScenarioChange", "apply_change", "describe_change"]

_FACTORS = (
    "international_factor",
    "external_factor",
    "retirement_factor",
    "demand_growth_factor",
)


@dataclass(frozen=True)
class ScenarioChange:
    """How a scenario differs from the baseline; the defaults change nothing.

    ``turnover_points`` adds percentage points to every role group's turnover (-5.0 is
    turnover down 5 points; the result is kept within 0% to 100%).
    ``extra_programme_starters`` adds people a year from the partnership's programmes,
    shared among role groups in proportion to their staff (evenly if there are no staff
    yet); a negative figure removes them, never below zero in any role group. The factors
    multiply the baseline: 0.5 halves, 1 leaves alone. ``demand_growth_factor`` scales
    every demand weight, keeping their sum at most 1.
    """

    name: str
    turnover_points: float = 0.0
    extra_programme_starters: float = 0.0
    international_factor: float = 1.0
    external_factor: float = 1.0
    retirement_factor: float = 1.0
    demand_growth_factor: float = 1.0


def _check_change(change: ScenarioChange) -> None:
    for field in fields(change):
        if field.name == "name":
            continue
        value = getattr(change, field.name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ProjectionInputError(
                CHANGE_NOT_FINITE.format(name=change.name, field=field.name, value=value)
            )
    for name in _FACTORS:
        value = getattr(change, name)
        if value < 0:
            raise ProjectionInputError(
                CHANGE_FACTOR_NEGATIVE.format(name=change.name, field=name, value=value)
            )


def _scaled_weights(weights: DemandWeights, factor: float) -> DemandWeights:
    scaled: tuple[float, ...] = (
        weights.aged_65_84 * factor,
        weights.aged_85_plus * factor,
        weights.working_age * factor,
    )
    total = sum(scaled)
    # Demand cannot depend on the population by more than all of it: keep the
    # proportions between the drivers and let them account for all of demand. Weights
    # already accepted as adding up to 1 (within rounding) are left as they are.
    if total > 1.0 + WEIGHT_SUM_TOLERANCE:
        scaled = tuple(weight / total for weight in scaled)
    return DemandWeights(*scaled)


def apply_change(*, baseline: Scenario, change: ScenarioChange, workforce: Workforce) -> Scenario:
    """The baseline with the change applied, named after the change.

    >>> from oneworkforce.engines.projection import WORKFORCE_AGE_BANDS
    >>> workforce = Workforce(
    ...     base_year=2025, role_groups=("Nurse", "Care worker"),
    ...     staff=[[10, 10, 10, 10, 10, 0], [30, 30, 30, 30, 30, 0]], vacancies=[0, 0],
    ... )
    >>> baseline = Scenario(
    ...     name="Baseline",
    ...     demand_weights={g: DemandWeights(0.4, 0.4, 0.1) for g in workforce.role_groups},
    ...     turnover_rate={"Nurse": 0.10, "Care worker": 0.30},
    ...     retirement_rate=dict.fromkeys(WORKFORCE_AGE_BANDS, 0.02),
    ...     external_starters={"Nurse": 8, "Care worker": 40},
    ...     international_starters={"Nurse": 4, "Care worker": 10},
    ...     programme_starters={"Nurse": 0, "Care worker": 5},
    ...     starter_age_mix=(0.4, 0.3, 0.2, 0.1, 0, 0),
    ... )
    >>> change = ScenarioChange(
    ...     name="Grow our own", turnover_points=-5, extra_programme_starters=200,
    ...     international_factor=0.5, demand_growth_factor=1.5,
    ... )
    >>> scenario = apply_change(baseline=baseline, change=change, workforce=workforce)
    >>> scenario.name, dict(scenario.turnover_rate)
    ('Grow our own', {'Nurse': 0.05, 'Care worker': 0.25})
    >>> dict(scenario.programme_starters), dict(scenario.international_starters)
    ({'Nurse': 50.0, 'Care worker': 155.0}, {'Nurse': 2.0, 'Care worker': 5.0})
    >>> scenario.demand_weights["Nurse"]
    DemandWeights(aged_65_84=0.4444..., aged_85_plus=0.4444..., working_age=0.1111...)

    Raises :class:`ProjectionInputError` when the change holds a number that is not
    finite or a negative factor, or when the baseline does not fit the workforce.

    Complexity: O(G + B) for G role groups and B age bands.
    """
    _check_change(change)
    check_workforce(workforce)
    role_groups = workforce.role_groups
    check_scenario(baseline, role_groups)

    staff = workforce.staff.sum(axis=1)
    total_staff = float(staff.sum())
    shares = (
        staff / total_staff if total_staff > 0 else np.full(len(role_groups), 1 / len(role_groups))
    )
    points = change.turnover_points / 100.0
    return Scenario(
        name=change.name,
        demand_weights={
            group: _scaled_weights(baseline.demand_weights[group], change.demand_growth_factor)
            for group in role_groups
        },
        turnover_rate={
            group: min(1.0, max(0.0, baseline.turnover_rate[group] + points))
            for group in role_groups
        },
        retirement_rate={
            band: min(1.0, rate * change.retirement_factor)
            for band, rate in baseline.retirement_rate.items()
        },
        external_starters={
            group: baseline.external_starters[group] * change.external_factor
            for group in role_groups
        },
        international_starters={
            group: baseline.international_starters[group] * change.international_factor
            for group in role_groups
        },
        programme_starters={
            group: max(
                0.0,
                baseline.programme_starters[group]
                + change.extra_programme_starters * float(shares[g]),
            )
            for g, group in enumerate(role_groups)
        },
        starter_age_mix=baseline.starter_age_mix,
        horizon_years=baseline.horizon_years,
    )


def describe_change(change: ScenarioChange) -> tuple[str, ...]:
    """The change as sentences for the assumptions beside a chart; none for no change.

    >>> for sentence in describe_change(ScenarioChange("Grow our own", turnover_points=-5,
    ...     extra_programme_starters=200, international_factor=0.5)):
    ...     print(sentence)
    Turnover down 5 percentage points
    200 more programme starters a year
    International starters at 50% of the baseline
    >>> describe_change(ScenarioChange("Baseline"))
    ()

    Complexity: O(1).
    """
    sentences = []
    if change.turnover_points:
        direction = "up" if change.turnover_points > 0 else "down"
        sentences.append(f"Turnover {direction} {abs(change.turnover_points):g} percentage points")
    if change.extra_programme_starters:
        direction = "more" if change.extra_programme_starters > 0 else "fewer"
        sentences.append(
            f"{abs(change.extra_programme_starters):g} {direction} programme starters a year"
        )
    for field, what in (
        ("international_factor", "International starters"),
        ("external_factor", "Starters recruited from outside"),
        ("retirement_factor", "Retirement rates"),
        ("demand_growth_factor", "Demand's response to population growth"),
    ):
        factor = getattr(change, field)
        if factor != 1.0:
            sentences.append(f"{what} at {factor:.0%} of the baseline")
    return tuple(sentences)

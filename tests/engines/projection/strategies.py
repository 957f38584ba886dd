"""Hypothesis strategies for the projection engine's inputs, and a builder for unit tests.

Every generated input is valid: the properties are about what the model does with
inputs it accepts; the refusals have their own tests.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from oneworkforce.engines.projection import (
    POPULATION_BANDS,
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    Population,
    Scenario,
    Workforce,
)

BASE_YEAR = 2025
NO_DEMAND_GROWTH = DemandWeights(0.0, 0.0, 0.0)

shares = st.floats(0.0, 1.0, allow_nan=False)
headcounts = st.floats(0.0, 2000.0, allow_nan=False)
starters_a_year = st.floats(0.0, 300.0, allow_nan=False)


@dataclass(frozen=True)
class Inputs:
    """Everything project() needs."""

    workforce: Workforce
    population: Population
    scenario: Scenario


@st.composite
def workforces(draw: st.DrawFn, *, max_groups: int = 5) -> Workforce:
    n_groups = draw(st.integers(1, max_groups))
    staff = [[draw(headcounts) for _ in WORKFORCE_AGE_BANDS] for _ in range(n_groups)]
    return Workforce(
        base_year=BASE_YEAR,
        role_groups=tuple(f"Role group {g}" for g in range(n_groups)),
        staff=np.array(staff),
        vacancies=np.array([draw(st.floats(0.0, 300.0)) for _ in range(n_groups)]),
    )


@st.composite
def populations(draw: st.DrawFn, *, horizon: int) -> Population:
    """Base-year populations above zero, each year's within -50% to +100% of the base."""
    years_before = draw(st.integers(0, 3))
    years_after = draw(st.integers(0, 3))
    first = BASE_YEAR - years_before
    n_years = years_before + horizon + 1 + years_after
    base = np.array([draw(st.floats(100.0, 1e6)) for _ in POPULATION_BANDS])
    growth = np.array(
        [[draw(st.floats(-0.5, 1.0)) for _ in range(n_years)] for _ in POPULATION_BANDS]
    )
    growth[:, years_before] = 0.0
    return Population(
        years=tuple(range(first, first + n_years)), counts=base[:, None] * (1.0 + growth)
    )


@st.composite
def demand_weights(draw: st.DrawFn) -> DemandWeights:
    weights = [draw(shares) for _ in range(3)]
    total = sum(weights)
    if total > 1.0:
        weights = [weight / total for weight in weights]
    return DemandWeights(*weights)


@st.composite
def age_mixes(draw: st.DrawFn) -> tuple[float, ...]:
    raw = [draw(shares) for _ in WORKFORCE_AGE_BANDS]
    if sum(raw) == 0.0:
        raw[0] = 1.0
    return tuple(share / sum(raw) for share in raw)


@st.composite
def scenarios(draw: st.DrawFn, *, role_groups: tuple[str, ...], horizon: int) -> Scenario:
    def per_group(values: st.SearchStrategy[float]) -> dict[str, float]:
        return {group: draw(values) for group in role_groups}

    return Scenario(
        name=draw(st.sampled_from(["Baseline", "Grow our own", "Low turnover"])),
        demand_weights={group: draw(demand_weights()) for group in role_groups},
        turnover_rate=per_group(shares),
        retirement_rate={band: draw(shares) for band in WORKFORCE_AGE_BANDS},
        external_starters=per_group(starters_a_year),
        international_starters=per_group(starters_a_year),
        programme_starters=per_group(starters_a_year),
        starter_age_mix=draw(age_mixes()),
        horizon_years=horizon,
    )


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    horizon = draw(st.integers(1, 15))
    workforce = draw(workforces())
    return Inputs(
        workforce=workforce,
        population=draw(populations(horizon=horizon)),
        scenario=draw(scenarios(role_groups=workforce.role_groups, horizon=horizon)),
    )


def flat_population(*, years: int, first_year: int = BASE_YEAR) -> Population:
    """The same population every year."""
    return Population(
        years=tuple(range(first_year, first_year + years)),
        counts=np.tile(np.array([[500.0], [3000.0], [1000.0], [200.0]]), (1, years)),
    )


def one_group_scenario(
    *,
    name: str = "Baseline",
    group: str = "Care worker",
    weights: DemandWeights = NO_DEMAND_GROWTH,
    turnover: float = 0.0,
    retirement: Mapping[str, float] | None = None,
    external: float = 0.0,
    international: float = 0.0,
    programme: float = 0.0,
    age_mix: tuple[float, ...] = (1.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    horizon: int = 1,
) -> Scenario:
    """A scenario for one role group, everything zero unless given."""
    return Scenario(
        name=name,
        demand_weights={group: weights},
        turnover_rate={group: turnover},
        retirement_rate=dict(retirement or dict.fromkeys(WORKFORCE_AGE_BANDS, 0.0)),
        external_starters={group: external},
        international_starters={group: international},
        programme_starters={group: programme},
        starter_age_mix=age_mix,
        horizon_years=horizon,
    )


def one_group_workforce(
    staff: tuple[float, ...], *, vacancies: float = 0.0, group: str = "Care worker"
) -> Workforce:
    return Workforce(
        base_year=BASE_YEAR, role_groups=(group,), staff=np.array([staff]), vacancies=[vacancies]
    )

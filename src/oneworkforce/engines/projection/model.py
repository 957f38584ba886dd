"""The projection: demand that follows the population, supply that rolls forward by age.

The equations, the assumptions behind them and their limits are in docs/projection.md;
this module is their implementation, vectorised over role groups and age bands with one
step per year.
"""

import numpy as np
from numpy.typing import NDArray

from oneworkforce.engines.projection.types import (
    Population,
    Projection,
    Scenario,
    Workforce,
)
from oneworkforce.engines.projection.validation import ModelInputs, model_inputs

__all__ = ["AGEING_SHARE", "project"]

# The share of each age band that moves up to the next band each year: one year's worth
# of a band's people, assuming ages spread evenly within it (nine years in 16-24, ten in
# the others); nobody ages out of 65+.
AGEING_SHARE: tuple[float, ...] = (1 / 9, 1 / 10, 1 / 10, 1 / 10, 1 / 10, 0.0)


def project(*, workforce: Workforce, population: Population, scenario: Scenario) -> Projection:
    """Project demand, supply and the gap for each role group, year by year.

    Demand for role group g in year t follows the populations it serves, as growth
    against the base year weighted by the scenario's :class:`DemandWeights`::

        D_g(t) = D_g(0) · (1 + w65·(P65-84(t)/P65-84(0) - 1)
                             + w85·(P85+(t)/P85+(0) - 1)
                             + wwa·(P18-64(t)/P18-64(0) - 1))

    with D_g(0) = staff + vacancies. Supply rolls forward by age band: each year a
    share ``turnover_rate[g]`` of each band leaves and a share ``retirement_rate[band]``
    retires (both together capped at everyone), :data:`AGEING_SHARE` of each remaining
    band moves up one band, and the year's starters join by ``starter_age_mix``.

    Worked example (the one in docs/projection.md): 800 care workers and 100 vacancies;
    the 65-84 population grows 10% and the 85+ population 20% in a year.

    >>> from oneworkforce.engines.projection import WORKFORCE_AGE_BANDS, DemandWeights
    >>> workforce = Workforce(
    ...     base_year=2025, role_groups=("Care worker",),
    ...     staff=[[100, 200, 200, 200, 100, 0]], vacancies=[100],
    ... )
    >>> population = Population(
    ...     years=(2025, 2026), counts=[[500, 500], [3000, 3000], [1000, 1100], [200, 240]],
    ... )
    >>> scenario = Scenario(
    ...     name="Baseline",
    ...     demand_weights={"Care worker": DemandWeights(0.5, 0.25, 0.0)},
    ...     turnover_rate={"Care worker": 0.1},
    ...     retirement_rate=dict(zip(WORKFORCE_AGE_BANDS, (0, 0, 0, 0, 0.1, 0.5))),
    ...     external_starters={"Care worker": 50},
    ...     international_starters={"Care worker": 20},
    ...     programme_starters={"Care worker": 10},
    ...     starter_age_mix=(0.5, 0.5, 0, 0, 0, 0),
    ...     horizon_years=1,
    ... )
    >>> projection = project(workforce=workforce, population=population, scenario=scenario)
    >>> projection.years
    (2025, 2026)
    >>> projection.demand.round(6).tolist(), projection.supply.round(6).tolist()
    ([[900.0, 990.0]], [[800.0, 790.0]])
    >>> projection.leavers.tolist(), projection.retirements.tolist(), projection.starters.tolist()
    ([[0.0, 80.0]], [[0.0, 10.0]], [[0.0, 80.0]])
    >>> projection.gap.round(6).tolist()
    [[100.0, 200.0]]

    Raises :class:`ProjectionInputError`, before computing anything, when an input is
    missing, out of range or inconsistent (the message names the field and the fix).

    Complexity: O(T·G·B) time and O(T·G + G·B) memory for a horizon of T years, G role
    groups and B age bands, plus O(P·Y) to check a population of P bands over Y years;
    the loop runs over years only, each step being whole-array arithmetic.
    """
    inputs = model_inputs(workforce=workforce, population=population, scenario=scenario)
    demand = _demand(inputs)
    supply, leavers, retirements, starters = _roll_forward(workforce.staff, inputs)
    horizon = scenario.horizon_years
    return Projection(
        scenario_name=scenario.name,
        years=tuple(range(workforce.base_year, workforce.base_year + horizon + 1)),
        role_groups=workforce.role_groups,
        demand=demand,
        supply=supply,
        gap=demand - supply,
        leavers=leavers,
        retirements=retirements,
        starters=starters,
    )


def _demand(inputs: ModelInputs) -> NDArray[np.float64]:
    # Written as growth rather than as ratios so that with no population growth demand
    # is exactly the base-year demand, and doubling growth exactly doubles its effect.
    demand: NDArray[np.float64] = inputs.base_demand[:, None] * (
        1.0 + inputs.weights @ inputs.growth
    )
    return demand


def _exit_shares(inputs: ModelInputs) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Shares of each (role group, age band) leaving and retiring in a year.

    Where turnover and retirement together exceed 1, both are scaled down in proportion
    so that exactly everyone goes and supply cannot fall below zero.
    """
    turnover = inputs.turnover[:, None]
    retirement = inputs.retirement[None, :]
    total = turnover + retirement
    scale = 1.0 / np.maximum(total, 1.0)
    return turnover * scale, retirement * scale


def _ageing_matrix() -> NDArray[np.float64]:
    """``M[b, c]``: the share of band b's remaining staff found in band c a year on."""
    ageing = np.array(AGEING_SHARE)
    matrix: NDArray[np.float64] = np.diag(1.0 - ageing) + np.diag(ageing[:-1], k=1)
    return matrix


def _roll_forward(
    staff: NDArray[np.float64], inputs: ModelInputs
) -> tuple[NDArray[np.float64], ...]:
    """Supply and the flows, each of shape (G, T + 1).

    The loop keeps only the staff by age each year (one multiply, one small matrix
    product and one add: per-step NumPy calls, not arithmetic, are the cost at this
    size); the flows are read off that history afterwards in three whole-array steps.
    Each row of the ageing matrix adds up to 1, so ageing moves people without adding
    or losing any.
    """
    horizon = inputs.growth.shape[1] - 1
    leave_share, retire_share = _exit_shares(inputs)
    stay_share = np.clip(1.0 - leave_share - retire_share, 0.0, 1.0)
    ageing = _ageing_matrix()
    arrivals = inputs.starters[:, None] * inputs.age_mix[None, :]

    by_age = np.empty((horizon + 1, *staff.shape))
    by_age[0] = staff
    for t in range(1, horizon + 1):
        by_age[t] = (by_age[t - 1] * stay_share) @ ageing + arrivals

    flows = np.zeros((3, staff.shape[0], horizon + 1))
    flows[0, :, 1:] = (by_age[:-1] * leave_share).sum(axis=2).T
    flows[1, :, 1:] = (by_age[:-1] * retire_share).sum(axis=2).T
    flows[2, :, 1:] = arrivals.sum(axis=1)[:, None]
    supply = by_age.sum(axis=2).T
    return supply, flows[0], flows[1], flows[2]

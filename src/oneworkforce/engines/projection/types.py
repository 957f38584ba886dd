"""The plain data the projection engine takes and returns (see docs/projection.md).

Every type is a frozen dataclass. The arrays inside are copied to float64 and made
read-only on construction, so a projection can be cached and shared without anyone
changing it underneath. Classes holding arrays compare by identity (``eq=False``): two
arrays have no single truth value, and comparing figures is the tests' job
(``numpy.testing``). Structural checks (shapes, ranges, coverage) happen in
:func:`oneworkforce.engines.projection.project`, which raises
:class:`ProjectionInputError` with a message naming the field and the fix.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from oneworkforce.engines.projection.errors import NOT_NUMBERS, ProjectionInputError

__all__ = [
    "POPULATION_BANDS",
    "WORKFORCE_AGE_BANDS",
    "DemandWeights",
    "Population",
    "Projection",
    "Scenario",
    "Workforce",
]

WORKFORCE_AGE_BANDS: tuple[str, ...] = ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
POPULATION_BANDS: tuple[str, ...] = ("0-17", "18-64", "65-84", "85+")


def _frozen_array(owner: object, field: str, value: Any) -> None:
    """Store ``value`` on ``owner`` as a read-only float64 copy, or explain why not."""
    try:
        array = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as error:
        raise ProjectionInputError(NOT_NUMBERS.format(field=field, detail=error)) from error
    array.flags.writeable = False
    object.__setattr__(owner, field, array)


@dataclass(frozen=True, eq=False)
class Population:
    """The area's population by band (:data:`POPULATION_BANDS`) and year.

    ``counts[i, j]`` is band ``POPULATION_BANDS[i]`` in ``years[j]``; years are
    consecutive and ascending.

    >>> population = Population(years=(2025, 2026), counts=[[10, 10], [60, 61], [20, 22], [5, 6]])
    >>> population.counts.shape
    (4, 2)
    >>> population.counts.flags.writeable
    False
    """

    years: tuple[int, ...]
    counts: NDArray[np.float64]

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", tuple(self.years))
        _frozen_array(self, "counts", self.counts)


@dataclass(frozen=True, eq=False)
class Workforce:
    """Today's workforce, from the partners' returns.

    ``staff[g, b]`` is the headcount of role group ``role_groups[g]`` in age band
    ``WORKFORCE_AGE_BANDS[b]``; ``vacancies[g]`` the posts empty in the base year, so that
    demand in the base year is ``staff.sum(axis=1) + vacancies``.

    >>> workforce = Workforce(
    ...     base_year=2025,
    ...     role_groups=("Care worker",),
    ...     staff=[[90, 200, 180, 170, 150, 10]],
    ...     vacancies=[80],
    ... )
    >>> float(workforce.staff.sum() + workforce.vacancies.sum())
    880.0
    """

    base_year: int
    role_groups: tuple[str, ...]
    staff: NDArray[np.float64]
    vacancies: NDArray[np.float64]

    def __post_init__(self) -> None:
        object.__setattr__(self, "role_groups", tuple(self.role_groups))
        _frozen_array(self, "staff", self.staff)
        _frozen_array(self, "vacancies", self.vacancies)


@dataclass(frozen=True)
class DemandWeights:
    """The share of a role group's demand driven by each population.

    Each weight is in [0, 1] and they add up to at most 1; the remaining share of demand
    stays at its base-year level. A weight of 0.6 on people aged 85+ means that if the
    85+ population grows by 50%, 60% of the role group's demand grows by 50%.

    >>> DemandWeights(aged_65_84=0.3, aged_85_plus=0.5, working_age=0.1).constant_share
    0.1
    """

    aged_65_84: float
    aged_85_plus: float
    working_age: float

    @property
    def constant_share(self) -> float:
        """The share of demand that does not follow any population."""
        return round(1.0 - self.aged_65_84 - self.aged_85_plus - self.working_age, 12)


@dataclass(frozen=True)
class Scenario:
    """One set of assumptions about the years ahead.

    Rates are shares a year: ``turnover_rate`` is the share of a role group's staff who
    leave each year for reasons other than retirement, ``retirement_rate`` the share of
    each age band who retire. Starters are people a year, per role group, and join the
    age bands in the proportions of ``starter_age_mix`` (one share per
    :data:`WORKFORCE_AGE_BANDS`, adding up to 1).

    >>> scenario = Scenario(
    ...     name="Baseline",
    ...     demand_weights={"Nurse": DemandWeights(0.3, 0.4, 0.1)},
    ...     turnover_rate={"Nurse": 0.12},
    ...     retirement_rate=dict(zip(WORKFORCE_AGE_BANDS, (0, 0, 0, 0.01, 0.08, 0.3))),
    ...     external_starters={"Nurse": 40},
    ...     international_starters={"Nurse": 10},
    ...     programme_starters={"Nurse": 5},
    ...     starter_age_mix=(0.3, 0.3, 0.2, 0.1, 0.1, 0.0),
    ... )
    >>> scenario.horizon_years
    15
    """

    name: str
    demand_weights: Mapping[str, DemandWeights]
    turnover_rate: Mapping[str, float]
    retirement_rate: Mapping[str, float]
    external_starters: Mapping[str, float]
    international_starters: Mapping[str, float]
    programme_starters: Mapping[str, float]
    starter_age_mix: tuple[float, ...]
    horizon_years: int = 15

    def __post_init__(self) -> None:
        object.__setattr__(self, "starter_age_mix", tuple(self.starter_age_mix))

    def total_starters(self, role_group: str) -> float:
        """Starters a year into ``role_group`` from every source.

        >>> Scenario(
        ...     name="s", demand_weights={}, turnover_rate={}, retirement_rate={},
        ...     external_starters={"A": 4}, international_starters={"A": 2},
        ...     programme_starters={"A": 1}, starter_age_mix=(1, 0, 0, 0, 0, 0),
        ... ).total_starters("A")
        7.0
        """
        return float(
            self.external_starters[role_group]
            + self.international_starters[role_group]
            + self.programme_starters[role_group]
        )


@dataclass(frozen=True, eq=False)
class Projection:
    """Demand, supply and the gap by role group and year, with the flows behind supply.

    Every array has shape ``(len(role_groups), len(years))``; ``years`` runs from the
    base year to the base year plus the horizon, inclusive. ``gap = demand - supply``,
    positive for a shortfall. The flows (``leavers``, ``retirements``, ``starters``) are
    those during the year ending at each column, so column 0 (the base year) is 0, and
    ``supply[:, t] == supply[:, t-1] - leavers[:, t] - retirements[:, t] + starters[:, t]``
    (:func:`oneworkforce.engines.projection.check_projection` checks this).
    """

    scenario_name: str
    years: tuple[int, ...]
    role_groups: tuple[str, ...]
    demand: NDArray[np.float64]
    supply: NDArray[np.float64]
    gap: NDArray[np.float64]
    leavers: NDArray[np.float64]
    retirements: NDArray[np.float64]
    starters: NDArray[np.float64]

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", tuple(self.years))
        object.__setattr__(self, "role_groups", tuple(self.role_groups))
        for field in ("demand", "supply", "gap", "leavers", "retirements", "starters"):
            _frozen_array(self, field, getattr(self, field))

"""Checks on the projection's inputs, turning them into the arrays the model runs on.

Everything is checked before anything is computed, and the first problem found is
raised as :class:`ProjectionInputError` with a message naming the field and the fix.
Complexity: O(G·B + P·Y) for G role groups, B age bands, P population bands and Y
population years.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from oneworkforce.engines.projection.errors import (
    AGE_MIX_LENGTH,
    AGE_MIX_NEGATIVE,
    AGE_MIX_SUM,
    BASE_POPULATION_ZERO,
    DUPLICATE_ROLE_GROUP,
    HORIZON_NOT_POSITIVE,
    MISSING_KEY,
    NEGATIVE_FIGURE,
    NEGATIVE_STARTERS,
    NO_ROLE_GROUPS,
    NOT_FINITE,
    POPULATION_NOT_COVERING,
    POPULATION_SHAPE,
    POPULATION_YEARS_NOT_CONSECUTIVE,
    RATE_OUT_OF_RANGE,
    UNKNOWN_KEY,
    VACANCIES_SHAPE,
    WEIGHT_OUT_OF_RANGE,
    WEIGHTS_OVER_ONE,
    WORKFORCE_SHAPE,
    ProjectionInputError,
)
from oneworkforce.engines.projection.types import (
    POPULATION_BANDS,
    WORKFORCE_AGE_BANDS,
    Population,
    Scenario,
    Workforce,
)

__all__ = [
    "AGE_MIX_TOLERANCE",
    "WEIGHT_SUM_TOLERANCE",
    "ModelInputs",
    "check_scenario",
    "check_workforce",
    "model_inputs",
]

# Shares are typed by people, so a mix of 0.33 + 0.33 + 0.34 must pass; a mix off by
# more than this is a mistake rather than rounding.
AGE_MIX_TOLERANCE = 1e-6
WEIGHT_SUM_TOLERANCE = 1e-9

# The order of the demand drivers in ModelInputs.weights and .growth.
DRIVER_BANDS = ("65-84", "85+", "18-64")
_DRIVER_WEIGHTS = ("aged_65_84", "aged_85_plus", "working_age")


@dataclass(frozen=True, eq=False)
class ModelInputs:
    """Checked inputs as arrays: G role groups, B age bands, T years after the base year."""

    base_demand: NDArray[np.float64]  # (G,)
    weights: NDArray[np.float64]  # (G, 3) in DRIVER_BANDS order
    growth: NDArray[np.float64]  # (3, T + 1): population ratio to the base year, minus 1
    turnover: NDArray[np.float64]  # (G,)
    retirement: NDArray[np.float64]  # (B,)
    starters: NDArray[np.float64]  # (G,)
    age_mix: NDArray[np.float64]  # (B,), adds up to exactly 1


def _finite(field: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ProjectionInputError(NOT_FINITE.format(field=field, value=repr(value))) from None
    if not math.isfinite(number):
        raise ProjectionInputError(NOT_FINITE.format(field=field, value=number))
    return number


def _finite_array(field: str, array: NDArray[np.float64]) -> None:
    bad = ~np.isfinite(array)
    if bad.any():
        raise ProjectionInputError(NOT_FINITE.format(field=field, value=array[bad][0]))


def _keyed(
    scenario: Scenario, field: str, kind: str, expected: tuple[str, ...]
) -> Mapping[str, object]:
    mapping: Mapping[str, object] = getattr(scenario, field)
    for key in expected:
        if key not in mapping:
            raise ProjectionInputError(
                MISSING_KEY.format(scenario=scenario.name, field=field, kind=kind, key=key)
            )
    known = set(expected)
    if len(mapping) == len(known):
        # Every expected key is present, so there is no other.
        return mapping
    for key in mapping:
        if key not in known:
            raise ProjectionInputError(
                UNKNOWN_KEY.format(
                    scenario=scenario.name,
                    field=field,
                    kind=kind,
                    key=key,
                    known=", ".join(expected),
                )
            )
    return mapping


def _numbers(field: str, keys: tuple[str, ...], values: list[object]) -> NDArray[np.float64]:
    """``values`` as an array, or the message about the first that is not a finite number.

    The array is built in one call (the common case, all well); only when that fails
    does it look value by value for the one to name.
    """
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        array = np.array([np.nan])
    if array.shape[:1] != (len(values),) or not np.isfinite(array).all():
        for key, value in zip(keys, values, strict=True):
            _finite(field.format(key=key), value)
    return array


def _rates(scenario: Scenario, field: str, kind: str, keys: tuple[str, ...]) -> NDArray[np.float64]:
    mapping = _keyed(scenario, field, kind, keys)
    name = f"Scenario {scenario.name!r}: {field} for {{key!r}}"
    rates = _numbers(name, keys, [mapping[key] for key in keys])
    outside = (rates < 0.0) | (rates > 1.0)
    if outside.any():
        first = int(np.argmax(outside))
        raise ProjectionInputError(
            RATE_OUT_OF_RANGE.format(
                scenario=scenario.name, field=field, key=keys[first], value=rates[first]
            )
        )
    return rates


def _starters(scenario: Scenario, field: str, role_groups: tuple[str, ...]) -> NDArray[np.float64]:
    mapping = _keyed(scenario, field, "role group", role_groups)
    name = f"Scenario {scenario.name!r}: {field} for {{key!r}}"
    counts = _numbers(name, role_groups, [mapping[key] for key in role_groups])
    negative = counts < 0
    if negative.any():
        first = int(np.argmax(negative))
        raise ProjectionInputError(
            NEGATIVE_STARTERS.format(
                scenario=scenario.name, field=field, key=role_groups[first], value=counts[first]
            )
        )
    return counts


def _weights(scenario: Scenario, role_groups: tuple[str, ...]) -> NDArray[np.float64]:
    mapping = _keyed(scenario, "demand_weights", "role group", role_groups)
    weights = np.empty((len(role_groups), len(_DRIVER_WEIGHTS)))
    for d, driver in enumerate(_DRIVER_WEIGHTS):
        name = f"Scenario {scenario.name!r}: demand weight {driver} for {{key!r}}"
        column = [getattr(mapping[group], driver, None) for group in role_groups]
        weights[:, d] = _numbers(name, role_groups, column)
    outside = (weights < 0.0) | (weights > 1.0)
    if outside.any():
        row, col = np.unravel_index(int(np.argmax(outside)), outside.shape)
        raise ProjectionInputError(
            WEIGHT_OUT_OF_RANGE.format(
                scenario=scenario.name,
                weight=_DRIVER_WEIGHTS[col],
                role_group=role_groups[row],
                value=weights[row, col],
            )
        )
    totals = weights.sum(axis=1)
    over = totals > 1.0 + WEIGHT_SUM_TOLERANCE
    if over.any():
        first = int(np.argmax(over))
        raise ProjectionInputError(
            WEIGHTS_OVER_ONE.format(
                scenario=scenario.name,
                role_group=role_groups[first],
                total=round(float(totals[first]), 6),
            )
        )
    return weights


def _age_mix(scenario: Scenario) -> NDArray[np.float64]:
    mix = scenario.starter_age_mix
    if len(mix) != len(WORKFORCE_AGE_BANDS):
        raise ProjectionInputError(
            AGE_MIX_LENGTH.format(
                scenario=scenario.name,
                n_shares=len(mix),
                n_bands=len(WORKFORCE_AGE_BANDS),
                bands=", ".join(WORKFORCE_AGE_BANDS),
            )
        )
    shares = []
    for band, share in zip(WORKFORCE_AGE_BANDS, mix, strict=True):
        value = _finite(f"Scenario {scenario.name!r}: starter_age_mix for {band}", share)
        if value < 0:
            raise ProjectionInputError(
                AGE_MIX_NEGATIVE.format(scenario=scenario.name, band=band, value=value)
            )
        shares.append(value)
    total = sum(shares)
    if abs(total - 1.0) > AGE_MIX_TOLERANCE:
        raise ProjectionInputError(AGE_MIX_SUM.format(scenario=scenario.name, total=total))
    # Rescaled so that every starter is placed in some band and none is invented.
    return np.array(shares, dtype=np.float64) / total


def check_workforce(workforce: Workforce) -> None:
    """Raise :class:`ProjectionInputError` unless the workforce is well formed.

    >>> try:
    ...     check_workforce(Workforce(2025, ("Nurse",), [[1, 2, 3, 4, 5, 6]], [-1]))
    ... except ProjectionInputError as error:
    ...     print(error)
    Workforce vacancies for 'Nurse' is -1.0; enter a figure of zero or more

    Complexity: O(G·B) for G role groups and B age bands.
    """
    role_groups = workforce.role_groups
    if not role_groups:
        raise ProjectionInputError(NO_ROLE_GROUPS)
    seen: set[str] = set()
    for role_group in role_groups:
        if role_group in seen:
            raise ProjectionInputError(DUPLICATE_ROLE_GROUP.format(role_group=role_group))
        seen.add(role_group)
    if workforce.staff.shape != (len(role_groups), len(WORKFORCE_AGE_BANDS)):
        raise ProjectionInputError(
            WORKFORCE_SHAPE.format(
                n_groups=len(role_groups),
                bands=", ".join(WORKFORCE_AGE_BANDS),
                shape=workforce.staff.shape,
            )
        )
    if workforce.vacancies.shape != (len(role_groups),):
        raise ProjectionInputError(
            VACANCIES_SHAPE.format(n_groups=len(role_groups), shape=workforce.vacancies.shape)
        )
    _finite_array("Workforce staff", workforce.staff)
    _finite_array("Workforce vacancies", workforce.vacancies)
    for g, b in zip(*np.nonzero(workforce.staff < 0), strict=True):
        raise ProjectionInputError(
            NEGATIVE_FIGURE.format(
                field="Workforce staff",
                where=f"{role_groups[g]!r} aged {WORKFORCE_AGE_BANDS[b]}",
                value=workforce.staff[g, b],
            )
        )
    for g in np.nonzero(workforce.vacancies < 0)[0]:
        raise ProjectionInputError(
            NEGATIVE_FIGURE.format(
                field="Workforce vacancies",
                where=repr(role_groups[g]),
                value=workforce.vacancies[g],
            )
        )


def _horizon(scenario: Scenario) -> int:
    horizon = scenario.horizon_years
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
        raise ProjectionInputError(
            HORIZON_NOT_POSITIVE.format(scenario=scenario.name, value=horizon)
        )
    return horizon


@dataclass(frozen=True, eq=False)
class _ScenarioArrays:
    weights: NDArray[np.float64]
    turnover: NDArray[np.float64]
    retirement: NDArray[np.float64]
    starters: NDArray[np.float64]
    age_mix: NDArray[np.float64]


def _scenario_arrays(scenario: Scenario, role_groups: tuple[str, ...]) -> _ScenarioArrays:
    _horizon(scenario)
    weights = _weights(scenario, role_groups)
    turnover = _rates(scenario, "turnover_rate", "role group", role_groups)
    retirement = _rates(scenario, "retirement_rate", "age band", WORKFORCE_AGE_BANDS)
    starters = np.zeros(len(role_groups))
    for field in ("external_starters", "international_starters", "programme_starters"):
        starters += _starters(scenario, field, role_groups)
    return _ScenarioArrays(weights, turnover, retirement, starters, _age_mix(scenario))


def check_scenario(scenario: Scenario, role_groups: tuple[str, ...]) -> None:
    """Raise :class:`ProjectionInputError` unless the scenario fits these role groups.

    >>> empty = Scenario(
    ...     name="Low turnover", demand_weights={}, turnover_rate={}, retirement_rate={},
    ...     external_starters={}, international_starters={}, programme_starters={},
    ...     starter_age_mix=(1, 0, 0, 0, 0, 0),
    ... )
    >>> try:
    ...     check_scenario(empty, ("Nurse",))
    ... except ProjectionInputError as error:
    ...     print(error)
    Scenario 'Low turnover': demand_weights has no value for role group 'Nurse'; add one (0 if none)

    Complexity: O(G + B).
    """
    _scenario_arrays(scenario, role_groups)


def _population_growth(population: Population, base_year: int, horizon: int) -> NDArray[np.float64]:
    years = population.years
    if not years or any(b != a + 1 for a, b in pairwise(years)):
        raise ProjectionInputError(POPULATION_YEARS_NOT_CONSECUTIVE.format(years=list(years)))
    if population.counts.shape != (len(POPULATION_BANDS), len(years)):
        raise ProjectionInputError(
            POPULATION_SHAPE.format(
                bands=", ".join(POPULATION_BANDS),
                n_years=len(years),
                shape=population.counts.shape,
            )
        )
    _finite_array("Population counts", population.counts)
    for i, j in zip(*np.nonzero(population.counts < 0), strict=True):
        raise ProjectionInputError(
            NEGATIVE_FIGURE.format(
                field="Population",
                where=f"band {POPULATION_BANDS[i]} in {years[j]}",
                value=population.counts[i, j],
            )
        )
    last = base_year + horizon
    if base_year < years[0] or last > years[-1]:
        raise ProjectionInputError(
            POPULATION_NOT_COVERING.format(
                have=f"{years[0]} to {years[-1]}",
                need_first=base_year,
                need_last=last,
                max_horizon=max(0, years[-1] - base_year),
            )
        )
    start = base_year - years[0]
    rows = [POPULATION_BANDS.index(band) for band in DRIVER_BANDS]
    counts = population.counts[rows, start : start + horizon + 1]
    base = counts[:, :1]
    # A driver with no base-year population has no growth to follow; the caller checks
    # that no role group puts weight on it.
    safe_base = np.where(base > 0, base, 1.0)
    growth: NDArray[np.float64] = np.where(base > 0, counts / safe_base - 1.0, 0.0)
    return growth


def model_inputs(
    *, workforce: Workforce, population: Population, scenario: Scenario
) -> ModelInputs:
    """Check every input and return the arrays :func:`project` runs on.

    Complexity: O(G·B + P·Y).
    """
    check_workforce(workforce)
    role_groups = workforce.role_groups
    arrays = _scenario_arrays(scenario, role_groups)
    growth = _population_growth(population, workforce.base_year, _horizon(scenario))
    start = workforce.base_year - population.years[0]
    for d, band in enumerate(DRIVER_BANDS):
        if population.counts[POPULATION_BANDS.index(band), start] > 0:
            continue
        for g, role_group in enumerate(role_groups):
            if arrays.weights[g, d] > 0:
                raise ProjectionInputError(
                    BASE_POPULATION_ZERO.format(
                        band=band, year=workforce.base_year, role_group=role_group
                    )
                )
    return ModelInputs(
        base_demand=workforce.staff.sum(axis=1) + workforce.vacancies,
        weights=arrays.weights,
        growth=growth,
        turnover=arrays.turnover,
        retirement=arrays.retirement,
        starters=arrays.starters,
        age_mix=arrays.age_mix,
    )

"""Benchmark the projection engine against a plain-Python loop measured in the same run.

Run: .venv/bin/python bench/projection.py

For a partnership of 10 role groups over 15 years it times :func:`project` (input checks
included) for one scenario and for 50 scenarios stated as changes to a baseline, and for
one scenario over 500 role groups to show how the cost grows; and, as
the baseline, :func:`naive_project`: the same equations written as nested Python loops
over role groups, age bands and years, with no NumPy and no checks. Before timing, it
asserts the two agree to 1e-9 on every figure, so the comparison is like for like. The
tests import :func:`naive_project` as an independent oracle for the model.
"""

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from oneworkforce.engines.projection import (
    POPULATION_BANDS,
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    Population,
    Scenario,
    ScenarioChange,
    Workforce,
    apply_change,
    check_projection,
    project,
)

ROLE_GROUPS = 10
HORIZON = 15
SCENARIOS = 50
LARGE_ROLE_GROUPS = 500
REPEATS = 5
AGREEMENT = 1e-9


@dataclass(frozen=True)
class NaiveProjection:
    """Lists of lists, [role group][year], as the plain-Python loop builds them."""

    demand: list[list[float]]
    supply: list[list[float]]
    leavers: list[list[float]]
    retirements: list[list[float]]
    starters: list[list[float]]


def naive_project(
    *, workforce: Workforce, population: Population, scenario: Scenario
) -> NaiveProjection:
    """The model's equations as loops over role groups, years and age bands (no checks)."""
    bands = len(WORKFORCE_AGE_BANDS)
    ageing = [1 / 9, 1 / 10, 1 / 10, 1 / 10, 1 / 10, 0.0]
    start = workforce.base_year - population.years[0]
    counts = population.counts.tolist()
    aged_65_84 = counts[POPULATION_BANDS.index("65-84")]
    aged_85_plus = counts[POPULATION_BANDS.index("85+")]
    working_age = counts[POPULATION_BANDS.index("18-64")]
    result = NaiveProjection([], [], [], [], [])
    for g, group in enumerate(workforce.role_groups):
        staff = [float(x) for x in workforce.staff[g]]
        weights = scenario.demand_weights[group]
        base_demand = sum(staff) + float(workforce.vacancies[g])
        turnover = scenario.turnover_rate[group]
        new_people = (
            scenario.external_starters[group]
            + scenario.international_starters[group]
            + scenario.programme_starters[group]
        )
        mix_total = sum(scenario.starter_age_mix)
        demand, supply = [base_demand], [sum(staff)]
        leavers, retirements, starters = [0.0], [0.0], [0.0]
        for t in range(1, scenario.horizon_years + 1):
            demand.append(
                base_demand
                * (
                    1.0
                    + weights.aged_65_84 * (aged_65_84[start + t] / aged_65_84[start] - 1.0)
                    + weights.aged_85_plus * (aged_85_plus[start + t] / aged_85_plus[start] - 1.0)
                    + weights.working_age * (working_age[start + t] / working_age[start] - 1.0)
                )
            )
            left = retired = joined = 0.0
            remaining = [0.0] * bands
            for b, band in enumerate(WORKFORCE_AGE_BANDS):
                leave, retire = turnover, scenario.retirement_rate[band]
                if leave + retire > 1.0:
                    leave, retire = leave / (leave + retire), retire / (leave + retire)
                left += staff[b] * leave
                retired += staff[b] * retire
                remaining[b] = staff[b] * max(0.0, 1.0 - leave - retire)
            next_staff = [0.0] * bands
            for b in range(bands):
                moving = remaining[b] * ageing[b]
                next_staff[b] += remaining[b] - moving
                if b + 1 < bands:
                    next_staff[b + 1] += moving
                arriving = new_people * scenario.starter_age_mix[b] / mix_total
                next_staff[b] += arriving
                joined += arriving
            staff = next_staff
            supply.append(sum(staff))
            leavers.append(left)
            retirements.append(retired)
            starters.append(joined)
        result.demand.append(demand)
        result.supply.append(supply)
        result.leavers.append(leavers)
        result.retirements.append(retirements)
        result.starters.append(starters)
    return result


def district(
    rng: np.random.Generator, role_groups: int = ROLE_GROUPS
) -> tuple[Workforce, Population, Scenario]:
    """A district-sized partnership: 10 role groups, a few thousand staff, 16 years."""
    groups = tuple(f"Role group {g + 1:03d}" for g in range(role_groups))
    workforce = Workforce(
        base_year=2025,
        role_groups=groups,
        staff=rng.integers(5, 400, size=(role_groups, len(WORKFORCE_AGE_BANDS))).astype(float),
        vacancies=rng.integers(0, 60, size=role_groups).astype(float),
    )
    years = tuple(range(2025, 2025 + HORIZON + 1))
    # Growth per year from the Dudley figures over a decade: 65+ up 24%, 85+ up 52%.
    yearly = np.array([1.0, 1.002, 1.0218, 1.0428])
    counts = np.array([70_000.0, 190_000.0, 55_000.0, 8_000.0])[:, None] * (
        yearly[:, None] ** np.arange(len(years))[None, :]
    )
    retirement = dict(zip(WORKFORCE_AGE_BANDS, (0.0, 0.0, 0.002, 0.01, 0.08, 0.35), strict=True))
    baseline = Scenario(
        name="Baseline",
        demand_weights={g: DemandWeights(0.4, 0.3, 0.1) for g in groups},
        turnover_rate={g: float(rng.uniform(0.1, 0.35)) for g in groups},
        retirement_rate=retirement,
        external_starters={g: float(rng.integers(10, 80)) for g in groups},
        international_starters={g: float(rng.integers(0, 30)) for g in groups},
        programme_starters={g: float(rng.integers(0, 20)) for g in groups},
        starter_age_mix=(0.35, 0.3, 0.15, 0.12, 0.08, 0.0),
        horizon_years=HORIZON,
    )
    return workforce, Population(years=years, counts=counts), baseline


def changes(rng: np.random.Generator) -> list[ScenarioChange]:
    return [
        ScenarioChange(
            name=f"Scenario {i + 1:02d}",
            turnover_points=float(rng.uniform(-8, 4)),
            extra_programme_starters=float(rng.integers(0, 300)),
            international_factor=float(rng.uniform(0, 1.5)),
            retirement_factor=float(rng.uniform(0.8, 1.2)),
            demand_growth_factor=float(rng.uniform(0.8, 1.3)),
        )
        for i in range(SCENARIOS)
    ]


def best_of(run: Callable[[], object], *, calls: int = 1) -> float:
    """Seconds per call: the median of REPEATS timings of ``calls`` calls each.

    Single projections take a fraction of a millisecond, so they are timed in batches
    to keep the clock's resolution and the other processes' noise out of the figure.
    """
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for _ in range(calls):
            run()
        timings.append((time.perf_counter() - started) / calls)
    return statistics.median(timings)


def assert_agreement(workforce: Workforce, population: Population, scenario: Scenario) -> None:
    fast = project(workforce=workforce, population=population, scenario=scenario)
    slow = naive_project(workforce=workforce, population=population, scenario=scenario)
    problems = check_projection(fast)
    assert not problems, problems
    for name in ("demand", "supply", "leavers", "retirements", "starters"):
        np.testing.assert_allclose(
            getattr(fast, name), np.array(getattr(slow, name)), rtol=AGREEMENT, atol=AGREEMENT
        )


def main() -> None:
    rng = np.random.default_rng(2025)
    workforce, population, baseline = district(rng)
    scenarios = [
        apply_change(baseline=baseline, change=change, workforce=workforce)
        for change in changes(rng)
    ]
    for scenario in [baseline, *scenarios]:
        assert_agreement(workforce, population, scenario)

    def engine_all() -> None:
        for scenario in scenarios:
            project(workforce=workforce, population=population, scenario=scenario)

    def naive_all() -> None:
        for scenario in scenarios:
            naive_project(workforce=workforce, population=population, scenario=scenario)

    rows = [
        (
            "1 scenario",
            best_of(
                lambda: project(workforce=workforce, population=population, scenario=baseline),
                calls=SCENARIOS,
            ),
            best_of(
                lambda: naive_project(
                    workforce=workforce, population=population, scenario=baseline
                ),
                calls=SCENARIOS,
            ),
        ),
        (f"{SCENARIOS} scenarios", best_of(engine_all), best_of(naive_all)),
    ]
    # The same model at a region's size, to show where the time goes as it grows.
    big_workforce, big_population, big_baseline = district(rng, role_groups=LARGE_ROLE_GROUPS)
    assert_agreement(big_workforce, big_population, big_baseline)
    rows.append(
        (
            f"{LARGE_ROLE_GROUPS} groups x 1",
            best_of(
                lambda: project(
                    workforce=big_workforce, population=big_population, scenario=big_baseline
                )
            ),
            best_of(
                lambda: naive_project(
                    workforce=big_workforce, population=big_population, scenario=big_baseline
                )
            ),
        )
    )
    apply_seconds = best_of(
        lambda: [
            apply_change(baseline=baseline, change=change, workforce=workforce)
            for change in changes(np.random.default_rng(1))
        ]
    )

    print(
        f"Projection: {ROLE_GROUPS} role groups x {len(WORKFORCE_AGE_BANDS)} age bands x "
        f"{HORIZON} years; median of {REPEATS} runs; numpy {np.__version__}, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"Engine and loop agree on every figure to {AGREEMENT:g} (and check_projection passes).")
    print()
    print(f"{'run':<16} {'project() ms':>13} {'plain loop ms':>14} {'speed-up':>9}")
    for label, engine, naive in rows:
        print(f"{label:<16} {engine * 1000:>13.2f} {naive * 1000:>14.2f} {naive / engine:>8.1f}x")
    print()
    print(f"apply_change for {SCENARIOS} changes: {apply_seconds * 1000:.2f} ms")


if __name__ == "__main__":
    main()

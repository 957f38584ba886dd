"""Properties of project() and apply_change() on random valid inputs.

Each property holds for every workforce, population and scenario the model accepts, so
hypothesis generates them (tests/engines/projection/strategies.py) and searches for a
counterexample. Comparisons of computed figures allow for floating-point rounding,
relative to the size of the figures involved.
"""

from dataclasses import replace

import numpy as np
from bench.projection import naive_project
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from tests.engines.projection.strategies import (
    BASE_YEAR,
    Inputs,
    inputs,
    scenarios,
    workforces,
)

from oneworkforce.engines.projection import (
    WORKFORCE_AGE_BANDS,
    Population,
    Projection,
    Scenario,
    ScenarioChange,
    apply_change,
    check_projection,
    project,
)

ROUNDING = 1e-9


def rounding_allowance(*arrays: np.ndarray) -> float:
    return ROUNDING * max(1.0, *(float(np.abs(array).max()) for array in arrays))


def run(example: Inputs, scenario: Scenario | None = None) -> Projection:
    return project(
        workforce=example.workforce,
        population=example.population,
        scenario=scenario or example.scenario,
    )


@given(inputs())
def test_supply_and_every_flow_are_never_negative(example: Inputs) -> None:
    projection = run(example)

    assert (projection.supply >= 0).all()
    assert (projection.leavers >= 0).all()
    assert (projection.retirements >= 0).all()
    assert (projection.starters >= 0).all()
    assert (projection.demand >= 0).all()


@given(inputs())
def test_every_projection_passes_the_checker(example: Inputs) -> None:
    assert check_projection(run(example)) == []


@given(inputs())
def test_agrees_with_a_plain_python_loop_of_the_same_equations(example: Inputs) -> None:
    projection = run(example)

    oracle = naive_project(
        workforce=example.workforce, population=example.population, scenario=example.scenario
    )

    for name in ("demand", "supply", "leavers", "retirements", "starters"):
        expected = np.array(getattr(oracle, name))
        assert_allclose(
            getattr(projection, name), expected, rtol=ROUNDING, atol=rounding_allowance(expected)
        )


@st.composite
def standstill(draw: st.DrawFn) -> Inputs:
    """No turnover, retirements, starters or population growth."""
    horizon = draw(st.integers(1, 15))
    workforce = draw(workforces())
    groups = workforce.role_groups
    scenario = replace(
        draw(scenarios(role_groups=groups, horizon=horizon)),
        turnover_rate=dict.fromkeys(groups, 0.0),
        retirement_rate=dict.fromkeys(WORKFORCE_AGE_BANDS, 0.0),
        external_starters=dict.fromkeys(groups, 0.0),
        international_starters=dict.fromkeys(groups, 0.0),
        programme_starters=dict.fromkeys(groups, 0.0),
    )
    base = np.array([draw(st.floats(1.0, 1e6)) for _ in range(4)])
    population = Population(
        years=tuple(range(BASE_YEAR, BASE_YEAR + horizon + 1)),
        counts=np.repeat(base[:, None], horizon + 1, axis=1),
    )
    return Inputs(workforce, population, scenario)


@given(standstill())
def test_with_no_flows_and_no_population_growth_the_workforce_stays_as_it_is(
    example: Inputs,
) -> None:
    projection = run(example)

    base_supply = example.workforce.staff.sum(axis=1)
    assert_allclose(
        projection.supply,
        np.repeat(base_supply[:, None], len(projection.years), axis=1),
        rtol=ROUNDING,
        atol=rounding_allowance(base_supply),
    )
    base_demand = base_supply + example.workforce.vacancies
    assert (projection.demand == base_demand[:, None]).all()
    assert (projection.leavers == 0).all()
    assert (projection.retirements == 0).all()


@st.composite
def growth_and_double(draw: st.DrawFn) -> tuple[Inputs, Population]:
    """An example, and the same population with each band's growth doubled every year."""
    example = draw(inputs())
    horizon = example.scenario.horizon_years
    base = np.array([draw(st.floats(100.0, 1e6)) for _ in range(4)])
    growth = np.array([[draw(st.floats(-0.5, 1.0)) for _ in range(horizon + 1)] for _ in base])
    growth[:, 0] = 0.0
    years = tuple(range(BASE_YEAR, BASE_YEAR + horizon + 1))
    single = Population(years=years, counts=base[:, None] * (1.0 + growth))
    double = Population(years=years, counts=base[:, None] * (1.0 + 2.0 * growth))
    return replace(example, population=single), double


@given(growth_and_double())
def test_doubling_the_population_growth_doubles_the_growth_in_demand(
    examples: tuple[Inputs, Population],
) -> None:
    example, doubled_population = examples

    single = run(example)
    double = project(
        workforce=example.workforce, population=doubled_population, scenario=example.scenario
    )

    single_growth = single.demand - single.demand[:, :1]
    double_growth = double.demand - double.demand[:, :1]
    assert_allclose(
        double_growth, 2.0 * single_growth, rtol=0, atol=rounding_allowance(double.demand) * 10
    )


@st.composite
def more_starters(draw: st.DrawFn) -> tuple[Inputs, Scenario]:
    """An example, and its scenario with more starters from some sources, nothing else."""
    example = draw(inputs())
    scenario = example.scenario
    extra = st.floats(0.0, 500.0)

    def more(field: str) -> dict[str, float]:
        current = getattr(scenario, field)
        return {group: current[group] + draw(extra) for group in current}

    richer = replace(
        scenario,
        external_starters=more("external_starters"),
        international_starters=more("international_starters"),
        programme_starters=more("programme_starters"),
    )
    return example, richer


@given(more_starters())
def test_a_scenario_that_only_adds_starters_never_widens_the_gap(
    examples: tuple[Inputs, Scenario],
) -> None:
    example, richer = examples

    baseline = run(example)
    more = run(example, richer)

    allowance = rounding_allowance(baseline.gap, more.gap)
    assert (more.gap <= baseline.gap + allowance).all()


@given(inputs(), st.floats(0.0, 100.0))
def test_higher_turnover_never_narrows_the_gap(example: Inputs, points: float) -> None:
    higher = apply_change(
        baseline=example.scenario,
        change=ScenarioChange(name="Higher turnover", turnover_points=points),
        workforce=example.workforce,
    )

    baseline = run(example)
    worse = run(example, higher)

    assert (worse.gap >= baseline.gap - rounding_allowance(baseline.gap, worse.gap)).all()


@given(inputs())
def test_a_change_that_changes_nothing_gives_the_same_scenario(example: Inputs) -> None:
    no_change = ScenarioChange(name="Same again")

    scenario = apply_change(
        baseline=example.scenario, change=no_change, workforce=example.workforce
    )

    assert scenario == replace(example.scenario, name="Same again")
    assert (run(example, scenario).gap == run(example).gap).all()


changes = st.builds(
    ScenarioChange,
    name=st.just("Random change"),
    turnover_points=st.floats(-100.0, 100.0),
    extra_programme_starters=st.floats(-1000.0, 1000.0),
    international_factor=st.floats(0.0, 3.0),
    external_factor=st.floats(0.0, 3.0),
    retirement_factor=st.floats(0.0, 3.0),
    demand_growth_factor=st.floats(0.0, 3.0),
)


@given(inputs(), changes)
def test_every_change_gives_a_scenario_the_model_accepts(
    example: Inputs, change: ScenarioChange
) -> None:
    scenario = apply_change(baseline=example.scenario, change=change, workforce=example.workforce)

    projection = run(example, scenario)

    assert check_projection(projection) == []
    assert (projection.supply >= 0).all()

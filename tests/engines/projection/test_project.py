"""project(): the model's equations, checked against figures worked out by hand.

The worked example is the one in docs/projection.md; each other test isolates one part
of the model (demand, exits, ageing, starters) with numbers small enough to follow.
"""

from dataclasses import replace

import numpy as np
import pytest
from numpy.testing import assert_allclose
from tests.engines.projection.strategies import (
    flat_population,
    one_group_scenario,
    one_group_workforce,
)

from oneworkforce.engines.projection import (
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    Population,
    Projection,
    Workforce,
    project,
)

NO_RETIREMENT = dict.fromkeys(WORKFORCE_AGE_BANDS, 0.0)


def retirement(**by_band: float) -> dict[str, float]:
    """Retirement rates, zero except the bands named (55_64 for "55-64", over_65 for "65+")."""
    names = {"b16_24": "16-24", "b25_34": "25-34", "b55_64": "55-64", "over_65": "65+"}
    return {**NO_RETIREMENT, **{names[key]: rate for key, rate in by_band.items()}}


class TestTheWorkedExample:
    """800 care workers and 100 vacancies; the 65-84s grow 10% then 20%, the 85+ 20% then 50%."""

    @pytest.fixture
    def projection(self) -> Projection:
        workforce = one_group_workforce((100, 200, 200, 200, 100, 0), vacancies=100)
        population = Population(
            years=(2025, 2026, 2027),
            counts=[[500] * 3, [3000] * 3, [1000, 1100, 1200], [200, 240, 300]],
        )
        scenario = one_group_scenario(
            weights=DemandWeights(aged_65_84=0.5, aged_85_plus=0.25, working_age=0.0),
            turnover=0.1,
            retirement=retirement(b55_64=0.1, over_65=0.5),
            external=50,
            international=20,
            programme=10,
            age_mix=(0.5, 0.5, 0, 0, 0, 0),
            horizon=2,
        )
        return project(workforce=workforce, population=population, scenario=scenario)

    def test_demand_grows_with_the_weighted_population_growth(self, projection: Projection) -> None:
        # 900 x (1 + 0.5 x 10% + 0.25 x 20%) = 990; 900 x (1 + 0.5 x 20% + 0.25 x 50%) = 1102.5
        assert_allclose(projection.demand, [[900, 990, 1102.5]])

    def test_the_first_year_loses_leavers_and_retirements_and_gains_starters(
        self, projection: Projection
    ) -> None:
        # 10% of 800 leave; 10% of the 100 aged 55-64 retire; 50 + 20 + 10 start.
        assert_allclose(projection.leavers[:, 1], [80])
        assert_allclose(projection.retirements[:, 1], [10])
        assert_allclose(projection.starters[:, 1], [80])
        assert_allclose(projection.supply[:, 1], [790])

    def test_the_second_year_retires_people_who_aged_into_the_older_bands(
        self, projection: Projection
    ) -> None:
        # After year 1 the bands hold 120, 212, 180, 180, 90 and 8 (8 aged out of 55-64 into
        # 65+): 10% of 90 and 50% of 8 retire; 10% of 790 leave.
        assert_allclose(projection.retirements[:, 2], [13])
        assert_allclose(projection.leavers[:, 2], [79])
        assert_allclose(projection.supply[:, 2], [778])

    def test_the_gap_is_demand_less_supply(self, projection: Projection) -> None:
        assert_allclose(projection.gap, [[100, 200, 324.5]])

    def test_the_base_year_has_no_flows(self, projection: Projection) -> None:
        assert projection.leavers[0, 0] == projection.retirements[0, 0] == 0
        assert projection.starters[0, 0] == 0

    def test_names_the_scenario_years_and_role_groups(self, projection: Projection) -> None:
        assert projection.scenario_name == "Baseline"
        assert projection.years == (2025, 2026, 2027)
        assert projection.role_groups == ("Care worker",)


class TestDemand:
    def test_follows_the_working_age_population_down_as_well_as_up(self) -> None:
        workforce = one_group_workforce((0, 400, 400, 0, 0, 0), vacancies=200)
        population = Population(
            years=(2025, 2026), counts=[[500, 500], [3000, 2700], [1000, 1000], [200, 200]]
        )
        scenario = one_group_scenario(weights=DemandWeights(0.0, 0.0, working_age=1.0))

        projection = project(workforce=workforce, population=population, scenario=scenario)

        assert_allclose(projection.demand, [[1000, 900]])

    def test_stays_constant_when_no_weight_is_on_a_growing_population(self) -> None:
        workforce = one_group_workforce((10, 10, 10, 10, 10, 10), vacancies=5)
        population = Population(
            years=(2025, 2026), counts=[[500, 900], [3000, 6000], [1000, 3000], [200, 800]]
        )
        scenario = one_group_scenario(weights=DemandWeights(0.0, 0.0, 0.0))

        projection = project(workforce=workforce, population=population, scenario=scenario)

        assert projection.demand.tolist() == [[65.0, 65.0]]

    def test_measures_growth_from_the_base_year_when_the_population_starts_earlier(
        self,
    ) -> None:
        workforce = one_group_workforce((0, 100, 0, 0, 0, 0))
        population = Population(
            years=(2023, 2024, 2025, 2026),
            counts=[[1] * 4, [1] * 4, [1] * 4, [50, 80, 100, 150]],
        )
        scenario = one_group_scenario(weights=DemandWeights(0.0, aged_85_plus=1.0, working_age=0))

        projection = project(workforce=workforce, population=population, scenario=scenario)

        assert projection.years == (2025, 2026)
        assert_allclose(projection.demand, [[100, 150]])


class TestExits:
    def test_caps_leavers_and_retirements_together_at_everyone(self) -> None:
        workforce = one_group_workforce((0, 0, 0, 0, 100, 0))
        scenario = one_group_scenario(turnover=0.8, retirement=retirement(b55_64=0.6))

        projection = project(
            workforce=workforce, population=flat_population(years=2), scenario=scenario
        )

        # 0.8 + 0.6 = 1.4 of them cannot go, so all 100 go in the proportions 8 : 6.
        assert_allclose(projection.leavers[:, 1], [100 * 0.8 / 1.4])
        assert_allclose(projection.retirements[:, 1], [100 * 0.6 / 1.4])
        assert projection.supply[0, 1] == 0

    def test_applies_turnover_to_every_age_band_and_retirement_only_to_its_own(self) -> None:
        workforce = one_group_workforce((100, 0, 0, 0, 0, 100))
        scenario = one_group_scenario(turnover=0.2, retirement=retirement(over_65=0.5))

        projection = project(
            workforce=workforce, population=flat_population(years=2), scenario=scenario
        )

        assert_allclose(projection.leavers[:, 1], [40])
        assert_allclose(projection.retirements[:, 1], [50])
        assert_allclose(projection.supply[:, 1], [110])


class TestAgeing:
    def test_moves_a_ninth_of_the_16_to_24s_up_a_band_each_year(self) -> None:
        workforce = one_group_workforce((90, 0, 0, 0, 0, 0))
        # Everyone aged 25-34 retires, so what retires in year 2 is what aged in year 1.
        scenario = one_group_scenario(retirement=retirement(b25_34=1.0), horizon=2)

        projection = project(
            workforce=workforce, population=flat_population(years=3), scenario=scenario
        )

        assert_allclose(projection.retirements, [[0, 0, 10]])
        assert_allclose(projection.supply, [[90, 90, 80]])

    def test_keeps_the_over_65s_in_their_band(self) -> None:
        workforce = one_group_workforce((0, 0, 0, 0, 0, 50))
        scenario = one_group_scenario(horizon=5)

        projection = project(
            workforce=workforce, population=flat_population(years=6), scenario=scenario
        )

        assert_allclose(projection.supply, [[50] * 6])


class TestStarters:
    def test_join_the_age_bands_in_the_proportions_of_the_age_mix(self) -> None:
        workforce = one_group_workforce((0, 0, 0, 0, 0, 0))
        over_65_retire_half = retirement(over_65=0.5)
        starters_over_65 = one_group_scenario(
            external=100, retirement=over_65_retire_half, age_mix=(0, 0, 0, 0, 0, 1), horizon=2
        )
        starters_aged_16_to_24 = one_group_scenario(
            external=100, retirement=over_65_retire_half, age_mix=(1, 0, 0, 0, 0, 0), horizon=2
        )
        population = flat_population(years=3)

        older = project(workforce=workforce, population=population, scenario=starters_over_65)
        younger = project(
            workforce=workforce, population=population, scenario=starters_aged_16_to_24
        )

        assert_allclose(older.supply, [[0, 100, 150]])
        assert_allclose(younger.supply, [[0, 100, 200]])

    def test_add_up_the_three_sources(self) -> None:
        workforce = one_group_workforce((0, 10, 0, 0, 0, 0))
        scenario = one_group_scenario(external=3, international=4, programme=5, horizon=3)

        projection = project(
            workforce=workforce, population=flat_population(years=4), scenario=scenario
        )

        assert_allclose(projection.starters, [[0, 12, 12, 12]])
        assert_allclose(projection.supply, [[10, 22, 34, 46]])


class TestShapes:
    def test_runs_fifteen_years_by_default_for_every_role_group_in_order(self) -> None:
        workforce = Workforce(
            base_year=2025,
            role_groups=("Nurse", "Care worker"),
            staff=[[1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60]],
            vacancies=[0, 5],
        )
        scenario = one_group_scenario(group="Nurse", horizon=15)
        none = {"Nurse": 0, "Care worker": 0}
        both_groups = replace(
            scenario,
            demand_weights={g: DemandWeights(0.2, 0.2, 0.2) for g in workforce.role_groups},
            turnover_rate={"Nurse": 0.1, "Care worker": 0.3},
            external_starters=none,
            international_starters=none,
            programme_starters=none,
        )

        projection = project(
            workforce=workforce, population=flat_population(years=16), scenario=both_groups
        )

        assert projection.years == tuple(range(2025, 2041))
        assert projection.role_groups == ("Nurse", "Care worker")
        for array in (projection.demand, projection.supply, projection.gap, projection.leavers):
            assert array.shape == (2, 16)
        assert_allclose(projection.supply[:, 0], [21, 210])
        assert_allclose(projection.leavers[:, 1], [2.1, 63])

    def test_returns_figures_nobody_can_change_afterwards(self) -> None:
        projection = project(
            workforce=one_group_workforce((1, 1, 1, 1, 1, 1)),
            population=flat_population(years=2),
            scenario=one_group_scenario(),
        )

        with pytest.raises(ValueError, match="read-only"):
            projection.supply[0, 0] = 99

    def test_does_not_change_its_inputs(self) -> None:
        staff = np.array([[10.0, 20, 30, 40, 50, 60]])
        workforce = one_group_workforce(tuple(staff[0]))
        scenario = one_group_scenario(turnover=0.5, external=10)

        project(workforce=workforce, population=flat_population(years=2), scenario=scenario)

        assert workforce.staff.tolist() == staff.tolist()
        assert scenario.turnover_rate == {"Care worker": 0.5}

"""project() refuses bad input with a message that names the field and the fix."""

from dataclasses import replace

import numpy as np
import pytest
from tests.engines.projection.strategies import (
    flat_population,
    one_group_scenario,
    one_group_workforce,
)

from oneworkforce.engines.projection import (
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    Population,
    ProjectionInputError,
    Scenario,
    Workforce,
    project,
)
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
    NOT_NUMBERS,
    POPULATION_NOT_COVERING,
    POPULATION_SHAPE,
    POPULATION_YEARS_NOT_CONSECUTIVE,
    RATE_OUT_OF_RANGE,
    UNKNOWN_KEY,
    VACANCIES_SHAPE,
    WEIGHT_OUT_OF_RANGE,
    WEIGHTS_OVER_ONE,
    WORKFORCE_SHAPE,
)

GROUP = "Care worker"


def refusal(
    *,
    workforce: Workforce | None = None,
    population: Population | None = None,
    scenario: Scenario | None = None,
) -> str:
    """The message project() refuses with, given one bad input and good others."""
    with pytest.raises(ProjectionInputError) as raised:
        project(
            workforce=workforce or one_group_workforce((10, 10, 10, 10, 10, 10)),
            population=population or flat_population(years=2),
            scenario=scenario or one_group_scenario(),
        )
    return str(raised.value)


class TestProjectRefusesABadWorkforce:
    def test_refuses_a_workforce_without_role_groups(self) -> None:
        empty = Workforce(base_year=2025, role_groups=(), staff=np.zeros((0, 6)), vacancies=[])

        assert refusal(workforce=empty) == NO_ROLE_GROUPS

    def test_refuses_a_role_group_named_twice(self) -> None:
        twice = Workforce(2025, (GROUP, GROUP), np.ones((2, 6)), [0, 0])

        assert refusal(workforce=twice) == DUPLICATE_ROLE_GROUP.format(role_group=GROUP)

    def test_refuses_staff_without_a_column_per_age_band(self) -> None:
        five_bands = Workforce(2025, (GROUP,), np.ones((1, 5)), [0])

        assert refusal(workforce=five_bands) == WORKFORCE_SHAPE.format(
            n_groups=1, bands=", ".join(WORKFORCE_AGE_BANDS), shape=(1, 5)
        )

    def test_refuses_vacancies_without_one_figure_per_role_group(self) -> None:
        two_figures = Workforce(2025, (GROUP,), np.ones((1, 6)), [1, 2])

        assert refusal(workforce=two_figures) == VACANCIES_SHAPE.format(n_groups=1, shape=(2,))

    def test_refuses_a_negative_headcount_and_says_where(self) -> None:
        negative = one_group_workforce((10, 10, -3, 10, 10, 10))

        assert refusal(workforce=negative) == NEGATIVE_FIGURE.format(
            field="Workforce staff", where="'Care worker' aged 35-44", value=-3.0
        )

    def test_refuses_a_headcount_that_is_not_a_number(self) -> None:
        missing = one_group_workforce((10, 10, float("nan"), 10, 10, 10))

        assert refusal(workforce=missing) == NOT_FINITE.format(field="Workforce staff", value="nan")

    def test_refuses_staff_that_cannot_be_read_as_numbers(self) -> None:
        with pytest.raises(ProjectionInputError) as raised:
            Workforce(2025, (GROUP,), [["many", 1, 1, 1, 1, 1]], [0])

        assert str(raised.value) == NOT_NUMBERS.format(
            field="staff", detail="could not convert string to float: 'many'"
        )

    def test_refusal_is_a_value_error(self) -> None:
        assert issubclass(ProjectionInputError, ValueError)


class TestProjectRefusesABadPopulation:
    def test_refuses_years_with_a_gap(self) -> None:
        gap = Population(years=(2025, 2027), counts=np.ones((4, 2)))

        assert refusal(population=gap) == POPULATION_YEARS_NOT_CONSECUTIVE.format(
            years=[2025, 2027]
        )

    def test_refuses_counts_without_a_row_per_population_band(self) -> None:
        three_bands = Population(years=(2025, 2026), counts=np.ones((3, 2)))

        assert refusal(population=three_bands) == POPULATION_SHAPE.format(
            bands="0-17, 18-64, 65-84, 85+", n_years=2, shape=(3, 2)
        )

    def test_refuses_a_population_that_stops_before_the_horizon(self) -> None:
        six_years = flat_population(years=6)
        fifteen_years = one_group_scenario(horizon=15)

        assert refusal(population=six_years, scenario=fifteen_years) == (
            POPULATION_NOT_COVERING.format(
                have="2025 to 2030", need_first=2025, need_last=2040, max_horizon=5
            )
        )

    def test_refuses_a_population_that_starts_after_the_base_year(self) -> None:
        from_2026 = flat_population(years=5, first_year=2026)

        assert refusal(population=from_2026) == POPULATION_NOT_COVERING.format(
            have="2026 to 2030", need_first=2025, need_last=2026, max_horizon=5
        )

    def test_refuses_a_negative_population(self) -> None:
        counts = np.ones((4, 2))
        counts[3, 1] = -5
        negative = Population(years=(2025, 2026), counts=counts)

        assert refusal(population=negative) == NEGATIVE_FIGURE.format(
            field="Population", where="band 85+ in 2026", value=-5.0
        )

    def test_refuses_a_weight_on_a_population_that_is_zero_in_the_base_year(self) -> None:
        counts = np.ones((4, 2))
        counts[3, :] = 0
        no_85s = Population(years=(2025, 2026), counts=counts)
        weighted_on_85s = one_group_scenario(weights=DemandWeights(0, 0.5, 0))

        assert refusal(population=no_85s, scenario=weighted_on_85s) == (
            BASE_POPULATION_ZERO.format(band="85+", year=2025, role_group=GROUP)
        )

    def test_accepts_a_zero_population_nobody_puts_weight_on(self) -> None:
        counts = np.ones((4, 2))
        counts[3, :] = 0

        projection = project(
            workforce=one_group_workforce((1, 1, 1, 1, 1, 1)),
            population=Population(years=(2025, 2026), counts=counts),
            scenario=one_group_scenario(weights=DemandWeights(0.5, 0, 0)),
        )

        assert projection.demand.tolist() == [[6.0, 6.0]]


class TestProjectRefusesABadScenario:
    def test_refuses_a_rate_missing_for_a_role_group(self) -> None:
        missing = replace(one_group_scenario(), turnover_rate={})

        assert refusal(scenario=missing) == MISSING_KEY.format(
            scenario="Baseline", field="turnover_rate", kind="role group", key=GROUP
        )

    def test_refuses_a_retirement_rate_missing_for_an_age_band(self) -> None:
        rates = dict.fromkeys(WORKFORCE_AGE_BANDS, 0.0)
        del rates["65+"]

        assert refusal(scenario=one_group_scenario(retirement=rates)) == MISSING_KEY.format(
            scenario="Baseline", field="retirement_rate", kind="age band", key="65+"
        )

    def test_refuses_a_role_group_the_workforce_does_not_have(self) -> None:
        misspelt = replace(one_group_scenario(), external_starters={GROUP: 1, "Care workers": 2})

        assert refusal(scenario=misspelt) == UNKNOWN_KEY.format(
            scenario="Baseline",
            field="external_starters",
            kind="role group",
            key="Care workers",
            known=GROUP,
        )

    @pytest.mark.parametrize("rate", [-0.1, 1.5])
    def test_refuses_a_turnover_rate_outside_0_to_1(self, rate: float) -> None:
        assert refusal(scenario=one_group_scenario(turnover=rate)) == RATE_OUT_OF_RANGE.format(
            scenario="Baseline", field="turnover_rate", key=GROUP, value=rate
        )

    def test_refuses_a_retirement_rate_given_as_a_percentage(self) -> None:
        percentage = {**dict.fromkeys(WORKFORCE_AGE_BANDS, 0.0), "55-64": 8.0}

        assert refusal(scenario=one_group_scenario(retirement=percentage)) == (
            RATE_OUT_OF_RANGE.format(
                scenario="Baseline", field="retirement_rate", key="55-64", value=8.0
            )
        )

    def test_refuses_a_rate_that_is_not_a_number(self) -> None:
        words = replace(one_group_scenario(), turnover_rate={GROUP: "high"})

        assert refusal(scenario=words) == NOT_FINITE.format(
            field="Scenario 'Baseline': turnover_rate for 'Care worker'", value="'high'"
        )

    def test_refuses_negative_starters(self) -> None:
        assert refusal(scenario=one_group_scenario(programme=-20)) == NEGATIVE_STARTERS.format(
            scenario="Baseline", field="programme_starters", key=GROUP, value=-20.0
        )

    def test_refuses_a_demand_weight_outside_0_to_1(self) -> None:
        too_big = one_group_scenario(weights=DemandWeights(0, 0, 1.2))

        assert refusal(scenario=too_big) == WEIGHT_OUT_OF_RANGE.format(
            scenario="Baseline", weight="working_age", role_group=GROUP, value=1.2
        )

    def test_refuses_demand_weights_adding_up_to_more_than_1(self) -> None:
        over_one = one_group_scenario(weights=DemandWeights(0.6, 0.5, 0.1))

        assert refusal(scenario=over_one) == WEIGHTS_OVER_ONE.format(
            scenario="Baseline", role_group=GROUP, total=1.2
        )

    def test_refuses_an_age_mix_without_a_share_per_band(self) -> None:
        assert refusal(scenario=one_group_scenario(age_mix=(0.5, 0.5))) == AGE_MIX_LENGTH.format(
            scenario="Baseline",
            n_shares=2,
            n_bands=6,
            bands="16-24, 25-34, 35-44, 45-54, 55-64, 65+",
        )

    def test_refuses_a_negative_share_of_starters(self) -> None:
        negative = one_group_scenario(age_mix=(1.2, -0.2, 0, 0, 0, 0))

        assert refusal(scenario=negative) == AGE_MIX_NEGATIVE.format(
            scenario="Baseline", band="25-34", value=-0.2
        )

    def test_refuses_an_age_mix_that_does_not_add_up_to_1(self) -> None:
        percentages = one_group_scenario(age_mix=(40, 30, 20, 10, 0, 0))

        assert refusal(scenario=percentages) == AGE_MIX_SUM.format(scenario="Baseline", total=100.0)

    def test_accepts_an_age_mix_typed_to_two_decimal_places(self) -> None:
        thirds = one_group_scenario(age_mix=(0.33, 0.33, 0.34, 0, 0, 0), external=100)

        projection = project(
            workforce=one_group_workforce((0, 0, 0, 0, 0, 0)),
            population=flat_population(years=2),
            scenario=thirds,
        )

        assert projection.supply[0, 1] == pytest.approx(100)

    @pytest.mark.parametrize("horizon", [0, -3, 2.5, True])
    def test_refuses_a_horizon_that_is_not_a_whole_number_of_years(self, horizon: object) -> None:
        scenario = replace(one_group_scenario(), horizon_years=horizon)

        assert refusal(scenario=scenario) == HORIZON_NOT_POSITIVE.format(
            scenario="Baseline", value=horizon
        )

"""apply_change() and describe_change(): scenarios stated as changes to a baseline."""

from dataclasses import replace

import numpy as np
import pytest

from oneworkforce.engines.projection import (
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    ProjectionInputError,
    Scenario,
    ScenarioChange,
    Workforce,
    apply_change,
    describe_change,
)
from oneworkforce.engines.projection.errors import (
    CHANGE_FACTOR_NEGATIVE,
    CHANGE_NOT_FINITE,
    MISSING_KEY,
)

NURSE, CARER = "Nurse", "Care worker"


@pytest.fixture
def workforce() -> Workforce:
    # 100 nurses and 300 care workers.
    return Workforce(
        base_year=2025,
        role_groups=(NURSE, CARER),
        staff=[[20, 20, 20, 20, 20, 0], [60, 60, 60, 60, 60, 0]],
        vacancies=[10, 40],
    )


@pytest.fixture
def baseline() -> Scenario:
    return Scenario(
        name="Baseline",
        demand_weights={NURSE: DemandWeights(0.3, 0.3, 0.1), CARER: DemandWeights(0.2, 0.3, 0)},
        turnover_rate={NURSE: 0.03, CARER: 0.28},
        retirement_rate=dict(zip(WORKFORCE_AGE_BANDS, (0, 0, 0, 0.01, 0.1, 0.6), strict=True)),
        external_starters={NURSE: 10, CARER: 60},
        international_starters={NURSE: 8, CARER: 20},
        programme_starters={NURSE: 2, CARER: 5},
        starter_age_mix=(0.4, 0.3, 0.2, 0.1, 0, 0),
        horizon_years=10,
    )


class TestApplyChange:
    def test_takes_turnover_down_by_percentage_points_but_never_below_zero(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="Turnover down 5 points", turnover_points=-5)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert scenario.turnover_rate[CARER] == pytest.approx(0.23)
        assert scenario.turnover_rate[NURSE] == 0.0

    def test_shares_extra_programme_starters_in_proportion_to_staff(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="200 more apprentices", extra_programme_starters=200)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert scenario.programme_starters == {NURSE: 2 + 50, CARER: 5 + 150}

    def test_shares_extra_programme_starters_evenly_before_anyone_is_employed(
        self, baseline: Scenario
    ) -> None:
        new_service = Workforce(2025, (NURSE, CARER), np.zeros((2, 6)), [5, 5])
        change = ScenarioChange(name="Start up", extra_programme_starters=40)

        scenario = apply_change(baseline=baseline, change=change, workforce=new_service)

        assert scenario.programme_starters == {NURSE: 22, CARER: 25}

    def test_takes_programme_starters_away_but_never_below_zero(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="Programme cut", extra_programme_starters=-20)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert scenario.programme_starters == {NURSE: 0.0, CARER: 0.0}

    def test_scales_international_and_external_recruitment(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(
            name="Half international", international_factor=0.5, external_factor=1.5
        )

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert scenario.international_starters == {NURSE: 4, CARER: 10}
        assert scenario.external_starters == {NURSE: 15, CARER: 90}

    def test_scales_retirement_rates_no_higher_than_everyone(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="Early retirement", retirement_factor=2)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert list(scenario.retirement_rate.values()) == [0, 0, 0, 0.02, 0.2, 1.0]

    def test_scales_demand_weights_keeping_their_sum_at_most_one(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="Needier population", demand_growth_factor=1.5)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        # Nurses: 0.7 x 1.5 = 1.05 is too much, so 0.3 : 0.3 : 0.1 fills all of demand.
        nurse = scenario.demand_weights[NURSE]
        assert nurse.aged_65_84 == pytest.approx(3 / 7)
        assert nurse.aged_85_plus == pytest.approx(3 / 7)
        assert nurse.working_age == pytest.approx(1 / 7)
        # Care workers: 0.5 x 1.5 = 0.75 fits, so each weight is simply half as big again.
        carer = scenario.demand_weights[CARER]
        assert (carer.aged_65_84, carer.aged_85_plus, carer.working_age) == pytest.approx(
            (0.3, 0.45, 0)
        )

    def test_names_the_scenario_after_the_change_and_keeps_the_rest(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        change = ScenarioChange(name="Grow our own", extra_programme_starters=10)

        scenario = apply_change(baseline=baseline, change=change, workforce=workforce)

        assert scenario.name == "Grow our own"
        assert scenario.horizon_years == 10
        assert scenario.starter_age_mix == baseline.starter_age_mix

    def test_leaves_the_baseline_as_it_was(self, workforce: Workforce, baseline: Scenario) -> None:
        before = replace(baseline)

        apply_change(
            baseline=baseline,
            change=ScenarioChange(name="Everything", turnover_points=3, international_factor=0),
            workforce=workforce,
        )

        assert baseline == before

    @pytest.mark.parametrize(
        "field", ["international_factor", "external_factor", "retirement_factor"]
    )
    def test_refuses_a_negative_factor(
        self, workforce: Workforce, baseline: Scenario, field: str
    ) -> None:
        change = ScenarioChange(name="Typo", **{field: -0.5})

        with pytest.raises(ProjectionInputError) as raised:
            apply_change(baseline=baseline, change=change, workforce=workforce)

        assert str(raised.value) == CHANGE_FACTOR_NEGATIVE.format(
            name="Typo", field=field, value=-0.5
        )

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), "5", None])
    def test_refuses_a_change_that_is_not_a_finite_number(
        self, workforce: Workforce, baseline: Scenario, value: object
    ) -> None:
        change = ScenarioChange(name="Typo", turnover_points=value)  # type: ignore[arg-type]

        with pytest.raises(ProjectionInputError) as raised:
            apply_change(baseline=baseline, change=change, workforce=workforce)

        assert str(raised.value) == CHANGE_NOT_FINITE.format(
            name="Typo", field="turnover_points", value=value
        )

    def test_refuses_a_baseline_without_a_workforce_role_group(
        self, workforce: Workforce, baseline: Scenario
    ) -> None:
        nurses_only = replace(baseline, turnover_rate={NURSE: 0.03})

        with pytest.raises(ProjectionInputError) as raised:
            apply_change(
                baseline=nurses_only, change=ScenarioChange(name="Any"), workforce=workforce
            )

        assert str(raised.value) == MISSING_KEY.format(
            scenario="Baseline", field="turnover_rate", kind="role group", key=CARER
        )


class TestDescribeChange:
    def test_says_nothing_about_no_change(self) -> None:
        assert describe_change(ScenarioChange(name="Baseline")) == ()

    def test_puts_the_board_paper_examples_in_words(self) -> None:
        change = ScenarioChange(
            name="All three",
            turnover_points=-5,
            extra_programme_starters=200,
            international_factor=0.5,
        )

        assert describe_change(change) == (
            "Turnover down 5 percentage points",
            "200 more programme starters a year",
            "International starters at 50% of the baseline",
        )

    def test_puts_increases_and_cuts_and_every_factor_in_words(self) -> None:
        change = ScenarioChange(
            name="Everything",
            turnover_points=2.5,
            extra_programme_starters=-30,
            external_factor=1.2,
            retirement_factor=0.9,
            demand_growth_factor=1.25,
        )

        assert describe_change(change) == (
            "Turnover up 2.5 percentage points",
            "30 fewer programme starters a year",
            "Starters recruited from outside at 120% of the baseline",
            "Retirement rates at 90% of the baseline",
            "Demand's response to population growth at 125% of the baseline",
        )

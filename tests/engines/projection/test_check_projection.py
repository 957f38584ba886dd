"""check_projection(): the checker finds every kind of inconsistency it claims to."""

from dataclasses import replace

import numpy as np
import pytest

from oneworkforce.engines.projection import Projection, check_projection


@pytest.fixture
def consistent() -> Projection:
    # Two role groups over three years: supply(t) = supply(t-1) - leavers - retirements +
    # starters, and gap = demand - supply.
    supply = np.array([[100.0, 95, 93], [50, 52, 49]])
    demand = np.array([[110.0, 112, 115], [50, 51, 52]])
    return Projection(
        scenario_name="Baseline",
        years=(2025, 2026, 2027),
        role_groups=("Nurse", "Care worker"),
        demand=demand,
        supply=supply,
        gap=demand - supply,
        leavers=[[0, 10, 9], [0, 5, 8]],
        retirements=[[0, 3, 2], [0, 1, 0]],
        starters=[[0, 8, 9], [0, 8, 5]],
    )


def with_cell(array: np.ndarray, where: tuple[int, int], value: float) -> np.ndarray:
    changed = np.array(array)
    changed[where] = value
    return changed


class TestCheckProjection:
    def test_finds_nothing_wrong_with_a_consistent_projection(self, consistent: Projection) -> None:
        assert check_projection(consistent) == []

    def test_reports_years_that_are_not_consecutive(self, consistent: Projection) -> None:
        skipping = replace(consistent, years=(2025, 2026, 2028))

        assert check_projection(skipping) == ["years are not consecutive: [2025, 2026, 2028]"]

    def test_reports_an_array_of_the_wrong_shape(self, consistent: Projection) -> None:
        short = replace(consistent, gap=consistent.gap[:, :2])

        assert check_projection(short) == ["gap has shape (2, 2), not (2, 3)"]

    def test_reports_figures_that_are_not_finite(self, consistent: Projection) -> None:
        broken = replace(consistent, demand=with_cell(consistent.demand, (0, 2), np.nan))

        assert check_projection(broken) == ["demand has figures that are not finite"]

    def test_reports_negative_supply(self, consistent: Projection) -> None:
        # Starters adjusted so that only the sign is wrong, not the stock-flow identity.
        supply = with_cell(consistent.supply, (1, 2), -1)
        negative = replace(
            consistent,
            supply=supply,
            gap=consistent.demand - supply,
            starters=with_cell(consistent.starters, (1, 2), 5 - 50),
        )

        assert "'Care worker' in 2027: supply is negative (-1)" in check_projection(negative)

    def test_reports_flows_in_the_base_year(self, consistent: Projection) -> None:
        early = replace(consistent, leavers=with_cell(consistent.leavers, (0, 0), 4))

        assert check_projection(early) == ["'Nurse' in 2025: the base year has leavers (4)"]

    def test_reports_a_gap_that_is_not_demand_less_supply(self, consistent: Projection) -> None:
        wrong_gap = replace(consistent, gap=with_cell(consistent.gap, (0, 1), 0))

        assert check_projection(wrong_gap) == [
            "'Nurse' in 2026: gap 0 is not demand 112 - supply 95"
        ]

    def test_reports_supply_that_breaks_the_stock_flow_identity(
        self, consistent: Projection
    ) -> None:
        supply = with_cell(consistent.supply, (1, 1), 60)
        unexplained = replace(consistent, supply=supply, gap=consistent.demand - supply)

        assert check_projection(unexplained) == [
            "'Care worker' in 2026: supply 60 is not 50 - 5 leavers - 1 retirements "
            "+ 8 starters = 52",
            "'Care worker' in 2027: supply 49 is not 60 - 8 leavers - 0 retirements "
            "+ 5 starters = 57",
        ]

    def test_reports_more_people_leaving_than_there_were(self) -> None:
        impossible = Projection(
            scenario_name="Impossible",
            years=(2025, 2026),
            role_groups=("Nurse",),
            demand=[[10, 10]],
            supply=[[5, 2]],
            gap=[[5, 8]],
            leavers=[[0, 6]],
            retirements=[[0, 1]],
            starters=[[0, 4]],
        )

        assert check_projection(impossible) == [
            "'Nurse' in 2026: 7 left or retired, more than the 5 there were"
        ]

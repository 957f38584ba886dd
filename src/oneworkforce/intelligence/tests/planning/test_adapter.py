"""The projection adapter: the returns' frame into the engine's workforce and baseline, a
saved scenario into the engine's terms, and the projection into published figures."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from oneworkforce.engines import projection as engine
from oneworkforce.engines.disclosure import MARKER
from oneworkforce.intelligence.metrics.examples import posts, workplaces
from oneworkforce.intelligence.planning import assumptions
from oneworkforce.intelligence.planning.adapter import (
    NO_STAFF,
    BaselineError,
    baseline_build,
    engine_scenario,
    protect_projection,
)

AS_OF = date(2026, 3, 31)
BORN_AT_30 = date(1995, 6, 1)  # 30 on the date: band 25-34
BORN_AT_60 = date(1965, 6, 1)  # 60: band 55-64


def care_workers(count: int, **values) -> list[dict]:
    return [dict(role_group="care_providing", sector="social_care", **values)] * count


def flat_population(years: range = range(2026, 2042)) -> engine.Population:
    return engine.Population(years=tuple(years), counts=np.full((4, len(years)), 1000.0))


@pytest.fixture
def frame():
    return posts(
        care_workers(30, birth_date=BORN_AT_30)
        + care_workers(10, birth_date=BORN_AT_60)
        + care_workers(10, birth_date=None)
        + care_workers(10, birth_date=BORN_AT_30, left_date=date(2025, 10, 1))
        + care_workers(8, birth_date=BORN_AT_30, start_date=date(2025, 9, 1))
        + [{"role_group": "professional", "birth_date": BORN_AT_30}] * 20
    )


@pytest.fixture
def sites():
    return workplaces([{"organisation_id": "org-1", "workplace_id": "site-1", "vacancies": 12}])


class TestBaselineBuild:
    def test_counts_people_in_post_by_role_group_and_age_band_spreading_unknown_ages(
        self, frame, sites
    ):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        care = baseline.workforce.role_groups.index("care_providing")
        bands = engine.WORKFORCE_AGE_BANDS
        # 38 of 30 and 10 of 60 known; the 10 of unknown age split 38:10.
        assert baseline.workforce.staff[care, bands.index("25-34")] == pytest.approx(
            38 + 10 * 38 / 48
        )
        assert baseline.workforce.staff[care, bands.index("55-64")] == pytest.approx(
            10 + 10 * 10 / 48
        )
        assert baseline.workforce.staff[care].sum() == pytest.approx(58)
        assert baseline.base_year == 2026

    def test_shares_the_declared_vacancies_over_role_groups_by_headcount(self, frame, sites):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        assert baseline.workforce.vacancies.sum() == pytest.approx(12)
        assert baseline.workforce.vacancies.tolist() == pytest.approx([12 * 58 / 78, 12 * 20 / 78])

    def test_takes_out_of_turnover_the_retirements_the_age_profile_implies(self, frame, sites):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        care = next(group for group in baseline.groups if group.role_group == "care_providing")
        staff = baseline.workforce.staff[baseline.workforce.role_groups.index("care_providing")]
        retirement = np.array([assumptions.RETIREMENT_RATES[b] for b in engine.WORKFORCE_AGE_BANDS])
        assert care.leavers_a_year == 10
        assert care.measured_turnover == pytest.approx(10 / 58, abs=0.001)
        assert care.turnover_excluding_retirement == pytest.approx(
            care.measured_turnover - staff @ retirement / staff.sum(), abs=0.001
        )

    def test_counts_leavers_whose_role_is_not_known_in_other_roles(self, sites):
        frame = posts(
            care_workers(40)
            + [{"role_group": ""}] * 20
            + [{"role_group": "", "left_date": date(2025, 10, 1)}] * 5
        )

        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        other = next(group for group in baseline.groups if group.role_group == "other")
        assert (other.headcount, other.leavers_a_year) == (20, 5)

    def test_counts_the_leavers_and_starters_a_partners_workplace_return_declares(self):
        frame = posts(
            care_workers(30, organisation_id="home")
            + [{"organisation_id": "home", "role_group": "managerial_supervisory"}] * 10
            + care_workers(20, organisation_id="trust")
            + care_workers(4, organisation_id="trust", left_date=date(2025, 10, 1))
        )
        declared = workplaces(
            [
                {"organisation_id": "home", "workplace_id": "a", "leavers": 8, "starters": 6},
                {"organisation_id": "home", "workplace_id": "b", "leavers": 4, "starters": None},
            ]
        )

        baseline = baseline_build(frame=frame, workplaces=declared, as_of=AS_OF)

        care, managers = baseline.groups
        # The home's 12 declared leavers shared 30:10; the trust's 4 from its records.
        assert care.leavers_a_year == pytest.approx(12 * 30 / 40 + 4)
        assert managers.leavers_a_year == pytest.approx(12 * 10 / 40)
        assert care.starters_a_year == pytest.approx(6 * 30 / 40)
        assert baseline.partners_declaring_flows == 1

    def test_counts_starters_from_abroad_as_international(self, sites):
        frame = posts(
            care_workers(40)
            + care_workers(
                6, start_date=date(2025, 9, 1), recruitment_source="International recruitment"
            )
            + care_workers(14, start_date=date(2025, 9, 1), recruitment_source="Job centre")
        )

        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        assert baseline.international_share == pytest.approx(0.3)
        group = baseline.groups[0]
        assert group.international_a_year == pytest.approx(group.starters_a_year * 0.3)

    def test_refuses_a_frame_with_nobody_in_post(self, sites):
        with pytest.raises(BaselineError, match="nobody in post"):
            baseline_build(
                frame=posts([{"left_date": date(2025, 1, 1)}]), workplaces=sites, as_of=AS_OF
            )

        assert "{as_of" in NO_STAFF

    def test_starts_the_baseline_with_no_programme_starters_and_the_default_weights(
        self, frame, sites
    ):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        assert set(baseline.scenario.programme_starters.values()) == {0.0}
        assert baseline.scenario.demand_weights["care_providing"] == assumptions.demand_weights_for(
            "care_providing"
        )


class TestEngineScenario:
    def test_replaces_the_weights_of_the_role_groups_the_analyst_gave(self, frame, sites):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)

        scenario = engine_scenario(
            baseline=baseline,
            name="Older demand",
            change=engine.ScenarioChange("Older demand", turnover_points=-5),
            demand_weights={
                "professional": {"aged_65_84": 0.1, "aged_85_plus": 0.6, "working_age": 0.0}
            },
        )

        assert scenario.demand_weights["professional"] == engine.DemandWeights(0.1, 0.6, 0.0)
        assert (
            scenario.demand_weights["care_providing"]
            == baseline.scenario.demand_weights["care_providing"]
        )
        assert scenario.turnover_rate["professional"] == pytest.approx(
            max(0.0, baseline.scenario.turnover_rate["professional"] - 0.05)
        )


class TestProtectProjection:
    def test_publishes_every_role_group_big_enough_and_the_total(self, frame, sites):
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)
        projection = engine.project(
            workforce=baseline.workforce, population=flat_population(), scenario=baseline.scenario
        )

        protected = protect_projection(projection, baseline=baseline)

        assert engine.check_projection(projection) == []
        assert [row.label for row in protected.gap] == ["Care providing", "Professional", "Total"]
        assert len(protected.years) == 16
        total = protected.supply[-1]
        assert total.values[0] == pytest.approx(78)
        assert total.display[0] == "78"

    def test_hides_every_year_of_a_role_group_too_small_to_publish(self, sites):
        frame = posts(
            care_workers(40) + [{"role_group": "professional"}] * 3 + [{"role_group": "other"}] * 30
        )
        baseline = baseline_build(frame=frame, workplaces=sites, as_of=AS_OF)
        projection = engine.project(
            workforce=baseline.workforce, population=flat_population(), scenario=baseline.scenario
        )

        protected = protect_projection(projection, baseline=baseline)

        professional = next(row for row in protected.supply if row.label == "Professional")
        assert set(professional.display) == {MARKER}
        assert set(professional.values) == {None}
        # Another group is hidden too, or the total would give the professionals away.
        hidden = [row.label for row in protected.supply if set(row.display) == {MARKER}]
        assert len(hidden) >= 2

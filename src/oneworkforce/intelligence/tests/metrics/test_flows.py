from datetime import date

import pytest

from oneworkforce.engines.disclosure import MARKER, TOTAL, DisclosureRule, Method
from oneworkforce.intelligence.metrics import (
    NOT_AVAILABLE,
    MetricRequestError,
    leavers_by_destination,
    leavers_by_reason,
    qualification_rate,
    recruitment_source,
    sickness_days,
    stability_rate,
    starters_rate,
    turnover_rate,
    vacancy_rate,
)
from oneworkforce.intelligence.metrics.examples import posts, workplaces
from oneworkforce.intelligence.metrics.flows import START_DATE_MISSING

AS_OF = date(2026, 3, 31)
IN_THE_YEAR = date(2025, 10, 1)
EVERYTHING_SHOWN = DisclosureRule(name="tests", threshold=1)


def staff(count: int, **fields: object) -> list[dict[str, object]]:
    return [dict(fields) for _ in range(count)]


class TestTurnoverRate:
    def test_is_25_per_cent_when_10_of_40_staff_left(self) -> None:
        frame = posts(staff(40) + staff(10, left_date=IN_THE_YEAR))

        result = turnover_rate(frame, as_of=AS_OF)

        assert result.total.value == 25.0
        assert result.total.display == "25.0%"

    def test_leaves_agency_bank_and_other_contracts_out_of_both_sides(self) -> None:
        frame = posts(
            staff(40)
            + staff(10, left_date=IN_THE_YEAR)
            + staff(30, contract_type="agency")
            + staff(9, contract_type="pool-or-bank", left_date=IN_THE_YEAR)
            + staff(7, contract_type="other", left_date=IN_THE_YEAR)
        )

        result = turnover_rate(frame, as_of=AS_OF)

        assert result.total.value == 25.0

    def test_counts_temporary_staff_as_directly_employed(self) -> None:
        frame = posts(
            staff(20) + staff(20, contract_type="temporary") + staff(10, left_date=IN_THE_YEAR)
        )

        result = turnover_rate(frame, as_of=AS_OF)

        assert result.total.value == 25.0

    def test_does_not_count_a_leaver_from_before_the_12_months(self) -> None:
        frame = posts(
            staff(40) + staff(10, left_date=IN_THE_YEAR) + staff(6, left_date=date(2024, 1, 1))
        )

        result = turnover_rate(frame, as_of=AS_OF)

        assert result.total.value == 25.0

    def test_hides_the_rate_of_a_group_under_the_threshold(self) -> None:
        frame = posts(
            staff(40, sector="health")
            + staff(10, sector="health", left_date=IN_THE_YEAR)
            + staff(3, sector="social_care")
            + staff(1, sector="social_care", left_date=IN_THE_YEAR)
        )

        result = turnover_rate(frame, as_of=AS_OF, by=["sector"])

        assert result.row("Social care").display == MARKER
        assert result.row("Social care").value is None

    def test_holds_the_protected_leavers_and_staff_behind_the_rate(self) -> None:
        frame = posts(staff(40) + staff(10, left_date=IN_THE_YEAR))

        result = turnover_rate(frame, as_of=AS_OF)

        assert result.table is not None
        assert result.table.cell("Leavers").display == "10"
        assert result.table.cell("Staff in post").display == "40"

    def test_is_hidden_where_a_count_behind_it_is_hidden_to_protect_another(self) -> None:
        frame = posts(
            staff(40, sector="health")
            + staff(10, sector="health", left_date=IN_THE_YEAR)
            + staff(30, sector="social_care")
            + staff(2, sector="social_care", left_date=IN_THE_YEAR)
        )

        result = turnover_rate(frame, as_of=AS_OF, by=["sector"])

        assert result.table is not None
        assert result.table.cell("Health", "Leavers").hidden
        assert result.row("Health").display == MARKER
        assert result.table.cell(TOTAL, "Leavers").display == "12"
        assert result.total.display == "17.1%"


class TestStartersRate:
    def test_is_25_per_cent_when_10_of_40_staff_started_in_the_year(self) -> None:
        frame = posts(staff(30) + staff(10, start_date=IN_THE_YEAR))

        result = starters_rate(frame, as_of=AS_OF)

        assert result.total.display == "25.0%"

    def test_counts_a_starter_who_has_since_left(self) -> None:
        frame = posts(
            staff(35)
            + staff(5, start_date=IN_THE_YEAR)
            + staff(5, start_date=IN_THE_YEAR, left_date=date(2026, 1, 1))
        )

        result = starters_rate(frame, as_of=AS_OF)

        assert result.total.display == "25.0%"


class TestStabilityRate:
    def test_is_the_share_with_12_months_or_more_in_post(self) -> None:
        frame = posts(staff(15) + staff(5, start_date=IN_THE_YEAR))

        result = stability_rate(frame, as_of=AS_OF)

        assert result.total.display == "75.0%"

    def test_counts_a_post_started_exactly_a_year_ago_as_12_months(self) -> None:
        frame = posts(
            staff(10, start_date=date(2025, 3, 31)) + staff(10, start_date=date(2025, 4, 1))
        )

        result = stability_rate(frame, as_of=AS_OF)

        assert result.total.display == "50.0%"

    def test_is_not_computed_for_a_group_with_a_missing_start_date(self) -> None:
        frame = posts(
            staff(15, sector="health")
            + staff(5, sector="health", start_date=IN_THE_YEAR)
            + staff(19, sector="social_care")
            + [{"sector": "social_care", "start_date": None}]
        )

        result = stability_rate(frame, as_of=AS_OF, by=["sector"])

        assert result.row("Health").display == "75.0%"
        assert result.row("Social care").display == NOT_AVAILABLE
        assert result.row("Social care").reason == START_DATE_MISSING
        assert result.total.display == NOT_AVAILABLE
        assert "Stability is not computed ([x]) for: Social care; Total." in result.notes


class TestSicknessDays:
    def test_is_the_mean_over_posts_with_sickness_recorded(self) -> None:
        frame = posts([{"sickness_days": days} for days in (0, 1, 2, 3, 4, 8)] + staff(3))

        result = sickness_days(frame, as_of=AS_OF)

        assert result.total.display == "3.0"

    def test_hides_the_mean_of_a_small_group(self) -> None:
        frame = posts([{"sickness_days": days} for days in (0, 1, 2, 3)])

        result = sickness_days(frame, as_of=AS_OF)

        assert result.total.display == MARKER


class TestQualificationRate:
    def test_is_the_share_of_care_providing_staff_at_level_2_or_above(self) -> None:
        frame = posts(
            staff(6, is_care_providing=True, care_qualification_level=2)
            + staff(6, is_care_providing=True, care_qualification_level=1)
            + staff(6, is_care_providing=True)
            + staff(9, is_care_providing=False, care_qualification_level=5)
        )

        result = qualification_rate(frame, as_of=AS_OF)

        assert result.total.display == "33.3%"


class TestVacancyRate:
    def test_is_vacancies_over_staff_plus_vacancies(self) -> None:
        frame = posts(staff(45))
        declared = workplaces([{"declared_staff": 45, "vacancies": 5}])

        result = vacancy_rate(frame, declared, as_of=AS_OF)

        assert result.total.display == "10.0%"

    def test_breaks_down_by_partner_kind(self) -> None:
        frame = posts(
            staff(45, organisation_kind="council")
            + staff(30, organisation_id="org-2", organisation_kind="care_home_provider")
        )
        declared = workplaces(
            [
                {"declared_staff": 45, "vacancies": 5},
                {"organisation_id": "org-2", "declared_staff": 30, "vacancies": 10},
            ]
        )

        result = vacancy_rate(frame, declared, as_of=AS_OF, by=["organisation_kind"])

        assert [(row.labels, row.display) for row in result.rows] == [
            (("Council",), "10.0%"),
            (("Care home provider",), "25.0%"),
            (("Total",), "16.7%"),
        ]

    def test_refuses_a_breakdown_vacancies_are_not_declared_by(self) -> None:
        frame = posts(staff(5, job_role="Care worker") + staff(5, job_role="Registered nurse"))
        declared = workplaces([{"declared_staff": 10, "vacancies": 2}])

        with pytest.raises(MetricRequestError, match="'job_role' is not one of them"):
            vacancy_rate(frame, declared, as_of=AS_OF, by=["job_role"])


class TestLeaversAndStarters:
    def test_leavers_by_reason_add_up_to_turnovers_leavers(self) -> None:
        frame = posts(
            staff(40)
            + staff(6, left_date=IN_THE_YEAR, leaving_reason="Pay")
            + staff(5, left_date=IN_THE_YEAR, leaving_reason="Retirement")
            + staff(5, left_date=IN_THE_YEAR)
            + staff(5, left_date=IN_THE_YEAR, contract_type="agency", leaving_reason="Pay")
        )

        result = leavers_by_reason(frame, as_of=AS_OF)

        assert [(row.labels, row.display) for row in result.rows] == [
            (("Not known",), "5"),
            (("Pay",), "6"),
            (("Retirement",), "5"),
            (("Total",), "16"),
        ]
        turnover = turnover_rate(frame, as_of=AS_OF)
        assert turnover.table is not None
        assert turnover.table.cell("Leavers").shown == 16

    def test_leavers_by_destination_by_sector(self) -> None:
        frame = posts(
            staff(5, left_date=IN_THE_YEAR, leaving_destination="Health sector")
            + staff(
                5, left_date=IN_THE_YEAR, leaving_destination="Health sector", sector="social_care"
            )
        )

        result = leavers_by_destination(frame, as_of=AS_OF, by=["sector"])

        assert result.row("Social care", "Health sector").display == "5"
        assert result.row("Total", "Total").display == "10"

    def test_recruitment_source_counts_this_years_starters(self) -> None:
        frame = posts(
            staff(7, start_date=IN_THE_YEAR, recruitment_source="Health sector")
            + staff(9, recruitment_source="Health sector")
        )

        result = recruitment_source(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert result.row("Health sector").display == "7"


class TestRatesUnderARoundingRule:
    def test_come_from_the_rounded_counts_shown_beside_them(self) -> None:
        rounding = DisclosureRule(name="ons-style", threshold=5, method=Method.ROUND)
        frame = posts(staff(41) + staff(12, left_date=IN_THE_YEAR))

        result = turnover_rate(frame, as_of=AS_OF, rule=rounding)

        assert result.table is not None
        assert result.table.cell("Leavers").display == "10"
        assert result.table.cell("Staff in post").display == "40"
        assert result.total.display == "25.0%"

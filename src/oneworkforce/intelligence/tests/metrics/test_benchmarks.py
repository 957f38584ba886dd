from datetime import date

import pytest

from oneworkforce.intelligence.metrics import (
    NOT_AVAILABLE,
    MetricRequestError,
    benchmark,
    benchmark_validity,
    turnover_rate,
)
from oneworkforce.intelligence.metrics.benchmarks import NO_PEERS, PARTNERSHIP
from oneworkforce.intelligence.metrics.examples import posts, workplaces
from oneworkforce.intelligence.metrics.validity import PARTNERS_LEFT_OUT, RECORDS_DISAGREE

AS_OF = date(2026, 3, 31)
IN_THE_YEAR = date(2025, 10, 1)


def home(organisation_id: str, *, staying: int, leaving: int, kind: str = "care_home_provider"):
    fields = {
        "organisation_id": organisation_id,
        "organisation_name": organisation_id.replace("-", " ").title(),
        "organisation_kind": kind,
        "workplace_id": f"{organisation_id}-site",
    }
    return [dict(fields) for _ in range(staying)] + [
        dict(fields, left_date=IN_THE_YEAR) for _ in range(leaving)
    ]


class TestBenchmarkValidity:
    def test_marks_a_partner_whose_records_disagree_with_its_declared_total(self) -> None:
        frame = posts(home("home-a", staying=20, leaving=5) + home("home-b", staying=18, leaving=0))
        declared = workplaces(
            [
                {"organisation_id": "home-a", "declared_staff": 20},
                {"organisation_id": "home-b", "declared_staff": 19},
            ]
        )

        validity = benchmark_validity(frame, declared, as_of=AS_OF)

        assert validity.rows() == [("home-a", 20, 20, True), ("home-b", 18, 19, False)]

    def test_counts_only_permanent_and_temporary_posts_in_post(self) -> None:
        frame = posts(
            home("home-a", staying=20, leaving=5)
            + [{"organisation_id": "home-a", "contract_type": "agency"}] * 3
        )
        declared = workplaces([{"organisation_id": "home-a", "declared_staff": 20}])

        validity = benchmark_validity(frame, declared, as_of=AS_OF)

        assert validity.get_column("is_valid").to_list() == [True]

    def test_does_not_withhold_a_partner_that_declared_no_total(self) -> None:
        frame = posts(home("trust", staying=30, leaving=3, kind="nhs_trust"))
        declared = workplaces([{"organisation_id": "trust", "vacancies": 4}])

        validity = benchmark_validity(frame, declared, as_of=AS_OF)

        assert validity.rows() == [("trust", 30, None, True)]


class TestRatesWithDeclaredTotals:
    def test_withhold_the_rate_of_a_partner_whose_records_disagree(self) -> None:
        frame = posts(
            home("home-a", staying=40, leaving=10) + home("home-b", staying=30, leaving=15)
        )
        declared = workplaces(
            [
                {"organisation_id": "home-a", "declared_staff": 40},
                {"organisation_id": "home-b", "declared_staff": 35},
            ]
        )

        result = turnover_rate(frame, as_of=AS_OF, by=["organisation_name"], workplaces=declared)

        assert [(row.labels, row.display, row.reason) for row in result.rows] == [
            (("Home A",), "25.0%", ""),
            (("Total",), "25.0%", ""),
            (("Home B",), NOT_AVAILABLE, RECORDS_DISAGREE),
        ]
        assert PARTNERS_LEFT_OUT.format(count=1) in result.notes

    def test_leave_the_partner_out_of_a_rate_not_broken_down_by_partner(self) -> None:
        frame = posts(
            home("home-a", staying=40, leaving=10) + home("home-b", staying=30, leaving=15)
        )
        declared = workplaces(
            [
                {"organisation_id": "home-a", "declared_staff": 40},
                {"organisation_id": "home-b", "declared_staff": 35},
            ]
        )

        result = turnover_rate(frame, as_of=AS_OF, workplaces=declared)

        assert result.total.display == "25.0%"


class TestBenchmark:
    def test_compares_a_partner_with_its_peers_and_the_partnership(self) -> None:
        frame = posts(
            home("home-a", staying=20, leaving=5)
            + home("home-b", staying=30, leaving=15)
            + home("council", staying=50, leaving=5, kind="council")
        )
        declared = workplaces(
            [
                {"organisation_id": "home-a", "declared_staff": 20, "vacancies": 5},
                {"organisation_id": "home-b", "declared_staff": 30, "vacancies": 10},
                {"organisation_id": "council", "declared_staff": 50, "vacancies": 0},
            ]
        )

        result = benchmark(frame, declared, partner="home-a", as_of=AS_OF)

        turnover = result.result("turnover_rate")
        assert [(row.labels, row.display) for row in turnover.rows] == [
            (("Home A",), "25.0%"),
            (("Other care home provider partners",), "50.0%"),
            ((PARTNERSHIP,), "25.0%"),
        ]
        assert result.result("vacancy_rate").rows[0].display == "20.0%"
        assert [r.definition.id for r in result.results] == [
            "turnover_rate",
            "starters_rate",
            "vacancy_rate",
            "stability_rate",
            "sickness_days",
            "qualification_rate",
        ]

    def test_withholds_the_partners_own_rates_when_its_records_disagree(self) -> None:
        frame = posts(
            home("home-a", staying=20, leaving=5) + home("home-b", staying=30, leaving=15)
        )
        declared = workplaces(
            [
                {"organisation_id": "home-a", "declared_staff": 22},
                {"organisation_id": "home-b", "declared_staff": 30},
            ]
        )

        result = benchmark(frame, declared, partner="home-a", as_of=AS_OF)

        own = result.result("turnover_rate").rows[0]
        assert (own.display, own.reason) == (NOT_AVAILABLE, RECORDS_DISAGREE)
        assert result.result("turnover_rate").rows[2].display == "50.0%"

    def test_says_when_there_is_no_peer_to_compare_with(self) -> None:
        frame = posts(
            home("home-a", staying=20, leaving=5)
            + home("council", staying=50, leaving=5, kind="council")
        )
        declared = workplaces([{"organisation_id": "home-a", "declared_staff": 20}])

        result = benchmark(frame, declared, partner="home-a", as_of=AS_OF)

        peers = result.result("turnover_rate").rows[1]
        assert (peers.display, peers.reason) == (NOT_AVAILABLE, NO_PEERS)

    def test_refuses_a_partner_it_does_not_know(self) -> None:
        frame = posts(home("home-a", staying=20, leaving=5))

        with pytest.raises(MetricRequestError, match="'home-z'"):
            benchmark(frame, workplaces([]), partner="home-z", as_of=AS_OF)

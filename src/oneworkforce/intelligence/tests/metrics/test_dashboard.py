from datetime import date

from oneworkforce.intelligence.metrics import (
    DEFINITIONS,
    headcount,
    partnership_dashboard,
    prepare,
)
from oneworkforce.intelligence.metrics.examples import posts, workplaces

AS_OF = date(2026, 3, 31)


def district() -> list[dict[str, object]]:
    health = [{"sector": "health", "pay_band": "Band 5"} for _ in range(30)]
    care = [
        {
            "sector": "social_care",
            "organisation_id": "home",
            "organisation_kind": "care_home_provider",
            "job_role": "Care worker",
            "is_care_providing": True,
        }
        for _ in range(25)
    ]
    return health + care


class TestPartnershipDashboard:
    def test_computes_every_metric_once(self) -> None:
        frame = posts(district())

        dashboard = partnership_dashboard(frame, workplaces([]), as_of=AS_OF)

        assert sorted(dashboard) == sorted(DEFINITIONS)

    def test_keeps_health_and_social_care_side_by_side(self) -> None:
        frame = posts(district())

        dashboard = partnership_dashboard(frame, workplaces([]), as_of=AS_OF)

        assert [row.labels for row in dashboard["turnover_rate"].rows] == [
            ("Health",),
            ("Social care",),
            ("Total",),
        ]

    def test_gives_the_vacancy_rate_for_everyone_when_it_cannot_be_split_by_sector(
        self,
    ) -> None:
        mixed = posts([*district(), {"organisation_id": "home", "sector": "health"}])
        declared = workplaces([{"organisation_id": "home", "vacancies": 5}])

        dashboard = partnership_dashboard(mixed, declared, as_of=AS_OF)

        assert dashboard["vacancy_rate"].dimensions == ()

    def test_from_a_prepared_workforce_matches_the_bare_frame(self) -> None:
        frame = posts(district())
        prepared = prepare(frame, as_of=AS_OF)

        from_prepared = partnership_dashboard(prepared, workplaces([]), as_of=AS_OF)

        assert from_prepared["headcount"] == headcount(frame, as_of=AS_OF, by=["sector"])
        assert from_prepared == partnership_dashboard(frame, workplaces([]), as_of=AS_OF)

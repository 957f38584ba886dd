from datetime import date

from oneworkforce.engines.disclosure import DisclosureRule
from oneworkforce.intelligence.metrics import (
    leadership_qualification_rate,
    manager_posts,
    manager_time_in_post,
    posts_without_successor,
    succession_gap_rate,
)
from oneworkforce.intelligence.metrics.examples import posts

AS_OF = date(2026, 3, 31)
EVERYTHING_SHOWN = DisclosureRule(name="tests", threshold=1)


def manager(**fields: object) -> dict[str, object]:
    return dict(
        {
            "post_id": "manager",
            "person_key": "mo",
            "job_role": "Registered manager",
            "is_manager": True,
        },
        **fields,
    )


def deputy(**fields: object) -> dict[str, object]:
    return dict(
        {"person_key": "dee", "job_role": "Deputy manager", "is_manager": True},
        **fields,
    )


def without_successor(rows: list[dict[str, object]]) -> list[str]:
    return posts_without_successor(posts(rows), as_of=AS_OF).get_column("post_id").to_list()


class TestManagerPosts:
    def test_counts_manager_posts_by_role_and_setting(self) -> None:
        frame = posts(
            [manager(post_id=f"m{i}", organisation_kind="council") for i in range(5)]
            + [deputy(post_id=f"d{i}", organisation_kind="council") for i in range(6)]
            + [{}] * 9
        )

        result = manager_posts(frame, as_of=AS_OF)

        assert result.row("Registered manager", "Council").display == "5"
        assert result.row("Deputy manager", "Total").display == "6"
        assert result.total.display == "11"


class TestLeadershipQualificationRate:
    def test_is_the_share_of_manager_posts_holding_a_level_5(self) -> None:
        frame = posts(
            [manager(post_id=f"a{i}", has_leadership_qualification=True) for i in range(6)]
            + [manager(post_id=f"b{i}") for i in range(14)]
        )

        result = leadership_qualification_rate(frame, as_of=AS_OF)

        assert result.total.display == "30.0%"


class TestManagerTimeInPost:
    def test_is_the_median_years_in_post(self) -> None:
        starts = [date(2025, 3, 31), date(2024, 3, 31), date(2023, 3, 31), date(2022, 3, 31)]
        frame = posts(
            [manager(post_id=f"m{i}", start_date=start) for i, start in enumerate(starts)]
            + [manager(post_id="unknown", start_date=None), manager(post_id="m9")]
        )

        result = manager_time_in_post(frame, as_of=AS_OF)

        assert result.total.display == "3.0"
        assert result.table is not None
        assert result.table.cell("All").display == "5"


class TestPostsWithoutSuccessor:
    def test_a_qualified_deputy_at_the_same_workplace_is_ready(self) -> None:
        rows = [manager(), deputy(has_leadership_qualification=True)]

        assert without_successor(rows) == []

    def test_a_deputy_with_a_level_5_care_qualification_is_ready(self) -> None:
        rows = [manager(), deputy(care_qualification_level=5)]

        assert without_successor(rows) == []

    def test_a_deputy_without_a_level_5_is_not_ready(self) -> None:
        rows = [manager(), deputy(care_qualification_level=4)]

        assert without_successor(rows) == ["manager"]

    def test_a_qualified_deputy_at_another_workplace_does_not_count(self) -> None:
        rows = [manager(), deputy(workplace_id="site-2", has_leadership_qualification=True)]

        assert without_successor(rows) == ["manager"]

    def test_a_manager_post_with_no_workplace_looks_across_its_organisation(self) -> None:
        rows = [
            manager(workplace_id=None),
            deputy(workplace_id="site-9", has_leadership_qualification=True),
        ]

        assert without_successor(rows) == []

    def test_the_manager_cannot_succeed_themselves(self) -> None:
        rows = [manager(), deputy(person_key="mo", has_leadership_qualification=True)]

        assert without_successor(rows) == ["manager"]

    def test_a_deputy_who_has_left_does_not_count(self) -> None:
        rows = [
            manager(),
            deputy(has_leadership_qualification=True, left_date=date(2026, 1, 1)),
        ]

        assert without_successor(rows) == ["manager"]

    def test_every_successor_role_counts_and_role_keys_match_too(self) -> None:
        roles = ["Team leader", "supervisor", "first-line-manager", "deputy_manager"]
        rows = [
            row
            for index, role in enumerate(roles)
            for row in (
                manager(post_id=f"m{index}", person_key=f"m{index}", workplace_id=f"w{index}"),
                deputy(
                    person_key=f"d{index}",
                    job_role=role,
                    workplace_id=f"w{index}",
                    has_leadership_qualification=True,
                ),
            )
        ]

        assert without_successor(rows) == []

    def test_successor_posts_themselves_are_not_checked(self) -> None:
        rows = [deputy(post_id="deputy")]

        assert without_successor(rows) == []


class TestSuccessionGapRate:
    def test_is_the_share_of_manager_posts_with_no_one_ready(self) -> None:
        homes = [f"home-{i}" for i in range(20)]
        frame = posts(
            [manager(post_id=f"m{h}", person_key=f"m{h}", workplace_id=h) for h in homes]
            + [
                deputy(person_key=f"d{h}", workplace_id=h, has_leadership_qualification=True)
                for h in homes[:12]
            ]
        )

        result = succession_gap_rate(frame, as_of=AS_OF)

        assert result.total.display == "40.0%"

from datetime import date

import pytest

from oneworkforce.engines.disclosure import MARKER, DisclosureRule, Method
from oneworkforce.intelligence.metrics import (
    MetricRequestError,
    filled_posts,
    fte,
    headcount,
    main_posts,
    prepare,
)
from oneworkforce.intelligence.metrics.examples import posts

AS_OF = date(2026, 3, 31)
EVERYTHING_SHOWN = DisclosureRule(name="tests", threshold=1)


def staff(count: int, **fields: object) -> list[dict[str, object]]:
    return [dict(fields) for _ in range(count)]


class TestHeadcount:
    def test_counts_a_person_with_two_posts_once(self) -> None:
        frame = posts([{"person_key": "ann"}, {"person_key": "ann"}, {"person_key": "bob"}])

        result = headcount(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert result.total.value == 2

    def test_counts_a_person_in_the_group_of_their_main_post(self) -> None:
        frame = posts(
            [
                {"person_key": "ann", "sector": "health", "fte": 0.4},
                {"person_key": "ann", "sector": "social_care", "fte": 0.6},
            ]
        )

        result = headcount(frame, as_of=AS_OF, by=["sector"], rule=EVERYTHING_SHOWN)

        assert [(row.labels, row.value) for row in result.rows] == [
            (("Social care",), 1),
            (("Total",), 1),
        ]

    def test_leaves_out_people_who_have_left_or_not_yet_started(self) -> None:
        frame = posts(
            [*staff(6), {"left_date": date(2026, 1, 1)}, {"start_date": date(2026, 4, 1)}]
        )

        result = headcount(frame, as_of=AS_OF)

        assert result.total.display == "6"

    def test_hides_a_small_group_and_whatever_would_give_it_away(self) -> None:
        frame = posts(staff(20, sector="health") + staff(2, sector="social_care"))

        result = headcount(frame, as_of=AS_OF, by=["sector"])

        assert [row.display for row in result.rows] == [MARKER, MARKER, "22"]
        assert result.notes[0].startswith("Figures between 1 and 4 are hidden as [c]")

    def test_refuses_a_breakdown_by_person(self) -> None:
        frame = posts(staff(6))

        with pytest.raises(MetricRequestError, match="'person_key'"):
            headcount(frame, as_of=AS_OF, by=["person_key"])


class TestFilledPosts:
    def test_counts_each_post_of_a_person_with_two_posts(self) -> None:
        frame = posts([{"person_key": "ann"}, {"person_key": "ann"}, {"person_key": "bob"}])

        result = filled_posts(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert result.total.value == 3

    def test_breaks_down_by_contract_type_in_words(self) -> None:
        frame = posts(staff(5, contract_type="pool-or-bank") + staff(7))

        result = filled_posts(frame, as_of=AS_OF, by=["contract_type"])

        assert [(row.labels, row.display) for row in result.rows] == [
            (("Permanent",), "7"),
            (("Pool or bank",), "5"),
            (("Total",), "12"),
        ]

    def test_labels_an_empty_value_not_known(self) -> None:
        frame = posts(staff(5, local_authority_code="") + staff(5, local_authority_code=None))

        result = filled_posts(frame, as_of=AS_OF, by=["local_authority_code"])

        assert result.row("Not known").display == "10"


class TestFte:
    def test_adds_up_the_fte_of_every_post(self) -> None:
        frame = posts(staff(4, fte=0.5) + staff(2, fte=1.0) + [{"fte": 0.25}])

        result = fte(frame, as_of=AS_OF)

        assert result.total.value == pytest.approx(4.2)
        assert result.total.display == "4.2"

    def test_counts_both_posts_of_a_person_with_two(self) -> None:
        frame = posts([{"person_key": "ann", "fte": 0.5}, {"person_key": "ann", "fte": 0.3}])

        result = fte(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert result.total.value == pytest.approx(0.8)

    def test_hides_fte_held_by_fewer_people_than_the_threshold_even_across_many_posts(
        self,
    ) -> None:
        four_people_eight_posts = [{"person_key": f"p{i % 4}"} for i in range(8)]
        frame = posts(four_people_eight_posts)

        result = fte(frame, as_of=AS_OF)

        assert result.total.display == MARKER
        assert result.table is None

    def test_says_how_fte_is_protected(self) -> None:
        frame = posts(staff(6))

        result = fte(frame, as_of=AS_OF)

        assert "FTE is hidden where fewer than 5 people" in " ".join(result.notes)


class TestMainPosts:
    def test_chooses_the_post_with_the_most_fte(self) -> None:
        frame = posts([{"person_key": "ann", "fte": 0.4}, {"person_key": "ann", "fte": 0.6}])

        chosen = main_posts(frame, as_of=AS_OF)

        assert chosen.get_column("post_id").to_list() == ["post-2"]

    def test_breaks_a_tie_by_hours_then_earliest_start_then_post_id(self) -> None:
        frame = posts(
            [
                {"post_id": "d", "person_key": "ann", "contracted_hours": 20.0},
                {"post_id": "c", "person_key": "ann", "start_date": date(2019, 1, 1)},
                {"post_id": "b", "person_key": "ann"},
                {"post_id": "a", "person_key": "ann"},
                {"post_id": "z", "person_key": "bob"},
                {"post_id": "y", "person_key": "bob"},
            ]
        )

        chosen = main_posts(frame, as_of=AS_OF)

        assert sorted(chosen.get_column("post_id").to_list()) == ["c", "y"]

    def test_ignores_a_post_that_has_ended(self) -> None:
        frame = posts(
            [
                {"person_key": "ann", "fte": 1.0, "left_date": date(2026, 1, 1)},
                {"person_key": "ann", "fte": 0.2},
            ]
        )

        chosen = main_posts(frame, as_of=AS_OF)

        assert chosen.get_column("post_id").to_list() == ["post-2"]


class TestPrepare:
    def test_gives_the_same_figures_as_the_bare_frame(self) -> None:
        frame = posts(staff(9, sector="social_care") + staff(7) + [{"person_key": "person-1"}])

        prepared = prepare(frame, as_of=AS_OF)

        assert headcount(prepared, as_of=AS_OF, by=["sector"]) == headcount(
            frame, as_of=AS_OF, by=["sector"]
        )

    def test_refuses_a_different_date(self) -> None:
        prepared = prepare(posts(staff(6)), as_of=AS_OF)

        with pytest.raises(MetricRequestError, match="prepared for 2026-03-31"):
            headcount(prepared, as_of=date(2026, 4, 30))


class TestFteUnderARoundingRule:
    def test_hides_more_than_the_small_group_so_its_fte_cannot_be_worked_out(self) -> None:
        rounding = DisclosureRule(name="ons-style", threshold=5, method=Method.ROUND)
        frame = posts(staff(20, sector="health", fte=0.5) + staff(2, sector="social_care"))

        result = fte(frame, as_of=AS_OF, by=["sector"], rule=rounding)

        assert [row.display for row in result.rows] == [MARKER, MARKER, "12.0"]

from datetime import date

import pytest

from oneworkforce.engines.disclosure import MARKER, DisclosureRule
from oneworkforce.intelligence.metrics import (
    MetricRequestError,
    age_profile,
    equality_profile,
    nhs_band_comparison,
    share_aged_55_and_over,
)
from oneworkforce.intelligence.metrics.examples import posts

AS_OF = date(2026, 3, 31)
EVERYTHING_SHOWN = DisclosureRule(name="tests", threshold=1)


def people(count: int, **fields: object) -> list[dict[str, object]]:
    return [dict(fields) for _ in range(count)]


class TestAgeProfile:
    def test_puts_someone_in_the_band_of_their_age_on_the_date(self) -> None:
        frame = posts(
            [
                {"birth_date": date(2001, 3, 31)},
                {"birth_date": date(2001, 4, 1)},
                {"birth_date": date(1961, 3, 31)},
                {"birth_date": None},
            ]
        )

        result = age_profile(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert [(row.labels, row.display) for row in result.rows] == [
            (("16 to 24",), "1"),
            (("25 to 34",), "1"),
            (("35 to 44",), "0"),
            (("45 to 54",), "0"),
            (("55 to 64",), "0"),
            (("65 and over",), "1"),
            (("Not known",), "1"),
            (("Total",), "4"),
        ]


class TestShareAged55AndOver:
    def test_is_the_share_among_people_of_known_age(self) -> None:
        frame = posts(
            people(10, birth_date=date(1970, 1, 1))
            + people(30, birth_date=date(1990, 1, 1))
            + people(4, birth_date=None)
        )

        result = share_aged_55_and_over(frame, as_of=AS_OF)

        assert result.total.display == "25.0%"

    def test_counts_a_person_with_two_posts_once(self) -> None:
        frame = posts(
            people(10, birth_date=date(1960, 1, 1))
            + [{"person_key": "person-1", "birth_date": date(1960, 1, 1), "fte": 0.2}] * 10
            + people(30, birth_date=date(1990, 1, 1))
        )

        result = share_aged_55_and_over(frame, as_of=AS_OF)

        assert result.total.display == "25.0%"


class TestEqualityProfile:
    def test_lists_every_ethnic_group_with_the_empty_ones_as_zero(self) -> None:
        frame = posts(people(6, ethnicity_group="asian") + people(20))

        result = equality_profile(frame, as_of=AS_OF, characteristic="ethnicity_group")

        assert [(row.labels[0], row.display) for row in result.rows] == [
            ("White", "20"),
            ("Mixed or multiple ethnic groups", "0"),
            ("Asian or Asian British", "6"),
            ("Black, Black British, Caribbean or African", "0"),
            ("Other ethnic group", "0"),
            ("Not known", "0"),
            ("Total", "26"),
        ]

    def test_hides_a_small_group_of_disabled_staff_by_partner(self) -> None:
        frame = posts(
            people(20, organisation_name="Home A")
            + people(2, organisation_name="Home A", disability="yes")
            + people(30, organisation_name="Home B")
            + people(6, organisation_name="Home B", disability="yes")
        )

        result = equality_profile(
            frame, as_of=AS_OF, characteristic="disability", by=["organisation_name"]
        )

        assert result.row("Home A", "Disabled").display == MARKER
        assert result.row("Total", "Disabled").display == "8"

    def test_refuses_a_characteristic_it_does_not_show(self) -> None:
        frame = posts(people(5))

        with pytest.raises(MetricRequestError, match="'religion'"):
            equality_profile(frame, as_of=AS_OF, characteristic="religion")


class TestNhsBandComparison:
    def test_gives_the_ethnic_minority_share_in_each_band_cluster_and_overall(self) -> None:
        frame = posts(
            people(10, pay_band="Band 3", ethnicity_group="black")
            + people(10, pay_band="Band 5", ethnicity_group="white")
            + people(5, pay_band="6", ethnicity_group="mixed")
            + people(15, pay_band="Band 7")
            + people(5, pay_band="Band 8A", ethnicity_group="asian")
            + people(10, pay_band="VSM", ethnicity_group="unknown")
            + people(5, pay_band="Band 9")
        )

        result = nhs_band_comparison(frame, as_of=AS_OF, characteristic="ethnicity_group")

        assert [(row.labels, row.display) for row in result.rows] == [
            (("Bands 1 to 5",), "50.0%"),
            (("Bands 6 to 7",), "25.0%"),
            (("Band 8a and above",), "25.0%"),
            (("Total",), "33.3%"),
        ]

    def test_leaves_out_social_care_and_staff_not_on_agenda_for_change(self) -> None:
        frame = posts(
            people(10, pay_band="Band 3", disability="yes")
            + people(10, pay_band="Band 3")
            + people(20, pay_band="", disability="yes")
            + people(20, pay_band="Band 3", sector="social_care", disability="yes")
        )

        result = nhs_band_comparison(frame, as_of=AS_OF, characteristic="disability")

        assert result.row("Bands 1 to 5").display == "50.0%"
        assert result.total.display == "50.0%"

    def test_breaks_down_by_partner(self) -> None:
        frame = posts(
            people(10, pay_band="Band 2", disability="yes", organisation_name="Trust A")
            + people(30, pay_band="Band 2", organisation_name="Trust A")
            + people(20, pay_band="Band 2", organisation_name="Trust B")
        )

        result = nhs_band_comparison(
            frame, as_of=AS_OF, characteristic="disability", by=["organisation_name"]
        )

        assert result.dimensions == ("organisation_name", "band_cluster")
        assert result.row("Trust A", "Bands 1 to 5").display == "25.0%"
        assert result.row("Total", "Total").display == "16.7%"

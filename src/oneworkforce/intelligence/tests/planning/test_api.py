"""The projections and scenarios API: planners read every projected figure after disclosure
control and keep scenarios; everyone else is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneworkforce.intelligence.models import Scenario
from oneworkforce.intelligence.planning.api import UNKNOWN_SCENARIO
from oneworkforce.intelligence.tests.factories import signed_in

pytestmark = pytest.mark.django_db


def weights(aged_65_84: float, aged_85_plus: float, working_age: float) -> dict[str, float]:
    return {"aged_65_84": aged_65_84, "aged_85_plus": aged_85_plus, "working_age": working_age}


@pytest.fixture
def analyst(district):
    return signed_in(district.analyst)


class TestProjectionsEndpoint:
    def test_gives_the_baseline_when_no_scenario_is_asked_for(self, analyst):
        response = analyst.get(reverse("api:projections"))

        (baseline,) = response.json()
        assert baseline["name"] == "Baseline"
        assert baseline["years"] == list(range(2026, 2042))
        assert baseline["gap"][-1]["role_group"] == "Total"
        assert all(len(row["display"]) == 16 for row in baseline["demand"])

    def test_gives_each_scenario_asked_for_with_its_assumptions(self, analyst):
        scenario = Scenario.objects.create(name="Halved", international_factor=0.5)

        response = analyst.get(reverse("api:projections"), {"scenario": ["baseline", scenario.pk]})

        names = [item["name"] for item in response.json()]
        assert names == ["Baseline", "Halved"]
        assert response.json()[1]["assumptions"] == [
            "International starters at 50% of the baseline"
        ]

    def test_says_which_scenario_it_does_not_know(self, analyst):
        response = analyst.get(reverse("api:projections"), {"scenario": "nope"})

        assert response.status_code == 404
        assert UNKNOWN_SCENARIO.format(key="nope") in response.content.decode()

    def test_refuses_board_members(self, district):
        response = signed_in(district.board_member).get(reverse("api:projections"))

        assert response.status_code == 403


class TestScenariosEndpoint:
    def test_creates_changes_lists_and_deletes_a_scenario(self, analyst):
        created = analyst.post(
            reverse("api:scenario-list"),
            {
                "name": "Apprentices",
                "extra_programme_starters": 200,
                "demand_weights": {"care_providing": weights(0.3, 0.5, 0.1)},
            },
            content_type="application/json",
        )
        pk = created.json()["id"]
        changed = analyst.patch(
            reverse("api:scenario-detail", args=[pk]),
            {"turnover_points": -5},
            content_type="application/json",
        )
        listed = analyst.get(reverse("api:scenario-list"))
        deleted = analyst.delete(reverse("api:scenario-detail", args=[pk]))

        assert created.status_code == 201
        assert created.json()["assumptions"][0] == "200 more programme starters a year"
        assert changed.json()["turnover_points"] == -5
        assert [item["name"] for item in listed.json()["results"]] == ["Apprentices"]
        assert deleted.status_code == 204
        assert not Scenario.objects.exists()

    def test_refuses_weights_adding_up_to_more_than_one_and_saves_nothing(self, analyst):
        response = analyst.post(
            reverse("api:scenario-list"),
            {"name": "Too much", "demand_weights": {"care_providing": weights(0.6, 0.6, 0)}},
            content_type="application/json",
        )

        assert response.status_code == 400
        assert "add up to 1 or less" in response.content.decode()
        assert not Scenario.objects.exists()

    def test_refuses_a_second_scenario_of_the_same_name(self, analyst):
        Scenario.objects.create(name="Apprentices")

        response = analyst.post(
            reverse("api:scenario-list"), {"name": "apprentices"}, content_type="application/json"
        )

        assert response.status_code == 400
        assert Scenario.objects.count() == 1

"""The planning pages, as analysts and administrators use them on a district with returns:
the projection, scenarios created, changed and compared, population versions, and the
programme's workstreams, money and participants. Bad input writes nothing and says why."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from oneworkforce.intelligence.models import (
    Initiative,
    ParticipantStep,
    PopulationProjection,
    Scenario,
    SpendEntry,
    Workstream,
    WorkstreamBudget,
)
from oneworkforce.intelligence.planning import population
from oneworkforce.intelligence.planning.forms import COMPARE_TWO, WEIGHTS_OVER_100
from oneworkforce.intelligence.planning.participants import BAD_STEP
from oneworkforce.intelligence.planning.population import BAD_CODE, MISSING_ROWS
from oneworkforce.intelligence.planning.selectors import BASELINE_SENTENCE
from oneworkforce.intelligence.planning.services import SCENARIO_NAME_TAKEN
from oneworkforce.intelligence.planning.steps import STEPS
from oneworkforce.intelligence.tests.factories import signed_in
from oneworkforce.partners.models import AuditEvent

pytestmark = pytest.mark.django_db

SCENARIO_FORM = {
    "name": "Grow our own",
    "description": "",
    "turnover_points": "-5",
    "extra_programme_starters": "20",
    "international_percent": "50",
    "external_percent": "100",
    "retirement_percent": "100",
    "demand_growth_percent": "100",
}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def analyst(district):
    return signed_in(district.analyst)


def saved_scenario(client, **changes) -> Scenario:
    response = client.post(reverse("intelligence:scenario-create"), {**SCENARIO_FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Scenario.objects.get(name=changes.get("name", SCENARIO_FORM["name"]))


class TestProjectionPage:
    @pytest.mark.parametrize("who", ["analyst", "admin"])
    def test_opens_for_analysts_and_partnership_administrators(self, district, who):
        response = signed_in(getattr(district, who)).get(reverse("intelligence:projection"))

        assert response.status_code == 200
        assert "Gap: posts needed but not filled" in text_of(response)

    @pytest.mark.parametrize("who", ["board_member"])
    def test_refuses_board_members(self, district, who):
        response = signed_in(getattr(district, who)).get(reverse("intelligence:projection"))

        assert response.status_code == 403

    def test_shows_each_chart_with_its_text_alternative_its_table_and_the_assumptions(
        self, analyst
    ):
        html = text_of(analyst.get(reverse("intelligence:projection")))

        assert html.count('<img src="data:image/svg+xml;base64,') == 3
        assert 'alt="Line chart: Gap: posts needed but not filled, Baseline, 2026 to 2041.' in html
        assert html.count("<caption") == 3
        assert html.count(escape(BASELINE_SENTENCE)) == 3
        assert "Illustrative" in html

    def test_shows_a_scenario_chosen_by_its_id_and_refuses_an_unknown_one(self, analyst):
        scenario = saved_scenario(analyst)

        chosen = analyst.get(reverse("intelligence:projection"), {"scenario": scenario.pk})
        unknown = analyst.get(reverse("intelligence:projection"), {"scenario": "999999"})

        assert "Turnover down 5 percentage points" in text_of(chosen)
        assert unknown.status_code == 404

    def test_downloads_the_figures_of_every_role_group_and_year(self, analyst):
        response = analyst.get(reverse("intelligence:projection-csv"))

        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["scenario", "measure", "role_group", "year", "posts"]
        years = {row[3] for row in rows[1:] if len(row) == 5}
        assert years == {str(year) for year in range(2026, 2042)}


class TestScenarioForm:
    def test_saves_a_scenario_and_shows_its_projection(self, analyst, district):
        response = analyst.post(reverse("intelligence:scenario-create"), SCENARIO_FORM)

        scenario = Scenario.objects.get(name="Grow our own")
        assert response.url == f"{reverse('intelligence:projection')}?scenario={scenario.pk}"
        assert (scenario.turnover_points, scenario.international_factor) == (-5.0, 0.5)
        assert scenario.created_by == district.analyst
        assert AuditEvent.objects.filter(
            record_type__icontains="scenario", action="created"
        ).exists()

    def test_refuses_demand_weights_adding_up_to_more_than_100_and_saves_nothing(self, analyst):
        weights = {
            "weight_care_providing_aged_65_84": "60",
            "weight_care_providing_aged_85_plus": "50",
            "weight_care_providing_working_age": "0",
        }

        response = analyst.post(
            reverse("intelligence:scenario-create"), {**SCENARIO_FORM, **weights}
        )

        assert response.status_code == 200
        assert (
            WEIGHTS_OVER_100.format(group="care providing", total=110) in response.content.decode()
        )
        assert not Scenario.objects.exists()

    def test_keeps_the_analysts_own_weights_and_shows_them_beside_the_charts(self, analyst):
        weights = {
            "weight_care_providing_aged_65_84": "20",
            "weight_care_providing_aged_85_plus": "70",
            "weight_care_providing_working_age": "0",
        }

        scenario = saved_scenario(analyst, **weights)
        page = text_of(analyst.get(reverse("intelligence:projection"), {"scenario": scenario.pk}))

        assert scenario.demand_weights == {
            "care_providing": {"aged_65_84": 0.2, "aged_85_plus": 0.7, "working_age": 0.0}
        }
        assert "70% on people aged 85 and over" in page

    def test_refuses_a_second_scenario_of_the_same_name(self, analyst):
        saved_scenario(analyst)

        response = analyst.post(reverse("intelligence:scenario-create"), SCENARIO_FORM)

        assert escape(SCENARIO_NAME_TAKEN.format(name="Grow our own")) in response.content.decode()
        assert Scenario.objects.count() == 1

    def test_changes_a_saved_scenario(self, analyst):
        scenario = saved_scenario(analyst)

        form = analyst.get(reverse("intelligence:scenario-edit", args=[scenario.pk]))
        analyst.post(
            reverse("intelligence:scenario-edit", args=[scenario.pk]),
            {**SCENARIO_FORM, "turnover_points": "-2"},
        )

        assert 'value="-5.0"' in form.content.decode()
        scenario.refresh_from_db()
        assert scenario.turnover_points == -2.0

    def test_deletes_a_scenario(self, analyst):
        scenario = saved_scenario(analyst)

        analyst.post(reverse("intelligence:scenario-delete", args=[scenario.pk]))

        assert not Scenario.objects.exists()


class TestCompare:
    def test_shows_the_scenarios_side_by_side_with_every_scenarios_assumptions(self, analyst):
        scenario = saved_scenario(analyst)

        response = analyst.get(
            reverse("intelligence:scenario-compare"), {"scenarios": ["baseline", scenario.pk]}
        )

        html = text_of(response)
        assert "Gap: posts needed but not filled, every role group, by scenario" in html
        assert html.count("Assumptions: Grow our own") >= 4
        assert html.count("Assumptions: Baseline") >= 4
        assert "International starters at 50% of the baseline" in html

    def test_asks_for_at_least_two_scenarios(self, analyst):
        response = analyst.get(
            reverse("intelligence:scenario-compare"), {"scenarios": ["baseline"]}
        )

        assert COMPARE_TWO in response.content.decode()
        assert "every role group, by scenario" not in response.content.decode()


def population_file(*lines: str) -> SimpleUploadedFile:
    header = ",".join(population.COLUMNS)
    return SimpleUploadedFile("population.csv", "\n".join([header, *lines]).encode())


class TestPopulationUpload:
    def test_uses_an_uploaded_version_from_then_on_and_keeps_the_earlier_ones(self, analyst):
        lines = population.ILLUSTRATIVE_FILE.read_text().splitlines()[1:]

        analyst.post(
            reverse("intelligence:population"),
            {"name": "ONS 2022-based", "source": "ONS", "file": population_file(*lines)},
        )
        analyst.post(
            reverse("intelligence:population"),
            {"name": "ONS 2024-based", "source": "ONS", "file": population_file(*lines)},
        )

        assert PopulationProjection.objects.count() == 2
        page = text_of(analyst.get(reverse("intelligence:projection")))
        assert "Population figures: ONS 2024-based" in page

    def test_lists_every_problem_of_a_bad_file_and_writes_nothing(self, analyst):
        response = analyst.post(
            reverse("intelligence:population"),
            {
                "name": "Bad",
                "source": "Me",
                "file": population_file("X1,0-17,2026,1", "E08000027,0-17,2026,1"),
            },
        )

        html = response.content.decode()
        assert escape(BAD_CODE.format(line=2, value="X1")) in html
        assert not PopulationProjection.objects.exists()

    def test_refuses_a_file_missing_bands(self, analyst):
        response = analyst.post(
            reverse("intelligence:population"),
            {"name": "Short", "source": "Me", "file": population_file("E08000027,0-17,2026,1")},
        )

        expected = MISSING_ROWS.format(
            code="E08000027",
            missing="18-64 in 2026, 65-84 in 2026, 85+ in 2026",
            first=2026,
            last=2026,
        )
        assert expected in response.content.decode()
        assert not PopulationProjection.objects.exists()


class TestProgrammeJourney:
    def test_an_analyst_records_a_workstream_its_money_and_its_participants(self, analyst):
        analyst.post(
            reverse("intelligence:workstream-create"), {"name": "Academy", "description": ""}
        )
        workstream = Workstream.objects.get(name="Academy")
        analyst.post(
            reverse("intelligence:workstream-budget", args=[workstream.pk]),
            {"budget-year": "2025", "budget-amount": "60000"},
        )
        analyst.post(
            reverse("intelligence:initiative-create", args=[workstream.pk]),
            {
                "initiative-name": "Cohort 1",
                "initiative-kind": "academy_cohort",
                "initiative-start_date": "01/04/2025",
            },
        )
        initiative = Initiative.objects.get(name="Cohort 1")
        analyst.post(
            reverse("intelligence:workstream-spend", args=[workstream.pk]),
            {
                "spend-initiative": initiative.pk,
                "spend-spent_date": "01/05/2025",
                "spend-amount": "30000",
                "spend-description": "Trainers",
            },
        )
        lines = ["participant_ref,step,reached_date,sex"] + [
            f"AC-{n},started,2025-06-0{1 + n % 9},{'female' if n % 2 else 'male'}"
            for n in range(20)
        ]
        imported = analyst.post(
            reverse("intelligence:initiative-import", args=[initiative.pk]),
            {"file": SimpleUploadedFile("steps.csv", "\n".join(lines).encode())},
        )

        page = text_of(analyst.get(reverse("intelligence:programme")))

        assert imported.status_code == 302
        assert WorkstreamBudget.objects.get(workstream=workstream).amount == 60000
        assert SpendEntry.objects.get().initiative == initiative
        assert ParticipantStep.objects.count() == 20
        assert "£1,500" in page  # £30,000 spent for 20 people into work
        assert "£60,000" in page

    def test_importing_the_same_file_twice_changes_nothing(self, analyst):
        workstream = Workstream.objects.create(name="Campaigns")
        initiative = Initiative.objects.create(
            workstream=workstream, name="Spring", kind="campaign", start_date="2025-04-01"
        )
        content = b"participant_ref,step,reached_date\nC-1,registered,2025-05-01\n"
        content += b"C-1,started,2025-06-01\n"

        for _ in range(2):
            analyst.post(
                reverse("intelligence:initiative-import", args=[initiative.pk]),
                {"file": SimpleUploadedFile("steps.csv", content)},
            )

        assert ParticipantStep.objects.count() == 2

    def test_a_bad_participant_file_writes_nothing_and_names_the_line(self, analyst):
        workstream = Workstream.objects.create(name="Campaigns")
        initiative = Initiative.objects.create(
            workstream=workstream, name="Spring", kind="campaign", start_date="2025-04-01"
        )
        content = (
            b"participant_ref,step,reached_date\nC-1,registered,2025-05-01\nC-2,hired,2025-06-01\n"
        )

        response = analyst.post(
            reverse("intelligence:initiative-import", args=[initiative.pk]),
            {"file": SimpleUploadedFile("steps.csv", content)},
        )

        assert response.status_code == 400
        message = BAD_STEP.format(line=3, value="hired", steps=", ".join(STEPS))
        assert escape(message) in response.content.decode()
        assert not ParticipantStep.objects.exists()

    def test_refuses_a_budget_that_is_not_an_amount_and_saves_nothing(self, analyst):
        workstream = Workstream.objects.create(name="Campaigns")

        response = analyst.post(
            reverse("intelligence:workstream-budget", args=[workstream.pk]),
            {"budget-year": "2025", "budget-amount": "lots"},
        )

        assert response.status_code == 400
        assert "Enter an amount in pounds, like 12500 or 12500.50" in response.content.decode()
        assert not WorkstreamBudget.objects.exists()

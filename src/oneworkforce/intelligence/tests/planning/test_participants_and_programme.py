"""Participant step files and the programme statistics made from them: per-line messages,
people counted once per step, costs per person, and every count through disclosure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from oneworkforce.engines.disclosure import MARKER
from oneworkforce.intelligence.planning.participants import (
    BAD_DATE,
    BAD_GROUP,
    BAD_REFERENCE,
    BAD_STEP,
    DUPLICATE_ROW,
    FUTURE_DATE,
    MISSING_COLUMNS,
    ParticipantFileError,
    read_participants_csv,
)
from oneworkforce.intelligence.planning.programme import (
    NO_ONE_YET,
    WorkstreamInput,
    programme_figures,
)
from oneworkforce.intelligence.planning.steps import STEPS, StepRecord

TODAY = date(2026, 7, 1)
HEADER = "participant_ref,step,reached_date,age_band,sex,ethnicity_group,disability"


def problems_of(content: str) -> list[str]:
    with pytest.raises(ParticipantFileError) as raised:
        read_participants_csv(content.encode(), today=TODAY)
    return raised.value.messages


class TestReadParticipantsCsv:
    def test_reads_equality_groups_and_leaves_unknown_the_ones_not_given(self):
        content = (
            f"{HEADER}\nBR-1,started,2026-06-02,25 to 34,Female,asian,no\n"
            "BR-2,registered,02/06/2026,,,,\n"
        )

        first, second = read_participants_csv(content.encode(), today=TODAY)

        assert (first.age_band, first.sex, first.ethnicity_group) == ("25 to 34", "female", "asian")
        assert (second.reached_date, second.sex, second.disability) == (
            date(2026, 6, 2),
            "unknown",
            "unknown",
        )

    def test_names_the_line_of_every_bad_cell(self):
        content = (
            f"{HEADER}\nann@example.org,started,2026-06-02,,,,\nBR-2,hired,2026-06-02,,,,\n"
            "BR-3,started,June,,,,\nBR-4,started,2026-08-01,,,,\nBR-5,started,2026-06-01,,robot,,\n"
        )

        assert problems_of(content) == [
            BAD_REFERENCE.format(line=2, value="ann@example.org"),
            BAD_STEP.format(line=3, value="hired", steps=", ".join(STEPS)),
            BAD_DATE.format(line=4, value="June"),
            FUTURE_DATE.format(line=5, value="2026-08-01"),
            BAD_GROUP.format(line=6, column="sex", value="robot", allowed="female, male, other"),
        ]

    def test_refuses_the_same_person_at_the_same_step_twice(self):
        content = f"{HEADER}\nBR-1,started,2026-06-02,,,,\nBR-1,started,2026-06-03,,,,\n"

        assert problems_of(content) == [
            DUPLICATE_ROW.format(line=3, ref="BR-1", step="started", first=2)
        ]

    def test_refuses_a_file_without_the_required_columns(self):
        assert problems_of("participant_ref,step\nBR-1,started\n") == [
            MISSING_COLUMNS.format(
                required="participant_ref, step, reached_date", missing="reached_date"
            )
        ]


def record(
    person: str, step: str, *, initiative: int = 1, sex: str = "female", day: int = 1
) -> StepRecord:
    return StepRecord("test", initiative, person, step, date(2026, 5, day), sex=sex)


ACADEMY = WorkstreamInput(
    "Academy", (1,), ("Cohort 1",), {2026: Decimal(20000)}, {2026: Decimal(12000)}
)
CAMPAIGNS = WorkstreamInput("Campaigns", (2,), ("Spring",), {2026: Decimal(5000)}, {})


class TestProgrammeFigures:
    def test_counts_people_at_each_step_and_costs_each_one_into_work(self):
        records = [record(f"p{n}", "registered") for n in range(30)] + [
            record(f"p{n}", "started") for n in range(20)
        ]

        figures = programme_figures(workstreams=[ACADEMY], records=records, until=TODAY)

        academy = figures.workstreams[0]
        assert academy.people_at("registered") == "30"
        assert academy.people_at("started") == "20"
        assert academy.cost_per_into_work == "£600"
        assert academy.cost_per_retained == NO_ONE_YET

    def test_counts_a_person_once_at_a_step_however_often_it_is_recorded(self):
        records = [record(f"p{n}", "started") for n in range(10)] + [
            record(f"p{n}", "started", day=20) for n in range(10)
        ]

        figures = programme_figures(workstreams=[ACADEMY], records=records, until=TODAY)

        assert figures.total.people_at("started") == "10"

    def test_hides_a_small_count_and_the_cost_per_person_worked_out_from_it(self):
        records = [record(f"p{n}", "retained_12_months") for n in range(3)] + [
            record(f"q{n}", "started") for n in range(40)
        ]

        figures = programme_figures(workstreams=[ACADEMY], records=records, until=TODAY)

        assert figures.total.people_at("retained_12_months") == MARKER
        assert figures.total.cost_per_retained == MARKER

    def test_hides_a_small_equality_group_and_another_so_it_cannot_be_worked_out_from_the_total(
        self,
    ):
        records = [record(f"m{n}", "started", sex="male") for n in range(3)] + [
            record(f"f{n}", "started", sex="female") for n in range(30)
        ]

        figures = programme_figures(
            workstreams=[ACADEMY], records=records, until=TODAY, characteristic="sex"
        )

        grid = figures.total.by_group.grid()
        started = grid.cells[list(STEPS.values()).index(STEPS["started"])]
        shown = [cell.display for cell in started]
        assert shown.count(MARKER) >= 2
        assert "3" not in shown

    def test_leaves_out_steps_after_the_date_and_records_of_other_workstreams(self):
        records = [record(f"p{n}", "started", initiative=2) for n in range(10)] + [
            StepRecord("test", 1, f"late{n}", "started", date(2026, 8, 1)) for n in range(10)
        ]

        figures = programme_figures(workstreams=[ACADEMY, CAMPAIGNS], records=records, until=TODAY)

        assert figures.workstreams[0].people_at("started") == "0"
        assert figures.workstreams[1].people_at("started") == "10"

    def test_adds_budgets_and_spending_of_every_workstream_by_year(self):
        figures = programme_figures(workstreams=[ACADEMY, CAMPAIGNS], records=[], until=TODAY)

        assert figures.total.budget == Decimal(25000)
        assert figures.total.spent == Decimal(12000)
        assert [(row.year, row.left) for row in figures.total.money] == [(2026, Decimal(13000))]

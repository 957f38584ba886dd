"""The demo district's planning data: the illustrative population, three scenarios and the
programme with money and participants, the same from the same seed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from oneworkforce.demo import planning as demo_planning
from oneworkforce.demo.generator import generate
from oneworkforce.intelligence.models import (
    ParticipantStep,
    PopulationProjection,
    Scenario,
    WorkstreamBudget,
)
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member

pytestmark = pytest.mark.django_db
LOADED_AT = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def small():
    return generate("small", 2026)


def load(small) -> demo_planning.DemoPlanning:
    actor = actor_for_user(member(role=Role.ANALYST))
    return demo_planning.demo_planning_load(district=small, actor=actor, loaded_at=LOADED_AT)


def test_loads_the_illustrative_population_three_scenarios_and_three_workstreams(small):
    loaded = load(small)

    assert PopulationProjection.objects.get().is_illustrative
    assert Scenario.objects.count() == loaded.scenarios == 3
    assert (
        WorkstreamBudget.objects.values("workstream").distinct().count() == loaded.workstreams == 3
    )
    assert ParticipantStep.objects.count() == loaded.participant_steps > 0


def test_moves_fewer_people_forward_at_each_later_step(small):
    load(small)

    counts = [
        ParticipantStep.objects.filter(step=step).count() for step, _ in demo_planning.STEP_ODDS
    ]

    assert counts == sorted(counts, reverse=True)
    assert counts[-1] > 0


def test_the_same_seed_gives_the_same_participants(small):
    load(small)
    first = list(ParticipantStep.objects.order_by("pk").values_list("step", "reached_date", "sex"))
    demo_planning.demo_planning_clear()

    load(small)

    assert (
        list(ParticipantStep.objects.order_by("pk").values_list("step", "reached_date", "sex"))
        == first
    )

"""Planning services: only planners write, every write is audited, and the database keeps
the vocabularies the code uses."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from oneworkforce.engines.projection import POPULATION_BANDS
from oneworkforce.intelligence.models import (
    Initiative,
    ParticipantStep,
    PopulationFigure,
    PopulationProjection,
    Scenario,
    Workstream,
)
from oneworkforce.intelligence.planning import services
from oneworkforce.intelligence.planning.steps import STEPS
from oneworkforce.partners.access import NotAllowed, actor_for_user
from oneworkforce.partners.models import AuditEvent, Role
from oneworkforce.partners.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER])
def test_refuses_anyone_but_analysts_and_administrators_and_writes_nothing(role):
    actor = actor_for_user(member(role=role))

    with pytest.raises(NotAllowed):
        services.scenario_create(actor=actor, name="Mine", values={}, created_at=timezone.now())
    with pytest.raises(NotAllowed):
        services.workstream_create(
            actor=actor, name="Mine", description="", created_at=timezone.now()
        )

    assert not Scenario.objects.exists()
    assert not Workstream.objects.exists()


def test_records_each_change_in_the_audit_log_naming_the_fields_changed():
    actor = actor_for_user(member(role=Role.ANALYST))

    scenario = services.scenario_create(
        actor=actor, name="Halved", values={"international_factor": 0.5}, created_at=timezone.now()
    )
    services.scenario_update(
        actor=actor,
        scenario=scenario,
        name="Halved",
        values={"international_factor": 0.4},
        changed_at=timezone.now(),
    )

    changed = AuditEvent.objects.get(action="changed")
    assert list(changed.fields_changed) == ["international_factor"]


def test_the_database_refuses_a_step_or_band_the_code_does_not_know():
    workstream = Workstream.objects.create(name="Academy")
    initiative = Initiative.objects.create(
        workstream=workstream, name="Cohort", kind="academy_cohort", start_date=date(2026, 1, 1)
    )
    version = PopulationProjection.objects.create(
        name="v", source="s", file_name="f.csv", uploaded_at=timezone.now(), row_count=0
    )
    for number, step in enumerate(STEPS):
        ParticipantStep.objects.create(
            initiative=initiative, participant_ref=f"p{number}", step=step,
            reached_date=date(2026, 2, 1), age_band="unknown", sex="unknown",
            ethnicity_group="unknown", disability="unknown",
        )  # fmt: skip
    for band in POPULATION_BANDS:
        PopulationFigure.objects.create(
            projection=version, local_authority_code="E08000027", age_band=band, year=2026,
            population=1,
        )  # fmt: skip

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantStep.objects.create(
            initiative=initiative, participant_ref="x", step="hired", reached_date=date(2026, 2, 1),
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        PopulationFigure.objects.create(
            projection=version, local_authority_code="E08000027", age_band="90+", year=2026,
            population=1,
        )  # fmt: skip

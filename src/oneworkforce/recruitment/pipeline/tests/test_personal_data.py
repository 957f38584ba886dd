"""Applications, their steps and checks, and placement choices are the candidate's personal
data: in their download, and gone when their erasure is confirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment import services as recruitment_services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    EmploymentCheck,
    PlacementChoice,
    Stage,
    StageChange,
)
from oneworkforce.recruitment.pipeline.tests.factories import placement, taken_to
from oneworkforce.recruitment.services import candidate_actor
from oneworkforce.recruitment.vacancies.tests.factories import site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate_in_checks(employer_actor, employer_organisation, candidate, vacancy):
    taken_to(
        Stage.CHECKS,
        candidate=candidate,
        vacancy=vacancy,
        actor=employer_actor,
        at=timezone.now() - timedelta(days=20),
    )
    offered = placement(actor=employer_actor, site=site_of(employer_organisation))
    PlacementChoice.objects.create(candidate=candidate, placement=offered, rank=1)
    return candidate


class TestPersonalData:
    def test_the_download_holds_the_applications_steps_checks_and_choices(
        self, candidate_in_checks
    ):
        sections = {
            section.key: len(section.records)
            for section in recruitment_selectors.data_held_about(candidate_in_checks)
        }

        assert sections["pipeline.application"] == 1
        assert sections["pipeline.stagechange"] == 5
        assert sections["pipeline.employmentcheck"] == 6
        assert sections["pipeline.placementchoice"] == 1

    def test_a_confirmed_erasure_leaves_none_of_it(self, candidate_in_checks, adviser_actor):
        request = recruitment_services.erasure_request(
            actor=candidate_actor(candidate_in_checks),
            candidate=candidate_in_checks,
            requested_at=timezone.now(),
        )

        recruitment_services.erasure_confirm(
            actor=adviser_actor, request=request, confirmed_at=timezone.now()
        )

        assert not Application.objects.exists()
        assert not StageChange.objects.exists()
        assert not EmploymentCheck.objects.exists()
        assert not PlacementChoice.objects.exists()

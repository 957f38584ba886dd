"""Paid work placements: offered by partners, ranked by candidates, allocated by the engine's
candidate-proposing stable allocation, and given only when an adviser confirms."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OutboxMessage
from oneworkforce.recruitment.models import EmploymentStatus
from oneworkforce.recruitment.pipeline import allocation, services
from oneworkforce.recruitment.pipeline.models import (
    PlacedCandidate,
    Placement,
    PlacementChoice,
    PlacementStatus,
)
from oneworkforce.recruitment.pipeline.tests.factories import placement
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.recruitment.vacancies.tests.factories import site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(employer_organisation):
    return site_of(employer_organisation)


def _rank(candidate, *placements):
    return services.placement_choices_save(
        candidate=candidate, placements=list(placements), chosen_at=timezone.now()
    )


class TestPlacementOffer:
    def test_refuses_an_unpaid_placement_and_writes_nothing(self, employer_actor, site):
        with pytest.raises(services.PipelineError) as refusal:
            placement(actor=employer_actor, site=site, hourly_rate=Decimal("0"))

        assert refusal.value.message == services.PLACEMENT_RATE_NEEDED
        assert not Placement.objects.exists()

    def test_refuses_a_site_of_another_organisation(self, other_organisation_user, site):
        with pytest.raises(services.PipelineError) as refusal:
            placement(actor=actor_for_user(other_organisation_user), site=site)

        assert refusal.value.message == services.PLACEMENT_SITE_NOT_YOURS


class TestPlacementChoicesSave:
    def test_keeps_the_order_the_candidate_gave(self, employer_actor, site, candidate):
        kitchen = placement(actor=employer_actor, site=site, title="Kitchen")
        care = placement(actor=employer_actor, site=site, title="Care")

        _rank(candidate, care, kitchen)

        ranked = PlacementChoice.objects.order_by("rank").values_list("placement__title", flat=True)
        assert list(ranked) == ["Care", "Kitchen"]

    def test_refuses_a_placement_ranked_twice_and_keeps_the_old_ranking(
        self, employer_actor, site, candidate
    ):
        kitchen = placement(actor=employer_actor, site=site, title="Kitchen")
        care = placement(actor=employer_actor, site=site, title="Care")
        _rank(candidate, care)

        with pytest.raises(services.PipelineError) as refusal:
            _rank(candidate, kitchen, care, kitchen)

        assert refusal.value.message == str(services.PLACEMENT_RANKED_TWICE).format(title="Kitchen")
        assert list(PlacementChoice.objects.values_list("placement__title", flat=True)) == ["Care"]


class TestAllocation:
    def test_gives_the_one_place_to_the_long_term_unemployed_applicant_first(
        self, adviser_actor, employer_actor, site
    ):
        one_place = placement(actor=employer_actor, site=site, places=1)
        working = CandidateFactory(employment_status=EmploymentStatus.EMPLOYED_PART_TIME)
        out_of_work = CandidateFactory(employment_status=EmploymentStatus.UNEMPLOYED_LONG)
        _rank(working, one_place)
        _rank(out_of_work, one_place)

        run = allocation.allocation_run(actor=adviser_actor, run_at=timezone.now(), seed=7)

        assert list(PlacedCandidate.objects.values_list("candidate_id", flat=True)) == [
            out_of_work.pk
        ]
        assert (run.stable, run.capacity_ok, run.acceptable_ok) == (True, True, True)
        assert (run.candidates, run.placed, run.by_rank) == (2, 1, [1])

    def test_places_each_candidate_at_their_best_stable_choice(
        self, adviser_actor, employer_actor, site
    ):
        first = placement(actor=employer_actor, site=site, title="First", places=1)
        second = placement(actor=employer_actor, site=site, title="Second", places=1)
        priority = CandidateFactory(employment_status=EmploymentStatus.UNEMPLOYED_LONG)
        other = CandidateFactory(employment_status=EmploymentStatus.EMPLOYED_FULL_TIME)
        _rank(priority, first, second)
        _rank(other, first, second)

        run = allocation.allocation_run(actor=adviser_actor, run_at=timezone.now(), seed=3)

        given = dict(run.places_given.values_list("candidate_id", "placement__title"))
        assert given == {priority.pk: "First", other.pk: "Second"}
        assert run.by_rank == [1, 1]

    def test_the_run_gives_nothing_until_the_adviser_confirms(
        self, adviser_actor, employer_actor, site, candidate, outbox_backend
    ):
        offered = placement(actor=employer_actor, site=site)
        _rank(candidate, offered)

        run = allocation.allocation_run(actor=adviser_actor, run_at=timezone.now())
        before = (Placement.objects.get().status, OutboxMessage.objects.count())
        allocation.allocation_confirm(actor=adviser_actor, run=run, confirmed_at=timezone.now())

        assert before == (PlacementStatus.OPEN, 0)
        assert Placement.objects.get().status == PlacementStatus.ALLOCATED
        assert OutboxMessage.objects.get().subject == "You have a paid work placement"

    def test_refuses_to_confirm_after_the_choices_changed(
        self, adviser_actor, employer_actor, site, candidate
    ):
        offered = placement(actor=employer_actor, site=site)
        _rank(candidate, offered)
        run = allocation.allocation_run(actor=adviser_actor, run_at=timezone.now())
        _rank(CandidateFactory(), offered)

        with pytest.raises(allocation.AllocationError) as refusal:
            allocation.allocation_confirm(
                actor=adviser_actor, run=run, confirmed_at=timezone.now() + timedelta(minutes=1)
            )

        assert refusal.value.message == allocation.RUN_OUT_OF_DATE
        run.refresh_from_db()
        assert run.confirmed_at is None
        assert Placement.objects.get().status == PlacementStatus.OPEN

    def test_refuses_an_employer_running_it(self, employer_actor, site, candidate):
        _rank(candidate, placement(actor=employer_actor, site=site))

        with pytest.raises(DomainError) as refusal:
            allocation.allocation_run(actor=employer_actor, run_at=timezone.now())

        assert refusal.value.message == allocation.NOT_AN_ADVISER

    def test_the_fairness_summary_hides_groups_too_small_to_publish(
        self, adviser_actor, employer_actor, site, candidate
    ):
        _rank(candidate, placement(actor=employer_actor, site=site))

        run = allocation.allocation_run(actor=adviser_actor, run_at=timezone.now())

        assert {row["rate"] for row in run.fairness} == {"[c]"}

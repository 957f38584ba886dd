"""The demo's candidate register: the same seed gives the same people, at every size a few
thousand of them, with people in Urdu, people with no e-mail registered by an adviser, every
consent choice, and namesakes waiting for an adviser; every profile passes the form's rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from oneworkforce.demo import candidates as demo_candidates
from oneworkforce.demo.services import demo_district_load
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Membership, Role
from oneworkforce.recruitment import selectors
from oneworkforce.recruitment.models import (
    AVAILABILITY_SLOTS,
    MINIMUM_AGE,
    Candidate,
    Consent,
    ErasureRequest,
    LikelyDuplicate,
    RegistrationChannel,
    SharingScope,
    age_on,
)
from oneworkforce.reference import postcodes

pytestmark = pytest.mark.django_db


def _load(seed: int = 3):
    return demo_district_load(
        size="small", seed=seed, replace=True, loaded_at=timezone.now(), with_returns=False
    )


def _people() -> list[tuple]:
    return list(
        Candidate.objects.order_by("reference").values_list(
            "reference", "full_name", "date_of_birth", "postcode", "availability"
        )
    )


class TestDemoCandidates:
    def test_the_same_seed_gives_the_same_people(self) -> None:
        _load()
        first = _people()

        _load()

        assert _people() == first

    def test_registers_a_few_thousand_with_every_kind_of_person_the_issue_names(self) -> None:
        loaded = _load().candidates

        assert loaded is not None
        assert len(loaded.candidates) >= demo_candidates.CANDIDATES["small"]
        assert loaded.in_urdu > 100
        adviser_no_email = Candidate.objects.filter(
            registration_channel=RegistrationChannel.ADVISER, email=""
        )
        assert adviser_no_email.count() > 100
        current = Consent.objects.filter(withdrawn_at__isnull=True)
        assert set(current.values_list("sharing", flat=True)) == set(SharingScope.values)
        assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
        assert LikelyDuplicate.objects.count() == demo_candidates.NAMESAKE_PAIRS
        assert ErasureRequest.objects.count() == demo_candidates.ERASURE_REQUESTS

    def test_every_profile_keeps_the_rules_a_person_registering_would_meet(self) -> None:
        _load()

        for candidate in Candidate.objects.all():
            assert candidate.availability, candidate.reference
            assert set(candidate.availability) <= set(AVAILABILITY_SLOTS)
            assert postcodes.lookup(candidate.postcode).postcode == candidate.postcode
            registered = timezone.localtime(candidate.created_at).date()
            assert age_on(candidate.date_of_birth, registered) >= MINIMUM_AGE
            assert candidate.date_of_birth < date.today()

    def test_the_demo_employer_login_sees_some_candidates_and_not_all(self) -> None:
        _load()
        employer = Membership.objects.filter(
            role=Role.EMPLOYER_USER, user__email__startswith="employer.user@"
        ).get()

        seen = selectors.candidates_visible_to(actor=actor_for_user(employer.user)).count()

        assert 50 < seen < Candidate.objects.count()

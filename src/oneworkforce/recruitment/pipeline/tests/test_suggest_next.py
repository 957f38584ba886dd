"""A candidate not hired by one employer is suggested to the next, within their consent: on a
rejection, their best-matching live vacancy at another employer their consent covers gets a
suggestion, and they get the usual notice in their own language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OutboxMessage, Role
from oneworkforce.partners.tests.factories import OrganisationFactory, member
from oneworkforce.recruitment.models import Language
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    Outcome,
    RejectionReason,
    Stage,
    WithdrawalReason,
)
from oneworkforce.recruitment.pipeline.tests.factories import applied
from oneworkforce.recruitment.services import candidate_actor
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of
from oneworkforce.reference import postcodes

pytestmark = pytest.mark.django_db

# Netherton, about 2.5 km south of Dudley town centre where the test sites are.
NEAR_DUDLEY = "DY2 9PP"
SUGGESTION_SUBJECT = "A job that may suit you"


def _at(organisation, postcode=None):
    """A site of ``organisation``: the test sites' default place, or ``postcode``'s."""
    if postcode is None:
        return site_of(organisation)
    place = postcodes.lookup(postcode)
    return site_of(
        organisation, postcode=place.postcode, latitude=place.latitude, longitude=place.longitude
    )


def _job_at(organisation, *, postcode=None, title="Care assistant"):
    poster = member(role=Role.EMPLOYER_USER, organisation=organisation)
    return posted(actor=actor_for_user(poster), site=_at(organisation, postcode), title=title)


@pytest.fixture
def person():
    """Someone near Dudley who wants full-time weekday early shifts in a care home."""
    return CandidateFactory(
        full_name="Asha Candidate",
        postcode=NEAR_DUDLEY,
        max_travel_miles=5,
        travel_mode="public_transport",
        availability=[f"{day}:early" for day in week.DAY_KEYS[:5]],
        hours_wanted="full_time",
        settings_of_interest=["residential"],
        roles_of_interest=["care_worker"],
    )


@pytest.fixture
def next_employer():
    return OrganisationFactory(name="Sedgley Care Homes")


def _reject(employer_actor, application, reason=RejectionReason.EXPERIENCE):
    return services.application_reject(
        actor=employer_actor,
        application=application,
        reason=reason,
        note="",
        rejected_at=timezone.now(),
    )


def _suggestions_for(candidate):
    return list(
        Application.objects.filter(candidate=candidate, stage=Stage.SUGGESTED).values_list(
            "vacancy__title", flat=True
        )
    )


class TestSuggestNext:
    def test_a_rejected_candidate_is_suggested_to_the_next_employers_best_matching_vacancy(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        farther = OrganisationFactory(name="Kates Hill Care")
        _job_at(farther, title="Farther care assistant")
        _job_at(next_employer, postcode=NEAR_DUDLEY, title="Nearest care assistant")
        consent_for(person, organisations=[vacancy.organisation, next_employer, farther])
        rejected_at = timezone.now()

        services.application_reject(
            actor=employer_actor,
            application=applied(person, vacancy),
            reason=RejectionReason.EXPERIENCE,
            note="",
            rejected_at=rejected_at,
        )

        suggestion = Application.objects.get(candidate=person, stage=Stage.SUGGESTED)
        assert suggestion.vacancy.title == "Nearest care assistant"
        assert (suggestion.outcome, suggestion.stage_at) == (Outcome.ACTIVE, rejected_at)

    def test_never_suggests_the_candidate_to_the_same_employer(
        self, employer_actor, employer_organisation, vacancy, person, outbox_backend
    ):
        _job_at(employer_organisation, postcode=NEAR_DUDLEY, title="Another job here")
        consent_for(person, organisations=[employer_organisation])

        _reject(employer_actor, applied(person, vacancy))

        assert _suggestions_for(person) == []

    def test_never_suggests_the_candidate_to_an_employer_their_consent_does_not_cover(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        # The nearer job is the better match, but only the farther one's employer is named.
        _job_at(next_employer, postcode=NEAR_DUDLEY, title="Outside consent")
        covered = OrganisationFactory(name="Covered Care")
        _job_at(covered, title="Within consent")
        consent_for(person, organisations=[vacancy.organisation, covered])

        _reject(employer_actor, applied(person, vacancy))

        assert _suggestions_for(person) == ["Within consent"]

    def test_does_not_suggest_after_the_candidates_own_withdrawal(
        self, vacancy, person, next_employer, outbox_backend
    ):
        _job_at(next_employer, postcode=NEAR_DUDLEY)
        consent_for(person, organisations=[vacancy.organisation, next_employer])

        services.application_withdraw(
            actor=candidate_actor(person),
            application=applied(person, vacancy),
            reason=WithdrawalReason.HOURS,
            note="",
            withdrawn_at=timezone.now(),
        )

        assert _suggestions_for(person) == []
        assert not OutboxMessage.objects.exists()

    def test_does_not_suggest_after_a_pre_employment_check_was_not_cleared(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        _job_at(next_employer, postcode=NEAR_DUDLEY)
        consent_for(person, organisations=[vacancy.organisation, next_employer])

        _reject(employer_actor, applied(person, vacancy), reason=RejectionReason.CHECKS)

        assert _suggestions_for(person) == []

    def test_does_not_suggest_the_candidate_twice_for_the_same_vacancy(
        self, employer_actor, employer_organisation, person, next_employer, outbox_backend
    ):
        first = _job_at(employer_organisation, title="First job")
        second = _job_at(employer_organisation, title="Second job")
        _job_at(next_employer, postcode=NEAR_DUDLEY, title="Next door")
        consent_for(person, organisations=[employer_organisation, next_employer])

        _reject(employer_actor, applied(person, first))
        _reject(employer_actor, applied(person, second))

        assert _suggestions_for(person) == ["Next door"]
        assert OutboxMessage.objects.filter(subject=SUGGESTION_SUBJECT).count() == 1

    def test_suggests_nothing_when_no_vacancy_matches(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        # A night job 30 miles away: neither the shifts nor the distance suit.
        poster = member(role=Role.EMPLOYER_USER, organisation=next_employer)
        posted(
            actor=actor_for_user(poster),
            site=_at(next_employer, "BD1 1HY"),
            shifts=week.mask_of(["sat-night", "sun-night"]),
        )
        consent_for(person, organisations=[vacancy.organisation, next_employer])

        _reject(employer_actor, applied(person, vacancy))

        assert _suggestions_for(person) == []
        assert not OutboxMessage.objects.exists()

    def test_the_notice_is_in_the_outbox_in_the_candidates_language(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        person.language = Language.URDU
        person.save()
        _job_at(next_employer, postcode=NEAR_DUDLEY)
        consent_for(person, organisations=[vacancy.organisation, next_employer])
        with translation.override(Language.URDU):
            subject_in_urdu = gettext(SUGGESTION_SUBJECT)

        _reject(employer_actor, applied(person, vacancy))

        notice = OutboxMessage.objects.get()
        assert subject_in_urdu != SUGGESTION_SUBJECT
        assert (notice.recipients, notice.subject) == ([person.email], subject_in_urdu)
        assert next_employer.name in notice.body

    def test_happens_on_the_day_passed_in_not_today(
        self, employer_actor, vacancy, person, next_employer, outbox_backend
    ):
        _job_at(next_employer, postcode=NEAR_DUDLEY)
        consent_for(person, organisations=[vacancy.organisation, next_employer])
        application = applied(person, vacancy)
        after_closing = timezone.now() + timedelta(days=60)

        services.application_reject(
            actor=employer_actor,
            application=application,
            reason=RejectionReason.POSTS_FILLED,
            note="",
            rejected_at=after_closing,
        )

        assert _suggestions_for(person) == []

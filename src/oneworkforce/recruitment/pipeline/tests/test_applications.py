"""Applications moving through their stages: every step dated, out-of-order steps and bad
input refused with a message and nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OutboxMessage
from oneworkforce.recruitment.models import ContactMethod, Language, SharingScope
from oneworkforce.recruitment.pipeline import selectors, services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    CheckKind,
    CheckStatus,
    NextActor,
    Outcome,
    Stage,
    StageChange,
    WithdrawalReason,
)
from oneworkforce.recruitment.pipeline.tests.factories import applied, clear_checks, taken_to
from oneworkforce.recruitment.services import candidate_actor, consent_withdraw
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import services as vacancy_services

pytestmark = pytest.mark.django_db


class TestApplicationApply:
    def test_records_the_application_and_the_day_it_was_made(self, candidate, vacancy):
        now = timezone.now()

        application = services.application_apply(
            actor=candidate_actor(candidate),
            candidate=candidate,
            vacancy=vacancy,
            adjustments="A ground-floor room, please",
            applied_at=now,
        )

        assert application.stage == Stage.APPLIED
        assert application.adjustments == "A ground-floor room, please"
        assert list(StageChange.objects.values_list("stage", "entered_at")) == [
            (Stage.APPLIED, now)
        ]

    def test_refuses_a_closed_vacancy_and_writes_nothing(self, candidate, vacancy, employer_user):
        vacancy_services.vacancy_close(
            actor=actor_for_user(employer_user),
            vacancy=vacancy,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        with pytest.raises(services.PipelineError) as refusal:
            applied(candidate, vacancy)

        assert refusal.value.message == str(services.VACANCY_NOT_LIVE)
        assert not Application.objects.exists()

    def test_refuses_a_second_application_to_the_same_job(self, candidate, vacancy):
        applied(candidate, vacancy)

        with pytest.raises(services.PipelineError) as refusal:
            applied(candidate, vacancy)

        assert refusal.value.message == str(services.ALREADY_APPLIED)
        assert StageChange.objects.count() == 1


class TestApplicationSuggest:
    def test_an_adviser_suggests_someone_whose_consent_covers_the_employer(
        self, adviser_actor, candidate, vacancy, outbox_backend
    ):
        consent_for(candidate, organisations=[vacancy.organisation])

        application = services.application_suggest(
            actor=adviser_actor, candidate=candidate, vacancy=vacancy, suggested_at=timezone.now()
        )

        assert application.stage == Stage.SUGGESTED
        assert OutboxMessage.objects.get().recipients == [candidate.email]

    def test_refuses_someone_whose_consent_does_not_name_the_employer(
        self, adviser_actor, candidate, vacancy, other_organisation
    ):
        consent_for(candidate, organisations=[other_organisation])

        with pytest.raises(services.PipelineError) as refusal:
            services.application_suggest(
                actor=adviser_actor,
                candidate=candidate,
                vacancy=vacancy,
                suggested_at=timezone.now(),
            )

        assert refusal.value.message == services.OUTSIDE_CONSENT.format(
            reference=candidate.reference, employer=vacancy.organisation.name
        )
        assert not Application.objects.exists()

    def test_refuses_an_employer_suggesting_for_another_employers_vacancy(
        self, other_organisation_user, candidate, vacancy
    ):
        consent_for(candidate, sharing=SharingScope.ALL_PARTNERS)

        with pytest.raises(DomainError):
            services.application_suggest(
                actor=actor_for_user(other_organisation_user),
                candidate=candidate,
                vacancy=vacancy,
                suggested_at=timezone.now(),
            )

        assert not Application.objects.exists()

    def test_the_candidate_takes_up_a_suggestion_by_applying(
        self, adviser_actor, candidate, vacancy
    ):
        consent_for(candidate, organisations=[vacancy.organisation])
        services.application_suggest(
            actor=adviser_actor, candidate=candidate, vacancy=vacancy, suggested_at=timezone.now()
        )

        application = applied(candidate, vacancy)

        assert application.stage == Stage.APPLIED
        assert set(application.changes.values_list("stage", flat=True)) == {
            Stage.SUGGESTED,
            Stage.APPLIED,
        }


class TestStageOrder:
    def test_refuses_booking_an_interview_before_shortlisting(
        self, employer_actor, candidate, vacancy
    ):
        application = applied(candidate, vacancy)
        now = timezone.now()

        with pytest.raises(services.PipelineError) as refusal:
            services.interview_book(
                actor=employer_actor,
                application=application,
                interview_at=now + timedelta(days=2),
                place="Main office",
                booked_at=now,
            )

        assert refusal.value.message == services.STAGE_OUT_OF_ORDER.format(
            current=Stage.APPLIED.label,
            needed=Stage.SHORTLISTED.label,
            wanted=Stage.INTERVIEW.label,
        )
        application.refresh_from_db()
        assert application.stage == Stage.APPLIED
        assert application.interview_at is None

    def test_refuses_another_employer_moving_the_application(
        self, other_organisation_user, candidate, vacancy
    ):
        application = applied(candidate, vacancy)

        with pytest.raises(DomainError):
            services.application_shortlist(
                actor=actor_for_user(other_organisation_user),
                application=application,
                shortlisted_at=timezone.now(),
            )

        application.refresh_from_db()
        assert application.stage == Stage.APPLIED

    def test_refuses_a_move_after_the_candidate_withdrew(self, employer_actor, candidate, vacancy):
        application = applied(candidate, vacancy)
        services.application_withdraw(
            actor=candidate_actor(candidate),
            application=application,
            reason=WithdrawalReason.OTHER_JOB,
            note="",
            withdrawn_at=timezone.now(),
        )

        with pytest.raises(services.PipelineError) as refusal:
            services.application_shortlist(
                actor=employer_actor, application=application, shortlisted_at=timezone.now()
            )

        assert refusal.value.message == str(services.ALREADY_ENDED)


class TestInterviewBook:
    def test_invites_the_candidate_by_text_in_their_own_language(
        self, employer_actor, vacancy, text_messages
    ):
        candidate = CandidateFactory(
            language=Language.URDU, contact_method=ContactMethod.TEXT, email=""
        )
        start = timezone.now() - timedelta(days=10)

        taken_to(
            Stage.INTERVIEW, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start
        )

        assert [(sent.to, sent.language) for sent in text_messages] == [(candidate.phone, "ur")]
        assert OutboxMessage.objects.filter(channel="text", recipients=[candidate.phone]).exists()


class TestOfferMake:
    def test_refuses_more_offers_than_posts_and_writes_nothing(
        self, employer_actor, vacancy, outbox_backend
    ):
        start = timezone.now() - timedelta(days=20)
        taken_to(
            Stage.OFFER,
            candidate=CandidateFactory(),
            vacancy=vacancy,
            actor=employer_actor,
            at=start,
        )
        second = taken_to(
            Stage.INTERVIEW,
            candidate=CandidateFactory(),
            vacancy=vacancy,
            actor=employer_actor,
            at=start,
        )
        messages_before = OutboxMessage.objects.count()

        with pytest.raises(services.PipelineError) as refusal:
            services.offer_make(
                actor=employer_actor,
                application=second,
                start_date=timezone.localdate() + timedelta(days=14),
                offered_at=timezone.now(),
            )

        assert refusal.value.message == services.MORE_OFFERS_THAN_POSTS.format(posts=1)
        second.refresh_from_db()
        assert second.stage == Stage.INTERVIEW
        assert OutboxMessage.objects.count() == messages_before

    def test_sends_the_offer_to_the_candidate(
        self, employer_actor, candidate, vacancy, outbox_backend
    ):
        start = timezone.now() - timedelta(days=20)

        taken_to(Stage.OFFER, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start)

        subjects = list(OutboxMessage.objects.values_list("subject", flat=True))
        assert subjects == ["Invitation to an interview", "You have been offered a job"]


class TestChecksAndStart:
    def test_opens_the_six_nhs_employment_checks_waiting_on_the_employer(
        self, employer_actor, candidate, vacancy
    ):
        start = timezone.now() - timedelta(days=20)

        application = taken_to(
            Stage.CHECKS, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start
        )

        checks = selectors.checks_of(application)
        assert [check.kind for check in checks] == CheckKind.values
        assert {(c.status, c.next_actor) for c in checks} == {
            (CheckStatus.NOT_STARTED, NextActor.EMPLOYER)
        }

    def test_refuses_a_start_while_checks_are_not_cleared_naming_them(
        self, employer_actor, candidate, vacancy
    ):
        start = timezone.now() - timedelta(days=20)
        application = taken_to(
            Stage.CHECKS, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start
        )
        clear_checks(employer_actor, application, timezone.now())
        dbs = application.checks.get(kind=CheckKind.CRIMINAL_RECORD)
        services.check_update(
            actor=employer_actor,
            check=dbs,
            status=CheckStatus.IN_PROGRESS,
            next_actor=NextActor.THIRD_PARTY,
            note="Sent to the DBS",
            updated_at=timezone.now(),
        )

        with pytest.raises(services.PipelineError) as refusal:
            services.application_start(
                actor=employer_actor,
                application=application,
                started_date=timezone.localdate(),
                recorded_at=timezone.now(),
            )

        assert refusal.value.message == services.CHECKS_NOT_DONE.format(
            checks=CheckKind.CRIMINAL_RECORD.label
        )
        application.refresh_from_db()
        assert application.stage == Stage.CHECKS

    def test_refuses_a_cleared_check_that_still_names_someone_to_act(
        self, employer_actor, candidate, vacancy
    ):
        start = timezone.now() - timedelta(days=20)
        application = taken_to(
            Stage.CHECKS, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start
        )
        identity = application.checks.get(kind=CheckKind.IDENTITY)

        with pytest.raises(services.PipelineError) as refusal:
            services.check_update(
                actor=employer_actor,
                check=identity,
                status=CheckStatus.CLEARED,
                next_actor=NextActor.CANDIDATE,
                note="",
                updated_at=timezone.now(),
            )

        assert refusal.value.message == services.CHECK_DONE_WITH_ACTOR
        identity.refresh_from_db()
        assert identity.status == CheckStatus.NOT_STARTED

    def test_starts_once_every_check_is_cleared(self, employer_actor, candidate, vacancy):
        start = timezone.now() - timedelta(days=20)

        application = taken_to(
            Stage.STARTED, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=start
        )

        assert application.stage == Stage.STARTED
        assert application.started_date is not None
        assert application.outcome == Outcome.ACTIVE


class TestConsentWithdrawal:
    def test_removes_a_suggested_candidate_from_the_employers_applications_at_once(
        self, adviser_actor, employer_actor, vacancy
    ):
        suggested = CandidateFactory()
        who_applied = CandidateFactory()
        consent_for(suggested, organisations=[vacancy.organisation])
        services.application_suggest(
            actor=adviser_actor, candidate=suggested, vacancy=vacancy, suggested_at=timezone.now()
        )
        applied(who_applied, vacancy)
        before = set(
            selectors.applications_for_vacancy(actor=employer_actor, vacancy=vacancy).values_list(
                "candidate_id", flat=True
            )
        )

        consent_withdraw(
            actor=candidate_actor(suggested), candidate=suggested, withdrawn_at=timezone.now()
        )

        after = set(
            selectors.applications_for_vacancy(actor=employer_actor, vacancy=vacancy).values_list(
                "candidate_id", flat=True
            )
        )
        assert before == {suggested.pk, who_applied.pk}
        assert after == {who_applied.pk}
        assert selectors.applications_visible_to(actor=adviser_actor).count() == 2

    def test_another_employer_never_sees_the_applications(
        self, other_organisation_user, candidate, vacancy
    ):
        applied(candidate, vacancy)

        seen = selectors.applications_visible_to(actor=actor_for_user(other_organisation_user))

        assert not seen.exists()

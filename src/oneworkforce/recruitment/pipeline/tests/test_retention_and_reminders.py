"""Retention checks at 3, 6 and 12 months, prompted to the employer when due, and interview
reminders: each computed from the clock passed in, and safe to run again."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from oneworkforce.partners.models import OutboxMessage
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.pipeline.models import (
    LeavingReason,
    Outcome,
    RetentionPrompt,
    Stage,
)
from oneworkforce.recruitment.pipeline.tests.factories import taken_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(employer_actor, candidate, vacancy):
    """Someone who started about a fortnight ago."""
    return taken_to(
        Stage.STARTED,
        candidate=candidate,
        vacancy=vacancy,
        actor=employer_actor,
        at=timezone.now() - timedelta(days=25),
    )


def _later(application, days: int) -> datetime:
    started = datetime.combine(application.started_date, datetime.min.time())
    return timezone.make_aware(started + timedelta(days=days, hours=12))


class TestRetentionConfirm:
    def test_refuses_the_three_month_check_before_it_is_due(self, employer_actor, starter):
        due = services.add_months(starter.started_date, 3)

        with pytest.raises(services.PipelineError) as refusal:
            services.retention_confirm(
                actor=employer_actor,
                application=starter,
                months=3,
                recorded_at=_later(starter, 30),
            )

        assert refusal.value.message == services.RETENTION_NOT_DUE.format(months=3, due=due)
        starter.refresh_from_db()
        assert starter.stage == Stage.STARTED

    def test_refuses_the_six_month_check_before_the_three_month_one(self, employer_actor, starter):
        with pytest.raises(services.PipelineError):
            services.retention_confirm(
                actor=employer_actor,
                application=starter,
                months=6,
                recorded_at=_later(starter, 200),
            )

        starter.refresh_from_db()
        assert starter.stage == Stage.STARTED

    def test_records_each_milestone_in_turn(self, employer_actor, starter):
        for months, days in ((3, 95), (6, 185), (12, 370)):
            services.retention_confirm(
                actor=employer_actor,
                application=starter,
                months=months,
                recorded_at=_later(starter, days),
            )

        starter.refresh_from_db()
        assert starter.stage == Stage.RETAINED_12


class TestApplicationLeft:
    def test_records_a_leaver_with_the_reason_and_answers_the_prompt(self, employer_actor, starter):
        services.retention_prompts_send(now=_later(starter, 100), link="/pipeline/retention/")

        services.application_left(
            actor=employer_actor,
            application=starter,
            left_date=starter.started_date + timedelta(days=60),
            reason=LeavingReason.HOURS,
            recorded_at=_later(starter, 101),
        )

        starter.refresh_from_db()
        assert (starter.outcome, starter.reason) == (Outcome.LEFT, LeavingReason.HOURS)
        assert RetentionPrompt.objects.get().answered_at is not None

    def test_refuses_a_leaving_date_before_the_start(self, employer_actor, starter):
        with pytest.raises(services.PipelineError) as refusal:
            services.application_left(
                actor=employer_actor,
                application=starter,
                left_date=starter.started_date - timedelta(days=1),
                reason=LeavingReason.HOURS,
                recorded_at=_later(starter, 10),
            )

        assert refusal.value.message == services.LEFT_DATE_OUT_OF_RANGE
        starter.refresh_from_db()
        assert starter.outcome == Outcome.ACTIVE


class TestRetentionPromptsSend:
    def test_prompts_nothing_before_three_months(self, starter, outbox_backend):
        written = services.retention_prompts_send(now=_later(starter, 80), link="/x/")

        assert written == 0
        assert not RetentionPrompt.objects.exists()

    def test_prompts_the_employer_once_when_three_months_have_passed(
        self, starter, employer_user, outbox_backend
    ):
        first = services.retention_prompts_send(now=_later(starter, 95), link="/x/")
        again = services.retention_prompts_send(now=_later(starter, 96), link="/x/")

        assert (first, again) == (1, 0)
        prompt = RetentionPrompt.objects.get()
        assert (prompt.months, prompt.due_date) == (3, services.add_months(starter.started_date, 3))
        message = OutboxMessage.objects.get()
        assert message.recipients == [employer_user.email]
        assert message.subject == services.RETENTION_PROMPT_SUBJECT

    def test_the_command_takes_the_day_to_run_as(self, starter, outbox_backend):
        day = _later(starter, 95).date()

        call_command("pipeline_prompts", "--today", day.isoformat(), stdout=None)

        assert RetentionPrompt.objects.filter(months=3).count() == 1


class TestInterviewRemindersSend:
    def test_reminds_once_on_the_day_before(
        self, employer_actor, candidate, vacancy, outbox_backend
    ):
        booked = timezone.now() - timedelta(days=5)
        application = taken_to(
            Stage.INTERVIEW, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=booked
        )
        interview_at = application.interview_at

        too_early = services.interview_reminders_send(now=interview_at - timedelta(days=2))
        on_time = services.interview_reminders_send(now=interview_at - timedelta(hours=20))
        again = services.interview_reminders_send(now=interview_at - timedelta(hours=19))

        assert (too_early, on_time, again) == (0, 1, 0)
        assert OutboxMessage.objects.filter(subject="Reminder: your interview").count() == 1

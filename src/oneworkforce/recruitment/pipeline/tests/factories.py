"""Builders for pipeline tests: applications taken to a stage through the real services, and
placements offered through the real service."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Site
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    CheckStatus,
    NextActor,
    Placement,
    Stage,
)
from oneworkforce.recruitment.services import candidate_actor
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.recruitment.vacancies.tests.factories import care_worker


def applied(candidate: Candidate, vacancy: Vacancy, *, at: datetime | None = None) -> Application:
    return services.application_apply(
        actor=candidate_actor(candidate),
        candidate=candidate,
        vacancy=vacancy,
        adjustments="",
        applied_at=at or timezone.now(),
    )


def taken_to(
    stage: Stage, *, candidate: Candidate, vacancy: Vacancy, actor: Actor, at: datetime
) -> Application:
    """An application moved step by step, a day apart, from applying to ``stage``."""
    application = applied(candidate, vacancy, at=at)
    day = timedelta(days=1)
    steps = [
        (
            Stage.SHORTLISTED,
            lambda a, t: services.application_shortlist(
                actor=actor, application=a, shortlisted_at=t
            ),
        ),
        (
            Stage.INTERVIEW,
            lambda a, t: services.interview_book(
                actor=actor, application=a, interview_at=t + day, place="Main office", booked_at=t
            ),
        ),
        (
            Stage.OFFER,
            lambda a, t: services.offer_make(
                actor=actor, application=a, start_date=t.date() + 7 * day, offered_at=t
            ),
        ),
        (Stage.CHECKS, lambda a, t: services.checks_begin(actor=actor, application=a, begun_at=t)),
        (Stage.STARTED, lambda a, t: _start(actor, a, t)),
    ]
    moment = at
    for step, move in steps:
        if Stage.values.index(stage) < Stage.values.index(step):
            break
        moment += day * 2
        application = move(application, moment)
    return application


def clear_checks(actor: Actor, application: Application, at: datetime) -> None:
    for check in application.checks.all():
        services.check_update(
            actor=actor,
            check=check,
            status=CheckStatus.CLEARED,
            next_actor=NextActor.NOBODY,
            note="",
            updated_at=at,
        )


def _start(actor: Actor, application: Application, at: datetime) -> Application:
    clear_checks(actor, application, at)
    return services.application_start(
        actor=actor, application=application, started_date=at.date(), recorded_at=at
    )


def placement(*, actor: Actor, site: Site, **fields: Any) -> Placement:
    today = timezone.localdate()
    details: dict[str, Any] = {
        "job_role": care_worker(),
        "title": "Care home taster weeks",
        "description": "Four paid weeks alongside an experienced care worker.",
        "start_date": today + timedelta(days=30),
        "end_date": today + timedelta(days=57),
        "places": 2,
        "hourly_rate": Decimal("12.60"),
    }
    details.update(fields)
    return services.placement_offer(actor=actor, site=site, offered_at=timezone.now(), **details)


def days_from_now(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)

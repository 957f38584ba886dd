"""Writes to the pipeline: one service per step, each checked, atomic, audited and told the
time. A refused step raises ``PipelineError`` with a message for the person who tried it and
writes nothing (the check comes before the first write; the transaction covers the rest)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.errors import DomainError
from oneworkforce.partners import selectors as partners_selectors
from oneworkforce.partners.access import Actor, NotAllowed
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Organisation, Role, Site
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.pipeline import notices
from oneworkforce.recruitment.pipeline.models import (
    DONE_STATUSES,
    RETENTION_MONTHS,
    Application,
    CheckKind,
    CheckStatus,
    EmploymentCheck,
    LeavingReason,
    NextActor,
    Outcome,
    Placement,
    PlacementChoice,
    RejectionReason,
    RetentionPrompt,
    Stage,
    StageChange,
    WithdrawalReason,
    stage_index,
)
from oneworkforce.recruitment.vacancies import matching
from oneworkforce.recruitment.vacancies import selectors as vacancy_selectors
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.reference.models import JobRole

# Seen by candidates: translated.
VACANCY_NOT_LIVE = _("This job is no longer taking applications")
ALREADY_APPLIED = _("You have already applied for this job")
ALREADY_ENDED = _("This application has already ended")
PLACEMENT_RANKED_TWICE = _("You chose {title} more than once. Choose each placement only once")
PLACEMENT_NOT_OPEN = _("{title} is no longer open for choices")
ADJUSTMENTS_TOO_LONG = _("Describe the adjustments in 2,000 characters or fewer")
# Seen by staff.
STAGE_OUT_OF_ORDER = (
    "This application is at the stage {current}: it must reach {needed} before {wanted}"
)
NOT_YOUR_VACANCY = "You can only move applications for your own organisation's vacancies"
OUTSIDE_CONSENT = (
    "{reference}'s consent does not let {employer} see their profile, so they cannot be "
    "suggested for this job"
)
ALREADY_SUGGESTED = "{reference} is already on this vacancy's applications"
MORE_OFFERS_THAN_POSTS = (
    "All {posts} posts for this vacancy have been offered. Withdraw an offer or add posts first"
)
INTERVIEW_IN_PAST = "The interview must be after now"
INTERVIEW_PLACE_NEEDED = "Enter where the interview is, or say it is by phone or video"
START_BEFORE_OFFER = "The start date cannot be before the offer was made"
CHECKS_NOT_DONE = "These checks are not cleared yet: {checks}"
STARTED_IN_FUTURE = "The start date cannot be in the future"
RETENTION_NOT_DUE = "The {months}-month check is due on {due:%d %B %Y}, not yet"
LEFT_DATE_OUT_OF_RANGE = "The leaving date must be between the start date and today"
REASON_UNKNOWN = "Choose a reason from the list"
CHECK_DONE_WITH_ACTOR = "A cleared or unneeded check has nobody left to act: choose Nobody"
CHECK_OPEN_WITHOUT_ACTOR = "Say who must act next on a check that is not done"
PLACEMENT_DATES_BACKWARDS = "The end date must be on or after the start date"
PLACEMENT_START_IN_PAST = "The start date must be after today"
PLACEMENT_PLACES_OUT_OF_RANGE = "Enter a number of places from 1 to 50"
PLACEMENT_RATE_NEEDED = "Enter the hourly rate, like 12.60: placements are paid"
PLACEMENT_SITE_NOT_YOURS = "Choose one of your organisation's sites"

# The audit log's name for the pipeline when it suggests someone on its own (see
# ``suggest_next``): no person did it, and the rejecting employer must not appear as the author.
AUTOMATIC_SUGGESTION = "Suggested automatically after the candidate was not hired elsewhere"
# Rejections after which the candidate is suggested to another employer. Every reason but a
# failed pre-employment check is about this job or this field of applicants; a check that was
# not cleared (identity, right to work, criminal record, work health) may bar the person from
# care work with any employer, so after one an adviser decides by hand (docs/pipeline.md).
SUGGEST_NEXT_AFTER = frozenset(RejectionReason.values) - {RejectionReason.CHECKS}

MAX_PLACES = 50
ADJUSTMENTS_LIMIT = 2000
# Employers move applications for their own vacancies; advisers support every partner.
MOVERS = (Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER)


class PipelineError(DomainError):
    pass


def _audit(actor: Actor, record: Application | Placement, at: datetime, *fields: str) -> None:
    organisation_id = (
        record.vacancy.organisation_id
        if isinstance(record, Application)
        else record.organisation_id
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED if fields else AuditAction.CREATED,
        record=record,
        record_organisation_id=organisation_id,
        occurred_at=at,
        fields_changed=list(fields),
    )


def may_move(actor: Actor, vacancy: Vacancy) -> bool:
    return actor.has_role(Role.RECRUITMENT_ADVISER) or (
        vacancy.organisation_id in actor.organisation_ids(Role.EMPLOYER_USER)
    )


def _require_mover(actor: Actor, application: Application) -> None:
    if not may_move(actor, application.vacancy):
        raise NotAllowed(NOT_YOUR_VACANCY)


def _require_active(application: Application) -> None:
    if application.outcome != Outcome.ACTIVE:
        raise PipelineError(str(ALREADY_ENDED))


def _require_stage(application: Application, needed: Stage, wanted: Stage) -> None:
    if application.stage != needed:
        raise PipelineError(
            STAGE_OUT_OF_ORDER.format(
                current=Stage(application.stage).label, needed=needed.label, wanted=wanted.label
            ),
            field="stage",
        )


def _enter(application: Application, stage: Stage, at: datetime, actor: Actor) -> None:
    application.stage = stage
    application.stage_at = at
    StageChange.objects.create(
        application=application, stage=stage, entered_at=at, recorded_by_id=actor.user_id
    )


def _employer_view(organisation_id: int) -> Actor:
    """The vacancy's employer as an actor: who the application will be shown to."""
    return Actor(
        label=f"organisation #{organisation_id}",
        memberships=frozenset({(organisation_id, Role.EMPLOYER_USER)}),
    )


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("candidate", "vacancy", "vacancy__organisation")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_suggest(
    *, actor: Actor, candidate: Candidate, vacancy: Vacancy, suggested_at: datetime
) -> Application:
    """Put a candidate forward for a vacancy, only while their consent covers its employer."""
    if not may_move(actor, vacancy):
        raise NotAllowed(NOT_YOUR_VACANCY)
    vacancy = Vacancy.objects.select_related("organisation").get(pk=vacancy.pk)
    if not vacancy.is_live_on(suggested_at.date()):
        raise PipelineError(str(VACANCY_NOT_LIVE))
    visible = recruitment_selectors.candidates_visible_to(
        actor=_employer_view(vacancy.organisation_id)
    )
    if not visible.filter(pk=candidate.pk).exists():
        raise PipelineError(
            OUTSIDE_CONSENT.format(
                reference=candidate.reference, employer=vacancy.organisation.name
            ),
            field="candidate",
        )
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise PipelineError(
            ALREADY_SUGGESTED.format(reference=candidate.reference), field="candidate"
        )
    application = Application.objects.create(
        candidate=candidate,
        vacancy=vacancy,
        stage=Stage.SUGGESTED,
        stage_at=suggested_at,
        suggested_by_id=actor.user_id,
    )
    StageChange.objects.create(
        application=application,
        stage=Stage.SUGGESTED,
        entered_at=suggested_at,
        recorded_by_id=actor.user_id,
    )
    _audit(actor, application, suggested_at)
    notices.suggested(application)
    return application


@transaction.atomic
def application_apply(
    *, actor: Actor, candidate: Candidate, vacancy: Vacancy, adjustments: str, applied_at: datetime
) -> Application:
    """A candidate applies, or takes up a suggestion. ``adjustments`` are the reasonable
    adjustments they ask for at interview and at work."""
    vacancy = Vacancy.objects.select_related("organisation").get(pk=vacancy.pk)
    if not vacancy.is_live_on(applied_at.date()):
        raise PipelineError(str(VACANCY_NOT_LIVE))
    if len(adjustments) > ADJUSTMENTS_LIMIT:
        raise PipelineError(str(ADJUSTMENTS_TOO_LONG), field="adjustments")
    existing = (
        Application.objects.select_for_update().filter(candidate=candidate, vacancy=vacancy).first()
    )
    if existing is not None and (
        existing.stage != Stage.SUGGESTED or existing.outcome != Outcome.ACTIVE
    ):
        raise PipelineError(str(ALREADY_APPLIED))
    application = existing or Application(candidate=candidate, vacancy=vacancy)
    application.adjustments = adjustments.strip()
    application.stage = Stage.APPLIED
    application.stage_at = applied_at
    application.save()
    StageChange.objects.create(application=application, stage=Stage.APPLIED, entered_at=applied_at)
    _audit(actor, application, applied_at, "stage")
    return application


@transaction.atomic
def application_shortlist(
    *, actor: Actor, application: Application, shortlisted_at: datetime
) -> Application:
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    _require_stage(application, Stage.APPLIED, Stage.SHORTLISTED)
    _enter(application, Stage.SHORTLISTED, shortlisted_at, actor)
    application.save()
    _audit(actor, application, shortlisted_at, "stage")
    return application


@transaction.atomic
def interview_book(
    *,
    actor: Actor,
    application: Application,
    interview_at: datetime,
    place: str,
    booked_at: datetime,
) -> Application:
    """Book the interview slot and invite the candidate in their language."""
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    _require_stage(application, Stage.SHORTLISTED, Stage.INTERVIEW)
    if interview_at <= booked_at:
        raise PipelineError(INTERVIEW_IN_PAST, field="interview_at")
    if not place.strip():
        raise PipelineError(INTERVIEW_PLACE_NEEDED, field="place")
    application.interview_at = interview_at
    application.interview_place = place.strip()
    _enter(application, Stage.INTERVIEW, booked_at, actor)
    application.save()
    _audit(actor, application, booked_at, "stage", "interview_at", "interview_place")
    notices.interview_invitation(application)
    return application


def offers_made(vacancy: Vacancy) -> int:
    """Active applications at the offer or beyond: the posts already promised."""
    return Application.objects.filter(
        vacancy=vacancy,
        outcome=Outcome.ACTIVE,
        stage__in=[s for s in Stage.values if stage_index(s) >= stage_index(Stage.OFFER)],
    ).count()


@transaction.atomic
def offer_make(
    *, actor: Actor, application: Application, start_date: date, offered_at: datetime
) -> Application:
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    _require_stage(application, Stage.INTERVIEW, Stage.OFFER)
    # Lock the vacancy so two offers made at once cannot both take the last post.
    vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    if offers_made(vacancy) >= vacancy.posts:
        raise PipelineError(MORE_OFFERS_THAN_POSTS.format(posts=vacancy.posts))
    if start_date < offered_at.date():
        raise PipelineError(START_BEFORE_OFFER, field="start_date")
    application.offered_start_date = start_date
    _enter(application, Stage.OFFER, offered_at, actor)
    application.save()
    _audit(actor, application, offered_at, "stage", "offered_start_date")
    notices.offer(application)
    return application


@transaction.atomic
def checks_begin(*, actor: Actor, application: Application, begun_at: datetime) -> Application:
    """Open the six NHS Employment Check Standards checks, each waiting on the employer."""
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    _require_stage(application, Stage.OFFER, Stage.CHECKS)
    EmploymentCheck.objects.bulk_create(
        EmploymentCheck(
            application=application,
            kind=kind,
            status=CheckStatus.NOT_STARTED,
            status_date=begun_at.date(),
            next_actor=NextActor.EMPLOYER,
        )
        for kind in CheckKind.values
    )
    _enter(application, Stage.CHECKS, begun_at, actor)
    application.save()
    _audit(actor, application, begun_at, "stage", "checks")
    return application


@transaction.atomic
def check_update(
    *,
    actor: Actor,
    check: EmploymentCheck,
    status: str,
    next_actor: str,
    note: str,
    updated_at: datetime,
) -> EmploymentCheck:
    application = _lock(check.application)
    _require_mover(actor, application)
    _require_active(application)
    if application.stage != Stage.CHECKS:
        raise PipelineError(
            STAGE_OUT_OF_ORDER.format(
                current=Stage(application.stage).label,
                needed=Stage.CHECKS.label,
                wanted="a check is updated",
            )
        )
    done = status in DONE_STATUSES
    if done and next_actor != NextActor.NOBODY:
        raise PipelineError(CHECK_DONE_WITH_ACTOR, field="next_actor")
    if not done and next_actor == NextActor.NOBODY:
        raise PipelineError(CHECK_OPEN_WITHOUT_ACTOR, field="next_actor")
    check.status = status
    check.next_actor = next_actor
    check.note = note.strip()[:300]
    check.status_date = updated_at.date()
    check.save()
    _audit(actor, application, updated_at, f"check_{check.kind}")
    return check


@transaction.atomic
def application_start(
    *, actor: Actor, application: Application, started_date: date, recorded_at: datetime
) -> Application:
    """The person started work: every check must be cleared (or not needed)."""
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    _require_stage(application, Stage.CHECKS, Stage.STARTED)
    waiting = [
        str(CheckKind(kind).label)
        for kind in application.checks.exclude(status__in=DONE_STATUSES)
        .order_by("pk")
        .values_list("kind", flat=True)
    ]
    if waiting:
        raise PipelineError(CHECKS_NOT_DONE.format(checks=", ".join(waiting)))
    if started_date > recorded_at.date():
        raise PipelineError(STARTED_IN_FUTURE, field="started_date")
    application.started_date = started_date
    _enter(application, Stage.STARTED, recorded_at, actor)
    application.save()
    _audit(actor, application, recorded_at, "stage", "started_date")
    return application


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter.

    >>> add_months(date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_milestone(application: Application) -> int | None:
    """The next retention milestone (3, 6 or 12 months) not yet recorded, if any."""
    if application.started_date is None or application.outcome != Outcome.ACTIVE:
        return None
    for months, stage in RETENTION_MONTHS.items():
        if stage_index(application.stage) < stage_index(stage):
            return months
    return None


@transaction.atomic
def retention_confirm(
    *, actor: Actor, application: Application, months: int, recorded_at: datetime
) -> Application:
    """Record that the person is still in post at a milestone that has come."""
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    stage = RETENTION_MONTHS[months]
    previous = Stage(Stage.values[stage_index(stage) - 1])
    _require_stage(application, previous, stage)
    assert application.started_date is not None
    due = add_months(application.started_date, months)
    if recorded_at.date() < due:
        raise PipelineError(RETENTION_NOT_DUE.format(months=months, due=due))
    _enter(application, stage, recorded_at, actor)
    application.save()
    RetentionPrompt.objects.filter(application=application, months=months).update(
        answered_at=recorded_at
    )
    _audit(actor, application, recorded_at, "stage")
    return application


def _end(
    application: Application,
    outcome: Outcome,
    reason: str,
    note: str,
    at: datetime,
) -> None:
    application.outcome = outcome
    application.reason = reason
    application.reason_note = note.strip()[:300]
    application.ended_at = at


@transaction.atomic
def application_withdraw(
    *, actor: Actor, application: Application, reason: str, note: str, withdrawn_at: datetime
) -> Application:
    """The candidate (or someone for them) withdraws, at any stage before starting."""
    application = _lock(application)
    _require_active(application)
    if reason not in WithdrawalReason.values:
        raise PipelineError(REASON_UNKNOWN, field="reason")
    if application.started_date is not None:
        raise PipelineError(str(ALREADY_ENDED))
    _end(application, Outcome.WITHDRAWN, reason, note, withdrawn_at)
    application.save()
    _audit(actor, application, withdrawn_at, "outcome", "reason")
    return application


@transaction.atomic
def application_reject(
    *, actor: Actor, application: Application, reason: str, note: str, rejected_at: datetime
) -> Application:
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    if reason not in RejectionReason.values:
        raise PipelineError(REASON_UNKNOWN, field="reason")
    if application.started_date is not None:
        raise PipelineError(str(ALREADY_ENDED))
    _end(application, Outcome.REJECTED, reason, note, rejected_at)
    application.save()
    _audit(actor, application, rejected_at, "outcome", "reason")
    if reason in SUGGEST_NEXT_AFTER:
        suggest_next(application=application, suggested_at=rejected_at)
    return application


def _next_employer_view(organisation_id: int) -> Actor:
    """The pipeline suggesting for ``organisation_id``'s vacancy on its own, as that employer
    would (the suggest service allows employers to suggest for their own vacancies)."""
    return Actor(
        label=AUTOMATIC_SUGGESTION,
        memberships=frozenset({(organisation_id, Role.EMPLOYER_USER)}),
    )


@transaction.atomic
def suggest_next(*, application: Application, suggested_at: datetime) -> Application | None:
    """After ``application`` ended in a rejection, suggest its candidate for their
    best-matching live vacancy at another employer whose vacancies their current consent lets
    them be suggested for, and to which they have not applied or been suggested; the new
    suggestion, or None when no vacancy is left. Runs inside the rejection's transaction."""
    candidate = application.candidate
    on_date = suggested_at.date()
    elsewhere = (
        vacancy_selectors.live_vacancies(on_date=on_date)
        .exclude(organisation_id=application.vacancy.organisation_id)
        .exclude(applications__candidate=candidate)
    )
    employers = set(elsewhere.order_by().values_list("organisation_id", flat=True).distinct())
    # The register's one scoping selector decides, employer by employer, as for a shortlist.
    covered = [
        organisation_id
        for organisation_id in sorted(employers)
        if recruitment_selectors.candidates_visible_to(actor=_employer_view(organisation_id))
        .filter(pk=candidate.pk)
        .exists()
    ]
    if not covered:
        return None
    best = matching.best_vacancies_for(
        candidate, elsewhere.filter(organisation_id__in=covered), on_date=on_date, k=1
    )
    if not best:
        return None
    vacancy = best[0].vacancy
    return application_suggest(
        actor=_next_employer_view(vacancy.organisation_id),
        candidate=candidate,
        vacancy=vacancy,
        suggested_at=suggested_at,
    )


@transaction.atomic
def application_left(
    *, actor: Actor, application: Application, left_date: date, reason: str, recorded_at: datetime
) -> Application:
    """Someone who started has left: the answer to a retention check that did not hold."""
    application = _lock(application)
    _require_mover(actor, application)
    _require_active(application)
    if application.started_date is None:
        raise PipelineError(
            STAGE_OUT_OF_ORDER.format(
                current=Stage(application.stage).label,
                needed=Stage.STARTED.label,
                wanted="a leaver is recorded",
            )
        )
    if reason not in LeavingReason.values:
        raise PipelineError(REASON_UNKNOWN, field="reason")
    if not application.started_date <= left_date <= recorded_at.date():
        raise PipelineError(LEFT_DATE_OUT_OF_RANGE, field="left_date")
    _end(application, Outcome.LEFT, reason, "", recorded_at)
    application.left_date = left_date
    application.save()
    RetentionPrompt.objects.filter(application=application, answered_at__isnull=True).update(
        answered_at=recorded_at
    )
    _audit(actor, application, recorded_at, "outcome", "left_date")
    return application


def interview_reminders_send(*, now: datetime, ahead: timedelta = timedelta(days=1)) -> int:
    """Remind every candidate whose interview is within ``ahead`` and who has not been
    reminded; how many were reminded. Safe to run as often as wanted."""
    due = Application.objects.filter(
        outcome=Outcome.ACTIVE,
        stage=Stage.INTERVIEW,
        interview_at__gt=now,
        interview_at__lte=now + ahead,
        interview_reminded_at__isnull=True,
    ).select_related("candidate", "vacancy__organisation")
    reminded = 0
    for application in due:
        with transaction.atomic():
            claimed = Application.objects.filter(
                pk=application.pk, interview_reminded_at__isnull=True
            ).update(interview_reminded_at=now)
            if claimed:
                notices.interview_reminder(application)
                reminded += 1
    return reminded


def retention_prompts_due(*, today: date) -> list[tuple[Application, int, date]]:
    """Applications whose next retention milestone has come and that have no prompt for it."""
    started = Application.objects.filter(
        outcome=Outcome.ACTIVE, started_date__isnull=False
    ).select_related("vacancy__organisation")
    prompted = set(RetentionPrompt.objects.values_list("application_id", "months"))
    due = []
    for application in started.order_by("started_date", "pk"):
        months = next_milestone(application)
        if months is None or (application.pk, months) in prompted:
            continue
        assert application.started_date is not None
        due_date = add_months(application.started_date, months)
        if due_date <= today:
            due.append((application, months, due_date))
    return due


RETENTION_PROMPT_SUBJECT = "Retention checks are due"
RETENTION_PROMPT_BODY = (
    "{count} of your recent starters have reached 3, 6 or 12 months in post. Record whether "
    "they are still with you on the retention page: {link}"
)


def retention_prompts_send(*, now: datetime, link: str) -> int:
    """Write a prompt for every due milestone and e-mail each employer's users once, with
    how many are due. How many prompts were written."""
    due = retention_prompts_due(today=now.date())
    by_employer: dict[int, int] = {}
    with transaction.atomic():
        RetentionPrompt.objects.bulk_create(
            RetentionPrompt(
                application=application, months=months, due_date=due_date, prompted_at=now
            )
            for application, months, due_date in due
        )
        for application, _, _ in due:
            organisation_id = application.vacancy.organisation_id
            by_employer[organisation_id] = by_employer.get(organisation_id, 0) + 1
    for organisation_id, count in sorted(by_employer.items()):
        organisation = Organisation.objects.get(pk=organisation_id)
        memberships = partners_selectors.memberships_of_organisation(
            actor=_employer_view(organisation_id), organisation=organisation
        ).filter(role=Role.EMPLOYER_USER, user__is_active=True)
        recipients = sorted({m.user.email for m in memberships if m.user.email})
        if recipients:
            send_mail(
                subject=RETENTION_PROMPT_SUBJECT,
                message=RETENTION_PROMPT_BODY.format(count=count, link=link),
                from_email=None,
                recipient_list=recipients,
            )
    return len(due)


@transaction.atomic
def placement_offer(
    *,
    actor: Actor,
    site: Site,
    job_role: JobRole,
    title: str,
    description: str,
    start_date: date,
    end_date: date,
    places: int,
    hourly_rate: Decimal,
    offered_at: datetime,
) -> Placement:
    if not (
        actor.is_partnership_admin
        or site.organisation_id in actor.organisation_ids(Role.EMPLOYER_USER)
    ):
        raise PipelineError(PLACEMENT_SITE_NOT_YOURS, field="site")
    if start_date <= offered_at.date():
        raise PipelineError(PLACEMENT_START_IN_PAST, field="start_date")
    if end_date < start_date:
        raise PipelineError(PLACEMENT_DATES_BACKWARDS, field="end_date")
    if not 1 <= places <= MAX_PLACES:
        raise PipelineError(PLACEMENT_PLACES_OUT_OF_RANGE, field="places")
    if hourly_rate is None or hourly_rate <= 0:
        raise PipelineError(PLACEMENT_RATE_NEEDED, field="hourly_rate")
    placement = Placement.objects.create(
        organisation_id=site.organisation_id,
        site=site,
        job_role=job_role,
        title=title.strip(),
        description=description.strip(),
        start_date=start_date,
        end_date=end_date,
        places=places,
        hourly_rate=hourly_rate,
        offered_at=offered_at,
        offered_by_id=actor.user_id,
    )
    _audit(actor, placement, offered_at)
    return placement


@transaction.atomic
def placement_choices_save(
    *, candidate: Candidate, placements: Sequence[Placement], chosen_at: datetime
) -> list[PlacementChoice]:
    """Replace the candidate's ranking with ``placements``, most wanted first. A placement
    named twice, or one no longer open, is refused and the old ranking kept."""
    seen: set[int] = set()
    for placement in placements:
        if placement.pk in seen:
            raise PipelineError(
                str(PLACEMENT_RANKED_TWICE).format(title=placement.title), field="choices"
            )
        seen.add(placement.pk)
        if not placement.is_open_on(chosen_at.date()):
            raise PipelineError(
                str(PLACEMENT_NOT_OPEN).format(title=placement.title), field="choices"
            )
    PlacementChoice.objects.filter(candidate=candidate).delete()
    return PlacementChoice.objects.bulk_create(
        PlacementChoice(candidate=candidate, placement=placement, rank=rank, created_at=chosen_at)
        for rank, placement in enumerate(placements, start=1)
    )

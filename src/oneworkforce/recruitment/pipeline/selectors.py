"""Reads of applications and placements, scoped by who is asking.

``applications_visible_to`` is the one way to list applications: recruitment advisers see
them all; an employer sees the applications to its own vacancies, except that a candidate who
was only suggested (never applied) stays visible only while their consent names the
employer, so withdrawing consent removes them at once. A candidate who applied chose to
share the application with that employer, and it stays theirs to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Role, Site
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.pipeline.models import (
    DONE_STATUSES,
    RETENTION_MONTHS,
    AllocationRun,
    Application,
    CheckKind,
    EmploymentCheck,
    Outcome,
    PlacedCandidate,
    Placement,
    PlacementChoice,
    PlacementStatus,
    RetentionPrompt,
    Stage,
    StageChange,
    stage_index,
)
from oneworkforce.recruitment.vacancies.models import Vacancy


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "candidate", "vacancy", "vacancy__organisation", "vacancy__site"
    )


def applications_visible_to(*, actor: Actor) -> QuerySet[Application]:
    if actor.has_role(Role.RECRUITMENT_ADVISER):
        return _applications()
    employers = actor.organisation_ids(Role.EMPLOYER_USER)
    if not employers:
        return Application.objects.none()
    visible = Q()
    for organisation_id in sorted(employers):
        as_employer = Actor(
            label=actor.label,
            memberships=frozenset({(organisation_id, Role.EMPLOYER_USER)}),
            user_id=actor.user_id,
        )
        consenting = recruitment_selectors.candidates_visible_to(actor=as_employer)
        visible |= Q(vacancy__organisation_id=organisation_id) & (
            ~Q(stage=Stage.SUGGESTED) | Q(candidate__in=consenting)
        )
    return _applications().filter(visible)


def applications_for_vacancy(*, actor: Actor, vacancy: Vacancy) -> QuerySet[Application]:
    return applications_visible_to(actor=actor).filter(vacancy=vacancy).order_by("-stage_at", "pk")


def applications_of(*, candidate: Candidate) -> QuerySet[Application]:
    """The candidate's own applications, newest first (suggestions included)."""
    return _applications().filter(candidate=candidate).order_by("-stage_at", "-pk")


def vacancy_for_applications(*, actor: Actor, pk: int) -> Vacancy | None:
    """A vacancy whose applications the actor may read: their employer's, or any (adviser)."""
    vacancies = Vacancy.objects.select_related("organisation", "site")
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        vacancies = vacancies.filter(organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER))
    return vacancies.filter(pk=pk).first()


@dataclass(frozen=True)
class Step:
    """One stage of the tracker: reached on a date, current, or still to come."""

    stage: str
    label: str
    entered_at: object
    state: str  # "done", "current" or "to_come"


def stage_history(application: Application) -> list[Step]:
    """Every stage from applying (or being suggested) to 12 months, with the dates reached."""
    reached = dict(
        StageChange.objects.filter(application=application).values_list("stage", "entered_at")
    )
    current = stage_index(application.stage)
    first = 0 if Stage.SUGGESTED in reached else 1
    steps = []
    for index, stage in enumerate(Stage):
        if index < first:
            continue
        state = "done" if index < current else "current" if index == current else "to_come"
        steps.append(Step(stage.value, str(stage.label), reached.get(stage.value), state))
    return steps


def checks_of(application: Application) -> list[EmploymentCheck]:
    order = {kind: index for index, kind in enumerate(CheckKind.values)}
    return sorted(application.checks.all(), key=lambda check: order[check.kind])


def checks_done(application: Application) -> tuple[int, int]:
    checks = checks_of(application)
    return sum(check.status in DONE_STATUSES for check in checks), len(checks)


def retention_prompts_for(*, actor: Actor) -> QuerySet[RetentionPrompt]:
    """Unanswered retention prompts about applications the actor may read."""
    return (
        RetentionPrompt.objects.filter(
            answered_at__isnull=True,
            application__in=applications_visible_to(actor=actor),
            application__outcome=Outcome.ACTIVE,
        )
        .select_related("application__candidate", "application__vacancy__organisation")
        .order_by("due_date", "pk")
    )


def retention_stage_for(months: int) -> str:
    return RETENTION_MONTHS[months]


def placements_for_staff() -> QuerySet[Placement]:
    """Placements are offers by employers, not personal data: every member of staff reads them."""
    return Placement.objects.select_related("organisation", "site", "job_role").order_by(
        "status", "start_date", "pk"
    )


def open_placements(*, on_date: date) -> QuerySet[Placement]:
    return placements_for_staff().filter(status=PlacementStatus.OPEN, start_date__gt=on_date)


def placement_choices_of(*, candidate: Candidate) -> QuerySet[PlacementChoice]:
    return (
        PlacementChoice.objects.filter(candidate=candidate)
        .select_related("placement__organisation", "placement__site")
        .order_by("rank")
    )


def placements_given_to(*, candidate: Candidate) -> QuerySet[PlacedCandidate]:
    return (
        PlacedCandidate.objects.filter(candidate=candidate, run__confirmed_at__isnull=False)
        .select_related("placement__organisation", "placement__site")
        .order_by("-run__confirmed_at")
    )


def sites_for_placements(*, actor: Actor) -> QuerySet[Site]:
    sites = Site.objects.select_related("organisation").filter(organisation__is_active=True)
    if not actor.is_partnership_admin:
        sites = sites.filter(organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER))
    return sites.order_by("organisation__name", "name")


def allocation_runs_for(*, actor: Actor) -> QuerySet[AllocationRun]:
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        return AllocationRun.objects.none()
    return AllocationRun.objects.order_by("-run_at", "-pk")


def places_in_run(run: AllocationRun) -> QuerySet[PlacedCandidate]:
    return run.places_given.select_related("candidate", "placement__organisation").order_by(
        "placement__title", "placement_id", "candidate__full_name"
    )

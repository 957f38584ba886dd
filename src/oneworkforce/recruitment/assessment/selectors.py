"""Reads of the assessment, scoped by who is asking.

Candidates read only their own attempts (through their session, never by id alone);
recruitment advisers and partnership administrators read every attempt, since they support
every candidate. Employers and analysts read none: a result is shared with an employer only
as part of a profile the candidate's consent names, which the matching pages decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from oneworkforce.engines import assessment as engine
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Role
from oneworkforce.recruitment.assessment import documents
from oneworkforce.recruitment.assessment.models import (
    AdviserNote,
    Attempt,
    Band,
    BankStatus,
    BankVersion,
    Level,
    Measure,
)
from oneworkforce.recruitment.models import Candidate
from oneworkforce.reference import selectors as reference_selectors

READERS = (Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN)


def current_bank_version() -> BankVersion | None:
    """The published version new attempts use: the latest one published."""
    return BankVersion.objects.filter(status=BankStatus.PUBLISHED).order_by("-number").first()


def bank_draft() -> BankVersion | None:
    return BankVersion.objects.filter(status=BankStatus.DRAFT).first()


def last_bank_number() -> int:
    return BankVersion.objects.aggregate(last=Max("number"))["last"] or 0


def bank_versions(*, actor: Actor) -> QuerySet[BankVersion]:
    if not actor.has_role(*READERS):
        return BankVersion.objects.none()
    return BankVersion.objects.annotate(attempt_count=Count("attempts")).order_by("-number")


def open_attempt(*, candidate: Candidate) -> Attempt | None:
    return (
        Attempt.objects.filter(candidate=candidate, submitted_at__isnull=True)
        .select_related("bank_version")
        .first()
    )


def attempts_of(*, candidate: Candidate) -> QuerySet[Attempt]:
    """A candidate's own attempts, newest first."""
    return (
        Attempt.objects.filter(candidate=candidate)
        .select_related("bank_version")
        .order_by("-started_at", "-pk")
    )


def attempts_visible_to(*, actor: Actor) -> QuerySet[Attempt]:
    if not actor.has_role(*READERS):
        return Attempt.objects.none()
    return Attempt.objects.select_related("candidate", "bank_version")


def notes_of(*, actor: Actor, attempt: Attempt) -> QuerySet[AdviserNote]:
    if not actor.has_role(*READERS):
        return AdviserNote.objects.none()
    return attempt.notes.select_related("written_by").order_by("written_at", "pk")


def notes_shown_to_candidate(*, candidate: Candidate, attempt: Attempt) -> QuerySet[AdviserNote]:
    """A candidate reads their advisers' notes on their own attempts (they are in their data
    download anyway); the author is not named, only the date."""
    if attempt.candidate_id != candidate.pk:
        return AdviserNote.objects.none()
    return attempt.notes.order_by("written_at", "pk")


@dataclass(frozen=True)
class ShownScore:
    measure: str
    label: str
    band: str
    band_label: str
    points: int
    maximum: int

    @property
    def percent(self) -> int:
        return self.points * 100 // self.maximum if self.maximum else 0


@dataclass(frozen=True)
class ShownResult:
    """A submitted attempt's result in the page's language: its level, each measure, and
    what to do next with names from the reference lists and the bank's own texts."""

    level: str
    level_label: str
    values: list[ShownScore]
    skills: list[ShownScore]
    readiness: list[ShownScore]
    gaps: list[ShownScore]
    training: list[str]
    next_steps: list[str]
    placements: list[str]
    roles: list[str]


_VALUES = frozenset(engine.CARE_VALUES)
_SKILLS = frozenset(engine.SKILLS)


def _names_by_key(queryset: QuerySet[Any], keys: list[str]) -> list[str]:
    names = dict(queryset.filter(key__in=keys).values_list("key", "name"))
    return [documents.reference_name(names[key]) for key in keys if key in names]


def shown_result(*, attempt: Attempt, language: str) -> ShownResult:
    result = attempt.result or {}
    document = attempt.bank_version.document
    scores = [
        ShownScore(
            measure=entry["measure"],
            label=str(Measure(entry["measure"]).label),
            band=entry["band"],
            band_label=str(Band(entry["band"]).label),
            points=entry["points"],
            maximum=entry["maximum"],
        )
        for entry in result.get("scores", [])
    ]
    by_measure = {score.measure: score for score in scores}
    recommended = result.get("recommendations", {})
    steps = document.get("steps") or {}
    placements = document.get("placement_kinds") or {}
    return ShownResult(
        level=attempt.level,
        level_label=str(Level(attempt.level).label),
        values=[score for score in scores if score.measure in _VALUES],
        skills=[score for score in scores if score.measure in _SKILLS],
        readiness=[score for score in scores if score.measure not in _VALUES | _SKILLS],
        gaps=[
            by_measure[reason["measure"]]
            for reason in result.get("reasons", [])
            if reason["band"] != Band.STRONG
        ],
        training=_names_by_key(
            reference_selectors.training_subjects(), recommended.get("training", [])
        ),
        next_steps=[
            documents.text_in(steps.get(key), language) for key in recommended.get("next_steps", [])
        ],
        placements=[
            documents.text_in(placements.get(key), language)
            for key in recommended.get("placements", [])
        ],
        roles=_names_by_key(reference_selectors.job_roles(), recommended.get("roles", [])),
    )

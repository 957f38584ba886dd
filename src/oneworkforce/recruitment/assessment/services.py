"""Writes of the assessment: a candidate's attempt (start, answer, submit), advisers' notes,
and the question bank's versions (draft, edit, publish). Each is atomic and told the time."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.errors import DomainError
from oneworkforce.engines import assessment as engine
from oneworkforce.partners.access import Actor
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Role
from oneworkforce.recruitment import services as recruitment_services
from oneworkforce.recruitment.assessment import documents, selectors
from oneworkforce.recruitment.assessment.models import (
    AdviserNote,
    Attempt,
    BankStatus,
    BankVersion,
)
from oneworkforce.recruitment.models import Candidate

# Candidates read these, so they are translated.
NOT_AVAILABLE = _("The assessment is not open yet. Ask your adviser when you can take it.")
NOT_AN_OPTION = _("Select one of the answers")
ALREADY_SENT = _("You have already sent these answers. Start the assessment again to retake it.")
NOT_FINISHED = _("Answer every question before you send your answers")
# Advisers read these (staff pages are in English).
NOTE_EMPTY = "Enter a note"
NOT_A_DRAFT = "Version {number} is published, so it cannot change. Start a new draft to edit it."
DRAFT_EXISTS = "Version {number} is already a draft: edit or publish it first."
NOTHING_PUBLISHED = "There is no published version to start a draft from."

EDITORS = (Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN)


class AssessmentError(DomainError):
    pass


class BankInvalid(AssessmentError):
    """A bank document with problems; ``problems`` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = problems


def _candidate_actor(candidate: Candidate) -> Actor:
    return recruitment_services.candidate_actor(candidate)


@transaction.atomic
def attempt_start(*, candidate: Candidate, language: str, started_at: datetime) -> Attempt:
    """The candidate's unfinished attempt, or a new one on the current published bank (a
    retake when they have finished one before)."""
    open_attempt = selectors.open_attempt(candidate=candidate)
    if open_attempt is not None:
        return open_attempt
    version = selectors.current_bank_version()
    if version is None:
        raise AssessmentError(str(NOT_AVAILABLE))
    attempt = Attempt.objects.create(
        candidate=candidate,
        bank_version=version,
        language=documents.supported_language(language),
        started_at=started_at,
    )
    audit_record(
        actor=_candidate_actor(candidate),
        action=AuditAction.CREATED,
        record=attempt,
        record_organisation_id=None,
        occurred_at=started_at,
    )
    return attempt


@transaction.atomic
def attempt_answer(
    *, attempt: Attempt, question_key: str, option_key: str, answered_at: datetime
) -> Attempt:
    """Save one answer as soon as it is given, so a candidate can stop and come back."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_submitted:
        raise AssessmentError(str(ALREADY_SENT))
    bank = engine.parse_bank(attempt.bank_version.document)
    question = bank.question(question_key)
    if question is None or question.option(option_key) is None:
        raise AssessmentError(str(NOT_AN_OPTION), field="answer")
    attempt.answers = {**attempt.answers, question_key: option_key}
    attempt.updated_at = answered_at
    attempt.save(update_fields=["answers", "updated_at"])
    return attempt


def result_as_json(result: engine.Result) -> dict[str, Any]:
    return {
        "scores": [
            {
                "measure": score.measure,
                "points": score.points,
                "maximum": score.maximum,
                "band": score.band.value,
            }
            for score in result.scores
        ],
        "reasons": [
            {"measure": reason.measure, "band": reason.band.value} for reason in result.reasons
        ],
        "recommendations": {
            "training": list(result.recommendations.training),
            "next_steps": list(result.recommendations.next_steps),
            "placements": list(result.recommendations.placements),
            "roles": list(result.recommendations.roles),
        },
    }


@transaction.atomic
def attempt_submit(*, attempt: Attempt, submitted_at: datetime) -> Attempt:
    """Score the answers against the version the attempt was started on, and keep the
    result with it."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_submitted:
        raise AssessmentError(str(ALREADY_SENT))
    bank = engine.parse_bank(attempt.bank_version.document)
    try:
        result = engine.score(bank, attempt.answers)
    except engine.AnswersError as error:
        raise AssessmentError(str(NOT_FINISHED)) from error
    attempt.submitted_at = submitted_at
    attempt.level = result.level.value
    attempt.result = result_as_json(result)
    attempt.save(update_fields=["submitted_at", "level", "result", "updated_at"])
    audit_record(
        actor=_candidate_actor(attempt.candidate),
        action=AuditAction.CHANGED,
        record=attempt,
        record_organisation_id=None,
        occurred_at=submitted_at,
        fields_changed=["submitted_at", "level", "result"],
    )
    return attempt


@transaction.atomic
def note_add(*, actor: Actor, attempt: Attempt, text: str, written_at: datetime) -> AdviserNote:
    actor.require(*EDITORS)
    if not text.strip():
        raise AssessmentError(NOTE_EMPTY, field="text")
    note = AdviserNote.objects.create(
        attempt=attempt, written_at=written_at, written_by_id=actor.user_id, text=text.strip()
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=note,
        record_organisation_id=None,
        occurred_at=written_at,
    )
    return note


@transaction.atomic
def bank_draft_start(*, actor: Actor, created_at: datetime) -> BankVersion:
    """A new draft: a copy of the current published version, numbered after the last."""
    actor.require(*EDITORS)
    draft = selectors.bank_draft()
    if draft is not None:
        raise AssessmentError(DRAFT_EXISTS.format(number=draft.number))
    current = selectors.current_bank_version()
    if current is None:
        raise AssessmentError(NOTHING_PUBLISHED)
    version = BankVersion.objects.create(
        number=selectors.last_bank_number() + 1,
        status=BankStatus.DRAFT,
        document=copy.deepcopy(current.document),
        created_at=created_at,
        created_by_id=actor.user_id,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=version,
        record_organisation_id=None,
        occurred_at=created_at,
    )
    return version


def _require_draft(version: BankVersion) -> None:
    if not version.is_draft:
        raise AssessmentError(NOT_A_DRAFT.format(number=version.number))


@transaction.atomic
def bank_draft_save(
    *,
    actor: Actor,
    version: BankVersion,
    document: dict[str, Any],
    change_note: str | None = None,
    saved_at: datetime,
) -> BankVersion:
    """Replace the draft's document with ``document`` if it has no problems."""
    actor.require(*EDITORS)
    version = _locked(version)
    _require_draft(version)
    problems = documents.bank_problems(document)
    if problems:
        raise BankInvalid(problems)
    version.document = document
    fields = ["document", "updated_at"]
    if change_note is not None:
        version.change_note = change_note
        fields.append("change_note")
    version.updated_at = saved_at
    version.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=version,
        record_organisation_id=None,
        occurred_at=saved_at,
        fields_changed=[field for field in fields if field != "updated_at"],
    )
    return version


@transaction.atomic
def bank_publish(*, actor: Actor, version: BankVersion, published_at: datetime) -> BankVersion:
    """Make the draft the version new attempts use. It never changes after this."""
    actor.require(*EDITORS)
    version = _locked(version)
    _require_draft(version)
    problems = documents.bank_problems(version.document)
    if problems:
        raise BankInvalid(problems)
    version.status = BankStatus.PUBLISHED
    version.published_at = published_at
    version.published_by_id = actor.user_id
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=version,
        record_organisation_id=None,
        occurred_at=published_at,
        fields_changed=["status", "published_at"],
    )
    return version


@transaction.atomic
def bank_draft_discard(*, actor: Actor, version: BankVersion, discarded_at: datetime) -> None:
    actor.require(*EDITORS)
    _require_draft(version)
    audit_record(
        actor=actor,
        action=AuditAction.DELETED,
        record=version,
        record_organisation_id=None,
        occurred_at=discarded_at,
    )
    version.delete()


def _locked(version: BankVersion) -> BankVersion:
    """The version as stored now, locked until the transaction ends: two advisers editing
    the same draft apply their changes one after the other, neither losing the other's."""
    return BankVersion.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def bank_question_save(
    *, actor: Actor, version: BankVersion, question: dict[str, Any], saved_at: datetime
) -> BankVersion:
    """Put ``question`` in the draft: in place of the question with its key, or at the end
    of its section when the key is new."""
    version = _locked(version)
    document = copy.deepcopy(version.document)
    questions = document.setdefault("questions", [])
    index = next(
        (i for i, entry in enumerate(questions) if entry.get("key") == question["key"]), None
    )
    if index is not None:
        questions[index] = question
    else:
        last_in_section = max(
            (i for i, entry in enumerate(questions) if entry.get("section") == question["section"]),
            default=len(questions) - 1,
        )
        questions.insert(last_in_section + 1, question)
    return bank_draft_save(actor=actor, version=version, document=document, saved_at=saved_at)


@transaction.atomic
def bank_question_remove(
    *, actor: Actor, version: BankVersion, question_key: str, removed_at: datetime
) -> BankVersion:
    version = _locked(version)
    document = copy.deepcopy(version.document)
    document["questions"] = [
        entry for entry in document.get("questions", []) if entry.get("key") != question_key
    ]
    return bank_draft_save(actor=actor, version=version, document=document, saved_at=removed_at)


@transaction.atomic
def bank_thresholds_save(
    *,
    actor: Actor,
    version: BankVersion,
    strong_percent: int,
    concern_percent: int,
    change_note: str,
    saved_at: datetime,
) -> BankVersion:
    version = _locked(version)
    document = copy.deepcopy(version.document)
    document["scoring"] = {"strong_percent": strong_percent, "concern_percent": concern_percent}
    return bank_draft_save(
        actor=actor, version=version, document=document, change_note=change_note, saved_at=saved_at
    )

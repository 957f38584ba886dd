"""Factories for the assessment's tests: attempts on the published default bank, answered
well or badly."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from oneworkforce.engines import assessment as engine
from oneworkforce.recruitment.assessment import selectors, services
from oneworkforce.recruitment.assessment.models import Attempt, BankVersion
from oneworkforce.recruitment.models import Candidate


def current_bank() -> BankVersion:
    version = selectors.current_bank_version()
    assert version is not None, "the data migration publishes version 1"
    return version


def best_answers(document: dict[str, Any]) -> dict[str, str]:
    """For every question, the option worth the most points in all."""
    return {
        entry["key"]: max(entry["options"], key=lambda o: sum(o["scores"].values()))["key"]
        for entry in document["questions"]
    }


def worst_answers(document: dict[str, Any]) -> dict[str, str]:
    return {
        entry["key"]: min(entry["options"], key=lambda o: sum(o["scores"].values()))["key"]
        for entry in document["questions"]
    }


def submitted_attempt(
    candidate: Candidate,
    *,
    answers: dict[str, str] | None = None,
    at: datetime | None = None,
    language: str = "en-gb",
) -> Attempt:
    at = at or timezone.now()
    attempt = services.attempt_start(
        candidate=candidate, language=language, started_at=at - timedelta(minutes=20)
    )
    attempt.answers = answers or best_answers(attempt.bank_version.document)
    attempt.save(update_fields=["answers"])
    return services.attempt_submit(attempt=attempt, submitted_at=at)


def parsed(version: BankVersion) -> engine.Bank:
    return engine.parse_bank(version.document)

"""The demo district's assessment results: a share of the demo candidates took the
pre-employment assessment on the published question bank, some twice, some in Urdu, and
advisers wrote notes on a few. Made from the district's seed, so the same demo always shows
the same results.

Each candidate has a "disposition": the chance that they pick a question's best answer
(otherwise they pick any answer at random). Dispositions are spread so that every readiness
level is common, and a retake is a little better than the first try, as people who took the
recommended course would be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from oneworkforce.engines import assessment as engine
from oneworkforce.recruitment.assessment import selectors as assessment_selectors
from oneworkforce.recruitment.assessment import services as assessment_services
from oneworkforce.recruitment.assessment.models import AdviserNote, Attempt
from oneworkforce.recruitment.models import Candidate

__all__ = ["DemoAssessments", "demo_assessments_clear", "demo_assessments_load"]

SEED_OFFSET = 6_000
# Shares of the demo candidates who took it, who took it again, and whose adviser wrote a note.
TAKEN_SHARE = 0.6
RETAKE_SHARE = 0.12
NOTE_SHARE = 0.25
# A few are part-way through: started, some answers saved, not sent.
UNFINISHED_SHARE = 0.05
NOTES = (
    "Talked through the result. Booked onto the Introduction to care course.",
    "Keen to start on nights. Referred to the DBS check once an offer comes.",
    "Would like a placement close to home; travels by bus.",
    "Confident with people, less with the phone app. Digital skills session booked.",
    "Going to bring passport and share code next week.",
    "Interested in home care. Suggested shadow shifts with a home-care team first.",
)


@dataclass(frozen=True)
class DemoAssessments:
    attempts: int
    retakes: int
    unfinished: int
    notes: int
    by_level: dict[str, int]


def demo_assessments_clear() -> None:
    # Attempts protect the bank versions they were scored on; the versions stay (the
    # published default is the migration's, not the demo's).
    AdviserNote.objects.all().delete()
    Attempt.objects.all().delete()


def _answers(
    rng: np.random.Generator, questions: Sequence[dict[str, Any]], disposition: float
) -> dict[str, str]:
    answers = {}
    for entry in questions:
        options = entry["options"]
        if rng.random() < disposition:
            best = max(options, key=lambda option: sum(option["scores"].values()))
            answers[entry["key"]] = best["key"]
        else:
            answers[entry["key"]] = options[int(rng.integers(len(options)))]["key"]
    return answers


def demo_assessments_load(
    *,
    candidates: Sequence[Candidate],
    adviser_ids: Sequence[int],
    seed: int,
    loaded_at: datetime,
) -> DemoAssessments:
    """Attempts for a share of ``candidates`` (who must be saved), scored by the engine as
    the service would, in bulk; notes by the advisers in ``adviser_ids``."""
    version = assessment_selectors.current_bank_version()
    if version is None or not candidates:
        return DemoAssessments(0, 0, 0, 0, {})
    rng = np.random.default_rng(seed + SEED_OFFSET)
    bank = engine.parse_bank(version.document)
    questions = version.document["questions"]
    attempts: list[Attempt] = []
    noted: list[int] = []
    retakes = unfinished = 0
    for candidate in candidates:
        draw = rng.random()
        if draw >= TAKEN_SHARE + UNFINISHED_SHARE:
            continue
        registered = candidate.created_at
        days_since = max(1, (loaded_at - registered).days)
        started = registered + timedelta(
            days=int(rng.integers(0, days_since)), minutes=int(rng.integers(8 * 60, 20 * 60))
        )
        started = min(started, loaded_at - timedelta(hours=1))
        language = candidate.language
        if draw >= TAKEN_SHARE:
            answers = _answers(rng, questions, 0.7)
            kept = dict(list(answers.items())[: int(rng.integers(1, len(questions)))])
            attempts.append(
                Attempt(
                    candidate=candidate,
                    bank_version=version,
                    language=language,
                    started_at=started,
                    answers=kept,
                    created_at=started,
                )
            )
            unfinished += 1
            continue
        disposition = float(rng.beta(5, 2))
        tries = 2 if rng.random() < RETAKE_SHARE else 1
        for attempt_number in range(tries):
            at = started + timedelta(days=45 * attempt_number)
            if at >= loaded_at:
                break
            answers = _answers(rng, questions, min(0.98, disposition + 0.15 * attempt_number))
            result = engine.score(bank, answers)
            attempts.append(
                Attempt(
                    candidate=candidate,
                    bank_version=version,
                    language=language,
                    started_at=at,
                    submitted_at=at + timedelta(minutes=int(rng.integers(9, 40))),
                    answers=answers,
                    level=result.level.value,
                    result=assessment_services.result_as_json(result),
                    created_at=at,
                )
            )
            retakes += attempt_number
            if adviser_ids and rng.random() < NOTE_SHARE:
                noted.append(len(attempts) - 1)
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    notes = [
        AdviserNote(
            attempt=attempts[index],
            written_at=min(
                loaded_at,
                (attempts[index].submitted_at or loaded_at)
                + timedelta(days=int(rng.integers(1, 6))),
            ),
            written_by_id=int(adviser_ids[int(rng.integers(len(adviser_ids)))]),
            text=NOTES[int(rng.integers(len(NOTES)))],
        )
        for index in noted
    ]
    AdviserNote.objects.bulk_create(notes, batch_size=2000)
    by_level: dict[str, int] = {}
    for attempt in attempts:
        if attempt.level:
            by_level[attempt.level] = by_level.get(attempt.level, 0) + 1
    return DemoAssessments(
        attempts=len(attempts),
        retakes=retakes,
        unfinished=unfinished,
        notes=len(notes),
        by_level=by_level,
    )

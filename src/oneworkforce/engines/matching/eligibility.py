"""Hard eligibility rules, vectorised over pairs, each failure with a plain reason.

A pair is eligible when the candidate has the right to work, holds a criminal-record check
at least at the job's level, is at least the job's minimum age, has a driving licence and a
car if the job needs them, holds every required qualification, and lives within their own
travel limit of the job.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import reasons
from .types import BoolArray, Candidates, IntArray, Vacancies

__all__ = ["eligible_pairs", "ineligibility_reasons"]


def eligible_pairs(
    candidates: Candidates, vacancies: Vacancies, c: IntArray, v: IntArray
) -> BoolArray:
    """True where the pair ``(c[i], v[i])`` passes every hard rule. Cost: O(P * words)."""
    dx = candidates.x_km[c] - vacancies.x_km[v]
    dy = candidates.y_km[c] - vacancies.y_km[v]
    limit = candidates.max_travel_km[c]
    ok: BoolArray = (dx * dx + dy * dy) <= limit * limit
    ok &= candidates.right_to_work[c]
    ok &= candidates.check_level[c] >= vacancies.check_level[v]
    ok &= candidates.age[c] >= vacancies.min_age[v]
    ok &= ~vacancies.needs_driving[v] | (candidates.driving_licence[c] & candidates.car[c])
    missing = vacancies.required_skills[v] & ~candidates.skills[c]
    ok &= ~np.any(missing != 0, axis=-1)
    return ok


def ineligibility_reasons(
    candidates: Candidates,
    vacancies: Vacancies,
    c: int,
    v: int,
    skill_names: Sequence[str] | None = None,
    translate: reasons.Translate = reasons.english,
) -> tuple[str, ...]:
    """Every hard rule the pair fails, as plain sentences (empty when eligible), each template
    passed through ``translate`` before it is filled in.

    >>> from oneworkforce.engines.matching.examples import tiny_district
    >>> people, jobs = tiny_district()
    >>> for reason in ineligibility_reasons(people, jobs, 1, 0):
    ...     print(reason)
    The job needs an enhanced check; the candidate has a basic check
    The job needs a driving licence and a car
    >>> ineligibility_reasons(people, jobs, 0, 0)
    ()
    """
    found: list[str] = []
    if not candidates.right_to_work[c]:
        found.append(translate(reasons.INELIGIBLE_RIGHT_TO_WORK))
    if candidates.check_level[c] < vacancies.check_level[v]:
        found.append(
            translate(reasons.INELIGIBLE_CHECK).format(
                needed=translate(reasons.CHECK_LEVELS[int(vacancies.check_level[v])]),
                held=translate(reasons.CHECK_LEVELS[int(candidates.check_level[c])]),
            )
        )
    if candidates.age[c] < vacancies.min_age[v]:
        found.append(
            translate(reasons.INELIGIBLE_AGE).format(
                minimum=int(vacancies.min_age[v]), age=int(candidates.age[c])
            )
        )
    if vacancies.needs_driving[v] and not (candidates.driving_licence[c] and candidates.car[c]):
        found.append(translate(reasons.INELIGIBLE_DRIVING))
    missing = np.atleast_1d(vacancies.required_skills[v] & ~candidates.skills[c])
    for word in range(missing.shape[0]):
        for bit in range(64):
            if (int(missing[word]) >> bit) & 1:
                index = 64 * word + bit
                name = skill_names[index] if skill_names is not None else f"qualification {index}"
                found.append(translate(reasons.INELIGIBLE_QUALIFICATION).format(name=name))
    dx = candidates.x_km[c] - vacancies.x_km[v]
    dy = candidates.y_km[c] - vacancies.y_km[v]
    limit = candidates.max_travel_km[c]
    if dx * dx + dy * dy > limit * limit:
        found.append(
            translate(reasons.INELIGIBLE_DISTANCE).format(
                distance=float(np.hypot(dx, dy)), limit=float(limit)
            )
        )
    return tuple(found)

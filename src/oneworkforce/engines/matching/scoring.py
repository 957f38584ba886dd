"""A documented, weighted score with its parts and plain sentences.

Each part is a value in [0, 1]; the score is ``100 * sum(weight * value) / sum(weights)``:

- distance: ``1 - minutes / max_minutes`` (at least 0), where minutes is the straight-line
  distance over the speed of the candidate's travel mode;
- shifts: the share of the job's shifts (days x early/late/night) the candidate is available for;
- hours: 1 inside the candidate's wanted range, falling to 0 at ``hours_tolerance`` hours outside;
- skills: the share of the job's desired qualifications and skills the candidate holds;
- experience: years held over years asked for (at most 1; 1 when none are asked for);
- interests: half for an interest in the job's role, half for its setting;
- languages: the share of the job's wished-for languages the candidate speaks.

Weights are data: :class:`Weights` loads from a JSON object, so a partnership can tune them
without touching code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from . import reasons
from .types import Candidates, FloatArray, IntArray, ScorePart, Vacancies

__all__ = ["PART_NAMES", "Weights", "part_values", "popcount_rows", "score_pairs", "score_parts"]

PART_NAMES = ("distance", "shifts", "hours", "skills", "experience", "interests", "languages")


@dataclass(frozen=True)
class Weights:
    """The weight of each part, and the travel assumptions behind the distance part.

    >>> Weights.from_json('{"distance": 3}').distance
    3.0
    """

    distance: float = 2.0
    shifts: float = 2.0
    hours: float = 1.0
    skills: float = 2.0
    experience: float = 1.0
    interests: float = 1.0
    languages: float = 0.5
    speed_km_per_hour: tuple[float, float, float, float] = (5.0, 15.0, 20.0, 35.0)
    max_minutes: float = 60.0
    hours_tolerance: float = 20.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Weights:
        """Weights from a mapping; unknown keys are an error, missing keys keep defaults."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown weight names: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "speed_km_per_hour":
                speeds = tuple(float(x) for x in value)
                if len(speeds) != 4 or min(speeds) <= 0:
                    raise ValueError("speed_km_per_hour needs four positive speeds")
                values[key] = speeds
            else:
                number = float(value)
                if number < 0 or not np.isfinite(number):
                    raise ValueError(f"weight {key} must be a finite number, 0 or more")
                values[key] = number
        weights = cls(**values)
        if weights.total() <= 0:
            raise ValueError("at least one part needs a positive weight")
        return weights

    @classmethod
    def from_json(cls, text: str) -> Weights:
        """Weights from a JSON object such as ``{"distance": 3, "languages": 0}``."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("weights must be a JSON object")
        return cls.from_dict(data)

    def to_json(self) -> str:
        """The weights as a JSON object."""
        return json.dumps(asdict(self))

    def vector(self) -> FloatArray:
        """The part weights in :data:`PART_NAMES` order."""
        return np.array([getattr(self, name) for name in PART_NAMES], dtype=np.float64)

    def total(self) -> float:
        """The sum of the part weights."""
        return float(self.vector().sum())

    def distance_factors(self) -> FloatArray:
        """Per travel mode, the share of ``max_minutes`` one kilometre takes.

        The distance part is ``1 - km * factor``; a product rather than two divisions keeps the
        compiled kernel's arithmetic cheap and identical to this module's.
        """
        speeds = np.asarray(self.speed_km_per_hour, dtype=np.float64)
        factors: FloatArray = 60.0 / (speeds * self.max_minutes)
        return factors


def popcount_rows(bits: np.ndarray) -> IntArray:
    """Set bits per bitset: sums over the last axis (the 64-bit words) of a uint64 array."""
    counts: IntArray = np.bitwise_count(bits).sum(axis=-1, dtype=np.int64)
    return counts


def part_values(
    candidates: Candidates, vacancies: Vacancies, c: IntArray, v: IntArray, weights: Weights
) -> tuple[FloatArray, ...]:
    """The seven part values (each in [0, 1]) for the pairs ``(c[i], v[i])``, plus distance."""
    dx = candidates.x_km[c] - vacancies.x_km[v]
    dy = candidates.y_km[c] - vacancies.y_km[v]
    distance = np.sqrt(dx * dx + dy * dy)
    factors = weights.distance_factors()
    distance_value = np.maximum(0.0, 1.0 - distance * factors[candidates.travel_mode[c]])

    shift_pattern = vacancies.shifts[v]
    wanted = np.bitwise_count(shift_pattern).astype(np.float64)
    covered = np.bitwise_count(shift_pattern & candidates.availability[c]).astype(np.float64)
    shifts_value = np.where(wanted > 0, covered / np.maximum(wanted, 1.0), 1.0)

    hours = vacancies.hours[v]
    gap = np.maximum(candidates.hours_min[c] - hours, 0.0) + np.maximum(
        hours - candidates.hours_max[c], 0.0
    )
    hours_value = np.maximum(0.0, 1.0 - gap * (1.0 / weights.hours_tolerance))

    desired = vacancies.desired_skills[v]
    skills_wanted = popcount_rows(desired).astype(np.float64)
    skills_held = popcount_rows(desired & candidates.skills[c]).astype(np.float64)
    skills_value = np.where(skills_wanted > 0, skills_held / np.maximum(skills_wanted, 1.0), 1.0)

    years_wanted = vacancies.experience_years[v]
    experience_value = np.where(
        years_wanted > 0,
        np.minimum(1.0, candidates.experience_years[c] * (1.0 / np.maximum(years_wanted, 1e-9))),
        1.0,
    )

    one = np.uint64(1)
    role_bit = (candidates.interest_roles[c] >> vacancies.role[v].astype(np.uint64)) & one
    setting_bit = (candidates.interest_settings[c] >> vacancies.setting[v].astype(np.uint64)) & one
    interests_value = 0.5 * role_bit.astype(np.float64) + 0.5 * setting_bit.astype(np.float64)

    languages = vacancies.languages[v]
    languages_wanted = np.bitwise_count(languages).astype(np.float64)
    languages_held = np.bitwise_count(languages & candidates.languages[c]).astype(np.float64)
    languages_value = np.where(
        languages_wanted > 0, languages_held / np.maximum(languages_wanted, 1.0), 1.0
    )
    return (
        distance_value,
        shifts_value,
        hours_value,
        skills_value,
        experience_value,
        interests_value,
        languages_value,
        distance,
    )


def score_pairs(
    candidates: Candidates, vacancies: Vacancies, c: IntArray, v: IntArray, weights: Weights
) -> FloatArray:
    """Scores (0 to 100) of the pairs ``(c[i], v[i])``; eligibility is not checked here.

    Cost: O(P * words) for P pairs, all in NumPy.
    """
    values = part_values(candidates, vacancies, c, v, weights)
    w = weights.vector()
    total = w[0] * values[0]
    for i in range(1, 7):
        total = total + w[i] * values[i]
    result: FloatArray = total * (100.0 / weights.total())
    return result


def score_parts(
    candidates: Candidates,
    vacancies: Vacancies,
    c: int,
    v: int,
    weights: Weights,
    skill_names: Sequence[str] | None = None,
    translate: reasons.Translate = reasons.english,
) -> tuple[float, tuple[ScorePart, ...]]:
    """One pair's score and its parts, each with a sentence a candidate or employer reads,
    its template passed through ``translate`` before it is filled in."""
    ci = np.array([c])
    vi = np.array([v])
    values = [float(x[0]) for x in part_values(candidates, vacancies, ci, vi, weights)]
    distance = values[7]
    mode = int(candidates.travel_mode[c])
    minutes = distance / weights.speed_km_per_hour[mode] * 60.0
    shifts = int(vacancies.shifts[v])
    desired = vacancies.desired_skills[v]
    held_bits = desired & candidates.skills[c]
    skills_wanted = int(popcount_rows(desired).sum())
    skills_held = int(popcount_rows(held_bits).sum())
    if skills_wanted == 0:
        skills_sentence = translate(reasons.SCORE_SKILLS_NONE_ASKED)
    elif skills_wanted == 1 and skills_held == 1 and skill_names is not None:
        skills_sentence = translate(reasons.SCORE_SKILL_ONE).format(
            name=skill_names[_bits(held_bits)[0]]
        )
    else:
        skills_sentence = translate(reasons.SCORE_SKILLS).format(
            held=skills_held, wanted=skills_wanted
        )
    low, high, hours = (
        float(candidates.hours_min[c]),
        float(candidates.hours_max[c]),
        float(vacancies.hours[v]),
    )
    years, years_wanted = (
        float(candidates.experience_years[c]),
        float(vacancies.experience_years[v]),
    )
    languages = int(vacancies.languages[v])
    wants_role = (int(candidates.interest_roles[c]) >> int(vacancies.role[v])) & 1
    wants_setting = (int(candidates.interest_settings[c]) >> int(vacancies.setting[v])) & 1
    sentences = (
        translate(reasons.SCORE_DISTANCE).format(
            distance=distance, minutes=minutes, mode=translate(reasons.TRAVEL_MODES[mode])
        ),
        translate(reasons.SCORE_SHIFTS).format(
            covered=int(np.bitwise_count(np.uint64(shifts & int(candidates.availability[c])))),
            wanted=int(np.bitwise_count(np.uint64(shifts))),
        )
        if shifts
        else translate(reasons.SCORE_SHIFTS_NONE_SET),
        translate(
            reasons.SCORE_HOURS_FIT if low <= hours <= high else reasons.SCORE_HOURS_MISS
        ).format(low=low, high=high, hours=hours),
        skills_sentence,
        translate(reasons.SCORE_EXPERIENCE).format(years=years, wanted=years_wanted)
        if years_wanted > 0
        else translate(reasons.SCORE_EXPERIENCE_NONE_ASKED),
        translate(_INTERESTS[wants_role][wants_setting]),
        translate(reasons.SCORE_LANGUAGES).format(
            held=int(np.bitwise_count(np.uint64(languages & int(candidates.languages[c])))),
            wanted=int(np.bitwise_count(np.uint64(languages))),
        )
        if languages
        else translate(reasons.SCORE_LANGUAGES_NONE_ASKED),
    )
    w = weights.vector()
    scale = 100.0 / weights.total()
    parts = tuple(
        ScorePart(name, float(w[i]), values[i], float(w[i] * values[i] * scale), sentences[i])
        for i, name in enumerate(PART_NAMES)
    )
    score = float(score_pairs(candidates, vacancies, ci, vi, weights)[0])
    return score, parts


# The interests sentence by [interested in the role][interested in the setting].
_INTERESTS = (
    (reasons.SCORE_INTERESTS_NEITHER, reasons.SCORE_INTERESTS_SETTING),
    (reasons.SCORE_INTERESTS_ROLE, reasons.SCORE_INTERESTS_BOTH),
)


def _bits(bitset: np.ndarray) -> list[int]:
    words = np.atleast_1d(bitset)
    return [
        64 * w + b for w in range(words.shape[0]) for b in range(64) if (int(words[w]) >> b) & 1
    ]

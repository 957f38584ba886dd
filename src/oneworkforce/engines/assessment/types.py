"""The plain data of the pre-employment assessment: a question bank, answers, and a result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "CARE_VALUES",
    "MEASURES",
    "READINESS_ITEMS",
    "SKILLS",
    "Band",
    "Bank",
    "Level",
    "MeasureScore",
    "Option",
    "Question",
    "Reason",
    "Recommendations",
    "Result",
    "Scoring",
    "Section",
]

# The care values the situational questions are scored against (the "6Cs" of care and the
# values employers in the partnership recruit for).
CARE_VALUES = (
    "compassion",
    "respect",
    "dignity",
    "communication",
    "reliability",
    "teamwork",
    "courage",
)
# Functional skills the candidate checks for themself.
SKILLS = ("english", "maths", "digital")
# What an employer needs before a first shift.
READINESS_ITEMS = ("documents", "checks", "availability")
MEASURES = CARE_VALUES + SKILLS + READINESS_ITEMS


class Section(StrEnum):
    VALUES = "values"
    SKILLS = "skills"
    READINESS = "readiness"


SECTION_MEASURES: Mapping[Section, tuple[str, ...]] = {
    Section.VALUES: CARE_VALUES,
    Section.SKILLS: SKILLS,
    Section.READINESS: READINESS_ITEMS,
}


class Level(StrEnum):
    """How ready someone is for a care job, from most to least."""

    READY_NOW = "ready_now"
    READY_WITH_SUPPORT = "ready_with_support"
    NEEDS_PREPARATION = "needs_preparation"


class Band(StrEnum):
    """How one measure came out against the bank's thresholds."""

    STRONG = "strong"
    DEVELOPING = "developing"
    CONCERN = "concern"


@dataclass(frozen=True)
class Option:
    key: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class Question:
    key: str
    section: Section
    options: tuple[Option, ...]

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True)
class Scoring:
    """Thresholds, as whole percentages of a measure's maximum, and what each gap recommends.

    ``strong_percent``: at or above it a measure is a strength. ``concern_percent``: below it
    a measure is a concern. In between, it is developing.
    """

    strong_percent: int
    concern_percent: int
    training: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    next_steps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    placements: Mapping[Level, tuple[str, ...]] = field(default_factory=dict)
    roles: Mapping[Level, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Bank:
    questions: tuple[Question, ...]
    scoring: Scoring

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)

    def maximum(self, measure: str) -> int:
        """The most points the bank can give ``measure``: the best option of every question."""
        return sum(
            max((option.scores.get(measure, 0) for option in question.options), default=0)
            for question in self.questions
        )


@dataclass(frozen=True)
class MeasureScore:
    measure: str
    points: int
    maximum: int
    band: Band

    @property
    def percent(self) -> int:
        """The share of the maximum, rounded down to a whole percentage for display."""
        return self.points * 100 // self.maximum if self.maximum else 0


@dataclass(frozen=True)
class Reason:
    """One sentence of the result's explanation: a measure, how it came out, and why it
    matters for the level."""

    measure: str
    band: Band


@dataclass(frozen=True)
class Recommendations:
    """Keys into the reference lists (training subjects, job roles) and the bank's own next
    steps and placements, in the order the bank lists them."""

    training: tuple[str, ...]
    next_steps: tuple[str, ...]
    placements: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    level: Level
    scores: tuple[MeasureScore, ...]
    reasons: tuple[Reason, ...]
    recommendations: Recommendations

    def score(self, measure: str) -> MeasureScore:
        return next(score for score in self.scores if score.measure == measure)

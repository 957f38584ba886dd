"""What the assessment engine refuses, with the messages advisers and tests read."""

from __future__ import annotations

__all__ = ["AnswersError", "BankError"]


class AnswersError(ValueError):
    UNANSWERED = "Question {key} has no answer"
    UNKNOWN_OPTION = "Question {key} has no option {option}"
    UNKNOWN_QUESTION = "The bank has no question {keys}"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BankError(ValueError):
    """A question bank that cannot be used, with every problem found (not just the first)."""

    NOT_AN_OBJECT = "The bank must be a JSON object"
    UNKNOWN_FORMAT = "The bank's format must be {expected}"
    MISSING = "{where}: {name} is missing"
    NOT_A_LIST = "{where}: {name} must be a list"
    NO_ENGLISH = "{where}: {name} needs English text"
    BAD_KEY = (
        "{where}: the key {key!r} must be lower-case letters, digits and hyphens, 1 to 40 of them"
    )
    DUPLICATE_QUESTION = "Question {key} appears more than once"
    UNKNOWN_SECTION = "Question {key}: section must be one of {sections}"
    TOO_FEW_OPTIONS = "Question {key} needs at least 2 options"
    DUPLICATE_OPTION = "Question {key}: option {option} appears more than once"
    UNKNOWN_MEASURE = "{where}: {measure} is not one of {measures}"
    BAD_POINTS = "{where}: points for {measure} must be a whole number from 0 to {most}"
    EMPTY_SECTION = "Section {section} has no questions"
    BAD_PERCENT = "Scoring: {name} must be a whole number from 1 to 100"
    THRESHOLDS_ORDER = "Scoring: the concern threshold must be below the strong threshold"
    UNKNOWN_LEVEL = "{where}: {level} is not one of {levels}"
    UNKNOWN_STEP = "{where}: {key} is not described in {table}"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems

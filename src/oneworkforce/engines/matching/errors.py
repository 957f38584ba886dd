"""Exceptions raised by the matching engine, with their messages beside them.

Every message is a plain-English format string, kept here so that the Django layer can mark
it for translation; the engine itself never imports a translation function.
"""

from __future__ import annotations

__all__ = [
    "ALLOCATION_CANDIDATE_TWICE",
    "ALLOCATION_NOT_OBJECT",
    "ALLOCATION_UNKNOWN_CANDIDATE",
    "ALLOCATION_UNKNOWN_PROVIDER",
    "ARRAY_CAPACITY_NEGATIVE",
    "ARRAY_ID_OUT_OF_RANGE",
    "ARRAY_LIST_DUPLICATE",
    "ARRAY_OFFSETS_BAD",
    "ARRAY_SHAPE_BAD",
    "ARRAY_TIERS_BAD",
    "CANDIDATE_DUPLICATE_ID",
    "CHOICE_DUPLICATE",
    "CHOICE_UNKNOWN_PROVIDER",
    "ENTRY_BAD_ID",
    "FIELD_MISSING",
    "FIELD_WRONG_TYPE",
    "FILE_NOT_JSON",
    "FILE_NOT_READABLE",
    "PROVIDER_CAPACITY_BAD",
    "PROVIDER_CAPACITY_NEGATIVE",
    "PROVIDER_DUPLICATE_ID",
    "RANKING_DUPLICATE",
    "RANKING_UNKNOWN_CANDIDATE",
    "SCORE_DUPLICATE",
    "SCORE_MISSING",
    "SCORE_NOT_NUMBER",
    "SCORE_UNKNOWN_CANDIDATE",
    "SCORE_UNKNOWN_PROVIDER",
    "TOP_NOT_OBJECT",
    "InvalidAllocationError",
    "InvalidInstanceError",
    "MatchingError",
]

# Problems with the JSON file as a whole.
FILE_NOT_READABLE = "Cannot read {path}: {reason}"
FILE_NOT_JSON = "{where} is not valid JSON: {reason} (line {line}, column {column})"
TOP_NOT_OBJECT = (
    'The instance must be one JSON object with "candidates", "providers" and, for the '
    'optimal method, "scores"'
)
FIELD_MISSING = '{where} has no "{field}"'
FIELD_WRONG_TYPE = '{where}: "{field}" must be {expected}'
ENTRY_BAD_ID = "{where}: every id must be a non-empty string; found {value!r}"

# Problems with candidates, providers and scores.
CANDIDATE_DUPLICATE_ID = 'Candidate id "{id}" appears {count} times; give each candidate one entry'
PROVIDER_DUPLICATE_ID = 'Provider id "{id}" appears {count} times; give each provider one entry'
CHOICE_UNKNOWN_PROVIDER = 'Candidate "{candidate}" chooses "{provider}", which is not a provider'
CHOICE_DUPLICATE = 'Candidate "{candidate}" lists provider "{provider}" more than once'
RANKING_UNKNOWN_CANDIDATE = 'Provider "{provider}" ranks "{candidate}", which is not a candidate'
RANKING_DUPLICATE = 'Provider "{provider}" ranks candidate "{candidate}" more than once'
PROVIDER_CAPACITY_BAD = 'Provider "{provider}": capacity must be a whole number; found {value!r}'
PROVIDER_CAPACITY_NEGATIVE = 'Provider "{provider}": capacity must be 0 or more; found {value}'
SCORE_UNKNOWN_CANDIDATE = 'A score names candidate "{candidate}", which is not a candidate'
SCORE_UNKNOWN_PROVIDER = 'A score names provider "{provider}", which is not a provider'
SCORE_NOT_NUMBER = 'The score for "{candidate}" at "{provider}" must be a finite number'
SCORE_DUPLICATE = 'The pair "{candidate}" at "{provider}" has more than one score'
SCORE_MISSING = (
    'The optimal method needs a score for every acceptable pair; "{candidate}" at "{provider}" '
    "has none"
)

# Problems with an allocation given for checking.
ALLOCATION_NOT_OBJECT = 'The allocation must be one JSON object with "assignments"'
ALLOCATION_UNKNOWN_CANDIDATE = (
    'The allocation names candidate "{candidate}", who is not in the instance'
)
ALLOCATION_UNKNOWN_PROVIDER = (
    'The allocation names provider "{provider}", which is not in the instance'
)
ALLOCATION_CANDIDATE_TWICE = 'The allocation places candidate "{candidate}" more than once'

# Problems with an instance given as arrays.
ARRAY_SHAPE_BAD = (
    "{name} must be a one-dimensional array of length {expected}; it has shape {shape}"
)
ARRAY_OFFSETS_BAD = "{name} must start at 0, never decrease and end at {expected}"
ARRAY_ID_OUT_OF_RANGE = "{name} holds {count} ids outside 0 to {limit}"
ARRAY_LIST_DUPLICATE = "{name} repeats an id within one list {count} times (first in list {row})"
ARRAY_CAPACITY_NEGATIVE = "{count} capacities are negative (first: provider {first})"
ARRAY_TIERS_BAD = (
    "ranking_tiers must be 0 or more, less than the length of the provider's ranking, "
    "and never decrease within it"
)


class MatchingError(Exception):
    """Base class of the matching engine's errors."""


class InvalidInstanceError(MatchingError, ValueError):
    """An allocation instance breaks the format; ``problems`` names every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("; ".join(problems))


class InvalidAllocationError(MatchingError, ValueError):
    """An allocation given for checking names unknown people or places someone twice."""

    def __init__(self, problems: list[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("; ".join(problems))

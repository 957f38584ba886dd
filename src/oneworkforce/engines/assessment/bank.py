"""Reading a question bank document (the JSON an adviser edits and a version stores).

The document holds the questions' text in every language beside their scoring; the engine
keeps only what scoring needs. Its shape::

    {"format": 1,
     "sections": {"values": {"title": {"en-gb": "…", "ur": "…"}, "intro": {…}}, …},
     "questions": [{"key": "refuses-wash", "section": "values",
                    "prompt": {"en-gb": "…", "ur": "…"}, "hint": {…},
                    "options": [{"key": "ask-why", "label": {…}, "scores": {"dignity": 2}}]}],
     "scoring": {"strong_percent": 75, "concern_percent": 40},
     "recommendations": {"training": {measure: [training subject key, …]},
                         "next_steps": {measure: [step key, …]},
                         "placements": {level: [placement key, …]},
                         "roles": {level: [job role key, …]}},
     "steps": {step key: {"en-gb": "…", "ur": "…"}},
     "placement_kinds": {placement key: {"en-gb": "…", "ur": "…"}}}

Text is a mapping of language code to text; English (``en-gb``) is required, other
languages fall back to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oneworkforce.engines.assessment.errors import BankError
from oneworkforce.engines.assessment.types import (
    MEASURES,
    Bank,
    Level,
    Option,
    Question,
    Scoring,
    Section,
)

__all__ = ["FORMAT", "MOST_POINTS", "parse_bank"]

FORMAT = 1
# The most points one option may give one measure: enough to weigh a question, small enough
# that no single answer decides a value on its own.
MOST_POINTS = 3
ENGLISH = "en-gb"
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _text_problems(where: str, name: str, text: Any) -> list[str]:
    if not isinstance(text, Mapping) or not str(text.get(ENGLISH, "")).strip():
        return [BankError.NO_ENGLISH.format(where=where, name=name)]
    return []


def _key_problems(where: str, key: Any) -> list[str]:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return [BankError.BAD_KEY.format(where=where, key=key)]
    return []


def _scores(where: str, scores: Any, problems: list[str]) -> dict[str, int]:
    if not isinstance(scores, Mapping):
        problems.append(BankError.MISSING.format(where=where, name="scores"))
        return {}
    parsed = {}
    for measure, points in scores.items():
        if measure not in MEASURES:
            problems.append(
                BankError.UNKNOWN_MEASURE.format(
                    where=where, measure=measure, measures=", ".join(MEASURES)
                )
            )
        elif (
            isinstance(points, bool)
            or not isinstance(points, int)
            or not (0 <= points <= MOST_POINTS)
        ):
            problems.append(
                BankError.BAD_POINTS.format(where=where, measure=measure, most=MOST_POINTS)
            )
        else:
            parsed[measure] = points
    return parsed


def _question(entry: Any, index: int, problems: list[str]) -> Question | None:
    where = f"Question {index + 1}"
    if not isinstance(entry, Mapping):
        problems.append(BankError.MISSING.format(where=where, name="its details"))
        return None
    key = entry.get("key")
    found = _key_problems(where, key)
    if found:
        problems.extend(found)
        return None
    where = f"Question {key}"
    section = entry.get("section")
    if section not in Section.__members__.values():
        problems.append(
            BankError.UNKNOWN_SECTION.format(key=key, sections=", ".join(s.value for s in Section))
        )
        return None
    problems.extend(_text_problems(where, "the question", entry.get("prompt")))
    if entry.get("hint"):
        problems.extend(_text_problems(where, "the hint", entry["hint"]))
    raw_options = entry.get("options")
    if not isinstance(raw_options, list):
        problems.append(BankError.NOT_A_LIST.format(where=where, name="options"))
        return None
    if len(raw_options) < 2:
        problems.append(BankError.TOO_FEW_OPTIONS.format(key=key))
    options = []
    seen = set()
    for number, raw in enumerate(raw_options, start=1):
        option_where = f"{where}, option {number}"
        if not isinstance(raw, Mapping):
            problems.append(BankError.MISSING.format(where=option_where, name="its details"))
            continue
        option_key = raw.get("key")
        key_found = _key_problems(option_where, option_key)
        if key_found:
            problems.extend(key_found)
            continue
        if option_key in seen:
            problems.append(BankError.DUPLICATE_OPTION.format(key=key, option=option_key))
        seen.add(option_key)
        problems.extend(_text_problems(option_where, "the answer", raw.get("label")))
        options.append(Option(str(option_key), _scores(option_where, raw.get("scores"), problems)))
    return Question(key=str(key), section=Section(str(section)), options=tuple(options))


def _keys_by(
    where: str, table: Any, allowed: tuple[str, ...], kind: str, problems: list[str]
) -> dict[str, tuple[str, ...]]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        problems.append(BankError.MISSING.format(where="Recommendations", name=where))
        return {}
    parsed = {}
    for name, keys in table.items():
        if name not in allowed:
            message = (
                BankError.UNKNOWN_MEASURE.format(
                    where=f"Recommendations, {where}", measure=name, measures=", ".join(allowed)
                )
                if kind == "measure"
                else BankError.UNKNOWN_LEVEL.format(
                    where=f"Recommendations, {where}", level=name, levels=", ".join(allowed)
                )
            )
            problems.append(message)
            continue
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            problems.append(
                BankError.NOT_A_LIST.format(where=f"Recommendations, {where}", name=name)
            )
            continue
        parsed[name] = tuple(keys)
    return parsed


def _percent(scoring: Mapping[str, Any], name: str, problems: list[str]) -> int:
    value = scoring.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        problems.append(BankError.BAD_PERCENT.format(name=name))
        return 0
    return value


def _described(
    where: str, table: Mapping[str, tuple[str, ...]], texts: Any, name: str, problems: list[str]
) -> None:
    texts = texts if isinstance(texts, Mapping) else {}
    for keys in table.values():
        for key in keys:
            if key not in texts:
                problems.append(BankError.UNKNOWN_STEP.format(where=where, key=key, table=name))
            else:
                problems.extend(_text_problems(f"{name} {key}", "the description", texts[key]))


def parse_bank(document: Any) -> Bank:
    """The bank a document describes, or :class:`BankError` listing every problem in it.

    >>> bank = parse_bank({
    ...     "format": 1,
    ...     "questions": [
    ...         {"key": "q1", "section": "values", "prompt": {"en-gb": "What do you do?"},
    ...          "options": [{"key": "a", "label": {"en-gb": "Ask"}, "scores": {"respect": 2}},
    ...                      {"key": "b", "label": {"en-gb": "Leave"}, "scores": {}}]},
    ...         {"key": "q2", "section": "skills", "prompt": {"en-gb": "Can you read…?"},
    ...          "options": [{"key": "a", "label": {"en-gb": "Yes"}, "scores": {"english": 1}},
    ...                      {"key": "b", "label": {"en-gb": "No"}, "scores": {}}]},
    ...         {"key": "q3", "section": "readiness", "prompt": {"en-gb": "Have you…?"},
    ...          "options": [{"key": "a", "label": {"en-gb": "Yes"}, "scores": {"checks": 1}},
    ...                      {"key": "b", "label": {"en-gb": "No"}, "scores": {}}]},
    ...     ],
    ...     "scoring": {"strong_percent": 75, "concern_percent": 40},
    ... })
    >>> [question.key for question in bank.questions], bank.maximum("respect")
    (['q1', 'q2', 'q3'], 2)
    >>> parse_bank({"format": 1, "questions": [], "scoring": {}}).questions
    Traceback (most recent call last):
    ...
    oneworkforce.engines.assessment.errors.BankError: Section values has no questions; ...
    """
    if not isinstance(document, Mapping):
        raise BankError([BankError.NOT_AN_OBJECT])
    if document.get("format") != FORMAT:
        raise BankError([BankError.UNKNOWN_FORMAT.format(expected=FORMAT)])
    problems: list[str] = []
    raw_questions = document.get("questions")
    if not isinstance(raw_questions, list):
        raise BankError([BankError.NOT_A_LIST.format(where="The bank", name="questions")])
    questions = []
    seen = set()
    for index, entry in enumerate(raw_questions):
        question = _question(entry, index, problems)
        if question is None:
            continue
        if question.key in seen:
            problems.append(BankError.DUPLICATE_QUESTION.format(key=question.key))
        seen.add(question.key)
        questions.append(question)
    for section in Section:
        if not any(question.section is section for question in questions):
            problems.append(BankError.EMPTY_SECTION.format(section=section.value))
    raw_scoring = document.get("scoring")
    raw_scoring = raw_scoring if isinstance(raw_scoring, Mapping) else {}
    strong = _percent(raw_scoring, "strong_percent", problems)
    concern = _percent(raw_scoring, "concern_percent", problems)
    if strong and concern and concern >= strong:
        problems.append(BankError.THRESHOLDS_ORDER)
    raw_recommendations = document.get("recommendations") or {}
    if not isinstance(raw_recommendations, Mapping):
        raw_recommendations = {}
        problems.append(BankError.MISSING.format(where="The bank", name="recommendations"))
    levels = tuple(level.value for level in Level)
    training = _keys_by(
        "training", raw_recommendations.get("training"), MEASURES, "measure", problems
    )
    next_steps = _keys_by(
        "next steps", raw_recommendations.get("next_steps"), MEASURES, "measure", problems
    )
    placements = _keys_by(
        "placements", raw_recommendations.get("placements"), levels, "level", problems
    )
    roles = _keys_by("roles", raw_recommendations.get("roles"), levels, "level", problems)
    _described("Recommendations, next steps", next_steps, document.get("steps"), "steps", problems)
    _described(
        "Recommendations, placements",
        placements,
        document.get("placement_kinds"),
        "placement_kinds",
        problems,
    )
    if problems:
        raise BankError(problems)
    return Bank(
        questions=tuple(questions),
        scoring=Scoring(
            strong_percent=strong,
            concern_percent=concern,
            training=training,
            next_steps=next_steps,
            placements={Level(level): keys for level, keys in placements.items()},
            roles={Level(level): keys for level, keys in roles.items()},
        ),
    )

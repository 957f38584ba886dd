"""The question bank documents as Django sees them: the default one shipped in ``data/``,
text in the page's language, and the checks against the reference lists that the engine,
knowing no database, cannot make."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from oneworkforce.engines import assessment as engine
from oneworkforce.reference import selectors as reference_selectors

DEFAULT_BANK_PATH = Path(__file__).resolve().parent / "data" / "default_bank.json"
ENGLISH = "en-gb"

UNKNOWN_TRAINING = (
    "Recommendations, training for {measure}: {key} is not in the training subjects list"
)
UNKNOWN_ROLE = "Recommendations, roles for {level}: {key} is not in the job roles list"


# The reference rows (training subjects, job roles) the shipped bank recommends, named here so
# that the translation catalogue carries them: a candidate reading Urdu sees them in Urdu. A
# row an adviser adds to a later version shows its English name.
REFERENCE_NAMES = (
    gettext_noop("Understand your role"),
    gettext_noop("Personal development"),
    gettext_noop("Duty of care"),
    gettext_noop("Equality and diversity"),
    gettext_noop("Person-centred working"),
    gettext_noop("Communication"),
    gettext_noop("Privacy and dignity"),
    gettext_noop("Safeguarding adults"),
    gettext_noop("Handling information"),
    gettext_noop("Dementia awareness (tier 1)"),
    gettext_noop("Care worker"),
    gettext_noop("Support worker"),
    gettext_noop("Community support and outreach work"),
    gettext_noop("Nursing assistant"),
    gettext_noop("Activities worker, co-ordinator"),
    gettext_noop("Ancillary"),
    gettext_noop("Administrative"),
)


def reference_name(name: str) -> str:
    """A reference row's name in the active language where the catalogue has it."""
    return gettext(name)


def default_document() -> dict[str, Any]:
    """The bank this product ships: written for care work in the partnership, in English
    and Urdu."""
    with DEFAULT_BANK_PATH.open(encoding="utf-8") as file:
        document: dict[str, Any] = json.load(file)
    return document


def text_in(text: Mapping[str, str] | None, language: str) -> str:
    """``text`` in ``language``, or in English where it has no translation."""
    if not text:
        return ""
    return text.get(language) or text.get(ENGLISH, "")


def reference_problems(document: Mapping[str, Any]) -> list[str]:
    """Training subjects and job roles a bank recommends that the reference lists lack."""
    recommendations = document.get("recommendations") or {}
    subjects = set(reference_selectors.training_subjects().values_list("key", flat=True))
    roles = set(reference_selectors.job_roles().values_list("key", flat=True))
    problems = [
        UNKNOWN_TRAINING.format(measure=measure, key=key)
        for measure, keys in (recommendations.get("training") or {}).items()
        for key in keys
        if key not in subjects
    ]
    problems += [
        UNKNOWN_ROLE.format(level=level, key=key)
        for level, keys in (recommendations.get("roles") or {}).items()
        for key in keys
        if key not in roles
    ]
    return problems


def bank_problems(document: Any) -> list[str]:
    """Everything that stops ``document`` from being published, or an empty list."""
    try:
        engine.parse_bank(document)
    except engine.BankError as error:
        return error.problems
    return reference_problems(document)


@dataclass(frozen=True)
class ShownOption:
    key: str
    label: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class ShownQuestion:
    key: str
    section: str
    section_title: str
    prompt: str
    hint: str
    options: tuple[ShownOption, ...]
    number: int

    def option_label(self, key: str | None) -> str:
        return next((option.label for option in self.options if option.key == key), "")


def questions_in(document: Mapping[str, Any], language: str) -> list[ShownQuestion]:
    """The document's questions, numbered in order, with their text in ``language``."""
    sections = document.get("sections") or {}
    return [
        ShownQuestion(
            key=entry["key"],
            section=entry["section"],
            section_title=text_in((sections.get(entry["section"]) or {}).get("title"), language),
            prompt=text_in(entry.get("prompt"), language),
            hint=text_in(entry.get("hint"), language),
            options=tuple(
                ShownOption(
                    key=option["key"],
                    label=text_in(option.get("label"), language),
                    scores=option.get("scores") or {},
                )
                for option in entry.get("options", [])
            ),
            number=number,
        )
        for number, entry in enumerate(document.get("questions", []), start=1)
    ]


def section_intro(document: Mapping[str, Any], section: str, language: str) -> str:
    return text_in(((document.get("sections") or {}).get(section) or {}).get("intro"), language)


def supported_language(language: str | None) -> str:
    codes = [code for code, _ in settings.LANGUAGES]
    return language if language in codes else ENGLISH

"""Every sentence the engine shows a candidate or employer, as format strings in one place.

The engine imports no Django, so it cannot translate; every function that writes a sentence
takes ``translate`` (a function from the English template to the reader's language; the
Django layer passes ``gettext``) and formats what it returns. The templates are marked with
:func:`gettext_noop` so that Django's ``makemessages`` finds them for the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "CHECK_LEVELS",
    "INELIGIBLE_AGE",
    "INELIGIBLE_CHECK",
    "INELIGIBLE_DISTANCE",
    "INELIGIBLE_DRIVING",
    "INELIGIBLE_QUALIFICATION",
    "INELIGIBLE_RIGHT_TO_WORK",
    "SCORE_DISTANCE",
    "SCORE_EXPERIENCE",
    "SCORE_EXPERIENCE_NONE_ASKED",
    "SCORE_HOURS_FIT",
    "SCORE_HOURS_MISS",
    "SCORE_INTERESTS_BOTH",
    "SCORE_INTERESTS_NEITHER",
    "SCORE_INTERESTS_ROLE",
    "SCORE_INTERESTS_SETTING",
    "SCORE_LANGUAGES",
    "SCORE_LANGUAGES_NONE_ASKED",
    "SCORE_SHIFTS",
    "SCORE_SHIFTS_NONE_SET",
    "SCORE_SKILLS",
    "SCORE_SKILLS_NONE_ASKED",
    "SCORE_SKILL_ONE",
    "TRAVEL_MODES",
    "Translate",
    "english",
    "gettext_noop",
]

Translate = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """Return ``message``; the name is what ``makemessages`` looks for when it collects text."""
    return message


def english(message: str) -> str:
    """The default ``translate``: every sentence in the English it is written in."""
    return message


TRAVEL_MODES = (
    gettext_noop("on foot"),
    gettext_noop("by bike"),
    gettext_noop("by public transport"),
    gettext_noop("by car"),
)
CHECK_LEVELS = (
    gettext_noop("no criminal-record check"),
    gettext_noop("a basic check"),
    gettext_noop("a standard check"),
    gettext_noop("an enhanced check"),
    gettext_noop("an enhanced check with barred lists"),
)

INELIGIBLE_RIGHT_TO_WORK = gettext_noop("Has not shown the right to work in the UK")
INELIGIBLE_CHECK = gettext_noop("The job needs {needed}; the candidate has {held}")
INELIGIBLE_AGE = gettext_noop(
    "The job needs someone aged at least {minimum}; the candidate is {age}"
)
INELIGIBLE_DRIVING = gettext_noop("The job needs a driving licence and a car")
INELIGIBLE_QUALIFICATION = gettext_noop("The job needs {name}, which the candidate does not have")
INELIGIBLE_DISTANCE = gettext_noop(
    "{distance:.0f} km away; the candidate travels at most {limit:.0f} km"
)

SCORE_DISTANCE = gettext_noop("{distance:.0f} km away, about {minutes:.0f} minutes {mode}")
SCORE_SHIFTS = gettext_noop("Covers {covered} of the {wanted} shifts")
SCORE_SHIFTS_NONE_SET = gettext_noop("The job sets no shift pattern")
SCORE_HOURS_FIT = gettext_noop("Wants {low:g} to {high:g} hours a week; the job offers {hours:g}")
SCORE_HOURS_MISS = gettext_noop(
    "Wants {low:g} to {high:g} hours a week, but the job offers {hours:g}"
)
SCORE_SKILL_ONE = gettext_noop("Has the {name} the job asks for")
SCORE_SKILLS = gettext_noop("Has {held} of the {wanted} qualifications and skills the job asks for")
SCORE_SKILLS_NONE_ASKED = gettext_noop("The job asks for no particular qualifications or skills")
SCORE_EXPERIENCE = gettext_noop("Has {years:g} years' experience; the job asks for {wanted:g}")
SCORE_EXPERIENCE_NONE_ASKED = gettext_noop("The job asks for no experience")
SCORE_INTERESTS_BOTH = gettext_noop("Interested in this kind of job and this kind of place")
SCORE_INTERESTS_ROLE = gettext_noop("Interested in this kind of job, though not this kind of place")
SCORE_INTERESTS_SETTING = gettext_noop(
    "Interested in this kind of place, though not this kind of job"
)
SCORE_INTERESTS_NEITHER = gettext_noop(
    "Has not said they are interested in this kind of job or place"
)
SCORE_LANGUAGES = gettext_noop("Speaks {held} of the {wanted} languages the job would like")
SCORE_LANGUAGES_NONE_ASKED = gettext_noop("The job asks for no particular language")

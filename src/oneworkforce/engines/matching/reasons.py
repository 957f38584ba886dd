"""Every sentence the engine shows a candidate or employer, as format strings in one place.

The Django layer marks these for translation; the engine only formats them.
"""

from __future__ import annotations

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
    "SCORE_INTERESTS",
    "SCORE_LANGUAGES",
    "SCORE_LANGUAGES_NONE_ASKED",
    "SCORE_SHIFTS",
    "SCORE_SHIFTS_NONE_SET",
    "SCORE_SKILLS",
    "SCORE_SKILLS_NONE_ASKED",
    "SCORE_SKILL_ONE",
    "TRAVEL_MODES",
]

TRAVEL_MODES = ("on foot", "by bike", "by public transport", "by car")
CHECK_LEVELS = (
    "no criminal-record check",
    "a basic check",
    "a standard check",
    "an enhanced check",
    "an enhanced check with barred lists",
)

INELIGIBLE_RIGHT_TO_WORK = "Has not shown the right to work in the UK"
INELIGIBLE_CHECK = "The job needs {needed}; the candidate has {held}"
INELIGIBLE_AGE = "The job needs someone aged at least {minimum}; the candidate is {age}"
INELIGIBLE_DRIVING = "The job needs a driving licence and a car"
INELIGIBLE_QUALIFICATION = "The job needs {name}, which the candidate does not have"
INELIGIBLE_DISTANCE = "{distance:.0f} km away; the candidate travels at most {limit:.0f} km"

SCORE_DISTANCE = "{distance:.0f} km away, about {minutes:.0f} minutes {mode}"
SCORE_SHIFTS = "Covers {covered} of the {wanted} shifts"
SCORE_SHIFTS_NONE_SET = "The job sets no shift pattern"
SCORE_HOURS_FIT = "Wants {low:g} to {high:g} hours a week; the job offers {hours:g}"
SCORE_HOURS_MISS = "Wants {low:g} to {high:g} hours a week, but the job offers {hours:g}"
SCORE_SKILL_ONE = "Has the {name} the job asks for"
SCORE_SKILLS = "Has {held} of the {wanted} qualifications and skills the job asks for"
SCORE_SKILLS_NONE_ASKED = "The job asks for no particular qualifications or skills"
SCORE_EXPERIENCE = "Has {years:g} years' experience; the job asks for {wanted:g}"
SCORE_EXPERIENCE_NONE_ASKED = "The job asks for no experience"
SCORE_INTERESTS = "Interested in {matched} of this job's role and setting"
SCORE_LANGUAGES = "Speaks {held} of the {wanted} languages the job would like"
SCORE_LANGUAGES_NONE_ASKED = "The job asks for no particular language"

"""Reading a bank document: every problem is named, and a good document gives its bank."""

from __future__ import annotations

import copy

import pytest

from oneworkforce.engines.assessment import MEASURES, BankError, Level, parse_bank


def _question(key: str, section: str) -> dict:
    return {
        "key": key,
        "section": section,
        "prompt": {"en-gb": f"Question {key}?", "ur": "سوال؟"},
        "options": [
            {"key": "a", "label": {"en-gb": "Yes"}, "scores": {"teamwork": 2}},
            {"key": "b", "label": {"en-gb": "No"}, "scores": {}},
        ],
    }


GOOD = {
    "format": 1,
    "questions": [
        _question("v1", "values"),
        _question("s1", "skills"),
        _question("r1", "readiness"),
    ],
    "scoring": {"strong_percent": 75, "concern_percent": 40},
    "recommendations": {
        "training": {"teamwork": ["care-certificate-01"]},
        "next_steps": {"teamwork": ["volunteer"]},
        "placements": {"needs_preparation": ["taster-day"]},
        "roles": {"ready_now": ["care-worker"]},
    },
    "steps": {"volunteer": {"en-gb": "Volunteer with a community group"}},
    "placement_kinds": {"taster-day": {"en-gb": "A taster day in a care home"}},
}


def _problems(document: dict) -> list[str]:
    with pytest.raises(BankError) as refused:
        parse_bank(document)
    return refused.value.problems


class TestParseBank:
    def test_reads_questions_scoring_and_recommendations(self):
        bank = parse_bank(GOOD)

        assert [question.key for question in bank.questions] == ["v1", "s1", "r1"]
        assert bank.scoring.strong_percent == 75
        assert bank.scoring.roles == {Level.READY_NOW: ("care-worker",)}

    def test_names_a_question_without_english(self):
        document = copy.deepcopy(GOOD)
        document["questions"][0]["prompt"] = {"ur": "سوال؟"}

        assert _problems(document) == [
            BankError.NO_ENGLISH.format(where="Question v1", name="the question")
        ]

    def test_names_every_problem_not_just_the_first(self):
        document = copy.deepcopy(GOOD)
        document["questions"][1]["options"][0]["scores"] = {"kindness": 1, "english": 9}
        document["scoring"] = {"strong_percent": 40, "concern_percent": 60}

        assert _problems(document) == [
            BankError.UNKNOWN_MEASURE.format(
                where="Question s1, option 1",
                measure="kindness",
                measures=", ".join(MEASURES),
            ),
            BankError.BAD_POINTS.format(where="Question s1, option 1", measure="english", most=3),
            BankError.THRESHOLDS_ORDER,
        ]

    def test_names_a_duplicate_question_and_an_empty_section(self):
        document = copy.deepcopy(GOOD)
        document["questions"][2] = _question("v1", "values")

        assert _problems(document) == [
            BankError.DUPLICATE_QUESTION.format(key="v1"),
            BankError.EMPTY_SECTION.format(section="readiness"),
        ]

    def test_names_a_next_step_that_is_not_described(self):
        document = copy.deepcopy(GOOD)
        document["recommendations"]["next_steps"]["teamwork"] = ["volunteer", "mentor"]

        assert _problems(document) == [
            BankError.UNKNOWN_STEP.format(
                where="Recommendations, next steps", key="mentor", table="steps"
            )
        ]

    def test_refuses_a_question_with_one_option(self):
        document = copy.deepcopy(GOOD)
        document["questions"][0]["options"].pop()

        assert _problems(document) == [BankError.TOO_FEW_OPTIONS.format(key="v1")]

    def test_refuses_a_key_with_spaces(self):
        document = copy.deepcopy(GOOD)
        document["questions"][0]["key"] = "Question One"

        assert BankError.BAD_KEY.format(where="Question 1", key="Question One") in _problems(
            document
        )

    def test_refuses_another_format(self):
        assert _problems(GOOD | {"format": 2}) == [BankError.UNKNOWN_FORMAT.format(expected=1)]

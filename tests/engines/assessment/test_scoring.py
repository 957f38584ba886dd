"""Scoring an attempt: bands against the thresholds, the level, reasons and recommendations,
and a property test that every score passes the checker."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneworkforce.engines.assessment import (
    CARE_VALUES,
    MEASURES,
    MOST_POINTS,
    AnswersError,
    Band,
    Bank,
    Level,
    Option,
    Question,
    Scoring,
    Section,
    check_result,
    score,
)

SCORING = Scoring(
    strong_percent=75,
    concern_percent=40,
    training={"compassion": ("care-certificate-05",), "english": ("care-certificate-06",)},
    next_steps={"english": ("esol",), "checks": ("apply-dbs",)},
    placements={Level.READY_WITH_SUPPORT: ("shadowing",), Level.NEEDS_PREPARATION: ("taster",)},
    roles={Level.READY_NOW: ("care-worker",), Level.NEEDS_PREPARATION: ("ancillary",)},
)


def _bank(scoring: Scoring = SCORING) -> Bank:
    return Bank(
        questions=(
            Question(
                "upset-resident",
                Section.VALUES,
                (
                    Option("sit-and-listen", {"compassion": 2, "communication": 1}),
                    Option("call-nurse", {"compassion": 1}),
                    Option("carry-on", {}),
                ),
            ),
            Question(
                "read-plan",
                Section.SKILLS,
                (Option("easily", {"english": 2}), Option("no", {})),
            ),
            Question(
                "dbs",
                Section.READINESS,
                (Option("have-one", {"checks": 1}), Option("none", {})),
            ),
        ),
        scoring=scoring,
    )


BEST = {"upset-resident": "sit-and-listen", "read-plan": "easily", "dbs": "have-one"}


class TestScore:
    def test_best_answers_everywhere_are_ready_now(self):
        result = score(_bank(), BEST)

        assert result.level is Level.READY_NOW
        assert {s.band for s in result.scores} == {Band.STRONG}
        assert result.recommendations.roles == ("care-worker",)
        assert result.recommendations.training == ()

    def test_a_care_value_below_the_concern_threshold_needs_preparation(self):
        answers = BEST | {"upset-resident": "carry-on"}

        result = score(_bank(), answers)

        assert result.level is Level.NEEDS_PREPARATION
        assert result.score("compassion").band is Band.CONCERN
        assert result.recommendations.training == ("care-certificate-05",)
        assert result.recommendations.placements == ("taster",)

    def test_strong_values_with_a_skills_gap_are_ready_with_support(self):
        answers = BEST | {"read-plan": "no", "dbs": "none"}

        result = score(_bank(), answers)

        assert result.level is Level.READY_WITH_SUPPORT
        assert result.recommendations.next_steps == ("esol", "apply-dbs")
        assert result.recommendations.placements == ("shadowing",)

    def test_a_measure_exactly_on_the_strong_threshold_is_strong(self):
        # 1 of 2 is 50%: strong when the threshold is 50, developing at 51.
        answers = BEST | {"upset-resident": "call-nurse"}

        on_threshold = score(_bank(Scoring(strong_percent=50, concern_percent=40)), answers)
        above = score(_bank(Scoring(strong_percent=51, concern_percent=40)), answers)

        assert on_threshold.score("compassion").band is Band.STRONG
        assert above.score("compassion").band is Band.DEVELOPING

    def test_reasons_give_concerns_first_and_strengths_last(self):
        answers = BEST | {"upset-resident": "carry-on", "read-plan": "no"}

        reasons = score(_bank(), answers).reasons

        assert [reason.band for reason in reasons] == sorted(
            (reason.band for reason in reasons),
            key=[Band.CONCERN, Band.DEVELOPING, Band.STRONG].index,
        )
        assert reasons[0].measure == "compassion"

    def test_measures_no_question_scores_are_left_out(self):
        result = score(_bank(), BEST)

        assert "courage" not in {s.measure for s in result.scores}

    def test_refuses_an_unanswered_question(self):
        answers = {"upset-resident": "carry-on", "read-plan": "easily"}

        with pytest.raises(AnswersError) as refused:
            score(_bank(), answers)

        assert refused.value.message == AnswersError.UNANSWERED.format(key="dbs")

    def test_refuses_an_option_the_question_does_not_have(self):
        with pytest.raises(AnswersError) as refused:
            score(_bank(), BEST | {"dbs": "maybe"})

        assert refused.value.message == AnswersError.UNKNOWN_OPTION.format(
            key="dbs", option="maybe"
        )

    def test_refuses_an_answer_to_a_question_the_bank_does_not_hold(self):
        with pytest.raises(AnswersError) as refused:
            score(_bank(), BEST | {"retired-question": "a"})

        assert refused.value.message == AnswersError.UNKNOWN_QUESTION.format(
            keys="retired-question"
        )


class TestCheckResult:
    def test_finds_a_level_that_does_not_follow_from_the_bands(self):
        bank = _bank()
        result = score(bank, BEST)
        wrong = type(result)(
            level=Level.NEEDS_PREPARATION,
            scores=result.scores,
            reasons=result.reasons,
            recommendations=result.recommendations,
        )

        assert check_result(bank, BEST, wrong) == ["level needs_preparation where ready_now is due"]


@st.composite
def banks_and_answers(draw) -> tuple[Bank, dict[str, str]]:
    measures = st.sampled_from(MEASURES)
    questions = []
    for index in range(draw(st.integers(1, 8))):
        options = tuple(
            Option(
                f"o{number}",
                draw(st.dictionaries(measures, st.integers(0, MOST_POINTS), max_size=4)),
            )
            for number in range(draw(st.integers(2, 4)))
        )
        questions.append(Question(f"q{index}", draw(st.sampled_from(list(Section))), options))
    concern = draw(st.integers(1, 99))
    strong = draw(st.integers(concern + 1, 100))
    bank = Bank(tuple(questions), Scoring(strong_percent=strong, concern_percent=concern))
    answers = {
        question.key: draw(st.sampled_from([option.key for option in question.options]))
        for question in questions
    }
    return bank, answers


@settings(max_examples=200, deadline=None)
@given(banks_and_answers())
def test_every_score_passes_the_checker(bank_and_answers):
    bank, answers = bank_and_answers

    result = score(bank, answers)

    assert check_result(bank, answers, result) == []
    concern_in_values = any(
        s.band is Band.CONCERN for s in result.scores if s.measure in CARE_VALUES
    )
    assert (result.level is Level.NEEDS_PREPARATION) == concern_in_values
